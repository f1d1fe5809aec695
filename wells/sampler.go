package wells

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/landauer-dev/landauer/internal/quad"
)

// pointEnergy is implemented by the potentials of this package: U at one
// position. The Sampler needs it because a call to Eval through the
// Potential interface moves its one-element slices to the heap.
type pointEnergy interface {
	energyAt(c Control, x float64) float64
}

// evalOne adapts a Potential from outside this package to pointEnergy, at
// the price of a small allocation per call.
type evalOne struct{ p Potential }

func (e evalOne) energyAt(c Control, x float64) float64 {
	xu := []float64{x, 0}
	e.p.Eval(c, xu[:1], xu[1:], nil)
	return xu[1]
}

// checkRange validates the arguments shared by NewSampler and LogPartition
// and returns the range to use: an infinite end is replaced by the point
// beyond which U exceeds its minimum over [lo, hi] by 60 kT (the rule of
// Span, padded by 1%), and a finite end reaching beyond that point is
// pulled in to it. The mass left out is below e^{−60} of the total for any
// U that keeps rising outside. It also returns the lowest U seen.
func checkRange(what string, p Potential, c Control, kT, lo, hi float64) (a, b, umin float64, err error) {
	switch {
	case !(kT > 0) || math.IsInf(kT, 1):
		return 0, 0, 0, fmt.Errorf("wells: %s: kT must be finite and > 0, got %v", what, kT)
	case math.IsNaN(lo) || math.IsInf(lo, 1):
		return 0, 0, 0, fmt.Errorf("wells: %s: lo must be finite or −Inf, got %v", what, lo)
	case math.IsNaN(hi) || math.IsInf(hi, -1):
		return 0, 0, 0, fmt.Errorf("wells: %s: hi must be finite or +Inf, got %v", what, hi)
	case !(lo < hi):
		return 0, 0, 0, fmt.Errorf("wells: %s: need lo < hi, got [%v, %v]", what, lo, hi)
	}
	return newSpanGrid(what).span(p, c, autoCut*kT, lo, hi)
}

const (
	samplerCells = 4096 // envelope cells; a power of two (see Sample)
	samplerSub   = 8    // sub-grid points per cell checked at construction
)

// Sampler draws exact samples of the Boltzmann density
// p(x) ∝ exp(−U(x, c)/kT) on an interval. It is read-only after
// construction and safe for concurrent use.
//
// It samples by rejection from a piecewise-constant envelope on 4096 equal
// cells: a cell is proposed with probability proportional to its envelope
// exp(−L_j/kT), a point uniformly in it, and the point is accepted with
// probability exp(−(U(x) − L_j)/kT). The samples are exact wherever L_j is
// a lower bound of U on cell j. L_j is the lowest of U at the cell's ends
// and, where the slopes there point into the cell, of the two tangent
// lines at their crossing (a bound for any U convex on the cell, and the
// ends bound any U monotone or concave on it), less a margin of
// |ΔU'|·h/8 + 10⁻³ kT. At construction it is checked against U at 8
// interior points of every cell, and where one falls below it, L_j is
// lowered by twice the shortfall; so only features narrower than about
// 1/8 of a cell (1/32768 of the range) could escape the envelope.
type Sampler struct {
	e        pointEnergy
	c        Control
	lo, hi   float64
	h, invKT float64
	low      []float64 // L_j, the lower bound of U on cell j
	prob     []float64 // alias table over cells (Vose)
	alias    []int32
	widened  int // cells whose bound the sub-grid check lowered
}

