package fokkerplanck

import (
	"context"
	"errors"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// tagged carries the time t in the last control slot (unused by the
// potentials of these tests), so that bumped can recognise the time step.
type tagged struct{ langevin.Schedule }

func (s tagged) At(t float64) wells.Control {
	c := s.Schedule.At(t)
	c[wells.MaxControls-1] = t
	return c
}

// bumped adds delta to the grid value U(xb) at the time tb (a step time
// kτ/Steps, computed as the solver computes it): it perturbs exactly one
// U_k[i] of the discrete problem, for the finite differences.
type bumped struct {
	wells.Potential
	tb, xb, delta float64
}

func (p bumped) Eval(c wells.Control, x, u, f []float64) {
	p.Potential.Eval(c, x, u, f)
	if c[wells.MaxControls-1] == p.tb {
		for i, xi := range x {
			if xi == p.xb {
				u[i] += p.delta
			}
		}
	}
}

// gradients runs Gradient and keeps every derivative: gW[k][i], gE[k][i].
func gradients(t *testing.T, pr Problem, wrong Side) (sol *Solution, gW, gE [][]float64) {
	t.Helper()
	next := -1
	sol, err := Gradient(context.Background(), pr, wrong, func(k int, tk float64, ctl wells.Control, dW, dE []float64) {
		if next >= 0 && k != next {
			t.Fatalf("sink called for step %d after %d", k, next+1)
		}
		next = k - 1
		if gW == nil {
			gW, gE = make([][]float64, k+1), make([][]float64, k+1)
		}
		if want := pr.Schedule.At(tk); ctl != want {
			t.Fatalf("step %d: control %v at t = %v, schedule gives %v", k, ctl, tk, want)
		}
		gW[k] = append([]float64(nil), dW...)
		if dE != nil {
			gE[k] = append([]float64(nil), dE...)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if next != -1 {
		t.Fatalf("sink not called down to step 0 (next %d)", next)
	}
	return sol, gW, gE
}

// TestGradientFiniteDifferences compares ∂Work/∂U_k[i] and ∂ln ε/∂U_k[i]
// with central differences of Solve, perturbing the one grid value U_k[i]
// (bumped), on a small grid (60 cells, 40 steps) where thousands of
// difference quotients are cheap.
//
// The quotient is D(h) = (J(U + h) − J(U − h))/2h, extrapolated in h:
// (4D(h/2) − D(h))/3, whose truncation error is O(h⁴). Its rounding error is
// about ε_mach·|J|/h ≈ 2e-16·40/h (|J| ≤ 40 here: the work in kT, ln ε);
// with h = 1e-2 kT that is 1e-12, and halving h to 1e-3 multiplies the
// observed discrepancies by 10 (so at 1e-2 they are rounding, not
// truncation). Every derivative of magnitude ≥ 1e-4 therefore has a
// difference quotient accurate to ≤ 1e-8 relative, and must agree to 1e-6;
// smaller ones are not compared (their quotient is rounding noise). The
// cases include error masses of 2.6e-20 (40 kT, τ = 0.5, extrapolated) and
// 1.6e-30 (55 kT): ln ε and its gradient are then resolved as well as at
// 1e-5 (observed worst relative differences 3e-9 and 1.4e-8).
func TestGradientFiniteDifferences(t *testing.T) {
	type tc struct {
		name       string
		pot        wells.Potential
		tau        float64
		firstOrder bool
		wrong      Side
		initial    int
		steps      int
		kT, gamma  float64 // 0: the default 1
		snapshots  []float64
	}
	cases := []tc{
		{"8kT extrapolated", wells.Jun{Barrier: 8, Tilt: 1}, 2, false, Left, 0, 40, 0, 0, nil},
		// a bath at kT = 2 (a 4 kT bit) and friction ½ (D = 4)
		{"8kT first order", wells.Jun{Barrier: 8, Tilt: 1}, 2, true, Left, 0, 40, 2, 0.5, nil},
		{"40kT extrapolated", wells.Jun{Barrier: 40, Tilt: 1}, 0.5, false, Left, 0, 40, 0, 0, nil},
		{"40kT first order", wells.Jun{Barrier: 40, Tilt: 1}, 0.5, true, Left, 0, 40, 0, 0, nil},
		{"55kT extrapolated", wells.Jun{Barrier: 55, Tilt: 1}, 0.5, false, Left, 0, 40, 0, 0, nil},
		// Erasure to the left from the right well: wrong side Right, the
		// initial density restricted to one side; 42 steps, so that the
		// partner's 21 steps end its backward pass in the other direction.
		// Snapshots finish the pending back substitution mid-march.
		{"8kT to the left, from the right", wells.Jun{Barrier: 8, Tilt: -1}, 2, false, Right, 1, 42, 0, 0, []float64{0.3, 1}},
	}
	if testing.Short() {
		cases = cases[2:3]
	}
	const (
		h       = 1e-2 // kT; see above
		minSize = 1e-4 // smallest derivative compared; see above
		relTol  = 1e-6 // the tolerance
	)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := Problem{Potential: c.pot, Schedule: tagged{fourStage{c.tau}}, Cells: 60, Dt: c.tau / float64(c.steps),
				Lo: -1.8, Hi: 1.8, FirstOrder: c.firstOrder, Initial: c.initial, Serial: true,
				Temperature: c.kT, Friction: c.gamma, Snapshots: c.snapshots}
			sol, gW, gE := gradients(t, pr, c.wrong)
			if sol.Steps != c.steps {
				t.Fatalf("%d steps, want %d", sol.Steps, c.steps)
			}
			eps := sol.Left
			if c.wrong == Right {
				eps = sol.Right
			}
			objective := func(k, i int, d float64) (w, lnE float64) {
				q := pr
				q.Potential = bumped{c.pot, c.tau * float64(k) / float64(sol.Steps), sol.X[i], d}
				s, err := Solve(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				e := s.Left
				if c.wrong == Right {
					e = s.Right
				}
				return s.Work, math.Log(e)
			}
			quotient := func(k, i int, h float64) (float64, float64) {
				w1, e1 := objective(k, i, h)
				w0, e0 := objective(k, i, -h)
				return (w1 - w0) / (2 * h), (e1 - e0) / (2 * h)
			}
			compared := [2]int{}
			worst := [2]float64{}
			n := c.steps
			steps := []int{0, 1, 2, 3, 13, n/2 - 1, n / 2, n/2 + 1, 31, n - 2, n - 1, n}
			if testing.Short() {
				steps = []int{0, 1, n / 2, n - 1, n}
			}
			for _, k := range steps {
				for i := range sol.Cells {
					if math.Abs(gW[k][i]) < minSize && math.Abs(gE[k][i]) < minSize {
						continue
					}
					aw, ae := quotient(k, i, h)
					bw, be := quotient(k, i, h/2)
					fd := [2]float64{(4*bw - aw) / 3, (4*be - ae) / 3}
					for o, g := range [2]float64{gW[k][i], gE[k][i]} {
						if math.Abs(g) < minSize {
							continue
						}
						compared[o]++
						r := math.Abs(g-fd[o]) / math.Abs(g)
						worst[o] = max(worst[o], r)
						if r > relTol {
							t.Errorf("step %d cell %d (x = %.3f): ∂%s/∂U = %.12g, finite difference %.12g (relative %.2g)",
								k, i, sol.X[i], [2]string{"W", "ln ε"}[o], g, fd[o], r)
						}
					}
				}
			}
			t.Logf("ε = %.3g, W = %.4f kT: %d work and %d ln ε derivatives compared, worst relative differences %.2g and %.2g",
				eps, sol.Work, compared[0], compared[1], worst[0], worst[1])
			if compared[0] < 50 || compared[1] < 20 {
				t.Errorf("only %v derivatives ≥ %g compared", compared, minSize)
			}
		})
	}
}

// TestGradientSums checks exact identities of the discrete problem, at
// every step of a realistic solve: adding a constant to every U_k[i]
// changes neither the rates nor the initial density, and changes the work
// only through the first and the last step (Σᵢ p = 1), so
// Σᵢ ∂W/∂U_k[i] = −1 (k = 0), 0 (0 < k < Steps), +1 (k = Steps) and
// Σᵢ ∂ln ε/∂U_k[i] = 0 for every k. The tolerance is rounding: each sum
// cancels terms of size up to max|∂/∂U|, 1e-12 of the largest term.
func TestGradientSums(t *testing.T) {
	pr := Problem{Potential: wells.Jun{Barrier: 20, Tilt: 1}, Schedule: fourStage{10}, Cells: 400}
	for _, fo := range []bool{false, true} {
		// 402 and 400 steps: the partner's backward pass ends in either
		// direction.
		pr.FirstOrder, pr.Dt = fo, 10.0/402
		if fo {
			pr.Dt = 10.0 / 400
		}
		var steps int
		_, err := Gradient(context.Background(), pr, Left, func(k int, _ float64, _ wells.Control, dW, dE []float64) {
			if steps == 0 {
				steps = k
			}
			want := 0.0
			switch k {
			case 0:
				want = -1
			case steps:
				want = 1
			}
			var sw, se, mw, me float64
			for i := range dW {
				sw += dW[i]
				se += dE[i]
				mw = max(mw, math.Abs(dW[i]))
				me = max(me, math.Abs(dE[i]))
			}
			if math.Abs(sw-want) > 1e-12*max(mw, 1) || math.Abs(se) > 1e-12*max(me, 1) {
				t.Fatalf("first order %v, step %d: Σ ∂W/∂U = %v (want %v), Σ ∂ln ε/∂U = %v (want 0); largest terms %v, %v",
					fo, k, sw, want, se, mw, me)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestGradientSolutionIdentical checks that Gradient returns Solve's
// Solution bit for bit, with and without extrapolation, snapshots and the
// parallel field source (400 cells, 400 steps are above its thresholds).
func TestGradientSolutionIdentical(t *testing.T) {
	for _, pr := range []Problem{
		{Potential: wells.Jun{Barrier: 12, Tilt: 1}, Schedule: fourStage{20}, Cells: 400, Dt: 20.0 / 400, Snapshots: []float64{0, 7, 20}},
		{Potential: wells.Jun{Barrier: 12, Tilt: 1}, Schedule: fourStage{20}, Cells: 400, Dt: 20.0 / 400, FirstOrder: true, Serial: true},
		{Potential: wells.Harmonic{Stiffness: 1}, Schedule: drag{tau: 3, to: 2}, Cells: 300, Dt: 3.0 / 100, Initial: -1},
	} {
		want, err := Solve(context.Background(), pr)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Gradient(context.Background(), pr, NoError, func(int, float64, wells.Control, []float64, []float64) {})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s, first order %v: Gradient's Solution differs from Solve's: work %v vs %v, left %v vs %v",
				pr.Potential.Name(), pr.FirstOrder, got.Work, want.Work, got.Left, want.Left)
		}
	}
}

// TestGradientNoError checks that NoError gives the same work gradient, bit
// for bit, and no ln ε gradient.
func TestGradientNoError(t *testing.T) {
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{5}, Cells: 100, Dt: 5.0 / 60}
	_, gW, _ := gradients(t, pr, Left)
	_, gW0, gE0 := gradients(t, pr, NoError)
	if !reflect.DeepEqual(gW, gW0) {
		t.Error("the work gradient depends on the error side")
	}
	for k, g := range gE0 {
		if g != nil {
			t.Fatalf("step %d: ln ε gradient %v for NoError", k, g[:3])
		}
	}
}

// drag moves a harmonic trap's centre from 0 to `to` at constant speed.
type drag struct{ tau, to float64 }

func (s drag) Duration() float64 { return s.tau }
func (s drag) At(t float64) wells.Control {
	return wells.Control{s.to * t / s.tau, 1}
}

// keyframes interpolates the controls linearly between nodes at times
// tn (the first 0, the last τ), values v[node][j].
type keyframes struct {
	tn []float64
	v  [][2]float64
}

func (s keyframes) Duration() float64 { return s.tn[len(s.tn)-1] }
func (s keyframes) At(t float64) wells.Control {
	for n := 1; n < len(s.tn); n++ {
		if t <= s.tn[n] || n == len(s.tn)-1 {
			a := (t - s.tn[n-1]) / (s.tn[n] - s.tn[n-1])
			return wells.Control{(1-a)*s.v[n-1][0] + a*s.v[n][0], (1-a)*s.v[n-1][1] + a*s.v[n][1]}
		}
	}
	return wells.Control{s.v[0][0], s.v[0][1]}
}

// weight is ∂λ_j(t)/∂v[node][j], the hat function of the node.
func (s keyframes) weight(node int, t float64) float64 {
	tn := s.tn
	switch {
	case node > 0 && t >= tn[node-1] && t <= tn[node]:
		return (t - tn[node-1]) / (tn[node] - tn[node-1])
	case node < len(tn)-1 && t >= tn[node] && t <= tn[node+1]:
		return (tn[node+1] - t) / (tn[node+1] - tn[node])
	}
	return 0
}

// TestControlGradientKeyframes differentiates Work and ln ε with respect to
// the keyframe values of the four-stage protocol (nodes at 0, τ/4, τ/2,
// 3τ/4, τ; g = 1 0 0 1 1, f = 0 0 1 1 0) by the chain rule through
// ControlGradient, as an optimiser does, and compares with central
// differences of Solve in the node values, extrapolated in h as in
// TestGradientFiniteDifferences, with h chosen so that the perturbation
// moves U by at most 1e-2 kT anywhere (h ≈ 4e-5 at 40 kT; a fixed h in the
// control would make the truncation error grow with the barrier): rounding
// ε_mach·40/h ≤ 2e-10. The domain is fixed (the automatic one would move
// with the protocol). Tolerance 1e-6 relative, for derivatives ≥ 1e-2 (the
// quotients' rounding is then ≤ 2e-8 relative). The 40 kT case has
// ε ≈ 7e-21.
func TestControlGradientKeyframes(t *testing.T) {
	for _, c := range []struct {
		barrier, tau float64
	}{{8, 4}, {40, 1}} {
		kf := keyframes{
			tn: []float64{0, c.tau / 4, c.tau / 2, 3 * c.tau / 4, c.tau},
			v:  [][2]float64{{1, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 0}},
		}
		pot := wells.Jun{Barrier: c.barrier, Tilt: 1}
		pr := Problem{Potential: pot, Schedule: kf, Cells: 200, Dt: c.tau / 200, Lo: -1.8, Hi: 1.8}
		sol, d, err := ControlGradient(context.Background(), pr, Left)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Work) != sol.Steps+1 || len(d.LnErr) != sol.Steps+1 || len(d.Work[0]) != 2 {
			t.Fatalf("derivatives of shape %d×%d, want %d×2", len(d.Work), len(d.Work[0]), sol.Steps+1)
		}
		compared, worst := 0, 0.0
		for node := range kf.tn {
			for j := range 2 {
				var gw, ge float64
				for k, tk := range d.Times {
					w := kf.weight(node, tk)
					gw += w * d.Work[k][j]
					ge += w * d.LnErr[k][j]
				}
				solveAt := func(dv float64) (float64, float64) {
					q := kf
					q.v = append([][2]float64(nil), kf.v...)
					q.v[node][j] += dv
					p := pr
					p.Schedule = q
					s, err := Solve(context.Background(), p)
					if err != nil {
						t.Fatal(err)
					}
					return s.Work, math.Log(s.Left)
				}
				quotient := func(h float64) (float64, float64) {
					w1, e1 := solveAt(h)
					w0, e0 := solveAt(-h)
					return (w1 - w0) / (2 * h), (e1 - e0) / (2 * h)
				}
				// h moves U by at most 1e-2 kT anywhere on the grid, as
				// in TestGradientFiniteDifferences: ∂U/∂g = −2E_b x²,
				// ∂U/∂f = −4E_b x (A = 1), |x| ≤ 1.8.
				h := 1e-2 / (c.barrier * [2]float64{2 * 1.8 * 1.8, 4 * 1.8}[j])
				aw, ae := quotient(h)
				bw, be := quotient(h / 2)
				fw, fe := (4*bw-aw)/3, (4*be-ae)/3
				for o, pair := range [][2]float64{{gw, fw}, {ge, fe}} {
					if math.Abs(pair[0]) < 1e-2 {
						continue
					}
					compared++
					r := math.Abs(pair[0]-pair[1]) / math.Abs(pair[0])
					worst = max(worst, r)
					if r > 1e-6 {
						t.Errorf("%v kT: ∂%s/∂%s(node %d) = %.12g, finite difference %.12g (relative %.2g)",
							c.barrier, [2]string{"W", "ln ε"}[o], pot.Controls()[j], node, pair[0], pair[1], r)
					}
				}
			}
		}
		t.Logf("%v kT, τ = %v: ε = %.3g, W = %.4f kT, %d node derivatives compared, worst relative difference %.2g",
			c.barrier, c.tau, sol.Left, sol.Work, compared, worst)
		if compared < 12 {
			t.Errorf("only %d derivatives compared", compared)
		}
	}
}

// bernoulliSlopeRef returns −B'(z) and −B'(−z) computed in 256-bit
// arithmetic from B'(z) = (eᶻ − 1 − z eᶻ)/(eᶻ − 1)² (and B(−z) = B(z) + z).
func bernoulliSlopeRef(z float64) (float64, float64) {
	const prec = 256
	exp := func(x float64) *big.Float {
		// e^|x| by its Taylor series, then the reciprocal for x < 0.
		a := new(big.Float).SetPrec(prec).SetFloat64(math.Abs(x))
		sum := new(big.Float).SetPrec(prec).SetInt64(1)
		term := new(big.Float).SetPrec(prec).SetInt64(1)
		for n := 1; n < 2000; n++ {
			term.Mul(term, a)
			term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(n)))
			sum.Add(sum, term)
			if term.MantExp(nil) < sum.MantExp(nil)-prec-8 {
				break
			}
		}
		if x < 0 {
			sum.Quo(new(big.Float).SetPrec(prec).SetInt64(1), sum)
		}
		return sum
	}
	slope := func(x float64) float64 {
		e := exp(x)
		em1 := new(big.Float).SetPrec(prec).Sub(e, big.NewFloat(1))
		num := new(big.Float).SetPrec(prec).Mul(e, new(big.Float).SetPrec(prec).SetFloat64(x))
		num.Sub(em1, num) // eˣ − 1 − x eˣ = B'(x)(eˣ − 1)²
		den := new(big.Float).SetPrec(prec).Mul(em1, em1)
		r, _ := num.Quo(num, den).Float64()
		return -r
	}
	return slope(z), slope(-z)
}

// TestBernoulliSlope checks the slopes of the Scharfetter–Gummel weights
// against 256-bit references, on both sides of the series/closed-form
// switch at ½ and far out (where −B'(z) ≈ (z − 1)e^{−z} is tiny), to
// 32·2⁻⁵³ relative (a sweep of |z| ≤ 40 in steps of 0.0137 found at most
// 14.4·2⁻⁵³, from the cancellation in B(−z) − 1 and 1 − B(z) near |z| = ½
// and the few-ulp error of the weights), and m + M = 1.
func TestBernoulliSlope(t *testing.T) {
	zs := []float64{1e-12, 1e-6, 0.01, 0.1, 0.124, 0.126, 0.3, 0.49, 0.4999999, 0.5, 0.5000001, 0.51, 0.7, 1, 2, 3.7, 10, 30, 100, 600}
	for _, a := range zs {
		for _, z := range []float64{a, -a} {
			m, M := bernoulliSlope(z)
			rm, rM := bernoulliSlopeRef(z)
			for _, p := range [][2]float64{{m, rm}, {M, rM}} {
				if r := math.Abs(p[0]-p[1]) / p[1]; !(r <= 32*0x1p-53) {
					t.Errorf("z = %v: slope %v, 256-bit reference %v (%.1f·2⁻⁵³)", z, p[0], p[1], r/0x1p-53)
				}
			}
			if s := m + M; math.Abs(s-1) > 4*0x1p-53 {
				t.Errorf("z = %v: m + M = %v", z, s)
			}
		}
	}
	if m, M := bernoulliSlope(0); m != 0.5 || M != 0.5 {
		t.Errorf("slopes at 0: %v, %v, want ½, ½", m, M)
	}
}

// TestGradientErrors checks the refusals.
func TestGradientErrors(t *testing.T) {
	sink := func(int, float64, wells.Control, []float64, []float64) {}
	base := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{1}, Cells: 50, Dt: 0.05}
	big := base
	big.Cells, big.Dt = 100000, 1.0/4000 // 1.5·4000·1e5 = 6e8 masses > MaxTape
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	long := base
	long.Dt = 1.0 / 2000
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"tape", func() error { _, err := Gradient(context.Background(), big, Left, sink); return err }(), "MaxTape"},
		{"side", func() error { _, err := Gradient(context.Background(), base, 2, sink); return err }(), "wrong side"},
		{"sink", func() error { _, err := Gradient(context.Background(), base, Left, nil); return err }(), "no sink"},
		{"no gradient", func() error {
			_, _, err := ControlGradient(context.Background(), Problem{Potential: wells.Quartic{Barrier: 8}, Schedule: fourStage{1}}, Left)
			return err
		}(), "ControlGradient"},
		{"cancelled", func() error { _, err := Gradient(ctx, long, Left, sink); return err }(), "canceled"},
		// cancelled during the backward pass, by the sink
		{"cancelled", func() error {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			_, err := Gradient(ctx, long, Left, func(int, float64, wells.Control, []float64, []float64) {
				calls++
				cancel()
			})
			if calls > cancelEvery+1 {
				return errors.New("backward pass went on after cancellation")
			}
			return err
		}(), "canceled"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, c.err, c.want)
		}
		if c.name == "cancelled" && !errors.Is(c.err, context.Canceled) {
			t.Errorf("cancelled: %v is not context.Canceled", c.err)
		}
	}
}

