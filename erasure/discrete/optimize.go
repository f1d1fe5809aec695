package discrete

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/internal/quad"
	"github.com/landauer-dev/landauer/internal/root"
	"gonum.org/v1/gonum/optimize"
)

// feasible checks a two-state request (ε, τ) against the rate cap.
func (b Bit) feasible(eps, tau float64) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if b.N != 2 {
		return fmt.Errorf("discrete: protocol optimisation is implemented for two-state bits, got N = %d", b.N)
	}
	if err := checkEps(eps); err != nil {
		return err
	}
	if math.IsNaN(tau) || math.IsInf(tau, 0) {
		return fmt.Errorf("discrete: duration τ = %g is not finite", tau)
	}
	gt, lim := b.Gamma*tau, -math.Log(2*eps)
	if !(gt > lim) {
		return fmt.Errorf("discrete: infeasible erasure: Γτ = %.6g ≤ ln(1/(2ε)) = %.6g for ε = %g "+
			"(with rates capped at Γ the emptied state keeps at least ½e^{−Γτ})", gt, lim, eps)
	}
	return nil
}

// ---------------------------------------------------------------------------
// Exact optimum (calculus of variations).

// Exact is the minimal-work erasure of a 50/50 two-state Glauber bit to
// error ε in time τ, over all protocols E(t) = E_1 − E_0 (jumps allowed,
// degenerate before and after).
//
// Derivation. Write p(t) for the occupation of state 1 and use it as the
// control: the master equation dp/dt = Γ(π(E) − p), π(E) = 1/(1+e^{E}),
// gives E = ln((1−f)/f) with f = p + ṗ/Γ, and integrating W = ½E(0⁺) +
// ∫p dE − εE(τ⁻) by parts gives
//
//	W = −∫_0^τ ṗ ln((1−f)/f) dt.
//
// The Lagrangian has no explicit time dependence, so its "energy"
// ṗ ∂L/∂ṗ − L = ṗ²/(Γ f(1−f)) is conserved: ṗ² = Γ²C² f(1−f) along the
// optimum, for a constant C > 0 fixed by the duration. Solving
// (p − f)² = C² f(1−f) for the root f < p,
//
//	f(p) = 2p² / (2p + C² + C√(C² + 4p(1−p))),
//	Γτ   = ln(1/(2ε)) + ∫_ε^½ 2 dp / (C(C + √(C² + 4p(1−p)))),
//	W*   = ∫_ε^½ ln((1 − f(p))/f(p)) dp.
//
// As C → 0 (Γτ → ∞) f → p and W* → ∫ ln((1−p)/p) dp = ln 2 − H(ε), Landauer's
// bound, with
//
//	W* = ln 2 − H(ε) + L²/(Γτ) + O((Γτ)⁻²),   L = π/2 − 2 arcsin √ε,
//
// L being the thermodynamic length ∫_ε^½ dp/√(p(1−p)) (L² → π²/4 ≈ 2.47 as
// ε → 0; the slow linear raise pays ΔE(½ − ε)/(Γτ) instead, ΔE =
// ln((1−ε)/ε)). As C → ∞ Γτ → ln(1/(2ε)), the speed limit; at Γτ =
// ln(1/(2ε)) + δ the work diverges only logarithmically, W* ≈ (½ − ε)
// ln(1/δ) + const. The
// Lagrangian is convex in ṗ where f < ½, so the stationary path is the
// minimum. The optimal protocol jumps at t = 0 from 0 to E(½) =
// ln((1−f(½))/f(½)), rises smoothly to ln((1−f(ε))/f(ε)) and drops to 0 at τ.
// (The derivation is this package's; the same rate law, a single level with
// Fermi rates, is the model of Esposito, Kawai, Lindenberg & Van den Broeck,
// EPL 89, 20003 (2010), whose optimal protocols also jump at both ends.
// The tests check W* against the ODE and the numerical optimiser.)
type Exact struct {
	// Eps is the final error ε and Tau the duration τ (1/Γ).
	Eps, Tau float64
	// Gamma is the rate cap Γ.
	Gamma float64
	// C is the constant of motion: ṗ² = Γ²C² f(1−f) along the path.
	C float64
	// Work is W* (kT); Bound is ln 2 − H(ε) and Excess = Work − Bound.
	Work, Bound, Excess float64
	// GapStart is the gap just after the jump at 0, GapEnd just before the
	// drop at τ (kT).
	GapStart, GapEnd float64
}

