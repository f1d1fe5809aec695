package sweep

import "github.com/landauer-dev/landauer/erasure"

// Model is the cost model of a sweep's progress and time estimates. It
// counts a point's work in particle-step equivalents:
//
//	W = Setup + Blocks,
//	Blocks = ParticleSteps·(1 + CoarseWeight·[2dt path]) + FPWeight·CellSteps,
//	Setup  = PointSetup·[Monte Carlo],
//
// with ParticleSteps = trajectories × time steps and CellSteps = grid
// cells × time steps (erasure.Study.Work). Only ratios of W matter: the
// rate that turns W into seconds is measured while the sweep runs
// (progress.Meter), so the model need only be right about how the points'
// times compare.
type Model struct {
	// FPWeight is the time of one Fokker–Planck cell-step over that of
	// one Monte Carlo particle-step.
	FPWeight float64
	// CoarseWeight is the extra time of the 2dt path of the time-step
	// bias estimate (half the steps of the fine path) over the fine path.
	CoarseWeight float64
	// PointSetup is the time of a Monte Carlo point's setup (initial-state
	// sampling, the stability check, writing its files), in particle-steps.
	PointSetup float64
}

// DefaultModel is the model measured on the example sweep (see the
// constants' comments).
func DefaultModel() *Model {
	return &Model{FPWeight: 4}
}

// PointWork is one point's work in the model's units.
type PointWork struct {
	Setup  float64 // before the first block
	Blocks float64 // all its blocks
}

// Total is Setup + Blocks.
func (w PointWork) Total() float64 { return w.Setup + w.Blocks }

// Work is the modelled work of a study.
func (m *Model) Work(s *erasure.Study) PointWork {
	ps, cs := s.Work()
	if s.Method == erasure.FokkerPlanck {
		return PointWork{Blocks: m.FPWeight * cs}
	}
	b := ps
	if s.Ensemble().Coarse {
		b += m.CoarseWeight * ps
	}
	return PointWork{Setup: m.PointSetup, Blocks: b}
}