// The cost of a gradient against one forward solve, on a realistic size:
// the four-stage erasure of a 40 kT jun bit, τ = 100, 800 cells, 4000 steps
// (with the 2000 steps of the Richardson partner). The target is
// Gradient ≤ 3 × Solve; compare BenchmarkGradient800x4000 with
// BenchmarkSolve800x4000 (and the Serial pair) from one
// `go test -bench 800x4000 -count 5` run.
func benchProblem(serial bool) Problem {
	return Problem{Potential: wells.Jun{Barrier: 40, Tilt: 1}, Schedule: fourStage{100}, Cells: 800, Dt: 100.0 / 4000, Serial: serial}
}

func benchGradient(b *testing.B, serial, reuse bool) {
	pr := benchProblem(serial)
	var sum float64
	var tp Tape
	for b.Loop() {
		if !reuse {
			tp = Tape{}
		}
		_, err := tp.Gradient(context.Background(), pr, Left, func(_ int, _ float64, _ wells.Control, dW, dE []float64) {
			sum += dW[400] + dE[400]
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func benchSolve(b *testing.B, serial bool) {
	pr := benchProblem(serial)
	for b.Loop() {
		if _, err := Solve(context.Background(), pr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolve800x4000(b *testing.B)    { benchSolve(b, false) }
func BenchmarkGradient800x4000(b *testing.B) { benchGradient(b, false, false) }

// BenchmarkGradientTape800x4000 reuses one Tape, as an optimiser would.
func BenchmarkGradientTape800x4000(b *testing.B)       { benchGradient(b, false, true) }
func BenchmarkSolve800x4000Serial(b *testing.B)        { benchSolve(b, true) }
func BenchmarkGradient800x4000Serial(b *testing.B)     { benchGradient(b, true, false) }
func BenchmarkGradientTape800x4000Serial(b *testing.B) { benchGradient(b, true, true) }

// TestGradientParallelIdentical checks that the derivatives do not depend
// on where the fields are computed (Serial or a second goroutine) nor on a
// reused Tape: bit for bit, for a problem above the parallel thresholds
// (≥ 256 cells, ≥ 64 steps) and a smaller one solved on the same Tape in
// between.
func TestGradientParallelIdentical(t *testing.T) {
	pr := Problem{Potential: wells.Jun{Barrier: 15, Tilt: 1}, Schedule: fourStage{10}, Cells: 300, Dt: 10.0 / 300}
	collect := func(tp *Tape, pr Problem) [][]float64 {
		var all [][]float64
		_, err := tp.Gradient(context.Background(), pr, Left, func(_ int, _ float64, _ wells.Control, dW, dE []float64) {
			all = append(all, append(append([]float64(nil), dW...), dE...))
		})
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	var tp Tape
	par := collect(&tp, pr)
	small := pr
	small.Cells, small.Dt = 100, 10.0/50
	collect(&tp, small)
	pr.Serial = true
	ser := collect(&tp, pr)
	if !reflect.DeepEqual(par, ser) {
		t.Error("the gradient differs between the serial and the parallel field sources (or after reusing the Tape)")
	}
}
