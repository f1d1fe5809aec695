package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// The methods of an Interval.
const (
	MethodWilson         = "wilson"          // Wilson score interval (Wilson)
	MethodClopperPearson = "clopper-pearson" // exact binomial interval (ClopperPearson)
	MethodUpperBound     = "upper-bound"     // one-sided bound [0, p_up] with no event seen (UpperBoundZero)
	MethodDiscretisation = "discretisation"  // value ± its discretisation error (DiscretisationInterval)
)

// Interval is a range [Low, High] for a quantity, usually a rate
// (dimensionless, in [0, 1]), with the Method that made it and, for a
// confidence interval, its confidence Level (0.95 for 95 %). An interval
// that is not a confidence statement (MethodDiscretisation: value ± a
// numerical error estimate) has Level 0.
type Interval struct {
	Low, High float64
	Level     float64 // confidence level in (0, 1); 0 when not a confidence interval
	Method    string  // MethodWilson, MethodClopperPearson, MethodUpperBound or MethodDiscretisation
}

// Contains reports whether Low ≤ x ≤ High.
func (i Interval) Contains(x float64) bool { return i.Low <= x && x <= i.High }

// String writes "[low, high] (method, level %)", the ends to 4
// significant digits.
func (i Interval) String() string {
	if i.Level == 0 {
		return fmt.Sprintf("[%.4g, %.4g] (%s)", i.Low, i.High, i.Method)
	}
	return fmt.Sprintf("[%.4g, %.4g] (%s, %g %%)", i.Low, i.High, i.Method, 100*i.Level)
}

// WilsonInterval is Wilson(k, n, conf) as an Interval.
func WilsonInterval(k, n int64, conf float64) Interval {
	lo, hi := Wilson(k, n, conf)
	return Interval{Low: lo, High: hi, Level: conf, Method: MethodWilson}
}

// ClopperPearsonInterval is ClopperPearson(k, n, conf) as an Interval.
func ClopperPearsonInterval(k, n int64, conf float64) Interval {
	lo, hi := ClopperPearson(k, n, conf)
	return Interval{Low: lo, High: hi, Level: conf, Method: MethodClopperPearson}
}

// UpperBoundInterval is [0, UpperBoundZero(n, conf)] as an Interval: the
// one-sided bound when no event was seen in n trials.
func UpperBoundInterval(n int64, conf float64) Interval {
	return Interval{Low: 0, High: UpperBoundZero(n, conf), Level: conf, Method: MethodUpperBound}
}

// DiscretisationInterval returns value ± err clipped to the range [min, max]
// the quantity can take ([0, 1] for a probability):
//
//	[max(min, value − err), min(max, value + err)],
//
// of method MethodDiscretisation and Level 0.
func DiscretisationInterval(value, err, min, max float64) Interval {
	return Interval{Low: math.Max(min, value-err), High: math.Min(max, value+err), Method: MethodDiscretisation}
}

// Proportion returns the rate of k events in n trials, p̂ = k/n, with its
// standard error as the sample mean of n indicators (Moments.SEM of k ones
// and n − k zeros):
//
//	p̂ ± √(p̂(1 − p̂)/(n − 1)).
//
// It is 0 when no event (or only events) were seen: use an Interval
// (WilsonInterval, UpperBoundInterval) for a confidence statement about a
// rare event. One trial gives Kind Unknown; invalid counts (n ≤ 0, k < 0,
// k > n) the zero Estimate.
func Proportion(k, n int64) Estimate {
	if !validCount(k, n, 0.5) {
		return Estimate{}
	}
	p := float64(k) / float64(n)
	if n == 1 {
		return Estimate{Value: p}
	}
	return Estimate{Value: p, Uncertainty: math.Sqrt(p * (1 - p) / float64(n-1)), Kind: StandardError}
}

// validCount reports whether k successes in n trials at confidence level conf
// make sense for an interval.
func validCount(k, n int64, conf float64) bool {
	return n > 0 && k >= 0 && k <= n && conf > 0 && conf < 1
}

// Wilson returns the two-sided Wilson score interval for a binomial
// proportion, k events in n trials, at confidence level conf (e.g. 0.95):
//
//	(p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n),  z = Φ⁻¹(1 − (1−conf)/2).
//
// lo is exactly 0 when k = 0 and hi exactly 1 when k = n. Invalid input
// (n ≤ 0, k < 0, k > n, conf not in (0, 1)) gives the uninformative (0, 1).
func Wilson(k, n int64, conf float64) (lo, hi float64) {
	if !validCount(k, n, conf) {
		return 0, 1
	}
	z := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	nf := float64(n)
	p := float64(k) / nf
	z2n := z * z / nf
	center := (p + z2n/2) / (1 + z2n)
	half := z / (1 + z2n) * math.Sqrt(p*(1-p)/nf+z2n/(4*nf))
	lo, hi = math.Max(0, center-half), math.Min(1, center+half)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}

// ClopperPearson returns the exact (conservative) two-sided Clopper–Pearson
// interval for k events in n trials at confidence level conf, from quantiles
// of the beta distribution with α = 1 − conf:
//
//	lo = B⁻¹(α/2; k, n−k+1),  hi = B⁻¹(1−α/2; k+1, n−k).
//
// For k = 0, lo = 0 and hi = 1 − (α/2)^{1/n}; for k = n, lo = (α/2)^{1/n}
// and hi = 1 (closed forms, accurate for any n). For the one-sided bound
// with no event seen, see UpperBoundZero. The beta quantiles come from
// gonum's incomplete beta function, whose relative accuracy falls from about
// 1e-14 at small n to about 1e-6 at n ≈ 1e9: far finer than the statistical
// meaning of the interval. Invalid input (n ≤ 0, k < 0,
// k > n, conf not in (0, 1)) gives (0, 1).
func ClopperPearson(k, n int64, conf float64) (lo, hi float64) {
	if !validCount(k, n, conf) {
		return 0, 1
	}
	alpha := 1 - conf
	nf, kf := float64(n), float64(k)
	if k == 0 {
		lo = 0
	} else if k == n {
		lo = math.Exp(math.Log(alpha/2) / nf)
	} else {
		lo = distuv.Beta{Alpha: kf, Beta: nf - kf + 1}.Quantile(alpha / 2)
	}
	if k == n {
		hi = 1
	} else if k == 0 {
		hi = -math.Expm1(math.Log(alpha/2) / nf)
	} else {
		hi = distuv.Beta{Alpha: kf + 1, Beta: nf - kf}.Quantile(1 - alpha/2)
	}
	return lo, hi
}

// UpperBoundZero returns the one-sided upper confidence bound on a
// probability when no event was seen in n trials: the p at which seeing
// none has probability 1 − conf,
//
//	p_up = 1 − (1 − conf)^{1/n}  ≈ −ln(1 − conf)/n,
//
// which is the "rule of three" (3/n) at conf = 0.95. Invalid input (n ≤ 0,
// conf not in (0, 1)) gives 1.
func UpperBoundZero(n int64, conf float64) float64 {
	if !validCount(0, n, conf) {
		return 1
	}
	return -math.Expm1(math.Log1p(-conf) / float64(n))
}
