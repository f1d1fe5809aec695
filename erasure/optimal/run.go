package optimal

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/optimize"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Constants of the augmented Lagrangian, in units of ln ε.
const (
	// margin: the optimisation grid aims at ln ε ≤ ln ε_max − margin, so
	// that the optimum meets ε_max on the finer grid of the re-solve
	// despite the change of discretisation (the fine and coarse ε of the
	// jun bit differ by a few per cent; see the tests).
	margin = 0.02
	// feasTol: a round is feasible when c = ln ε − ln target ≤ feasTol
	// (ε within 0.1% of its target).
	feasTol = 1e-3
	// activeTol: the constraint is reported active when μ > 0 or
	// ln ε > ln target − activeTol (ε within 1% of it).
	activeTol = 0.01
	rho0      = 1.0 // first penalty, kT per (ln ε)²
	rhoMax    = 1e7
	// tightenings: how often the target is lowered when the fine re-solve
	// misses ε_max.
	tightenings = 3
	// The inner minimisation has converged when the gradient's largest
	// component is below gradTol (kT per parameter unit) or the objective
	// has moved by less than funcTol kT over funcIters iterations: far below
	// the discretisation errors of the re-solve (≳ 1e-5 kT).
	gradTol   = 1e-6
	funcTol   = 1e-7
	funcIters = 10
)

// chooseStarts lists the initial protocols.
func (o *optimizer) chooseStarts() ([]string, error) {
	hasGF := slices.Contains(o.fam.names, "g") && slices.Contains(o.fam.names, "f")
	want := o.set.Starts
	if len(want) == 0 {
		// Not "linear" when g and f are there: for an erasure it is the
		// hold protocol, ε = ½ on a plateau where ε hardly depends on
		// the controls (the barrier keeps the wells apart).
		if o.p.Class == Symmetric {
			want = []string{StartPalindrome, StartSymmetricTilt}
		} else {
			want = []string{StartFourStage, StartPalindrome, StartSymmetricTilt}
		}
		if !hasGF {
			want = []string{StartLinear}
		}
	}
	for _, s := range want {
		switch s {
		case StartFourStage, StartPalindrome, StartSymmetricTilt:
			if !hasGF {
				return nil, fmt.Errorf("optimize: start %q needs the optimised controls g and f", s)
			}
			if s == StartFourStage && o.p.Class == Symmetric {
				return nil, fmt.Errorf("optimize: start %q is not time-symmetric", s)
			}
		case StartLinear:
		default:
			return nil, fmt.Errorf("optimize: unknown start %q (have %s, %s, %s, %s)", s, StartFourStage, StartPalindrome, StartSymmetricTilt, StartLinear)
		}
	}
	return want, nil
}

// path returns the initial protocol's value of optimised control c at
// time t.
func (o *optimizer) path(start string, c int, t float64) float64 {
	f := o.fam
	u := t / f.tau
	lin := f.start[c] + (f.end[c]-f.start[c])*u
	ramp := func(a, b, v0, v1 float64) float64 { // v0 before a, v1 after b, linear between
		switch {
		case u <= a:
			return v0
		case u >= b:
			return v1
		}
		return v0 + (v1-v0)*(u-a)/(b-a)
	}
	name := f.names[c]
	switch start {
	case StartFourStage:
		switch name {
		case "g":
			if u < 0.5 {
				return ramp(0, 0.25, f.start[c], 0)
			}
			return ramp(0.5, 0.75, 0, f.end[c])
		case "f":
			if u < 0.5 {
				return ramp(0.25, 0.5, f.start[c], 1)
			}
			return ramp(0.75, 1, 1, f.end[c])
		}
	case StartPalindrome:
		switch name {
		case "g":
			if u < 0.5 {
				return ramp(0.2, 0.4, f.start[c], 0)
			}
			return ramp(0.6, 0.8, 0, f.end[c])
		case "f":
			if u < 0.5 {
				return ramp(0, 0.2, f.start[c], 0.5)
			}
			return ramp(0.8, 1, 0.5, f.end[c])
		}
	case StartSymmetricTilt:
		if name == "f" {
			if u < 0.5 {
				return ramp(0, 0.5, f.start[c], 1)
			}
			return ramp(0.5, 1, 1, f.end[c])
		}
	}
	return lin
}

// initial returns the parameters of an initial protocol.
func (o *optimizer) initial(start string) []float64 {
	y := o.fam.newValues()
	for c := range y {
		for i, t := range o.fam.times {
			y[c][i] = o.path(start, c, t)
		}
	}
	return o.fam.theta(y)
}

