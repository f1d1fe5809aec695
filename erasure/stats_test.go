package erasure

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
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

func twoPass(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
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

func logMeanExpDirect(as []float64, n int) float64 {
	var s float64
	for _, a := range as {
		s += math.Exp(a)
	}
	return math.Log(s / float64(n))
}

func TestLogMeanExpValue(t *testing.T) {
	as := sample(500, 10)
	var l LogMeanExp
	for _, a := range as {
		l.Add(a)
	}
	if want := logMeanExpDirect(as, len(as)); l.N() != 500 || !closeRel(l.Value(), want, 1e-13) {
		t.Errorf("n=%d value=%v, want 500 %v", l.N(), l.Value(), want)
	}

	// Huge and tiny exponents: no overflow, no underflow.
	for _, shift := range []float64{1000, -1000} {
		var h LogMeanExp
		h.Add(shift)
		h.Add(shift + 1)
		h.Add(shift - 800) // underflows relative to the others: fine
		want := shift + math.Log((1+math.E)/3)
		if !closeRel(h.Value(), want, 1e-14) {
			t.Errorf("shift %v: value=%v, want %v", shift, h.Value(), want)
		}
	}
}

func TestLogMeanExpMisses(t *testing.T) {
	var l LogMeanExp
	if v := l.Value(); !math.IsInf(v, -1) {
		t.Errorf("empty value = %v, want -Inf", v)
	}
	l.AddMiss()
	l.Add(math.Inf(-1))
	if v := l.Value(); !math.IsInf(v, -1) || l.N() != 2 {
		t.Errorf("misses only: value=%v n=%d, want -Inf 2", v, l.N())
	}
	l.Add(math.Log(3)) // mean of e^a over (0, 0, 3) is 1
	if v := l.Value(); math.Abs(v) > 1e-15 || l.N() != 3 {
		t.Errorf("value=%v n=%d, want 0 3", v, l.N())
	}
}

func TestLogMeanExpMergeAndSEM(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2))
	var parts []LogMeanExp
	var all LogMeanExp
	var es []float64 // e^{a}, misses as zeros
	for b := range 7 {
		var p LogMeanExp
		for range 50 {
			if b == 3 || r.Float64() < 0.3 { // block 3 only misses
				p.AddMiss()
				all.AddMiss()
				es = append(es, 0)
				continue
			}
			a := -2 + float64(b) + r.NormFloat64() // later blocks have larger terms
			p.Add(a)
			all.Add(a)
			es = append(es, math.Exp(a))
		}
		parts = append(parts, p)
	}
	parts = append(parts, LogMeanExp{})
	var m, m2 LogMeanExp
	for _, p := range parts {
		m.Merge(p)
		m2.Merge(p)
	}
	if m != m2 {
		t.Fatalf("merging twice differs: %+v vs %+v", m, m2)
	}
	if m.N() != all.N() || m.Terms != all.Terms || !closeRel(m.Value(), all.Value(), 1e-13) {
		t.Fatalf("merged %+v, want as added %+v", m, all)
	}
	var mo Moments
	for _, e := range es {
		mo.Add(e)
	}
	if want := math.Log(mo.Mean()); !closeRel(m.Value(), want, 1e-13) {
		t.Errorf("value %v, want %v", m.Value(), want)
	}
	if want := mo.SEM() / mo.Mean(); !closeRel(m.SEM(), want, 1e-10) {
		t.Errorf("SEM %v, want %v", m.SEM(), want)
	}

	var one LogMeanExp
	one.Add(1)
	if !math.IsNaN(one.SEM()) {
		t.Errorf("SEM of one value = %v, want NaN", one.SEM())
	}
	one.Add(1)
	if one.SEM() != 0 {
		t.Errorf("SEM of two equal values = %v, want 0", one.SEM())
	}
}

func TestLogMeanExpJSONRoundTrip(t *testing.T) {
	var l LogMeanExp
	for _, a := range sample(20, 12) {
		l.Add(-a * 7)
	}
	l.AddMiss()
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back LogMeanExp
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back != l {
		t.Errorf("round trip %s: got %+v, want %+v", data, back, l)
	}
}

func TestWilson(t *testing.T) {
	for _, c := range []struct {
		k, n   int64
		conf   float64
		lo, hi float64
	}{ // references: the formula in 40-digit arithmetic (mpmath)
		{1, 10, 0.95, 0.0178762130950729, 0.404150026795238},
		{5, 10, 0.95, 0.236593090512564, 0.763406909487436},
		{3, 1000, 0.95, 0.00102078388113862, 0.00878301405350317},
		{9, 10, 0.9, 0.652281332664142, 0.977365091269133},
		{2, 1e9, 0.99, 3.9045566528254e-10, 1.02444408651772e-8},
		{0, 10, 0.95, 0, 0.277532799862889},
		{10, 10, 0.95, 1 - 0.277532799862889, 1},
	} {
		lo, hi := Wilson(c.k, c.n, c.conf)
		if !closeRel(lo, c.lo, 1e-9) || !closeRel(hi, c.hi, 1e-9) {
			t.Errorf("Wilson(%d, %d, %v) = (%v, %v), want (%v, %v)", c.k, c.n, c.conf, lo, hi, c.lo, c.hi)
		}
	}
}

