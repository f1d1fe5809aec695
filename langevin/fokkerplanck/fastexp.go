package fokkerplanck

import "math"

// expTable[j] = 2^{j/64} as bits, less j<<46 (see expNeg).
var expTable = func() (t [64]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j)/64)) - uint64(j)<<46
	}
	return t
}()

// expNeg returns eˣ for −708 ≤ x ≤ 0 to within two units in the last place,
// about twice as fast as math.Exp (no special cases).
//
// x = (64k + j) ln2/64 + r with |r| ≤ ln2/128, eˣ = 2^k · 2^{j/64} · eʳ, with
// a degree-5 Taylor polynomial for eʳ (truncation error below 4e-17).
func expNeg(x float64) float64 {
	const (
		shift  = 0x1.8p52
		invLn2 = 64 / math.Ln2
		// ln2/64 = ln2Hi + ln2Lo, ln2Hi with 32 bits so that k·ln2Hi is exact.
		ln2Hi = 0x1.62e42feep-7
		ln2Lo = 0x1.a39ef35793c76p-39
	)
	kd := x*invLn2 + shift
	ki := math.Float64bits(kd)
	kd -= shift
	r := (x - kd*ln2Hi) - kd*ln2Lo
	q := r * (1 + r*(0.5+r*((1.0/6)+r*((1.0/24)+r*(1.0/120))))) // eʳ − 1
	// 2^{k/64}: ki holds k in its low bits; ki<<46 moves ⌊k/64⌋ into the
	// exponent field (the rest cancels against the table's j<<46).
	scale := math.Float64frombits(expTable[ki&63] + ki<<46)
	return scale + scale*q
}
