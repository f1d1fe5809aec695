package stats

import (
	"math"
	"testing"
)

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
