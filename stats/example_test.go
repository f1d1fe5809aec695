package stats_test

import (
	"fmt"

	"github.com/landauer-dev/landauer/stats"
)

// Three erasure failures in 1000 trials, with 95 % intervals; and the
// one-sided bound when no failure was seen in a million trials.
func ExampleWilson() {
	lo, hi := stats.Wilson(3, 1000, 0.95)
	fmt.Printf("Wilson:          [%.5f, %.5f]\n", lo, hi)
	lo, hi = stats.ClopperPearson(3, 1000, 0.95)
	fmt.Printf("Clopper-Pearson: [%.5f, %.5f]\n", lo, hi)
	fmt.Printf("0 in 1e6: ε < %.3g\n", stats.UpperBoundZero(1_000_000, 0.95))
	// Output:
	// Wilson:          [0.00102, 0.00878]
	// Clopper-Pearson: [0.00062, 0.00874]
	// 0 in 1e6: ε < 3e-06
}

// The mean work of four trajectories (kT) with its standard error, and a
// Fokker–Planck work with its discretisation error: the same Estimate with
// a different Kind.
func ExampleEstimate() {
	var m stats.Moments
	for _, w := range []float64{0.9, 1.1, 1.0, 1.2} {
		m.Add(w)
	}
	mc := m.Estimate()
	fp := stats.Discretised(1.0213, 4e-4)
	fmt.Println("Monte Carlo:  ", mc)
	fmt.Println("Fokker–Planck:", fp)
	if mc.Has(stats.StandardError) {
		fmt.Printf("work_sem = %.4f, work_err absent: %v\n", mc.Uncertainty, mc.UncertaintyOf(stats.Discretisation) == nil)
	}
	fmt.Println("in eV at 300 K:", mc.Scale(0.025852))
	// Output:
	// Monte Carlo:   1.05 ± 0.065 (standard error)
	// Fokker–Planck: 1.0213 ± 0.0004 (discretisation error)
	// work_sem = 0.0645, work_err absent: true
	// in eV at 300 K: 0.0271446 ± 0.0017 (standard error)
}

// An error rate as an Estimate (the sample proportion and its standard
// error) and as an Interval: a Wilson interval for sampled trajectories,
// value ± discretisation error for a density solution.
func ExampleInterval() {
	fmt.Println(stats.Proportion(3, 1000))
	fmt.Println(stats.WilsonInterval(3, 1000, 0.95))
	fmt.Println(stats.UpperBoundInterval(1_000_000, 0.95))
	fmt.Println(stats.DiscretisationInterval(2e-9, 3e-9, 0, 1))
	// Output:
	// 0.003 ± 0.0017 (standard error)
	// [0.001021, 0.008783] (wilson, 95 %)
	// [0, 2.996e-06] (upper-bound, 95 %)
	// [0, 5e-09] (discretisation)
}
