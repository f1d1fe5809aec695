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

// Every CSV landauer writes starts with the units of its columns.
func ExampleUnitsComment() {
	fmt.Print(results.UnitsComment([]string{"method", "duration", "work_mean"}, []string{"", "t0", "kT"}))
	// Output:
	// # units: duration=t0,work_mean=kT
}

// Figures label a column from the registry.
func ExampleAxisLabel() {
	l, _ := results.AxisLabel("work_mean")
	fmt.Println(l)
	// Output:
	// $\langle W\rangle/kT$
}
