package langevin

import "github.com/landauer-dev/landauer/wells"

// Schedule is a control protocol λ(t): the control values of a potential as a
// function of time t ∈ [0, Duration()], in the time unit of the dynamics
// (γL²/kT when overdamped). Package erasure provides the built-in protocols.
//
// At must be a pure function of t, safe for concurrent use.
type Schedule interface {
	At(t float64) wells.Control
	Duration() float64
}
