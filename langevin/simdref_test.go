//go:build goexperiment.simd && amd64

package langevin

// The former GOEXPERIMENT=simd generator (simd/archsimd), kept as a test
// reference: TestSIMDReferenceMatchesKernels requires the assembly
// kernels, which replaced it, to give its very bits.
//
//	GOEXPERIMENT=simd go test ./langevin/ -run SIMDReference

import (
	"math"
	"simd/archsimd"
)

// xoshiroVec is one xoshiro256+ step of 8 lanes: it returns the outputs
// s0 + s3 and the new state (Stream.Uint64's sequence of xors, each new
// word written as the xor of old ones).
func xoshiroVec(s0, s1, s2, s3 archsimd.Uint64x8) (r, n0, n1, n2, n3 archsimd.Uint64x8) {
	r = s0.Add(s3)
	t := s1.ShiftAllLeft(17)
	n0 = s0.Xor(s3).Xor(s1)
	n1 = s1.Xor(s2).Xor(s0)
	n2 = s2.Xor(s0).Xor(t)
	n3 = s3.Xor(s1).RotateAllLeft(45)
	return r, n0, n1, n2, n3
}

// vc holds the kernels' constants splat to 8 lanes. The loop reads them
// as memory operands: the compiler gives vectors only 15 registers
// (X0–X14), too few to keep 25 constants and the work in them. Filled
// once at initialisation, read-only afterwards.
var vc = newVecConsts()

type vec8 = [8]float64

type vecConsts struct {
	one, mant, logOff, logLo, sign, bit62, n12 [8]uint64
	f2, uOff, f1023, f15, pi2, m4, m2ln2       vec8
	mhalf, f1                                  vec8
	lg1, lg2, lg3, lg4, lg5, lg6, lg7          vec8 // −2 × fdlibm's
	s1, s2, s3, s4, s5, s6                     vec8
	c1, c2, c3, c4, c5, c6                     vec8
}

func newVecConsts() *vecConsts {
	c := new(vecConsts)
	for i := range 8 {
		c.one[i], c.mant[i], c.logOff[i], c.logLo[i], c.sign[i], c.bit62[i] = 0x3ff0000000000000, 0x000fffffffffffff, (0x3ff00000-0x3fe6a09e)<<32, 0x3fe6a09e<<32, 1<<63, 1<<62
		c.n12[i] = 12
		c.f2[i], c.uOff[i], c.f1023[i], c.f15[i], c.pi2[i] = 2, 1-0x1p-53, 1023, 1.5, math.Pi/2
		c.m4[i], c.m2ln2[i], c.mhalf[i], c.f1[i] = -4, -2*math.Ln2, -0.5, 1
		c.lg1[i], c.lg2[i], c.lg3[i], c.lg4[i], c.lg5[i], c.lg6[i], c.lg7[i] = -2*lg1, -2*lg2, -2*lg3, -2*lg4, -2*lg5, -2*lg6, -2*lg7
		c.s1[i], c.s2[i], c.s3[i], c.s4[i], c.s5[i], c.s6[i] = sinS1, sinS2, sinS3, sinS4, sinS5, sinS6
		c.c1[i], c.c2[i], c.c3[i], c.c4[i], c.c5[i], c.c6[i] = cosC1, cosC2, cosC3, cosC4, cosC5, cosC6
	}
	return c
}

func ld(p *vec8) archsimd.Float64x8      { return archsimd.LoadFloat64x8(p) }
func ldU(p *[8]uint64) archsimd.Uint64x8 { return archsimd.LoadUint64x8(p) }

// uniformVec maps 8 64-bit draws to uniforms u = (m + ½) 2^−52 ∈ (0, 1),
// m the top 52 bits: 1.m − (1 − 2^−53), exact.
//
// The logical right shifts here and in angleVec take their counts from a
// vector (VPSRLVQ): Go 1.26's compiler has no immediate form for
// Uint64x8.ShiftAllRight and loads the count with a legacy-SSE MOVQ, which
// on Intel CPUs (upper register halves dirty) made the loop 25 times
// slower; logReduceVec shifts arithmetically (VPSRAQ has the immediate
// form). The loop of fillVec contains no SSE-encoded instruction.
func uniformVec(r archsimd.Uint64x8) archsimd.Float64x8 {
	return r.ShiftRight(ldU(&vc.n12)).Or(ldU(&vc.one)).AsFloat64x8().Sub(ld(&vc.uOff))
}

// angleVec maps 8 64-bit draws to φ = (1.m − 1.5) π/2 ∈ [−π/4, π/4), m
// bits 10..61 (1.m − 1.5 is exact).
func angleVec(r archsimd.Uint64x8) archsimd.Float64x8 {
	return r.ShiftAllLeft(2).ShiftRight(ldU(&vc.n12)).Or(ldU(&vc.one)).AsFloat64x8().Sub(ld(&vc.f15)).Mul(ld(&vc.pi2))
}

// logReduceVec writes positive normal float64s v as 2^k (1 + f) with
// 1 + f ∈ [0x3fe6a09e00000000, 0x3ff6a09dffffffff] ≈ [√2/2, √2), and
// returns f and k (both exact). As fdlibm's newer e_log.c (and musl):
// adding 0x3ff00000 − 0x3fe6a09e to the high word carries into the
// exponent exactly when the mantissa is ≥ √2's, then the mantissa is
// moved back to the range.
func logReduceVec(v archsimd.Float64x8) (f, k archsimd.Float64x8) {
	ix := v.AsUint64x8().Add(ldU(&vc.logOff))
	k = ix.AsInt64x8().ShiftAllRight(52).ConvertToFloat64().Sub(ld(&vc.f1023)) // ix < 2^63
	f = ix.And(ldU(&vc.mant)).Add(ldU(&vc.logLo)).AsFloat64x8().Sub(ld(&vc.f1))
	return f, k
}