// optimalPath holds C and evaluates the path functions.
type optimalPath struct{ c float64 }

// f returns f(p), the Glauber equilibrium occupation π(E(t)) on the path.
func (o optimalPath) f(p float64) float64 {
	c := o.c
	return 2 * p * p / (2*p + c*c + c*o.s(p))
}

func (o optimalPath) s(p float64) float64 { return math.Sqrt(o.c*o.c + 4*p*(1-p)) }

// gap returns E = ln((1−f)/f) at occupation p.
func (o optimalPath) gap(p float64) float64 {
	f := o.f(p)
	return math.Log1p(-f) - math.Log(f)
}

// extraTime returns dΓt/du − 1 at u = ln p: the integrand of the time beyond
// the speed limit, in the variable u.
func (o optimalPath) extraTime(u float64) float64 {
	p := math.Exp(u)
	return 2 * p / (o.c * (o.c + o.s(p)))
}

const (
	exactPanels = 64
	exactNodes  = 16
)

// Optimal returns the exact minimal-work erasure of the two-state bit to
// error ε in time tau (see Exact). The integrals over u = ln p are done by
// composite Gauss–Legendre (64 panels × 16 nodes), and C by bisection in
// ln C to machine precision. It returns an error for N ≠ 2, ε ∉ (0, ½), or an
// infeasible Γτ ≤ ln(1/(2ε)).
func (b Bit) Optimal(eps, tau float64) (Exact, error) {
	if err := b.feasible(eps, tau); err != nil {
		return Exact{}, err
	}
	return optimalN(eps, tau, b.Gamma, exactPanels, exactNodes)
}

func optimalN(eps, tau, gamma float64, panels, nodes int) (Exact, error) {
	gl := quad.Legendre(nodes)
	ua, ub := math.Log(eps), math.Log(0.5)
	target := gamma*tau + math.Log(2*eps) // time beyond the speed limit, > 0
	extra := func(c float64) float64 {
		o := optimalPath{c}
		return gl.Composite(o.extraTime, ua, ub, panels)
	}
	// extra(C) decreases from +∞ (C → 0) to 0 (C → ∞); bisect in ln C.
	lo, hi := -60.0, 60.0
	if !(extra(math.Exp(lo)) > target && extra(math.Exp(hi)) < target) {
		return Exact{}, fmt.Errorf("discrete: Γτ − ln(1/(2ε)) = %g is outside the range the exact optimum resolves", target)
	}
	lo, hi, err := root.Bisect(lo, hi, 0, 200, func(x float64) (bool, error) {
		return extra(math.Exp(x)) > target, nil
	})
	if err != nil {
		return Exact{}, fmt.Errorf("discrete: %w", err)
	}
	o := optimalPath{math.Exp(0.5 * (lo + hi))}
	work := gl.Composite(func(u float64) float64 {
		p := math.Exp(u)
		return p * o.gap(p)
	}, ua, ub, panels)
	bound := LandauerBound(eps)
	return Exact{
		Eps: eps, Tau: tau, Gamma: gamma, C: o.c,
		Work: work, Bound: bound, Excess: work - bound,
		GapStart: o.gap(0.5), GapEnd: o.gap(eps),
	}, nil
}

