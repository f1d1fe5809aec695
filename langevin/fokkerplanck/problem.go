package fokkerplanck

import (
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// Defaults used when the corresponding Problem field is zero.
const (
	DefaultCells = 2000  // grid cells
	DefaultSteps = 10000 // time steps over the protocol (Dt = Duration/DefaultSteps)
)

// EdgeHeight is the automatic domain rule, in units of kT: the domain ends
// where U − min U ≥ EdgeHeight for every sampled control (see Problem.Lo).
// A cut at 80 kT leaves out at most a fraction e^{−80} ≈ 2e-35 of any well's
// own equilibrium population, far below the smallest error masses of interest.
const EdgeHeight = 80

const (
	minCells      = 10
	maxCells      = 1 << 24
	domainTimes   = 257  // protocol times sampled by the automatic domain rule
	domainPoints  = 4097 // positions sampled per control by the automatic domain rule
	maxDoublings  = 40
	cancelEvery   = 256 // steps between context checks
	maxSnapshotsN = 1 << 16
)

// Problem is an overdamped Fokker–Planck problem: a bit in Potential, driven
// by Schedule, in a bath of temperature kT = Temperature.
type Problem struct {
	Potential wells.Potential
	Schedule  langevin.Schedule

	// Temperature kT of the bath in the potential's energy unit (default 1)
	// and friction γ (default 1); D = kT/γ.
	Temperature, Friction float64

	// Cells is the number of grid cells (default DefaultCells, at least 10).
	Cells int
	// Dt is the largest allowed time step; the step used is
	// Duration/Steps with Steps = ⌈Duration/Dt⌉ rounded up to an even number
	// (default: Steps = DefaultSteps).
	Dt float64

	// Lo and Hi bound the domain, with zero-flux walls. When both are zero the
	// domain is chosen automatically: starting from [−1, 1], each end is
	// doubled until, for each of 257 controls λ(t) sampled evenly over the
	// protocol, U at that end lies at least EdgeHeight kT above the minimum of
	// U over the domain; each end is then pulled in to the innermost of 4097
	// sample points beyond which U − min U ≥ EdgeHeight kT for every sampled
	// control, and the grid is shifted outward by less than one cell so that
	// Divide falls on a cell face with an even number of cells on each side
	// (which the coarse solve of SolveWithError needs). A potential that does
	// not rise EdgeHeight kT above its minimum within |x| < 2⁴⁰ is an error.
	Lo, Hi float64

	// Initial selects the initial density: 0 is the discrete Boltzmann
	// distribution of λ(0); −1 (+1) is the same restricted to the cells left
	// (right) of Divide and renormalised.
	Initial int
	// Divide separates the two logical states (default 0): Left and Right
	// count the cells whose centres lie below and above it.
	Divide float64

	// FirstOrder turns off the Richardson extrapolation in dt: the reported
	// numbers are those of plain backward Euler (first order in dt, two
	// thirds of the cost).
	FirstOrder bool

	// Snapshots lists times in [0, Duration] at which to keep the density
	// and the potential (taken at the nearest time step).
	Snapshots []float64

	// Serial keeps the whole solve on the calling goroutine. By default,
	// when GOMAXPROCS > 1, the potential and its weights for the coming
	// steps are computed on a second goroutine while the masses are being
	// solved (the same numbers, bit for bit, in less time when a processor
	// is free); a sweep that already keeps every processor busy should set
	// Serial.
	Serial bool
}

// Solution is the outcome of Solve. Energies are in the potential's unit
// (kT of the reference bath), entropies in nats (units of k_B), masses are
// probabilities.
type Solution struct {
	// Work is the mean Sekimoto work ⟨W⟩ = ∫dt ∫dx p ∂U/∂t.
	Work float64
	// HeatIn is the mean heat taken from the bath, ΔU − W.
	HeatIn float64
	// EnergyStart and EnergyEnd are the mean energies ⟨U⟩ at the start and
	// at the end.
	EnergyStart, EnergyEnd float64
	// FreeEnergyChange is the change of the nonequilibrium free energy
	// F[p, λ] = ⟨U⟩ − kT S[p], S = −∫dx p ln p (nats). For an erasure of a
	// symmetric equilibrium bit to error ε whose final state is locally
	// Boltzmann, ΔF = kT (ln 2 − H(ε)).
	FreeEnergyChange float64
	// EquilibriumFreeEnergyChange is −kT ln(Z(λ_end)/Z(λ_0)), the ΔF of the
	// Jarzynski equality (zero for a cyclic protocol).
	EquilibriumFreeEnergyChange float64
	// EntropyProduction is (W − FreeEnergyChange)/kT ≥ 0, in nats.
	EntropyProduction float64
	// Left and Right are the final masses on either side of Divide. They are
	// computed to a relative accuracy (not an absolute one), so a Left of
	// 1e-30 is meaningful: see SolveWithError for its discretisation error.
	Left, Right float64

	// The grid and time step used.
	Lo, Hi, Dt   float64
	Cells, Steps int
	// X holds the cell centres, P0 and P the initial and final mass of each
	// cell (sum 1; density = mass/cell width). P is the backward-Euler
	// density at the requested Dt (not extrapolated).
	X, P0, P []float64
	// Snapshots holds the densities at the requested times, in the order asked.
	Snapshots []Snapshot
	// Extrapolated reports whether the scalar results above are
	// Richardson-extrapolated in dt (the default).
	Extrapolated bool
}

// Snapshot is the state at one time.
type Snapshot struct {
	T       float64       // time of the step taken (nearest to the one asked)
	Control wells.Control // λ(T)
	P, U    []float64     // mass per cell and U at the cell centres
}

// setup is a validated problem with defaults filled in.
type setup struct {
	pr           Problem
	kT, d        float64 // temperature and diffusion constant
	tau          float64 // duration
	steps        int
	lo, hi, h    float64
	n            int
	divide       int // first cell right of Divide (cells [0, divide) are Left)
	snapshotStep []int
}

func errorf(format string, args ...any) error {
	return fmt.Errorf("fokkerplanck: "+format, args...)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// prepare validates pr, fills in defaults and chooses the domain; the
// number of steps is rounded up to a multiple of stepMultiple (2 or 4).
func prepare(pr Problem, stepMultiple int) (*setup, error) {
	s := &setup{pr: pr}
	if pr.Potential == nil {
		return nil, errors.New("fokkerplanck: no potential")
	}
	if pr.Schedule == nil {
		return nil, errors.New("fokkerplanck: no schedule")
	}
	s.tau = pr.Schedule.Duration()
	if !finite(s.tau) || s.tau <= 0 {
		return nil, errorf("schedule duration %v is not a positive number", s.tau)
	}
	s.kT, s.d = 1, 1
	switch t := pr.Temperature; {
	case t == 0:
	case !finite(t) || t < 0:
		return nil, errorf("temperature %v is not a positive number", t)
	default:
		s.kT = t
	}
	gamma := 1.0
	switch g := pr.Friction; {
	case g == 0:
	case !finite(g) || g < 0:
		return nil, errorf("friction %v is not a positive number", g)
	default:
		gamma = g
	}
	s.d = s.kT / gamma
	s.n = pr.Cells
	switch {
	case s.n == 0:
		s.n = DefaultCells
	case s.n < minCells || s.n > maxCells:
		return nil, errorf("cells = %d, want %d to %d", s.n, minCells, maxCells)
	}
	switch dt := pr.Dt; {
	case dt == 0:
		s.steps = DefaultSteps
	case !finite(dt) || dt < 0:
		return nil, errorf("dt %v is not a positive number", dt)
	default:
		steps := math.Ceil(s.tau/dt - 1e-9)
		if steps > 1e12 {
			return nil, errorf("dt %v gives %g steps over duration %v", dt, steps, s.tau)
		}
		s.steps = max(int(steps), 1)
	}
	// even for the Richardson partner at 2dt, or a multiple of 4 when the
	// coarse solve of SolveWithError has a partner too
	s.steps = (s.steps + stepMultiple - 1) / stepMultiple * stepMultiple
	if !finite(pr.Divide) {
		return nil, errorf("divide %v is not a number", pr.Divide)
	}
	if pr.Initial < -1 || pr.Initial > 1 {
		return nil, errorf("initial = %d, want −1, 0 or +1", pr.Initial)
	}
	for _, t := range pr.Snapshots {
		if !(t >= 0 && t <= s.tau) {
			return nil, errorf("snapshot time %v outside [0, %v]", t, s.tau)
		}
	}
	if len(pr.Snapshots) > maxSnapshotsN {
		return nil, errorf("%d snapshots, at most %d", len(pr.Snapshots), maxSnapshotsN)
	}
	dt := s.tau / float64(s.steps)
	s.snapshotStep = make([]int, len(pr.Snapshots))
	for k, t := range pr.Snapshots {
		s.snapshotStep[k] = min(int(math.Round(t/dt)), s.steps)
	}

	if err := s.domain(); err != nil {
		return nil, err
	}
	return s, nil
}

// domain sets lo, hi, h and divide.
func (s *setup) domain() error {
	pr := s.pr
	if pr.Lo == 0 && pr.Hi == 0 {
		lo, hi, err := autoDomain(pr.Potential, pr.Schedule, EdgeHeight*s.kT)
		if err != nil {
			return err
		}
		if pr.Divide <= lo || pr.Divide >= hi {
			return errorf("divide %v outside the automatic domain [%.4g, %.4g]", pr.Divide, lo, hi)
		}
		// Put Divide on a face with an even number of cells on each side,
		// moving the ends outward only.
		n := s.n
		nl := 2 * int(math.Round(float64(n)*(pr.Divide-lo)/(hi-lo)/2))
		if n < 4 || n&1 == 1 {
			nl = int(math.Round(float64(n) * (pr.Divide - lo) / (hi - lo)))
		}
		nl = min(max(nl, 1), n-1)
		h := max((pr.Divide-lo)/float64(nl), (hi-pr.Divide)/float64(n-nl))
		s.lo, s.h = pr.Divide-float64(nl)*h, h
		s.hi = pr.Divide + float64(n-nl)*h
		s.divide = divideIndex(s.lo, s.h, n, pr.Divide) // nl, up to rounding
		return nil
	}
	if !finite(pr.Lo) || !finite(pr.Hi) || pr.Lo >= pr.Hi {
		return errorf("domain [%v, %v] is not an interval", pr.Lo, pr.Hi)
	}
	if pr.Divide <= pr.Lo || pr.Divide >= pr.Hi {
		return errorf("divide %v outside the domain [%v, %v]", pr.Divide, pr.Lo, pr.Hi)
	}
	s.lo, s.hi = pr.Lo, pr.Hi
	s.h = (s.hi - s.lo) / float64(s.n)
	s.divide = divideIndex(s.lo, s.h, s.n, pr.Divide)
	return nil
}

// divideIndex is the number of cells (of n, width h from lo) whose centre
// lies below divide.
func divideIndex(lo, h float64, n int, divide float64) int {
	return min(max(int(math.Ceil((divide-lo)/h-0.5)), 0), n)
}

// autoDomain implements the rule documented at Problem.Lo, with edge the
// required height above the minimum.
func autoDomain(pot wells.Potential, sch langevin.Schedule, edge float64) (lo, hi float64, err error) {
	tau := sch.Duration()
	ctl := make([]wells.Control, domainTimes)
	for k := range ctl {
		ctl[k] = sch.At(tau * float64(k) / float64(domainTimes-1))
	}
	x := make([]float64, domainPoints)
	u := make([]float64, domainPoints)
	eval := func(c wells.Control) (umin float64, err error) {
		pot.Eval(c, x, u, nil)
		umin = math.Inf(1)
		for k, v := range u {
			if !finite(v) {
				return 0, errorf("potential %s is %v at x = %.6g for control %v", pot.Name(), v, x[k], c[:min(len(pot.Controls()), wells.MaxControls)])
			}
			umin = min(umin, v)
		}
		return umin, nil
	}
	sample := func() {
		for k := range x {
			x[k] = lo + (hi-lo)*float64(k)/float64(domainPoints-1)
		}
	}
	lo, hi = -1, 1
	for it := 0; ; it++ {
		sample()
		loOK, hiOK := true, true
		for _, c := range ctl {
			umin, err := eval(c)
			if err != nil {
				return 0, 0, err
			}
			loOK = loOK && u[0]-umin >= edge
			hiOK = hiOK && u[domainPoints-1]-umin >= edge
		}
		if loOK && hiOK {
			break
		}
		if it == maxDoublings {
			return 0, 0, errorf("potential %s does not confine: it stays within %g kT of its minimum out to [%g, %g]", pot.Name(), EdgeHeight, lo, hi)
		}
		if !loOK {
			lo *= 2
		}
		if !hiOK {
			hi *= 2
		}
	}
	// Pull the ends in: first is the innermost sample index such that all
	// samples at or below it lie at least edge above the minimum for every
	// control; last likewise from above.
	first, last := domainPoints-1, 0
	for _, c := range ctl {
		umin, _ := eval(c)
		k := 0
		for k < domainPoints && u[k]-umin >= edge {
			k++
		}
		first = min(first, k-1)
		k = domainPoints - 1
		for k >= 0 && u[k]-umin >= edge {
			k--
		}
		last = max(last, k+1)
	}
	return x[max(first, 0)], x[min(last, domainPoints-1)], nil
}