// domain fixes the grid's interval for the whole optimisation (a domain
// that followed the protocol would make ⟨W⟩ jump as it moved): wells.Span
// at fokkerplanck.EdgeHeight over the start and end controls, every
// initial protocol (65 times each) and each bounded control at either
// bound (the others at rest), widened by 5% of its width on each side,
// then moved outward so that the divide falls on a cell face with an even
// number of cells on each side (as fokkerplanck.SolveWithError needs).
func (o *optimizer) domain() (lo, hi float64, err error) {
	f, s := o.fam, o.p.Study
	base := s.Potential.Rest()
	var cs []wells.Control
	at := func(val func(c int) float64) wells.Control {
		ctl := base
		for c, j := range f.ctl {
			ctl[j] = val(c)
		}
		return ctl
	}
	cs = append(cs, at(func(c int) float64 { return f.start[c] }), at(func(c int) float64 { return f.end[c] }))
	for _, st := range o.starts {
		for k := range 65 {
			t := f.tau * float64(k) / 64
			cs = append(cs, at(func(c int) float64 { return o.path(st, c, t) }))
		}
	}
	for c, j := range f.ctl {
		if f.bounded(c) {
			for _, v := range []float64{f.lo[c], f.hi[c]} {
				ctl := base
				ctl[j] = v
				cs = append(cs, ctl)
			}
		}
	}
	kT := s.Dynamics.Temperature
	if kT == 0 {
		kT = 1
	}
	lo, hi, err = wells.Span(s.Potential, cs, kT, fokkerplanck.EdgeHeight)
	if err != nil {
		return 0, 0, fmt.Errorf("optimize: domain: %v", err)
	}
	w := hi - lo
	lo, hi = lo-0.05*w, hi+0.05*w
	d := s.Divide
	if !(d > lo && d < hi) {
		return 0, 0, fmt.Errorf("optimize: measure.divide = %v lies outside the bit's domain [%.4g, %.4g]", d, lo, hi)
	}
	n := o.set.Cells
	nl := 2 * int(math.Round(float64(n)*(d-lo)/(hi-lo)/2))
	nl = min(max(nl, 2), n-2)
	h := max((d-lo)/float64(nl), (hi-d)/float64(n-nl))
	return d - float64(nl)*h, d + float64(n-nl)*h, nil
}

// point is one evaluation: ⟨W⟩, ln ε and their gradients in θ.
type point struct {
	theta      []float64
	work, lnE  float64
	gW, gE     []float64
	err        error
	protocol   erasure.Protocol
	keyframes  map[string][][2]float64
	errorValue float64
}

// eval solves the Fokker–Planck problem of θ with its adjoint.
func (o *optimizer) eval(theta []float64) *point {
	pt := &point{theta: slices.Clone(theta)}
	f := o.fam
	f.values(theta, o.y)
	pt.keyframes = f.keyframes(o.y)
	proto, err := f.protocol(o.y)
	if err != nil {
		pt.err = err
		return pt
	}
	pt.protocol = proto
	pr := o.fp
	pr.Schedule = proto
	sol, d, err := o.tape.ControlGradient(o.ctx, pr, o.wrong)
	o.evals++
	o.cost.eval(o.evals)
	if err != nil {
		pt.err = err
		return pt
	}
	pt.work = sol.Work
	pt.errorValue = sol.Left
	if o.p.Study.Target < 0 {
		pt.errorValue = sol.Right
	}
	pt.lnE = math.Log(pt.errorValue)
	if o.wrong != fokkerplanck.NoError {
		o.bestErr = min(o.bestErr, pt.errorValue)
	}
	for c := range o.gyW {
		clear(o.gyW[c])
		clear(o.gyE[c])
	}
	f.chain(d.Times, d.Work, o.gyW)
	pt.gW = make([]float64, len(theta))
	f.pull(theta, o.gyW, pt.gW)
	if d.LnErr != nil {
		f.chain(d.Times, d.LnErr, o.gyE)
		pt.gE = make([]float64, len(theta))
		f.pull(theta, o.gyE, pt.gE)
	}
	if !finite(pt.work) || (d.LnErr != nil && !finite(pt.lnE)) {
		pt.err = fmt.Errorf("optimize: the Fokker–Planck solve gave ⟨W⟩ = %v, ε = %v", pt.work, pt.errorValue)
	}
	return pt
}

// method is the quasi-Newton method for n parameters: dense BFGS up to
// 500 (its n×n inverse Hessian costs nothing next to one Fokker–Planck
// solve, and with the full curvature history it needed about half the
// iterations of L-BFGS on the full-control test problem), L-BFGS above.
func method(n int) optimize.Method {
	if n <= 500 {
		return &optimize.BFGS{}
	}
	return &optimize.LBFGS{Store: 30}
}

