package fokkerplanck

import "github.com/landauer-dev/landauer/wells"

// constant is a static protocol: λ = c for a duration tau.
type constant struct {
	c   wells.Control
	tau float64
}

func (s constant) At(float64) wells.Control { return s.c }
func (s constant) Duration() float64        { return s.tau }

// fourStage is the erasure protocol of Jun et al. for the jun well
// (controls g, f) in four equal linear stages: g 1→0, f 0→1, g 0→1, f 1→0.
type fourStage struct{ tau float64 }

func (s fourStage) Duration() float64 { return s.tau }

func (s fourStage) At(t float64) wells.Control {
	q := 4 * t / s.tau // stage clock, 0..4
	switch {
	case q < 1:
		return wells.Control{1 - q, 0}
	case q < 2:
		return wells.Control{0, q - 1}
	case q < 3:
		return wells.Control{q - 2, 1}
	case q < 4:
		return wells.Control{1, 4 - q}
	}
	return wells.Control{1, 0}
}
