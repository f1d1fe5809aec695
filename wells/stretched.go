package wells

// Stretched is the asymmetric double well of Gavrilov, Chétrite &
// Bechhoefer, PNAS 114, 11097 (2017): the Jun well (Jun, Gavrilov &
// Bechhoefer, PRL 113, 190601 (2014)) with its x < 0 side stretched by a
// controllable factor η̃,
//
//	U(x; g, f, η̃) = 4 E_b [ −g x̃²/2 + x̃⁴/4 − A f x̃ ],   x̃ = x (x ≥ 0),  x̃ = x/η̃ (x < 0)   (kT)
//
// (the paper writes x̃(x < 0) = −η̃ x̃(x ≥ 0): the left branch is the right
// one stretched by η̃). Controls "g", "f", "eta"; rest g = 1, f = 0,
// η̃ = Stretch. Lengths are in x_m, the position of the right minimum.
//
// At rest the minima are at x = 1 and x = −η̃ with U = −E_b and the barrier
// top is at x = 0 with U = 0. Because the left branch is the right one
// stretched by η̃, the partition function of the left half is exactly η̃
// times that of the right half whatever g (for f = 0): the equilibrium
// occupation of the right well is p_R = 1/(1 + η̃), so storing a bit whose
// right well holds p0 at global equilibrium needs η̃ = 1/p0 − 1 (the
// paper's choice). U is continuous; for η̃ ≠ 1 its slope jumps at x = 0 by
// the factor 1/η̃ (by 4E_b A f (1 − 1/η̃) when tilted), which the
// overdamped dynamics and the Fokker–Planck solver handle as a bounded
// force. η̃ must stay > 0 (Eval gives NaN otherwise, which the engine
// reports).
type Stretched struct {
	Barrier float64 // E_b, in kT
	Tilt    float64 // A, dimensionless: A > 2/(3√3) erases to the right, A < −2/(3√3) to the left
	Stretch float64 // rest value of η̃ (1: the symmetric Jun well)
}

func (Stretched) Name() string       { return "stretched" }
func (Stretched) Controls() []string { return []string{"g", "f", "eta"} }
func (p Stretched) Rest() Control    { return Control{1, 0, p.Stretch} }

// scaled returns x̃ and dx̃/dx.
func scaled(x, invEta float64) (xt, dxt float64) {
	if x < 0 {
		return x * invEta, invEta
	}
	return x, 1
}

// Eval sets u = U(x; g, f, η̃) and f = −∂U/∂x = 4E_b (g x̃ − x̃³ + A f) dx̃/dx.
func (p Stretched) Eval(c Control, x, u, f []float64) {
	k, g, af, inv := 4*p.Barrier, c[0], p.Tilt*c[1], 1/c[2]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			y, _ := scaled(xi, inv)
			y2 := y * y
			u[i] = k * (0.25*y2*y2 - 0.5*g*y2 - af*y)
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		y, dy := scaled(xi, inv)
		y2 := y * y
		u[i] = k * (0.25*y2*y2 - 0.5*g*y2 - af*y)
		f[i] = k * (y*(g-y2) + af) * dy
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Stretched) energyAt(c Control, x float64) float64 {
	y, _ := scaled(x, 1/c[2])
	y2 := y * y
	return 4 * p.Barrier * (0.25*y2*y2 - 0.5*c[0]*y2 - p.Tilt*c[1]*y)
}

// Step adds U(x; next) − U(x; prev) to w (both evaluated: η̃ enters
// non-linearly) and sets the force at next.
func (p Stretched) Step(prev, next Control, x, w, f []float64) {
	k := 4 * p.Barrier
	g0, af0, inv0 := prev[0], p.Tilt*prev[1], 1/prev[2]
	g1, af1, inv1 := next[0], p.Tilt*next[1], 1/next[2]
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		y0, _ := scaled(xi, inv0)
		y1, dy1 := scaled(xi, inv1)
		a, b := y0*y0, y1*y1
		u0 := 0.25*a*a - 0.5*g0*a - af0*y0
		u1 := 0.25*b*b - 0.5*g1*b - af1*y1
		w[i] += k * (u1 - u0)
		f[i] = k * (y1*(g1-b) + af1) * dy1
	}
}

// ControlGrad sets d[0] = ∂U/∂g = −2E_b x̃², d[1] = ∂U/∂f = −4E_b A x̃ and
// d[2] = ∂U/∂η̃ = −(x̃/η̃) ∂U/∂x̃ = −(4E_b/η̃)(x̃⁴ − g x̃² − A f x̃) for x < 0,
// 0 for x ≥ 0.
func (p Stretched) ControlGrad(c Control, x []float64, d [][]float64) {
	dg, df, de := d[0][:len(x)], d[1][:len(x)], d[2][:len(x)]
	k, g, af, inv := 4*p.Barrier, c[0], p.Tilt*c[1], 1/c[2]
	for i, xi := range x {
		y, _ := scaled(xi, inv)
		y2 := y * y
		dg[i] = -0.5 * k * y2
		df[i] = -k * p.Tilt * y
		if xi < 0 {
			de[i] = -k * inv * (y2*y2 - g*y2 - af*y)
		} else {
			de[i] = 0
		}
	}
}