// lagrangian is the augmented-Lagrangian term ψ(c) and its slope.
func lagrangian(c, mu, rho float64) (psi, slope float64) {
	if mu+rho*c > 0 {
		return mu*c + 0.5*rho*c*c, mu + rho*c
	}
	return -mu * mu / (2 * rho), 0
}

// state is one start's augmented-Lagrangian progress.
type state struct {
	theta     []float64
	mu, rho   float64
	best      *point // the current iterate's evaluation
	iters     int
	converged bool
	feasible  bool
	active    bool // the constraint binds: μ > 0, or ε within activeTol of its target
	// fallback is the least-work feasible point evaluated in the current
	// refine: the answer (not converged) when the rounds end infeasible.
	fallback *point
}

// refine runs augmented-Lagrangian rounds from st.theta toward the target
// ln ε ≤ lnTarget (ignored when unconstrained). When the rounds end
// infeasible (a stalled or failed line search), the least-work feasible
// protocol evaluated on the way is kept, marked not converged.
func (o *optimizer) refine(name string, st *state, lnTarget float64) error {
	st.fallback = nil
	c := o.cost
	if c != nil {
		grid := c.coarse
		if o.fp.Dt == o.fine.Dt {
			grid = c.fine
		}
		c.begin(name, grid, st.best == nil)
	}
	if err := o.rounds(name, st, lnTarget); err != nil {
		return err
	}
	c.end()
	if !st.feasible && st.fallback != nil {
		st.theta, st.best = slices.Clone(st.fallback.theta), st.fallback
		st.feasible, st.converged = true, false
	}
	return nil
}

// rounds runs the augmented-Lagrangian rounds of refine.
func (o *optimizer) rounds(name string, st *state, lnTarget float64) error {
	constrained := o.wrong != fokkerplanck.NoError
	var cache *point
	evalAt := func(x []float64) *point {
		if cache == nil || !slices.Equal(cache.theta, x) {
			cache = o.eval(x)
			if pt := cache; pt.err == nil && constrained && pt.lnE-lnTarget <= feasTol &&
				(st.fallback == nil || pt.work < st.fallback.work) {
				st.fallback = pt
			}
		}
		return cache
	}
	var fail error
	cPrev := math.Inf(1)
	for round := 0; round < o.set.Rounds; round++ {
		mu, rho := st.mu, st.rho
		prob := optimize.Problem{
			Func: func(x []float64) float64 {
				pt := evalAt(x)
				if pt.err != nil {
					fail = pt.err
					return math.NaN()
				}
				v := pt.work
				if constrained {
					psi, _ := lagrangian(pt.lnE-lnTarget, mu, rho)
					v += psi
				}
				return v
			},
			Grad: func(g, x []float64) {
				pt := evalAt(x)
				if pt.err != nil {
					fail = pt.err
					for i := range g {
						g[i] = math.NaN()
					}
					return
				}
				copy(g, pt.gW)
				if constrained {
					_, s := lagrangian(pt.lnE-lnTarget, mu, rho)
					for i := range g {
						g[i] += s * pt.gE[i]
					}
				}
			},
			Status: func() (optimize.Status, error) {
				if err := o.ctx.Err(); err != nil {
					return optimize.Failure, err
				}
				if fail != nil {
					return optimize.Failure, fail
				}
				return optimize.NotTerminated, nil
			},
		}
		settings := &optimize.Settings{
			GradientThreshold: gradTol,
			MajorIterations:   o.set.Iterations,
			Converger:         &optimize.FunctionConverge{Absolute: funcTol, Iterations: funcIters},
		}
		res, err := optimize.Minimize(prob, st.theta, settings, method(len(st.theta)))
		if cerr := o.ctx.Err(); cerr != nil {
			return cerr
		}
		if fail != nil {
			return fail
		}
		if res == nil {
			return fmt.Errorf("optimize: %v", err)
		}
		// A line search that cannot progress any more (err != nil) ends at
		// the best point found; the round's convergence says which.
		st.theta = slices.Clone(res.X)
		st.iters += res.MajorIterations
		pt := evalAt(st.theta)
		if pt.err != nil {
			return pt.err
		}
		st.best = pt
		st.converged = err == nil && (res.Status == optimize.GradientThreshold || res.Status == optimize.FunctionConvergence)
		if o.set.Progress != nil {
			o.set.Progress(Progress{Start: name, Round: round, Work: pt.work, Error: pt.errorValue, Multiplier: st.mu, Evaluations: o.evals})
		}
		if !constrained {
			st.feasible = true
			return nil
		}
		c := pt.lnE - lnTarget
		newMu := max(0, mu+rho*c)
		st.feasible = c <= feasTol
		st.active = newMu > 0 || c > -activeTol
		if st.feasible && ((newMu == 0 && st.converged) || math.Abs(c) <= feasTol) {
			st.mu = newMu
			return nil
		}
		if c > feasTol && c > 0.99*cPrev && round >= 2 {
			// Stalled: raising ρ no longer moves ε (e.g. a start on a
			// plateau where ∂ε/∂λ is exponentially small): infeasible
			// from this start.
			st.converged = false
			return nil
		}
		if c > feasTol && c > 0.25*cPrev {
			st.rho = min(10*rho, rhoMax)
		}
		st.mu, cPrev = newMu, c
	}
	st.converged = false
	return nil
}