// Protocol samples the exact optimal protocol at points+1 equally spaced
// times (points ≥ 2) as a piecewise-linear two-state Protocol, with the jumps
// at 0 and τ. Solving it reproduces Eps and Work up to the interpolation
// error, O(points⁻²).
func (x Exact) Protocol(points int) (Protocol, error) {
	if points < 2 {
		return Protocol{}, fmt.Errorf("discrete: need at least 2 points, got %d", points)
	}
	if !(x.C > 0) || !(x.Gamma > 0) {
		return Protocol{}, errors.New("discrete: Exact was not made by Optimal")
	}
	o := optimalPath{x.C}
	// Tabulate Γt(u) on a fine grid of u = ln p from ln ½ down to ln ε,
	// with Γt(u) = (ln ½ − u) + ∫_u^{ln ½} extraTime.
	gl := quad.Legendre(8)
	ua, ub := math.Log(x.Eps), math.Log(0.5)
	const fine = 4096
	h := (ub - ua) / fine
	us := make([]float64, fine+1)
	ts := make([]float64, fine+1) // Γt at us[k], us[0] = ln ½
	us[0] = ub
	for k := 1; k <= fine; k++ {
		us[k] = ub - float64(k)*h
		ts[k] = ts[k-1] + h + gl.Composite(o.extraTime, us[k], us[k-1], 1)
	}
	gt := x.Gamma * x.Tau
	times := []float64{0, 0}
	gaps := []float64{0, o.gap(0.5)}
	k := 0
	for m := 1; m < points; m++ {
		target := gt * float64(m) / float64(points)
		for k < fine-1 && ts[k+1] < target {
			k++
		}
		// Newton on Γt(u) = target within panel k, dΓt/du = −(1 + extraTime).
		u := us[k] + (us[k+1]-us[k])*(target-ts[k])/(ts[k+1]-ts[k])
		for range 4 {
			t := ts[k] + (us[k] - u) + gl.Composite(o.extraTime, u, us[k], 1)
			u += (t - target) / (1 + o.extraTime(u))
		}
		times = append(times, x.Tau*float64(m)/float64(points))
		gaps = append(gaps, o.gap(math.Exp(u)))
	}
	times = append(times, x.Tau, x.Tau)
	gaps = append(gaps, o.gap(x.Eps), 0)
	return TwoStateProtocol(times, gaps)
}

// ---------------------------------------------------------------------------
// Numerical optimiser.
//
// gonum/optimize cannot be built in this module as it stands: it imports
// gonum/stat/distmv, which needs golang.org/x/tools, absent from go.mod and
// go.sum. The search below is therefore a self-contained Nelder–Mead
// (nelderMead) with the adaptive coefficients of Gao & Han (2012).

// OptimizeOptions configures Optimize.
type OptimizeOptions struct {
	// Knots is K ≥ 2, the number of gap values at the equally spaced times
	// t_k = kτ/(K−1); 0 means 6.
	Knots int
	// MaxEvaluations bounds the objective evaluations of the Nelder–Mead
	// search; 0 means 4000.
	MaxEvaluations int
	// Initial optionally gives the starting knot gaps (length K, kT); only
	// their shape matters, the level is set by the error constraint. Nil
	// starts from constant gaps (the sudden raise).
	Initial []float64
}

// Optimum is the result of Optimize.
type Optimum struct {
	Eps, Tau float64
	// Times and Gaps are the knots: the gap E_1 − E_0 (kT) at Times[k],
	// linear in between; the gap jumps from 0 to Gaps[0] at t = 0 and from
	// Gaps[K−1] to 0 at τ.
	Times, Gaps []float64
	// Protocol is the same schedule as a Protocol.
	Protocol Protocol
	// Work is the mean work (kT) and Error the final error of Protocol.
	Work, Error float64
	// Bound is ln 2 − H(ε).
	Bound float64
	// Evaluations counts objective evaluations (each a constrained solve).
	Evaluations int
}

