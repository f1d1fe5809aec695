package fokkerplanck

import (
	"math"
	"testing"

	"github.com/landauer-dev/landauer/internal/quad"
)

// integrate is ∫_a^b f by 10-point Gauss–Legendre on panels of width ≤ w.
func integrate(f func(float64) float64, a, b, w float64) float64 {
	return quad.Legendre(10).Composite(f, a, b, max(1, int(math.Ceil((b-a)/w))))
}

// mfpt is the exact mean first-passage time from a to b > a for
// overdamped diffusion (D = kT = 1) in U with a reflecting wall at lo,
// ∫_a^b dy e^{U(y)} ∫_lo^y dz e^{−U(z)}, by nested 10-point Gauss–Legendre
// quadrature on panels of width ≤ w (relative accuracy ~1e-13 for the smooth
// wells here with w = 0.01).
func mfpt(U func(float64) float64, lo, a, b, w float64) float64 {
	boltz := func(z float64) float64 { return math.Exp(-U(z)) }
	m := max(1, int(math.Ceil((b-lo)/w)))
	pw := (b - lo) / float64(m)
	cum := make([]float64, m+1) // ∫_lo^{lo+k·pw} e^{−U}
	for k := range m {
		cum[k+1] = cum[k] + integrate(boltz, lo+float64(k)*pw, lo+float64(k+1)*pw, pw)
	}
	inner := func(y float64) float64 {
		k := min(int((y-lo)/pw), m-1)
		return cum[k] + integrate(boltz, lo+float64(k)*pw, y, pw)
	}
	return integrate(func(y float64) float64 { return math.Exp(U(y)) * inner(y) }, a, b, w)
}

// quarticGrid returns U = E_b(x² − 1)² at the centres of n cells of
// [lo, hi], and the cell width.
func quarticGrid(eb, lo, hi float64, n int) ([]float64, float64) {
	h := (hi - lo) / float64(n)
	u := make([]float64, n)
	for i := range u {
		x := lo + (float64(i)+0.5)*h
		d := x*x - 1
		u[i] = eb * d * d
	}
	return u, h
}

// TestSlowestRateMatchesSpectrum: inverse iteration and the dense
// tridiagonal eigensolver find the same λ₁ where both can (barriers up to
// 10 kT, λ₁ ≥ 1e-4). Dsterf is accurate to a few ulp of the largest
// eigenvalue λ_max ≈ 4D/h², so the tolerance is 64 ulp of λ_max
// (64·2.2e-16·λ_max) plus 1e-12 relative for the iteration.
func TestSlowestRateMatchesSpectrum(t *testing.T) {
	for _, eb := range []float64{0.5, 2, 6, 10} {
		u, h := quarticGrid(eb, -2.5, 2.5, 800)
		ev, err := Spectrum(u, h, 0.7, len(u))
		if err != nil {
			t.Fatal(err)
		}
		lam, steps, err := SlowestRate(u, h, 0.7)
		if err != nil {
			t.Fatal(err)
		}
		tol := 64*2.2e-16*ev[len(ev)-1] + 1e-12*lam
		t.Logf("E_b = %v: λ₁ = %.15g (inverse iteration, %d steps) vs %.15g (Dsterf), tolerance %.1e", eb, lam, steps, ev[1], tol)
		if math.Abs(lam-ev[1]) > tol {
			t.Errorf("E_b = %v: SlowestRate %v, Spectrum %v", eb, lam, ev[1])
		}
	}
}

// TestSlowestRateHarmonic: in a harmonic well U = k x²/2 (Ornstein–Uhlenbeck)
// the exact slowest rate is λ₁ = kD/kT = k (kT = D = 1). The discrete λ₁
// converges at second order in h; the Richardson extrapolation of 400 and
// 800 cells on [−8, 8] (U = 32 kT at the walls) must match k to 1e-6
// relative (observed 1.1e-8).
func TestSlowestRateHarmonic(t *testing.T) {
	const k = 1.0
	var lam [2]float64
	for j, n := range []int{400, 800} {
		h := 16 / float64(n)
		u := make([]float64, n)
		for i := range u {
			x := -8 + (float64(i)+0.5)*h
			u[i] = k * x * x / 2
		}
		var err error
		if lam[j], _, err = SlowestRate(u, h, 1); err != nil {
			t.Fatal(err)
		}
	}
	l := lam[1] + (lam[1]-lam[0])/3
	t.Logf("λ₁ = %.12g, %.12g → %.12g, exact %v", lam[0], lam[1], l, k)
	if math.Abs(l/k-1) > 1e-6 {
		t.Errorf("λ₁ = %v, want %v", l, k)
	}
}

// TestSlowestRateHighBarrier: across 20, 35 and 50 kT barriers, where the
// dense eigensolver sees only rounding, λ₁ (Richardson-extrapolated from
// 1000 and 2000 cells of [−1.8, 1.8], where U ≥ 50·2.24² kT at the walls for
// 50 kT and ≥ 44 kT for 20 kT) equals 2/T, T the exact mean first-passage
// time between the minima, to the discretisation error: |λ₁T/2 − 1| below
// 1e-6 (the corrections O(e^{−E_b}) are < 3e-9 here; observed 2e-9 to 6e-9).
func TestSlowestRateHighBarrier(t *testing.T) {
	const lo, hi = -1.8, 1.8
	for _, eb := range []float64{20, 35, 50} {
		var lam [2]float64
		for j, n := range []int{1000, 2000} {
			u, h := quarticGrid(eb, lo, hi, n)
			var err error
			if lam[j], _, err = SlowestRate(u, h, 1); err != nil {
				t.Fatal(err)
			}
		}
		l := lam[1] + (lam[1]-lam[0])/3
		U := func(x float64) float64 { d := x*x - 1; return eb * d * d }
		T := mfpt(U, lo, -1, 1, 0.005)
		t.Logf("E_b = %v: λ₁ = %.10g, 2/T = %.10g, λ₁T/2 − 1 = %.2e", eb, l, 2/T, l*T/2-1)
		if math.Abs(l*T/2-1) > 1e-6 {
			t.Errorf("E_b = %v: λ₁ = %v, 2/T = %v", eb, l, 2/T)
		}
	}
}
