package discrete

import (
	"math"
	"strings"
	"testing"
)

// The exact optimum: its quadrature is converged (64 vs 256 panels agree to
// 1e-12), the ODE run on its sampled protocol reproduces W* and ε (the
// piecewise-linear sampling with 400 intervals errs by ~1e-6 relative, so
// 1e-4 is safe and still catches any O(1) mistake in the formulas), it lies
// above ln 2 − H(ε) and below the slow linear ramp at the same Γτ and ε.
// At large Γτ the excess approaches L²/(Γτ) with the thermodynamic length
// L = π/2 − 2 arcsin√ε (O(1/Γτ) corrections: within 1 % at Γτ = 1e3, 0.1 %
// at 1e4).
func TestOptimalExact(t *testing.T) {
	b := TwoState(1)
	eps := 0.01
	for _, gt := range []float64{4, 5, 10, 40} {
		x, err := b.Optimal(eps, gt)
		if err != nil {
			t.Fatal(err)
		}
		fine, _ := optimalN(eps, gt, 1, 256, 16)
		if math.Abs(fine.Work-x.Work) > 1e-12 {
			t.Errorf("Γτ = %g: W* = %.15g with 64 panels, %.15g with 256", gt, x.Work, fine.Work)
		}
		if !(x.Work > x.Bound) || x.Bound != LandauerBound(eps) {
			t.Errorf("Γτ = %g: W* = %g not above ln2 − H(ε) = %g", gt, x.Work, x.Bound)
		}
		p, err := x.Protocol(400)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(p.Duration()-gt) > 1e-12 {
			t.Errorf("protocol lasts %g, want %g", p.Duration(), gt)
		}
		r, err := b.Solve(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Error/eps-1) > 1e-4 || math.Abs(r.Work/x.Work-1) > 1e-4 {
			t.Errorf("Γτ = %g: ODE on the optimal protocol gives ε = %g, W = %g; want %g, %g", gt, r.Error, r.Work, eps, x.Work)
		}
	}
	for _, c := range []struct{ gt, tol float64 }{{1e3, 0.01}, {1e4, 0.001}} {
		for _, e := range []float64{0.01, 1e-6} {
			x, _ := b.Optimal(e, c.gt)
			l := math.Pi/2 - 2*math.Asin(math.Sqrt(e))
			if got := x.Excess * c.gt; math.Abs(got/(l*l)-1) > c.tol {
				t.Errorf("ε = %g, Γτ = %g: Γτ·excess = %g, want L² = %g", e, c.gt, got, l*l)
			}
		}
	}
	// Only Γτ matters: Γ = 2 over τ equals Γ = 1 over 2τ.
	x1, _ := b.Optimal(eps, 10)
	x2, _ := TwoState(2).Optimal(eps, 5)
	if math.Abs(x1.Work-x2.Work) > 1e-12 || math.Abs(x1.C-x2.C) > 1e-12*x1.C {
		t.Errorf("Γτ = 10: W* = %g (Γ = 1), %g (Γ = 2)", x1.Work, x2.Work)
	}
	// Near the speed limit, Γτ = ln(1/(2ε)) + δ, the cost diverges like
	// (½ − ε) ln(1/δ): from δ = 1e-6 to 1e-8 it grows by (½ − ε) ln 100 =
	// 2.2565 (observed to 1e-4; tolerance 1e-3, and a wrong f(p) root or
	// sign breaks the logarithmic law).
	lim, _ := MinDuration(eps)
	a, _ := b.Optimal(eps, lim+1e-6)
	c, _ := b.Optimal(eps, lim+1e-8)
	if d := c.Work - a.Work; math.Abs(d-(0.5-eps)*math.Log(100)) > 1e-3 {
		t.Errorf("W*(δ=1e-8) − W*(δ=1e-6) = %g, want (½−ε) ln 100 = %g", d, (0.5-eps)*math.Log(100))
	}
}

