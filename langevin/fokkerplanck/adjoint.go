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

// tape holds the masses p_m, m = 0..M, of the march at dt (fine) and of its
// partner at 2dt (coarse), each p_m at [m·n, (m+1)·n).
type tape struct{ fine, coarse []float64 }

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
// to a relative accuracy of about 10 ulp, for every d:
//
//   - |d| < ½: B'(d) = −½ + 2d S'(d²) with the series of S' (no cancellation:
//     |2d S'| < 0.09);
//   - otherwise, with a = |d| and e = e^{−a} (held at e^{−708} beyond 708, as
//     in bernoulliFar), −B'(a) = e (a − (1 − e))/(1 − e)² and
//     −B'(−a) = ((1 − e) − a e)/(1 − e)², whose differences lose at most a
//     factor 10 to cancellation (at a = ½) and nothing for large a, where
//     −B'(a) ≈ (a − 1) e^{−a} is tiny and −B'(−a) → 1.
func bernoulliSlope(d float64) (m, M float64) {
	a := math.Abs(d)
	if a < 0.5 {
		x := d * d
		x2 := x * x
		x4 := x2 * x2
		s := (ds1 + ds2*x) + x2*(ds3+ds4*x) + x4*((ds5+ds6*x)+x2*(ds7+ds8*x))
		t := 2 * d * s
		return 0.5 - t, 0.5 + t
	}
	e := expNeg(-min(a, 708))
	o := 1 - e
	o2 := o * o
	small := e * (a - o) / o2 // −B'(a)
	big := (o - a*e) / o2     // −B'(−a)
	if d > 0 {
		return small, big
	}
	return big, small
}

// slopes sets m[i], mm[i] = bernoulliSlope(beta (u[i+1] − u[i])) for the
// faces i < len(u)−1 and 0 for the last entry (the wall).
func slopes(u, m, mm []float64, beta float64) {
	n := len(u)
	m, mm = m[:n], mm[:n]
	for i := 0; i < n-1; i++ {
		m[i], mm[i] = bernoulliSlope(beta * (u[i+1] - u[i]))
	}
	m[n-1], mm[n-1] = 0, 0
}