// NewSampler returns a sampler of x ∝ exp(−U(x, c)/kT) restricted to
// [lo, hi]. lo = −Inf and hi = +Inf mean automatic: the range then ends
// where U exceeds its minimum over the range by 60 kT (Span's rule, with a
// 1% margin), and finite ends lying beyond that point are pulled in to it
// (the mass left out is below e^{−60}). So the left well of a symmetric
// double well is sampled by NewSampler(p, c, 1, math.Inf(-1), 0).
func NewSampler(p Potential, c Control, kT, lo, hi float64) (*Sampler, error) {
	lo, hi, _, err := checkRange("sampler", p, c, kT, lo, hi)
	if err != nil {
		return nil, err
	}
	n := samplerCells
	s := &Sampler{c: c, lo: lo, hi: hi, h: (hi - lo) / float64(n), invKT: 1 / kT, low: make([]float64, n)}
	if e, ok := p.(pointEnergy); ok {
		s.e = e
	} else {
		s.e = evalOne{p}
	}

	// U and U' at the cell ends.
	x := make([]float64, n+1)
	u := make([]float64, n+1)
	f := make([]float64, n+1)
	for i := range x {
		x[i] = lo + float64(i)*s.h
	}
	x[n] = hi
	p.Eval(c, x, u, f)
	for i, v := range u {
		if math.IsNaN(v) || math.IsInf(v, -1) {
			return nil, fmt.Errorf("wells: sampler: %s potential is %v at x = %g, c = %v", p.Name(), v, x[i], shown(p, c))
		}
	}
	for j := range n {
		a, b := x[j], x[j+1]
		ua, ub, da, db := u[j], u[j+1], -f[j], -f[j+1]
		l := min(ua, ub)
		if da < 0 && db > 0 { // tangents cross inside: their crossing bounds a convex U
			xc := min(b, max(a, (ub-ua+da*a-db*b)/(da-db)))
			l = min(l, ua+da*(xc-a))
		}
		margin := math.Abs(db-da) * s.h / 8
		if math.IsNaN(margin) || math.IsInf(margin, 0) {
			margin = 0 // U infinite at an end: the sub-grid check below decides
		}
		s.low[j] = l - margin - 1e-3*kT
	}

	// Check the bounds on a finer sub-grid; lower any that fail by twice
	// the shortfall.
	xs := make([]float64, n*samplerSub)
	us := make([]float64, len(xs))
	for j := range n {
		for k := range samplerSub {
			xs[j*samplerSub+k] = x[j] + (float64(k)+0.5)*s.h/samplerSub
		}
	}
	p.Eval(c, xs, us, nil)
	for i, v := range us {
		if math.IsNaN(v) || math.IsInf(v, -1) {
			return nil, fmt.Errorf("wells: sampler: %s potential is %v at x = %g, c = %v", p.Name(), v, xs[i], shown(p, c))
		}
	}
	for j := range n {
		if v := slices.Min(us[j*samplerSub : (j+1)*samplerSub]); v < s.low[j] {
			s.low[j] -= 2 * (s.low[j] - v)
			s.widened++
		}
	}

	// Cell weights exp(−(L_j − min L)/kT) and their alias table.
	lmin := math.Inf(1)
	for _, l := range s.low {
		lmin = min(lmin, l)
	}
	w := make([]float64, n)
	for j, l := range s.low {
		w[j] = math.Exp(-(l - lmin) / kT)
	}
	if acc := acceptance(w, s.low, us, kT); !(acc >= MinAcceptance) {
		return nil, fmt.Errorf("wells: sampler: %s potential at kT = %g: the Boltzmann density is too narrow for its range [%g, %g] "+
			"(acceptance %.2g < %g): the energies over kT are beyond what the sampler can represent (lower the barrier or raise the temperature)",
			p.Name(), kT, lo, hi, acc, MinAcceptance)
	}
	s.prob, s.alias = aliasTable(w)
	return s, nil
}

// MinAcceptance is the lowest acceptance rate NewSampler accepts: below it a
// sample costs more than 1000 proposals on average, and an envelope that
// poor means that U varies by many kT within one of its cells (a barrier
// or a 1/temperature beyond what the grid resolves), where the rejection
// loop could run for hours.
const MinAcceptance = 1e-3

// acceptance estimates the sampler's acceptance rate: the envelope-weighted
// mean over cells j of exp(−(U − L_j)/kT) at the sub-grid points us (the
// midpoint rule of ∫ e^{−U/kT} / ∫ envelope).
func acceptance(w, low, us []float64, kT float64) float64 {
	var num, den float64
	for j, wj := range w {
		if wj == 0 {
			continue
		}
		var a float64
		for _, u := range us[j*samplerSub : (j+1)*samplerSub] {
			a += math.Exp((low[j] - u) / kT)
		}
		num += wj * a / samplerSub
		den += wj
	}
	return num / den
}

// Bounds returns the interval the sampler draws from.
func (s *Sampler) Bounds() (lo, hi float64) { return s.lo, s.hi }

// Sample returns one exact sample. It does not allocate for the potentials
// of this package; for other implementations of Potential each proposal
// costs one small allocation (a one-point Eval through the interface).
func (s *Sampler) Sample(r *rand.Rand) float64 {
	n := float64(len(s.low))
	for {
		// n is a power of two, so v splits exactly into a cell and a
		// uniform fraction within it.
		v := r.Float64() * n
		j := int(v)
		frac := v - float64(j)
		if r.Float64() >= s.prob[j] {
			j = int(s.alias[j])
		}
		x := min(s.lo+(float64(j)+frac)*s.h, s.hi)
		if r.Float64() < math.Exp((s.low[j]-s.e.energyAt(s.c, x))*s.invKT) {
			return x
		}
	}
}

