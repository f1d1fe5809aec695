package stats

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// Merged block histograms equal the histogram of all values, in any merge
// order, and the bins hold what they say.
func TestHistogram(t *testing.T) {
	const width = 0.1 // the erasure work histogram's bins (kT)
	r := rand.New(rand.NewPCG(1, 2))
	all, a, b := Histogram{Width: width}, Histogram{Width: width}, Histogram{Width: width}
	for i := range 3000 {
		x := 5 * r.NormFloat64()
		all.Add(x)
		if i%3 == 0 {
			a.Add(x)
		} else {
			b.Add(x)
		}
	}
	var ab, ba Histogram
	ab.Merge(a)
	ab.Merge(b)
	ba.Merge(b)
	ba.Merge(a)
	if !reflect.DeepEqual(ab, all) || !reflect.DeepEqual(ba, all) {
		t.Error("merged histograms differ from the histogram of all values")
	}
	if all.N() != 3000 {
		t.Errorf("N = %d, want 3000", all.N())
	}
	h := Histogram{Width: width}
	for _, x := range []float64{0.05, 0.15, -0.05, 0.1, math.Inf(1), math.NaN()} {
		h.Add(x)
	}
	e := h.Edges()
	if h.First != -1 || !reflect.DeepEqual(h.Counts, []int64{1, 1, 2}) || h.Above != 1 || h.Below != 1 ||
		math.Abs(e[0]+0.1) > 1e-15 || math.Abs(e[3]-0.2) > 1e-15 {
		t.Errorf("histogram of -0.05, 0.05, 0.1, 0.15, +Inf, NaN: %+v, edges %v", h, e)
	}
}