func (o *optimizer) run() (*Result, error) {
	lnTarget := o.lnMax - margin
	var runs []Run
	var win *state
	winName := ""
	for _, name := range o.starts {
		st := &state{theta: o.initial(name), rho: rho0}
		e0 := o.evals
		if err := o.refine(name, st, lnTarget); err != nil {
			return nil, err
		}
		runs = append(runs, Run{Start: name, Work: st.best.work, Error: st.best.errorValue,
			Feasible: st.feasible, Converged: st.converged, Iterations: st.iters, Evaluations: o.evals - e0})
		if st.feasible && (win == nil || st.best.work < win.best.work) {
			win, winName = st, name
		}
	}
	if win == nil {
		return nil, &InfeasibleError{MaxError: o.p.MaxError, BestError: o.bestErr, Grid: "optimisation"}
	}
	if o.fine.Dt != o.coarse.Dt {
		o.fp = o.fine
		if err := o.refine(winName, win, lnTarget); err != nil {
			return nil, err
		}
		if !win.feasible {
			return nil, &InfeasibleError{MaxError: o.p.MaxError, BestError: o.bestErr, Grid: "optimisation"}
		}
	}
	for try := 0; ; try++ {
		final, err := o.resolve(win.best.protocol)
		if err != nil {
			return nil, err
		}
		// ε_max must hold with the re-solve's discretisation error.
		upper := final.ErrorRate + final.ErrorRateErr
		if o.wrong == fokkerplanck.NoError || upper <= o.p.MaxError {
			return o.result(win, winName, final, runs), nil
		}
		if try == tightenings {
			return nil, &InfeasibleError{MaxError: o.p.MaxError, BestError: final.ErrorRate, Grid: "fine"}
		}
		// The fine grid sees a larger ε than the optimisation grid: aim
		// lower by the observed ratio, from the optimum found.
		lnTarget -= math.Log(upper/o.p.MaxError) + margin
		if err := o.refine(winName, win, lnTarget); err != nil {
			return nil, err
		}
		if !win.feasible {
			return nil, &InfeasibleError{MaxError: o.p.MaxError, BestError: o.bestErr, Grid: "optimisation"}
		}
	}
}

// resolve solves the protocol on the study's grid with discretisation
// errors (erasure's Fokker–Planck method: SolveWithError).
func (o *optimizer) resolve(proto erasure.Protocol) (*erasure.Result, error) {
	s := *o.p.Study
	s.Protocol = proto
	s.Method = erasure.FokkerPlanck
	s.Snapshots = max(s.Snapshots, 5) // for DensityFigure; they cost a copy each
	r, err := s.Run(o.ctx)
	o.cost.resolved()
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("optimize: re-solving the optimum: %v", err)
	}
	return r, nil
}

func (o *optimizer) result(st *state, name string, final *erasure.Result, runs []Run) *Result {
	return &Result{
		Class:            o.p.Class,
		Duration:         o.p.Duration,
		Settle:           o.p.Settle,
		Nodes:            o.fam.k,
		Keyframes:        st.best.keyframes,
		Protocol:         st.best.protocol,
		Final:            final,
		Work:             final.WorkMean,
		WorkErr:          final.WorkErr,
		ErrorRate:        final.ErrorRate,
		ErrorRateErr:     final.ErrorRateErr,
		GridWork:         st.best.work,
		GridError:        st.best.errorValue,
		Iterations:       st.iters,
		Evaluations:      o.evals,
		Converged:        st.converged && st.feasible,
		ConstraintActive: o.wrong != fokkerplanck.NoError && st.active,
		Multiplier:       st.mu,
		Start:            name,
		Runs:             runs,
	}
}
