package fokkerplanck

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/lapack/gonum"
)

// spectrum returns the k smallest eigenvalues (decay rates, ascending) of
// the discrete Fokker–Planck generator for the potential u (kT = D = 1) on
// cells of width h: the jump process with rates B(Δᵢ)/h² and B(−Δᵢ)/h², made
// symmetric by the similarity transform π^{−1/2} L π^{1/2} (π the discrete
// Boltzmann distribution), whose tridiagonal eigenvalues gonum's Dsterf
// computes to an absolute accuracy of a few ulp of the largest one.
func spectrum(u []float64, h float64, k int) []float64 {
	n := len(u)
	bp, bm := make([]float64, n), make([]float64, n)
	rates(u, bp, bm, 1)
	d, e := make([]float64, n), make([]float64, n-1)
	c := 1 / (h * h)
	for i := range n {
		d[i] = c * bp[i] // out to the right
		if i > 0 {
			d[i] += c * bm[i-1] // out to the left
		}
		if i < n-1 {
			e[i] = -c * math.Sqrt(bp[i]*bm[i])
		}
	}
	if !(gonum.Implementation{}).Dsterf(n, d, e) {
		panic("Dsterf did not converge")
	}
	sort.Float64s(d)
	return d[:k]
}

// integrate is ∫_a^b f by 10-point Gauss–Legendre on panels of width ≤ w.
func integrate(f func(float64) float64, a, b, w float64) float64 {
	// 10-point Gauss–Legendre nodes and weights on [−1, 1].
	gauss10 := [2][10]float64{
		{-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312,
			0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717},
		{0.0666713443086881, 0.1494513491505806, 0.2190863625159820, 0.2692667193099963, 0.2955242247147529,
			0.2955242247147529, 0.2692667193099963, 0.2190863625159820, 0.1494513491505806, 0.0666713443086881},
	}
	m := max(1, int(math.Ceil((b-a)/w)))
	hw := (b - a) / float64(m) / 2
	var sum float64
	for j := range m {
		mid := a + (2*float64(j)+1)*hw
		for k, x := range gauss10[0] {
			sum += gauss10[1][k] * f(mid+hw*x)
		}
	}
	return sum * hw
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
