package wells

import (
	"errors"
	"fmt"
	"math"
)

const (
	spanCells = 4096 // grid cells per window in Span's search
	spanLimit = 1e6  // Span gives up beyond |x| = spanLimit
	spanPad   = 0.01 // Span widens its interval by this fraction of its width on each side
	autoCut   = 60   // cutoff (kT) of the automatic ends of NewSampler and LogPartition
)

// Span returns an interval [lo, hi] outside which U(x, c) − min_x U(x, c)
// exceeds cutoff·kT, for every control vector c in cs (the union of the
// intervals of the c). It is meant for choosing Fokker–Planck domains and
// sampling ranges.
//
// The rule, for each c: U is evaluated on a grid of 4096 cells over the
// window [−L, L], for L = 1, 2, 4, … until the grid points where
// U − min ≤ cutoff·kT (min taken over every point evaluated so far) all lie
// in the central half [−L/2, L/2]; the window is then narrowed to that set
// (one grid cell beyond its outermost points) and evaluated again, finer,
// until the set fills at least a quarter of the window, growing back out
// wherever the set reaches a window edge. The result is that set's
// bracket, widened by 1% of its width on each side. It assumes U has no
// features narrower than a grid cell and keeps rising outside the interval;
// if L would pass 1e6 it returns an error (the potential does not confine).
// Repeated control vectors are evaluated once.
func Span(p Potential, cs []Control, kT, cutoff float64) (lo, hi float64, err error) {
	switch {
	case len(cs) == 0:
		return 0, 0, errors.New("wells: span: no control vectors")
	case !(kT > 0) || math.IsInf(kT, 1):
		return 0, 0, fmt.Errorf("wells: span: kT must be finite and > 0, got %v", kT)
	case !(cutoff > 0) || math.IsInf(cutoff, 1):
		return 0, 0, fmt.Errorf("wells: span: cutoff must be finite and > 0, got %v", cutoff)
	}
	g := newSpanGrid("span")
	lo, hi = math.Inf(1), math.Inf(-1)
	for i, c := range cs {
		if i > 0 && c == cs[i-1] {
			continue
		}
		a, b, _, err := g.span(p, c, cutoff*kT, math.Inf(-1), math.Inf(1))
		if err != nil {
			return 0, 0, err
		}
		lo, hi = min(lo, a), max(hi, b)
	}
	return lo, hi, nil
}

// spanGrid holds the scratch space of Span's search.
type spanGrid struct {
	what string // the caller, for error messages
	x, u []float64
	umin float64 // the lowest U seen in this search
}

func newSpanGrid(what string) *spanGrid {
	return &spanGrid{what: what, x: make([]float64, spanCells+1), u: make([]float64, spanCells+1)}
}

// eval evaluates U on the grid over [a, b] and returns the first and last
// grid indices where U − umin ≤ thr (−1, −1 if none).
func (g *spanGrid) eval(p Potential, c Control, thr, a, b float64) (i0, i1 int, err error) {
	h := (b - a) / spanCells
	for i := range g.x {
		g.x[i] = a + float64(i)*h
	}
	g.x[spanCells] = b
	p.Eval(c, g.x, g.u, nil)
	for i, v := range g.u {
		if math.IsNaN(v) || math.IsInf(v, -1) {
			return 0, 0, fmt.Errorf("wells: %s: %s potential is %v at x = %g, c = %v", g.what, p.Name(), v, g.x[i], shown(p, c))
		}
		g.umin = min(g.umin, v)
	}
	i0, i1 = -1, -1
	for i, v := range g.u {
		if v-g.umin <= thr {
			if i0 < 0 {
				i0 = i
			}
			i1 = i
		}
	}
	return i0, i1, nil
}

// span returns the bracket of {x in [lo, hi] : U(x, c) − min U ≤ thr}, with
// min taken over [lo, hi], found by the rule of Span; a finite lo or hi is
// a hard edge: the search stops there and the result never passes it. It
// also returns the lowest U it saw.
func (g *spanGrid) span(p Potential, c Control, thr, lo, hi float64) (a, b, umin float64, err error) {
	if !(lo < hi) {
		return 0, 0, 0, fmt.Errorf("wells: %s: empty range [%v, %v]", g.what, lo, hi)
	}
	g.umin = math.Inf(1)
	m := max(lo, min(hi, 0)) // the window grows around m
	bracket := func(i0, i1 int) (float64, float64) {
		return g.x[max(i0-1, 0)], g.x[min(i1+1, spanCells)]
	}

	// Grow: double the window until the set lies in its central half.
	for L := 1.0; ; L = min(2*L, spanLimit) {
		a, b = max(lo, m-L), min(hi, m+L)
		i0, i1, err := g.eval(p, c, thr, a, b)
		if err != nil {
			return 0, 0, 0, err
		}
		okLo := a == lo || (i0 >= 0 && g.x[i0] >= m-L/2)
		okHi := b == hi || (i1 >= 0 && g.x[i1] <= m+L/2)
		if okLo && okHi {
			if i0 < 0 {
				return 0, 0, 0, fmt.Errorf("wells: %s: %s potential is +Inf on all of [%g, %g] at c = %v", g.what, p.Name(), a, b, shown(p, c))
			}
			a, b = bracket(i0, i1)
			break
		}
		if L == spanLimit {
			return 0, 0, 0, fmt.Errorf("wells: %s: %s potential does not confine within |x| ≤ %g at c = %v", g.what, p.Name(), spanLimit, shown(p, c))
		}
	}

	// Zoom: refine until the set fills a quarter of the window.
	for range 64 {
		i0, i1, err := g.eval(p, c, thr, a, b)
		if err != nil {
			return 0, 0, 0, err
		}
		if i0 < 0 {
			break // the finer grid missed the lowest point: keep the last bracket
		}
		grow := false
		if i0 == 0 && a > lo {
			a, grow = max(lo, a-(b-a)), true
		}
		if i1 == spanCells && b < hi {
			b, grow = min(hi, b+(b-a)), true
		}
		if grow {
			continue
		}
		a, b = bracket(i0, i1)
		if i1-i0 >= spanCells/4 {
			break
		}
	}
	w := b - a
	return max(lo, a-spanPad*w), min(hi, b+spanPad*w), g.umin, nil
}
