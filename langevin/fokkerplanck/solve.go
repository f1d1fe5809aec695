package fokkerplanck

import (
	"context"
	"math"
	"sort"
)

// Solve integrates the Fokker–Planck equation of pr over the protocol.
//
// Each time step moves the control from λ(tₙ) to λ(tₙ₊₁) at fixed density,
// adding Σᵢ pᵢ [U(xᵢ, λₙ₊₁) − U(xᵢ, λₙ)] to the work, then relaxes the density
// for dt at fixed λₙ₊₁ by one backward-Euler step (the Sekimoto bookkeeping
// of the Monte Carlo integrators). Backward Euler keeps every mass positive
// and the discrete Boltzmann distribution exactly stationary, and makes
// W ≥ ΔF hold exactly for the discrete dynamics; it is first order in dt.
// Unless pr.FirstOrder is set, a second run at 2dt on the same grid gives
// Richardson-extrapolated scalars, second order in dt: X = 2X(dt) − X(2dt)
// for energies and work, and ln X = 2 ln X(dt) − ln X(2dt) for the masses
// Left and Right (then renormalised to sum 1), which keeps them positive.
// The space discretisation is second order in the cell width.
func Solve(ctx context.Context, pr Problem) (*Solution, error) {
	s, err := prepare(pr, 2)
	if err != nil {
		return nil, err
	}
	return s.solve(ctx)
}

// Estimate is the estimated discretisation error of a Solution.
type Estimate struct {
	Work, HeatIn float64 // of Solution.Work and Solution.HeatIn, in kT
	Left, Right  float64 // of Solution.Left and Solution.Right (absolute)
}

// SolveWithError solves pr and also a coarser problem on the same domain
// with half the cells and twice the time step (about a quarter of the cost),
// and estimates the discretisation error of the fine result from the
// difference. For the default (second order in both dx and dt) the coarse
// error is four times the fine one, so the estimate is |fine − coarse|/3
// (for masses: Left·|ln(Left/Left_coarse)|/3). With FirstOrder the time error
// is only first order and the estimate is |fine − coarse| (an upper bound
// while both errors have the same sign). The number of time steps is rounded
// up to a multiple of 4.
func SolveWithError(ctx context.Context, pr Problem) (*Solution, Estimate, error) {
	s, err := prepare(pr, 4)
	if err != nil {
		return nil, Estimate{}, err
	}
	fine, err := s.solve(ctx)
	if err != nil {
		return nil, Estimate{}, err
	}
	c := *s
	c.n = s.n / 2
	c.h = (s.hi - s.lo) / float64(c.n)
	c.divide = divideIndex(c.lo, c.h, c.n, pr.Divide)
	c.steps = s.steps / 2
	c.snapshotStep = nil
	c.pr.Snapshots = nil
	coarse, err := c.solve(ctx)
	if err != nil {
		return nil, Estimate{}, err
	}
	f := 1.0 / 3
	if pr.FirstOrder {
		f = 1
	}
	logDiff := func(a, b float64) float64 {
		if a == 0 || b == 0 {
			return math.Abs(a - b)
		}
		return a * math.Abs(math.Log(a/b))
	}
	return fine, Estimate{
		Work:   f * math.Abs(fine.Work-coarse.Work),
		HeatIn: f * math.Abs(fine.HeatIn-coarse.HeatIn),
		Left:   f * logDiff(fine.Left, coarse.Left),
		Right:  f * logDiff(fine.Right, coarse.Right),
	}, nil
}

// solve runs backward Euler at dt and, unless FirstOrder, at 2dt.
func (s *setup) solve(ctx context.Context) (*Solution, error) {
	f, c, err := s.march(ctx, !s.pr.FirstOrder, nil)
	if err != nil {
		return nil, err
	}
	return s.solution(f, c), nil
}

// solution assembles the Solution of the march at dt (f) and, unless nil,
// its partner at 2dt (c).
func (s *setup) solution(f, c *result) *Solution {
	sol := &Solution{
		Work:                        f.work,
		EnergyStart:                 f.e0,
		EnergyEnd:                   f.e1,
		FreeEnergyChange:            f.f1 - f.f0,
		EquilibriumFreeEnergyChange: s.kT * (f.lnZ0 - f.lnZ1),
		Left:                        f.left,
		Right:                       f.right,
		Lo:                          s.lo,
		Hi:                          s.hi,
		Dt:                          s.tau / float64(s.steps),
		Cells:                       s.n,
		Steps:                       s.steps,
		X:                           f.x,
		P0:                          f.p0,
		P:                           f.p,
		Snapshots:                   f.snaps,
	}
	if c != nil {
		sol.Extrapolated = true
		sol.Work = 2*f.work - c.work
		sol.EnergyEnd = 2*f.e1 - c.e1
		sol.FreeEnergyChange = 2*(f.f1-f.f0) - (c.f1 - c.f0)
		sol.Left, sol.Right = extrapolateMasses(f.left, f.right, c.left, c.right)
	}
	sol.HeatIn = sol.EnergyEnd - sol.EnergyStart - sol.Work
	sol.EntropyProduction = (sol.Work - sol.FreeEnergyChange) / s.kT
	return sol
}

// extrapolateMasses combines the masses at dt (l, r) and 2dt (lc, rc) as
// described at Solve.
func extrapolateMasses(l, r, lc, rc float64) (float64, float64) {
	geo := func(f, c float64) float64 {
		if f == 0 || c == 0 {
			return f
		}
		return f * (f / c)
	}
	l, r = geo(l, lc), geo(r, rc)
	sum := l + r
	return l / sum, r / sum
}

