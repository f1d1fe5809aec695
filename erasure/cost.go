package erasure

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// MeasureRate times the study's own Monte Carlo step on one worker: one
// block (at most 512 trajectories) integrated for about 0.1 s of wall time
// (or to the protocol's end), the initial-state sampling left out. It
// returns particle-steps per second per worker, the rate that
// Cost.ParticleSteps divides into a wall-time estimate. Only Monte Carlo
// studies have one.
func (s *Study) MeasureRate(ctx context.Context) (float64, error) {
	if s.Method == FokkerPlanck {
		return 0, errors.New("study: MeasureRate: a Fokker–Planck study has no particle steps")
	}
	e := s.Ensemble()
	e.Workers = 1
	bs := e.BlockSize
	if bs <= 0 {
		bs = langevin.DefaultBlockSize
	}
	e.Trajectories = min(e.Trajectories, bs)
	const budget = 100 * time.Millisecond
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		start time.Time
		steps int
	)
	e.Trace = func(_, n int, _ wells.Control, _, _ []float64) {
		if n == 0 {
			start = time.Now()
			return
		}
		steps = n
		if n&15 == 0 && time.Since(start) > budget {
			cancel()
		}
	}
	err := e.Run(cctx, nil, func(*langevin.Block) error { return nil })
	el := time.Since(start)
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return 0, err
	}
	if steps == 0 || el <= 0 {
		return 0, errors.New("study: MeasureRate: no step was timed")
	}
	return float64(e.Trajectories) * float64(steps) / el.Seconds(), nil
}

// Work is the study's amount of computation: particleSteps = trajectories ×
// time steps for Monte Carlo (the 2dt path of the time-step bias estimate
// not counted), cellSteps = grid cells × time steps of the fine
// Crank–Nicolson solve for Fokker–Planck (the other is zero).
func (s *Study) Work() (particleSteps, cellSteps float64) {
	if s.Method == FokkerPlanck {
		cells := s.Cells
		if cells == 0 {
			cells = fokkerplanck.DefaultCells
		}
		steps := fokkerplanck.DefaultSteps
		if s.FPDt > 0 {
			steps = int(math.Ceil(s.Protocol.Duration()/s.FPDt - 1e-9))
			steps += steps % 2
		}
		return 0, float64(cells) * float64(steps)
	}
	return float64(s.Trajectories) * float64(s.Ensemble().Steps()), 0
}
