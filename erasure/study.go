package erasure

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// Solver methods.
const (
	MonteCarlo   = "monte-carlo"   // sample Langevin trajectories (package langevin)
	FokkerPlanck = "fokker-planck" // solve for the density (package langevin/fokkerplanck)
)

// Study is one erasure experiment: a potential driven by a protocol under
// given dynamics, started in equilibrium (or in one well), measured against a
// target side of a divide.
type Study struct {
	Potential wells.Potential
	Protocol  Protocol
	Dynamics  langevin.Dynamics
	// Side restricts the initial equilibrium to one side of Divide
	// (−1 left, +1 right, 0 both wells).
	Side int
	// Target is the side the bit must end on (−1 left, +1 right); ending on
	// the other side of Divide is an error.
	Target int
	Divide float64

	Method       string // MonteCarlo (default when empty) or FokkerPlanck
	Trajectories int
	Seed         uint64
	Workers      int // 0 = all cores; never changes results
	BlockSize    int // 0 = langevin.DefaultBlockSize
	// Kernel is the instruction set of the Monte Carlo hot loops and with
	// it the normal generator (langevin.Kernel); the zero value is the
	// fastest this CPU runs. KernelScalar gives the same numbers on every
	// machine.
	Kernel langevin.Kernel

	Cells int // Fokker–Planck grid cells (0 = default)
	// Snapshots > 1 keeps the Fokker–Planck density at that many evenly
	// spaced times from 0 to τ (Result.Snapshots).
	Snapshots int
	FPDt      float64 // Fokker–Planck time step (0 = default)
	Kelvin    float64 // bath temperature in kelvin for eV/J conversion (0 = 300 K)

	// NoBiasEstimate skips the 2dt path of the time-step bias estimate
	// (langevin.Ensemble.Coarse) that every Monte Carlo run otherwise
	// integrates. For speed benchmarks only: the result then has no
	// *_bias fields.
	NoBiasEstimate bool
}

// Ensemble is the Monte Carlo ensemble the study runs.
func (s *Study) Ensemble() *langevin.Ensemble {
	return &langevin.Ensemble{
		Potential:    s.Potential,
		Schedule:     s.Protocol,
		Dynamics:     s.Dynamics,
		Start:        langevin.Start{Side: s.Side, Divide: s.Divide},
		Trajectories: s.Trajectories,
		Seed:         s.Seed,
		Workers:      s.Workers,
		BlockSize:    s.BlockSize,
		Kernel:       s.Kernel,
		Coarse:       !s.NoBiasEstimate,
	}
}

func (s *Study) validate() error {
	switch {
	case s.Potential == nil:
		return errors.New("study: no potential")
	case s.Protocol == nil:
		return errors.New("study: no protocol")
	case s.Target != -1 && s.Target != 1:
		return fmt.Errorf("study: measure.target must be left (-1) or right (+1), got %d", s.Target)
	case !s.Kernel.Supported():
		return fmt.Errorf("study: kernel %v is not supported by this CPU", s.Kernel)
	case s.Kelvin < 0 || math.IsNaN(s.Kelvin) || math.IsInf(s.Kelvin, 0):
		return fmt.Errorf("study: dynamics.kelvin must be finite and > 0, got %v", s.Kelvin)
	}
	switch s.Method {
	case "", MonteCarlo, FokkerPlanck:
	default:
		return fmt.Errorf("study: solver.method must be %q or %q, got %q", MonteCarlo, FokkerPlanck, s.Method)
	}
	return nil
}

// CheckStability refuses a Monte Carlo time step beyond the stability
// limit of the scheme on the potential over the protocol, with a
// *langevin.StabilityError naming dynamics.dt, the limit and a suggested
// value (see langevin.Stability); nil for a Fokker–Planck study. Run
// makes this check too.
func (s *Study) CheckStability() error {
	if err := s.validate(); err != nil {
		return err
	}
	if s.Method == FokkerPlanck {
		return nil
	}
	return s.Ensemble().CheckStability()
}

// Run performs the study and returns its measurements. A Monte Carlo run
// refuses an unstable time step (CheckStability), and fails with a
// *langevin.NonFiniteError, returning no result, when any trajectory
// becomes non-finite.
func (s *Study) Run(ctx context.Context) (*Result, error) {
	if err := s.validate(); err != nil {
		return nil, err
	}
	if s.Method == FokkerPlanck {
		return s.runFokkerPlanck(ctx)
	}
	return s.runMonteCarlo(ctx)
}

