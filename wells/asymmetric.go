package wells

import "math"

// Asymmetric is a double well whose two wells have unequal widths, in the
// spirit of Gavrilov & Bechhoefer, PRL 117, 200601 (2016): the Jun well
// written in a smoothly stretched coordinate y,
//
//	U(x; g, f) = 4 E_b [ −g y²/2 + y⁴/4 − A f y ],   y = φ(x) = α x + β δ ln cosh(x/δ)   (kT)
//
// with barrier control g and tilt control f (Controls: "g", "f", rest g = 1,
// f = 0), barrier E_b (Barrier), width ratio r (Ratio), tilt amplitude A
// (Tilt) and transition width δ (Width). The constants α and β are fixed by
// φ(−1) = −1 and φ(r) = 1:
//
//	β = (1 − r)/(r L₁ + L_r),   α = 1 + β L₁,   L_s = δ ln cosh(s/δ),
//
// so φ'(x) = α + β tanh(x/δ) goes smoothly from α − β (left) to α + β
// (right) over |x| ≲ δ; New requires α > |β| (φ increasing). U is analytic.
//
// At rest U = E_b[(y² − 1)² − 1]: the minima are exactly at x = −1 and
// x = r, both with U = −E_b, and the barrier top is exactly at x = 0 with
// U = 0, a barrier of E_b seen from either well. The curvatures at the
// minima are 8 E_b φ'(x)², i.e. 8 E_b (α − β tanh(1/δ))² on the left and
// 8 E_b (α + β tanh(r/δ))² on the right, so the right well is about r times
// as wide as the left (for r = 2, δ = 0.1: α = 0.75457, β = −0.26371,
// slopes φ' = 1.01828 and 0.49086 at the minima, width ratio 2.074).
//
// Because φ is increasing and fixes 0, the four-stage protocol of the Jun
// well (g 1→0, f 0→1, g 0→1, f 1→0) acts exactly as it does on Jun in the
// coordinate y: with A > 2/(3√3) ≈ 0.385 it leaves the particle in the right
// (wide) well, and A < −2/(3√3) sends it to the left (narrow) one. The
// equilibrium probability of the left well at rest, p0_eq, is
// exp(LogPartition(p, p.Rest(), 1, −∞, 0) − LogPartition(p, p.Rest(), 1, −∞, ∞))
// (0.3253 for the defaults, against 1/(1 + 2.074) = 0.3253 from the
// curvatures alone); erasing into the left well costs at least
// −kT ln p0_eq.
type Asymmetric struct {
	Barrier float64 // E_b, in kT
	Ratio   float64 // r, position of the right minimum (the left one is at −1)
	Tilt    float64 // A, dimensionless
	Width   float64 // δ, width of the change of scale around x = 0
}

func (Asymmetric) Name() string       { return "asymmetric" }
func (Asymmetric) Controls() []string { return []string{"g", "f"} }
func (Asymmetric) Rest() Control      { return Control{1, 0} }

// lnCosh is ln cosh z without overflow.
func lnCosh(z float64) float64 {
	a := math.Abs(z)
	return a + math.Log1p(math.Exp(-2*a)) - math.Ln2
}

// Map returns the constants α and β of the coordinate map φ.
func (p Asymmetric) Map() (alpha, beta float64) {
	inv := 1 / p.Width
	l1 := p.Width * lnCosh(inv)
	lr := p.Width * lnCosh(p.Ratio*inv)
	beta = (1 - p.Ratio) / (p.Ratio*l1 + lr)
	return 1 + beta*l1, beta
}

// warp returns y = φ(x) and φ'(x), with ln cosh z = |z| + ln(1 + e) − ln 2
// and tanh |z| = (1 − e)/(1 + e), e = e^{−2|z|}.
func warp(x, alpha, betaDelta, beta, invDelta float64) (y, dy float64) {
	z := x * invDelta
	a := math.Abs(z)
	e := math.Exp(-2 * a)
	t := (1 - e) / (1 + e)
	if z < 0 {
		t = -t
	}
	return alpha*x + betaDelta*(a+math.Log1p(e)-math.Ln2), alpha + beta*t
}

// Eval sets u = U(x; g, f) and f = −∂U/∂x = 4E_b (g y − y³ + A f) φ'(x).
func (p Asymmetric) Eval(c Control, x, u, f []float64) {
	alpha, beta := p.Map()
	bd, inv := beta*p.Width, 1/p.Width
	k, g, af := 4*p.Barrier, c[0], p.Tilt*c[1]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			y, _ := warp(xi, alpha, bd, beta, inv)
			y2 := y * y
			u[i] = k * (0.25*y2*y2 - 0.5*g*y2 - af*y)
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		y, dy := warp(xi, alpha, bd, beta, inv)
		y2 := y * y
		u[i] = k * (0.25*y2*y2 - 0.5*g*y2 - af*y)
		f[i] = k * (y*(g-y2) + af) * dy
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Asymmetric) energyAt(c Control, x float64) float64 {
	alpha, beta := p.Map()
	y, _ := warp(x, alpha, beta*p.Width, beta, 1/p.Width)
	y2 := y * y
	return 4 * p.Barrier * (0.25*y2*y2 - 0.5*c[0]*y2 - p.Tilt*c[1]*y)
}

// Step adds U(x; next) − U(x; prev) = −4E_b [Δg y²/2 + A Δf y] to w and
// sets the force at next.
func (p Asymmetric) Step(prev, next Control, x, w, f []float64) {
	alpha, beta := p.Map()
	bd, inv := beta*p.Width, 1/p.Width
	k, g, af := 4*p.Barrier, next[0], p.Tilt*next[1]
	dg, daf := next[0]-prev[0], p.Tilt*(next[1]-prev[1])
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		y, dy := warp(xi, alpha, bd, beta, inv)
		w[i] -= k * y * (0.5*dg*y + daf)
		f[i] = k * (y*(g-y*y) + af) * dy
	}
}
