package erasure

import "math"

// This file holds the closed-form bounds and estimates of PHYSICS.md §1 and
// §3. Energies are in kT, entropies in nats, rates in the inverse time unit of
// the dynamics.

// BinaryEntropy returns the binary entropy in nats,
//
//	H(ε) = −ε ln ε − (1−ε) ln(1−ε),
//
// with H(0) = H(1) = 0 and H(½) = ln 2. It is accurate in relative terms for
// ε down to the smallest subnormal (it uses log1p, and H(ε) = H(1−ε) with
// 1−ε computed exactly for ε ≥ ½). NaN outside [0, 1].
func BinaryEntropy(eps float64) float64 {
	if !(eps >= 0 && eps <= 1) {
		return math.NaN()
	}
	if eps > 0.5 {
		eps = 1 - eps // exact (Sterbenz)
	}
	if eps == 0 {
		return 0
	}
	return -eps*math.Log(eps) - (1-eps)*math.Log1p(-eps)
}

// LandauerBound returns the least average work, in kT, to erase an
// equilibrium 50/50 bit so that it ends in the wrong well with probability
// ε (Landauer's bound with error; PHYSICS.md §1):
//
//	W ≥ ln 2 − H(ε).
//
// It reaches ln 2 as ε → 0 (at ε = 1e-15 it is ln 2 − 3.6e-14): in the slow
// limit reliability is free. It is 0 at ε = ½. NaN outside [0, 1].
func LandauerBound(eps float64) float64 {
	return math.Ln2 - BinaryEntropy(eps)
}

// SymmetricBound returns the least average work, in kT, of a time-symmetric
// erasure protocol (one whose control path reads the same backwards) that
// reaches error ε (Riechers, Boyd, Wimsatt & Crutchfield, PRR 2, 033524
// (2020); Wimsatt et al., J. Stat. Phys. 183, 16 (2021)):
//
//	W ≥ ½ (1 − 2ε) ln((1 − ε)/ε),
//
// which grows like ½ ln(1/ε) as ε → 0 (+Inf at ε = 0 and at ε = 1), and is
// 0 at ε = ½. It is symmetric under ε → 1−ε. NaN outside [0, 1].
func SymmetricBound(eps float64) float64 {
	if !(eps >= 0 && eps <= 1) {
		return math.NaN()
	}
	if eps > 0.5 {
		eps = 1 - eps
	}
	if eps == 0 {
		return math.Inf(1)
	}
	return 0.5 * (1 - 2*eps) * (math.Log1p(-eps) - math.Log(eps))
}

// BarrierForError returns the barrier, in kT, that the "~50 kT" retention
// argument asks for to keep the error per attempt time at ε (PHYSICS.md §1:
// the hop rate goes as e^{−E_b}, so ε ≈ e^{−E_b}):
//
//	E_b = ln(1/ε).
//
// ε = 1e-15 gives 34.5 kT; a 50 kT barrier corresponds to ε ≈ 1.9e-22.
// +Inf at ε = 0, NaN for ε < 0 or NaN.
func BarrierForError(eps float64) float64 {
	return -math.Log(eps)
}

// RetentionError returns the probability that a bit stored in a symmetric
// double well is found in the wrong well after a time t, for a hop rate k
// out of each well (two-state relaxation toward ½; PHYSICS.md §3):
//
//	ε(t) = ½ (1 − e^{−2kt}).
//
// For small kt it is ≈ kt.
func RetentionError(rate, t float64) float64 {
	return -0.5 * math.Expm1(-2*rate*t)
}

// KramersRate returns the high-barrier (Kramers, overdamped) escape rate out
// of a well (PHYSICS.md §3); with γ = 1 it is in the inverse of the
// overdamped time unit γL²/kT:
//
//	k = √(U″(a) |U″(b)|) / (2πγ) · e^{−E_b},
//
// with curvWell = U″(a) > 0 at the well bottom a, curvBarrier = U″(b) at
// the barrier top b (negative; its magnitude is used), barrier = E_b =
// U(b) − U(a) in kT, and friction γ > 0. For U = E_b (x² − 1)²,
// U″(±1) = 8E_b and U″(0) = −4E_b, so k = (2√2/π) E_b e^{−E_b}. It is
// accurate when E_b ≫ 1. NaN when curvWell ≤ 0 or friction ≤ 0.
func KramersRate(curvWell, curvBarrier, barrier, friction float64) float64 {
	if !(curvWell > 0 && friction > 0) {
		return math.NaN()
	}
	return math.Sqrt(curvWell*math.Abs(curvBarrier)) / (2 * math.Pi * friction) * math.Exp(-barrier)
}