// Tally is the on-the-fly reduction of a set of trajectories. Tallies of
// blocks merged in block order give the same numbers whatever the order in
// which the blocks finished.
type Tally struct {
	Work, Heat, DeltaU Moments
	Kinetic, Shadow    Moments // underdamped only: m v² at the end, shadow work
	Errors             int64
	Jarzynski          LogMeanExp // a = −W/kT
	Detailed           LogMeanExp // a = −W/kT on target, a miss elsewhere
	WorkHistogram      Histogram  // W in bins of HistogramWidth kT
	// The same trajectories at 2dt minus at dt, one value per trajectory
	// (the time-step bias estimate; empty without a coarse path): work,
	// dissipated heat, the wrong-side indicator and m v² (underdamped).
	CoarseWork, CoarseHeat, CoarseErrors, CoarseKinetic Moments
}

// Merge adds o into t (in this order).
func (t *Tally) Merge(o *Tally) {
	t.Work.Merge(o.Work)
	t.Heat.Merge(o.Heat)
	t.DeltaU.Merge(o.DeltaU)
	t.Kinetic.Merge(o.Kinetic)
	t.Shadow.Merge(o.Shadow)
	t.Errors += o.Errors
	t.Jarzynski.Merge(o.Jarzynski)
	t.Detailed.Merge(o.Detailed)
	t.WorkHistogram.Merge(o.WorkHistogram)
	t.CoarseWork.Merge(o.CoarseWork)
	t.CoarseHeat.Merge(o.CoarseHeat)
	t.CoarseErrors.Merge(o.CoarseErrors)
	t.CoarseKinetic.Merge(o.CoarseKinetic)
}

