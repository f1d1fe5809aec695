package stats

import "math"

// LogMeanExp accumulates
//
//	ln((1/n) Σ e^{a_i}) = s + ln Σ e^{a_i − s} − ln n,  s = max_i a_i,
//
// without overflow or underflow, by keeping the sums relative to the
// largest a_i seen (Shift): the streaming form of gonum's
// floats.LogSumExp, which needs all the terms at once. The a_i are
// dimensionless (for an erasure, −W/kT). The zero value is an empty
// accumulator.
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
// error of the mean of w = e^{a} (misses as zeros) divided by that mean,
//
//	SE[ln w̄] ≈ SE[w̄]/w̄ = √(Var(w)/n)/w̄.
//
// NaN for
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
//
//	n_eff = (Σ w_i)² / Σ w_i²,  w_i = e^{a_i},
//
// n when all terms are equal, near 1 when one term dominates. Below a few hundred the delta-method SEM is itself
// unreliable (typically too small: the largest weights are the rarest).
// 0 when no term was added.
func (l LogMeanExp) EffectiveSamples() float64 {
	if l.Terms == 0 || !(l.SumSq > 0) {
		return 0
	}
	return l.Sum * l.Sum / l.SumSq
}
