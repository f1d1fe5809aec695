package majority

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/internal/quad"
	"github.com/landauer-dev/landauer/wells"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat/combin"
)

// Equilibrium is the Boltzmann distribution of N units coupled by the
// mean-field harmonic coupling of RunCoupled,
//
//	H(x₁…x_N) = Σ_i U(x_i; c) + (κ/2) Σ_i (x_i − x̄)²,   x̄ = (1/N) Σ_i x_i,
//
// p(x) = e^{−H/kT}/Z, summarised by how many units lie right of the divide.
// Energies in kT of the reference bath, κ in kT/x_m².
type Equilibrium struct {
	Units       int     `json:"units"`       // N
	Kappa       float64 `json:"kappa"`       // κ (kT/x_m²)
	Temperature float64 `json:"temperature"` // kT
	Divide      float64 `json:"divide"`      // the divide between the wells (x_m)
	// LogZ is ln Z, Z = ∫ d^N x e^{−H/kT} (lengths in x_m).
	LogZ float64 `json:"log_z"`
	// Right[k] is the probability that exactly k of the N units lie right
	// of the divide, k = 0…N. One given configuration with k units right
	// has probability Right[k]/C(N, k) (the units are exchangeable).
	Right    []float64 `json:"right"`
	logRight []float64 // ln Right[k], kept for probabilities below the float range
}

// AllRight is P_eq(every unit right of the divide), Right[N].
func (e *Equilibrium) AllRight() float64 { return e.Right[e.Units] }

// Agree is P_eq(all units on the same side), Right[0] + Right[N].
func (e *Equilibrium) Agree() float64 { return e.Right[0] + e.Right[e.Units] }

// QuasiStaticWork is the least mean work, in kT, to take the units from
// this equilibrium to every unit on the target side (+1: right of the
// divide, −1: left) by a protocol that ends with the same Hamiltonian:
//
//	W_qs = −kT ln P_eq(all units on the target side).
//
// It is the free-energy difference between the equilibrium restricted to
// that region (Z_target) and the full one (Z): the final state of an
// erasure with vanishing error whose barrier is high at the end, so that
// the restricted equilibrium is (meta)stable. For independent units
// (κ = 0) of a symmetric double well it is N ln 2; as κ → ∞ the units move
// as one and it falls to ln 2. Any protocol pays at least this, reached
// only in the quasi-static limit (PHYSICS.md §1, generalised to N
// coupled units).
func (e *Equilibrium) QuasiStaticWork(target int) float64 {
	l := e.logRight[e.Units]
	if target < 0 {
		l = e.logRight[0]
	}
	return -e.Temperature * l
}

// divergence returns Σ_k p_k ln(p_k / Right[k]) in nats for the
// probabilities p (k = 0…N, summing to 1): the relative entropy of a
// distribution of the number of units right of the divide to this
// equilibrium's. Terms with p_k = 0 vanish.
func (e *Equilibrium) divergence(p []float64) float64 {
	var d float64
	for k, pk := range p {
		if pk > 0 {
			d += pk * (math.Log(pk) - e.logRight[k])
		}
	}
	return d
}

// Quadrature settings of CoupledEquilibrium; see its doc comment.
const (
	eqCut    = 60  // kT: the span of one unit ends where U exceeds its minimum by this (wells.Span's rule)
	eqOrder  = 16  // Gauss–Legendre points per panel
	eqPanels = 128 // panels over the span of one unit (at least)
	// eqWindow is how far (in σ_κ = √(kT/κ)) a unit's node may lie from m
	// and still count in ζ(m): e^{−eqWindow²/2} = e^{−128} against the at
	// most e^{eqCut} spread of e^{−U/kT} over the span.
	eqWindow = 16
)

