package proesmans2020

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/internal/quad"
	"github.com/landauer-dev/landauer/wells"
)

// Density is a probability density that is constant on each cell
// [Edges[i], Edges[i+1]], with mass Mass[i] in cell i (len(Edges) =
// len(Mass) + 1, edges increasing, masses ≥ 0 with a positive sum; they are
// normalised where used). Its distribution function is piecewise linear and
// its quantile function F⁻¹(u) is piecewise linear in u.
type Density struct {
	Edges []float64
	Mass  []float64
}

func (d Density) validate() error {
	if len(d.Mass) == 0 || len(d.Edges) != len(d.Mass)+1 {
		return fmt.Errorf("proesmans2020: density needs len(Edges) = len(Mass) + 1 ≥ 2, got %d and %d", len(d.Edges), len(d.Mass))
	}
	var sum float64
	for i, m := range d.Mass {
		if !(m >= 0) || math.IsInf(m, 1) {
			return fmt.Errorf("proesmans2020: density mass %d is %v", i, m)
		}
		if !(d.Edges[i+1] > d.Edges[i]) {
			return fmt.Errorf("proesmans2020: density edges %d and %d are not increasing (%v, %v)", i, i+1, d.Edges[i], d.Edges[i+1])
		}
		sum += m
	}
	if !(sum > 0) || math.IsInf(sum, 1) {
		return fmt.Errorf("proesmans2020: density has total mass %v", sum)
	}
	return nil
}

// quantileWalk steps through the cells of positive mass of a density in
// order of u = F(x).
type quantileWalk struct {
	d     Density
	scale float64 // 1/total mass
	i     int     // current cell (positive mass)
	u0    float64 // F at the left edge of cell i
}

func newWalk(d Density) *quantileWalk {
	var sum float64
	for _, m := range d.Mass {
		sum += m
	}
	w := &quantileWalk{d: d, scale: 1 / sum, i: -1}
	w.next()
	return w
}

// next moves to the next cell of positive mass (i = len(Mass) at the end).
func (w *quantileWalk) next() {
	if w.i >= 0 {
		w.u0 += w.d.Mass[w.i] * w.scale
	}
	w.i++
	for w.i < len(w.d.Mass) && w.d.Mass[w.i] == 0 {
		w.i++
	}
}

func (w *quantileWalk) done() bool { return w.i >= len(w.d.Mass) }

// end is F at the right edge of the current cell.
func (w *quantileWalk) end() float64 { return w.u0 + w.d.Mass[w.i]*w.scale }

// at is F⁻¹(u) inside the current cell (linear in u there).
func (w *quantileWalk) at(u float64) float64 {
	m := w.d.Mass[w.i] * w.scale
	a, b := w.d.Edges[w.i], w.d.Edges[w.i+1]
	f := min(max((u-w.u0)/m, 0), 1)
	return a + f*(b-a)
}

// W2Squared returns the squared L2-Wasserstein distance between two
// densities on the line, by their quantile functions:
//
//	W₂²(p, q) = ∫₀¹ (F_p⁻¹(u) − F_q⁻¹(u))² du.
//
// Both quantile functions are piecewise linear in u, so the integral is
// computed exactly (to rounding) on the merged breakpoints: on each piece
// the difference d(u) is linear and ∫ d² = Δu (d₀² + d₀d₁ + d₁²)/3. The
// densities may live on different grids; cells of zero mass are jumps of
// the quantile function and cost nothing. Lengths in the densities' unit.
func W2Squared(p, q Density) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := q.validate(); err != nil {
		return 0, err
	}
	a, b := newWalk(p), newWalk(q)
	var sum, u float64
	for !a.done() && !b.done() {
		ua, ub := a.end(), b.end()
		v := min(ua, ub)
		if v > u {
			d0 := a.at(u) - b.at(u)
			d1 := a.at(v) - b.at(v)
			sum += (v - u) * (d0*d0 + d0*d1 + d1*d1) / 3
			u = v
		}
		// Advance the walk(s) whose cell ends here; at the very end rounding
		// may leave one cell with a sliver of mass, which costs nothing.
		if ua <= v {
			a.next()
		}
		if ub <= v {
			b.next()
		}
	}
	return sum, nil
}