func TestClopperPearson(t *testing.T) {
	for _, c := range []struct {
		k, n   int64
		conf   float64
		lo, hi float64
		rel    float64
	}{ // references: binomial tails inverted in 40-digit arithmetic (mpmath)
		{1, 10, 0.95, 0.00252857854446179, 0.445016117028195, 1e-9},
		{5, 10, 0.95, 0.187086028447399, 0.812913971552601, 1e-9},
		{3, 1000, 0.95, 0.000619099931649571, 0.0087420232384783, 1e-9},
		{9, 10, 0.9, 0.605836697563495, 0.994883803108176, 1e-9},
		{2, 1e6, 0.95, 2.42209370316003e-7, 7.22466879438032e-6, 1e-6},
		{7, 1e7, 0.95, 2.81436349979694e-7, 1.4422670008961e-6, 1e-5},
		// gonum's incomplete beta loses digits at huge n; 1e-5 is ample here.
		{2, 1e9, 0.99, 1.03494546794483e-10, 9.27379205552773e-9, 1e-5},
		{0, 1e6, 0.95, 0, 3.68887265020649e-6, 1e-12},
		{1e6, 1e6, 0.95, 1 - 3.68887265020649e-6, 1, 1e-12},
	} {
		lo, hi := ClopperPearson(c.k, c.n, c.conf)
		if !closeRel(lo, c.lo, c.rel) || !closeRel(hi, c.hi, c.rel) {
			t.Errorf("ClopperPearson(%d, %d, %v) = (%v, %v), want (%v, %v)", c.k, c.n, c.conf, lo, hi, c.lo, c.hi)
		}
	}
	// k = 0 in closed form agrees with the beta quantile route (k = 1 mirrored).
	lo, _ := ClopperPearson(9, 10, 0.95)
	_, hi := ClopperPearson(1, 10, 0.95)
	if !closeRel(lo, 1-hi, 1e-12) {
		t.Errorf("mirror: lo(9/10) = %v, 1 − hi(1/10) = %v", lo, 1-hi)
	}
}

func TestUpperBoundZero(t *testing.T) {
	if got, want := UpperBoundZero(1e6, 0.95), 2.99572778635254e-6; !closeRel(got, want, 1e-12) {
		t.Errorf("UpperBoundZero(1e6, 0.95) = %v, want %v (rule of three)", got, want)
	}
	if got := UpperBoundZero(1, 0.95); !closeRel(got, 0.95, 1e-15) {
		t.Errorf("UpperBoundZero(1, 0.95) = %v, want 0.95", got)
	}
	// One-sided at conf is below two-sided at conf.
	if _, hi := ClopperPearson(0, 1000, 0.95); !(UpperBoundZero(1000, 0.95) < hi) {
		t.Errorf("one-sided bound %v not below two-sided %v", UpperBoundZero(1000, 0.95), hi)
	}
}

func TestIntervalsBadInput(t *testing.T) {
	for _, c := range []struct {
		k, n int64
		conf float64
	}{
		{0, 0, 0.95}, {1, -1, 0.95}, {-1, 10, 0.95}, {11, 10, 0.95},
		{1, 10, 0}, {1, 10, 1}, {1, 10, -0.5}, {1, 10, math.NaN()},
	} {
		if lo, hi := Wilson(c.k, c.n, c.conf); lo != 0 || hi != 1 {
			t.Errorf("Wilson(%d, %d, %v) = (%v, %v), want (0, 1)", c.k, c.n, c.conf, lo, hi)
		}
		if lo, hi := ClopperPearson(c.k, c.n, c.conf); lo != 0 || hi != 1 {
			t.Errorf("ClopperPearson(%d, %d, %v) = (%v, %v), want (0, 1)", c.k, c.n, c.conf, lo, hi)
		}
		if c.k == 0 || c.k == 1 { // UpperBoundZero has no k
			if u := UpperBoundZero(c.n, c.conf); (c.n <= 0 || !(c.conf > 0 && c.conf < 1)) && u != 1 {
				t.Errorf("UpperBoundZero(%d, %v) = %v, want 1", c.n, c.conf, u)
			}
		}
	}
}

// EffectiveSamples is Kish's (Σw)²/Σw²: n for equal weights, and for one
// weight e^{a} among n−1 unit ones (1·(n−1) + e^a)²/((n−1) + e^{2a}).
func TestLogMeanExpEffectiveSamples(t *testing.T) {
	var l LogMeanExp
	if l.EffectiveSamples() != 0 {
		t.Fatalf("empty: %v, want 0", l.EffectiveSamples())
	}
	for range 1000 {
		l.Add(0.3)
	}
	l.AddMiss() // a miss is a zero weight: it does not count
	if got := l.EffectiveSamples(); math.Abs(got-1000) > 1e-9 {
		t.Errorf("equal weights: %v, want 1000", got)
	}
	l.Add(10) // one weight e^{9.7} times the others
	w := math.Exp(9.7)
	want := (1000 + w) * (1000 + w) / (1000 + w*w)
	if got := l.EffectiveSamples(); math.Abs(got-want) > 1e-9*want {
		t.Errorf("one dominant weight: %v, want %v", got, want)
	}
}

// A check off by many standard errors is reported, unless its weights have
// too few effective samples for their standard error to be trusted.
func TestWarningsNeedEffectiveSamples(t *testing.T) {
	r := &Result{Dt: 1e-3, Checks: map[string]Check{
		CheckDetailedJarzynski: {Value: 0.2, SEM: 0.05, Expected: 0.5, Z: -6, EffectiveSamples: 12},
	}}
	if w := r.Warnings(); len(w) != 0 {
		t.Errorf("warned on a check with 12 effective samples: %q", w)
	}
	c := r.Checks[CheckDetailedJarzynski]
	c.EffectiveSamples = 5000
	r.Checks[CheckDetailedJarzynski] = c
	if w := r.Warnings(); len(w) != 1 {
		t.Errorf("no warning on a check 6 SE off with 5000 effective samples: %q", w)
	}
}
