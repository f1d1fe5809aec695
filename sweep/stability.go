package sweep

import (
	"encoding/json"
)

// maxStabilityCache bounds the verdicts a StabilityChecker keeps (a sweep
// of a million distinct dynamics is checked in constant memory).
const maxStabilityCache = 4096

// StabilityChecker checks points' time steps against the stability limit
// (erasure.Study.CheckStability), computing the limit once per distinct
// dynamics — the potential, protocol and dynamics tables and the solver
// method, all that the limit depends on — so that points differing only
// in ensemble, measure or initial keys (trajectories, block sizes, seeds,
// thresholds) share one computation. Not safe for concurrent use.
type StabilityChecker struct {
	seen map[string]error
}

// NewStabilityChecker returns an empty checker.
func NewStabilityChecker() *StabilityChecker {
	return &StabilityChecker{seen: map[string]error{}}
}

// Check is pt.Study.CheckStability(), remembered by the point's dynamics.
func (c *StabilityChecker) Check(pt *Point) error {
	cfg := pt.Config
	key, err := json.Marshal([]any{cfg.Potential, cfg.Protocol, cfg.Dynamics, cfg.Solver.Method})
	if err != nil {
		return pt.Study.CheckStability()
	}
	if err, ok := c.seen[string(key)]; ok {
		return err
	}
	err = pt.Study.CheckStability()
	if len(c.seen) >= maxStabilityCache {
		clear(c.seen)
	}
	c.seen[string(key)] = err
	return err
}
