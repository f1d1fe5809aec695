package fokkerplanck

import (
	"context"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// BenchmarkErasure2000x1e5 is a four-stage erasure of an 8 kT jun bit,
// τ = 100, on 2000 cells with 1e5 time steps (plus the 5e4 steps of the
// Richardson partner run), with the default settings: the potential and its
// weights are computed on a second goroutine when GOMAXPROCS > 1.
func BenchmarkErasure2000x1e5(b *testing.B) {
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{100}, Cells: 2000, Dt: 100 / 1e5}
	for b.Loop() {
		if _, err := Solve(context.Background(), pr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkErasure2000x1e5FirstOrder is the same without the partner run.
func BenchmarkErasure2000x1e5FirstOrder(b *testing.B) {
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{100}, Cells: 2000, Dt: 100 / 1e5, FirstOrder: true}
	for b.Loop() {
		if _, err := Solve(context.Background(), pr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkErasure2000x1e5Serial is BenchmarkErasure2000x1e5 on one goroutine.
func BenchmarkErasure2000x1e5Serial(b *testing.B) {
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{100}, Cells: 2000, Dt: 100 / 1e5, Serial: true}
	for b.Loop() {
		if _, err := Solve(context.Background(), pr); err != nil {
			b.Fatal(err)
		}
	}
}
