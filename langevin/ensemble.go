// Package langevin integrates Langevin dynamics for an ensemble of
// independent particles in a wells.Potential driven by a control protocol,
// with the exact per-trajectory work and heat bookkeeping of stochastic
// energetics (Sekimoto).
//
// Units: energy in kT of the reference bath, length in the potential's unit,
// friction γ and mass m in the engine's units, so the overdamped time unit is
// γL²/kT.
//
// Overdamped (Euler–Maruyama), per step n with λ_n → λ_{n+1}:
//
//	W += U(x_n, λ_{n+1}) − U(x_n, λ_n)                    (work at fixed position)
//	x_{n+1} = x_n + F(x_n, λ_{n+1}) dt/γ + √(2 kT dt/γ) ξ_n
//
// and the heat absorbed from the bath is Q_in = ΔU − W per trajectory, so the
// first law ΔU = W + Q_in holds by construction; the dissipated heat is −Q_in.
//
// Underdamped (BAOAB, Leimkuhler & Matthews 2013), per step: the control
// update (work, as above), then B A O A B at fixed λ_{n+1} with
// B: v += F dt/(2m), A: x += v dt/2, O: v ← a v + √((1−a²) kT/m) ξ,
// a = e^{−γ dt/m}. The kinetic-energy change of the O sub-step is heat; the
// energy change of the deterministic B and A sub-steps is the integrator's
// shadow work (Sivak, Chodera & Crooks, PRX 3, 011007 (2013)), reported
// separately: ΔU + ΔK = W + Q_in + W_shadow per trajectory.
//
// Reproducibility: the ensemble is cut into fixed-size blocks of
// trajectories; block b draws from its own random stream keyed by
// (seed, b). The numbers are therefore identical whatever the number of
// workers, and any subset of blocks can be run separately (cluster shards,
// checkpoints).
package langevin

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/landauer-dev/landauer/wells"
)

// Kind selects the equations of motion.
type Kind int

const (
	// Overdamped is γ dx = F dt + √(2γkT) dW, integrated by Euler–Maruyama.
	Overdamped Kind = iota
	// Underdamped is dx = v dt, m dv = F dt − γ v dt + √(2γkT) dW, integrated by BAOAB.
	Underdamped
)

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
	// Trace, if not nil, is called for every block with the state before the
	// first step (n = 0) and after every step n = 1..Steps, at control c. It
	// exists for tests and trajectory pictures and makes the run slow. It is
	// called from the worker goroutines; x and v must not be retained.
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
}

// Len is the number of trajectories in the block.
func (b *Block) Len() int { return len(b.X) }

// Steps is the number of time steps N = ⌈τ/dt⌉; the step actually used is
// τ/N (see Step), so that the steps end exactly at the protocol's duration.
func (e *Ensemble) Steps() int {
	tau, dt := e.Schedule.Duration(), e.Dynamics.Dt
	return int(math.Ceil(tau/dt - 1e-9))
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
	}
	return nil
}

