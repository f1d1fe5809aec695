package sweep

import (
	"runtime"

	"github.com/landauer-dev/landauer/erasure"
)

// Model is the cost model of a sweep's progress and time estimates. It
// counts a point's work in particle-step equivalents:
//
//	W = Setup + Blocks,
//	Blocks = ParticleSteps + FPWeight·CellSteps,
//	Setup  = PointSetup·workers   (Monte Carlo points),
//
// with ParticleSteps = trajectories × time steps and CellSteps = grid
// cells × time steps (erasure.Study.Work). A point's setup (the stability
// check, the initial-state sampler, its files) runs on one goroutine while
// its blocks run on `workers`, hence the factor: in seconds, a point takes
// W/(rate·workers) at a rate of particle-steps per second per worker. The
// 2dt path of the time-step bias estimate is not counted: both rates that
// calibrate the model (erasure.Study.MeasureRate, and the sweep's own
// measured progress) include its time per fine step. Only ratios of W
// matter to the ETA, since the rate is measured while the sweep runs.
type Model struct {
	// FPWeight is the time of one Fokker–Planck cell-step over that of
	// one Monte Carlo particle-step.
	FPWeight float64
	// PointSetup is the time of a Monte Carlo point's setup in
	// particle-steps of one worker.
	PointSetup float64
}

// DefaultModel is the model measured on the example sweep
// (cmd/landauer/testdata/sweep-example.toml). FPWeight = 4: a cell-step
// of the Crank–Nicolson solve with its error estimate against one
// particle-step. PointSetup = 5e6: the points of the example run with
// 64 trajectories (one block, `landauer sweep --set
// ensemble.trajectories=64`) took 0.06–0.09 s each whatever their step
// count, at the 8.7e7 particle-steps/s per worker that MeasureRate gives
// on the same machine: about 5e6 particle-steps. Without it the first,
// short points (where the setup is 20 % of the time) made the measured rate
// too low and the ETA of the long points too long.
func DefaultModel() *Model {
	return &Model{FPWeight: 4, PointSetup: 5e6}
}

// PointWork is one point's work in the model's units.
type PointWork struct {
	Setup  float64 // before the first block
	Blocks float64 // all its blocks
}

// Total is Setup + Blocks.
func (w PointWork) Total() float64 { return w.Setup + w.Blocks }

// Work is the modelled work of a study run on workers goroutines (< 0:
// the study's own; 0: all cores), capped at its block count.
func (m *Model) Work(s *erasure.Study, workers int) PointWork {
	ps, cs := s.Work()
	if s.Method == erasure.FokkerPlanck {
		return PointWork{Blocks: m.FPWeight * cs}
	}
	return PointWork{Setup: m.PointSetup * float64(Parallelism(s, workers)), Blocks: ps}
}

// Parallelism is the number of goroutines a Monte Carlo study's blocks run
// on with workers (< 0: the study's ensemble.workers; 0: all cores): at
// most its block count, at least 1.
func Parallelism(s *erasure.Study, workers int) int {
	w := s.Workers
	if workers >= 0 {
		w = workers
	}
	if w == 0 {
		w = runtime.GOMAXPROCS(0)
	}
	return max(1, min(w, s.Ensemble().Blocks()))
}