// Grid returns n equal cells over [lo, hi] as edges.
func Grid(lo, hi float64, n int) []float64 {
	e := make([]float64, n+1)
	for i := range e {
		e[i] = lo + (hi-lo)*float64(i)/float64(n)
	}
	e[n] = hi
	return e
}

// gauss3 returns the 3-point Gauss–Legendre rule with the nodes ascending
// (−√(3/5), 0, √(3/5); weights 5/9, 8/9, 5/9): gonum's nodes reversed, the
// order in which Boltzmann has always summed.
func gauss3() quad.Rule {
	r := quad.Legendre(3)
	slices.Reverse(r.X)
	slices.Reverse(r.W)
	return r
}

// Boltzmann returns the Boltzmann density ∝ e^{−U(x, c)/kT} of p on n equal
// cells over [lo, hi], each cell's mass by 3-point Gauss–Legendre
// quadrature (exact for polynomials of degree 5 in a cell; the error of a
// smooth well falls as h⁶). The masses are normalised to 1. The potential
// is evaluated in one block call.
func Boltzmann(p wells.Potential, c wells.Control, kT, lo, hi float64, n int) (Density, error) {
	if !(lo < hi) || n < 1 || !(kT > 0) {
		return Density{}, fmt.Errorf("proesmans2020: Boltzmann needs lo < hi, n ≥ 1 and kT > 0, got [%v, %v], %d, %v", lo, hi, n, kT)
	}
	edges := Grid(lo, hi, n)
	gl := gauss3()
	x := make([]float64, 3*n)
	for i := range n {
		gl.Nodes(x[3*i:], edges[i], edges[i+1])
	}
	u := make([]float64, len(x))
	p.Eval(c, x, u, nil)
	umin := slices.Min(u)
	if math.IsNaN(umin) || math.IsInf(umin, 0) {
		return Density{}, errors.New("proesmans2020: the potential is not finite on the grid")
	}
	mass := make([]float64, n)
	var sum float64
	var f [3]float64
	for i := range n {
		for k := range f {
			f[k] = math.Exp(-(u[3*i+k] - umin) / kT)
		}
		mass[i] = gl.Sum(f[:], edges[i], edges[i+1])
		sum += mass[i]
	}
	for i := range mass {
		mass[i] /= sum
	}
	return Density{Edges: edges, Mass: mass}, nil
}

// LocalEquilibrium returns the final density of an erasure to error eps
// with a locally equilibrated final state (Proesmans, Ehrich & Bechhoefer
// 2020): the initial density p_i rescaled on each side of the divide so
// that the target side holds 1 − eps and the other side eps,
//
//	p_f = (1 − ε) p_i 1[target] / P_i(target) + ε p_i 1[other] / P_i(other),
//
// which for a symmetric bit (P_i = ½ on each side) is 2(1 − ε)p_i on the
// target side and 2ε p_i on the other. divide must be one of pi's edges;
// target is +1 (right of divide) or −1 (left).
func LocalEquilibrium(pi Density, divide float64, target int, eps float64) (Density, error) {
	if err := pi.validate(); err != nil {
		return Density{}, err
	}
	if !(eps >= 0 && eps <= 1) || (target != 1 && target != -1) {
		return Density{}, fmt.Errorf("proesmans2020: need 0 ≤ ε ≤ 1 and target ±1, got %v and %d", eps, target)
	}
	k := slices.Index(pi.Edges, divide)
	if k <= 0 || k >= len(pi.Edges)-1 {
		return Density{}, fmt.Errorf("proesmans2020: the divide %v is not an inner edge of the grid", divide)
	}
	var left, right float64
	for i, m := range pi.Mass {
		if i < k {
			left += m
		} else {
			right += m
		}
	}
	if !(left > 0 && right > 0) {
		return Density{}, errors.New("proesmans2020: the initial density is empty on one side of the divide")
	}
	wl, wr := eps/left, (1-eps)/right
	if target < 0 {
		wl, wr = (1-eps)/left, eps/right
	}
	mass := make([]float64, len(pi.Mass))
	for i, m := range pi.Mass {
		if i < k {
			mass[i] = m * wl
		} else {
			mass[i] = m * wr
		}
	}
	return Density{Edges: pi.Edges, Mass: mass}, nil
}
