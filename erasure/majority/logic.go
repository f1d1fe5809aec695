package majority

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/root"
)

// checkUnits reports whether n is a usable number of units (odd, ≥ 1).
func checkUnits(n int) error {
	if n < 1 || n%2 == 0 {
		return fmt.Errorf("majority: the number of units must be odd and ≥ 1, got %d", n)
	}
	return nil
}

// LogicalError returns the probability that the majority of n independent
// units (n odd) is wrong when each is wrong with probability eps:
//
//	ε_L = Σ_{k=(n+1)/2}^{n} C(n,k) ε^k (1 − ε)^{n−k}.
//
// The terms are summed in logarithms, so the result keeps its relative
// accuracy for eps down to the smallest normal numbers. For n = 1 it is
// eps; for n = 3, 3ε² − 2ε³. NaN when n is even or < 1, or eps is outside
// [0, 1].
func LogicalError(n int, eps float64) float64 {
	if checkUnits(n) != nil || !(eps >= 0 && eps <= 1) {
		return math.NaN()
	}
	switch {
	case n == 1:
		return eps
	case eps == 0:
		return 0
	case eps == 1:
		return 1
	case eps > 0.5:
		// P(majority wrong | ε) = P(majority right | 1 − ε).
		return 1 - LogicalError(n, 1-eps)
	}
	le, l1e := math.Log(eps), math.Log1p(-eps)
	m := (n + 1) / 2
	// The largest term is the first (k = m) for ε ≤ ½.
	top := lnBinom(n, m) + float64(m)*le + float64(n-m)*l1e
	var sum float64
	for k := m; k <= n; k++ {
		sum += math.Exp(lnBinom(n, k) + float64(k)*le + float64(n-k)*l1e - top)
	}
	return math.Exp(top) * sum
}

// UnitErrorFor returns the unit error ε_u at which a majority bit of n
// units has the logical error logical, the inverse of LogicalError on
// [0, ½]. It is at least logical (majority voting never hurts below ½).
func UnitErrorFor(n int, logical float64) (float64, error) {
	if err := checkUnits(n); err != nil {
		return 0, err
	}
	if !(logical >= 0 && logical <= 0.5) {
		return 0, fmt.Errorf("majority: logical error must be in [0, 0.5], got %v", logical)
	}
	if logical == 0 || logical == 0.5 || n == 1 {
		return logical, nil
	}
	// Bisect in ln ε on [ln logical, ln ½]: LogicalError(n, ε) ≤ ε there.
	lo, hi, err := root.Bisect(math.Log(logical), math.Log(0.5), 1e-15, 200, func(x float64) (bool, error) {
		return LogicalError(n, math.Exp(x)) < logical, nil
	})
	if err != nil {
		return 0, fmt.Errorf("majority: unit error for %v: %w", logical, err)
	}
	return math.Exp(0.5 * (lo + hi)), nil
}

// QuasiStaticCost returns the least mean work, in kT, to erase a majority
// bit of n independent units, each starting as an equilibrium 50/50 bit,
// to the logical error logical: every unit must reach ε_u =
// UnitErrorFor(n, logical), and Landauer's bound with error applies to
// each,
//
//	W_bit ≥ n [ln 2 − H(ε_u)].
//
// Quasi-static protocols reach it. For n = 1 it is ln 2 − H(ε_L), the bound
// of a single unit; for small ε_L the ratio of the two is about n.
func QuasiStaticCost(n int, logical float64) (float64, error) {
	eu, err := UnitErrorFor(n, logical)
	if err != nil {
		return 0, err
	}
	return float64(n) * erasure.LandauerBound(eu), nil
}
