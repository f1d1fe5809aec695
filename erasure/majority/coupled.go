package majority

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// Coupled is a majority bit whose units interact through the mean-field
// harmonic coupling
//
//	U_c = (κ/2N) Σ_{i<j} (x_i − x_j)² = (κ/2) Σ_i (x_i − x̄)²,   x̄ = (1/N) Σ_i x_i,
//
// on top of each unit's own potential U(x_i; λ(t)); all units share the
// protocol λ(t). The force on unit i is −∂U/∂x_i − κ (x_i − x̄). κ ≥ 0 is in
// kT/x_m² and does not depend on time, so the Sekimoto work is the sum
// over units of U(x_i; λ_{n+1}) − U(x_i; λ_n), as for independent units.
// κ = 0 gives independent units.
type Coupled struct {
	Bit
	Kappa float64 // κ ≥ 0 (kT/x_m²)
}

// StartMode says how RunCoupled prepares each bit before the protocol.
type StartMode int

const (
	// StartLogical (the default) is a stored bit: each bit is given the
	// logical value ±1 with probability ½, all of its units are placed on
	// that side of the divide, and they relax together during the burn-in.
	// With a barrier high enough to keep the logical value (no unit crosses
	// during the burn-in) this is the memory's metastable equilibrium within
	// its logical state: the equilibrium of the coupled units restricted to
	// "all units left" or "all units right", half and half.
	StartLogical StartMode = iota
	// StartEquilibrium is the full thermal equilibrium of the coupled units
	// at λ(0): the configuration (which units lie right of the divide) is
	// drawn from CoupledEquilibrium, so mixed configurations occur with
	// their Boltzmann weight, and the units relax within it during the
	// burn-in. At κ = 0 it is the start of Run (every unit an independent
	// equilibrium bit).
	StartEquilibrium
)

func (s StartMode) String() string {
	switch s {
	case StartLogical:
		return "logical"
	case StartEquilibrium:
		return "equilibrium"
	}
	return fmt.Sprintf("StartMode(%d)", int(s))
}

// DefaultBurnIn is the default burn-in of RunCoupled in intra-well
// relaxation times τ_r (see CoupledOptions.BurnIn). Each unit is first
// placed by the exact Boltzmann sampler of its own (uncoupled) well, which
// is already stationary when κ = 0; the burn-in has to relax what the
// coupling changes. The relative coordinates x_i − x̄ relax at a rate of at
// least 1/τ_r (for harmonic wells of stiffness k at (k + κ)/γ, while
// 1/τ_r = k/γ), and their variance as e^{−2t/τ_r} or faster: after 5 τ_r,
// e^{−10} ≈ 5e-5 of the initial mismatch is left.
const DefaultBurnIn = 5

// NoBurnIn, as CoupledOptions.BurnIn, starts the protocol right after the
// units are placed.
const NoBurnIn = -1

// CoupledOptions sets the size, the seed and the preparation of a
// RunCoupled Monte Carlo.
type CoupledOptions struct {
	Options
	Start StartMode
	// BurnIn is the time (t0 = γx_m²/kT) the units evolve, coupled, under
	// the protocol's initial control λ(0) before the protocol starts. 0
	// means DefaultBurnIn intra-well relaxation times τ_r, where τ_r is the
	// larger over the two wells of γ/⟨U″⟩ and γ Var(x)/kT in the well
	// (quadrature of one unit's Boltzmann density at λ(0); both are γ/k
	// for a harmonic well of stiffness k);
	// NoBurnIn (any negative value) means none. No work is done during it
	// (the Hamiltonian does not change).
	BurnIn float64
}

