package erasure

import (
	"context"
	"time"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/stats"
)

// FokkerPlanckProblem is the density problem equivalent to the study's
// Monte Carlo ensemble (overdamped dynamics only).
func (s *Study) FokkerPlanckProblem() fokkerplanck.Problem {
	return fokkerplanck.Problem{
		Potential:   s.Potential,
		Schedule:    s.Protocol,
		Temperature: s.Dynamics.Temperature,
		Friction:    s.Dynamics.Friction,
		Cells:       s.Cells,
		Dt:          s.FPDt,
		Initial:     s.Side,
		Divide:      s.Divide,
		Snapshots:   s.snapshotTimes(),
	}
}

// snapshotTimes are Snapshots evenly spaced times from 0 to τ.
func (s *Study) snapshotTimes() []float64 {
	if s.Snapshots < 2 {
		return nil
	}
	tau := s.Protocol.Duration()
	ts := make([]float64, s.Snapshots)
	for i := range ts {
		ts[i] = tau * float64(i) / float64(s.Snapshots-1)
	}
	return ts
}

// runFokkerPlanck answers the study by solving the Fokker–Planck equation
// (package langevin/fokkerplanck) twice, on the fine grid and on a grid with
// half the cells and twice the step, and reports the fine answer with the
// difference as its discretisation error (estimates of Kind
// stats.Discretisation: work_err, heat_err, error_rate_err in the output).
// The error rate is the final probability mass on the wrong side of the
// divide, meaningful far below 1e-15; its interval (error_low, error_high)
// is ± error_rate_err, clipped to [0, 1].
func (s *Study) runFokkerPlanck(ctx context.Context) (*Result, error) {
	if s.Dynamics.Kind != langevin.Overdamped {
		return nil, errorf("study: the fokker-planck method solves overdamped dynamics only, got %v", s.Dynamics.Kind)
	}
	start := time.Now()
	sol, est, err := fokkerplanck.SolveWithError(ctx, s.FokkerPlanckProblem())
	if err != nil {
		return nil, err
	}
	kT := s.Dynamics.Temperature
	eps, epsErr := sol.Left, est.Left
	if s.Target < 0 {
		eps, epsErr = sol.Right, est.Right
	}
	r := &Result{
		Method:    FokkerPlanck,
		Potential: s.Potential.Name(),
		Protocol:  s.Protocol.Kind(),
		Dynamics:  s.Dynamics.Kind.String(),
		Duration:  s.Protocol.Duration(),

		Work: stats.Discretised(sol.Work, est.Work),
		Heat: stats.Discretised(-sol.HeatIn, est.HeatIn),
		// no discretisation error is estimated for ⟨ΔU⟩: Kind Unknown
		DeltaU: stats.Estimate{Value: sol.EnergyEnd - sol.EnergyStart},

		ErrorRate:     stats.Discretised(eps, epsErr),
		ErrorInterval: stats.DiscretisationInterval(eps, epsErr, 0, 1),
		LandauerBound: kT * LandauerBound(eps),
		SymmetricMin:  kT * SymmetricBound(eps),

		// The Monte Carlo estimators (Jarzynski, detailed Jarzynski) have
		// no meaning here: nil.

		EntropyProduction: ptr(sol.EntropyProduction),
		Cells:             sol.Cells,
		Steps:             sol.Steps,
		Dt:                sol.Dt,
	}
	h := (sol.Hi - sol.Lo) / float64(sol.Cells)
	for _, sn := range sol.Snapshots {
		p := make([]float64, len(sn.P))
		for i, m := range sn.P {
			p[i] = m / h // mass per cell → density
		}
		r.Snapshots = append(r.Snapshots, Snapshot{T: sn.T, X: sol.X, U: sn.U, P: p})
	}
	s.exact(r)
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}
