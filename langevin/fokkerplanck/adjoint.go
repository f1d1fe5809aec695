package fokkerplanck

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/wells"
)

// Side selects the side of Problem.Divide whose final mass is the error ε
// of an erasure: the side the bit should have left.
type Side int

const (
	// NoError asks for the gradient of the work only (dLnErr is nil).
	NoError Side = 0
	// Left: ε is the final mass left of Divide (Solution.Left).
	Left Side = -1
	// Right: ε is the final mass right of Divide (Solution.Right).
	Right Side = 1
)

// MaxTape is the largest number of float64 values Gradient keeps: the
// masses before every step of the march, (Steps+1)·Cells, plus
// (Steps/2+1)·Cells for the Richardson partner unless Problem.FirstOrder
// (8 bytes each; 2^28 floats are 2 GiB). The defaults (2000 cells, 10⁴
// steps) need 3.0e7 floats, 240 MB.
const MaxTape = 1 << 28

// record holds the masses p_m, m = 0..M, of the march at dt (fine) and of
// its partner at 2dt (coarse), each p_m at [m·n, (m+1)·n).
type record struct{ fine, coarse []float64 }

// stepRec is chain.step's sweep when recording: the same arithmetic as
// sweepUp and sweepDown (so the same masses, bit for bit), and the masses
// before the step, as they are finished in the sweep, go to the tape.
func (ch *chain) stepRec(un []float64, f *field) float64 {
	n := len(ch.p)
	keep := ch.rec[:n]
	ch.rec = ch.rec[n:]
	if ch.up {
		return sweepUpRec(ch.p, ch.e, ch.u, un, f.bp, f.bm, ch.c, keep)
	}
	return sweepDownRec(ch.p, ch.e, ch.u, un, f.bp, f.bm, ch.c, keep)
}