// CoupledResult is what RunCoupled measures. Result holds the per-unit and
// logical errors with their Wilson intervals, the wrong-unit histogram and
// the work per bit and per unit; its IndependentFit and LandauerPerBit are
// the references for independent units (for coupled units the errors are
// correlated and the bound is Bound). Energies in kT, times in t0.
type CoupledResult struct {
	Result
	Kappa  float64 `json:"kappa"`   // κ (kT/x_m²)
	Start  string  `json:"start"`   // "logical" or "equilibrium"
	BurnIn float64 `json:"burn_in"` // the burn-in time used (t0)
	Dt     float64 `json:"dt"`      // the time step used, τ/Steps (t0)
	Steps  int     `json:"steps"`   // protocol steps

	// StartAgree counts the bits whose units all lay on one side of the
	// divide when the protocol started (after the burn-in).
	StartAgree         int64   `json:"start_agree"`
	StartAgreeFraction float64 `json:"start_agree_fraction"`
	// Agree counts the bits whose units all end on one side of the divide
	// (WrongUnits[0] + WrongUnits[N]), with its fraction and 95 % Wilson
	// interval: how strongly the coupling ties the units together.
	Agree         int64   `json:"agree"`
	AgreeFraction float64 `json:"agree_fraction"`
	AgreeLow      float64 `json:"agree_low"`
	AgreeHigh     float64 `json:"agree_high"`
	// PairCorrelation is the correlation coefficient of two units' error
	// indicators, (P(both wrong) − ε_u²)/(ε_u(1 − ε_u)), with P(both
	// wrong) = Σ_k k(k−1) WrongUnits[k]/(M N(N−1)); 0 for independent
	// units, 1 when the units always end together; 0 also when undefined
	// (N = 1 or ε_u ∈ {0, 1}).
	PairCorrelation float64 `json:"pair_correlation"`
	// EquilibriumAgree is P_eq(all units on one side) at λ(0)
	// (CoupledEquilibrium).
	EquilibriumAgree float64 `json:"equilibrium_agree"`
	// QuasiStatic is the least mean work of any protocol from this start to
	// every unit on the target side in local equilibrium at λ(τ), and Bound
	// the least to the measured distribution of the number of wrong units
	// (second law, W ≥ ΔF_neq, coarse-grained by that number):
	//
	//	QuasiStatic = ΔF + kT [−ln P_eq,τ(all on target) − D₀],
	//	Bound       = ΔF + kT [Σ_k p̂_k ln(p̂_k / P_eq,τ(k)) − D₀],
	//
	// ΔF = −kT ln(Z_τ/Z_0) (0 when λ(τ) = λ(0)), P_eq,τ the
	// CoupledEquilibrium at λ(τ), p̂_k the measured fraction of bits with k
	// units right of the divide, and D₀ the relative entropy of the start to
	// the equilibrium at λ(0): 0 for StartEquilibrium and ½ ln(½/P_eq(all
	// left)) + ½ ln(½/P_eq(all right)) for StartLogical (taken as the
	// restricted equilibrium half and half). For a symmetric potential and
	// a protocol that ends where it started, QuasiStatic is −kT ln
	// P_eq(all right) from StartEquilibrium (N ln 2 at κ = 0, falling to
	// ln 2 as κ grows) and ln 2 from StartLogical.
	QuasiStatic float64 `json:"quasi_static"`
	Bound       float64 `json:"bound"`
}

// coupledRun is the validated set-up shared by the workers (read-only).
type coupledRun struct {
	c             Coupled
	n             int
	bitsPerBlock  int
	blocks        int
	bits          int
	seed          uint64
	start         StartMode
	steps         int
	dt            float64
	burnSteps     int
	burnDt        float64
	samplers      [2]*wells.Sampler // right (0) and left (1) of the divide, at λ(0)
	configCDF     []float64         // StartEquilibrium: CDF of the number of units right
	observe       func(block int, x []float64)
	mob, amp      float64 // per protocol step
	bMob, bAmp    float64 // per burn-in step
	invN          float64
	startControls wells.Control
}

// RunCoupled erases opt.Bits majority bits of N coupled units by Monte
// Carlo: overdamped Euler–Maruyama for the N-dimensional Langevin equation
//
//	γ dx_i = [−∂ₓU(x_i; λ(t)) − κ (x_i − x̄)] dt + √(2γkT) dW_i,
//
// per step n (λ_n → λ_{n+1}): W_i += U(x_i; λ_{n+1}) − U(x_i; λ_n), then
// x_i += [F(x_i; λ_{n+1}) − κ(x_i − x̄)] dt/γ + √(2kT dt/γ) ξ_i. Only
// overdamped dynamics is integrated (underdamped is refused). The time step
// is τ/⌈τ/dt⌉ as in langevin.Ensemble; Euler–Maruyama's O(dt) bias (a
// harmonic variance kT/(k(1 − k dt/2)), PHYSICS.md §2) applies.
//
// Each bit is prepared as opt.Start says and evolves for opt.BurnIn at
// λ(0) before the protocol. The bits are cut into blocks of
// max(1, langevin.DefaultBlockSize/N) bits; block b draws everything (the
// start and the noise) from the langevin.Stream keyed by
// langevin.StreamSeed(opt.Seed, b), and the blocks are merged in order, so
// the numbers depend on (Seed, N, M, the settings) and not on
// opt.Workers. The step loop does not allocate; ctx is checked every 1024
// steps.
func RunCoupled(ctx context.Context, c Coupled, opt CoupledOptions) (*CoupledResult, error) {
	return runCoupled(ctx, c, opt, nil)
}