// adjField is the potential of one time step with its weights and their
// slopes.
type adjField struct {
	k      int // time step, −1 when unset
	ctl    wells.Control
	u      []float64
	bp, bm []float64 // B(Δᵢ), B(−Δᵢ), as in field
	m, mm  []float64 // −B'(Δᵢ), −B'(−Δᵢ)
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
// the equations.
//
// Memory: the masses before every step are kept (see MaxTape); a problem
// that needs more than MaxTape floats is refused. Time: about 2 to 3 forward
// solves. The backward pass runs on the calling goroutine and observes ctx
// as the forward march does.
//
// The gradient of ln ε needs ε > 0 on both the step dt and its partner 2dt
// (and, extrapolated, a nonzero mass on the other side): a mass that
// underflowed to zero is an error.
func Gradient(ctx context.Context, pr Problem, wrong Side, sink func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64)) (*Solution, error) {
	s, err := prepare(pr, 2)
	if err != nil {
		return nil, err
	}
	return s.gradient(ctx, wrong, sink)
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
	sol, err := s.gradient(ctx, wrong, func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64) {
		out.Times[k], out.Controls[k] = t, ctl
		cg.ControlGrad(ctl, x, d)
		for j := range nc {
			out.Work[k][j] = dot(dWork, d[j])
			if dLnErr != nil {
				out.LnErr[k][j] = dot(dLnErr, d[j])
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

func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s float64
	for i, v := range a {
		s += v * b[i]
	}
	return s
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
}

// gradient implements Gradient on a prepared setup.
func (s *setup) gradient(ctx context.Context, wrong Side, sink func(k int, t float64, ctl wells.Control, dWork, dLnErr []float64)) (*Solution, error) {
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
	tp := &tape{fine: make([]float64, (steps+1)*n)}
	if partner {
		tp.coarse = make([]float64, (steps/2+1)*n)
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
			for i := lo; i < hi; i++ {
				ch.b[i] = 1
			}
		}
	}

	// Fields of steps k, k−1, k−2 in a ring of three.
	x := f.x
	g := &grid{pot: s.pr.Potential, beta: 1 / s.kT, x: x}
	var ring [3]*adjField
	for j := range ring {
		buf := make([]float64, 5*n)
		ring[j] = &adjField{k: -1, u: buf[:n:n], bp: buf[n : 2*n : 2*n], bm: buf[2*n : 3*n : 3*n],
			m: buf[3*n : 4*n : 4*n], mm: buf[4*n:]}
	}
	fieldAt := func(k int) *adjField {
		af := ring[k%3]
		if af.k == k {
			return af
		}
		ctl := s.pr.Schedule.At(stepTime(s.pr.Schedule, k, steps))
		if nb := ring[(k+1)%3]; nb.k == k+1 && nb.ctl == ctl {
			copy(af.u, nb.u)
			copy(af.bp, nb.bp)
			copy(af.bm, nb.bm)
			copy(af.m, nb.m)
			copy(af.mm, nb.mm)
		} else {
			g.pot.Eval(ctl, x, af.u, nil)
			rates(af.u, af.bp, af.bm, g.beta)
			slopes(af.u, af.m, af.mm, g.beta)
		}
		af.k, af.ctl = k, ctl
		return af
	}

	dW := make([]float64, n)
	var dE []float64
	if wrong != NoError {
		dE = make([]float64, n)
	}
	scratch := make([]float64, n) // dLnErr sink of NoError
	beta := g.beta
	for k := steps; k >= 1; k-- {
		cur := fieldAt(k)
		clear(dW)
		gE := scratch
		if dE != nil {
			gE = dE
		}
		clear(gE)
		for _, ch := range chains {
			if k%ch.stride != 0 {
				continue
			}
			m := k / ch.stride
			prev := fieldAt(k - ch.stride)
			pm := ch.tape[m*n : (m+1)*n]
			pp := ch.tape[(m-1)*n : m*n]
			last := 1.0
			if m == ch.steps {
				last = 0
			}
			elimT(ch.a, ch.b, ch.e, cur.bp, cur.bm, ch.c)
			backT(ch.a, ch.b, ch.e, pm, pp, cur.m, cur.mm, cur.u, prev.u, dW, gE,
				ch.c*beta, ch.c*beta*ch.sE, ch.wW, last)
		}
		sink(k, stepTime(s.pr.Schedule, k, steps), cur.ctl, dW, dE)
		if k%cancelEvery == 0 {
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

// backT finishes the transposed solve of elimT downward (y in place of z)
// and accumulates the derivatives of this step into gW and gE:
//
//   - through A_k: −yᵀ (∂A/∂U_j) p = G_j − G_{j−1} with, for face f,
//     G_f = cβ (y_{f+1} − y_f)(m_f p_f + M_f p_{f+1}), m, M the slopes of the
//     weights (bernoulliSlope); coefW = cβ for the work adjoint a, coefE =
//     cβ·sE for the ln ε adjoint b;
//   - through the work of the step and of the next one:
//     wW (pp_j − last·pm_j), pp the masses before the step, pm after.
//
// It then sets a to the work adjoint of the masses before the step,
// y + wW (U_k − U_prev), and b to y.
func backT(a, b, e, pm, pp, m, mm, u, uprev, gW, gE []float64, coefW, coefE, wW, last float64) {
	n := len(a)
	b, e, pm, pp, m, mm, u, uprev, gW, gE = b[:n], e[:n], pm[:n], pp[:n], m[:n], mm[:n], u[:n], uprev[:n], gW[:n], gE[:n]
	ya, yb := a[n-1], b[n-1]
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
		a[j] = ya + wW*(u[j]-uprev[j])
		b[j] = yb
		gaPrev, gbPrev = ga, gb
		ya, yb = yai, ybi
	}
	gW[0] += gaPrev + wW*(pp[0]-last*pm[0])
	gE[0] += gbPrev
	a[0] = ya + wW*(u[0]-uprev[0])
	b[0] = yb
}
