package optimal_test

import (
	"context"
	"fmt"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/erasure/optimal"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// The Schmiedl–Seifert problem: drag a harmonic trap (k = γ = kT = 1)
// from 0 to 1 in t_f = 1 at least work. The optimum jumps by 1/3 at both
// ends and costs W* = λ_f²/(t_f + 2) = 1/3 kT.
func ExampleOptimize() {
	pot, _ := wells.New("harmonic", nil)
	s := &erasure.Study{Potential: pot, Target: 1, Cells: 400, FPDt: 1e-3,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}}
	r, err := optimal.Optimize(context.Background(), optimal.Problem{
		Study: s, Duration: 1, Class: optimal.Asymmetric, Controls: []string{"center"},
		End: map[string]float64{"center": 1}, Nodes: 6,
	}, optimal.Settings{Cells: 200, Steps: 400})
	if err != nil {
		fmt.Println(err)
		return
	}
	pts := r.Keyframes["center"]
	fmt.Printf("W* = %.4f kT, converged %v\n", r.Work, r.Converged)
	fmt.Printf("λ(0⁺) = %.3f, λ(τ⁻) = %.3f\n", pts[1][1], pts[len(pts)-2][1])
	// Output:
	// W* = 0.3334 kT, converged true
	// λ(0⁺) = 0.334, λ(τ⁻) = 0.666
}