// runCoupled is RunCoupled with an observer of each block's final
// positions (for tests; called from the worker goroutines, x must not be
// retained).
func runCoupled(ctx context.Context, c Coupled, opt CoupledOptions, observe func(block int, x []float64)) (*CoupledResult, error) {
	r, eq0, eq1, err := newCoupledRun(c, opt)
	if err != nil {
		return nil, err
	}
	r.observe = observe
	total, startAgree, err := r.run(ctx, opt.Workers)
	if err != nil {
		return nil, err
	}
	return r.result(&total, startAgree, eq0, eq1)
}

// newCoupledRun validates c and opt and prepares the run: the equilibria
// at λ(0) and λ(τ), the burn-in, the samplers and the step sizes.
func newCoupledRun(c Coupled, opt CoupledOptions) (r *coupledRun, eq0, eq1 *Equilibrium, err error) {
	fail := func(err error) (*coupledRun, *Equilibrium, *Equilibrium, error) { return nil, nil, nil, err }
	if err := c.validate(); err != nil {
		return fail(err)
	}
	switch {
	case !(c.Kappa >= 0) || math.IsInf(c.Kappa, 1):
		return fail(fmt.Errorf("majority: coupling κ must be finite and ≥ 0, got %v", c.Kappa))
	case c.Dynamics.Kind != langevin.Overdamped:
		return fail(fmt.Errorf("majority: RunCoupled integrates overdamped dynamics only (Euler–Maruyama), got %v", c.Dynamics.Kind))
	case opt.Bits < 1:
		return fail(fmt.Errorf("majority: bits must be ≥ 1, got %d", opt.Bits))
	case opt.Start != StartLogical && opt.Start != StartEquilibrium:
		return fail(fmt.Errorf("majority: unknown start mode %v", opt.Start))
	case math.IsNaN(opt.BurnIn) || math.IsInf(opt.BurnIn, 0):
		return fail(fmt.Errorf("majority: burn-in must be finite, got %v", opt.BurnIn))
	}
	n := c.Units
	// The ensemble is built only to validate the dynamics and to share its
	// rule for the number of steps.
	ens := langevin.Ensemble{Potential: c.Potential, Schedule: c.Protocol, Dynamics: c.Dynamics,
		Start: langevin.Start{Divide: c.Divide}, Trajectories: n * opt.Bits, Seed: opt.Seed, Workers: opt.Workers}
	if err := ens.Validate(); err != nil {
		return fail(err)
	}
	d := c.Dynamics
	kT, gamma := d.Temperature, d.Friction
	c0, c1 := c.Protocol.At(0), c.Protocol.At(c.Protocol.Duration())
	eq0, err = CoupledEquilibrium(c.Potential, c0, n, c.Kappa, kT, c.Divide)
	if err != nil {
		return fail(err)
	}
	eq1 = eq0
	if c1 != c0 {
		if eq1, err = CoupledEquilibrium(c.Potential, c1, n, c.Kappa, kT, c.Divide); err != nil {
			return fail(err)
		}
	}
	burn := opt.BurnIn
	switch {
	case burn < 0:
		burn = 0
	case burn == 0:
		g, err := newUnitGrid(c.Potential, c0, kT, c.Divide, 0)
		if err != nil {
			return fail(err)
		}
		burn = DefaultBurnIn * g.relaxationTime(c.Potential, c0, kT, gamma)
	}

	r = &coupledRun{
		c: c, n: n, bits: opt.Bits, seed: opt.Seed, start: opt.Start,
		bitsPerBlock: max(1, langevin.DefaultBlockSize/n),
		steps:        ens.Steps(), dt: ens.Step(),
		invN: 1 / float64(n), startControls: c0,
	}
	r.blocks = (opt.Bits + r.bitsPerBlock - 1) / r.bitsPerBlock
	r.mob, r.amp = r.dt/gamma, math.Sqrt(2*kT*r.dt/gamma)
	if burn > 0 {
		r.burnSteps = int(math.Ceil(burn/d.Dt - 1e-9))
		r.burnDt = burn / float64(r.burnSteps)
		r.bMob, r.bAmp = r.burnDt/gamma, math.Sqrt(2*kT*r.burnDt/gamma)
	}
	for side, rg := range [2][2]float64{{c.Divide, math.Inf(1)}, {math.Inf(-1), c.Divide}} {
		if r.samplers[side], err = wells.NewSampler(c.Potential, c0, kT, rg[0], rg[1]); err != nil {
			return fail(fmt.Errorf("majority: initial state: %w", err))
		}
	}
	if opt.Start == StartEquilibrium {
		r.configCDF = make([]float64, n+1)
		var s float64
		for k, p := range eq0.Right {
			s += p
			r.configCDF[k] = s
		}
		r.configCDF[n] = math.Inf(1) // no draw falls past the end through rounding
	}

	return r, eq0, eq1, nil
}