// Optimize searches for the minimal-work protocol that erases a 50/50
// two-state bit to error ε in time tau, among piecewise-linear gap
// protocols with K knots (plus the jumps at 0 and τ).
//
// The error constraint is met by parameterisation: the K−1 free parameters
// fix the shape (knot gaps relative to the first), and a common shift c of
// all knots is solved for so that ε(c) = ε exactly (safeguarded Newton on
// ln ε, with the sensitivity ∂p/∂c integrated alongside p; ε decreases
// strictly in c because raising the gap anywhere lowers p everywhere).
// The shape is then minimised by Nelder–Mead (adaptive coefficients, one
// restart). Each evaluation
// integrates the two-state master equation with Dormand–Prince 5(4) at
// relative tolerance 1e-10.
//
// It returns an error for N ≠ 2, ε ∉ (0, ½), a bad option, or an infeasible
// request Γτ ≤ ln(1/(2ε)), naming both numbers. The result is at or above
// Optimal's exact W* (it searches a subset of protocols), which is above
// ln 2 − H(ε).
//
// Remaining gap. At ε = 0.01 with K = 6 the optimum lies above W* by
// 1.6e-5 (Γτ = 5), 9.5e-5 (10), 2.4e-4 (20), 3.0e-4 (40) kT; K = 10 cuts
// this to 1.5e-6 … 5e-5. Starting the search from W*'s own protocol ends
// at the same values, so the gap is the cost of K linear pieces, not of the
// search: W*'s gap curves up steeply just before τ, which equally spaced
// knots resolve poorly. At ε = 1e-15 the gap is larger, 2.0e-2 (Γτ = 35),
// 8.4e-3 (40), 3.9e-3 (100), 6.2e-4 (1000) kT at K = 6, and a search takes
// several seconds (≈ 3000 evaluations of ≈ 2 ms): there the optimal gap
// climbs past 60 kT before τ and the last linear piece overshoots to
// hundreds of kT, harmless because the drop costs only ε·E. Use Optimal for
// the exact value.
func (b Bit) Optimize(eps, tau float64, opt OptimizeOptions) (Optimum, error) {
	return b.OptimizeContext(context.Background(), eps, tau, opt)
}

// OptimizeContext is Optimize that stops, with ctx's error, within about
// one objective evaluation (milliseconds) of ctx being cancelled: the
// Nelder–Mead search checks ctx before every evaluation, the level-shift
// solve between its master-equation integrations, and each integration
// every 1024 steps.
func (b Bit) OptimizeContext(ctx context.Context, eps, tau float64, opt OptimizeOptions) (Optimum, error) {
	if err := ctx.Err(); err != nil {
		return Optimum{}, err
	}
	if err := b.feasible(eps, tau); err != nil {
		return Optimum{}, err
	}
	k := opt.Knots
	if k == 0 {
		k = 6
	}
	if k < 2 {
		return Optimum{}, fmt.Errorf("discrete: need at least 2 knots, got %d", opt.Knots)
	}
	maxEval := opt.MaxEvaluations
	if maxEval == 0 {
		maxEval = 4000
	}
	if maxEval < 1 {
		return Optimum{}, fmt.Errorf("discrete: MaxEvaluations must be positive, got %d", opt.MaxEvaluations)
	}
	x0 := make([]float64, k-1)
	if opt.Initial != nil {
		if len(opt.Initial) != k {
			return Optimum{}, fmt.Errorf("discrete: %d initial gaps for %d knots", len(opt.Initial), k)
		}
		for i, v := range opt.Initial {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Optimum{}, fmt.Errorf("discrete: initial gap %d = %g is not finite", i, v)
			}
		}
		for i := range x0 {
			x0[i] = opt.Initial[i+1] - opt.Initial[0]
		}
	}
	times := make([]float64, k)
	for i := range times {
		times[i] = tau * float64(i) / float64(k-1)
	}
	c2 := &constrained{ctx: ctx, gamma: b.Gamma, tau: tau, eps: eps, times: times, c: -math.Log(eps)}
	gaps := make([]float64, k)
	evals := 0
	obj := func(x []float64) float64 {
		evals++
		gaps[0] = 0
		copy(gaps[1:], x)
		w, err := c2.work(gaps)
		if err != nil {
			return math.Inf(1) // shapes whose level cannot be solved lose
		}
		return w
	}
	xbest, _ := nelderMead(ctx, obj, x0, 1, maxEval)
	// Restart once from the best point with a smaller simplex: simplices can
	// collapse early in several dimensions.
	if evals < maxEval && ctx.Err() == nil {
		xbest, _ = nelderMead(ctx, obj, xbest, 0.3, maxEval-evals)
	}
	if err := ctx.Err(); err != nil {
		return Optimum{}, err
	}
	gaps[0] = 0
	copy(gaps[1:], xbest)
	w, err := c2.work(gaps)
	if err != nil {
		return Optimum{}, err
	}
	final := make([]float64, k)
	for i := range final {
		final[i] = gaps[i] + c2.c
	}
	pt := append([]float64{0}, times...)
	pt = append(pt, tau)
	pg := append([]float64{0}, final...)
	pg = append(pg, 0)
	proto, err := TwoStateProtocol(pt, pg)
	if err != nil {
		return Optimum{}, err
	}
	return Optimum{
		Eps: eps, Tau: tau, Times: times, Gaps: final, Protocol: proto,
		Work: w, Error: c2.lastEps, Bound: LandauerBound(eps), Evaluations: evals,
	}, nil
}

