package fokkerplanck_test

import (
	"context"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// drag moves a harmonic trap (k = 1) from 0 to 2 at constant speed in τ = 2.
type drag struct{}

func (drag) Duration() float64 { return 2 }
func (drag) At(t float64) wells.Control {
	return wells.Control{t, 1} // centre, stiffness
}

// The gradient of the mean work of dragging a harmonic trap with respect to
// the protocol, from one backward pass. For the centre λ(t) = a t (γ = k =
// kT = 1) the exact functional derivative is
// δW/δλ(t) = a (e^{−(τ−t)} − e^{−t}) inside (so ∂W/∂λ(t_k) ≈ dt × that),
// and at the end ∂W/∂λ(τ) = a (1 − e^{−τ}), the lag of the mean position
// behind the trap; the work itself is a² (τ − 1 + e^{−τ}).
func ExampleControlGradient() {
	sol, d, err := fokkerplanck.ControlGradient(context.Background(), fokkerplanck.Problem{
		Potential: wells.Harmonic{Stiffness: 1},
		Schedule:  drag{},
		Cells:     400,
		Dt:        1e-3,
	}, fokkerplanck.NoError)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Extrapolated in dt, the work is 2W(dt) − W(2dt), and the partner at 2dt
	// sees only even steps: the derivative at one step alternates (about 0
	// at even k, twice the mean at odd k), so take it per pair of steps.
	k := sol.Steps / 4 // t = 0.5
	perDt := (d.Work[k][0] + d.Work[k+1][0]) / (2 * sol.Dt)
	fmt.Printf("W = %.4f kT (exact %.4f)\n", sol.Work, 2-1+math.Exp(-2))
	fmt.Printf("δW/δλ(0.5) = %.4f (exact %.4f)\n", perDt, math.Exp(-1.5)-math.Exp(-0.5))
	fmt.Printf("∂W/∂λ(τ) = %.4f (exact %.4f)\n", d.Work[sol.Steps][0], 1-math.Exp(-2))
	// Output:
	// W = 1.1358 kT (exact 1.1353)
	// δW/δλ(0.5) = -0.3825 (exact -0.3834)
	// ∂W/∂λ(τ) = 0.8651 (exact 0.8647)
}
