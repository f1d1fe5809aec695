package optimal

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// study is an overdamped study of the potential with kT = γ = 1, target
// right, divide 0, re-solved on cells × (τ/dt) by Fokker–Planck.
func study(t testing.TB, kind string, params map[string]float64, cells int, dt float64) *erasure.Study {
	t.Helper()
	pot, err := wells.New(kind, params)
	if err != nil {
		t.Fatal(err)
	}
	return &erasure.Study{Potential: pot, Target: 1, Cells: cells, FPDt: dt,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}}
}

// TestSchmiedlSeifert drags a harmonic trap (k = γ = kT = 1) from 0 to λ_f
// in t_f with free keyframes on its centre and compares the optimum with
// the exact one of Schmiedl & Seifert, PRL 98, 108301 (2007):
// W* = λ_f²/(t_f + 2), jumps of λ_f/(t_f + 2) at both ends and a linear
// ramp between. The optimum is exactly representable by the keyframes, so
// what remains is the discretisation: the work is compared within 4 times
// the re-solve's estimated discretisation error plus 1e-4 kT (the measured
// distance between the discrete-time and the continuum optimum at the
// optimisation's dt = t_f/400: 8e-5 kT at t_f = 1); the node values (the
// discrete-time optimum moves them by O(dt)) within 2 λ_f dt.
func TestSchmiedlSeifert(t *testing.T) {
	for _, tc := range []struct{ tf, lf float64 }{{1, 1}, {2, 3}} {
		s := study(t, "harmonic", nil, 400, 1e-3)
		steps := 400
		r, err := Optimize(context.Background(), Problem{Study: s, Duration: tc.tf, Class: Asymmetric,
			Controls: []string{"center"}, End: map[string]float64{"center": tc.lf}, Nodes: 8},
			Settings{Cells: 200, Steps: steps})
		if err != nil {
			t.Fatal(err)
		}
		want := tc.lf * tc.lf / (tc.tf + 2)
		if tol := 4*r.WorkErr + 1e-4; math.Abs(r.Work-want) > tol {
			t.Errorf("t_f = %g, λ_f = %g: W* = %.6f ± %.2g, want %.6f (tolerance %.2g)", tc.tf, tc.lf, r.Work, r.WorkErr, want, tol)
		}
		if !r.Converged {
			t.Errorf("t_f = %g: not converged", tc.tf)
		}
		jump := tc.lf / (tc.tf + 2)
		dt := tc.tf / float64(steps)
		pts := r.Keyframes["center"]
		for _, p := range pts[1 : len(pts)-1] {
			ramp := jump + (tc.lf-2*jump)*p[0]/tc.tf
			if math.Abs(p[1]-ramp) > 2*tc.lf*dt {
				t.Errorf("t_f = %g: λ(%.4g) = %.5f, optimum %.5f (jump %.5f)", tc.tf, p[0], p[1], ramp, jump)
			}
		}
		t.Logf("t_f = %g, λ_f = %g: W* = %.6f ± %.1g (exact %.6f), λ(0⁺) = %.5f, λ(τ⁻) = %.5f (exact %.5f, %.5f), %d iterations",
			tc.tf, tc.lf, r.Work, r.WorkErr, want, pts[1][1], pts[len(pts)-2][1], jump, tc.lf-jump, r.Iterations)
	}
}

// TestGradientChain checks the chain rule from the adjoint's per-step
// control derivatives to the parameters θ (node values, the logistic
// bounds, the symmetric ties) against central differences of the same
// discrete ⟨W⟩ and ln ε, δ = 1e-5: both are smooth in θ, so the
// difference quotient's truncation error δ²|∂³J| ≲ 1e-9 and its rounding
// error 1e-16|J|/δ ≲ 1e-10; tolerance 1e-6 relative to the largest
// component.
func TestGradientChain(t *testing.T) {
	s := study(t, "jun", map[string]float64{"barrier": 5}, 0, 0)
	for _, class := range []string{Asymmetric, Symmetric} {
		o, err := newOptimizer(context.Background(), Problem{Study: s, Duration: 2, Class: class, Controls: []string{"g", "f"},
			Bounds: map[string][2]float64{"g": {-0.5, 1.5}}, Nodes: 3, MaxError: 1e-2}, Settings{Cells: 60, Steps: 40})
		if err != nil {
			t.Fatal(err)
		}
		th := o.initial(StartPalindrome)
		for i := range th {
			th[i] += 0.1 * math.Sin(float64(3*i+1)) // off the symmetric start's special values
		}
		pt := o.eval(th)
		if pt.err != nil {
			t.Fatal(pt.err)
		}
		const delta = 1e-5
		var gmax float64
		for _, v := range append(append([]float64(nil), pt.gW...), pt.gE...) {
			gmax = max(gmax, math.Abs(v))
		}
		for i := range th {
			p, m := append([]float64(nil), th...), append([]float64(nil), th...)
			p[i] += delta
			m[i] -= delta
			a, b := o.eval(p), o.eval(m)
			fdW := (a.work - b.work) / (2 * delta)
			fdE := (a.lnE - b.lnE) / (2 * delta)
			if math.Abs(fdW-pt.gW[i]) > 1e-6*gmax || math.Abs(fdE-pt.gE[i]) > 1e-6*gmax {
				t.Errorf("%s θ[%d]: ∂W %.9g (difference %.9g), ∂ln ε %.9g (difference %.9g)", class, i, pt.gW[i], fdW, pt.gE[i], fdE)
			}
		}
		if want := 2 * ((3 + 2 + 1) / 2); class == Symmetric && len(th) != want {
			t.Errorf("symmetric: %d parameters, want %d", len(th), want)
		}
	}
}

