package fokkerplanck

import (
	"math"

	"github.com/landauer-dev/landauer/wells"
)

// bernoulliEven is 1 + Σₖ B₂ₖ x^k/(2k)!, the even part of z/(eᶻ − 1) as a
// function of x = z², truncated after z¹⁴ (the z¹⁶ term is below 1e-17
// relative for |z| < ½). Estrin's scheme keeps the dependency chain short.
func bernoulliEven(x float64) float64 {
	const (
		c1 = 1.0 / 12
		c2 = -1.0 / 720
		c3 = 1.0 / 30240
		c4 = -1.0 / 1209600
		c5 = 1.0 / 47900160
		c6 = -691.0 / 1307674368000
		c7 = 1.0 / 74724249600
	)
	x2 := x * x
	x4 := x2 * x2
	return (1 + c1*x) + x2*(c2+c3*x) + x4*((c4+c5*x)+x2*(c6+c7*x))
}

// bernoulliFar returns B(d) and B(−d) for |d| ≥ ½ (the rare case on fine
// grids, out of line) as B(|d|) = |d| e^{−|d|}/(1 − e^{−|d|}) and
// B(−|d|) = |d|/(1 − e^{−|d|}): 1 − e^{−|d|} ≥ 0.39 loses nothing to
// cancellation, nothing overflows, and the ratio is e^{|d|} to a few ulp.
// Beyond |d| = 708 the factor e^{−|d|} is held at e^{−708}: such a face is a
// wall that no representable mass crosses.
func bernoulliFar(d float64) (plus, minus float64) {
	a := math.Abs(d)
	e := expNeg(-min(a, 708))
	big := a / (1 - e) // B(−a)
	small := big * e   // B(a)
	if d > 0 {
		return small, big
	}
	return big, small
}

// The discretisation. Cell i of width h holds the mass p[i]. Across face i
// (between cells i and i+1) the Scharfetter–Gummel flux is
//
//	J = (D/h²) [B(Δᵢ) p[i] − B(−Δᵢ) p[i+1]],   Δᵢ = (U[i+1] − U[i])/kT,
//
// a two-way jump process with rates (D/h²)B(Δᵢ) to the right and
// (D/h²)B(−Δᵢ) to the left, zero across the walls. The backward-Euler matrix
// A = I − dt L has positive diagonal, non-positive off-diagonals and column
// sums exactly 1 (an M-matrix): A⁻¹ is a positive stochastic matrix that
// keeps the discrete Boltzmann distribution e^{−U[i]/kT}/Z.

// field is the potential on the grid for one control and its
// Scharfetter–Gummel weights.
type field struct {
	ctl wells.Control
	u   []float64 // U(xᵢ, ctl)
	bp  []float64 // B(Δᵢ) of face i; 0 for the last entry (the wall)
	bm  []float64 // B(−Δᵢ)
}

// grid evaluates fields on the cell centres x.
type grid struct {
	pot  wells.Potential
	beta float64 // 1/kT
	x    []float64
}

func (g *grid) newField() *field {
	n := len(g.x)
	buf := make([]float64, 3*n)
	return &field{u: buf[:n:n], bp: buf[n : 2*n : 2*n], bm: buf[2*n:]}
}

// set evaluates f for control c.
func (g *grid) set(f *field, c wells.Control) {
	f.ctl = c
	g.pot.Eval(c, g.x, f.u, nil)
	rates(f.u, f.bp, f.bm, g.beta)
}

// rates sets bp[i] = B(Δᵢ) and bm[i] = B(−Δᵢ), the Scharfetter–Gummel
// weights of the Bernoulli function B(z) = z/(eᶻ − 1), for the faces
// i < len(u)−1, Δᵢ = beta (u[i+1] − u[i]), and bp, bm = 0 for the last entry
// (a wall). Each is accurate to a few units in the last place, and so is
// their ratio B(−Δ)/B(Δ) = e^Δ, which is what makes the discrete equilibrium
// the Boltzmann distribution. For |Δ| < ½, B(±Δ) = S(Δ²) ∓ Δ/2 with S the
// even part of the Taylor series (no cancellation, no exp, no division);
// otherwise bernoulliFar.
func rates(u, bp, bm []float64, beta float64) {
	n := len(u)
	bp, bm = bp[:n], bm[:n]
	for i := 0; i < n-1; i++ {
		d := beta * (u[i+1] - u[i])
		// A shorter series serves the most common case |d| < 1/8 (fine
		// grids), where the z¹⁰ term is below 2e-17.
		switch a := math.Abs(d); {
		case a < 0.125:
			const c1, c2, c3, c4 = 1.0 / 12, -1.0 / 720, 1.0 / 30240, -1.0 / 1209600
			x := d * d
			s := 1 + x*(c1+x*(c2+x*(c3+x*c4)))
			bp[i], bm[i] = s-0.5*d, s+0.5*d
		case a < 0.5:
			s := bernoulliEven(d * d)
			bp[i], bm[i] = s-0.5*d, s+0.5*d
		default:
			bp[i], bm[i] = bernoulliFar(d)
		}
	}
	bp[n-1], bm[n-1] = 0, 0
}

// chain is one backward-Euler march of the masses with a fixed time step.
//
// Each step solves A p_new = p_old by Gaussian elimination and back
// substitution. The sweep direction alternates: the back substitution of one
// step runs in the same pass as the elimination of the next (two independent
// dependency chains in one loop), so the back substitution of the last step
// is pending until finish.
type chain struct {
	c   float64       // D dt/h²
	ctl wells.Control // control of the last step
	u   []float64     // U at ctl
	p   []float64     // masses, or z of the pending back substitution
	e   []float64     // multipliers of the pending back substitution, or 0
	up  bool          // direction of the next elimination
	// rec, when not nil, receives the masses before each step (see
	// stepRec in adjoint.go): the tape of the adjoint.
	rec []float64
}