// Run integrates every block b for which skip is nil or skip(b) is false,
// and calls observe once per block with its final state. observe is called
// from several goroutines at once, for different blocks, in no particular
// order; it must copy what it keeps. Run stops early, returning the error,
// when ctx is cancelled or observe returns an error; blocks already observed
// stay observed.
func (e *Ensemble) Run(ctx context.Context, skip func(b int) bool, observe func(*Block) error) error {
	if err := e.Validate(); err != nil {
		return err
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	switch e.Start.Side {
	case -1:
		hi = e.Start.Divide
	case 1:
		lo = e.Start.Divide
	}
	sampler, err := wells.NewSampler(e.Potential, e.Schedule.At(0), e.Dynamics.Temperature, lo, hi)
	if err != nil {
		return fmt.Errorf("langevin: initial state: %w", err)
	}
	workers := e.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nb := e.Blocks()
	workers = min(workers, nb)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		once     sync.Once
		firstErr error
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		once.Do(func() { firstErr = err; cancel() })
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := newStepper(e, sampler)
			for {
				b := int(next.Add(1) - 1)
				if b >= nb || ctx.Err() != nil {
					return
				}
				if skip != nil && skip(b) {
					continue
				}
				if !s.run(ctx, b) {
					return
				}
				if err := observe(&s.block); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// stepper holds one worker's buffers; it allocates only when created.
type stepper struct {
	e       *Ensemble
	sampler *wells.Sampler
	stream  Stream     // the block's random stream (xoshiro256+)
	rng     *rand.Rand // the same stream, for the initial-state sampler
	gauss   normalGen  // the block's normals: the stream's ziggurat, or SIMD lanes keyed by it
	block   Block
	f       []float64 // forces
	u       []float64 // scratch energies
	noise   []float64 // one step's normal variates
}

func newStepper(e *Ensemble, sampler *wells.Sampler) *stepper {
	bs := e.blockSize()
	s := &stepper{e: e, sampler: sampler}
	s.rng = rand.New(&s.stream)
	buf := func() []float64 { return make([]float64, bs) }
	s.f, s.u, s.noise = buf(), buf(), buf()
	b := &s.block
	b.X0, b.X, b.Work, b.HeatIn, b.U0, b.U1 = buf(), buf(), buf(), buf(), buf(), buf()
	if e.Dynamics.Kind == Underdamped {
		b.V, b.K0, b.K1, b.Shadow = buf(), buf(), buf(), buf()
	}
	return s
}

// StreamSeed is the key pair of block b's random stream: (seed, b) mixed by
// SplitMix64 so that neighbouring blocks get unrelated states.
func StreamSeed(seed uint64, b int) (uint64, uint64) {
	s1 := splitmix64(seed ^ 0x9e3779b97f4a7c15)
	s2 := splitmix64(s1 ^ uint64(b))
	return splitmix64(s2), splitmix64(s2 + 0x632be59bd9b4e019)
}

func splitmix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
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
	if e.Trace != nil {
		e.Trace(b, 0, cur, blk.X, blk.V)
	}

	steps := e.Steps()
	dt := e.Step()
	var ok bool
	if d.Kind == Overdamped {
		ok = s.overdamped(ctx, steps, dt, cur)
	} else {
		ok = s.underdamped(ctx, steps, dt, cur)
	}
	if !ok {
		return false
	}
	last := e.Schedule.At(float64(steps) * dt)
	e.Potential.Eval(last, blk.X, blk.U1, nil)
	if d.Kind == Overdamped {
		for i := range n {
			blk.HeatIn[i] = blk.U1[i] - blk.U0[i] - blk.Work[i]
		}
		return true
	}
	for i := range n {
		v := blk.V[i]
		blk.K1[i] = 0.5 * d.Mass * v * v
		blk.Shadow[i] = (blk.U1[i] + blk.K1[i]) - (blk.U0[i] + blk.K0[i]) - blk.Work[i] - blk.HeatIn[i]
	}
	return true
}

// cancelCheck is how many steps pass between checks of the context.
const cancelCheck = 1024

func (s *stepper) overdamped(ctx context.Context, steps int, dt float64, cur wells.Control) bool {
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
	for n := range steps {
		if n%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		next := sched.At(float64(n+1) * dt)
		if fused {
			c := newJunStep(jun, cur, next, mob, amp)
			gauss.stepJun(&c, x, w)
		} else {
			pot.Step(cur, next, x, w, f)
			gauss.fill(noise)
			for i := range x { // f and noise have len(x): no bounds checks
				x[i] += mob*f[i] + amp*noise[i]
			}
		}
		cur = next
		if e.Trace != nil {
			e.Trace(blk.Index, n+1, cur, x, nil)
		}
	}
	return true
}

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
	for n := range steps {
		if n%cancelCheck == 0 && ctx.Err() != nil {
			return false
		}
		next := sched.At(float64(n+1) * dt)
		if fused {
			c := newJunUnder(jun, cur, next, kick, h, a, sv, m)
			gauss.stepJunUnder(&c, x, v, w, q)
		} else {
			pot.Step(cur, next, x, w, f)
			gauss.fill(noise)
			for i := range x {
				vi := v[i] + kick*f[i] // B
				xi := x[i] + h*vi      // A
				vo := a*vi + sv*noise[i]
				q[i] += 0.5 * m * (vo*vo - vi*vi) // O: heat
				x[i] = xi + h*vo                  // A
				v[i] = vo
			}
			pot.Eval(next, x, u, f)
			for i := range x {
				v[i] += kick * f[i] // B
			}
		}
		cur = next
		if e.Trace != nil {
			e.Trace(blk.Index, n+1, cur, x, v)
		}
	}
	return true
}