// result turns the tally of all the blocks and the number of bits whose
// units agreed at the start into the CoupledResult.
func (r *coupledRun) result(total *blockTally, startAgree int64, eq0, eq1 *Equilibrium) (*CoupledResult, error) {
	c, n := r.c, r.n
	kT := c.Dynamics.Temperature
	base, err := newResult(&c.Bit, total)
	if err != nil {
		return nil, err
	}
	out := &CoupledResult{
		Result: *base, Kappa: c.Kappa, Start: r.start.String(),
		BurnIn: float64(r.burnSteps) * r.burnDt, Dt: r.dt, Steps: r.steps,
		EquilibriumAgree: eq0.Agree(),
	}
	m := base.Bits
	out.StartAgree = startAgree
	out.StartAgreeFraction = float64(out.StartAgree) / float64(m)
	out.Agree = m // one unit always agrees with itself
	if n > 1 {
		out.Agree = base.WrongUnits[0] + base.WrongUnits[n]
	}
	out.AgreeFraction = float64(out.Agree) / float64(m)
	out.AgreeLow, out.AgreeHigh = erasure.Wilson(out.Agree, m, 0.95)
	if eu := base.UnitError; n > 1 && eu > 0 && eu < 1 {
		var pairs float64
		for k, h := range base.WrongUnits {
			pairs += float64(k*(k-1)) * float64(h)
		}
		p2 := pairs / (float64(m) * float64(n*(n-1)))
		out.PairCorrelation = (p2 - eu*eu) / (eu * (1 - eu))
	}

	// The second-law bounds.
	dF := -kT * (eq1.LogZ - eq0.LogZ)
	var d0 float64
	if r.start == StartLogical {
		d0 = 0.5*(math.Log(0.5)-eq0.logRight[0]) + 0.5*(math.Log(0.5)-eq0.logRight[n])
	}
	pRight := make([]float64, n+1) // p̂_k: bits with k units right of the divide
	for kw, h := range base.WrongUnits {
		k := n - kw // target right: k wrong units are left
		if c.Target < 0 {
			k = kw
		}
		pRight[k] = float64(h) / float64(m)
	}
	target := 1
	if c.Target < 0 {
		target = -1
	}
	out.QuasiStatic = dF + eq1.QuasiStaticWork(target) - kT*d0
	out.Bound = dF + kT*(eq1.divergence(pRight)-d0)
	return out, nil
}

// coupledTally is the reduction of one block: its bits, and how many of
// them had all units on one side after the burn-in.
type coupledTally struct {
	blockTally
	startAgree int64
}

// run integrates every block with the given number of goroutines (0:
// GOMAXPROCS) and returns the blocks' tallies and start agreements merged
// in block order (langevin.Reduce).
func (r *coupledRun) run(ctx context.Context, workers int) (total blockTally, startAgree int64, err error) {
	ws := make([]*coupledWorker, langevin.Workers(workers, r.blocks))
	err = langevin.Reduce(ctx, r.blocks, workers, func(ctx context.Context, wi, b int) (coupledTally, error) {
		var t coupledTally
		w := ws[wi]
		if w == nil {
			w = r.newWorker()
			ws[wi] = w
		}
		if !w.block(ctx, b) {
			return t, ctx.Err()
		}
		nb := len(w.x) / r.n
		t.startAgree = w.startAgree
		t.add(&r.c.Bit, w.x[:nb*r.n], w.w[:nb*r.n])
		if r.observe != nil {
			r.observe(b, w.x)
		}
		return t, nil
	}, func(_ int, t coupledTally) error {
		total.merge(&t.blockTally)
		startAgree += t.startAgree
		return nil
	})
	return total, startAgree, err
}

