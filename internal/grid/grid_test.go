package grid

import (
	"fmt"
	"math"
	"testing"
)

// TestLinSpaceExact checks grids whose points are exactly representable
// (dyadic steps) point for point, and the exact ends of an inexact one.
func TestLinSpaceExact(t *testing.T) {
	x, err := LinSpace(-1, 1, 9) // step 1/4
	if err != nil {
		t.Fatal(err)
	}
	for j, v := range x {
		if want := -1 + 0.25*float64(j); v != want {
			t.Errorf("LinSpace(-1, 1, 9)[%d] = %v, want %v", j, v, want)
		}
	}
	x, _ = LinSpace(0.1, 0.7, 7) // 0.1 steps: inexact inside, exact ends
	if x[0] != 0.1 || x[6] != 0.7 {
		t.Errorf("ends %v, %v, want 0.1, 0.7", x[0], x[6])
	}
	for j, v := range x {
		// |error| ≤ 2ε·max(|a|, |b|) (package doc).
		if want := 0.1 * float64(j+1); math.Abs(v-want) > 2*0x1p-52*0.7 {
			t.Errorf("LinSpace(0.1, 0.7, 7)[%d] = %v, want %v", j, v, want)
		}
	}
	if x, _ := LinSpace(3, 5, 1); len(x) != 1 || x[0] != 3 {
		t.Errorf("n = 1: %v, want [3]", x)
	}
}

// TestLogSpaceValues checks LogSpace against exact powers: 10^{j/2} over
// [1, 100] and 2^j over [1, 1024], to the package's stated accuracy, the
// ends exact, and the ratio of neighbours constant.
func TestLogSpaceValues(t *testing.T) {
	for _, c := range []struct {
		a, b float64
		n    int
		want func(j int) float64
	}{
		{1, 100, 5, func(j int) float64 { return math.Pow(10, float64(j)/2) }},
		{1, 1024, 11, func(j int) float64 { return math.Ldexp(1, j) }},
		{1e-3, 1e3, 7, func(j int) float64 { return math.Pow(10, float64(j-3)) }},
	} {
		x, err := LogSpace(c.a, c.b, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if x[0] != c.a || x[c.n-1] != c.b {
			t.Errorf("LogSpace(%v, %v, %d): ends %v, %v not exact", c.a, c.b, c.n, x[0], x[c.n-1])
		}
		// exp's argument is off by ≲ 2ε·max|ln|, plus exp's own ulp.
		tol := 2*0x1p-52*math.Max(math.Abs(math.Log(c.a)), math.Abs(math.Log(c.b))) + 2*0x1p-52
		for j, v := range x {
			if w := c.want(j); math.Abs(v-w) > tol*w {
				t.Errorf("LogSpace(%v, %v, %d)[%d] = %v, want %v (rel. tol %.1e)", c.a, c.b, c.n, j, v, w, tol)
			}
		}
	}
}

// TestLogSpaceSweepBits pins the bits of the sweep axes' logspace [1, 100, 5]
// (the points before rounding to 15 digits, as erasure's sweep computed
// them before this package existed).
func TestLogSpaceSweepBits(t *testing.T) {
	x, _ := LogSpace(1, 100, 5)
	want := []float64{1, 3.1622776601683795, 10.000000000000002, 31.622776601683803, 100}
	for j := range want {
		if x[j] != want[j] {
			t.Errorf("LogSpace(1, 100, 5)[%d] = %v, want %v", j, x[j], want[j])
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		f    func(a, b float64, n int) ([]float64, error)
		a, b float64
		n    int
	}{
		{LinSpace, 0, 1, 0}, {LinSpace, math.NaN(), 1, 3}, {LinSpace, 0, math.Inf(1), 3},
		{LogSpace, 0, 1, 3}, {LogSpace, -1, 1, 3}, {LogSpace, 1, 10, -2}, {LogSpace, 1, math.Inf(1), 2},
	} {
		if x, err := c.f(c.a, c.b, c.n); err == nil {
			t.Errorf("(%v, %v, %d): no error, got %v", c.a, c.b, c.n, x)
		}
	}
}

func ExampleLogSpace() {
	x, err := LogSpace(1, 100, 5)
	if err != nil {
		panic(err)
	}
	for _, v := range x {
		fmt.Printf("%.4g ", v)
	}
	fmt.Println()
	// Output:
	// 1 3.162 10 31.62 100
}

func ExampleLinSpace() {
	x, _ := LinSpace(0, 1, 5)
	fmt.Println(x)
	// Output:
	// [0 0.25 0.5 0.75 1]
}
