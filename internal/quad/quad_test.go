package quad

import (
	"fmt"
	"math"
	"testing"
)

// TestLegendreExactPolynomials checks that the n-point rule integrates
// x^(2n−1) + x^(2n−2) exactly on [0, 1] (degree 2n − 1, the highest it
// must), through every entry point (tolerance: a few ulp per node), and
// that x^(2n) is off by exactly the Gauss remainder (so the test can fail).
func TestLegendreExactPolynomials(t *testing.T) {
	for n := 1; n <= 20; n++ {
		r := Legendre(n)
		d := 2*n - 1
		f := func(x float64) float64 { return math.Pow(x, float64(d)) + math.Pow(x, float64(d-1)) }
		want := 1/float64(d+1) + 1/float64(d)
		tol := 16 * float64(n) * 0x1p-52 * want
		x, w := make([]float64, n), make([]float64, n)
		r.Nodes(x, 0, 1)
		r.Weights(w, 0, 1)
		fx := make([]float64, n)
		var byWeights float64
		for i := range x {
			fx[i] = f(x[i])
			byWeights += w[i] * fx[i]
		}
		for name, got := range map[string]float64{
			"Integrate": r.Integrate(f, 0, 1), "Sum": r.Sum(fx, 0, 1), "Weights": byWeights,
			"Composite": r.Composite(f, 0, 1, 1),
		} {
			if math.Abs(got-want) > tol {
				t.Errorf("n = %d, %s: ∫₀¹ x^%d + x^%d = %v, want %v (|Δ| = %.2g)", n, name, d, d-1, got, want, math.Abs(got-want))
			}
		}
		if n > 6 {
			continue // the error below drops under rounding
		}
		// Degree 2n is beyond the rule: the error of x^(2n) on [0, 1] is
		// the Gauss remainder (n!)⁴/((2n + 1)((2n)!)²) (Abramowitz & Stegun
		// 25.4.30 with f^(2n) = (2n)!, mapped to [0, 1]).
		g := func(x float64) float64 { return math.Pow(x, float64(2*n)) }
		fn, f2n := math.Gamma(float64(n+1)), math.Gamma(float64(2*n+1))
		rem := math.Pow(fn, 4) / (float64(2*n+1) * f2n * f2n)
		if got := 1/float64(2*n+1) - r.Integrate(g, 0, 1); math.Abs(got-rem) > 1e-6*rem {
			t.Errorf("n = %d: error on x^%d = %.6g, want the Gauss remainder %.6g", n, 2*n, got, rem)
		}
	}
}

// TestLegendreThreePoint pins the 3-point rule to its closed form, nodes
// ±√(3/5) and 0, weights 5/9 and 8/9 (as float64 literals: the table
// proesmans2020.Boltzmann used before it called Legendre), in gonum's
// descending order: a gonum upgrade that moved a bit would change
// Boltzmann's numbers and fail here first.
func TestLegendreThreePoint(t *testing.T) {
	r := Legendre(3)
	wantX := []float64{0.7745966692414834, 0, -0.7745966692414834}
	wantW := []float64{5.0 / 9, 8.0 / 9, 5.0 / 9}
	for i := range 3 {
		if r.X[i] != wantX[i] || r.W[i] != wantW[i] {
			t.Errorf("node %d: (%v, %v), want (%v, %v)", i, r.X[i], r.W[i], wantX[i], wantW[i])
		}
	}
	if math.Abs(wantX[0]-math.Sqrt(0.6)) > 0x1p-53 {
		t.Errorf("√(3/5) = %v, literal %v", math.Sqrt(0.6), wantX[0])
	}
}

// TestCompositeExp checks ∫₀¹ eˣ = e − 1 by composite rules: 16 nodes on 4
// panels to rounding, and 2 nodes at the O(h⁴) rate (halving h divides the
// error by 16 to within 5%).
func TestCompositeExp(t *testing.T) {
	want := math.E - 1
	r := Legendre(16)
	if got := r.Composite(math.Exp, 0, 1, 4); math.Abs(got-want) > 4*0x1p-52*want {
		t.Errorf("16 nodes × 4 panels: %v, want %v", got, want)
	}
	x, w := r.Panels(0, 1, 4)
	var s float64
	for i := range x {
		s += w[i] * math.Exp(x[i])
	}
	if math.Abs(s-want) > 4*0x1p-52*want {
		t.Errorf("Panels: Σ w eˣ = %v, want %v", s, want)
	}
	r2 := Legendre(2)
	e1 := r2.Composite(math.Exp, 0, 1, 8) - want
	e2 := r2.Composite(math.Exp, 0, 1, 16) - want
	if ratio := e1 / e2; math.Abs(ratio-16) > 0.8 {
		t.Errorf("2 nodes: error ratio %v on halving h, want 16 (order 4)", ratio)
	}
}

// TestPanelsLayout checks that Panels and Composite put the nodes of panel
// j inside [a_j, a_j + h], panel after panel, in the rule's order.
func TestPanelsLayout(t *testing.T) {
	r := Legendre(5)
	x, w := r.Panels(-2, 4, 3)
	if len(x) != 15 || len(w) != 15 {
		t.Fatalf("%d nodes, %d weights, want 15", len(x), len(w))
	}
	var seen []float64
	r.Composite(func(v float64) float64 { seen = append(seen, v); return 0 }, -2, 4, 3)
	for k := range x {
		j := k / 5
		if !(x[k] > -2+2*float64(j) && x[k] < 2*float64(j)) {
			t.Errorf("node %d = %v outside panel %d", k, x[k], j)
		}
		if seen[k] != x[k] {
			t.Errorf("Composite's node %d = %v, Panels' %v", k, seen[k], x[k])
		}
		if want := r.W[k%5]; w[k] != want {
			t.Errorf("weight %d = %v, want W·h/2 = %v", k, w[k], want)
		}
	}
}

func ExampleRule_Composite() {
	// ∫₀^π sin x dx = 2 by 8-point Gauss–Legendre on 4 panels.
	fmt.Printf("%.14f\n", Legendre(8).Composite(math.Sin, 0, math.Pi, 4))
	// Output:
	// 2.00000000000000
}

func ExampleRule_Sum() {
	// The 3-point rule on [0, 2] from values at its nodes: ∫₀² x⁵ = 32/3.
	r := Legendre(3)
	x, f := make([]float64, 3), make([]float64, 3)
	r.Nodes(x, 0, 2)
	for i, v := range x {
		f[i] = math.Pow(v, 5)
	}
	fmt.Printf("%.12f\n", r.Sum(f, 0, 2))
	// Output:
	// 10.666666666667
}
