package erasure

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
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

// FPRate is the Fokker–Planck method's nominal speed in cell-steps per
// second (one core, the discretisation-error twin included), for wall-time
// estimates: `landauer run --set solver.method=fokker-planck --set
// protocol.duration=10` (2000 cells × 10⁴ steps) took 0.65 s on the
// project's 2-core machine, 3.1e7 cell-steps/s. Only its ratio to the
// Monte Carlo rate matters where a progress meter calibrates the estimate
// by the measured rate.
const FPRate = 3e7

// Seconds estimates the study's wall time: a Monte Carlo study's
// particle-steps at mcRate particle-steps per second per worker
// (MeasureRate) on its workers (0: all cores, at most one per block), a
// Fokker–Planck study's cell-steps at FPRate.
func (s *Study) Seconds(mcRate float64) float64 {
	particleSteps, cellSteps := s.Work()
	if s.Method == FokkerPlanck {
		return cellSteps / FPRate
	}
	w := s.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	w = max(1, min(w, s.Ensemble().Blocks()))
	return particleSteps / (mcRate * float64(w))
}

// measureFPRate times a Fokker–Planck solve of the study on its own grid
// cells but with the time step coarsened to about 10⁶ cell-steps (≈ 0.03 s
// at FPRate), and returns cell-steps per second; FPRate when it fails.
// The rate depends on the machine's load and the potential, which FPRate
// cannot know.
func (s *Study) measureFPRate(ctx context.Context) float64 {
	c := *s
	c.Snapshots = 0
	_, cellSteps := c.Work()
	cells := cellSteps / float64(fpSteps(&c))
	steps := max(50, int(1e6/cells))
	if steps < fpSteps(&c) {
		c.FPDt = c.Protocol.Duration() / float64(steps)
	}
	_, cost := c.Work()
	t0 := time.Now()
	if _, err := c.Run(ctx); err != nil {
		return FPRate
	}
	el := time.Since(t0).Seconds()
	if el <= 0 {
		return FPRate
	}
	return cost / el
}

// fpSteps is the time steps of a Fokker–Planck study (as in Study.Work).
func fpSteps(s *Study) int {
	if s.FPDt > 0 {
		return int(math.Ceil(s.Protocol.Duration()/s.FPDt - 1e-9))
	}
	return fokkerplanck.DefaultSteps
}

// NominalMCRate is a Monte Carlo rate (particle-steps per second per
// worker) for estimates made without MeasureRate: the overdamped Heun
// step of a jun bit ran at 1.6e8 on the project's machine (`landauer run
// --set protocol.duration=10 --trajectories 20000 --workers 1`, 1.25 s).
const NominalMCRate = 1.6e8

// StepCosts returns the estimated wall time of each step, a group of
// studies: the Monte Carlo ones (Seconds) at the rate MeasureRate finds on
// the first study of each kind (potential, protocol, dynamics, integrator,
// trajectories per block: the per-step overheads differ by more than 10×
// between a small block of a lifted well and a full block of a jun bit;
// NominalMCRate when it cannot be measured), the Fokker–Planck ones at the
// rate a coarsened solve of the first of each kind (potential, protocol)
// measures, which sees the machine's load as MeasureRate does (FPRate when
// it fails). Each measurement costs up to about 0.1 s. These are the
// costs of a progress.Steps over studies run one after another.
func StepCosts(ctx context.Context, steps [][]*Study) []float64 {
	rates := map[string]float64{}
	cost := make([]float64, len(steps))
	for i, g := range steps {
		for _, s := range g {
			rate := 0.0
			if s.Method != FokkerPlanck {
				e := s.Ensemble()
				bs := e.BlockSize
				if bs <= 0 {
					bs = langevin.DefaultBlockSize
				}
				key := fmt.Sprintf("%s|%s|%s|%s|%d", s.Potential.Name(), s.Protocol.Kind(), s.Dynamics.Kind, s.Dynamics.Scheme(), min(e.Trajectories, bs))
				if rate = rates[key]; rate == 0 {
					if r, err := s.MeasureRate(ctx); err == nil && r > 0 {
						rate = r
					} else {
						rate = NominalMCRate
					}
					rates[key] = rate
				}
				cost[i] += s.Seconds(rate)
				continue
			}
			key := "fp|" + s.Potential.Name() + "|" + s.Protocol.Kind()
			if rate = rates[key]; rate == 0 {
				rate = s.measureFPRate(ctx)
				rates[key] = rate
			}
			_, cellSteps := s.Work()
			cost[i] += cellSteps / rate
		}
	}
	return cost
}

// BothMethods returns the Monte Carlo and the Fokker–Planck copies of s
// that RunBoth runs, in that order (for cost estimates).
func BothMethods(s *Study) []*Study {
	m, f := *s, *s
	m.Method, f.Method = MonteCarlo, FokkerPlanck
	return []*Study{&m, &f}
}
