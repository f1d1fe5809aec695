package langevin

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/wells"
)

// CheckStart builds the initial-state sampler Run would build, and returns
// its error: a potential whose Boltzmann density at λ(0) cannot be sampled
// (wells.MinAcceptance) is refused here, before any run, rather than in a
// rejection loop. It costs about a millisecond.
func (e *Ensemble) CheckStart() error {
	if err := e.Validate(); err != nil {
		return err
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	switch e.Start.Side {
	case -1:
		hi = e.Start.Divide
	case 1:
		lo = e.Start.Divide
	}
	if _, err := wells.NewSampler(e.Potential, e.Schedule.At(0), e.Dynamics.Temperature, lo, hi); err != nil {
		return fmt.Errorf("langevin: initial state: %w", err)
	}
	return nil
}
