package majority

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/root"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Family is a one-parameter family of erasure protocols for one unit: the
// jun double well U = 4E_b[−g x²/2 + x⁴/4 − A f x] (wells.Jun) under the
// four-stage protocol of duration τ (lower the barrier, tilt, raise the
// barrier, untilt; erasure.KindFourStage), with the tilt amplitude A as the
// knob. A larger A pushes harder: lower error, more work. Units of the
// overdamped engine: kT = γ = 1, lengths in x_m, time in t0 = γx_m²/kT.
type Family struct {
	Barrier  float64 // E_b (kT)
	Duration float64 // τ (t0)
	// MinTilt and MaxTilt bound the search for A (defaults 0.05 and 300).
	MinTilt, MaxTilt float64
	// Cells and Steps set the Fokker–Planck grid (defaults 800 cells and
	// 2000 time steps over τ, with Richardson extrapolation in dt).
	Cells, Steps int
}

func (f Family) withDefaults() Family {
	if f.MinTilt == 0 {
		f.MinTilt = 0.05
	}
	if f.MaxTilt == 0 {
		f.MaxTilt = 300
	}
	if f.Cells == 0 {
		f.Cells = 800
	}
	if f.Steps == 0 {
		f.Steps = 2000
	}
	return f
}

func (f Family) validate() error {
	pos := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	switch {
	case !pos(f.Barrier):
		return fmt.Errorf("majority: family barrier must be finite and > 0, got %v", f.Barrier)
	case !pos(f.Duration):
		return fmt.Errorf("majority: family duration must be finite and > 0, got %v", f.Duration)
	case !pos(f.MinTilt) || !pos(f.MaxTilt) || f.MinTilt >= f.MaxTilt:
		return fmt.Errorf("majority: family tilt range must satisfy 0 < min < max, got [%v, %v]", f.MinTilt, f.MaxTilt)
	case f.Cells < 10 || f.Steps < 2:
		return fmt.Errorf("majority: family needs ≥ 10 cells and ≥ 2 steps, got %d and %d", f.Cells, f.Steps)
	}
	return nil
}

// Point solves one unit of the family at tilt amplitude A by Fokker–Planck
// and returns its error ε (the mass left of the divide at 0; the target is
// the right well) and its mean work ⟨W⟩ (kT).
func (f Family) Point(ctx context.Context, tilt float64) (eps, work float64, err error) {
	f = f.withDefaults()
	if err := f.validate(); err != nil {
		return 0, 0, err
	}
	return f.point(ctx, tilt)
}

func (f Family) point(ctx context.Context, tilt float64) (eps, work float64, err error) {
	pot := wells.Jun{Barrier: f.Barrier, Tilt: tilt}
	proto, err := erasure.NewProtocol(erasure.KindFourStage, pot, f.Duration, nil, nil)
	if err != nil {
		return 0, 0, err
	}
	sol, err := fokkerplanck.Solve(ctx, fokkerplanck.Problem{
		Potential: pot, Schedule: proto, Cells: f.Cells, Dt: f.Duration / float64(f.Steps),
	})
	if err != nil {
		return 0, 0, err
	}
	return sol.Left, sol.Work, nil
}

// UnreachableError is TiltFor's error when even the largest tilt leaves
// the unit error above the target.
type UnreachableError struct {
	Barrier, Duration float64 // the family's E_b (kT) and τ (t0)
	Target            float64 // the unit error asked for
	MaxTilt           float64 // the largest A tried
	Floor, Work       float64 // the unit error and the work (kT) at MaxTilt
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("majority: E_b = %g, τ = %g: the four-stage unit error is %.3g even at A = %g, above the target %.3g",
		e.Barrier, e.Duration, e.Floor, e.MaxTilt, e.Target)
}

// TiltFor returns the tilt amplitude A at which the family's unit error is
// eps, with the work there, by bisection in ln A (relative precision 1e-3
// in A; ε falls with A). When even MinTilt reaches eps it returns MinTilt;
// when MaxTilt does not, an *UnreachableError.
func (f Family) TiltFor(ctx context.Context, eps float64) (tilt, work float64, err error) {
	f = f.withDefaults()
	if err := f.validate(); err != nil {
		return 0, 0, err
	}
	if !(eps > 0 && eps < 0.5) {
		return 0, 0, fmt.Errorf("majority: target unit error must be in (0, 0.5), got %v", eps)
	}
	eLo, wLo, err := f.point(ctx, f.MinTilt)
	if err != nil {
		return 0, 0, err
	}
	if eLo <= eps {
		return f.MinTilt, wLo, nil
	}
	eHi, wHi, err := f.point(ctx, f.MaxTilt)
	if err != nil {
		return 0, 0, err
	}
	if eHi > eps {
		return 0, 0, &UnreachableError{Barrier: f.Barrier, Duration: f.Duration, Target: eps,
			MaxTilt: f.MaxTilt, Floor: eHi, Work: wHi}
	}
	work = wHi
	// ln A to 1e-3; 200 halvings cover any bracket of finite floats.
	_, hi, err := root.Bisect(math.Log(f.MinTilt), math.Log(f.MaxTilt), 1e-3, 200, func(x float64) (bool, error) {
		e, w, err := f.point(ctx, math.Exp(x))
		if err != nil || e > eps {
			return true, err
		}
		work = w
		return false, nil
	})
	if err != nil {
		return 0, 0, err
	}
	return math.Exp(hi), work, nil
}

