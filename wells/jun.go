package wells

// Jun is the feedback-trap double well of Jun, Gavrilov & Bechhoefer,
// PRL 113, 190601 (2014):
//
//	U(x; g, f) = 4 E_b [ −g x²/2 + x⁴/4 − A f x ]   (kT)
//
// with barrier control g and tilt control f (Controls: "g", "f"). At rest
// (g = 1, f = 0) it is the symmetric double well with minima at x = ±1 and a
// barrier of height E_b at x = 0. A > 2/(3√3) ≈ 0.385 leaves a single tilted
// well when the barrier is fully raised with f = 1.
type Jun struct {
	Barrier float64 // E_b, in kT
	Tilt    float64 // A, dimensionless
}

func (Jun) Name() string       { return "jun" }
func (Jun) Controls() []string { return []string{"g", "f"} }
func (Jun) Rest() Control      { return Control{1, 0} }

// Eval sets u = U(x; g, f) and f = −∂U/∂x = 4E_b (g x − x³ + A f).
func (p Jun) Eval(c Control, x, u, f []float64) {
	k, g, af := 4*p.Barrier, c[0], p.Tilt*c[1]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			x2 := xi * xi
			u[i] = k * (0.25*x2*x2 - 0.5*g*x2 - af*xi)
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		x2 := xi * xi
		u[i] = k * (0.25*x2*x2 - 0.5*g*x2 - af*xi)
		f[i] = k * (xi*(g-x2) + af)
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Jun) energyAt(c Control, x float64) float64 {
	x2 := x * x
	return 4 * p.Barrier * (0.25*x2*x2 - 0.5*c[0]*x2 - p.Tilt*c[1]*x)
}

// Step adds U(x; next) − U(x; prev) = −4E_b [Δg x²/2 + A Δf x] to w and sets
// f = −∂U/∂x at next.
func (p Jun) Step(prev, next Control, x, w, f []float64) {
	k, g, af := 4*p.Barrier, next[0], p.Tilt*next[1]
	dg, daf := next[0]-prev[0], p.Tilt*(next[1]-prev[1])
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		w[i] -= k * xi * (0.5*dg*xi + daf)
		f[i] = k * (xi*(g-xi*xi) + af)
	}
}

// Quartic is the static storage well U(x) = E_b (x² − 1)² (kT), minima at
// x = ±1, barrier E_b at x = 0. It has no controls; it has the same shape as
// Jun at rest (they differ by the constant E_b).
type Quartic struct {
	Barrier float64 // E_b, in kT
}

func (Quartic) Name() string       { return "quartic" }
func (Quartic) Controls() []string { return nil }
func (Quartic) Rest() Control      { return Control{} }

// Eval sets u = E_b (x² − 1)² and f = −4E_b x (x² − 1).
func (p Quartic) Eval(_ Control, x, u, f []float64) {
	b := p.Barrier
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			d := xi*xi - 1
			u[i] = b * d * d
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		d := xi*xi - 1
		u[i] = b * d * d
		f[i] = -4 * b * xi * d
	}
}

// energyAt returns U(x) for one position (see pointEnergy).
func (p Quartic) energyAt(_ Control, x float64) float64 {
	d := x*x - 1
	return p.Barrier * d * d
}

// Step sets the force; the work increment is zero (no controls).
func (p Quartic) Step(_, _ Control, x, _, f []float64) {
	b := p.Barrier
	f = f[:len(x)]
	for i, xi := range x {
		f[i] = -4 * b * xi * (xi*xi - 1)
	}
}
