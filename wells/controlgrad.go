package wells

import "math"

// ControlGradient is implemented by potentials that give ∂U/∂λ_j
// analytically (in kT per unit of the control). With it, a gradient with
// respect to the potential on a grid (as package fokkerplanck's adjoint
// computes) becomes a gradient with respect to the controls by the chain
// rule, Σᵢ ∂J/∂U(xᵢ) · ∂U/∂λ_j(xᵢ).
//
// Implemented by Jun, Asymmetric, Stretched, Lifted, DoubleParabola, Harmonic and
// Benchmark (for Benchmark see its ControlGrad for the kinks); Quartic has
// no controls.
type ControlGradient interface {
	// ControlGrad sets d[j][i] = ∂U/∂λ_j (x[i], c) for j < len(Controls());
	// len(d[j]) == len(x). It must not allocate.
	ControlGrad(c Control, x []float64, d [][]float64)
}

// ControlGrad sets d[0] = ∂U/∂g = −2E_b x² and d[1] = ∂U/∂f = −4E_b A x.
func (p Jun) ControlGrad(_ Control, x []float64, d [][]float64) {
	dg, df := d[0][:len(x)], d[1][:len(x)]
	kg, kf := -2*p.Barrier, -4*p.Barrier*p.Tilt
	for i, xi := range x {
		dg[i] = kg * xi * xi
		df[i] = kf * xi
	}
}

// ControlGrad sets d[0] = ∂U/∂g = −2E_b y² and d[1] = ∂U/∂f = −4E_b A y,
// y = φ(x).
func (p Asymmetric) ControlGrad(_ Control, x []float64, d [][]float64) {
	alpha, beta := p.Map()
	bd, inv := beta*p.Width, 1/p.Width
	dg, df := d[0][:len(x)], d[1][:len(x)]
	kg, kf := -2*p.Barrier, -4*p.Barrier*p.Tilt
	for i, xi := range x {
		y, _ := warp(xi, alpha, bd, beta, inv)
		dg[i] = kg * y * y
		df[i] = kf * y
	}
}

// ControlGrad sets d[0] = ∂U/∂h = s(x) = (1 − tanh(x/w))/2.
func (p Lifted) ControlGrad(_ Control, x []float64, d [][]float64) {
	dh, invW := d[0][:len(x)], 1/p.Width
	for i, xi := range x {
		dh[i], _ = step(xi, invW)
	}
}

// ControlGrad sets d[0] = ∂U/∂x₁ = x₁ − |x| (U is smooth in x₁ at every x).
func (p DoubleParabola) ControlGrad(c Control, x []float64, d [][]float64) {
	d0, x1 := d[0][:len(x)], c[0]
	for i, xi := range x {
		d0[i] = x1 - math.Abs(xi)
	}
}

// ControlGrad sets d[0] = ∂U/∂c = −k (x − c) and d[1] = ∂U/∂k = (x − c)²/2.
func (p Harmonic) ControlGrad(c Control, x []float64, d [][]float64) {
	dc, dk := d[0][:len(x)], d[1][:len(x)]
	x0, k := c[0], c[1]
	for i, xi := range x {
		r := xi - x0
		dc[i] = -k * r
		dk[i] = 0.5 * r * r
	}
}

// ControlGrad sets d[0] = ∂U/∂c₀ = k c₁ (S(x − c₀) + S(c₀)) and
// d[1] = ∂U/∂c₁ = k [c₀ (S(x − c₀) + S(c₀)) − S(x − c₀)(x − S(x − c₀) c₁)],
// S = sign.
//
// U is smooth in c₁ everywhere, but not in c₀: it has a kink (a jump of
// 2k c₁ in ∂U/∂c₀) where c₀ crosses x, and another at c₀ = 0 (from |c₀|).
// At a kink d[0] is the derivative from the side the potential itself takes:
// S(0) = +1 for the cell at x = c₀ (as in Eval) and S(c₀) = +1 at c₀ = 0
// (the right derivative). A gradient through c₀ is then a one-sided
// derivative of a piecewise smooth function; optimisers should prefer c₁ or
// keep c₀ away from 0.
func (p Benchmark) ControlGrad(c Control, x []float64, d [][]float64) {
	k, c0, c1 := p.Stiffness, c[0], c[1]
	d0, d1 := d[0][:len(x)], d[1][:len(x)]
	sc := 1.0
	if c0 < 0 {
		sc = -1
	}
	for i, xi := range x {
		s := 1.0
		if xi < c0 {
			s = -1
		}
		d0[i] = k * c1 * (s + sc)
		d1[i] = k * (c0*(s+sc) - s*(xi-s*c1))
	}
}