// TallyBlock reduces one block of final states.
func (s *Study) TallyBlock(b *langevin.Block) Tally {
	var t Tally
	kT := s.Dynamics.Temperature
	under := b.V != nil
	for i, x := range b.X {
		w := b.Work[i]
		t.Work.Add(w)
		t.WorkHistogram.Add(w)
		t.Heat.Add(-b.HeatIn[i])
		t.DeltaU.Add(b.U1[i] - b.U0[i])
		t.Jarzynski.Add(-w / kT)
		if s.wrongSide(x) {
			t.Errors++
			t.Detailed.AddMiss()
		} else {
			t.Detailed.Add(-w / kT)
		}
		if under {
			t.Kinetic.Add(2 * b.K1[i])
			t.Shadow.Add(b.Shadow[i])
		}
		if c := b.Coarse; c != nil {
			t.CoarseWork.Add(c.Work[i] - w)
			t.CoarseHeat.Add(b.HeatIn[i] - c.HeatIn[i])
			t.CoarseErrors.Add(indicator(s.wrongSide(c.X[i])) - indicator(s.wrongSide(x)))
			if under {
				t.CoarseKinetic.Add(2*c.K1[i] - 2*b.K1[i])
			}
		}
	}
	return t
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (s *Study) wrongSide(x float64) bool {
	if s.Target > 0 {
		return x < s.Divide
	}
	return x >= s.Divide
}

func (s *Study) runMonteCarlo(ctx context.Context) (*Result, error) {
	return s.runMonteCarloFrom(ctx, nil) // checkpoint.go
}

// result turns a tally into a Result.
func (s *Study) result(t *Tally) *Result {
	kT := s.Dynamics.Temperature
	n := t.Work.N()
	eps := float64(t.Errors) / float64(n)
	lo, hi := Wilson(t.Errors, n, 0.95)
	r := &Result{
		Method:    MonteCarlo,
		Potential: s.Potential.Name(),
		Protocol:  s.Protocol.Kind(),
		Dynamics:  s.Dynamics.Kind.String(),
		Duration:  s.Protocol.Duration(),

		WorkMean: t.Work.Mean(), WorkSEM: t.Work.SEM(),
		HeatMean: t.Heat.Mean(), HeatSEM: t.Heat.SEM(),
		DeltaUMean: t.DeltaU.Mean(), DeltaUSEM: t.DeltaU.SEM(),

		Errors: t.Errors, ErrorRate: eps, ErrorLow: lo, ErrorHigh: hi,
		LandauerBound: kT * LandauerBound(eps),
		SymmetricMin:  kT * SymmetricBound(eps),

		Jarzynski:            -kT * t.Jarzynski.Value(),
		JarzynskiSEM:         kT * t.Jarzynski.SEM(),
		JarzynskiDetailed:    math.Exp(t.Detailed.Value()),
		JarzynskiDetailedSEM: math.Exp(t.Detailed.Value()) * t.Detailed.SEM(),

		Trajectories:  n,
		Seed:          s.Seed,
		WorkHistogram: &t.WorkHistogram,
	}
	s.exact(r)
	r.Integrator = s.Dynamics.Scheme().String()
	r.WeakOrder = s.Dynamics.WeakOrder()
	if s.Dynamics.Kind == langevin.Underdamped {
		r.KineticTemperature = ptr(t.Kinetic.Mean())
		r.KineticTemperatureSEM = finiteOrNil(t.Kinetic.SEM())
		r.ShadowWorkMean = ptr(t.Shadow.Mean())
		r.ShadowWorkSEM = finiteOrNil(t.Shadow.SEM())
	}
	if t.CoarseWork.N() > 0 {
		// X_dt − X_0 ≈ (X_2dt − X_dt)/(2^p − 1) for a weak order p scheme
		f := 1 / (math.Exp2(float64(r.WeakOrder)) - 1)
		bias := func(m Moments) (*float64, *float64) { return ptr(f * m.Mean()), finiteOrNil(f * m.SEM()) }
		r.WorkBias, r.WorkBiasSEM = bias(t.CoarseWork)
		r.HeatBias, r.HeatBiasSEM = bias(t.CoarseHeat)
		r.ErrorRateBias, r.ErrorRateBiasSEM = bias(t.CoarseErrors)
		if s.Dynamics.Kind == langevin.Underdamped {
			r.KineticTemperatureBias, r.KineticTemperatureBiasSEM = bias(t.CoarseKinetic)
		}
	}
	s.checks(r, t.Detailed.EffectiveSamples())
	return r
}

// checks fills r.Checks with the exact checks the run allows (see Check).
func (s *Study) checks(r *Result, detailedESS float64) {
	add := func(name string, value, sem, expected, ess float64) {
		if !(sem > 0) || math.IsInf(sem, 0) || math.IsNaN(value) || math.IsInf(value, 0) {
			return // no standard error: nothing to test against
		}
		if r.Checks == nil {
			r.Checks = map[string]Check{}
		}
		r.Checks[name] = Check{Value: value, SEM: sem, Expected: expected, Z: (value - expected) / sem, EffectiveSamples: ess}
	}
	if r.DetailedExact != nil {
		add(CheckDetailedJarzynski, r.JarzynskiDetailed, r.JarzynskiDetailedSEM, *r.DetailedExact, detailedESS)
	}
	if s.Side == 0 && s.Protocol.Kind() == KindHold {
		add(CheckHoldBoltzmann, r.DeltaUMean, r.DeltaUSEM, 0, 0)
	}
}

// exact fills the exact free-energy change and the exact detailed
// Jarzynski value from partition functions, and the unit conversions.
func (s *Study) exact(r *Result) {
	kT := s.Dynamics.Temperature
	inf := math.Inf(1)
	c0, c1 := s.Protocol.At(0), s.Protocol.At(s.Protocol.Duration())
	z0, err0 := wells.LogPartition(s.Potential, c0, kT, -inf, inf)
	z1, err1 := wells.LogPartition(s.Potential, c1, kT, -inf, inf)
	if err0 == nil && err1 == nil {
		r.FreeEnergyChange = finiteOrNil(-kT*(z1-z0) + 0) // + 0 turns −0 into 0
	}
	if s.Side == 0 && err0 == nil {
		lo, hi := s.Divide, inf
		if s.Target < 0 {
			lo, hi = -inf, s.Divide
		}
		if zt, err := wells.LogPartition(s.Potential, c1, kT, lo, hi); err == nil {
			r.DetailedExact = finiteOrNil(math.Exp(zt - z0))
		}
	}
	r.Kelvin = s.Kelvin
	if r.Kelvin == 0 {
		r.Kelvin = 300
	}
	r.KTJ = KT(r.Kelvin)
	r.KTeV = r.KTJ / ElectronVol
}

func errorf(format string, a ...any) error { return fmt.Errorf(format, a...) }

// RunBoth answers the study twice, by Monte Carlo and by Fokker–Planck
// (overdamped only), for a cross-checked point; s is not modified.
func (s *Study) RunBoth(ctx context.Context) (mc, fp *Result, err error) {
	m, f := *s, *s
	m.Method, f.Method = MonteCarlo, FokkerPlanck
	if mc, err = m.Run(ctx); err != nil {
		return nil, nil, err
	}
	if fp, err = f.Run(ctx); err != nil {
		return nil, nil, err
	}
	return mc, fp, nil
}

// RunBothAt runs RunBoth on study(i, τ) for every τ = taus[i], in order,
// calling done (when not nil) after each point, and returns the Monte Carlo
// and the Fokker–Planck results in the order of taus: the duration sweep
// that the paper reproductions share. study builds the point's Study
// (seed, trajectories, time step) from its index and duration.
func RunBothAt(ctx context.Context, taus []float64, study func(i int, tau float64) (*Study, error),
	done func(tau float64, mc, fp *Result)) (mcs, fps []Result, err error) {
	for i, tau := range taus {
		s, err := study(i, tau)
		if err != nil {
			return nil, nil, err
		}
		mc, fp, err := s.RunBoth(ctx)
		if err != nil {
			return nil, nil, err
		}
		mcs, fps = append(mcs, *mc), append(fps, *fp)
		if done != nil {
			done(tau, mc, fp)
		}
	}
	return mcs, fps, nil
}
