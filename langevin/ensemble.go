// Package langevin integrates Langevin dynamics for an ensemble of
// independent particles in a wells.Potential driven by a control protocol,
// with the exact per-trajectory work and heat bookkeeping of stochastic
// energetics (Sekimoto).
//
// Units: energy in kT of the reference bath, length in the potential's unit,
// friction γ and mass m in the engine's units, so the overdamped time unit is
// γL²/kT.
//
// Overdamped, stochastic Heun (the default; weak order 2 for additive
// noise), per step n, with the control held at its midpoint value
// λ_{n+½} = λ((n+½)dt) while the particle moves:
//
//	W  += U(x_n, λ_{n+½}) − U(x_n, λ_{n−½})               (work at fixed position; λ_{−½} = λ_0)
//	x̃   = x_n + F(x_n, λ_{n+½}) dt/γ + √(2 kT dt/γ) ξ_n   (predictor: an Euler–Maruyama step)
//	x_{n+1} = x_n + [F(x_n) + F(x̃)] dt/(2γ) + √(2 kT dt/γ) ξ_n   (corrector, same ξ_n)
//
// and after the last step W += U(x_N, λ_N) − U(x_N, λ_{N−½}). The scheme
// is the additive-noise case of Kloeden & Platen's explicit weak order 2.0
// scheme (Numerical Solution of SDEs, 1992, eq. 15.1.4): with the control
// frozen over a step the drift is autonomous and the scheme is weak order
// 2; freezing the control at the midpoint (a Strang splitting of the
// protocol, the work increments a midpoint rule of ∫∂_λU λ' dt) keeps the
// driven process second order, where freezing it at λ_{n+1} would shift the
// protocol by dt/2 and make the end state (ΔU, heat, error rate) first
// order. Heun is preferred over the Leimkuhler–Matthews overdamped scheme
// x_{n+1} = x_n + F dt/γ + √(2kT dt/γ)(ξ_n + ξ_{n+1})/2, whose second
// order holds for the invariant measure only (its finite-time weak error
// is first order), because an erasure's work and error are finite-time
// averages under a driven protocol.
//
// Overdamped, Euler–Maruyama (weak order 1; Integrator = EulerMaruyama),
// per step n with λ_n → λ_{n+1}:
//
//	W += U(x_n, λ_{n+1}) − U(x_n, λ_n)                    (work at fixed position)
//	x_{n+1} = x_n + F(x_n, λ_{n+1}) dt/γ + √(2 kT dt/γ) ξ_n
//
// Either way the heat absorbed from the bath is Q_in = ΔU − W per
// trajectory, so the first law ΔU = W + Q_in holds by construction; the
// dissipated heat is −Q_in.
//
// Underdamped (BAOAB, Leimkuhler & Matthews 2013), per step: the control
// update to the midpoint control λ_{n+½} (work, as for Heun), then B A O A B
// at fixed λ_{n+½} with B: v += F dt/(2m), A: x += v dt/2,
// O: v ← a v + √((1−a²) kT/m) ξ, a = e^{−γ dt/m}, and the last half
// update to λ_N after the last step. The kinetic-energy change of the O
// sub-step is heat; the energy change of the deterministic B and A
// sub-steps is the integrator's shadow work (Sivak, Chodera & Crooks, PRX 3,
// 011007 (2013)), reported separately: ΔU + ΔK = W + Q_in + W_shadow per
// trajectory. BAOAB is a symmetric splitting, weak order 2.
//
// Time-step error: with Ensemble.Coarse set, every trajectory is also
// integrated at twice the step with the same Brownian path (the noise
// increments of each pair of steps summed), into Block.Coarse; a weak order
// p scheme then has X_dt − X_0 ≈ (X_2dt − X_dt)/(2^p − 1) (Dynamics.WeakOrder).
//
// Reproducibility: the ensemble is cut into fixed-size blocks of
// trajectories; block b draws from its own random stream keyed by
// (seed, b). The numbers are therefore identical whatever the number of
// workers, and any subset of blocks can be run separately (cluster shards,
// checkpoints). A reduction over the blocks whose result depends on the
// order of merging (floating-point sums) merges them in block order:
// ReduceBlocks, on the package's block reducer (Reducer, Reduce), which
// every Monte Carlo estimator of the module uses.
package langevin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"

	"github.com/landauer-dev/landauer/internal/splitmix"
	"github.com/landauer-dev/landauer/wells"
)

// Kind selects the equations of motion.
type Kind int

const (
	// Overdamped is γ dx = F dt + √(2γkT) dW, integrated by stochastic Heun
	// (default) or Euler–Maruyama.
	Overdamped Kind = iota
	// Underdamped is dx = v dt, m dv = F dt − γ v dt + √(2γkT) dW, integrated by BAOAB.
	Underdamped
)

