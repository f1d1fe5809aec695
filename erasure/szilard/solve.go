package szilard

import (
	"context"
	"encoding/json"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/stats"
)

// Result is the Fokker–Planck answer for one erasure by compression.
// Energies in kT; Work and ErrorRate carry their discretisation errors
// (stats.Discretisation, from fokkerplanck.SolveWithError). Its JSON is flat,
// as before: duration, work, work_err, error, error_err, free_energy_change,
// excess, hard_wall_excess.
type Result struct {
	Duration float64        // τ
	Work     stats.Estimate // ⟨W⟩ ± discretisation error
	// ErrorRate is the probability of ending in the right half (x > 0), ±
	// its discretisation error.
	ErrorRate stats.Estimate
	// FreeEnergyChange is the change of the nonequilibrium free energy,
	// which is ln 2 − H(ε) for a locally equilibrated final state.
	FreeEnergyChange float64
	// Excess is ⟨W⟩ − (ln 2 − H(ε)), and HardWallExcess the
	// constant-speed, hard-wall estimate L²/(3 T_c) of it.
	Excess         float64
	HardWallExcess float64
	Cells, Steps   int
}

// resultJSON is the flat JSON form of a Result.
type resultJSON struct {
	Duration         float64 `json:"duration"`
	Work             float64 `json:"work"`
	WorkErr          float64 `json:"work_err"`
	Error            float64 `json:"error"`
	ErrorErr         float64 `json:"error_err"`
	FreeEnergyChange float64 `json:"free_energy_change"`
	Excess           float64 `json:"excess"`
	HardWallExcess   float64 `json:"hard_wall_excess"`
}

// MarshalJSON writes r flat: each estimate as its value and its
// discretisation error (work, work_err, error, error_err).
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultJSON{
		Duration: r.Duration, Work: r.Work.Value, WorkErr: r.Work.Uncertainty,
		Error: r.ErrorRate.Value, ErrorErr: r.ErrorRate.Uncertainty,
		FreeEnergyChange: r.FreeEnergyChange, Excess: r.Excess, HardWallExcess: r.HardWallExcess,
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *Result) UnmarshalJSON(data []byte) error {
	var f resultJSON
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	*r = Result{
		Duration: f.Duration, Work: stats.Discretised(f.Work, f.WorkErr), ErrorRate: stats.Discretised(f.Error, f.ErrorErr),
		FreeEnergyChange: f.FreeEnergyChange, Excess: f.Excess, HardWallExcess: f.HardWallExcess,
	}
	return nil
}

// Solve runs Compression(τ) by Fokker–Planck with the given grid (zero for
// 2000 cells and 10⁴ steps; the partition must move much less than its
// width w per step).
func Solve(ctx context.Context, b Box, duration float64, cells, steps int) (*Result, error) {
	proto, err := b.Compression(duration)
	if err != nil {
		return nil, err
	}
	if steps <= 0 {
		steps = fokkerplanck.DefaultSteps
	}
	sol, est, err := fokkerplanck.SolveWithError(ctx, fokkerplanck.Problem{
		Potential: b, Schedule: proto, Cells: cells, Dt: duration / float64(steps),
	})
	if err != nil {
		return nil, err
	}
	return &Result{
		Duration:         duration,
		Work:             stats.Discretised(sol.Work, est.Work),
		ErrorRate:        stats.Discretised(sol.Right, est.Right),
		FreeEnergyChange: sol.FreeEnergyChange,
		Excess:           sol.Work - erasure.LandauerBound(sol.Right),
		HardWallExcess:   HardWallExcess(b.HalfWidth, CompressionTime(duration)),
		Cells:            sol.Cells,
		Steps:            sol.Steps,
	}, nil
}

// Study returns the Monte Carlo study of Compression(τ): equilibrium start
// (both halves), target left of the divide at 0.
func Study(b Box, duration float64, dyn langevin.Dynamics, trajectories int, seed uint64) (*erasure.Study, error) {
	proto, err := b.Compression(duration)
	if err != nil {
		return nil, err
	}
	return &erasure.Study{
		Potential: b, Protocol: proto, Dynamics: dyn,
		Target: -1, Divide: 0, Trajectories: trajectories, Seed: seed,
	}, nil
}

// FitInverse fits ⟨W⟩ = W∞ + B/τ through the two longest durations of rs
// (exact data: no weights) and returns W∞ and B.
func FitInverse(rs []Result) (wInf, b float64) {
	if len(rs) < 2 {
		return math.NaN(), math.NaN()
	}
	i, j := 0, 1
	for k := range rs {
		switch {
		case rs[k].Duration > rs[i].Duration:
			i, j = k, i
		case k != i && rs[k].Duration > rs[j].Duration:
			j = k
		}
	}
	if i == j {
		j = (i + 1) % len(rs)
	}
	x1, x2 := 1/rs[i].Duration, 1/rs[j].Duration
	b = (rs[i].Work.Value - rs[j].Work.Value) / (x1 - x2)
	return rs[i].Work.Value - b*x1, b
}