func newChain(f *field, p []float64, c float64) *chain {
	n := len(p)
	return &chain{c: c, ctl: f.ctl, u: append([]float64(nil), f.u...),
		p: p, e: make([]float64, n), up: true}
}

// step moves the potential to f's control at fixed masses, returning the
// Sekimoto work Σᵢ p[i] (U(xᵢ, new) − U(xᵢ, old)), then relaxes for dt.
func (ch *chain) step(f *field) float64 {
	un := f.u
	changed := f.ctl != ch.ctl
	if !changed {
		un = ch.u // no work; U − U = 0 exactly
	}
	var w float64
	switch {
	case ch.rec != nil:
		w = ch.stepRec(un, f)
	case ch.up:
		w = sweepUp(ch.p, ch.e, ch.u, un, f.bp, f.bm, ch.c)
	default:
		w = sweepDown(ch.p, ch.e, ch.u, un, f.bp, f.bm, ch.c)
	}
	ch.up = !ch.up
	if changed {
		ch.ctl = f.ctl
		copy(ch.u, f.u)
	}
	return w
}

// finish does the pending back substitution, leaving the masses in p.
func (ch *chain) finish() {
	p, e := ch.p, ch.e[:len(ch.p)]
	if ch.up { // the last elimination ran downward: substitute upward
		x := 0.0
		for i := range p {
			x = p[i] + e[i]*x
			p[i] = x
		}
	} else {
		x := 0.0
		for i := len(p) - 1; i >= 0; i-- {
			x = p[i] + e[i]*x
			p[i] = x
		}
	}
	clear(e)
}

// sweepUp runs upward through the cells: it finishes the pending back
// substitution of a downward elimination (p[i] = z[i] + e[i] p[i−1]; a no-op
// when e = 0), accumulates the work Σ p (un − u) with the resulting masses,
// and eliminates upward for the rates c·bp (right) and c·bm (left), leaving z
// in p and the multipliers in e (p[i] = z[i] + e[i] p[i+1]).
//
// Elimination from cell 0 upward produces pivots dᵢ = sᵢ + Rᵢ, where Rᵢ is
// the right rate of face i and the column excess sᵢ = 1 + L_{i−1}s_{i−1}/d_{i−1}
// (L the left rate) obeys a subtraction-free recurrence because the columns
// of A sum to 1. Writing sᵢ = Pᵢ/Qᵢ makes it linear: Q_{i+1} = Pᵢ + RᵢQᵢ,
// P_{i+1} = Q_{i+1} + LᵢPᵢ, dᵢ = Q_{i+1}/Qᵢ, so the one division per cell is
// off the loop-carried dependency chain. Then zᵢ = (bᵢ + R_{i−1}z_{i−1})/dᵢ
// and eᵢ = Lᵢ/dᵢ. Every operation adds or multiplies positive numbers, so
// each new mass, however small, comes out positive and accurate to a small
// multiple of the rounding error relative to itself. P and Q are rescaled by
// powers of two (exactly) to stay finite.
func sweepUp(p, e, u, un, bp, bm []float64, c float64) float64 {
	n := len(p)
	e, u, un, bp, bm = e[:n], u[:n], un[:n], bp[:n], bm[:n]
	var w, x float64
	P, Q := 1.0, 1.0
	var rPrev, z float64
	for i := range p {
		x = p[i] + e[i]*x
		w += x * (un[i] - u[i])
		ri, li := c*bp[i], c*bm[i]
		qn := P + ri*Q
		d := Q / qn // 1/dᵢ
		z = x*d + (rPrev*d)*z
		p[i] = z
		e[i] = li * d
		P = qn + li*P
		Q = qn
		rPrev = ri
		if Q > 0x1p500 {
			P *= 0x1p-500
			Q *= 0x1p-500
		}
	}
	return w
}

// sweepDown is the mirror image of sweepUp: it finishes an upward
// elimination (p[i] = z[i] + e[i] p[i+1]) and eliminates downward, where the
// rate "ahead" out of cell i is the left rate of face i−1 and the rate in
// from behind is the right rate of face i−1; it leaves p[i] = z[i] + e[i] p[i−1].
func sweepDown(p, e, u, un, bp, bm []float64, c float64) float64 {
	n := len(p)
	e, u, un, bp, bm = e[:n], u[:n], un[:n], bp[:n], bm[:n]
	var w, x float64
	P, Q := 1.0, 1.0
	var lPrev, z float64
	for i := n - 1; i >= 1; i-- {
		x = p[i] + e[i]*x
		w += x * (un[i] - u[i])
		li, ri := c*bm[i-1], c*bp[i-1] // out of cell i downward, into it from below
		qn := P + li*Q
		d := Q / qn
		z = x*d + (lPrev*d)*z
		p[i] = z
		e[i] = ri * d
		P = qn + ri*P
		Q = qn
		lPrev = li
		if Q > 0x1p500 {
			P *= 0x1p-500
			Q *= 0x1p-500
		}
	}
	x = p[0] + e[0]*x
	w += x * (un[0] - u[0])
	d := Q / P
	p[0] = x*d + (lPrev*d)*z
	e[0] = 0
	return w
}