// CoupledEquilibrium computes the Boltzmann distribution of n units in the
// potential p at the control c, coupled by κ ≥ 0, at temperature kT, split
// at divide (see Equilibrium).
//
// Method (exact up to quadrature): Σ_i (x_i − m)² = Σ_i (x_i − x̄)² +
// N (x̄ − m)² for any m, so the Gaussian integral over m gives
//
//	e^{−(κ/2kT) Σ_i (x_i − x̄)²} = √(Nκ/(2π kT)) ∫ dm Π_i e^{−κ (x_i − m)²/(2kT)}
//
// (a Hubbard–Stratonovich transformation), and the N-dimensional integral
// over any region that is a product of half-lines factorises:
//
//	Z_k = √(Nκ/(2π kT)) ∫ dm ζ₊(m)^k ζ₋(m)^{N−k},
//	ζ_±(m) = ∫_{x ≷ divide} dx e^{−[U(x; c) + κ (x − m)²/2]/kT},
//
// where Z_k is the integral over one configuration with k given units
// right of the divide, Right[k] = C(N, k) Z_k / Z and Z = Σ_k C(N, k) Z_k.
// With κ = 0 it is the product ζ₊(0)^k ζ₋(0)^{N−k}.
//
// Quadrature: x runs over wells.Span(p, c, kT, 60) (outside, U exceeds
// its minimum by more than 60 kT), m over the same interval widened by
// √(120 kT/(Nκ)) on each side (the m-integrand falls by e^{−60} there);
// both by composite 16-point Gauss–Legendre on at least 128 panels, each
// no wider than σ_κ/2 (σ_κ = √(kT/κ), the width of the coupling
// Gaussian), with the x-panels split at the divide. ζ(m) sums the x nodes
// within 16 σ_κ of m. Sums are kept in logarithms, so probabilities far
// below 1e-300 keep their relative accuracy. The tests check the result
// against a direct 3-D quadrature for N = 3 (agreement to about 1e-12).
func CoupledEquilibrium(p wells.Potential, c wells.Control, n int, kappa, kT, divide float64) (*Equilibrium, error) {
	if err := checkUnits(n); err != nil {
		return nil, err
	}
	switch {
	case p == nil:
		return nil, fmt.Errorf("majority: equilibrium: no potential")
	case !(kappa >= 0) || math.IsInf(kappa, 1):
		return nil, fmt.Errorf("majority: coupling κ must be finite and ≥ 0, got %v", kappa)
	case !(kT > 0) || math.IsInf(kT, 1):
		return nil, fmt.Errorf("majority: equilibrium: kT must be finite and > 0, got %v", kT)
	case math.IsNaN(divide) || math.IsInf(divide, 0):
		return nil, fmt.Errorf("majority: equilibrium: divide must be finite, got %v", divide)
	}
	g, err := newUnitGrid(p, c, kT, divide, kappa)
	if err != nil {
		return nil, err
	}
	e := &Equilibrium{Units: n, Kappa: kappa, Temperature: kT, Divide: divide,
		Right: make([]float64, n+1), logRight: make([]float64, n+1)}
	lz := make([]float64, n+1) // ln Z_k
	if kappa == 0 {
		lp, lm := g.logZeta(0, 0, 0), g.logZeta(1, 0, 0)
		for k := range lz {
			lz[k] = mulLog(k, lp) + mulLog(n-k, lm)
		}
	} else {
		lz = g.coupled(n, kappa, kT, lz)
	}
	// ln Right[k] = ln C(n,k) + ln Z_k − ln Z.
	terms := make([]float64, n+1)
	for k := range terms {
		terms[k] = lnBinom(n, k) + lz[k]
	}
	e.LogZ = logSumExp(terms)
	if math.IsNaN(e.LogZ) || math.IsInf(e.LogZ, 0) {
		return nil, fmt.Errorf("majority: equilibrium: %s potential: ln Z = %v", p.Name(), e.LogZ)
	}
	for k, t := range terms {
		e.logRight[k] = t - e.LogZ
		e.Right[k] = math.Exp(e.logRight[k])
	}
	return e, nil
}

// mulLog returns k·l with 0·(−Inf) = 0 (an empty side raised to the
// power 0 is 1).
func mulLog(k int, l float64) float64 {
	if k == 0 {
		return 0
	}
	return float64(k) * l
}

// lnBinom returns ln C(n, k), 0 ≤ k ≤ n.
func lnBinom(n, k int) float64 {
	return combin.LogGeneralizedBinomial(float64(n), float64(k))
}

// gaussPanels returns the nodes and weights of composite eqOrder-point
// Gauss–Legendre quadrature on [a, b] (a < b), with panels of equal width
// no wider than width.
func gaussPanels(a, b, width float64) (xs, ws []float64) {
	return quad.Legendre(eqOrder).Panels(a, b, int(math.Ceil((b-a)/width)))
}

// logSumExp returns ln Σ e^{t_i}, −Inf when every t_i is −Inf or t is
// empty (gonum's floats.LogSumExp, which panics on an empty slice).
func logSumExp(t []float64) float64 {
	if len(t) == 0 {
		return math.Inf(-1)
	}
	return floats.LogSumExp(t)
}

// unitGrid holds the Gauss–Legendre nodes of one unit's coordinate on its
// span, split at the divide: side 0 is right of it, side 1 left. For each
// node, x and ln(weight) − U/kT.
type unitGrid struct {
	lo, hi float64
	x, lw  [2][]float64
	u      [2][]float64 // U(x; c) at the nodes (kT units of the potential)
}

