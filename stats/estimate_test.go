package stats

import (
	"math"
	"testing"
)

// Moments.Estimate is the mean ± SEM; one value has no standard error
// (Unknown, never NaN), none gives the zero Estimate.
func TestMomentsEstimate(t *testing.T) {
	var m Moments
	if e := m.Estimate(); e != (Estimate{}) {
		t.Errorf("empty: %+v, want the zero Estimate", e)
	}
	m.Add(2.5)
	if e := m.Estimate(); e != (Estimate{Value: 2.5}) {
		t.Errorf("one value: %+v, want {2.5 0 Unknown}", e)
	}
	m.Add(4.5) // mean 3.5, Var 2, SEM 1
	if e := m.Estimate(); e != (Estimate{Value: 3.5, Uncertainty: 1, Kind: StandardError}) {
		t.Errorf("2.5, 4.5: %+v, want 3.5 ± 1 standard error", e)
	}
	if e := Mean(3, math.NaN()); e != (Estimate{Value: 3}) {
		t.Errorf("Mean(3, NaN) = %+v, want Unknown", e)
	}
	if e := Mean(3, math.Inf(1)); e.Kind != Unknown || e.Uncertainty != 0 {
		t.Errorf("Mean(3, +Inf) = %+v, want Unknown", e)
	}
}

func TestEstimateScaleAndKinds(t *testing.T) {
	e := Discretised(2, 0.5).Scale(-3)
	if e != (Estimate{Value: -6, Uncertainty: 1.5, Kind: Discretisation}) {
		t.Errorf("(2 ± 0.5)·(−3) = %+v, want −6 ± 1.5 discretisation", e)
	}
	if !e.Has(Discretisation) || e.Has(StandardError) {
		t.Errorf("Has: %+v", e)
	}
	if e.DiscretisationError() != 1.5 || e.StandardError() != 0 {
		t.Errorf("DiscretisationError, StandardError = %v, %v; want 1.5, 0", e.DiscretisationError(), e.StandardError())
	}
	if m := Mean(1, 0.25); m.StandardError() != 0.25 || m.DiscretisationError() != 0 {
		t.Errorf("Mean(1, 0.25): StandardError, DiscretisationError = %v, %v; want 0.25, 0", m.StandardError(), m.DiscretisationError())
	}
	if p := e.UncertaintyOf(Discretisation); p == nil || *p != 1.5 {
		t.Errorf("UncertaintyOf(Discretisation) = %v, want 1.5", p)
	}
	if p := e.UncertaintyOf(StandardError); p != nil {
		t.Errorf("UncertaintyOf(StandardError) = %v, want nil", *p)
	}
	for k, want := range map[Kind]string{Unknown: "unknown", StandardError: "standard error",
		Discretisation: "discretisation error", Exact: "exact", 9: "Kind(9)"} {
		if k.String() != want {
			t.Errorf("Kind %d: %q, want %q", k, k.String(), want)
		}
	}
	for _, c := range []struct {
		e    Estimate
		want string
	}{
		{Estimate{Value: 1.5}, "1.5"},
		{Estimate{Value: 0.5, Kind: Exact}, "0.5 (exact)"},
		{Mean(1.25, 0.0123), "1.25 ± 0.012 (standard error)"},
	} {
		if got := c.e.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.e, got, c.want)
		}
	}
}

// Proportion's standard error is that of the mean of the indicators.
func TestProportion(t *testing.T) {
	var m Moments
	for i := range 1000 {
		if i%97 == 0 {
			m.Add(1)
		} else {
			m.Add(0)
		}
	}
	k := int64(math.Round(m.Mean() * 1000))
	p := Proportion(k, 1000)
	if p.Kind != StandardError || !closeRel(p.Value, m.Mean(), 1e-15) || !closeRel(p.Uncertainty, m.SEM(), 1e-12) {
		t.Errorf("Proportion(%d, 1000) = %+v, want %v ± %v", k, p, m.Mean(), m.SEM())
	}
	if p := Proportion(0, 1000); p != (Estimate{Kind: StandardError}) {
		t.Errorf("Proportion(0, 1000) = %+v, want 0 ± 0", p)
	}
	if p := Proportion(1, 1); p != (Estimate{Value: 1}) {
		t.Errorf("Proportion(1, 1) = %+v, want 1 with Unknown uncertainty", p)
	}
	for _, c := range [][2]int64{{0, 0}, {-1, 5}, {6, 5}} {
		if p := Proportion(c[0], c[1]); p != (Estimate{}) {
			t.Errorf("Proportion(%d, %d) = %+v, want the zero Estimate", c[0], c[1], p)
		}
	}
}

func TestIntervals(t *testing.T) {
	lo, hi := Wilson(3, 1000, 0.95)
	if w := WilsonInterval(3, 1000, 0.95); w != (Interval{lo, hi, 0.95, MethodWilson}) {
		t.Errorf("WilsonInterval = %+v", w)
	}
	lo, hi = ClopperPearson(3, 1000, 0.9)
	if c := ClopperPearsonInterval(3, 1000, 0.9); c != (Interval{lo, hi, 0.9, MethodClopperPearson}) {
		t.Errorf("ClopperPearsonInterval = %+v", c)
	}
	if u := UpperBoundInterval(1000, 0.95); u.Low != 0 || u.High != UpperBoundZero(1000, 0.95) || u.Method != MethodUpperBound {
		t.Errorf("UpperBoundInterval = %+v", u)
	}
	d := DiscretisationInterval(0.3, 0.1, 0, 1)
	if !closeRel(d.Low, 0.2, 1e-15) || !closeRel(d.High, 0.4, 1e-15) || d.Level != 0 || d.Method != MethodDiscretisation {
		t.Errorf("0.3 ± 0.1 = %+v", d)
	}
	if d := DiscretisationInterval(0.95, 0.1, 0, 1); d.High != 1 || !d.Contains(1) || d.Contains(0.8) {
		t.Errorf("0.95 ± 0.1 in [0, 1] = %+v", d)
	}
}

// A zero-width histogram takes the width of what is merged into it; Add
// without a width and merging different widths are programming errors.
func TestHistogramWidth(t *testing.T) {
	src := Histogram{Width: 0.5}
	src.Add(1.2)
	var total Histogram
	total.Merge(Histogram{}) // empty: nothing, width stays unset
	total.Merge(src)
	if total.Width != 0.5 || total.N() != 1 || total.First != 2 {
		t.Errorf("merged into zero value: %+v", total)
	}
	panics := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	panics("Add with Width 0", func() { var h Histogram; h.Add(1) })
	panics("Merge of widths 0.5 and 0.1", func() { h := Histogram{Width: 0.1}; h.Add(0); h.Merge(src) })
	var nf Histogram // non-finite values need no width
	nf.Add(math.NaN())
	nf.Add(math.Inf(1))
	if nf.Below != 1 || nf.Above != 1 || nf.N() != 2 {
		t.Errorf("non-finite: %+v", nf)
	}
}
