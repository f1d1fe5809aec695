package majority_test

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure/majority"
	"github.com/landauer-dev/landauer/wells"
)

// The least work to erase three coupled double-well units (jun, E_b =
// 8 kT) from their joint equilibrium to "all right" is −ln P_eq(all
// right): 3 ln 2 for independent units, falling toward ln 2 as the
// coupling κ makes the units move as one.
func ExampleCoupledEquilibrium() {
	pot := wells.Jun{Barrier: 8, Tilt: 1}
	for _, kappa := range []float64{0, 1, 2, 4, 8, 100} {
		eq, err := majority.CoupledEquilibrium(pot, pot.Rest(), 3, kappa, 1, 0)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("κ = %3g: P(all agree) = %.4f, W_qs = %.4f kT = %.3f ln 2\n",
			kappa, eq.Agree(), eq.QuasiStaticWork(1), eq.QuasiStaticWork(1)/math.Ln2)
	}
	// Output:
	// κ =   0: P(all agree) = 0.2500, W_qs = 2.0794 kT = 3.000 ln 2
	// κ =   1: P(all agree) = 0.5350, W_qs = 1.3186 kT = 1.902 ln 2
	// κ =   2: P(all agree) = 0.7915, W_qs = 0.9270 kT = 1.337 ln 2
	// κ =   4: P(all agree) = 0.9729, W_qs = 0.7206 kT = 1.040 ln 2
	// κ =   8: P(all agree) = 0.9994, W_qs = 0.6937 kT = 1.001 ln 2
	// κ = 100: P(all agree) = 1.0000, W_qs = 0.6931 kT = 1.000 ln 2
}
