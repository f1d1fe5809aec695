package discrete_test

import (
	"fmt"

	"github.com/landauer-dev/landauer/erasure/discrete"
)

// Erase a two-state bit three ways at ε ≈ 0.0067 (ΔE = 5 kT), Γ = 1.
func Example() {
	bit := discrete.TwoState(1) // rate cap Γ = 1: time in 1/Γ

	// Sudden raise by 5 kT, wait 30/Γ, sudden drop: W = (½ − ε)ΔE.
	sudden, _ := discrete.SuddenRaiseProtocol(5, 30)
	r, _ := bit.Solve(sudden, nil)
	fmt.Printf("sudden raise: ε = %.6f, W = %.4f kT\n", r.Error, r.Work)

	// Slow linear raise over 1000/Γ, sudden drop: W → ln 2 − H(ε).
	slow, _ := discrete.SlowRaiseProtocol(5, 1000)
	r, _ = bit.Solve(slow, nil)
	fmt.Printf("slow raise:   ε = %.6f, W = %.4f kT (bound %.4f)\n", r.Error, r.Work, discrete.LandauerBound(r.Error))

	// The least work to reach the same ε in Γτ = 10.
	best, _ := bit.Optimal(r.Error, 10)
	fmt.Printf("optimal, Γτ = 10: W = %.4f kT\n", best.Work)

	// Faster than ln(1/(2ε)) is impossible.
	_, err := bit.Optimize(r.Error, 4, discrete.OptimizeOptions{})
	fmt.Println(err != nil)
	// Output:
	// sudden raise: ε = 0.006693, W = 2.4665 kT
	// slow raise:   ε = 0.006726, W = 0.6553 kT (bound 0.6528)
	// optimal, Γτ = 10: W = 0.9050 kT
	// true
}
