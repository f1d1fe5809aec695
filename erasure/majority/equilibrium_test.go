package majority

import (
	"math"
	"testing"

	"github.com/landauer-dev/landauer/wells"
	"gonum.org/v1/gonum/integrate/quad"
)

// harmonicOrthant is P(x₁, x₂, x₃ > 0) for three coupled harmonic units
// (stiffness k, coupling κ, kT = 1), from the trivariate normal orthant
// formula P = 1/8 + (arcsin ρ₁₂ + arcsin ρ₁₃ + arcsin ρ₂₃)/(4π) with the
// equal correlations ρ = Cov/Var of the coupled Gaussian, whose modes are
// x̄ (variance 1/(Nk)) and x_i − x̄ (variance (N−1)/(N(k+κ))):
// Var x_i = 1/(Nk) + (N−1)/(N(k+κ)), Cov(x_i, x_j) = 1/(Nk) − 1/(N(k+κ)).
// mixed gives P(x₁, x₂ > 0 > x₃) instead: ρ changes sign for the two pairs
// that straddle the divide.
func harmonicOrthant(k, kappa float64, mixed bool) float64 {
	const n = 3.0
	v := 1/(n*k) + (n-1)/(n*(k+kappa))
	c := 1/(n*k) - 1/(n*(k+kappa))
	rho := c / v
	if mixed { // two right, one left: ρ, −ρ, −ρ
		return 0.125 - math.Asin(rho)/(4*math.Pi)
	}
	return 0.125 + 3*math.Asin(rho)/(4*math.Pi)
}

