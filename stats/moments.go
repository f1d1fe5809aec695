package stats

import "math"

// Moments accumulates the count, mean and variance of a stream of values
// with Welford's update: for the n-th value x,
//
//	d = x − x̄_{n−1},  x̄_n = x̄_{n−1} + d/n,  M2_n = M2_{n−1} + d (x − x̄_n),
//
// so that M2 = Σ (x_i − x̄)². The zero value is an empty accumulator. The
// mean has the unit of the values, M2 and Var their square.
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

// Merge adds all the values accumulated in o (Chan, Golub & LeVeque): with
// δ = x̄_o − x̄ and n = n_a + n_b,
//
//	x̄ ← x̄ + δ n_b/n,  M2 ← M2 + M2_o + δ² n_a n_b/n.
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

// Estimate returns the sample mean with its standard error (Kind
// StandardError); with a single value the mean has no standard error and
// the Kind is Unknown (Uncertainty 0). With no values it returns the zero
// Estimate (check N first: the mean of nothing is undefined).
func (m Moments) Estimate() Estimate {
	switch {
	case m.Count == 0:
		return Estimate{}
	case m.Count == 1:
		return Estimate{Value: m.Avg}
	}
	return Estimate{Value: m.Avg, Uncertainty: m.SEM(), Kind: StandardError}
}