// sweepUpRec is sweepUp, storing the finished masses in keep.
func sweepUpRec(p, e, u, un, bp, bm []float64, c float64, keep []float64) float64 {
	n := len(p)
	e, u, un, bp, bm, keep = e[:n], u[:n], un[:n], bp[:n], bm[:n], keep[:n]
	var w, x float64
	P, Q := 1.0, 1.0
	var rPrev, z float64
	for i := range p {
		x = p[i] + e[i]*x
		keep[i] = x
		w += x * (un[i] - u[i])
		ri, li := c*bp[i], c*bm[i]
		qn := P + ri*Q
		d := Q / qn
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

// sweepDownRec is sweepDown, storing the finished masses in keep.
func sweepDownRec(p, e, u, un, bp, bm []float64, c float64, keep []float64) float64 {
	n := len(p)
	e, u, un, bp, bm, keep = e[:n], u[:n], un[:n], bp[:n], bm[:n], keep[:n]
	var w, x float64
	P, Q := 1.0, 1.0
	var lPrev, z float64
	for i := n - 1; i >= 1; i-- {
		x = p[i] + e[i]*x
		keep[i] = x
		w += x * (un[i] - u[i])
		li, ri := c*bm[i-1], c*bp[i-1]
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
	keep[0] = x
	w += x * (un[0] - u[0])
	d := Q / P
	p[0] = x*d + (lPrev*d)*z
	e[0] = 0
	return w
}

// Coefficients k·B₂ₖ/(2k)! of S'(x), S(x) = Σₖ B₂ₖ x^k/(2k)! the even part
// of the Bernoulli function B(z) = z/(eᶻ − 1) in x = z² (see bernoulliEven),
// through the z¹⁶ term of S (whose contribution to B' is below 2e-16 for
// |z| < ½; the next is below 2e-18).
const (
	ds1 = 1.0 / 12
	ds2 = 2 * (-1.0 / 720)
	ds3 = 3 * (1.0 / 30240)
	ds4 = 4 * (-1.0 / 1209600)
	ds5 = 5 * (1.0 / 47900160)
	ds6 = 6 * (-691.0 / 1307674368000)
	ds7 = 7 * (1.0 / 74724249600)
	ds8 = 8 * (-3617.0 / 10670622842880000)
)

// bernoulliSlope returns m = −B'(d) and M = −B'(−d), the slopes of the
// Scharfetter–Gummel weights: ∂B(Δ)/∂Δ = −m and ∂B(−Δ)/∂Δ = M. Both lie in
// (0, 1) and m + M = 1 (from B(−z) = B(z) + z). Each is computed directly,
// to a relative accuracy of a few ulp (at most about 8), for every d:
//
//   - |d| < ½: B'(d) = −½ + 2d S'(d²) with the series of S' (no cancellation:
//     |2d S'| < 0.09);
//   - otherwise from the weights themselves (bernoulliFar), with
//     B'(z) = B(z)(1 − B(−z))/z: m = B(d)(B(−d) − 1)/d and
//     M = B(−d)(1 − B(d))/d, whose differences lose at most a factor 5 to
//     cancellation (at |d| = ½) and nothing for large |d|, where
//     −B'(|d|) ≈ (|d| − 1) e^{−|d|} is tiny and −B'(−|d|) → 1. No exponential
//     beyond the weights' own is needed.
func bernoulliSlope(d float64) (m, M float64) {
	if math.Abs(d) < 0.5 {
		return slopeNear(d)
	}
	bp, bm := bernoulliFar(d)
	return slopeFar(d, bp, bm)
}

// slopeNear is bernoulliSlope for |d| < ½.
func slopeNear(d float64) (m, M float64) {
	x := d * d
	x2 := x * x
	x4 := x2 * x2
	s := (ds1 + ds2*x) + x2*(ds3+ds4*x) + x4*((ds5+ds6*x)+x2*(ds7+ds8*x))
	t := 2 * d * s
	return 0.5 - t, 0.5 + t
}

// slopeFar is bernoulliSlope for |d| ≥ ½ from the weights bp = B(d) and
// bm = B(−d).
func slopeFar(d, bp, bm float64) (m, M float64) {
	inv := 1 / d
	return bp * (bm - 1) * inv, bm * (1 - bp) * inv
}

// slopes sets m[i], mm[i] = bernoulliSlope(beta (u[i+1] − u[i])) for the
// faces i < len(u)−1, using the weights bp, bm that rates computed from the
// same u, and 0 for the last entry (the wall).
func slopes(u, bp, bm, m, mm []float64, beta float64) {
	n := len(u)
	bp, bm, m, mm = bp[:n], bm[:n], m[:n], mm[:n]
	for i := 0; i < n-1; i++ {
		d := beta * (u[i+1] - u[i])
		if math.Abs(d) < 0.5 {
			m[i], mm[i] = slopeNear(d)
		} else {
			m[i], mm[i] = slopeFar(d, bp[i], bm[i])
		}
	}
	m[n-1], mm[n-1] = 0, 0
}

// Gradient solves pr exactly as Solve does and returns the same Solution,
// bit for bit, together with the exact derivatives of the discrete
// Solution.Work and of ln ε with respect to every grid value of the
// potential, U_k[i] = U(xᵢ, λ(t_k)) at the cell centres xᵢ and the step
// times t_k = kτ/Steps, k = 0..Steps (U_0 also sets the initial Boltzmann
// density). ε is the final mass on the wrong side, Solution.Left (wrong =
// Left) or Solution.Right (wrong = Right), as Solve reports it: extrapolated
// and renormalised unless pr.FirstOrder. With wrong = NoError only the work
// is differentiated.
//
// Instead of returning Steps×Cells numbers it calls sink(k, t_k, λ(t_k),
// dWork, dLnErr) once for each k, in decreasing k from Steps to 0, with
// dWork[i] = ∂Work/∂U_k[i] (dimensionless: kT per kT) and dLnErr[i] =
// ∂ln ε/∂U_k[i] (per kT); dLnErr is nil for NoError. The slices are valid
// only during the call. The derivatives are exact for the discrete solve
// (to rounding), not for the continuum; see the package documentation for
// the equations, and for two consequences for parametrised protocols (hold
// the domain fixed; with extrapolation the derivative at a single step
// alternates between even and odd steps).
//
// Memory: the masses before every step are kept (see MaxTape); a problem
// that needs more than MaxTape floats is refused. A caller that computes
// many gradients can keep that memory between calls with Tape.Gradient.
// Time: about 2.4 forward solves of CPU time (BenchmarkGradient800x4000).
// As in Solve, unless pr.Serial the potential and its weights are computed
// on a second goroutine, here for both passes; the results do not depend on
// it. The backward pass observes ctx as the forward march does.
//
// The gradient of ln ε needs ε > 0 on both the step dt and its partner 2dt
// (and, extrapolated, a nonzero mass on the other side), and ε above about
// 1e-300·(D dt/h²)/kT so that its scale 1/ε stays finite: anything else is
// an error.
func Gradient(ctx context.Context, pr Problem, wrong Side, sink func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64)) (*Solution, error) {
	return new(Tape).Gradient(ctx, pr, wrong, sink)
}

// Tape is the memory of Gradient: the masses before every time step, of
// the march and of its Richardson partner. Its methods are Gradient and
// ControlGradient, which reuse the memory from one call to the next (an
// optimiser saves the allocation and first touch of up to MaxTape floats
// per gradient). The zero value is ready to use; a Tape is not safe for
// concurrent use.
type Tape struct{ buf []float64 }

// Gradient is the package function Gradient, keeping its masses in t.
func (t *Tape) Gradient(ctx context.Context, pr Problem, wrong Side, sink func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64)) (*Solution, error) {
	s, err := prepare(pr, 2)
	if err != nil {
		return nil, err
	}
	return s.gradient(ctx, t, wrong, sink)
}

// ControlDerivatives are the derivatives of a Solution's Work and ln ε with
// respect to the control values at every time step, for a potential that
// implements wells.ControlGradient:
//
//	Work[k][j] = Σᵢ ∂Work/∂U_k[i] · ∂U/∂λ_j(xᵢ, λ(t_k)),
//
// likewise LnErr. A protocol λ(t; θ) with parameters θ then has
// ∂Work/∂θ = Σ_k Σ_j Work[k][j] ∂λ_j(t_k)/∂θ.
type ControlDerivatives struct {
	Times    []float64       // t_k = kτ/Steps, k = 0..Steps
	Controls []wells.Control // λ(t_k)
	// Work[k][j] = ∂Work/∂λ_j(t_k) (kT per unit of λ_j); LnErr likewise for
	// ln ε, nil for NoError. j < len(Potential.Controls()).
	Work, LnErr [][]float64
}

// ControlGradient is Gradient composed with the potential's
// wells.ControlGradient: it returns the Solution and the derivatives of
// Work and ln ε with respect to the control values at every step
// ((Steps+1)·len(Controls()) numbers each).
func ControlGradient(ctx context.Context, pr Problem, wrong Side) (*Solution, *ControlDerivatives, error) {
	return new(Tape).ControlGradient(ctx, pr, wrong)
}

// ControlGradient is the package function ControlGradient, keeping its
// masses in t.
func (t *Tape) ControlGradient(ctx context.Context, pr Problem, wrong Side) (*Solution, *ControlDerivatives, error) {
	s, err := prepare(pr, 2)
	if err != nil {
		return nil, nil, err
	}
	cg, ok := pr.Potential.(wells.ControlGradient)
	if !ok {
		return nil, nil, errorf("potential %s does not implement wells.ControlGradient", pr.Potential.Name())
	}
	nc := len(pr.Potential.Controls())
	if nc == 0 {
		return nil, nil, errorf("potential %s has no controls", pr.Potential.Name())
	}
	n, steps := s.n, s.steps
	x := make([]float64, n)
	for i := range x {
		x[i] = s.lo + (float64(i)+0.5)*s.h
	}
	d := make([][]float64, nc)
	for j := range d {
		d[j] = make([]float64, n)
	}
	out := &ControlDerivatives{
		Times:    make([]float64, steps+1),
		Controls: make([]wells.Control, steps+1),
		Work:     matrix(steps+1, nc),
	}
	if wrong != NoError {
		out.LnErr = matrix(steps+1, nc)
	}
	sol, err := s.gradient(ctx, t, wrong, func(k int, tk float64, ctl wells.Control, dWork, dLnErr []float64) {
		out.Times[k], out.Controls[k] = tk, ctl
		cg.ControlGrad(ctl, x, d)
		e := dLnErr
		if e == nil {
			e = dWork // computed and dropped
		}
		for j := range nc {
			w, le := dot2(dWork, e, d[j])
			out.Work[k][j] = w
			if dLnErr != nil {
				out.LnErr[k][j] = le
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return sol, out, nil
}

func matrix(rows, cols int) [][]float64 {
	buf := make([]float64, rows*cols)
	m := make([][]float64, rows)
	for i := range m {
		m[i] = buf[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return m
}

// dot returns Σ a[i] b[i].
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// dot2 returns Σ a[i] d[i] and Σ b[i] d[i], over the cells where d is not
// zero (the derivative of a localised control, e.g. a spline node, vanishes
// on most of the grid), with two partial sums each.
func dot2(a, b, d []float64) (sa, sb float64) {
	n := len(d)
	a, b = a[:n], b[:n]
	lo, hi := 0, n
	for lo < hi && d[lo] == 0 {
		lo++
	}
	for hi > lo && d[hi-1] == 0 {
		hi--
	}
	var a0, a1, b0, b1 float64
	i := lo
	for ; i+1 < hi; i += 2 {
		a0 += a[i] * d[i]
		b0 += b[i] * d[i]
		a1 += a[i+1] * d[i+1]
		b1 += b[i+1] * d[i+1]
	}
	if i < hi {
		a0 += a[i] * d[i]
		b0 += b[i] * d[i]
	}
	return a0 + a1, b0 + b1
}

// adjChain is the backward pass of one march (at dt or at 2dt).
type adjChain struct {
	c      float64   // D dt/h² of the march
	stride int       // time steps of the grid per step of the march
	wW     float64   // ∂Solution.Work/∂(this march's work): 1, 2 or −1
	sE     float64   // ∂ln ε/∂(this march's wrong-side mass), after the constant shift
	tape   []float64 // p_m, m = 0..M
	a, b   []float64 // adjoints of the masses, for the work and for ln ε
	e      []float64 // multipliers of the transposed elimination
	steps  int       // M
	up     bool      // direction of the next sweep
}

// gradient implements Gradient on a prepared setup, with the masses kept in
// t's memory.
func (s *setup) gradient(ctx context.Context, t *Tape, wrong Side, sink func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64)) (*Solution, error) {
	if wrong < Left || wrong > Right {
		return nil, errorf("wrong side %d, want Left (−1), Right (+1) or NoError (0)", wrong)
	}
	if sink == nil {
		return nil, errorf("no sink for the gradient")
	}
	n, steps := s.n, s.steps
	partner := !s.pr.FirstOrder
	need := float64(steps+1) * float64(n)
	if partner {
		need += float64(steps/2+1) * float64(n)
	}
	if need > MaxTape {
		return nil, errorf("the gradient of %d cells × %d steps would keep %.3g masses, more than MaxTape = %d: use fewer cells or a larger dt", n, steps, need, MaxTape)
	}
	nf, nc := (steps+1)*n, 0
	if partner {
		nc = (steps/2 + 1) * n
	}
	if cap(t.buf) < nf+nc {
		t.buf = nil // let the old one go first
		t.buf = make([]float64, nf+nc)
	}
	tp := &record{fine: t.buf[:nf:nf]}
	if partner {
		tp.coarse = t.buf[nf : nf+nc : nf+nc]
	}
	f, c, err := s.march(ctx, partner, tp)
	if err != nil {
		return nil, err
	}
	sol := s.solution(f, c)
	copy(tp.fine[steps*n:], f.p)
	if partner {
		copy(tp.coarse[steps/2*n:], c.p)
	}

	dt := s.tau / float64(steps)
	cf := s.d * dt / (s.h * s.h)
	newAdj := func(c float64, stride int, wW float64, tape []float64) *adjChain {
		return &adjChain{c: c, stride: stride, wW: wW, tape: tape,
			a: make([]float64, n), b: make([]float64, n), e: make([]float64, n),
			steps: steps / stride}
	}
	chains := []*adjChain{newAdj(cf, 1, 1, tp.fine)}
	if partner {
		chains[0].wW = 2
		chains = append(chains, newAdj(2*cf, 2, -1, tp.coarse))
	}

	// Seeds of the ln ε adjoint: ψ_M = sE·1_wrong (see the package
	// documentation for the constant shift that makes them one-signed).
	lo, hi := 0, s.divide // cells of the wrong side
	if wrong == Right {
		lo, hi = s.divide, n
	}
	if wrong != NoError {
		wf, of := f.left, f.right
		if wrong == Right {
			wf, of = of, wf
		}
		if !partner {
			if !(wf > 0) {
				return nil, errorf("the wrong-side mass is %v: ln ε and its gradient are not defined", wf)
			}
			chains[0].sE = 1 / wf
		} else {
			wc, oc := c.left, c.right
			if wrong == Right {
				wc, oc = oc, wc
			}
			if !(wf > 0 && of > 0 && wc > 0 && oc > 0) {
				return nil, errorf("a final mass is zero (wrong side %v and %v, other side %v and %v at dt and 2dt): ln ε and its gradient are not defined", wf, wc, of, oc)
			}
			// ln ε = ln l_w − ln(l_w + l_o), ln l = 2 ln X(dt) − ln X(2dt):
			// d ln ε = ρ_o (2 dW_f/W_f − dW_c/W_c − 2 dO_f/O_f + dO_c/O_c),
			// ρ_o = l_o/(l_w + l_o) the extrapolated other-side mass; with
			// dO = −dW (mass is conserved exactly) this is
			// ρ_o [2 (1/W_f + 1/O_f) dW_f − (1/W_c + 1/O_c) dW_c].
			rho := sol.Right
			if wrong == Right {
				rho = sol.Left
			}
			chains[0].sE = 2 * rho * (wf + of) / (wf * of)
			chains[1].sE = -rho * (wc + oc) / (wc * oc)
		}
		for _, ch := range chains {
			// The adjoint b is the probability of ending on the wrong side
			// (≤ 1); its derivatives are scaled by D dt/h²·β·sE at the end,
			// sE ~ 1/ε.
			if !finite(ch.c * ch.sE / s.kT) {
				return nil, errorf("the wrong-side mass %.3g is too small for the gradient of ln ε (its scale overflows)", 1/math.Abs(ch.sE))
			}
			for i := lo; i < hi; i++ {
				ch.b[i] = 1
			}
		}
	}

	// Fields of steps j+1, j and j−1 in pass j.
	x := f.x
	g := &grid{pot: s.pr.Potential, beta: 1 / s.kT, x: x}
	fields := newAdjFields(g, s.pr.Schedule, steps, s.pr.Serial)
	defer fields.close()
	fieldAt := fields.at

	dW := make([]float64, n)
	var dE []float64
	if wrong != NoError {
		dE = make([]float64, n)
	}
	scratch := make([]float64, n) // dLnErr sink of NoError
	beta := g.beta
	// The first eliminations, upward, at step Steps; then each pass j
	// finishes the transposed solve of step j+1 (its back substitution, the
	// derivatives for U_{j+1}, the adjoint of the masses before it) in the
	// same sweep as it eliminates step j, alternating the direction (as the
	// forward march does). The partner's step m (grid step 2m) is finished in
	// pass 2m−1, with its next elimination at grid step 2m−2, so both
	// marches have contributed to U_{j+1} at the end of pass j.
	top := fieldAt(steps)
	for _, ch := range chains {
		elimT(ch.a, ch.b, ch.e, top.bp, top.bm, ch.c)
		ch.up = false
	}
	var ps adjPass
	for j := steps - 1; j >= 0; j-- {
		done := fieldAt(j + 1)
		clear(dW)
		gE := scratch
		if dE != nil {
			gE = dE
		}
		clear(gE)
		for _, ch := range chains {
			if (j+1)%ch.stride != 0 {
				continue
			}
			m := (j + 1) / ch.stride // the step finished
			next := fieldAt(j + 1 - ch.stride)
			ps = adjPass{
				pm: ch.tape[m*n : (m+1)*n], pp: ch.tape[(m-1)*n : m*n],
				m: done.m, mm: done.mm, u: done.u, uprev: next.u,
				gW: dW, gE: gE,
				coefW: ch.c * beta, coefE: ch.c * beta * ch.sE, wW: ch.wW, last: 1,
				c: ch.c,
			}
			if m == ch.steps {
				ps.last = 0
			}
			switch {
			case m == 1 && ch.up:
				finishUp(ch.a, ch.b, ch.e, &ps)
			case m == 1:
				finishDown(ch.a, ch.b, ch.e, &ps)
			case ch.up:
				ps.bp, ps.bm = next.bp, next.bm
				adjUp(ch.a, ch.b, ch.e, &ps)
			default:
				ps.bp, ps.bm = next.bp, next.bm
				adjDown(ch.a, ch.b, ch.e, &ps)
			}
			ch.up = !ch.up
		}
		sink(j+1, stepTime(s.pr.Schedule, j+1, steps), done.ctl, dW, dE)
		if j%cancelEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}

	// k = 0: the work of the first step, −p_0, and the initial density
	// p_0 ∝ e^{−βU_0} on its support: ∂p_0,i/∂U_0,j = −β p_0,i (δᵢⱼ − p_0,j), so
	// ∂J/∂U_0,j = −β p_0,j (ψⱼ − Σᵢ ψᵢ p_0,i) for the adjoint ψ of p_0.
	cur := fieldAt(0)
	p0 := tp.fine[:n]
	clear(dW)
	if dE != nil {
		clear(dE)
	}
	psiW, psiE := scratch, make([]float64, n)
	clear(psiW)
	for _, ch := range chains {
		for i := range n {
			psiW[i] += ch.a[i]
			psiE[i] += ch.sE * ch.b[i]
			dW[i] -= ch.wW * p0[i]
		}
	}
	mW, mE := dot(psiW, p0), dot(psiE, p0)
	for i, p := range p0 {
		dW[i] -= beta * p * (psiW[i] - mW)
		if dE != nil {
			dE[i] = -beta * p * (psiE[i] - mE)
		}
	}
	sink(0, 0, cur.ctl, dW, dE)
	return sol, nil
}

// adjPass describes one sweep of the backward pass of a march: it finishes
// the transposed solve of one step (the finished step, after which the
// masses were pm and before which pp; its field has the slopes m, mm and
// the potential u) and, unless bp is nil, eliminates the transposed system
// of the step before (the next step of the backward pass, potential uprev,
// weights bp, bm, rate factor c).
//
// Along the way it accumulates the derivatives with respect to the
// finished step's potential U_k into gW and gE:
//
//   - through A_k: −yᵀ (∂A/∂U_j) p = G_j − G_{j−1} with, for face f,
//     G_f = cβ (y_{f+1} − y_f)(m_f p_f + M_f p_{f+1}), m, M the slopes of the
//     weights (bernoulliSlope), y the adjoint after the solve, p = pm; coefW
//     = cβ for the work adjoint a, coefE = cβ·sE for the ln ε adjoint b;
//   - through the work of this step and of the next: wW (pp_j − last·pm_j)
//     (last = 0 for the final step, which has no next);
//
// and it turns y into the adjoint of the masses before the step:
// a = y + wW (U_k − U_prev), b = y.
type adjPass struct {
	pm, pp, m, mm, u, uprev, gW, gE []float64
	coefW, coefE, wW, last          float64
	bp, bm                          []float64
	c                               float64
}

// elimT eliminates Aᵀ y = ψ from cell 0 upward for two right-hand sides a
// and b at once, A = I − dt L the backward-Euler matrix of the rates c·bp
// (right) and c·bm (left). Aᵀ has unit row sums; its pivots are those of A
// (dᵢ = sᵢ + Rᵢ, sᵢ = 1 + L_{i−1}s_{i−1}/d_{i−1}, the same subtraction-free
// recurrence as sweepUp), and
//
//	zᵢ = (ψᵢ + L_{i−1} z_{i−1})/dᵢ,   eᵢ = Rᵢ/dᵢ,   yᵢ = zᵢ + eᵢ y_{i+1},
//
// so a one-signed ψ gives a y of the same sign with every component
// accurate to a few ulp relative to itself. It leaves z in a and b and the
// multipliers in e.
func elimT(a, b, e, bp, bm []float64, c float64) {
	n := len(a)
	b, e, bp, bm = b[:n], e[:n], bp[:n], bm[:n]
	P, Q := 1.0, 1.0
	var lPrev, za, zb float64
	for i := range a {
		ri, li := c*bp[i], c*bm[i]
		qn := P + ri*Q
		d := Q / qn // 1/dᵢ
		ld := lPrev * d
		za = a[i]*d + ld*za
		zb = b[i]*d + ld*zb
		a[i], b[i] = za, zb
		e[i] = ri * d
		P = qn + li*P
		Q = qn
		lPrev = li
		if Q > 0x1p500 {
			P *= 0x1p-500
			Q *= 0x1p-500
		}
	}
}

// adjDown is the sweep of adjPass after an upward elimination: downward,
// yᵢ = zᵢ + eᵢ y_{i+1}, and the downward elimination of the next step's Aᵀ
// (the mirror image of elimT, with the pivots of sweepDown):
//
//	zᵢ = (ψᵢ + Rᵢ z_{i+1})/dᵢ,   eᵢ = L_{i−1}/dᵢ,   yᵢ = zᵢ + eᵢ y_{i−1}.
func adjDown(a, b, e []float64, ps *adjPass) {
	n := len(a)
	b, e = b[:n], e[:n]
	pm, pp, m, mm, u, uprev, gW, gE := ps.pm[:n], ps.pp[:n], ps.m[:n], ps.mm[:n], ps.u[:n], ps.uprev[:n], ps.gW[:n], ps.gE[:n]
	bp, bm := ps.bp[:n], ps.bm[:n]
	coefW, coefE, wW, last, c := ps.coefW, ps.coefE, ps.wW, ps.last, ps.c

	// cell n−1: y = z (eₙ₋₁ = 0), no face above
	ya, yb := a[n-1], b[n-1]
	P, Q := 1.0, 1.0
	li, ri := c*bm[n-2], c*bp[n-2]
	qn := P + li*Q
	d := Q / qn
	za := (ya + wW*(u[n-1]-uprev[n-1])) * d
	zb := yb * d
	a[n-1], b[n-1] = za, zb
	e[n-1] = li * d
	P = qn + ri*P
	Q = qn
	rPrev := ri
	var gaPrev, gbPrev float64 // G of the face above
	for i := n - 2; i >= 1; i-- {
		yai := a[i] + e[i]*ya
		ybi := b[i] + e[i]*yb
		q := m[i]*pm[i] + mm[i]*pm[i+1]
		ga := coefW * ((ya - yai) * q)
		gb := coefE * ((yb - ybi) * q)
		j := i + 1
		gW[j] += (gaPrev - ga) + wW*(pp[j]-last*pm[j])
		gE[j] += gbPrev - gb
		gaPrev, gbPrev = ga, gb
		ya, yb = yai, ybi
		// eliminate cell i of the next step
		li, ri := c*bm[i-1], c*bp[i-1]
		qn := P + li*Q
		d := Q / qn
		rd := rPrev * d
		za = (ya+wW*(u[i]-uprev[i]))*d + rd*za
		zb = yb*d + rd*zb
		a[i], b[i] = za, zb
		e[i] = li * d
		P = qn + ri*P
		Q = qn
		rPrev = ri
		if Q > 0x1p500 {
			P *= 0x1p-500
			Q *= 0x1p-500
		}
	}
	// cell 0
	yai := a[0] + e[0]*ya
	ybi := b[0] + e[0]*yb
	q := m[0]*pm[0] + mm[0]*pm[1]
	ga := coefW * ((ya - yai) * q)
	gb := coefE * ((yb - ybi) * q)
	gW[1] += (gaPrev - ga) + wW*(pp[1]-last*pm[1])
	gE[1] += gbPrev - gb
	gW[0] += ga + wW*(pp[0]-last*pm[0])
	gE[0] += gb
	d = Q / P
	rd := rPrev * d
	a[0] = (yai+wW*(u[0]-uprev[0]))*d + rd*za
	b[0] = ybi*d + rd*zb
	e[0] = 0
}

// adjUp is the sweep of adjPass after a downward elimination: upward,
// yᵢ = zᵢ + eᵢ y_{i−1}, and the upward elimination of the next step's Aᵀ
// as in elimT.
func adjUp(a, b, e []float64, ps *adjPass) {
	n := len(a)
	b, e = b[:n], e[:n]
	pm, pp, m, mm, u, uprev, gW, gE := ps.pm[:n], ps.pp[:n], ps.m[:n], ps.mm[:n], ps.u[:n], ps.uprev[:n], ps.gW[:n], ps.gE[:n]
	bp, bm := ps.bp[:n], ps.bm[:n]
	coefW, coefE, wW, last, c := ps.coefW, ps.coefE, ps.wW, ps.last, ps.c

	// cell 0: y = z (e₀ = 0), no face below
	ya, yb := a[0], b[0]
	P, Q := 1.0, 1.0
	ri, li := c*bp[0], c*bm[0]
	qn := P + ri*Q
	d := Q / qn
	za := (ya + wW*(u[0]-uprev[0])) * d
	zb := yb * d
	a[0], b[0] = za, zb
	e[0] = ri * d
	P = qn + li*P
	Q = qn
	lPrev := li
	var gaPrev, gbPrev float64 // G of the face below
	for i := 1; i < n; i++ {
		yai := a[i] + e[i]*ya
		ybi := b[i] + e[i]*yb
		f := i - 1 // the face between y (cell i−1) and yi
		q := m[f]*pm[f] + mm[f]*pm[i]
		ga := coefW * ((yai - ya) * q)
		gb := coefE * ((ybi - yb) * q)
		gW[f] += (ga - gaPrev) + wW*(pp[f]-last*pm[f])
		gE[f] += gb - gbPrev
		gaPrev, gbPrev = ga, gb
		ya, yb = yai, ybi
		// eliminate cell i of the next step
		ri, li := c*bp[i], c*bm[i]
		qn := P + ri*Q
		d := Q / qn
		ld := lPrev * d
		za = (ya+wW*(u[i]-uprev[i]))*d + ld*za
		zb = yb*d + ld*zb
		a[i], b[i] = za, zb
		e[i] = ri * d
		P = qn + li*P
		Q = qn
		lPrev = li
		if Q > 0x1p500 {
			P *= 0x1p-500
			Q *= 0x1p-500
		}
	}
	gW[n-1] += -gaPrev + wW*(pp[n-1]-last*pm[n-1])
	gE[n-1] += -gbPrev
}

// finishDown is adjDown without the elimination (the last step of a march):
// it leaves the adjoints of the initial masses in a and b.
func finishDown(a, b, e []float64, ps *adjPass) {
	n := len(a)
	b, e = b[:n], e[:n]
	pm, pp, m, mm, u, uprev, gW, gE := ps.pm[:n], ps.pp[:n], ps.m[:n], ps.mm[:n], ps.u[:n], ps.uprev[:n], ps.gW[:n], ps.gE[:n]
	coefW, coefE, wW, last := ps.coefW, ps.coefE, ps.wW, ps.last
	ya, yb := a[n-1], b[n-1]
	a[n-1] = ya + wW*(u[n-1]-uprev[n-1])
	var gaPrev, gbPrev float64
	for i := n - 2; i >= 0; i-- {
		yai := a[i] + e[i]*ya
		ybi := b[i] + e[i]*yb
		q := m[i]*pm[i] + mm[i]*pm[i+1]
		ga := coefW * ((ya - yai) * q)
		gb := coefE * ((yb - ybi) * q)
		j := i + 1
		gW[j] += (gaPrev - ga) + wW*(pp[j]-last*pm[j])
		gE[j] += gbPrev - gb
		gaPrev, gbPrev = ga, gb
		ya, yb = yai, ybi
		a[i] = ya + wW*(u[i]-uprev[i])
		b[i] = yb
	}
	gW[0] += gaPrev + wW*(pp[0]-last*pm[0])
	gE[0] += gbPrev
}

// finishUp is adjUp without the elimination.
func finishUp(a, b, e []float64, ps *adjPass) {
	n := len(a)
	b, e = b[:n], e[:n]
	pm, pp, m, mm, u, uprev, gW, gE := ps.pm[:n], ps.pp[:n], ps.m[:n], ps.mm[:n], ps.u[:n], ps.uprev[:n], ps.gW[:n], ps.gE[:n]
	coefW, coefE, wW, last := ps.coefW, ps.coefE, ps.wW, ps.last
	ya, yb := a[0], b[0]
	a[0] = ya + wW*(u[0]-uprev[0])
	var gaPrev, gbPrev float64
	for i := 1; i < n; i++ {
		yai := a[i] + e[i]*ya
		ybi := b[i] + e[i]*yb
		f := i - 1
		q := m[f]*pm[f] + mm[f]*pm[i]
		ga := coefW * ((yai - ya) * q)
		gb := coefE * ((ybi - yb) * q)
		gW[f] += (ga - gaPrev) + wW*(pp[f]-last*pm[f])
		gE[f] += gb - gbPrev
		gaPrev, gbPrev = ga, gb
		ya, yb = yai, ybi
		a[i] = ya + wW*(u[i]-uprev[i])
		b[i] = yb
	}
	gW[n-1] += -gaPrev + wW*(pp[n-1]-last*pm[n-1])
	gE[n-1] += -gbPrev
}
