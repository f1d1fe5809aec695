package fokkerplanck

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/lapack/gonum"
)

// The relaxation spectrum of the discrete generator.
//
// On cells of width h with the potential u (in units of kT) at the cell
// centres, the Fokker–Planck operator of this package is the jump process
// with rates (D/h²)B(Δᵢ) from cell i to i+1 and (D/h²)B(−Δᵢ) back,
// Δᵢ = uᵢ₊₁ − uᵢ, B(z) = z/(eᶻ − 1), and zero-flux walls: dp/dt = L p. The
// decay rates 0 = λ₀ < λ₁ ≤ λ₂ … are the eigenvalues of −L. Detailed balance
// with respect to πᵢ ∝ e^{−uᵢ} makes π^{−1/2} L π^{1/2} symmetric and
// tridiagonal, with diagonal −(D/h²)[B(Δᵢ) + B(−Δᵢ₋₁)] and off-diagonal
// (D/h²)√(B(Δᵢ)B(−Δᵢ)). The spectrum converges to that of the continuum
// operator at second order in h.

// maxSpread is the largest range max u − min u (in kT) SlowestRate accepts:
// λ₁ ~ e^{−(barrier)} must stay a normal float64.
const maxSpread = 600

// Spectrum returns the k smallest decay rates λ₀ ≤ λ₁ ≤ … ≤ λ_{k−1} of the
// discrete generator for the potential u (in units of kT, at the centres of
// cells of width h) with diffusion constant d = kT/γ, in units of d/h²·(h²)
// = 1/time. λ₀ = 0 (the Boltzmann distribution) to rounding.
//
// The eigenvalues come from gonum's Dsterf (QR on the symmetrised
// tridiagonal matrix): each is accurate to a few ulp of the largest, about
// 4d/h², not relative to itself. Across a barrier of E_b kT λ₁ ~ e^{−E_b},
// so for barriers above ~15 kT use SlowestRate, which is accurate relative
// to λ₁ at any barrier.
func Spectrum(u []float64, h, d float64, k int) ([]float64, error) {
	n := len(u)
	if err := checkGenerator(u, h, d); err != nil {
		return nil, err
	}
	if k < 1 || k > n {
		return nil, fmt.Errorf("fokkerplanck: spectrum: k = %d must be in [1, %d]", k, n)
	}
	bp, bm := make([]float64, n), make([]float64, n)
	rates(u, bp, bm, 1)
	diag, off := make([]float64, n), make([]float64, n-1)
	c := d / (h * h)
	for i := range n {
		diag[i] = c * bp[i] // out to the right
		if i > 0 {
			diag[i] += c * bm[i-1] // out to the left
		}
		if i < n-1 {
			off[i] = -c * math.Sqrt(bp[i]*bm[i])
		}
	}
	if !(gonum.Implementation{}).Dsterf(n, diag, off) {
		return nil, errors.New("fokkerplanck: spectrum: the tridiagonal eigensolver did not converge")
	}
	sort.Float64s(diag)
	return diag[:k], nil
}

func checkGenerator(u []float64, h, d float64) error {
	if len(u) < 3 {
		return fmt.Errorf("fokkerplanck: spectrum: need at least 3 cells, got %d", len(u))
	}
	if !(h > 0) || math.IsInf(h, 1) || !(d > 0) || math.IsInf(d, 1) {
		return fmt.Errorf("fokkerplanck: spectrum: cell width %v and diffusion constant %v must be finite and > 0", h, d)
	}
	for i, v := range u {
		if !finite(v) {
			return fmt.Errorf("fokkerplanck: spectrum: u[%d] = %v", i, v)
		}
	}
	return nil
}

