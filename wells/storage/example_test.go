package storage_test

import (
	"context"
	"fmt"

	"github.com/landauer-dev/landauer/wells"
	"github.com/landauer-dev/landauer/wells/storage"
)

// How long does a 40 kT jun bit hold its value, and what barrier keeps the
// error below 1e-15 for a storage time of 1e9 t0?
func Example() {
	p := wells.Jun{Barrier: 40, Tilt: 1}
	r, err := storage.Analyze(context.Background(), p, p.Rest(), storage.Options{Storage: 1e9, Cells: 2000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("barrier %.2f kT, wells at %.3f and %.3f\n", *r.Barrier, r.Left.X, r.Right.X)
	fmt.Printf("MFPT %.4g t0 (Kramers 1/k = %.4g t0), λ₁ = %.4g /t0\n", r.MFPT.Value, 1 / *r.Kramers, r.RelaxationRate.Value)
	fmt.Printf("retention error after 1e9 t0: %.3g (%s)\n", r.Retention.Error, r.Retention.Method)
	eb, err := storage.BarrierFor("jun", map[string]float64{"tilt": 1}, "barrier", nil, 1e-15, storage.Options{Storage: 1e9})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("barrier for 1e-15 after 1e9 t0: %.2f kT\n", eb)
	// Output:
	// barrier 40.00 kT, wells at -1.000 and 1.000
	// MFPT 6.599e+15 t0 (Kramers 1/k = 6.536e+15 t0), λ₁ = 3.031e-16 /t0
	// retention error after 1e9 t0: 1.52e-07 (fokker-planck)
	// barrier for 1e-15 after 1e9 t0: 59.23 kT
}
