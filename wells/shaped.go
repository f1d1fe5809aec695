package wells

import (
	"fmt"
	"math"
	"strconv"
)

// MaxShapeNodes is the largest number of shape nodes of a Shaped potential:
// its controls are g, f and one s_j per node, at most MaxControls in all.
const MaxShapeNodes = MaxControls - 2

// Shaped is the jun bit plus a free shape correction, the potential of
// "full control" erasure protocols:
//
//	U(x; g, f, s) = 4 E_b [ −g x²/2 + x⁴/4 − A f x ] + Σ_{j<n} s_j φ_j(x)   (kT)
//
// with barrier control g, tilt control f and one shape control s_j (kT) per
// node c_j = a + jΔ, j = 0 … n−1, Δ = (b − a)/(n − 1), evenly spaced over
// [a, b] = [Lo, Hi]. φ_j(x) = (3/2) B₃((x − c_j)/Δ) is the cubic B-spline
// centred on node j, scaled to φ_j(c_j) = 1:
//
//	B₃(u) = 2/3 − u² + |u|³/2 (|u| ≤ 1),  (2 − |u|)³/6 (1 ≤ |u| ≤ 2),  0 beyond,
//
// so the correction is twice continuously differentiable, s_j is (about)
// the energy added at node j, and it vanishes outside [a − 2Δ, b + 2Δ]:
// far out the quartic still confines. At rest (g = 1, f = 0, s = 0) it is
// the jun bit (Controls: "g", "f", "s0", "s1", …). Any smooth potential
// over the bit's region is approached as n grows, which is what a full-
// control optimum (Proesmans, Ehrich & Bechhoefer, PRE 102, 032105 (2020))
// needs.
type Shaped struct {
	Barrier float64 // E_b, in kT
	Tilt    float64 // A, dimensionless
	Nodes   int     // n, 2 … MaxShapeNodes
	Lo, Hi  float64 // a < b, the first and the last node (length units)
}

func (Shaped) Name() string { return "shaped" }

// Controls returns "g", "f", "s0", …, "s{n−1}".
func (p Shaped) Controls() []string {
	c := []string{"g", "f"}
	for j := range p.Nodes {
		c = append(c, "s"+strconv.Itoa(j))
	}
	return c
}

func (Shaped) Rest() Control { return Control{1, 0} }

// bspline returns φ(t) = (3/2)B₃(t) and dφ/dt.
func bspline(t float64) (v, d float64) {
	a := math.Abs(t)
	switch {
	case a < 1:
		v = 1 - 1.5*a*a + 0.75*a*a*a
		d = -3*a + 2.25*a*a
	case a < 2:
		b := 2 - a
		v = 0.25 * b * b * b
		d = -0.75 * b * b
	default:
		return 0, 0
	}
	if t < 0 {
		d = -d
	}
	return v, d
}

// shape returns Σ_j s_j φ_j(x) and its derivative in x, for s = c[2:2+n].
func (p Shaped) shape(c *Control, x float64) (v, d float64) {
	n := p.Nodes
	inv := float64(n-1) / (p.Hi - p.Lo)
	u := (x - p.Lo) * inv // node coordinate: node j at u = j
	if !(u > -2 && u < float64(n+1)) {
		return 0, 0
	}
	k := int(math.Floor(u))
	for j := max(k-1, 0); j <= min(k+2, n-1); j++ {
		b, db := bspline(u - float64(j))
		v += c[2+j] * b
		d += c[2+j] * db
	}
	return v, d * inv
}

// Eval sets u = U(x; c) and f = −∂U/∂x = 4E_b (g x − x³ + A f) − Σ s_j φ_j′(x).
func (p Shaped) Eval(c Control, x, u, f []float64) {
	k, g, af := 4*p.Barrier, c[0], p.Tilt*c[1]
	u = u[:len(x)]
	if f != nil {
		f = f[:len(x)]
	}
	for i, xi := range x {
		x2 := xi * xi
		s, ds := p.shape(&c, xi)
		u[i] = k*(0.25*x2*x2-0.5*g*x2-af*xi) + s
		if f != nil {
			f[i] = k*(xi*(g-x2)+af) - ds
		}
	}
}

// energyAt returns U(x; c) for one position (see pointEnergy).
func (p Shaped) energyAt(c Control, x float64) float64 {
	x2 := x * x
	s, _ := p.shape(&c, x)
	return 4*p.Barrier*(0.25*x2*x2-0.5*c[0]*x2-p.Tilt*c[1]*x) + s
}

// Step adds U(x; next) − U(x; prev) = −4E_b [Δg x²/2 + A Δf x] + Σ Δs_j φ_j(x)
// to w and sets f = −∂U/∂x at next.
func (p Shaped) Step(prev, next Control, x, w, f []float64) {
	k, g, af := 4*p.Barrier, next[0], p.Tilt*next[1]
	var delta Control
	for j := range delta {
		delta[j] = next[j] - prev[j]
	}
	dg, daf := delta[0], p.Tilt*delta[1]
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		ds, _ := p.shape(&delta, xi)
		_, sd := p.shape(&next, xi)
		w[i] += ds - k*xi*(0.5*dg*xi+daf)
		f[i] = k*(xi*(g-xi*xi)+af) - sd
	}
}

// ControlGrad sets d[j][i] = ∂U/∂λ_j(x[i], c): ∂U/∂g = −2E_b x²,
// ∂U/∂f = −4E_b A x, ∂U/∂s_j = φ_j(x) (kT per unit of the control). d has
// one row per control (2 + Nodes), each of len(x).
func (p Shaped) ControlGrad(_ Control, x []float64, d [][]float64) {
	k := 4 * p.Barrier
	n := p.Nodes
	for j := 2; j < 2+n; j++ {
		clear(d[j][:len(x)])
	}
	inv := float64(n-1) / (p.Hi - p.Lo)
	dg, df := d[0][:len(x)], d[1][:len(x)]
	for i, xi := range x {
		dg[i] = -0.5 * k * xi * xi
		df[i] = -k * p.Tilt * xi
		u := (xi - p.Lo) * inv
		if !(u > -2 && u < float64(n+1)) {
			continue
		}
		m := int(math.Floor(u))
		for j := max(m-1, 0); j <= min(m+2, n-1); j++ {
			b, _ := bspline(u - float64(j))
			d[2+j][i] = b
		}
	}
}

// newShaped checks the parameters of a Shaped potential.
func newShaped(barrier, tilt, nodes, lo, hi float64) (Shaped, error) {
	p := Shaped{Barrier: barrier, Tilt: tilt, Lo: lo, Hi: hi}
	switch {
	case nodes != math.Trunc(nodes) || nodes < 2 || nodes > MaxShapeNodes:
		return p, fmt.Errorf("wells: shaped: nodes must be an integer in [2, %d], got %v", MaxShapeNodes, nodes)
	case !(lo < hi):
		return p, fmt.Errorf("wells: shaped: lo = %v must be below hi = %v", lo, hi)
	}
	p.Nodes = int(nodes)
	return p, nil
}
