package stats

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// logMeanExpDirect is ln((1/n) Σ e^{a_i}) by gonum's floats.LogSumExp.
func logMeanExpDirect(as []float64, n int) float64 {
	return floats.LogSumExp(as) - math.Log(float64(n))
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