// The numerical optimiser: at ε = 0.01 and K = 6 knots its optimum is
// never below the exact W* (tolerance 1e-9: both are accurate to ~1e-10),
// hence above Landauer's bound; it approaches the bound as Γτ grows; it is
// below the sudden raise–wait–drop work at the same ε (2.2516 kT); its gap
// to W* (the cost of K = 6 linear pieces) is under 1e-3 kT; and its
// protocol, re-solved by the general solver, reproduces its ε and W to 1e-7.
func TestOptimize(t *testing.T) {
	b := TwoState(1)
	eps := 0.01
	_, sudden := SuddenRaise(math.Log((1 - eps) / eps))
	gts := []float64{5, 10, 20, 40}
	if testing.Short() {
		gts = gts[:3]
	}
	prev := math.Inf(1)
	for _, gt := range gts {
		o, err := b.Optimize(eps, gt, OptimizeOptions{Knots: 6})
		if err != nil {
			t.Fatal(err)
		}
		x, _ := b.Optimal(eps, gt)
		t.Logf("Γτ = %g: W_opt = %.6f, W* = %.6f, gap %.2e, bound %.6f, %d evaluations",
			gt, o.Work, x.Work, o.Work-x.Work, o.Bound, o.Evaluations)
		if o.Work < x.Work-1e-9 {
			t.Errorf("Γτ = %g: optimiser W = %.12g below the exact optimum %.12g", gt, o.Work, x.Work)
		}
		if o.Work-x.Work > 1e-3 {
			t.Errorf("Γτ = %g: optimiser W = %g is %g above the exact optimum", gt, o.Work, o.Work-x.Work)
		}
		if !(o.Work > o.Bound) || !(o.Work < sudden) {
			t.Errorf("Γτ = %g: W = %g not in (bound %g, sudden raise %g)", gt, o.Work, o.Bound, sudden)
		}
		if ex := o.Work - o.Bound; !(ex < prev) {
			t.Errorf("Γτ = %g: excess %g did not shrink (previous %g)", gt, ex, prev)
		} else {
			prev = ex
		}
		if math.Abs(o.Error/eps-1) > 1e-10 {
			t.Errorf("Γτ = %g: constraint ε = %g, want %g", gt, o.Error, eps)
		}
		r, err := b.Solve(o.Protocol, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Error/eps-1) > 1e-7 || math.Abs(r.Work-o.Work) > 1e-7 {
			t.Errorf("Γτ = %g: re-solved ε = %g, W = %g; optimiser %g, %g", gt, r.Error, r.Work, o.Error, o.Work)
		}
	}
}

// Only Γτ matters to the optimiser too (1e-8: both runs converge to 1e-10
// of the same optimum).
func TestOptimizeGammaScaling(t *testing.T) {
	a, err := TwoState(1).Optimize(0.05, 6, OptimizeOptions{Knots: 4})
	if err != nil {
		t.Fatal(err)
	}
	c, err := TwoState(4).Optimize(0.05, 1.5, OptimizeOptions{Knots: 4})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(a.Work-c.Work) > 1e-8 {
		t.Errorf("Γτ = 6: W = %.12g (Γ = 1), %.12g (Γ = 4)", a.Work, c.Work)
	}
	if math.Abs(c.Times[len(c.Times)-1]-1.5) > 1e-15 {
		t.Errorf("knot times %v do not end at τ = 1.5", c.Times)
	}
}

// Requests at or below the speed limit are refused, naming Γτ and
// ln(1/(2ε)).
func TestOptimizeInfeasible(t *testing.T) {
	b := TwoState(2)
	eps := 0.01 // ln(1/(2ε)) = ln 50 = 3.912
	for _, tau := range []float64{1.9, math.Log(50) / 2, 0, -1} {
		_, err := b.Optimize(eps, tau, OptimizeOptions{})
		if err == nil {
			t.Fatalf("τ = %g (Γτ = %g): no error", tau, 2*tau)
		}
		msg := err.Error()
		if !strings.Contains(msg, "infeasible") || !strings.Contains(msg, "3.912") {
			t.Errorf("τ = %g: message %q does not name ln(1/(2ε)) = 3.912", tau, msg)
		}
		if tau == 1.9 && !strings.Contains(msg, "Γτ = 3.8") {
			t.Errorf("message %q does not name Γτ = 3.8", msg)
		}
		if _, err := b.Optimal(eps, tau); err == nil {
			t.Errorf("Optimal accepted τ = %g", tau)
		}
	}
}
