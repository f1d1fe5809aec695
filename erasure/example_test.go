package erasure_test

import (
	"fmt"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// The least average work to erase a bit with error ε, for any protocol
// (Landauer with error) and for time-symmetric ones, in kT.
func ExampleLandauerBound() {
	for _, eps := range []float64{0.1, 1e-6, 1e-15} {
		fmt.Printf("ε = %-6g Landauer %.6f kT, symmetric %.3f kT, barrier to keep it %.1f kT\n",
			eps, erasure.LandauerBound(eps), erasure.SymmetricBound(eps), erasure.BarrierForError(eps))
	}
	// Output:
	// ε = 0.1    Landauer 0.368064 kT, symmetric 0.879 kT, barrier to keep it 2.3 kT
	// ε = 1e-06  Landauer 0.693132 kT, symmetric 6.908 kT, barrier to keep it 13.8 kT
	// ε = 1e-15  Landauer 0.693147 kT, symmetric 17.269 kT, barrier to keep it 34.5 kT
}

// A keyframe protocol for the Jun double well: lower the barrier g, then
// tilt with f while g comes back, then drop the tilt suddenly at t = 3.
func ExampleNewProtocol_keyframes() {
	pot := wells.Jun{Barrier: 13, Tilt: 0.5}
	pr, err := erasure.NewProtocol("keyframes", pot, 4, nil, map[string][][2]float64{
		"g": {{0, 1}, {1, 0}, {2, 0}, {3, 1}},
		"f": {{1, 0}, {2, 1}, {3, 1}, {3, 0}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range []float64{0, 0.5, 1, 1.5, 2, 2.5, 2.999, 3, 4} {
		c := pr.At(t)
		fmt.Printf("t = %-5g g = %.3f  f = %.3f\n", t, c[0], c[1])
	}

	_, err = erasure.NewProtocol("four-stage", wells.Quartic{Barrier: 5}, 4, nil, nil)
	fmt.Println(err)
	// Output:
	// t = 0     g = 1.000  f = 0.000
	// t = 0.5   g = 0.500  f = 0.000
	// t = 1     g = 0.000  f = 0.000
	// t = 1.5   g = 0.000  f = 0.500
	// t = 2     g = 0.000  f = 1.000
	// t = 2.5   g = 0.500  f = 1.000
	// t = 2.999 g = 0.999  f = 1.000
	// t = 3     g = 1.000  f = 0.000
	// t = 4     g = 1.000  f = 0.000
	// protocol: four-stage needs controls "g" and "f"; potential "quartic" has none
}

// The shipped least-work time-symmetric protocol of the demo's 40 kT bit
// at τ = 10 t0: it lasts τ plus the settling hold; on the way it lowers
// the barrier (g, the barrier's control, well below 1) while the bit is
// tilted to the right (f > 0), and it ends at the storage controls.
func ExampleShippedOptimal() {
	bit := wells.Jun{Barrier: 40, Tilt: 1}
	p, ok, err := erasure.ShippedOptimal(erasure.DemoOptimalSymmetric, bit, 10)
	if err != nil || !ok {
		fmt.Println("none:", err)
		return
	}
	lowered := false
	for k := range 101 {
		c := p.At(10 * float64(k) / 100)
		lowered = lowered || (c[0] < 0.6 && c[1] > 0.1)
	}
	end := p.At(p.Duration())
	fmt.Printf("lasts %g t0; barrier lowered while tilted right: %v; ends at g = %g, f = %g\n", p.Duration(), lowered, end[0], end[1])
	// Output: lasts 10.1 t0; barrier lowered while tilted right: true; ends at g = 1, f = 0
}
