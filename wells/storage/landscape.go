package storage

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/wells"
)

// Point is a stationary point of U: a minimum (a well) or a maximum (a
// barrier top).
type Point struct {
	X float64 `json:"x"` // position (length units)
	U float64 `json:"u"` // U(X) (kT)
	// Curvature is U''(X) (kT per length unit²), from a central difference
	// of the force over ±1e-5 of the domain width (relative error ~1e-9 for
	// smooth U). It is NaN at a cusp.
	Curvature float64 `json:"-"`
	// Cusp marks a kink: U' jumps at X. SlopeLeft and SlopeRight are then
	// |U'| just left and right of X (kT per length unit); zero otherwise.
	Cusp       bool    `json:"cusp"`
	SlopeLeft  float64 `json:"slope_left,omitempty"`
	SlopeRight float64 `json:"slope_right,omitempty"`
}

// MarshalJSON writes the point without "curvature" at a cusp (JSON has no
// NaN).
func (p Point) MarshalJSON() ([]byte, error) {
	type plain Point
	var c *float64
	if !math.IsNaN(p.Curvature) {
		c = &p.Curvature
	}
	return json.Marshal(struct {
		plain
		Curvature *float64 `json:"curvature,omitempty"`
	}{plain(p), c})
}

// Landscape is the set of stationary points of U(x, c) on [Lo, Hi], in
// increasing x: Maxima[i] is the highest point between Minima[i] and
// Minima[i+1].
type Landscape struct {
	Lo, Hi float64
	Minima []Point
	Maxima []Point
}

// landscapePoints is the number of grid points FindLandscape scans.
const landscapePoints = 1 << 15

// curve evaluates one potential at one control, one point at a time, in kT.
type curve struct {
	p      wells.Potential
	c      wells.Control
	x1, u1 []float64
	f1     []float64
}

func newCurve(p wells.Potential, c wells.Control) *curve {
	return &curve{p: p, c: c, x1: make([]float64, 1), u1: make([]float64, 1), f1: make([]float64, 1)}
}

func (e *curve) u(x float64) float64 {
	e.x1[0] = x
	e.p.Eval(e.c, e.x1, e.u1, nil)
	return e.u1[0]
}

// slope returns U'(x) = −F(x).
func (e *curve) slope(x float64) float64 {
	e.x1[0] = x
	e.p.Eval(e.c, e.x1, e.u1, e.f1)
	return -e.f1[0]
}

// FindLandscape finds the minima and maxima of U(x, c) on [lo, hi]: every
// local minimum of U on a grid of 32768 points is refined by golden-section
// search on its two neighbouring cells (to ~1e-8 of a cell), and between
// two consecutive minima the highest grid point is refined the same way.
// Features narrower than a grid cell ((hi − lo)/32768) are missed. A
// minimum at a domain end is not a well and is left out, as are pairs of
// extrema separated by less than 1e-12 kT (flat regions).
func FindLandscape(p wells.Potential, c wells.Control, lo, hi float64) (*Landscape, error) {
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("storage: landscape: bad domain [%v, %v]", lo, hi)
	}
	n := landscapePoints
	x, u := make([]float64, n+1), make([]float64, n+1)
	h := (hi - lo) / float64(n)
	for i := range x {
		x[i] = lo + float64(i)*h
	}
	x[n] = hi
	p.Eval(c, x, u, nil)
	for i, v := range u {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("storage: landscape: %s potential is %v at x = %g", p.Name(), v, x[i])
		}
	}
	var mins []int
	for i := 1; i < n; i++ {
		if u[i] <= u[i-1] && u[i] < u[i+1] {
			mins = append(mins, i)
		}
	}
	// Merge minima separated by a barrier below 1e-12 kT (numerical ripples).
	var keep []int
	for _, i := range mins {
		if len(keep) > 0 {
			j := keep[len(keep)-1]
			top := maxIndex(u, j, i)
			if u[top]-max(u[i], u[j]) < 1e-12 {
				if u[i] < u[j] {
					keep[len(keep)-1] = i
				}
				continue
			}
		}
		keep = append(keep, i)
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("storage: landscape: %s potential has no minimum inside [%g, %g] at c = %v", p.Name(), lo, hi, c)
	}
	e := newCurve(p, c)
	l := &Landscape{Lo: lo, Hi: hi, Minima: []Point{}, Maxima: []Point{}}
	for k, i := range keep {
		xm := golden(e.u, x[i-1], x[i+1])
		l.Minima = append(l.Minima, e.point(xm, h))
		if k+1 < len(keep) {
			j := maxIndex(u, i, keep[k+1])
			xt := golden(func(x float64) float64 { return -e.u(x) }, x[j-1], x[j+1])
			l.Maxima = append(l.Maxima, e.point(xt, h))
		}
	}
	return l, nil
}

// maxIndex returns the index of the largest u[k], i < k < j.
func maxIndex(u []float64, i, j int) int {
	m := i + 1
	for k := i + 1; k < j; k++ {
		if u[k] > u[m] {
			m = k
		}
	}
	return m
}

// point describes the stationary point at x; h is the scan's cell width.
// The curvature is (U'(x+δ) − U'(x−δ))/(2δ) with δ = h/3; where the same
// quotient at δ/8 differs by more than a factor 2 (a smooth U gives the same
// value, a kink one that grows as 1/δ), x is a cusp, and the one-sided
// slopes are extrapolated to x from ±δ and ±δ/8.
func (e *curve) point(x, h float64) Point {
	d := h / 3
	c1 := (e.slope(x+d) - e.slope(x-d)) / (2 * d)
	c2 := (e.slope(x+d/8) - e.slope(x-d/8)) / (d / 4)
	pt := Point{X: x, U: e.u(x), Curvature: c1}
	if math.Abs(c2) > 2*math.Abs(c1) && math.Abs(c2-c1) > 1e-6*(math.Abs(c1)+1) {
		pt.Cusp, pt.Curvature = true, math.NaN()
		// |U'| at x ∓ δ and x ∓ δ/8, extrapolated linearly to x.
		sl0, sl1 := math.Abs(e.slope(x-d)), math.Abs(e.slope(x-d/8))
		sr0, sr1 := math.Abs(e.slope(x+d)), math.Abs(e.slope(x+d/8))
		pt.SlopeLeft, pt.SlopeRight = sl1-(sl0-sl1)/7, sr1-(sr0-sr1)/7
	}
	return pt
}

// golden minimises f on [a, b] (f unimodal there) by golden-section search
// down to a bracket of 1e-9 of the initial one.
func golden(f func(float64) float64, a, b float64) float64 {
	const r = 0.6180339887498949 // (√5 − 1)/2
	tol := 1e-9 * (b - a)
	c, d := b-r*(b-a), a+r*(b-a)
	fc, fd := f(c), f(d)
	for b-a > tol {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - r*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + r*(b-a)
			fd = f(d)
		}
	}
	return (a + b) / 2
}