// result is the outcome of one backward-Euler march.
type result struct {
	work        float64
	e0, e1      float64 // ⟨U⟩ at start and end
	f0, f1      float64 // nonequilibrium free energies
	lnZ0, lnZ1  float64 // ln Z(λ) at start and end
	left, right float64
	x, p0, p    []float64
	snaps       []Snapshot
}

// march integrates with backward Euler at dt and, when partner is set, at
// 2dt on the same grid; the two share the potential and its weights. When
// tp is not nil, the masses before every step are recorded on it (for the
// adjoint; see Gradient).
func (s *setup) march(ctx context.Context, partner bool, tp *record) (fine, coarse *result, err error) {
	n, pr := s.n, s.pr
	dt := s.tau / float64(s.steps)
	x := make([]float64, n)
	for i := range x {
		x[i] = s.lo + (float64(i)+0.5)*s.h
	}
	g := &grid{pot: pr.Potential, beta: 1 / s.kT, x: x}
	f := g.newField()
	g.set(f, pr.Schedule.At(0))
	for i, v := range f.u {
		if !finite(v) {
			return nil, nil, errorf("potential %s is %v at x = %.6g at t = 0", pr.Potential.Name(), v, x[i])
		}
	}
	p0 := make([]float64, n)
	lnZ0 := s.boltzmann(f.u, p0)
	switch pr.Initial {
	case -1:
		clear(p0[s.divide:])
	case 1:
		clear(p0[:s.divide])
	}
	if err := normalise(p0); err != nil {
		return nil, nil, err
	}
	e0, f0 := s.energies(f.u, p0)
	newResult := func() *result {
		return &result{e0: e0, f0: f0, lnZ0: lnZ0, x: x, p0: p0}
	}
	c := s.d * dt / (s.h * s.h)
	fine = newResult()
	fc := newChain(f, append([]float64(nil), p0...), c)
	var cc *chain
	if partner {
		coarse = newResult()
		cc = newChain(f, append([]float64(nil), p0...), 2*c)
	}
	if tp != nil {
		fc.rec = tp.fine
		if cc != nil {
			cc.rec = tp.coarse
		}
	}

	// Snapshots, visited in order of their step.
	order := make([]int, len(pr.Snapshots))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return s.snapshotStep[order[a]] < s.snapshotStep[order[b]] })
	fine.snaps = make([]Snapshot, len(order))
	snap := func(step int) {
		if len(order) == 0 || s.snapshotStep[order[0]] != step {
			return
		}
		fc.finish()
		for len(order) > 0 && s.snapshotStep[order[0]] == step {
			fine.snaps[order[0]] = Snapshot{
				T: s.tau * float64(step) / float64(s.steps), Control: f.ctl,
				P: append([]float64(nil), fc.p...), U: append([]float64(nil), f.u...),
			}
			order = order[1:]
		}
	}
	snap(0)

	src := newFieldSource(g, pr.Schedule, s.steps, f, pr.Serial)
	defer src.close()
	for k := 1; k <= s.steps; k++ {
		f = src.field(k)
		fine.work += fc.step(f)
		if cc != nil && k%2 == 0 {
			coarse.work += cc.step(f)
		}
		if k%cancelEvery == 0 || k == s.steps {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			if !finite(fine.work) {
				t := s.tau * float64(k) / float64(s.steps)
				return nil, nil, errorf("work is %v at t = %.6g: the potential %s is not finite on [%.6g, %.6g]", fine.work, t, pr.Potential.Name(), s.lo, s.hi)
			}
		}
		snap(k)
	}
	lnZ1 := s.boltzmann(f.u, make([]float64, n))
	for _, r := range []struct {
		res *result
		ch  *chain
	}{{fine, fc}, {coarse, cc}} {
		if r.ch == nil {
			continue
		}
		r.ch.finish()
		r.res.p = r.ch.p
		r.res.lnZ1 = lnZ1
		r.res.e1, r.res.f1 = s.energies(f.u, r.res.p)
		for _, v := range r.res.p[:s.divide] {
			r.res.left += v
		}
		for _, v := range r.res.p[s.divide:] {
			r.res.right += v
		}
	}
	return fine, coarse, nil
}

// boltzmann sets p to the discrete Boltzmann distribution of u (masses
// ∝ e^{−u/kT}, sum 1) and returns ln Z, Z = h Σᵢ e^{−uᵢ/kT}.
func (s *setup) boltzmann(u, p []float64) float64 {
	umin := math.Inf(1)
	for _, v := range u {
		umin = min(umin, v)
	}
	var z float64
	for i, v := range u {
		p[i] = math.Exp(-(v - umin) / s.kT)
		z += p[i]
	}
	for i := range p {
		p[i] /= z
	}
	return -umin/s.kT + math.Log(z*s.h)
}

// energies returns ⟨U⟩ and F = ⟨U⟩ − kT S with S = −Σ p ln(p/h).
func (s *setup) energies(u, p []float64) (e, f float64) {
	var sum float64
	for i, v := range p {
		e += v * u[i]
		if v > 0 {
			sum += v * math.Log(v/s.h)
		}
	}
	return e, e + s.kT*sum
}

func normalise(p []float64) error {
	var z float64
	for _, v := range p {
		z += v
	}
	if !(z > 0) || !finite(z) {
		return errorf("initial density has mass %v", z)
	}
	for i := range p {
		p[i] /= z
	}
	return nil
}
