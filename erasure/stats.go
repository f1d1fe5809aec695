package erasure

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Moments accumulates the count, mean and variance of a stream of values
// with Welford's update. The zero value is an empty accumulator.
//
// Partial accumulators combine with Merge (Chan, Golub & LeVeque's parallel
// formula); merging the same partials in the same order gives the same bits,
// so block results merged in block order are reproducible. The fields are
// exported so that a partial can be checkpointed to JSON and restored
// exactly (encoding/json writes float64 values so that they read back
// bit for bit); they must be finite for that.
type Moments struct {
	Count int64   `json:"n"`    // number of values
	Avg   float64 `json:"mean"` // running mean
	M2    float64 `json:"m2"`   // sum of squared deviations from the mean
}

// Add adds the value x.
func (m *Moments) Add(x float64) {
	m.Count++
	d := x - m.Avg
	m.Avg += d / float64(m.Count)
	m.M2 += d * (x - m.Avg)
}

// Merge adds all the values accumulated in o.
func (m *Moments) Merge(o Moments) {
	switch {
	case o.Count == 0:
		return
	case m.Count == 0:
		*m = o
		return
	}
	na, nb := float64(m.Count), float64(o.Count)
	n := na + nb
	d := o.Avg - m.Avg
	m.Avg += d * nb / n
	m.M2 += o.M2 + d*d*na*nb/n
	m.Count += o.Count
}

// N returns the number of values.
func (m Moments) N() int64 { return m.Count }

// Mean returns the sample mean, NaN when there are no values.
func (m Moments) Mean() float64 {
	if m.Count == 0 {
		return math.NaN()
	}
	return m.Avg
}

// Var returns the unbiased sample variance M2/(n−1), NaN for fewer than two
// values.
func (m Moments) Var() float64 {
	if m.Count < 2 {
		return math.NaN()
	}
	return m.M2 / float64(m.Count-1)
}

// SEM returns the standard error of the mean √(Var/n), NaN for fewer than
// two values.
func (m Moments) SEM() float64 {
	return math.Sqrt(m.Var() / float64(m.Count))
}

// LogMeanExp accumulates ln((1/n) Σ e^{a_i}) without overflow or underflow,
// by keeping the sums relative to the largest a_i seen (Shift). The zero
// value is an empty accumulator.
//
// It serves the Jarzynski estimate ΔF = −ln⟨e^{−W}⟩ (add a = −W) and its
// detailed form ln⟨e^{−W} 1[x_τ ∈ target]⟩ (PHYSICS.md §3): add −W for the
// trajectories that end in the target and call AddMiss for the others, so
// that they count in n with a zero term.
//
// Like Moments, partials merge deterministically and the exported fields
// round-trip exactly through encoding/json (as long as they are finite:
// never add NaN or +Inf).
type LogMeanExp struct {
	Count int64   `json:"n"`     // number of values, misses included
	Terms int64   `json:"terms"` // number of values with a term e^{a}
	Shift float64 `json:"shift"` // largest a among the terms (0 when none)
	Sum   float64 `json:"sum"`   // Σ e^{a_i − Shift}
	SumSq float64 `json:"sumsq"` // Σ e^{2(a_i − Shift)}
}

// Add adds the term e^a. a = −Inf is a zero term, the same as AddMiss.
func (l *LogMeanExp) Add(a float64) {
	if math.IsInf(a, -1) {
		l.AddMiss()
		return
	}
	l.Count++
	l.Terms++
	switch {
	case l.Terms == 1:
		l.Sum, l.SumSq, l.Shift = 1, 1, a
		return
	case a > l.Shift:
		s := math.Exp(l.Shift - a)
		l.Sum, l.SumSq, l.Shift = l.Sum*s+1, l.SumSq*s*s+1, a
		return
	}
	e := math.Exp(a - l.Shift)
	l.Sum += e
	l.SumSq += e * e
}

// AddMiss counts one value with a zero term (e^a with a = −Inf).
func (l *LogMeanExp) AddMiss() { l.Count++ }

// Merge adds all the values accumulated in o.
func (l *LogMeanExp) Merge(o LogMeanExp) {
	switch {
	case o.Terms == 0:
		l.Count += o.Count
		return
	case l.Terms == 0:
		o.Count += l.Count
		*l = o
		return
	}
	if o.Shift > l.Shift {
		s := math.Exp(l.Shift - o.Shift)
		l.Sum, l.SumSq, l.Shift = l.Sum*s, l.SumSq*s*s, o.Shift
	}
	s := math.Exp(o.Shift - l.Shift)
	l.Sum += o.Sum * s
	l.SumSq += o.SumSq * s * s
	l.Count += o.Count
	l.Terms += o.Terms
}

// N returns the number of values, misses included.
func (l LogMeanExp) N() int64 { return l.Count }

// Value returns ln((1/n) Σ e^{a_i}): −Inf when no term was added (only
// misses, or nothing at all).
func (l LogMeanExp) Value() float64 {
	if l.Terms == 0 {
		return math.Inf(-1)
	}
	return l.Shift + math.Log(l.Sum) - math.Log(float64(l.Count))
}

// SEM returns the standard error of Value by the delta method: the standard
// error of the mean of e^{a} (misses as zeros) divided by that mean. NaN for
// fewer than two values or no term. It is only meaningful when the average
// is not dominated by a few rare terms, which for an erasure it often is
// (PHYSICS.md §3).
func (l LogMeanExp) SEM() float64 {
	if l.Count < 2 || l.Terms == 0 {
		return math.NaN()
	}
	n := float64(l.Count)
	mean := l.Sum / n
	v := (l.SumSq/n - mean*mean) * n / (n - 1)
	if v < 0 { // rounding, when all terms are equal
		v = 0
	}
	return math.Sqrt(v/n) / mean
}

// EffectiveSamples returns Kish's effective sample size of the terms,
// (Σ e^{a_i})² / Σ e^{2a_i}: n when all terms are equal, near 1 when one
// term dominates. Below a few hundred the delta-method SEM is itself
// unreliable (typically too small: the largest weights are the rarest).
// 0 when no term was added.
func (l LogMeanExp) EffectiveSamples() float64 {
	if l.Terms == 0 || !(l.SumSq > 0) {
		return 0
	}
	return l.Sum * l.Sum / l.SumSq
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
