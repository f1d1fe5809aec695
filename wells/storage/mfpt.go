package storage

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/internal/quad"
	"github.com/landauer-dev/landauer/wells"
)

// Time is a time with its natural logarithm (for times too long for a
// float64) and the estimated absolute error of Value.
type Time struct {
	Value float64 `json:"value"` // t0
	Log   float64 `json:"log"`   // ln(Value/t0)
	Err   float64 `json:"err"`   // estimated error of Value (t0)
}

// mfptPanels is the number of quadrature panels across the domain of the
// fine MFPT quadrature (the coarse one has half as many).
const mfptPanels = 2000

// MFPT returns the mean first-passage time of overdamped diffusion
// (D = kT/friction) in U(x, c) from a to b, with reflecting walls at lo and
// hi (see the package doc for the formula). The integrals are nested
// composite 10-point Gauss–Legendre rules on panels of width about
// (hi − lo)/2000, with panel edges at the points of breaks (put kinks of U
// there); the inner integrand e^{−U/kT} is shifted by the least U on the
// domain and the outer one e^{U/kT} by the greatest U on [a, b], so nothing
// overflows. Err is the difference from the same rule on half as many
// panels (an upper bound on the error of the finer rule for smooth U, where
// Gauss–Legendre converges much faster than that) plus a rounding allowance
// of 1e-13 relative.
func MFPT(p wells.Potential, c wells.Control, kT, friction, lo, hi, a, b float64, breaks []float64) (Time, error) {
	return mfpt(p, c, kT, friction, lo, hi, a, b, breaks, true)
}

// mfpt is MFPT, without the coarse rule (Err = 0) unless withErr.
func mfpt(p wells.Potential, c wells.Control, kT, friction, lo, hi, a, b float64, breaks []float64, withErr bool) (Time, error) {
	switch {
	case !(kT > 0) || math.IsInf(kT, 1) || !(friction > 0) || math.IsInf(friction, 1):
		return Time{}, fmt.Errorf("storage: mfpt: kT = %v and friction = %v must be finite and > 0", kT, friction)
	case !(lo <= min(a, b) && max(a, b) <= hi && lo < hi):
		return Time{}, fmt.Errorf("storage: mfpt: a = %v and b = %v must lie in [%v, %v]", a, b, lo, hi)
	case a == b:
		return Time{}, nil
	}
	m := &mfptRule{p: p, c: c, beta: 1 / kT}
	fine, err := m.logT(lo, hi, a, b, breaks, mfptPanels)
	if err != nil {
		return Time{}, err
	}
	lt := fine - math.Log(kT/friction)
	v := math.Exp(lt)
	if !withErr {
		return Time{Value: v, Log: lt}, nil
	}
	coarse, err := m.logT(lo, hi, a, b, breaks, mfptPanels/2)
	if err != nil {
		return Time{}, err
	}
	return Time{Value: v, Log: lt, Err: v * (math.Abs(math.Expm1(coarse-fine)) + 1e-13)}, nil
}

type mfptRule struct {
	p    wells.Potential
	c    wells.Control
	beta float64
}

// logT returns ln(D·T) for the rule with about n panels across [lo, hi].
// When b < a the problem is mirrored (x → −x), so only a < b is coded.
func (m *mfptRule) logT(lo, hi, a, b float64, breaks []float64, n int) (float64, error) {
	sign := 1.0
	if b < a {
		sign = -1
		lo, hi, a, b = -hi, -lo, -a, -b
	}
	eval := func(x, u []float64) error {
		if sign < 0 {
			for i := range x {
				x[i] = -x[i]
			}
		}
		m.p.Eval(m.c, x, u, nil)
		for i := range u {
			if math.IsNaN(u[i]) || math.IsInf(u[i], 0) {
				return fmt.Errorf("storage: mfpt: %s potential is %v at x = %g", m.p.Name(), u[i], x[i])
			}
			u[i] *= m.beta
		}
		return nil
	}
	// Panel edges: [lo, b] cut at a and at the breaks, each piece split into
	// panels of width ≤ (hi − lo)/n.
	cuts := []float64{lo, a, b}
	for _, x := range breaks {
		x *= sign
		if lo < x && x < b {
			cuts = append(cuts, x)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	w := (hi - lo) / float64(n)
	var edges []float64
	for i := 0; i+1 < len(cuts); i++ {
		k := max(1, int(math.Ceil((cuts[i+1]-cuts[i])/w)))
		for j := range k {
			edges = append(edges, cuts[i]+float64(j)*(cuts[i+1]-cuts[i])/float64(k))
		}
	}
	edges = append(edges, b)
	np := len(edges) - 1

	gl := quad.Legendre(10)
	x, u := make([]float64, 10), make([]float64, 10)
	// umin: the least U at the nodes (shift of the inner integrand).
	nodes := func(a, b float64) { gl.Nodes(x, a, b) }
	umin := math.Inf(1)
	for k := range np {
		nodes(edges[k], edges[k+1])
		if err := eval(x, u); err != nil {
			return 0, err
		}
		for _, v := range u {
			umin = min(umin, v)
		}
	}
	// The inner integral ∫_lo^{edge k} e^{−(U−umin)} at every panel edge.
	cum := make([]float64, np+1)
	inner := func(a, b float64) (float64, error) {
		nodes(a, b)
		if err := eval(x, u); err != nil {
			return 0, err
		}
		for i, v := range u {
			u[i] = math.Exp(-(v - umin))
		}
		return gl.Sum(u, a, b), nil
	}
	for k := range np {
		s, err := inner(edges[k], edges[k+1])
		if err != nil {
			return 0, err
		}
		cum[k+1] = cum[k] + s
	}
	// The outer nodes, their U and their inner integrals.
	type node struct{ y, w, u, lnI float64 }
	var ns []node
	umax := math.Inf(-1)
	y := make([]float64, 10)
	for k := range np {
		if edges[k] < a {
			continue
		}
		nodes(edges[k], edges[k+1])
		copy(y, x)
		if err := eval(x, u); err != nil {
			return 0, err
		}
		uk := slices.Clone(u)
		for i := range y {
			part, err := inner(edges[k], y[i])
			if err != nil {
				return 0, err
			}
			ns = append(ns, node{y[i], gl.W[i] * (edges[k+1] - edges[k]) / 2, uk[i], math.Log(cum[k] + part)})
			umax = max(umax, uk[i]+math.Log(cum[k]+part))
		}
	}
	var s float64
	for _, q := range ns {
		s += q.w * math.Exp(q.u+q.lnI-umax)
	}
	if !(s > 0) || math.IsInf(s, 0) {
		return 0, errors.New("storage: mfpt: the quadrature gave no finite positive time")
	}
	// D·T = e^{umax − umin}·s (umin shifts the inner integrand, umax the product).
	return math.Log(s) + umax - umin, nil
}
