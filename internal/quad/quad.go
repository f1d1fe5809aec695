// Package quad is Gauss–Legendre quadrature on one interval and on
// composite panels.
//
// An n-point rule on [−1, 1] has nodes t_i (the zeros of the Legendre
// polynomial P_n) and weights W_i, and on [a, b]
//
//	∫_a^b f dx ≈ (b − a)/2 · Σ_i W_i f(m + t_i (b − a)/2),   m = (a + b)/2,
//
// exact for polynomials of degree ≤ 2n − 1; for f analytic in a Bernstein
// ellipse around [a, b] the error falls geometrically in n. A composite
// rule on k equal panels of width h has error O(h^{2n}) for smooth f.
//
// The nodes and weights come from gonum (gonum.org/v1/gonum/integrate/quad,
// Legendre.FixedLocations: Bogaert's iteration-free formulas, accurate to
// a few ulp); this package adds what gonum does not have: the mapping to a
// panel, the weighted sum, and composite panels, each written in the one
// floating-point order its callers have always used so that their numbers
// stay bit-identical. gonum returns the nodes in descending order, and
// Legendre keeps that order.
package quad

import (
	"fmt"

	gquad "gonum.org/v1/gonum/integrate/quad"
)

// Rule is a quadrature rule on [−1, 1]: nodes X and weights W of equal
// length.
type Rule struct {
	X, W []float64
}

// Legendre returns the n-point Gauss–Legendre rule (n ≥ 1), nodes in
// gonum's (descending) order. It panics for n < 1, a programming error.
func Legendre(n int) Rule {
	if n < 1 {
		panic(fmt.Sprintf("quad: Legendre needs n ≥ 1 nodes, got %d", n))
	}
	r := Rule{X: make([]float64, n), W: make([]float64, n)}
	gquad.Legendre{}.FixedLocations(r.X, r.W, -1, 1)
	return r
}

// Nodes writes the rule's nodes on [a, b] into x[:len(r.X)]:
// x_i = (a + b)/2 + t_i (b − a)/2.
func (r Rule) Nodes(x []float64, a, b float64) {
	for i, t := range r.X {
		x[i] = (a+b)/2 + t*(b-a)/2
	}
}

// Weights writes the rule's weights on [a, b] into w[:len(r.W)]:
// w_i = W_i (b − a)/2.
func (r Rule) Weights(w []float64, a, b float64) {
	for i, wi := range r.W {
		w[i] = wi * (b - a) / 2
	}
}

// Sum returns the rule on [a, b] given the integrand's values f_i at its
// Nodes: (Σ_i W_i f_i)·(b − a)/2.
func (r Rule) Sum(f []float64, a, b float64) float64 {
	var s float64
	for i, wi := range r.W {
		s += wi * f[i]
	}
	return s * (b - a) / 2
}

// Integrate returns the rule applied to f on [a, b] (one panel).
func (r Rule) Integrate(f func(float64) float64, a, b float64) float64 {
	var s float64
	for i, t := range r.X {
		s += r.W[i] * f((a+b)/2+t*(b-a)/2)
	}
	return s * (b - a) / 2
}

// Panels returns the nodes and weights of the composite rule on k ≥ 1
// equal panels of [a, b], panel after panel: with h = (b − a)/k and
// a_j = a + j h, x = a_j + (t_i + 1) h/2 and w = W_i h/2. Σ w f(x)
// approximates ∫_a^b f.
func (r Rule) Panels(a, b float64, k int) (x, w []float64) {
	h := (b - a) / float64(k)
	x = make([]float64, 0, k*len(r.X))
	w = make([]float64, 0, k*len(r.X))
	for j := range k {
		pa := a + float64(j)*h
		for i, t := range r.X {
			x = append(x, pa+(t+1)*h/2)
			w = append(w, r.W[i]*h/2)
		}
	}
	return x, w
}

// Composite returns ∫_a^b f by the composite rule on k ≥ 1 equal panels,
// at the nodes of Panels: (h/2)·Σ_j Σ_i W_i f(a_j + (t_i + 1) h/2). It does
// not allocate.
func (r Rule) Composite(f func(float64) float64, a, b float64, k int) float64 {
	h := (b - a) / float64(k)
	var s float64
	for j := range k {
		pa := a + float64(j)*h
		for i, t := range r.X {
			s += r.W[i] * f(pa+h*0.5*(t+1))
		}
	}
	return s * h * 0.5
}