// SlowestRate returns λ₁, the smallest nonzero decay rate of the discrete
// generator (see Spectrum for the arguments and units), to a relative
// accuracy of about 1e-12 whatever its size: across a 50 kT barrier
// λ₁ ≈ 1e-21 comes out as accurately as at 1 kT. It returns the number of
// inverse-iteration steps taken as well.
//
// Method: inverse iteration with −L restricted to mass-free vectors, in the
// variable φ = p/π. Solving −L q = r for a mass-free r is exact
// bookkeeping in one dimension: the flux through face i is
// Sᵢ = Σ_{j≤i} rⱼ (taken from whichever end has the smaller sum of |rⱼ|, so
// that no large terms cancel), and Sᵢ = (D/h²) πᵢB(Δᵢ) (φᵢ − φᵢ₊₁) gives
// φᵢ₊₁ = φᵢ − Sᵢ wᵢ, wᵢ = h²/(D πᵢ B(Δᵢ)) = h²/(D πᵢ₊₁ B(−Δᵢ)), evaluated
// on the side where B ≥ 1 and scaled by e^{−(max u − min u)} so that no
// weight overflows. Every step multiplies the φ-component along mode m by
// 1/λ_m, so the Rayleigh quotient ⟨φₙ₊₁, φₙ⟩_π/⟨φₙ₊₁, φₙ₊₁⟩_π converges to
// λ₁ as (λ₁/λ₂)^{2n}: one or two steps across a high barrier, a few dozen
// in a single well. Iteration stops when λ changes by less than 1e-14
// relative; it fails when λ₁ and λ₂ are so close that 10⁴ steps do not
// settle it, or when max u − min u exceeds 600 kT.
func SlowestRate(u []float64, h, d float64) (lambda float64, steps int, err error) {
	if err := checkGenerator(u, h, d); err != nil {
		return 0, 0, err
	}
	n := len(u)
	umin, umax := u[0], u[0]
	for _, v := range u {
		umin, umax = min(umin, v), max(umax, v)
	}
	if umax-umin > maxSpread {
		return 0, 0, fmt.Errorf("fokkerplanck: slowest rate: the potential spans %.4g kT, more than %d kT", umax-umin, maxSpread)
	}
	bp, bm := make([]float64, n), make([]float64, n)
	rates(u, bp, bm, 1)
	pi := make([]float64, n) // e^{−(u − min u)}
	for i, v := range u {
		pi[i] = math.Exp(-(v - umin))
	}
	// w[i] e^{−(umax−umin)} (D/h²)^{−1}: the scaled inverse conductance of face i.
	w := make([]float64, n-1)
	for i := range w {
		if u[i+1] > u[i] {
			w[i] = math.Exp(u[i+1]-umax) / bm[i]
		} else {
			w[i] = math.Exp(u[i]-umax) / bp[i]
		}
	}
	scale := d / (h * h) * math.Exp(-(umax - umin)) // λ = scale·λ_scaled

	phi, next := make([]float64, n), make([]float64, n)
	sl, al := make([]float64, n), make([]float64, n) // prefix sums of r and |r|
	for i := range phi {
		phi[i] = float64(i) - float64(n-1)/2
	}
	var sumPi float64
	for _, p := range pi {
		sumPi += p
	}
	project := func(f []float64) {
		var m, big float64
		for i, p := range pi {
			m += p * f[i]
		}
		m /= sumPi
		for i := range f {
			f[i] -= m
			big = max(big, math.Abs(f[i]))
		}
		for i := range f {
			f[i] /= big
		}
	}
	project(phi)
	prev := math.Inf(1)
	const maxSteps = 10000
	for step := 1; step <= maxSteps; step++ {
		var s, a float64
		for i := range n {
			r := pi[i] * phi[i]
			s += r
			a += math.Abs(r)
			sl[i], al[i] = s, a
		}
		total, totalAbs := s, a
		next[0] = 0
		for i := 0; i < n-1; i++ {
			// The flux through face i, from the end with less to cancel.
			f := sl[i]
			if al[i] > totalAbs-al[i] {
				f = -(total - sl[i])
			}
			next[i+1] = next[i] - f*w[i]
		}
		// Rayleigh quotient before normalising: ⟨next, phi⟩_π / ⟨next, next⟩_π,
		// with next projected onto mass-free vectors first.
		var m float64
		for i, p := range pi {
			m += p * next[i]
		}
		m /= sumPi
		var num, den float64
		for i, p := range pi {
			v := next[i] - m
			next[i] = v
			num += p * v * phi[i]
			den += p * v * v
		}
		if !(den > 0) || !(num > 0) {
			return 0, step, errors.New("fokkerplanck: slowest rate: inverse iteration broke down (no nonzero mode?)")
		}
		lam := num / den
		project(next)
		phi, next = next, phi
		if step >= 3 && math.Abs(lam-prev) <= 1e-14*lam {
			return scale * lam, step, nil
		}
		prev = lam
	}
	return 0, maxSteps, fmt.Errorf("fokkerplanck: slowest rate: not settled after %d inverse-iteration steps (λ₁ and λ₂ nearly equal)", maxSteps)
}
