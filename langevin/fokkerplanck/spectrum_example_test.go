package fokkerplanck_test

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
)

// The slowest relaxation rate of a bit behind a 40 kT barrier,
// U = 40 (x² − 1)², on 2000 cells of [−1.8, 1.8] (D = 1): about 3e-16, far
// below the rounding level of the dense eigenvalues (Spectrum); it equals
// 2/T, T the exact mean first-passage time between the minima, to the
// grid's accuracy (see wells/storage). Kramers' 2k = 2·√(8E_b·4E_b)/(2π)·e^{−E_b}
// is larger by the factor 1 + 3/(8E_b) + … = 1.0094 + ….
func ExampleSlowestRate() {
	const eb, lo, hi, n = 40.0, -1.8, 1.8, 2000
	h := (hi - lo) / n
	u := make([]float64, n)
	for i := range u {
		x := lo + (float64(i)+0.5)*h
		u[i] = eb * (x*x - 1) * (x*x - 1)
	}
	lam, _, err := fokkerplanck.SlowestRate(u, h, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	kramers := 2 * math.Sqrt(8*eb*4*eb) / (2 * math.Pi) * math.Exp(-eb)
	fmt.Printf("λ₁ = %.5g per t0, 2k_Kramers/λ₁ = %.4f\n", lam, kramers/lam)
	// Output:
	// λ₁ = 3.0307e-16 per t0, 2k_Kramers/λ₁ = 1.0096
}
