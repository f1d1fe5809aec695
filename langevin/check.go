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
	_, err := e.startSampler()
	return err
}

// startSampler validates e and builds the sampler of its initial state:
// exact Boltzmann samples of U(x, λ(0)) at the bath temperature, restricted
// to one side of Start.Divide when Start.Side is ±1.
func (e *Ensemble) startSampler() (*wells.Sampler, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	switch e.Start.Side {
	case -1:
		hi = e.Start.Divide
	case 1:
		lo = e.Start.Divide
	}
	sampler, err := wells.NewSampler(e.Potential, e.Schedule.At(0), e.Dynamics.Temperature, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("langevin: initial state: %w", err)
	}
	return sampler, nil
}
