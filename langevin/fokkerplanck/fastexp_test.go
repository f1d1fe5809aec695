package fokkerplanck

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpNeg compares expNeg with math.Exp (itself within 1 ulp) over the
// whole range it serves; a difference of 3 ulp bounds expNeg's error by 4.
func TestExpNeg(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst := 0.0
	check := func(x float64) {
		got, want := expNeg(x), math.Exp(x)
		rel := math.Abs(got-want) / want / 0x1p-52
		worst = max(worst, rel)
		if rel > 2 {
			t.Fatalf("expNeg(%v) = %v, want %v (%.2f ulp)", x, got, want, rel)
		}
	}
	for k := 0; k < 200000; k++ {
		check(-rng.Float64() * 708)
		check(-rng.Float64() * 2)
		check(-rng.Float64() * 1e-3)
	}
	for _, x := range []float64{0, -0.0, -1e-300, -math.Ln2, -707.9, -708} {
		check(x)
	}
	t.Logf("largest difference from math.Exp: %.2f ulp", worst)
}
