package wells

import "math"

// DoubleParabola is the cantilever double well of the Bellon group (Dago et
// al., PRL 126, 170601 (2021)):
//
//	U(x; x₁) = ½ (|x| − x₁)²   (kT, x in units of √(kT/k))
//
// with the one control x₁ (Controls: "x1"), whose rest value is the
// parameter X1. The minima are at x = ±x₁ with U = 0 and the barrier is the
// cusp at x = 0 with U = ½ x₁² (8 kT for x₁ = 4). The force
// −∂U/∂x = x₁ sign(x) − x jumps at the cusp; at x = 0 exactly it is taken as
// 0 (the mean of the two one-sided values).
type DoubleParabola struct {
	X1 float64 // rest value of the control x₁, in length units
}

func (DoubleParabola) Name() string       { return "double-parabola" }
func (DoubleParabola) Controls() []string { return []string{"x1"} }
func (p DoubleParabola) Rest() Control    { return Control{p.X1} }

// parabolaForce is −∂U/∂x = x₁ sign(x) − x, with 0 at x = 0.
func parabolaForce(x, x1 float64) float64 {
	switch {
	case x > 0:
		return x1 - x
	case x < 0:
		return -x1 - x
	}
	return 0
}

// Eval sets u = ½(|x| − x₁)² and f = x₁ sign(x) − x (0 at x = 0).
func (p DoubleParabola) Eval(c Control, x, u, f []float64) {
	x1 := c[0]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			d := math.Abs(xi) - x1
			u[i] = 0.5 * d * d
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		d := math.Abs(xi) - x1
		u[i] = 0.5 * d * d
		f[i] = parabolaForce(xi, x1)
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p DoubleParabola) energyAt(c Control, x float64) float64 {
	d := math.Abs(x) - c[0]
	return 0.5 * d * d
}

// Step adds U(x; next) − U(x; prev) = ½(a − b)(2|x| − a − b) to w, with
// a = x₁(prev) and b = x₁(next), and sets the force at next.
func (p DoubleParabola) Step(prev, next Control, x, w, f []float64) {
	a, b := prev[0], next[0]
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		w[i] += 0.5 * (a - b) * (2*math.Abs(xi) - a - b)
		f[i] = parabolaForce(xi, b)
	}
}

// Harmonic is the calibration trap
//
//	U(x; c, k) = k (x − c)²/2   (kT)
//
// with controls center c and stiffness k (Controls: "center", "stiffness");
// the parameters Center and Stiffness are their rest values. Its partition
// function is ∫ e^{−U/kT} dx = √(2π kT/k).
type Harmonic struct {
	Center    float64 // rest value of c, in length units
	Stiffness float64 // rest value of k, in kT per length unit squared
}

func (Harmonic) Name() string       { return "harmonic" }
func (Harmonic) Controls() []string { return []string{"center", "stiffness"} }
func (p Harmonic) Rest() Control    { return Control{p.Center, p.Stiffness} }

// Eval sets u = k (x − c)²/2 and f = −k (x − c).
func (p Harmonic) Eval(c Control, x, u, f []float64) {
	x0, k := c[0], c[1]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			d := xi - x0
			u[i] = 0.5 * k * d * d
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		d := xi - x0
		u[i] = 0.5 * k * d * d
		f[i] = -k * d
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Harmonic) energyAt(c Control, x float64) float64 {
	d := x - c[0]
	return 0.5 * c[1] * d * d
}

// Step adds k'(x − c')²/2 − k(x − c)²/2 to w and sets f = −k'(x − c'), where
// (c, k) = prev and (c', k') = next.
func (p Harmonic) Step(prev, next Control, x, w, f []float64) {
	x0, k0, x1, k1 := prev[0], prev[1], next[0], next[1]
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		d0, d1 := xi-x0, xi-x1
		w[i] += 0.5 * (k1*d1*d1 - k0*d0*d0)
		f[i] = -k1 * d1
	}
}

// Benchmark is the double well of the NESTbench25 "erasure" problem
// (Whitelam et al., arXiv 2506.15122):
//
//	U(x; c₀, c₁) = (k/2)(x − S(x − c₀) c₁)² + k c₀ c₁ (S(x − c₀) + S(c₀))   (kT)
//
// with S = sign, controls c₀ and c₁ (Controls: "c0", "c1"), stiffness k
// (kT per length unit squared; the benchmark measures x in units of √(kT/k),
// so k = 1) and rest (c₀, c₁) = (0, 5): minima at x = ±c₁ with U = 0 and a
// cusp barrier at x = 0 of k c₁²/2 = 12.5 kT. Two parabolas centred at −c₁
// (left of c₀) and +c₁ (right of c₀) meet at x = c₀; the second term keeps U
// continuous there (S(c₀) c₀ = |c₀|, so S(0) does not matter). At the
// kink x = c₀ itself, S(0) is taken as +1: energy and force are the
// one-sided values from the right, f(c₀) = −k (c₀ − c₁).
type Benchmark struct {
	Stiffness float64 // k, in kT per length unit squared
}

func (Benchmark) Name() string       { return "benchmark" }
func (Benchmark) Controls() []string { return []string{"c0", "c1"} }
func (Benchmark) Rest() Control      { return Control{0, 5} }

// benchmark returns U and −∂U/∂x at x for stiffness k and controls c0, c1.
func benchmark(x, k, c0, c1 float64) (u, f float64) {
	s := 1.0
	if x < c0 {
		s = -1
	}
	d := x - s*c1
	return k * (0.5*d*d + c1*(s*c0+math.Abs(c0))), -k * d
}

// Eval sets u = U(x; c₀, c₁) and f = −k (x − S(x − c₀) c₁).
func (p Benchmark) Eval(c Control, x, u, f []float64) {
	k, c0, c1 := p.Stiffness, c[0], c[1]
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			u[i], _ = benchmark(xi, k, c0, c1)
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		u[i], f[i] = benchmark(xi, k, c0, c1)
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Benchmark) energyAt(c Control, x float64) float64 {
	u, _ := benchmark(x, p.Stiffness, c[0], c[1])
	return u
}

// Step adds U(x; next) − U(x; prev), both evaluated in full (the side of
// the kink may change with c₀), to w and sets the force at next.
func (p Benchmark) Step(prev, next Control, x, w, f []float64) {
	k := p.Stiffness
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		u0, _ := benchmark(xi, k, prev[0], prev[1])
		u1, f1 := benchmark(xi, k, next[0], next[1])
		w[i] += u1 - u0
		f[i] = f1
	}
}