// CoupledEquilibrium against closed forms for harmonic units: ln Z =
// (N/2) ln 2π − ½ ln k − ((N−1)/2) ln(k+κ) (the Hessian's eigenvalues are k
// once and k + κ N−1 times) and the orthant probabilities of a Gaussian.
// They agree to ~1e-14; the test allows 1e-9, far below anything a
// Monte Carlo or a cost comparison could notice.
func TestCoupledEquilibriumHarmonic(t *testing.T) {
	const k = 1.5
	pot := wells.Harmonic{Stiffness: k}
	for _, kappa := range []float64{0, 0.01, 1, 7, 200} {
		e, err := CoupledEquilibrium(pot, pot.Rest(), 3, kappa, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		wantZ := 1.5*math.Log(2*math.Pi) - 0.5*math.Log(k) - math.Log(k+kappa)
		if d := math.Abs(e.LogZ - wantZ); d > 1e-9 {
			t.Errorf("κ = %g: ln Z = %.12f, want %.12f", kappa, e.LogZ, wantZ)
		}
		all, mixed := harmonicOrthant(k, kappa, false), harmonicOrthant(k, kappa, true)
		want := []float64{all, 3 * mixed, 3 * mixed, all}
		for i, p := range e.Right {
			if relDiff(p, want[i]) > 1e-9 {
				t.Errorf("κ = %g: P(%d right) = %.12f, want %.12f", kappa, i, p, want[i])
			}
		}
	}
	// Other N: ln Z for N = 1, 5, 9 (the orthant formula is for N = 3 only).
	for _, n := range []int{1, 5, 9} {
		e, err := CoupledEquilibrium(pot, pot.Rest(), n, 3, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		nf := float64(n)
		wantZ := nf/2*math.Log(2*math.Pi) - 0.5*math.Log(k) - (nf-1)/2*math.Log(k+3)
		if d := math.Abs(e.LogZ - wantZ); d > 1e-9 {
			t.Errorf("N = %d: ln Z = %.12f, want %.12f", n, e.LogZ, wantZ)
		}
	}
}

// direct3D integrates e^{−H} over the 8 orthants of three jun units by a
// product Gauss–Legendre rule (16 points on each of 6 panels per half
// axis over [−2, 2], where U ≥ 4E_b·(4 − 2) = 8E_b: the mass beyond is
// below e^{−8E_b}) and returns P(k units right), k = 0…3. It shares no
// code with CoupledEquilibrium.
func direct3D(eb, kappa float64) []float64 {
	const order, panels, half = 16, 6, 2.0
	t := make([]float64, order)
	wt := make([]float64, order)
	quad.Legendre{}.FixedLocations(t, wt, -1, 1)
	var xs, ws []float64
	h := 2 * half / (2 * panels)
	for j := range 2 * panels {
		a := -half + float64(j)*h
		for i := range t {
			xs = append(xs, a+(t[i]+1)*h/2)
			ws = append(ws, wt[i]*h/2)
		}
	}
	u := make([]float64, len(xs))
	for i, x := range xs {
		u[i] = 4 * eb * (x*x*x*x/4 - x*x/2)
	}
	shift := -3 * eb // e^{−H} peaks near H = −3E_b: keep the exponent near 0
	p := make([]float64, 4)
	for i, x := range xs {
		for j, y := range xs {
			for l, z := range xs {
				m := (x + y + z) / 3
				hc := 0.5 * kappa * ((x-m)*(x-m) + (y-m)*(y-m) + (z-m)*(z-m))
				w := ws[i] * ws[j] * ws[l] * math.Exp(-(u[i]+u[j]+u[l]+hc)-shift)
				k := 0
				for _, v := range [3]float64{x, y, z} {
					if v > 0 {
						k++
					}
				}
				p[k] += w
			}
		}
	}
	var s float64
	for _, v := range p {
		s += v
	}
	for i := range p {
		p[i] /= s
	}
	return p
}

// The slow-limit cost of erasing three coupled double-well units from
// their joint equilibrium to "all right", W_qs = −ln P_eq(all right):
// against the direct 3-D quadrature (to 1e-9), exactly 3 ln 2 at κ = 0,
// falling monotonically with κ, and within 1e-3 of ln 2 once κ ≫ U″ = 8E_b
// (the units then move as one; the remaining excess is the weight of the
// configurations with a unit across the barrier, ~e^{−E_b}-small).
func TestQuasiStaticWorkCoupled(t *testing.T) {
	const eb = 8
	pot := wells.Jun{Barrier: eb, Tilt: 1}
	prev := math.Inf(1)
	for _, kappa := range []float64{0, 0.1, 0.5, 1, 2, 4, 8, 30, 100, 1000} {
		e, err := CoupledEquilibrium(pot, pot.Rest(), 3, kappa, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		w := e.QuasiStaticWork(1)
		t.Logf("κ = %6g: P(all right) = %.6f, P(all agree) = %.6f, W_qs = %.6f kT (ln 2 = %.6f)",
			kappa, e.AllRight(), e.Agree(), w, math.Ln2)
		if kappa == 0 || kappa == 1 || kappa == 4 { // the direct rule is slow (7e6 points); its panels resolve κ up to ≈ 8
			want := direct3D(eb, kappa)
			for k, p := range e.Right {
				if relDiff(p, want[k]) > 1e-9 {
					t.Errorf("κ = %g: P(%d right) = %.12f, direct 3-D %.12f", kappa, k, p, want[k])
				}
			}
		}
		if kappa == 0 && math.Abs(w-3*math.Ln2) > 1e-12 {
			t.Errorf("κ = 0: W_qs = %.15f, want 3 ln 2 = %.15f", w, 3*math.Ln2)
		}
		if w > prev+1e-9 || w < math.Ln2-1e-9 { // 1e-9: far above the quadrature's ~1e-12
			t.Errorf("κ = %g: W_qs = %.6f does not fall from %.6f toward ln 2", kappa, w, prev)
		}
		if w2 := e.QuasiStaticWork(-1); math.Abs(w2-w) > 1e-12 {
			t.Errorf("κ = %g: symmetric well, but W_qs(left) = %.15f ≠ W_qs(right) = %.15f", kappa, w2, w)
		}
		prev = w
	}
	if prev-math.Ln2 > 1e-3 {
		t.Errorf("κ = 1000: W_qs = %.6f, want within 1e-3 of ln 2", prev)
	}
	for _, bad := range []struct {
		n     int
		kappa float64
		kT    float64
	}{{2, 1, 1}, {3, -1, 1}, {3, math.Inf(1), 1}, {3, math.NaN(), 1}, {3, 1, 0}} {
		if _, err := CoupledEquilibrium(pot, pot.Rest(), bad.n, bad.kappa, bad.kT, 0); err == nil {
			t.Errorf("CoupledEquilibrium accepted N = %d, κ = %v, kT = %v", bad.n, bad.kappa, bad.kT)
		}
	}
	if _, err := CoupledEquilibrium(nil, wells.Control{}, 3, 1, 1, 0); err == nil {
		t.Error("CoupledEquilibrium accepted no potential")
	}
}