// Integrator selects the time-stepping scheme (see the package comment).
type Integrator int

const (
	// DefaultIntegrator is Heun when overdamped and BAOAB when underdamped.
	DefaultIntegrator Integrator = iota
	// Heun is the overdamped stochastic Heun predictor–corrector, weak
	// order 2 for additive noise, control at the step's midpoint.
	Heun
	// EulerMaruyama is the overdamped Euler–Maruyama step, weak order 1,
	// control at the step's end.
	EulerMaruyama
	// BAOAB is the underdamped splitting scheme, weak order 2, control at
	// the step's midpoint.
	BAOAB
)

// integratorNames are the names of the integrators in configuration files,
// in Integrator order.
var integratorNames = [...]string{DefaultIntegrator: "default", Heun: "heun", EulerMaruyama: "euler-maruyama", BAOAB: "baoab"}

func (i Integrator) String() string {
	if i >= 0 && int(i) < len(integratorNames) {
		return integratorNames[i]
	}
	return fmt.Sprintf("Integrator(%d)", int(i))
}

// ParseIntegrator returns the integrator named s ("heun", "euler-maruyama",
// "baoab"; "" is DefaultIntegrator).
func ParseIntegrator(s string) (Integrator, error) {
	if s == "" {
		return DefaultIntegrator, nil
	}
	for i, n := range integratorNames {
		if i > 0 && n == s {
			return Integrator(i), nil
		}
	}
	return 0, fmt.Errorf("unknown integrator %q (have \"heun\", \"euler-maruyama\" for overdamped, \"baoab\" for underdamped)", s)
}

