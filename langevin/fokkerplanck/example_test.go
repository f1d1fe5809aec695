package fokkerplanck_test

import (
	"context"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// fourStage is the erasure protocol of Jun et al. for the jun well: lower
// the barrier (g 1→0), tilt (f 0→1), raise the barrier, untilt, in four
// equal linear stages of a total duration Tau.
type fourStage struct{ Tau float64 }

func (s fourStage) Duration() float64 { return s.Tau }

func (s fourStage) At(t float64) wells.Control {
	q := min(max(4*t/s.Tau, 0), 4)
	switch {
	case q < 1:
		return wells.Control{1 - q, 0}
	case q < 2:
		return wells.Control{0, q - 1}
	case q < 3:
		return wells.Control{q - 2, 1}
	}
	return wells.Control{1, 4 - q}
}

// Erasing a bit stored behind a 50 kT wall in τ = 100 (γx²/kT): the error
// mass, far below anything a Monte Carlo run could see, with its
// discretisation error, and the mean work against Landauer's bound.
func Example() {
	sol, est, err := fokkerplanck.SolveWithError(context.Background(), fokkerplanck.Problem{
		Potential: wells.Jun{Barrier: 50, Tilt: 1},
		Schedule:  fourStage{Tau: 100},
		Cells:     1000,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("error mass %.3g ± %.1f%%\n", sol.Left, 100*est.Left/sol.Left)
	fmt.Printf("mean work %.4f kT ± %.0e, ln 2 = %.4f kT\n", sol.Work, est.Work, math.Ln2)
	// Output:
	// error mass 9.96e-22 ± 0.1%
	// mean work 0.8662 kT ± 2e-05, ln 2 = 0.6931 kT
}
