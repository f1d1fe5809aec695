// Package stats holds the statistics of landauer: streaming moments
// (Welford, mergeable in a fixed order for reproducible parallel
// reductions), the log of a mean of exponentials (Jarzynski averages),
// fixed-width histograms, binomial confidence intervals (Wilson,
// Clopper–Pearson, the one-sided bound at zero events), and the words for
// reporting a number with its uncertainty: Estimate (a value, its
// uncertainty and the uncertainty's Kind) and Interval (a range for a rate,
// with its method and level).
//
// The package imports nothing of landauer. Quantities carry the units of
// the values added to them; the package itself is unit-free.
//
// # Absent
//
// A quantity that does not exist (a standard error of a single value, a
// Fokker–Planck number in a Monte Carlo result) is absent: a nil
// *Estimate or *float64 in Go, and missing (null or an empty cell) in
// output. An Estimate whose uncertainty is not known has Kind Unknown and
// Uncertainty 0; it never holds NaN.
package stats