func (k Kind) String() string {
	switch k {
	case Overdamped:
		return "overdamped"
	case Underdamped:
		return "underdamped"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Dynamics holds the parameters of the equations of motion.
type Dynamics struct {
	Kind        Kind
	Dt          float64 // time step, in the time unit (≤ the protocol's duration)
	Friction    float64 // γ (> 0)
	Mass        float64 // m (> 0; underdamped only)
	Temperature float64 // bath temperature kT, in units of the reference kT (> 0)
	// Integrator is the scheme; DefaultIntegrator is Heun when overdamped,
	// BAOAB when underdamped.
	Integrator Integrator
}

// Scheme is the integrator the dynamics use: Integrator with the default
// resolved.
func (d Dynamics) Scheme() Integrator {
	if d.Integrator != DefaultIntegrator {
		return d.Integrator
	}
	if d.Kind == Underdamped {
		return BAOAB
	}
	return Heun
}

// WeakOrder is the weak order p of the scheme for the averages of smooth
// functions of the path at a fixed final time: the time-step error of a
// mean is c·dt^p + O(dt^{p+1}). Euler–Maruyama 1, Heun and BAOAB 2.
func (d Dynamics) WeakOrder() int {
	if d.Scheme() == EulerMaruyama {
		return 1
	}
	return 2
}

// Start says where trajectories begin: exact Boltzmann samples of the
// potential at λ(0), at the bath temperature, from both wells (Side = 0),
// only left of Divide (Side = −1), or only right of it (Side = +1).
// Underdamped velocities are Maxwell–Boltzmann.
type Start struct {
	Side   int
	Divide float64
}

// DefaultBlockSize is the number of trajectories in one block: small enough
// that a block's working arrays stay in the L1/L2 cache.
const DefaultBlockSize = 512

// Ensemble describes a set of independent trajectories.
type Ensemble struct {
	Potential    wells.Potential
	Schedule     Schedule
	Dynamics     Dynamics
	Start        Start
	Trajectories int
	Seed         uint64
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	// It never changes the results.
	Workers int
	// BlockSize is the number of trajectories per random stream; 0 means
	// DefaultBlockSize. Results depend on it (it fixes which random numbers
	// go to which trajectory), so keep it fixed to reproduce a run.
	BlockSize int
	// Kernel selects the hot loops' instruction set and with it the normal
	// generator (see Kernel); the zero value is the fastest this CPU runs.
	Kernel Kernel
	// Coarse, if set, also integrates every trajectory at twice the step,
	// 2·Step(), with the same Brownian path: the coarse step k uses the
	// noise of fine steps 2k and 2k+1 combined as the exact coarse
	// increment (overdamped: √(2kT dt/γ)(ξ_a + ξ_b), the Wiener increment
	// over 2dt; underdamped: the O sub-step's √((1−a²)kT/m)(a ξ_a + ξ_b),
	// the exact Ornstein–Uhlenbeck noise over 2dt). Block.Coarse then holds
	// the coarse final states: the data of the time-step bias estimate
	// (X_dt − X_0 ≈ (X_2dt − X_dt)/(2^p − 1), p = Dynamics.WeakOrder). The
	// number of steps is then even. Costs no extra normals.
	Coarse bool
	// Trace, if not nil, is called for every block with the state before the
	// first step (n = 0) and after every step n = 1..Steps, with c the
	// protocol's control λ(n·Step()) at that time (Heun and BAOAB move the
	// particles under the midpoint controls; see the package comment). It
	// exists for tests and trajectory pictures and makes the run slow. It is
	// called from the worker goroutines; x and v must not be retained. The
	// coarse path is not traced.
	Trace func(block, n int, c wells.Control, x, v []float64)
}

// Block is the final state of one block of trajectories, handed to the
// observer of Run. Its slices are reused once the observer returns.
type Block struct {
	Index int // block number b
	First int // index of the block's first trajectory in the ensemble

	X0     []float64 // initial positions
	X, V   []float64 // final positions and velocities (V is nil when overdamped)
	Work   []float64 // Sekimoto work W (kT)
	HeatIn []float64 // heat absorbed from the bath Q_in (kT); dissipated heat is −Q_in
	U0, U1 []float64 // potential energy at the start (λ(0)) and end (λ(τ)) (kT)
	K0, K1 []float64 // kinetic energy at the start and end (nil when overdamped)
	Shadow []float64 // shadow work of the integrator (nil when overdamped)

	// Coarse is the same trajectories integrated at twice the step with
	// the same noise (Ensemble.Coarse; nil otherwise): its X, V, Work,
	// HeatIn, U1, K1 and Shadow are the coarse path's, and X0, U0, K0 are
	// shared with the block.
	Coarse *Block
}

// Len is the number of trajectories in the block.
func (b *Block) Len() int { return len(b.X) }

// Steps is the number of time steps N = ⌈τ/dt⌉ (rounded up to even when
// Coarse is set, so that the coarse path has N/2 steps); the step actually
// used is τ/N (see Step), so that the steps end exactly at the protocol's
// duration.
func (e *Ensemble) Steps() int {
	tau, dt := e.Schedule.Duration(), e.Dynamics.Dt
	n := int(math.Ceil(tau/dt - 1e-9))
	if e.Coarse && n%2 == 1 {
		n++
	}
	return n
}

// stepTime is the time of step n of steps, n·dt with dt = τ/steps, and
// exactly τ at n = steps: steps·(τ/steps) can round to just below τ, and
// a protocol that jumps at τ (right-continuous, as keyframes are) would
// then never make its final jump.
func (e *Ensemble) stepTime(n, steps int, dt float64) float64 {
	if n == steps {
		return e.Schedule.Duration()
	}
	return float64(n) * dt
}

// Step is the time step actually used, τ/N ≤ Dynamics.Dt.
func (e *Ensemble) Step() float64 { return e.Schedule.Duration() / float64(e.Steps()) }

func (e *Ensemble) blockSize() int {
	if e.BlockSize > 0 {
		return e.BlockSize
	}
	return DefaultBlockSize
}

// Blocks is the number of blocks the ensemble is cut into.
func (e *Ensemble) Blocks() int {
	bs := e.blockSize()
	return (e.Trajectories + bs - 1) / bs
}

// Validate checks the ensemble's settings and returns one clear error naming
// the first bad field.
func (e *Ensemble) Validate() error {
	d := e.Dynamics
	finitePos := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	switch {
	case e.Potential == nil:
		return errors.New("langevin: no potential")
	case e.Schedule == nil:
		return errors.New("langevin: no protocol")
	case !finitePos(e.Schedule.Duration()):
		return fmt.Errorf("langevin: protocol duration must be finite and > 0, got %v", e.Schedule.Duration())
	case d.Kind != Overdamped && d.Kind != Underdamped:
		return fmt.Errorf("langevin: unknown dynamics kind %v", d.Kind)
	case d.Integrator < DefaultIntegrator || d.Integrator > BAOAB:
		return fmt.Errorf("langevin: unknown dynamics.integrator %v", d.Integrator)
	case d.Kind == Overdamped && d.Integrator == BAOAB:
		return errors.New("langevin: dynamics.integrator \"baoab\" needs dynamics.kind = \"underdamped\"")
	case d.Kind == Underdamped && (d.Integrator == Heun || d.Integrator == EulerMaruyama):
		return fmt.Errorf("langevin: dynamics.integrator %q is overdamped only; underdamped dynamics use \"baoab\"", d.Integrator)
	case !finitePos(d.Dt):
		return fmt.Errorf("langevin: dynamics.dt must be finite and > 0, got %v", d.Dt)
	case d.Dt > e.Schedule.Duration():
		return fmt.Errorf("langevin: dynamics.dt = %v exceeds the protocol duration %v", d.Dt, e.Schedule.Duration())
	case e.Schedule.Duration()/d.Dt > 1e12:
		return fmt.Errorf("langevin: duration/dt = %.3g steps is too many", e.Schedule.Duration()/d.Dt)
	case !finitePos(d.Friction):
		return fmt.Errorf("langevin: dynamics.friction must be finite and > 0, got %v", d.Friction)
	case d.Kind == Underdamped && !finitePos(d.Mass):
		return fmt.Errorf("langevin: dynamics.mass must be finite and > 0, got %v", d.Mass)
	case !finitePos(d.Temperature):
		return fmt.Errorf("langevin: dynamics.temperature must be finite and > 0, got %v", d.Temperature)
	case e.Start.Side < -1 || e.Start.Side > 1:
		return fmt.Errorf("langevin: start side must be -1, 0 or +1, got %d", e.Start.Side)
	case math.IsNaN(e.Start.Divide) || math.IsInf(e.Start.Divide, 0):
		return fmt.Errorf("langevin: divide must be finite, got %v", e.Start.Divide)
	case e.Trajectories <= 0:
		return fmt.Errorf("langevin: trajectories must be > 0, got %d", e.Trajectories)
	case e.Workers < 0:
		return fmt.Errorf("langevin: workers must be >= 0, got %d", e.Workers)
	case e.BlockSize < 0:
		return fmt.Errorf("langevin: block size must be >= 0, got %d", e.BlockSize)
	case !e.Kernel.Supported():
		return fmt.Errorf("langevin: kernel %v is not supported by this CPU", e.Kernel)
	}
	return nil
}

// Run integrates every block b for which skip is nil or skip(b) is false,
// and calls observe once per block with its final state. observe is called
// from several goroutines at once, for different blocks, in no particular
// order; it must copy what it keeps. Run stops early, returning the error,
// when ctx is cancelled or observe returns an error; blocks already observed
// stay observed. ReduceBlocks reduces the blocks in block order instead.
func (e *Ensemble) Run(ctx context.Context, skip func(b int) bool, observe func(*Block) error) error {
	r := &Reducer[struct{}]{}
	if skip != nil {
		r.Known = func(b int) (struct{}, bool) { return struct{}{}, skip(b) }
	}
	return ReduceBlocks(ctx, e, r, func(b *Block) (struct{}, error) { return struct{}{}, observe(b) })
}

// ReduceBlocks integrates the blocks r.First..e.Blocks()−1 of e (those for
// which r.Known gives no result) with r: tally is called with each block's
// final state on the worker goroutine that integrated it (several at once,
// for different blocks; the block is reused once tally returns, so tally
// must copy what it keeps), and r.Merge receives the tallies in block
// order on the calling goroutine, so the reduction is the same for any
// number of workers. ReduceBlocks sets r.Blocks to e.Blocks() and r.Work;
// r.Workers, when 0, becomes e.Workers. It stops early, returning the
// error, when ctx is cancelled or tally or r.Merge fails, and with a
// *NonFiniteError when a trajectory becomes NaN or infinite (that block
// is never tallied).
func ReduceBlocks[T any](ctx context.Context, e *Ensemble, r *Reducer[T], tally func(*Block) (T, error)) error {
	sampler, err := e.startSampler()
	if err != nil {
		return err
	}
	r.Blocks = e.Blocks()
	if r.Workers == 0 {
		r.Workers = e.Workers
	}
	var (
		steppers  = make([]*stepper, Workers(r.Workers, r.Blocks-r.First))
		bad, ran  atomic.Int64 // non-finite trajectories, trajectories integrated
		badCoarse atomic.Bool  // the coarse path was the first to fail
	)
	r.Work = func(ctx context.Context, w, b int) (T, error) {
		var zero T
		s := steppers[w]
		if s == nil {
			s = newStepper(e, sampler)
			steppers[w] = s
		}
		if !s.run(ctx, b) {
			return zero, ctx.Err()
		}
		ran.Add(int64(s.block.Len()))
		if k, coarseOnly := nonFinite(&s.block); k > 0 {
			// never tallied: nothing non-finite reaches a reduction
			bad.Add(int64(k))
			if coarseOnly {
				badCoarse.Store(true)
			}
			return zero, errNonFinite
		}
		return tally(&s.block)
	}
	err = r.Run(ctx)
	if k := bad.Load(); k > 0 {
		return &NonFiniteError{Trajectories: k, Integrated: ran.Load(), Dt: e.Step(), CoarseOnly: badCoarse.Load()}
	}
	return err
}

var errNonFinite = errors.New("non-finite trajectories")

// NonFiniteError is the error of a run in which some trajectory's position,
// velocity or work became NaN or infinite: the run stops at the first block
// with such a trajectory (blocks under way stop too) and no block
// holding one is observed. It is almost always a time step too large for
// the forces the trajectories met.
type NonFiniteError struct {
	Trajectories int64   // trajectories that became non-finite
	Integrated   int64   // trajectories integrated before the run stopped
	Dt           float64 // the time step used
	CoarseOnly   bool    // only the 2dt path of the bias estimate failed
}

func (e *NonFiniteError) Error() string {
	where := ""
	if e.CoarseOnly {
		where = " in the 2dt path of the time-step bias estimate"
	}
	return fmt.Sprintf("langevin: %d of the %d trajectories integrated became non-finite (position, velocity or work)%s; "+
		"the time step dt = %.4g is likely too large for the forces they met: reduce dynamics.dt", e.Trajectories, e.Integrated, where, e.Dt)
}

// nonFinite counts the trajectories of b (and of its coarse path) whose
// final position, velocity or work is NaN or ±Inf; coarseOnly reports that
// every such trajectory is finite on the fine path. A trajectory that went
// non-finite stays so (NaN and ±Inf propagate through the steps), so the
// final state tells.
func nonFinite(b *Block) (k int, coarseOnly bool) {
	fine := 0
	bad := func(p *Block, i int) bool {
		ok := isFinite(p.X[i]) && isFinite(p.Work[i])
		if p.V != nil {
			ok = ok && isFinite(p.V[i])
		}
		return !ok
	}
	for i := range b.X {
		f := bad(b, i)
		if f {
			fine++
		}
		if f || b.Coarse != nil && bad(b.Coarse, i) {
			k++
		}
	}
	return k, k > 0 && fine == 0
}

func isFinite(v float64) bool { return v-v == 0 }

// stepper holds one worker's buffers; it allocates only when created.
type stepper struct {
	e       *Ensemble
	sampler *wells.Sampler
	stream  Stream     // the block's random stream (xoshiro256+)
	rng     *rand.Rand // the same stream, for the initial-state sampler
	gauss   normalGen  // the block's normals: the stream's ziggurat, or SIMD lanes keyed by it
	block   Block
	coarse  Block     // the coarse path's final states (Ensemble.Coarse)
	f       []float64 // forces
	u       []float64 // scratch energies
	noise   []float64 // one step's normal variates
	xp, f2  []float64 // Heun's predictor and its force
	za, zb  []float64 // the normals of the two fine steps of a coarse step
}

func newStepper(e *Ensemble, sampler *wells.Sampler) *stepper {
	bs := e.blockSize()
	s := &stepper{e: e, sampler: sampler}
	s.gauss.kern = e.Kernel
	s.rng = rand.New(&s.stream)
	buf := func() []float64 { return make([]float64, bs) }
	s.f, s.u, s.noise = buf(), buf(), buf()
	s.xp, s.f2 = buf(), buf()
	b := &s.block
	b.X0, b.X, b.Work, b.HeatIn, b.U0, b.U1 = buf(), buf(), buf(), buf(), buf(), buf()
	under := e.Dynamics.Kind == Underdamped
	if under {
		b.V, b.K0, b.K1, b.Shadow = buf(), buf(), buf(), buf()
	}
	if e.Coarse {
		s.za, s.zb = buf(), buf()
		c := &s.coarse
		c.X, c.Work, c.HeatIn, c.U1 = buf(), buf(), buf(), buf()
		if under {
			c.V, c.K1, c.Shadow = buf(), buf(), buf()
		}
		b.Coarse = c
	}
	return s
}

// StreamSeed is the key pair of block b's random stream: (seed, b) mixed by
// SplitMix64 so that neighbouring blocks get unrelated states.
func StreamSeed(seed uint64, b int) (uint64, uint64) {
	s1 := splitmix.Hash(seed ^ splitmix.Gamma)
	s2 := splitmix.Hash(s1 ^ uint64(b))
	return splitmix.Hash(s2), splitmix.Hash(s2 + 0x632be59bd9b4e019)
}

// run integrates block b; it returns false if ctx was cancelled.
func (s *stepper) run(ctx context.Context, b int) bool {
	e := s.e
	bs := e.blockSize()
	first := b * bs
	n := min(bs, e.Trajectories-first)
	s.stream.Seed(StreamSeed(e.Seed, b))
	blk := &s.block
	blk.Index, blk.First = b, first
	resize := func(p *[]float64) {
		if *p != nil {
			*p = (*p)[:n]
		}
	}
	for _, p := range []*[]float64{&blk.X0, &blk.X, &blk.V, &blk.Work, &blk.HeatIn, &blk.U0, &blk.U1, &blk.K0, &blk.K1, &blk.Shadow} {
		resize(p)
	}
	cb := blk.Coarse
	if cb != nil {
		for _, p := range []*[]float64{&cb.X, &cb.V, &cb.Work, &cb.HeatIn, &cb.U1, &cb.K1, &cb.Shadow} {
			resize(p)
		}
		cb.Index, cb.First = b, first
		cb.X0, cb.U0, cb.K0 = blk.X0, blk.U0, blk.K0
	}

	d := e.Dynamics
	kT := d.Temperature
	for i := range n {
		if i&63 == 63 && ctx.Err() != nil {
			return false // the initial state of a hard potential can be slow
		}
		blk.X0[i] = s.sampler.Sample(s.rng)
	}
	s.gauss.start(&s.stream)
	copy(blk.X, blk.X0)
	clear(blk.Work)
	cur := e.Schedule.At(0)
	e.Potential.Eval(cur, blk.X, blk.U0, nil)
	if d.Kind == Underdamped {
		sv := math.Sqrt(kT / d.Mass)
		s.gauss.fill(blk.V)
		for i := range n {
			blk.V[i] *= sv
			blk.K0[i] = 0.5 * d.Mass * blk.V[i] * blk.V[i]
		}
		clear(blk.HeatIn)
	}
	if cb != nil {
		copy(cb.X, blk.X0)
		clear(cb.Work)
		if cb.V != nil {
			copy(cb.V, blk.V)
			clear(cb.HeatIn)
		}
	}
	if e.Trace != nil {
		e.Trace(b, 0, cur, blk.X, blk.V)
	}

	steps := e.Steps()
	dt := e.Step()
	var ok bool
	switch d.Scheme() {
	case EulerMaruyama:
		ok = s.eulerMaruyama(ctx, steps, dt, cur)
	case Heun:
		ok = s.heun(ctx, steps, dt, cur)
	default:
		ok = s.underdamped(ctx, steps, dt, cur)
	}
	if !ok {
		return false
	}
	last := e.Schedule.At(e.stepTime(steps, steps, dt))
	s.finish(blk, last)
	if cb != nil {
		s.finish(cb, last)
	}
	return true
}

// finish computes the final energies, the heat (overdamped) and the
// shadow work (underdamped) of b at the final control last.
func (s *stepper) finish(b *Block, last wells.Control) {
	e := s.e
	e.Potential.Eval(last, b.X, b.U1, nil)
	if b.V == nil {
		for i := range b.X {
			b.HeatIn[i] = b.U1[i] - b.U0[i] - b.Work[i]
		}
		return
	}
	m := e.Dynamics.Mass
	for i := range b.X {
		v := b.V[i]
		b.K1[i] = 0.5 * m * v * v
		b.Shadow[i] = (b.U1[i] + b.K1[i]) - (b.U0[i] + b.K0[i]) - b.Work[i] - b.HeatIn[i]
	}
}

// cancelCheck is how many steps pass between checks of the context.
const cancelCheck = 1024

// zsave is where step n's normals go for the coarse path: the first or the
// second fine step of the coarse step n/2 (nil without a coarse path).
func (s *stepper) zsave(n int) []float64 {
	if !s.e.Coarse {
		return nil
	}
	if n%2 == 0 {
		return s.za[:len(s.block.X)]
	}
	return s.zb[:len(s.block.X)]
}

// eulerMaruyama integrates the block by Euler–Maruyama, control at the end
// of each step (see the package comment).
func (s *stepper) eulerMaruyama(ctx context.Context, steps int, dt float64, cur wells.Control) bool {
	e, blk := s.e, &s.block
	d := e.Dynamics
	x, w := blk.X, blk.Work
	f, noise := s.f[:len(x)], s.noise[:len(x)]
	mob := dt / d.Friction
	amp := math.Sqrt(2 * d.Temperature * dt / d.Friction)
	pot, sched, gauss := e.Potential, e.Schedule, &s.gauss
	// The jun potential has a fused step (fused.go): one pass per particle
	// for work, force and update, the same numbers as the generic path.
	jun, fused := junPotential(pot)
	ccur := cur // the coarse path's control
	for n := range steps {
		if n%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		next := sched.At(e.stepTime(n+1, steps, dt))
		zs := s.zsave(n)
		if fused {
			c := newJunStep(jun, cur, next, mob, amp)
			gauss.stepJun(&c, x, w, zs)
		} else {
			pot.Step(cur, next, x, w, f)
			gauss.fill(noise)
			for i := range x { // f and noise have len(x): no bounds checks
				x[i] += mob*f[i] + amp*noise[i]
			}
			copy(zs, noise)
		}
		cur = next
		if zs != nil && n%2 == 1 {
			if fused {
				c := newJunStep(jun, ccur, next, 2*mob, amp)
				cb := blk.Coarse
				c.coarse(cb.X, cb.Work, s.za, s.zb)
			} else {
				s.coarseEM(ccur, next, 2*mob, amp)
			}
			ccur = next
		}
		if e.Trace != nil {
			e.Trace(blk.Index, n+1, cur, x, nil)
		}
	}
	return true
}

// coarseEM is one Euler–Maruyama step of the coarse path, λ prev → next,
// mobility term mob2 = 2dt/γ, with the noise √(2kT dt/γ)(ξ_a + ξ_b) of the
// two fine steps: the same Wiener increment over 2dt.
func (s *stepper) coarseEM(prev, next wells.Control, mob2, amp float64) {
	c := s.block.Coarse
	x, w := c.X, c.Work
	f, za, zb := s.f[:len(x)], s.za[:len(x)], s.zb[:len(x)]
	s.e.Potential.Step(prev, next, x, w, f)
	for i := range x {
		x[i] += mob2*f[i] + amp*(za[i]+zb[i])
	}
}

// heun integrates the block by the stochastic Heun predictor–corrector,
// control at the midpoint of each step (see the package comment).
func (s *stepper) heun(ctx context.Context, steps int, dt float64, cur wells.Control) bool {
	e, blk := s.e, &s.block
	d := e.Dynamics
	x, w := blk.X, blk.Work
	f, noise, u := s.f[:len(x)], s.noise[:len(x)], s.u[:len(x)]
	xp, f2 := s.xp[:len(x)], s.f2[:len(x)]
	mob := dt / d.Friction
	hmob := 0.5 * mob
	amp := math.Sqrt(2 * d.Temperature * dt / d.Friction)
	pot, sched, gauss := e.Potential, e.Schedule, &s.gauss
	// The jun potential has a fused step (fused_heun.go): one pass per
	// particle, the same numbers as the generic path.
	jun, fused := junPotential(pot)
	prev := cur  // the control the particles last saw: λ_0, then λ_{n−½}
	cprev := cur // the coarse path's
	for n := range steps {
		if n%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		mid := sched.At((float64(n) + 0.5) * dt)
		zs := s.zsave(n)
		if fused {
			c := newJunHeun(jun, prev, mid, mob, amp)
			gauss.stepJunHeun(&c, x, w, zs)
		} else {
			pot.Step(prev, mid, x, w, f) // W += U(x, λ_{n+½}) − U(x, λ_{n−½}); f = F(x, λ_{n+½})
			gauss.fill(noise)
			for i := range x {
				xp[i] = x[i] + (mob*f[i] + amp*noise[i]) // predictor
			}
			pot.Eval(mid, xp, u, f2)
			for i := range x {
				x[i] = x[i] + (hmob*(f[i]+f2[i]) + amp*noise[i]) // corrector
			}
			copy(zs, noise)
		}
		prev = mid
		if zs != nil && n%2 == 1 {
			cmid := sched.At(float64(n) * dt) // the coarse step's midpoint, fine step n's start
			if fused {
				c := newJunHeun(jun, cprev, cmid, 2*mob, amp)
				cb := blk.Coarse
				c.coarse(cb.X, cb.Work, s.za, s.zb)
			} else {
				s.coarseHeun(cprev, cmid, 2*mob, amp)
			}
			cprev = cmid
		}
		if e.Trace != nil {
			e.Trace(blk.Index, n+1, sched.At(e.stepTime(n+1, steps, dt)), x, nil)
		}
	}
	last := sched.At(e.stepTime(steps, steps, dt))
	pot.Step(prev, last, x, w, f) // the last half update, λ_{N−½} → λ_N
	if blk.Coarse != nil {
		pot.Step(cprev, last, blk.Coarse.X, blk.Coarse.Work, f)
	}
	return true
}

// coarseHeun is one Heun step of the coarse path with the control update
// prev → mid, mobility mob2 = 2dt/γ and the noise √(2kT dt/γ)(ξ_a + ξ_b) of
// the two fine steps.
func (s *stepper) coarseHeun(prev, mid wells.Control, mob2, amp float64) {
	c := s.block.Coarse
	x, w := c.X, c.Work
	f, u, za, zb := s.f[:len(x)], s.u[:len(x)], s.za[:len(x)], s.zb[:len(x)]
	xp, f2 := s.xp[:len(x)], s.f2[:len(x)]
	hmob := 0.5 * mob2
	pot := s.e.Potential
	pot.Step(prev, mid, x, w, f)
	for i := range x {
		xp[i] = x[i] + (mob2*f[i] + amp*(za[i]+zb[i]))
	}
	pot.Eval(mid, xp, u, f2)
	for i := range x {
		x[i] = x[i] + (hmob*(f[i]+f2[i]) + amp*(za[i]+zb[i]))
	}
}

// underdamped integrates the block by BAOAB, control at the midpoint of
// each step (see the package comment).
func (s *stepper) underdamped(ctx context.Context, steps int, dt float64, cur wells.Control) bool {
	e, blk := s.e, &s.block
	d := e.Dynamics
	x := blk.X
	v, w, q := blk.V[:len(x)], blk.Work[:len(x)], blk.HeatIn[:len(x)]
	f, u, noise := s.f[:len(x)], s.u[:len(x)], s.noise[:len(x)]
	m := d.Mass
	a := math.Exp(-d.Friction * dt / m)
	sv := math.Sqrt((1 - a*a) * d.Temperature / m)
	h, kick := dt/2, dt/(2*m)
	pot, sched, gauss := e.Potential, e.Schedule, &s.gauss
	// The jun potential has a fused step (fused_under.go): one pass per
	// particle for work, both forces, B A O A B and heat, the same numbers
	// as the generic path.
	jun, fused := junPotential(pot)
	prev, cprev := cur, cur
	for n := range steps {
		if n%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		mid := sched.At((float64(n) + 0.5) * dt)
		zs := s.zsave(n)
		if fused {
			c := newJunUnder(jun, prev, mid, kick, h, a, sv, m)
			gauss.stepJunUnder(&c, x, v, w, q, zs)
		} else {
			pot.Step(prev, mid, x, w, f)
			gauss.fill(noise)
			for i := range x {
				vi := v[i] + kick*f[i] // B
				xi := x[i] + h*vi      // A
				vo := a*vi + sv*noise[i]
				q[i] += 0.5 * m * (vo*vo - vi*vi) // O: heat
				x[i] = xi + h*vo                  // A
				v[i] = vo
			}
			pot.Eval(mid, x, u, f)
			for i := range x {
				v[i] += kick * f[i] // B
			}
			copy(zs, noise)
		}
		prev = mid
		if zs != nil && n%2 == 1 {
			cmid := sched.At(float64(n) * dt)
			if fused {
				c := newJunUnder(jun, cprev, cmid, 2*kick, 2*h, a, sv, m)
				cb := blk.Coarse
				c.coarse(cb.X, cb.V, cb.Work, cb.HeatIn, s.za, s.zb)
			} else {
				s.coarseBAOAB(cprev, cmid, 2*dt, a, sv)
			}
			cprev = cmid
		}
		if e.Trace != nil {
			e.Trace(blk.Index, n+1, sched.At(e.stepTime(n+1, steps, dt)), x, v)
		}
	}
	last := sched.At(e.stepTime(steps, steps, dt))
	pot.Step(prev, last, x, w, f) // the last half update, λ_{N−½} → λ_N
	if blk.Coarse != nil {
		pot.Step(cprev, last, blk.Coarse.X, blk.Coarse.Work, f)
	}
	return true
}

// coarseBAOAB is one BAOAB step of the coarse path, step dt2 = 2dt, with
// the control update prev → mid. Its O sub-step v ← a² v + sv(a ξ_a + ξ_b)
// is the exact composition of the two fine O sub-steps' noise: the
// Ornstein–Uhlenbeck increment over 2dt, a² = e^{−2γdt/m} and
// sv²(1 + a²) = (1 − a⁴)kT/m.
func (s *stepper) coarseBAOAB(prev, mid wells.Control, dt2, a, sv float64) {
	c := s.block.Coarse
	x := c.X
	v, w, q := c.V[:len(x)], c.Work[:len(x)], c.HeatIn[:len(x)]
	f, u, za, zb := s.f[:len(x)], s.u[:len(x)], s.za[:len(x)], s.zb[:len(x)]
	m := s.e.Dynamics.Mass
	h, kick, a2 := dt2/2, dt2/(2*m), a*a
	pot := s.e.Potential
	pot.Step(prev, mid, x, w, f)
	for i := range x {
		vi := v[i] + kick*f[i]
		xi := x[i] + h*vi
		vo := a2*vi + sv*(a*za[i]+zb[i])
		q[i] += 0.5 * m * (vo*vo - vi*vi)
		x[i] = xi + h*vo
		v[i] = vo
	}
	pot.Eval(mid, x, u, f)
	for i := range x {
		v[i] += kick * f[i]
	}
}
