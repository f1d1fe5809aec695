package results_test

import (
	"fmt"

	"github.com/landauer-dev/landauer/results"
)

// The registry gives each field's unit and the method it applies to.
func ExampleFields() {
	for _, f := range results.Fields() {
		if f.Name == "work_mean" || f.Name == "work_sem" {
			fmt.Printf("%s [%s] %s: %s\n", f.Name, f.Unit, f.Only, f.Doc)
		}
	}
	// Output:
	// work_mean [kT] : mean Sekimoto work ⟨W⟩, W = Σ U(x_n, λ_{n+1}) − U(x_n, λ_n)
	// work_sem [kT] monte-carlo: standard error of work_mean
}
