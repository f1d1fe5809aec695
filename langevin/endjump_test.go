package langevin_test

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// endJump holds a harmonic trap at centre 0 and moves it to 1 at t = τ
// (right-continuous, as keyframe protocols are).
type endJump struct{ tau float64 }

func (p endJump) Duration() float64 { return p.tau }
func (p endJump) At(t float64) wells.Control {
	if t >= p.tau {
		return wells.Control{1, 2}
	}
	return wells.Control{0, 2}
}

// A protocol that jumps at τ must make its jump even where steps·(τ/steps)
// rounds below τ (a defect found by the berut2012 reproduction: ⟨Q⟩ came
// out −0.73 kT instead of 0.56). The jump's work is exact per trajectory:
// W = (k/2)[(x−1)² − x²] = (k/2)(1 − 2x) at the position x where the
// control changes: the final one for Heun and BAOAB (whose last half update
// of the control is made at the end), the one before the last step for
// Euler–Maruyama (which changes the control, then moves).
func TestJumpAtTheEndIsMade(t *testing.T) {
	// find a duration where steps·(τ/steps) < τ in floating point
	tau, steps := 0.0, 0
	for n := 10; n < 2000 && tau == 0; n += 2 { // even: the coarse path keeps the count
		for _, c := range []float64{0.7, 1.1, 1.3, 2.9, 3.7} {
			if float64(n)*(c/float64(n)) < c {
				tau, steps = c, n
				break
			}
		}
	}
	if tau == 0 {
		t.Fatal("no duration with steps·(τ/steps) < τ found")
	}
	for _, scheme := range []langevin.Integrator{langevin.EulerMaruyama, langevin.Heun, langevin.BAOAB} {
		kind := langevin.Overdamped
		if scheme == langevin.BAOAB {
			kind = langevin.Underdamped
		}
		e := &langevin.Ensemble{
			Potential:    wells.Harmonic{Center: 0, Stiffness: 2},
			Schedule:     endJump{tau},
			Dynamics:     langevin.Dynamics{Kind: kind, Dt: tau / float64(steps), Friction: 1, Mass: 1, Temperature: 1, Integrator: scheme},
			Trajectories: 64,
			Seed:         3,
			Coarse:       true,
		}
		if e.Steps() != steps || !(float64(steps)*e.Step() < tau) {
			t.Fatalf("%v: %d steps of %v, want %d with steps·dt < τ = %v", scheme, e.Steps(), e.Step(), steps, tau)
		}
		var mu sync.Mutex
		before := map[int][]float64{} // block → positions before the last step
		e.Trace = func(b, n int, _ wells.Control, x, _ []float64) {
			if n == e.Steps()-1 {
				mu.Lock()
				before[b] = slices.Clone(x)
				mu.Unlock()
			}
		}
		err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
			for _, blk := range []*langevin.Block{b, b.Coarse} {
				if blk == nil {
					continue
				}
				xs := blk.X
				if scheme == langevin.EulerMaruyama {
					if blk == b.Coarse {
						continue // its last step starts at another position
					}
					mu.Lock()
					xs = before[b.Index]
					mu.Unlock()
				}
				for i, x := range xs {
					if want := 1 - 2*x; math.Abs(blk.Work[i]-want) > 1e-12 {
						t.Errorf("%v: trajectory %d: W = %v, want (k/2)(1 − 2x) = %v", scheme, i, blk.Work[i], want)
						return nil
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
