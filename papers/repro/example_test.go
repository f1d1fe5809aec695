package repro_test

import (
	"context"
	"math"
	"os"

	"github.com/landauer-dev/landauer/papers/repro"
)

// A reproduction is a Paper whose Reproduce builds a Report: named values
// with units, comparisons with the paper's numbers (deviation in combined
// standard errors) and a summary. Run checks the common options and names
// the paper in the report.
func ExamplePaper() {
	p := repro.Paper{
		Name:     "example",
		Title:    "a bit erased slowly costs kT ln 2",
		Citation: "Landauer, IBM J. Res. Dev. 5, 183 (1961)",
		Reproduce: func(ctx context.Context, o repro.Options) (*repro.Report, error) {
			r := &repro.Report{}
			w, se := 0.70, 0.01 // a measured ⟨W⟩ in kT with its standard error
			r.Add("work_mean", w, "kT")
			r.Linef("⟨W⟩ = %.2f ± %.2f kT", w, se)
			r.Comparisons = append(r.Comparisons, repro.Comparison{
				Quantity: "⟨W⟩ vs kT ln 2", Ours: w, OursSE: se, Reference: math.Ln2, ReferenceSE: repro.NaN(), Source: "Landauer",
			})
			return r, nil
		},
	}
	r, err := p.Run(context.Background(), repro.Options{})
	if err != nil {
		panic(err)
	}
	r.Write(os.Stdout, repro.FormatTable)
	if _, err := p.Run(context.Background(), repro.Options{Trajectories: -1}); err != nil {
		os.Stdout.WriteString(err.Error() + "\n")
	}
	// Output:
	// example: a bit erased slowly costs kT ln 2
	// Landauer, IBM J. Res. Dev. 5, 183 (1961)
	//
	//   ⟨W⟩ = 0.70 ± 0.01 kT
	//
	// value             unit
	//   work_mean  0.7  kT
	//
	// comparison        ours        reference  deviation  source
	//   ⟨W⟩ vs kT ln 2  0.7 ± 0.01  0.6931     0.7 SE     Landauer
	// example: trajectories must be >= 0, got -1
}