// Cost is the cost of a majority bit of Units units of a Family at one
// logical error.
type Cost struct {
	Units        int     `json:"units"`         // N (1: the single unit)
	LogicalError float64 `json:"logical_error"` // ε_L, the target
	UnitError    float64 `json:"unit_error"`    // ε_u = UnitErrorFor(N, ε_L)
	Tilt         float64 `json:"tilt"`          // the A at which a unit reaches ε_u
	WorkPerUnit  float64 `json:"work_per_unit"` // ⟨W_unit⟩ there (kT)
	WorkPerBit   float64 `json:"work_per_bit"`  // N ⟨W_unit⟩ (kT)
	// Ratio is WorkPerBit over the single unit's work at the same ε_L
	// (0 in a Crossover point where either cannot reach it).
	Ratio float64 `json:"ratio"`
	// Reached is false only in a Crossover point where the family cannot
	// reach ε_u at this τ even at MaxTilt; Floor is then the unit error
	// there (the least the family reaches; Tilt is MaxTilt and the works
	// are those at MaxTilt), and 0 otherwise.
	Reached bool    `json:"reached"`
	Floor   float64 `json:"floor,omitempty"`
	// QuasiStatic is N [ln 2 − H(ε_u)] (kT), the least work of any
	// protocol (QuasiStaticCost), and QuasiStaticRatio its ratio to the
	// single unit's, ln 2 − H(ε_L).
	QuasiStatic      float64 `json:"quasi_static"`
	QuasiStaticRatio float64 `json:"quasi_static_ratio"`
}

// Compare finds, for the single unit and for majority bits of each of the
// given sizes, the tilt at which the bit reaches the logical error logical
// and the work it costs (TiltFor at ε_u = UnitErrorFor(N, logical)). The
// result starts with the single unit (N = 1) and follows the sizes in
// increasing order.
func Compare(ctx context.Context, f Family, logical float64, units []int) ([]Cost, error) {
	return compare(ctx, f, logical, units, false)
}

// compare is Compare; with keepUnreached, a size the family cannot reach
// is reported as a Cost with Reached false instead of an error.
func compare(ctx context.Context, f Family, logical float64, units []int, keepUnreached bool) ([]Cost, error) {
	ns := append([]int{1}, units...)
	slices.Sort(ns)
	ns = slices.Compact(ns)
	out := make([]Cost, 0, len(ns))
	q1 := erasure.LandauerBound(logical)
	for _, n := range ns {
		eu, err := UnitErrorFor(n, logical)
		if err != nil {
			return nil, err
		}
		qs, _ := QuasiStaticCost(n, logical)
		c := Cost{Units: n, LogicalError: logical, UnitError: eu, QuasiStatic: qs, QuasiStaticRatio: qs / q1, Reached: true}
		a, w, err := f.TiltFor(ctx, eu)
		var ue *UnreachableError
		switch {
		case keepUnreached && errors.As(err, &ue):
			c.Reached, c.Floor, a, w = false, ue.Floor, ue.MaxTilt, ue.Work
		case err != nil:
			return nil, fmt.Errorf("N = %d: %w", n, err)
		}
		c.Tilt, c.WorkPerUnit, c.WorkPerBit = a, w, float64(n)*w
		out = append(out, c)
	}
	for i := range out {
		if out[0].Reached && out[i].Reached {
			out[i].Ratio = out[i].WorkPerBit / out[0].WorkPerBit
		}
	}
	return out, nil
}

// CrossoverPoint is the comparison of Compare at one protocol duration.
type CrossoverPoint struct {
	Duration float64 `json:"duration"` // τ (t0)
	// Costs starts with the single unit (N = 1) and follows the sizes in
	// increasing order; a size the family cannot reach at this τ has
	// Reached false (and every Ratio is 0 when the single unit cannot).
	Costs []Cost `json:"costs"`
}

// Crossover sweeps the protocol duration: for each τ in taus it runs
// Compare on the family f with Duration τ, at the logical error logical,
// for the single unit and the majority bits of the given sizes, and returns
// the points in the order of taus. Where the four-stage family cannot
// reach a unit error at some τ (its error floor lies above it), that cost
// is reported with Reached false rather than as an error: the single unit's
// floor, set by thermal hops back over the barrier while the tilt is
// removed, rises with τ, and where it passes ε_L only the majority bit can
// still be erased to ε_L. The points are computed concurrently
// (GOMAXPROCS goroutines); each is deterministic, so the result does not
// depend on the number of cores. Errors other than unreachable targets
// (bad settings, ctx cancelled) stop the sweep and are returned (the first
// in the order of taus that is not the cancellation of the others).
func Crossover(ctx context.Context, f Family, logical float64, units []int, taus []float64) ([]CrossoverPoint, error) {
	if len(taus) == 0 {
		return nil, errors.New("majority: crossover: no durations")
	}
	for _, tau := range taus {
		g := f
		g.Duration = tau
		if err := g.withDefaults().validate(); err != nil {
			return nil, err
		}
	}
	if !(logical > 0 && logical < 0.5) {
		return nil, fmt.Errorf("majority: crossover: logical error must be in (0, 0.5), got %v", logical)
	}
	for _, n := range units {
		if err := checkUnits(n); err != nil {
			return nil, err
		}
	}
	// One block per τ (langevin.Reduce): a failure cancels the points under
	// way, and the error of the first failed τ in the order of taus is
	// returned rather than their cancellation.
	out := make([]CrossoverPoint, len(taus))
	err := langevin.Reduce(ctx, len(taus), 0, func(ctx context.Context, _, i int) ([]Cost, error) {
		g := f
		g.Duration = taus[i]
		costs, err := compare(ctx, g, logical, units, true)
		if err != nil {
			return nil, fmt.Errorf("τ = %g: %w", taus[i], err)
		}
		return costs, nil
	}, func(i int, costs []Cost) error {
		out[i] = CrossoverPoint{Duration: taus[i], Costs: costs}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
