package erasure

import (
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

func TestLiftVanishHeight(t *testing.T) {
	p := wells.Lifted{Barrier: 40, Width: 0.7}
	hv := LiftVanishHeight(p)
	// Below hv the left region has a local minimum, above it none: check
	// with the force −U′ on a fine grid (U′ < 0 everywhere on (−1.5, 0)
	// means no left well).
	noWell := func(h float64) bool {
		x := make([]float64, 20001)
		for i := range x {
			x[i] = -1.5 + 1.5*float64(i)/20000
		}
		u, f := make([]float64, len(x)), make([]float64, len(x))
		p.Eval(wells.Control{h}, x, u, f)
		for _, fi := range f[:len(f)-1] {
			if fi <= 0 {
				return false
			}
		}
		return true
	}
	if noWell(hv * 0.995) {
		t.Errorf("no left well at 0.995 × %.2f", hv)
	}
	if !noWell(hv * 1.005) {
		t.Errorf("a left well remains at 1.005 × %.2f", hv)
	}
	if hv/p.Barrier < 4.5 || hv/p.Barrier > 5.2 {
		t.Errorf("vanishing lift %.1f kT = %.2f E_b, the documented value is ≈ 4.9 E_b", hv, hv/p.Barrier)
	}
}