// smallBit is the problem of the erasure tests: a 10 kT jun bit, τ = 5,
// 4 interior nodes, g in [−0.5, 1.5] and f in [−1.5, 1.5], re-solved on
// 800 cells with dt = 2e-3.
func smallBit(t testing.TB, class string, maxErr float64) Problem {
	return Problem{Study: study(t, "jun", map[string]float64{"barrier": 10}, 800, 2e-3), Duration: 5, Class: class,
		Controls: []string{"g", "f"}, Bounds: map[string][2]float64{"g": {-0.5, 1.5}, "f": {-1.5, 1.5}}, Nodes: 4, MaxError: maxErr}
}

// smallSettings: one start (the palindrome, which is in both classes), on
// a 160-cell, 500-step grid, to keep the tests fast.
var smallSettings = Settings{Cells: 160, Steps: 500, Starts: []string{StartPalindrome}}

// TestErasureClasses: the time-symmetric optimum never falls below the
// bound ½(1 − 2ε) ln((1 − ε)/ε) of Riechers et al. (PRR 2, 033524 (2020)),
// the asymmetric optimum costs no more than the four-stage protocol at the
// four-stage protocol's own error, and both meet ε ≤ ε_max. The bound is
// compared within 4 times the work's discretisation error.
func TestErasureClasses(t *testing.T) {
	ctx := context.Background()
	p := smallBit(t, Asymmetric, 0)
	four := *p.Study
	proto, err := erasure.NewProtocol(erasure.KindFourStage, four.Potential, p.Duration, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	four.Protocol, four.Method = proto, erasure.FokkerPlanck
	ref, err := four.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.MaxError = ref.ErrorRate.Value
	asym, err := Optimize(ctx, p, smallSettings)
	if err != nil {
		t.Fatal(err)
	}
	if asym.ErrorRate+asym.ErrorRateErr > p.MaxError {
		t.Errorf("asymmetric: ε = %.4g > ε_max = %.4g", asym.ErrorRate, p.MaxError)
	}
	if asym.Work > ref.Work.Value+4*(asym.WorkErr+ref.Work.DiscretisationError()) {
		t.Errorf("asymmetric optimum %.5f ± %.1g kT above the four-stage protocol's %.5f ± %.1g", asym.Work, asym.WorkErr, ref.Work.Value, ref.Work.DiscretisationError())
	}
	t.Logf("ε ≤ %.3g (four-stage's): four-stage %.5f kT, asymmetric optimum %.5f ± %.1g kT (ε %.3g, %d iterations, active %v)",
		p.MaxError, ref.Work.Value, asym.Work, asym.WorkErr, asym.ErrorRate, asym.Iterations, asym.ConstraintActive)

	ps := smallBit(t, Symmetric, 1e-6)
	sym, err := Optimize(ctx, ps, smallSettings)
	if err != nil {
		t.Fatal(err)
	}
	bound := erasure.SymmetricBound(sym.ErrorRate)
	if sym.ErrorRate+sym.ErrorRateErr > ps.MaxError {
		t.Errorf("symmetric: ε = %.4g > ε_max = %.4g", sym.ErrorRate, ps.MaxError)
	}
	if sym.Work < bound-4*sym.WorkErr {
		t.Errorf("symmetric optimum %.5f ± %.1g kT below the time-symmetric bound %.5f at ε = %.4g", sym.Work, sym.WorkErr, bound, sym.ErrorRate)
	}
	// λ(t) = λ(τ − t) at the keyframes
	for name, pts := range sym.Keyframes {
		for i := range pts {
			j := len(pts) - 1 - i
			if pts[i][1] != pts[j][1] || math.Abs(pts[i][0]+pts[j][0]-ps.Duration) > 1e-12 {
				t.Errorf("symmetric %s: point %d %v, mirror %v", name, i, pts[i], pts[j])
			}
		}
	}
	t.Logf("ε ≤ 1e-6: symmetric optimum %.5f ± %.1g kT (ε %.3g, bound %.5f, %d iterations, active %v)",
		sym.Work, sym.WorkErr, sym.ErrorRate, bound, sym.Iterations, sym.ConstraintActive)
}

// TestInfeasible asks a 10 kT bit for ε ≤ 1e-12 in τ = 0.2 with the tilt
// bounded to |f| ≤ 0.3: the bit cannot even be tilted into one well, and
// the optimiser must say so with the best ε it reached, not return a
// protocol.
func TestInfeasible(t *testing.T) {
	p := smallBit(t, Asymmetric, 1e-12)
	p.Duration = 0.2
	p.Bounds = map[string][2]float64{"g": {0, 1}, "f": {-0.3, 0.3}}
	r, err := Optimize(context.Background(), p, Settings{Cells: 100, Steps: 100, Rounds: 4, Iterations: 40})
	var inf *InfeasibleError
	if !errors.As(err, &inf) {
		t.Fatalf("got %v, %v; want an InfeasibleError", r, err)
	}
	if !(inf.BestError > p.MaxError && inf.BestError < 0.5) || inf.MaxError != p.MaxError {
		t.Errorf("best ε %v, max %v", inf.BestError, inf.MaxError)
	}
	t.Log(err)
}

// TestDeterministic: the same problem twice gives the same optimum, bit
// for bit.
func TestDeterministic(t *testing.T) {
	p := smallBit(t, Asymmetric, 1e-4)
	p.Nodes = 3
	set := Settings{Cells: 100, Steps: 200, Starts: []string{StartPalindrome, StartLinear}}
	a, err := Optimize(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Optimize(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Keyframes, b.Keyframes) || a.Work != b.Work || a.Iterations != b.Iterations {
		t.Errorf("two runs differ: %v %v vs %v %v", a.Work, a.Keyframes, b.Work, b.Keyframes)
	}
}

// TestCancel: a cancelled context stops the optimisation with its error.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Optimize(ctx, smallBit(t, Asymmetric, 1e-4), smallSettings)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestProblemErrors checks the validation, one line each, matched by
// ErrProblem.
func TestProblemErrors(t *testing.T) {
	good := smallBit(t, Asymmetric, 1e-4)
	cases := []struct {
		edit func(p *Problem)
		want string
	}{
		{func(p *Problem) { p.Class = "fast" }, `optimize.class must be "asymmetric", "symmetric" or "full", got "fast"`},
		{func(p *Problem) { p.Duration = -1 }, "optimize.duration must be finite and > 0, got -1"},
		{func(p *Problem) { p.MaxError = 0.7 }, "optimize.max_error must be in (0, 0.5), got 0.7"},
		{func(p *Problem) { p.Controls = []string{"h"} }, `optimize.controls: unknown control "h"`},
		{func(p *Problem) { p.Controls = nil }, "optimize.controls: none given"},
		{func(p *Problem) { p.Controls = []string{"g", "g"} }, `optimize.controls: "g" given twice`},
		{func(p *Problem) { p.Bounds = map[string][2]float64{"g": {1, 0}} }, "optimize.bounds.g: want finite [low, high] with low < high, got [1, 0]"},
		{func(p *Problem) { p.Bounds = map[string][2]float64{"x": {0, 1}} }, `optimize.bounds: "x" is not an optimised control`},
		{func(p *Problem) { p.Class = Symmetric; p.End = map[string]float64{"f": 1} }, `the symmetric class needs start = end, but "f" starts at 0 and ends at 1`},
		{func(p *Problem) { p.Class = Full }, `optimize.class = "full" needs potential kind "shaped"`},
		{func(p *Problem) { p.Nodes = -2 }, "optimize.nodes must be in [1, 1000], got -2"},
		{func(p *Problem) { p.Controls, p.Bounds = []string{"g"}, nil }, `optimize: start "four-stage" needs the optimised controls g and f`},
	}
	for _, tc := range cases {
		p := good
		tc.edit(&p)
		set := Settings{}
		if tc.want == `optimize: start "four-stage" needs the optimised controls g and f` {
			set.Starts = []string{StartFourStage}
		}
		_, err := Optimize(context.Background(), p, set)
		if err == nil || !errors.Is(err, ErrProblem) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("got %v, want %q (ErrProblem)", err, tc.want)
		}
	}
}

// TestSettle: with Settle the protocol holds its end controls for that long
// after τ, and ε ≤ ε_max holds at τ + Settle, where it is measured.
// (ε_max = 1e-3: at 1e-4 the 10 kT bit's own leak during the hold, Kramers
// rate √(80·40)/(2π) e^{−10} ≈ 4e-4 per unit time, already makes it
// infeasible.)
func TestSettle(t *testing.T) {
	p := smallBit(t, Asymmetric, 1e-3)
	p.Nodes, p.Settle = 3, 0.5
	r, err := Optimize(context.Background(), p, Settings{Cells: 100, Steps: 200, Starts: []string{StartPalindrome}})
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Protocol.Duration(); d != p.Duration+p.Settle || r.Final.Duration != d {
		t.Errorf("protocol lasts %v, re-solve %v; want %v", d, r.Final.Duration, p.Duration+p.Settle)
	}
	for name, pts := range r.Keyframes {
		if last := pts[len(pts)-1]; last[0] != p.Duration || last[1] != p.Study.Potential.Rest()[0] && name == "g" {
			t.Errorf("%s: last keyframe %v, want (τ, rest)", name, last)
		}
	}
	if r.ErrorRate+r.ErrorRateErr > p.MaxError {
		t.Errorf("ε after settling %v > %v", r.ErrorRate, p.MaxError)
	}
}