// newUnitGrid lays out the nodes (see CoupledEquilibrium). kappa only
// limits the panel width.
func newUnitGrid(p wells.Potential, c wells.Control, kT, divide, kappa float64) (*unitGrid, error) {
	lo, hi, err := wells.Span(p, []wells.Control{c}, kT, eqCut)
	if err != nil {
		return nil, fmt.Errorf("majority: equilibrium: %w", err)
	}
	g := &unitGrid{lo: lo, hi: hi}
	width := (hi - lo) / eqPanels
	if kappa > 0 {
		width = min(width, 0.5*math.Sqrt(kT/kappa))
	}
	for side, r := range [2][2]float64{{max(lo, divide), hi}, {lo, min(hi, divide)}} {
		a, b := r[0], r[1]
		if !(a < b) {
			continue // the span lies wholly on the other side
		}
		xs, ws := gaussPanels(a, b, width)
		u := make([]float64, len(xs))
		p.Eval(c, xs, u, nil)
		for i, v := range u {
			if math.IsNaN(v) || math.IsInf(v, -1) {
				return nil, fmt.Errorf("majority: equilibrium: %s potential is %v at x = %g, c = %v", p.Name(), v, xs[i], c)
			}
			ws[i] = math.Log(ws[i]) - v/kT
		}
		g.x[side], g.lw[side], g.u[side] = xs, ws, u
	}
	return g, nil
}

// logZeta returns ln ζ(m) for side s (0 right, 1 left), with a = κ/kT:
// ln Σ_nodes w e^{−U/kT − a(x − m)²/2}, over the nodes within eqWindow σ_κ
// of m (all nodes, and m unused, when a = 0). −Inf when no node counts.
func (g *unitGrid) logZeta(s int, a, m float64) float64 {
	xs, lw := g.x[s], g.lw[s]
	if a == 0 {
		return logSumExp(lw)
	}
	r := eqWindow / math.Sqrt(a)
	top := math.Inf(-1)
	for i, x := range xs {
		if d := x - m; d >= -r && d <= r {
			top = max(top, lw[i]-0.5*a*d*d)
		}
	}
	if math.IsInf(top, -1) {
		return top
	}
	var sum float64
	for i, x := range xs {
		if d := x - m; d >= -r && d <= r {
			sum += math.Exp(lw[i] - 0.5*a*d*d - top)
		}
	}
	return top + math.Log(sum)
}

// coupled fills lz[k] = ln Z_k by the m-integral of CoupledEquilibrium.
func (g *unitGrid) coupled(n int, kappa, kT float64, lz []float64) []float64 {
	a := kappa / kT
	pad := math.Sqrt(2 * eqCut / (float64(n) * a))
	lo, hi := g.lo-pad, g.hi+pad
	ms, ws := gaussPanels(lo, hi, min((hi-lo)/eqPanels, 0.5/math.Sqrt(a)))
	// terms[k][j] = ln w_j + k ln ζ₊(m_j) + (n−k) ln ζ₋(m_j).
	terms := make([][]float64, n+1)
	for k := range terms {
		terms[k] = make([]float64, len(ms))
	}
	for j, m := range ms {
		lw := math.Log(ws[j])
		lp, lm := g.logZeta(0, a, m), g.logZeta(1, a, m)
		for k := range terms {
			terms[k][j] = lw + mulLog(k, lp) + mulLog(n-k, lm)
		}
	}
	norm := 0.5 * math.Log(float64(n)*a/(2*math.Pi))
	for k := range lz {
		lz[k] = norm + logSumExp(terms[k])
	}
	return lz
}

// relaxationTime estimates the intra-well relaxation time of one unit at
// the grid's control (time unit γx_m²/kT with friction gamma): for each
// side of the divide, the larger of γ/⟨U″⟩ and γ Var(x)/kT, both under the
// Boltzmann density restricted to that side (U″ by central differences of
// the force, step 1e-5 of the span; a side whose ⟨U″⟩ ≤ 0 uses the
// variance alone); the larger of the two sides. Both equal γ/k for a
// harmonic well of stiffness k (the variance of a half well is smaller,
// (1 − 2/π)/k); ⟨U″⟩ is 8E_b for a deep jun well, and it stays finite for a
// flat-bottomed one (x⁴), where the curvature at the bottom vanishes.
func (g *unitGrid) relaxationTime(p wells.Potential, c wells.Control, kT, gamma float64) float64 {
	var tau float64
	h := 1e-5 * (g.hi - g.lo)
	for s := range 2 {
		xs, lw := g.x[s], g.lw[s]
		if len(xs) == 0 {
			continue
		}
		xp, xm := make([]float64, len(xs)), make([]float64, len(xs))
		for i, x := range xs {
			xp[i], xm[i] = x+h, x-h
		}
		u, fp, fm := make([]float64, len(xs)), make([]float64, len(xs)), make([]float64, len(xs))
		p.Eval(c, xp, u, fp)
		p.Eval(c, xm, u, fm)
		top := math.Inf(-1)
		for _, v := range lw {
			top = max(top, v)
		}
		var s0, s1, s2, sc float64
		for i, x := range xs {
			w := math.Exp(lw[i] - top)
			s0 += w
			s1 += w * x
			s2 += w * x * x
			sc += w * (fm[i] - fp[i]) / (2 * h)
		}
		mean := s1 / s0
		tau = max(tau, gamma*max(0, s2/s0-mean*mean)/kT)
		if curv := sc / s0; curv > 0 && !math.IsInf(curv, 1) {
			tau = max(tau, gamma/curv)
		}
	}
	return tau
}