// m2LogVec returns −2 ln v for positive normal float64s v (fdlibm's
// reduction and polynomial): with v = 2^k (1 + f) (logReduceVec), s =
// f/(2 + f) and z = s², ln v = k ln 2 + s (2 + z P(z)), P(z) = Lg1 + z Lg2
// + … + z⁶ Lg7; the factor −2 is folded into the constants (exact).
// Relative error below 1e-15 (a few ulp: the rounding of s, of ln 2 and of
// the sums).
func m2LogVec(v archsimd.Float64x8) archsimd.Float64x8 { return m2LogPoly(logReduceVec(v)) }

// m2LogPoly is m2LogVec after the reduction.
func m2LogPoly(f, k archsimd.Float64x8) archsimd.Float64x8 {
	s := f.Div(ld(&vc.f2).Add(f))
	z := s.Mul(s)
	p := ld(&vc.lg7).MulAdd(z, ld(&vc.lg6))
	p = p.MulAdd(z, ld(&vc.lg5))
	p = p.MulAdd(z, ld(&vc.lg4))
	p = p.MulAdd(z, ld(&vc.lg3))
	p = p.MulAdd(z, ld(&vc.lg2))
	p = p.MulAdd(z, ld(&vc.lg1))
	return k.MulAdd(ld(&vc.m2ln2), p.MulAdd(z, ld(&vc.m4)).Mul(s))
}

// sinVec returns sin x for |x| ≤ π/4 by fdlibm's k_sin.c polynomial,
// x + x z (S1 + z S2 + … + z⁵ S6), z = x².
func sinVec(x archsimd.Float64x8) archsimd.Float64x8 {
	z := x.Mul(x)
	p := ld(&vc.s6).MulAdd(z, ld(&vc.s5))
	p = p.MulAdd(z, ld(&vc.s4))
	p = p.MulAdd(z, ld(&vc.s3))
	p = p.MulAdd(z, ld(&vc.s2))
	p = p.MulAdd(z, ld(&vc.s1))
	return p.MulAdd(z.Mul(x), x)
}

// cosVec returns cos x for |x| ≤ π/4 by fdlibm's k_cos.c polynomial,
// 1 + z (−½ + z (C1 + z C2 + … + z⁵ C6)), z = x².
func cosVec(x archsimd.Float64x8) archsimd.Float64x8 {
	z := x.Mul(x)
	p := ld(&vc.c6).MulAdd(z, ld(&vc.c5))
	p = p.MulAdd(z, ld(&vc.c4))
	p = p.MulAdd(z, ld(&vc.c3))
	p = p.MulAdd(z, ld(&vc.c2))
	p = p.MulAdd(z, ld(&vc.c1))
	p = p.MulAdd(z, ld(&vc.mhalf))
	return p.MulAdd(z, ld(&vc.f1))
}

// boxMullerVec turns the draws r1, r2 of 8 lanes into two standard normals
// per lane (see the file comment): ρ = √(−2 ln u), and with c = cos φ
// negated when bit 63 of r2 is set, (ρ c, ρ sin φ), or (ρ sin φ, ρ c)
// when bit 62 is set.
func boxMullerVec(r1, r2 archsimd.Uint64x8) (xa, xb archsimd.Float64x8) {
	rho := m2LogVec(uniformVec(r1)).Sqrt()
	phi := angleVec(r2)
	return quadrantVec(rho, sinVec(phi), cosVec(phi), r2)
}

// quadrantVec returns (ρ c, ρ s), or (ρ s, ρ c) where bit 62 of r is set,
// c being cos negated where bit 63 of r is set.
func quadrantVec(rho, sin, cos archsimd.Float64x8, r archsimd.Uint64x8) (xa, xb archsimd.Float64x8) {
	c := cos.AsUint64x8().Xor(r.And(ldU(&vc.sign))).AsFloat64x8()
	swap := r.And(ldU(&vc.bit62)).NotEqual(archsimd.Uint64x8{})
	return rho.Mul(sin.Merge(c, swap)), rho.Mul(c.Merge(sin, swap))
}

// vecM2Log sets out[i] = −2 ln in[i] with m2LogVec, 8 at a time (len(in)
// a multiple of 8, out as long); for the accuracy tests.
func simdM2Log(in, out []float64) {
	for i := 0; i+8 <= len(in); i += 8 {
		m2LogVec(archsimd.LoadFloat64x8Slice(in[i:])).StoreSlice(out[i:])
	}
	archsimd.ClearAVXUpperBits()
}

// vecSinCos sets sin[i], cos[i] to sin and cos of in[i] (|in[i]| ≤ π/4)
// with sinVec and cosVec, 8 at a time; for the accuracy tests.
func simdSinCos(in, sin, cos []float64) {
	for i := 0; i+8 <= len(in); i += 8 {
		x := archsimd.LoadFloat64x8Slice(in[i:])
		sinVec(x).StoreSlice(sin[i:])
		cosVec(x).StoreSlice(cos[i:])
	}
	archsimd.ClearAVXUpperBits()
}