// coupledWorker holds one goroutine's buffers; it allocates only when
// created.
type coupledWorker struct {
	r          *coupledRun
	stream     langevin.Stream
	rng        *rand.Rand // the same stream, for the samplers
	buf        [5][]float64
	x, w, f    []float64 // positions, works, forces of the current block
	u, noise   []float64
	side       []int8 // scratch: the side of each unit of a bit
	startAgree int64
}

func (r *coupledRun) newWorker() *coupledWorker {
	w := &coupledWorker{r: r, side: make([]int8, r.n)}
	w.rng = rand.New(&w.stream)
	for i := range w.buf {
		w.buf[i] = make([]float64, r.bitsPerBlock*r.n)
	}
	return w
}

// block runs block b: start, burn-in, protocol. It returns false if ctx
// was cancelled.
func (w *coupledWorker) block(ctx context.Context, b int) bool {
	r := w.r
	n := r.n
	first := b * r.bitsPerBlock
	nb := min(r.bitsPerBlock, r.bits-first)
	m := nb * n
	w.x, w.w, w.f, w.u, w.noise = w.buf[0][:m], w.buf[1][:m], w.buf[2][:m], w.buf[3][:m], w.buf[4][:m]
	w.stream.Seed(langevin.StreamSeed(r.seed, b))
	clear(w.w)

	for g := 0; g < m; g += n {
		w.startSides()
		for i, s := range w.side {
			w.x[g+i] = r.samplers[s].Sample(w.rng)
		}
	}
	for s := range r.burnSteps {
		if s%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		r.c.Potential.Eval(r.startControls, w.x, w.u, w.f)
		w.move(r.bMob, r.bAmp)
	}
	w.startAgree = 0
	for g := 0; g < m; g += n {
		right := 0
		for _, v := range w.x[g : g+n] {
			if v >= r.c.Divide {
				right++
			}
		}
		if right == 0 || right == n {
			w.startAgree++
		}
	}
	cur := r.startControls
	for s := range r.steps {
		if s%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		next := r.c.Protocol.At(float64(s+1) * r.dt)
		r.c.Potential.Step(cur, next, w.x, w.w, w.f)
		w.move(r.mob, r.amp)
		cur = next
	}
	return true
}

// cancelCheck is how many steps pass between checks of the context.
const cancelCheck = 1024

// startSides draws the sides of one bit's units (0 right, 1 left of the
// divide) into w.side, as the start mode says.
func (w *coupledWorker) startSides() {
	r := w.r
	if r.start == StartLogical {
		s := int8(0)
		if w.stream.Float64() < 0.5 {
			s = 1
		}
		for i := range w.side {
			w.side[i] = s
		}
		return
	}
	// StartEquilibrium: k units right with probability Right[k], then a
	// uniformly random choice of which: unit i is right with probability
	// (right ones left to place)/(units left to place).
	v := w.stream.Float64()
	k := 0
	for v >= r.configCDF[k] {
		k++
	}
	for i := range w.side {
		if float64(r.n-i)*w.stream.Float64() < float64(k) {
			w.side[i] = 0
			k--
		} else {
			w.side[i] = 1
		}
	}
}

// move takes one Euler–Maruyama step with the units' own forces in w.f
// and the coupling: x_i += [f_i − κ(x_i − x̄)]·mob + amp·ξ_i, the bit's
// mean x̄ taken before the step.
func (w *coupledWorker) move(mob, amp float64) {
	r := w.r
	x, f, noise := w.x, w.f[:len(w.x)], w.noise[:len(w.x)]
	w.stream.FillNormal(noise)
	k := r.c.Kappa
	if k == 0 {
		for i := range x {
			x[i] += mob*f[i] + amp*noise[i]
		}
		return
	}
	nu := r.n
	for g := 0; g+nu <= len(x); g += nu {
		xs, fs, zs := x[g:g+nu], f[g:g+nu], noise[g:g+nu]
		var s float64
		for _, v := range xs {
			s += v
		}
		mean := s * r.invN
		for i, v := range xs {
			xs[i] = v + mob*(fs[i]-k*(v-mean)) + amp*zs[i]
		}
	}
}