// aliasTable builds Vose's alias table for weights w (not all zero): cell
// j is kept with probability prob[j] and otherwise replaced by alias[j].
func aliasTable(w []float64) (prob []float64, alias []int32) {
	n := len(w)
	prob, alias = make([]float64, n), make([]int32, n)
	var sum float64
	for _, v := range w {
		sum += v
	}
	small, large := make([]int32, 0, n), make([]int32, 0, n)
	for j, v := range w {
		prob[j] = v * float64(n) / sum
		alias[j] = int32(j)
		if prob[j] < 1 {
			small = append(small, int32(j))
		} else {
			large = append(large, int32(j))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		alias[s] = l
		prob[l] -= 1 - prob[s]
		if prob[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, j := range large { // leftovers are 1 up to rounding
		prob[j] = 1
	}
	for _, j := range small {
		prob[j] = 1
	}
	return prob, alias
}

// LogPartition returns ln ∫_lo^hi exp(−U(x, c)/kT) dx, with the ends handled
// as in NewSampler (an infinite end is automatic). The integral is computed
// by adaptive 10-point Gauss–Legendre quadrature on 64 initial panels, each
// split in two until the halves agree with the whole to 10⁻¹² of the total,
// pro rata by width (or to the rounding error of U itself, 16ε|U|/kT
// relative, when that is larger); the integrand is shifted by the lowest U
// seen (log-sum-exp), so the result holds for any height of U. The
// relative accuracy is about 1e-12 for smooth U and kinks alike, or
// ~ε|min U|/kT where that is larger (U ~ 10⁴ kT gives ~1e-12 too).
func LogPartition(p Potential, c Control, kT, lo, hi float64) (float64, error) {
	lo, hi, umin, err := checkRange("partition", p, c, kT, lo, hi)
	if err != nil {
		return 0, err
	}
	const (
		order     = 10
		panels    = 64
		relTol    = 1e-12
		maxDepth  = 60
		maxSplits = 100000 // a bound on the work for pathological U
	)
	rule := quad.Legendre(order)
	wt := rule.W
	x := make([]float64, 3*order)
	u := make([]float64, 3*order)
	var evalErr error
	// gl returns the rule on [a, b] and the sum of the rules on its halves.
	gl := func(a, b float64) (whole, halves float64) {
		m := (a + b) / 2
		rule.Nodes(x[:order], a, b)
		rule.Nodes(x[order:], a, m)
		rule.Nodes(x[2*order:], m, b)
		p.Eval(c, x, u, nil)
		for i, wi := range wt {
			e0 := math.Exp(-(u[i] - umin) / kT)
			e1 := math.Exp(-(u[order+i] - umin) / kT)
			e2 := math.Exp(-(u[2*order+i] - umin) / kT)
			whole += wi * e0 * (b - a) / 2
			halves += wi * (e1*(m-a) + e2*(b-m)) / 2
		}
		if math.IsNaN(whole) || math.IsNaN(halves) {
			evalErr = fmt.Errorf("wells: partition: %s potential gives NaN on [%g, %g] at c = %v", p.Name(), a, b, shown(p, c))
		}
		return whole, halves
	}

	type panel struct {
		a, b          float64
		whole, halves float64
		depth         int
	}
	stack := make([]panel, 0, panels+2*maxDepth)
	var total float64
	for i := panels - 1; i >= 0; i-- {
		a := lo + float64(i)*(hi-lo)/panels
		b := lo + float64(i+1)*(hi-lo)/panels
		if i == panels-1 {
			b = hi
		}
		whole, halves := gl(a, b)
		total += halves
		stack = append(stack, panel{a, b, whole, halves, 0})
	}
	// U is known only to rounding, ε|U|: relative differences below
	// noise are not discretisation error.
	noise := 16 * 0x1p-52 * max(1, math.Abs(umin)/kT)
	var sum float64
	splits := 0
	for len(stack) > 0 {
		q := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		diff := math.Abs(q.whole - q.halves)
		if diff <= relTol*total*(q.b-q.a)/(hi-lo) || diff <= noise*q.halves || q.depth == maxDepth || splits > maxSplits {
			sum += q.halves
			continue
		}
		splits++
		m := (q.a + q.b) / 2
		w1, h1 := gl(m, q.b)
		w0, h0 := gl(q.a, m)
		stack = append(stack, panel{m, q.b, w1, h1, q.depth + 1}, panel{q.a, m, w0, h0, q.depth + 1})
	}
	if evalErr != nil {
		return 0, evalErr
	}
	if !(sum > 0) || math.IsInf(sum, 1) {
		return 0, fmt.Errorf("wells: partition: %s potential: integral is %v on [%g, %g] at c = %v", p.Name(), sum, lo, hi, shown(p, c))
	}
	return math.Log(sum) - umin/kT, nil
}