// constrained evaluates the work of a knot shape with the level shift c
// solved so that the final error is eps.
type constrained struct {
	ctx             context.Context // stops the level-shift solve and its integrations
	gamma, tau, eps float64
	times           []float64
	c               float64 // last solved shift (warm start)
	lastEps         float64
}

// work returns the mean work of gaps + c with c solved for ε(c) = eps.
func (k *constrained) work(gaps []float64) (float64, error) {
	target := math.Log(k.eps)
	c := k.c
	lo, hi := math.Inf(-1), math.Inf(1) // bracket: h(lo) > 0 > h(hi)
	for it := 0; it < 200; it++ {
		if err := k.ctx.Err(); err != nil {
			return 0, err
		}
		e, de, w := k.run(gaps, c)
		if err := k.ctx.Err(); err != nil {
			return 0, err
		}
		if math.IsNaN(e) || math.IsNaN(de) || math.IsNaN(w) {
			return 0, fmt.Errorf("discrete: integration failed for level shift %g", c)
		}
		h := math.Log(e) - target
		if math.Abs(h) < 1e-12 {
			k.c, k.lastEps = c, e
			return w, nil
		}
		if h > 0 {
			lo = c
		} else {
			hi = c
		}
		// Newton step on ln ε(c): d ln ε/dc = de/e < 0.
		next := c - h*e/de
		if !(de < 0) || math.IsNaN(next) || next <= lo || next >= hi {
			switch {
			case math.IsInf(hi, 1):
				next = c + math.Max(1, math.Abs(h))
			case math.IsInf(lo, -1):
				next = c - math.Max(1, math.Abs(h))
			default:
				next = 0.5 * (lo + hi)
			}
		}
		if next > 1e4 || next < -1e4 {
			return 0, fmt.Errorf("discrete: no level shift reaches ε = %g (shift %g)", k.eps, next)
		}
		c = next
	}
	return 0, fmt.Errorf("discrete: level shift for ε = %g did not converge", k.eps)
}

// run integrates the two-state bit under the knot gaps g_k + c (jumps at 0
// and τ) and returns the final error ε = p_1(τ), ∂ε/∂c and the work.
// Variables: p = p_1, q = ∂p/∂c, W; dp/dt = Γ(π(E) − p),
// dq/dt = Γ(π'(E) − q) with π' = −π(1−π), dW/dt = p dE/dt.
func (k *constrained) run(g []float64, c float64) (eps, deps, work float64) {
	p, q := 0.5, 0.0
	w := 0.5 * (g[0] + c)
	for s := 0; s+1 < len(g); s++ {
		p, q, w = rampTwoState(k.ctx, k.gamma, k.times[s], k.times[s+1], g[s]+c, g[s+1]+c, p, q, w, 1e-10)
	}
	w -= p * (g[len(g)-1] + c)
	return p, q, w
}

