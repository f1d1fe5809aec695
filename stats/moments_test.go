package stats

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// closeRel reports whether got is within rel (relative) of want.
func closeRel(got, want, rel float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), math.Abs(got))
}

func sample(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = 3 + 2*r.NormFloat64()
	}
	return xs
}

// twoPass is gonum's two-pass (corrected) mean and unbiased variance.
func twoPass(xs []float64) (mean, variance float64) {
	return stat.MeanVariance(xs, nil)
}

func TestMomentsAddMatchesTwoPass(t *testing.T) {
	xs := sample(1000, 7)
	var m Moments
	for _, x := range xs {
		m.Add(x)
	}
	mean, variance := twoPass(xs)
	if m.N() != 1000 || !closeRel(m.Mean(), mean, 1e-13) || !closeRel(m.Var(), variance, 1e-12) {
		t.Fatalf("got n=%d mean=%v var=%v, want 1000 %v %v", m.N(), m.Mean(), m.Var(), mean, variance)
	}
	if want := math.Sqrt(variance / 1000); !closeRel(m.SEM(), want, 1e-12) {
		t.Errorf("SEM = %v, want %v", m.SEM(), want)
	}
}

func TestMomentsMergeInBlocks(t *testing.T) {
	xs := sample(1003, 8)
	blocks := func() []Moments {
		var bs []Moments
		for lo := 0; lo < len(xs); lo += 100 {
			var b Moments
			for _, x := range xs[lo:min(lo+100, len(xs))] {
				b.Add(x)
			}
			bs = append(bs, b)
		}
		return append(bs, Moments{}) // an empty block merges as nothing
	}
	merge := func(bs []Moments) Moments {
		var m Moments
		for _, b := range bs {
			m.Merge(b)
		}
		return m
	}
	a, b := merge(blocks()), merge(blocks())
	if a != b {
		t.Fatalf("merging the same blocks twice differs: %+v vs %+v", a, b)
	}
	mean, variance := twoPass(xs)
	if a.N() != 1003 || !closeRel(a.Mean(), mean, 1e-13) || !closeRel(a.Var(), variance, 1e-12) {
		t.Fatalf("merged n=%d mean=%v var=%v, want 1003 %v %v", a.N(), a.Mean(), a.Var(), mean, variance)
	}
}

func TestMomentsFewValues(t *testing.T) {
	var m Moments
	if !math.IsNaN(m.Mean()) || !math.IsNaN(m.Var()) || !math.IsNaN(m.SEM()) || m.N() != 0 {
		t.Errorf("empty: n=%d mean=%v var=%v sem=%v, want 0 NaN NaN NaN", m.N(), m.Mean(), m.Var(), m.SEM())
	}
	m.Add(2.5)
	if m.Mean() != 2.5 || !math.IsNaN(m.Var()) || !math.IsNaN(m.SEM()) {
		t.Errorf("one value: mean=%v var=%v sem=%v, want 2.5 NaN NaN", m.Mean(), m.Var(), m.SEM())
	}
	var e Moments
	e.Merge(m)
	if e != m {
		t.Errorf("empty.Merge(m) = %+v, want %+v", e, m)
	}
	m.Add(4.5)
	if m.Mean() != 3.5 || m.Var() != 2 || m.SEM() != 1 {
		t.Errorf("2.5, 4.5: mean=%v var=%v sem=%v, want 3.5 2 1", m.Mean(), m.Var(), m.SEM())
	}
}

func TestMomentsJSONRoundTrip(t *testing.T) {
	var m Moments
	for _, x := range sample(37, 9) {
		m.Add(x)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Moments
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back != m {
		t.Errorf("round trip %s: got %+v, want %+v", data, back, m)
	}
}
