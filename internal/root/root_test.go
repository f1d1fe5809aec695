package root

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
)

// TestRootSqrt2 finds √2 as the zero of x² − 2 on [1, 2], to a tolerance
// and to the last bit, rising and falling.
func TestRootSqrt2(t *testing.T) {
	for _, tol := range []float64{1e-6, 1e-12, 0} {
		for _, sign := range []float64{1, -1} {
			x, err := Root(func(x float64) float64 { return sign * (x*x - 2) }, 1, 2, tol, 200)
			if err != nil {
				t.Fatal(err)
			}
			// The midpoint of a bracket of width ≤ max(tol, ulp) is within
			// half of it, plus the ulp of the rounding of x² − 2 near √2.
			lim := math.Max(tol, 0x1p-52)/2 + 0x1p-52
			if math.Abs(x-math.Sqrt2) > lim {
				t.Errorf("tol %v, sign %v: x = %v, |x − √2| = %.2g > %.2g", tol, sign, x, math.Abs(x-math.Sqrt2), lim)
			}
		}
	}
}

// TestRootRefuses checks the refusals: an unbracketed interval, NaN at an
// end or inside, bad arguments.
func TestRootRefuses(t *testing.T) {
	sq := func(x float64) float64 { return x*x - 2 }
	if _, err := Root(sq, 2, 3, 1e-9, 100); !errors.Is(err, ErrNoBracket) {
		t.Errorf("[2, 3]: err = %v, want ErrNoBracket", err)
	}
	nanEnd := func(x float64) float64 { return math.Log(x) }
	if _, err := Root(nanEnd, -1, 2, 1e-9, 100); err == nil {
		t.Error("NaN at an end: no error")
	}
	nanIn := func(x float64) float64 {
		if x > 0.2 && x < 0.8 {
			return math.NaN()
		}
		return x - 0.9
	}
	if _, err := Root(nanIn, 0, 1, 1e-9, 100); err == nil {
		t.Error("NaN inside: no error")
	}
	for _, c := range []struct {
		lo, hi, tol float64
		n           int
	}{{math.NaN(), 1, 0, 10}, {0, math.Inf(1), 0, 10}, {2, 1, 0, 10}, {0, 1, -1, 10}, {0, 1, math.NaN(), 10}, {0, 1, 0, 0}} {
		if _, err := Root(sq, c.lo, c.hi, c.tol, c.n); err == nil {
			t.Errorf("Root(%v, %v, %v, %d): no error", c.lo, c.hi, c.tol, c.n)
		}
		if _, _, err := Bisect(c.lo, c.hi, c.tol, c.n, func(float64) (bool, error) { return true, nil }); err == nil {
			t.Errorf("Bisect(%v, %v, %v, %d): no error", c.lo, c.hi, c.tol, c.n)
		}
	}
	if _, _, err := Geometric(-1, 1, 0, 10, func(float64) (bool, error) { return true, nil }); err == nil {
		t.Error("Geometric on [−1, 1]: no error")
	}
}

// TestBisectStops checks the three stopping rules: the width (hi − lo ≤
// tol, after exactly ⌈log₂(w₀/tol)⌉ halvings on a dyadic bracket), two
// neighbouring floats (tol = 0 ends within 64 halvings however large
// maxIter is), and maxIter; and that a predicate's error (a cancelled
// context) ends the search at once.
func TestBisectStops(t *testing.T) {
	calls := 0
	below := func(x float64) (bool, error) { calls++; return x < 1.0/3, nil }
	lo, hi, err := Bisect(0, 1, 0x1p-20, 1000, below)
	if err != nil || calls != 20 || hi-lo != 0x1p-20 || !(lo < 1.0/3 && 1.0/3 < hi) {
		t.Errorf("tol 2⁻²⁰: [%v, %v] after %d calls (%v), want width 2⁻²⁰ around ⅓ after 20", lo, hi, calls, err)
	}
	calls = 0
	lo, hi, _ = Bisect(0, 1, 0, 1e6, below)
	if math.Nextafter(lo, 2) != hi || calls > 64 {
		t.Errorf("tol 0: [%v, %v] after %d calls, want neighbouring floats", lo, hi, calls)
	}
	calls = 0
	if _, _, _ = Bisect(0, 1, 0, 5, below); calls != 5 {
		t.Errorf("maxIter 5: %d calls", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	_, _, err = Bisect(0, 1, 0, 100, func(x float64) (bool, error) {
		calls++
		if calls == 3 {
			cancel()
		}
		if err := ctx.Err(); err != nil {
			return false, err
		}
		return x < 0.7, nil
	})
	if !errors.Is(err, context.Canceled) || calls != 3 {
		t.Errorf("cancelled: err = %v after %d calls, want context.Canceled after 3", err, calls)
	}
}

// TestGeometric finds e^{1/3}·10 on [1, 1000] to relative 1e-12 and checks
// the split is the geometric mean.
func TestGeometric(t *testing.T) {
	target := 10 * math.Exp(1.0/3)
	first := 0.0
	lo, hi, err := Geometric(1, 1000, 1e-12, 200, func(x float64) (bool, error) {
		if first == 0 {
			first = x
		}
		return x < target, nil
	})
	if err != nil || hi/lo-1 > 1e-12 || !(lo <= target && target <= hi) {
		t.Errorf("[%v, %v] (%v), want a 1e-12 bracket around %v", lo, hi, err, target)
	}
	if first != math.Sqrt(1000) {
		t.Errorf("first split at %v, want √1000", first)
	}
}

func ExampleRoot() {
	x, err := Root(func(x float64) float64 { return x*x - 2 }, 1, 2, 1e-12, 100)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.12f\n", x)
	// Output:
	// 1.414213562373
}

func ExampleBisect() {
	// The smallest n with 2ⁿ ≥ 1000, bisecting a monotone predicate.
	lo, hi, _ := Bisect(0, 64, 0.5, 100, func(x float64) (bool, error) {
		return math.Exp2(math.Ceil(x)) < 1000, nil
	})
	fmt.Println(math.Ceil(lo), math.Ceil(hi))
	// Output:
	// 9 10
}