// rampTwoState integrates (p, q, W) over a linear gap ramp e0 → e1 on
// [t0, t1] by adaptive Dormand–Prince 5(4), relative tolerance rtol. It
// returns NaNs when ctx is cancelled (checked every 1024 steps).
func rampTwoState(ctx context.Context, gamma, t0, t1, e0, e1, p, q, w, rtol float64) (float64, float64, float64) {
	dpC := [7]float64{0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1}
	dpA := [7][6]float64{
		{},
		{1.0 / 5},
		{3.0 / 40, 9.0 / 40},
		{44.0 / 45, -56.0 / 15, 32.0 / 9},
		{19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
		{9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
		{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
	}
	dpE := [7]float64{71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40}
	span := t1 - t0
	slope := (e1 - e0) / span
	f := func(t float64, y [3]float64) [3]float64 {
		e := e0 + slope*(t-t0)
		pi := glauber(1, e)
		return [3]float64{gamma * (pi - y[0]), gamma * (-pi*glauber(1, -e) - y[1]), y[0] * slope}
	}
	wscale := math.Abs(e1 - e0)
	y := [3]float64{p, q, w}
	var k [7][3]float64
	t := t0
	h := math.Min(span, 0.05/gamma)
	k[0] = f(t, y)
	for n := 1; t < t1; n++ {
		if n&1023 == 0 && ctx.Err() != nil {
			return math.NaN(), math.NaN(), math.NaN()
		}
		last := false
		if t+h >= t1 {
			h, last = t1-t, true
		}
		var yn [3]float64
		for st := 1; st < 7; st++ {
			var tmp [3]float64
			for i := range 3 {
				x := y[i]
				for m := 0; m < st; m++ {
					x += h * dpA[st][m] * k[m][i]
				}
				tmp[i] = x
			}
			if st == 6 {
				yn = tmp
			}
			k[st] = f(t+dpC[st]*h, tmp)
		}
		errn := 0.0
		for i := range 3 {
			d := 0.0
			for m := range 7 {
				d += dpE[m] * k[m][i]
			}
			d *= h
			sc := 1e-250 + rtol*math.Max(math.Abs(y[i]), math.Abs(yn[i]))
			if i == 2 {
				sc += rtol * (wscale + 1)
			}
			if r := math.Abs(d) / sc; math.IsNaN(r) || r > errn {
				errn = r
			}
		}
		if errn <= 1 || (!math.IsNaN(errn) && h < 1e-12*span) {
			if last {
				t = t1
			} else {
				t += h
			}
			y = yn
			k[0] = k[6]
		}
		h *= stepFactor(errn)
		if !(h > 1e-300) {
			return math.NaN(), math.NaN(), math.NaN()
		}
	}
	return y[0], y[1], y[2]
}

// nelderMead minimises f from x0 with gonum's Nelder–Mead simplex method
// (gonum.org/v1/gonum/optimize), starting from a simplex of edge step, and
// stops when the best value changes by less than 1e-11 over 100 iterations
// or after maxEval evaluations, or when ctx is cancelled (checked before
// every evaluation). NaN values count as +Inf. It returns the best point
// found and its value.
func nelderMead(ctx context.Context, f func([]float64) float64, x0 []float64, step float64, maxEval int) ([]float64, float64) {
	if len(x0) == 0 {
		return nil, f(nil)
	}
	p := optimize.Problem{Func: func(x []float64) float64 {
		if v := f(x); !math.IsNaN(v) {
			return v
		}
		return math.Inf(1)
	}, Status: func() (optimize.Status, error) {
		if err := ctx.Err(); err != nil {
			return optimize.Failure, err
		}
		return optimize.NotTerminated, nil
	}}
	settings := &optimize.Settings{
		FuncEvaluations: maxEval,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-11, Iterations: 100},
	}
	res, err := optimize.Minimize(p, x0, settings, &optimize.NelderMead{SimplexSize: step})
	if res == nil || (err != nil && res.X == nil) {
		return x0, p.Func(x0)
	}
	return res.X, res.F
}
