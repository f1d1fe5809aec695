//go:build goexperiment.simd && amd64

package langevin

// The integrators' per-block normal generator with GOEXPERIMENT=simd on
// amd64: on a CPU with AVX-512 (checked at run time), 8 lanes of
// xoshiro256+ in AVX-512 registers and Box–Muller in float64 with
// vectorised polynomial log, sin and cos (the design of the C reference,
// bench/ref.c); on other CPUs, and whenever simdNormals is false, exactly
// the scalar generator of normal_nosimd.go.
//
// # The generator
//
// Lane j = 0..7 is a xoshiro256+ stream. Its state comes from the key pair
// (a, b) by SplitMix64 as in Stream.Seed, continued: with A_0, A_1, … the
// outputs of SplitMix64 from state a and B_0, B_1, … those from state
// b ^ streamKeyB, lane j is (s0, s1, s2, s3) = (A_2j, B_2j, A_2j+1, B_2j+1).
// Lane 0 is thus NewStream(a, b); the 16 A-words of one key pair are
// distinct (SplitMix64's output is a bijection of its state and the 16
// states are distinct), so no two lanes share a state and none is zero.
//
// One round draws two 64-bit words r1, r2 per lane and makes two normals
// per lane by Box–Muller (G. E. P. Box and M. E. Muller, Ann. Math. Stat.
// 29, 610 (1958)): ρ (cos θ, sin θ) with ρ = √(−2 ln u) and θ uniform on
// the circle, independent of u:
//
//   - u = (m + ½) 2^−52 ∈ (0, 1) with m the top 52 bits of r1 (computed as
//     1.m − (1 − 2^−53), exact): ln u < 0 always, and |ξ| ≤ √(106 ln 2) =
//     8.57, P(|ξ| > 8.57) = 1e-17;
//   - φ = (1.m' − 1.5) π/2 ∈ [−π/4, π/4) with m' bits 10..61 of r2; the
//     pair is (c, s) = (cos φ, sin φ), with c negated when bit 63 of r2 is
//     set and the two swapped when bit 62 is: θ = φ, π − φ, π/2 − φ or
//     φ − π/2, which tile the circle with the four quarter-turns
//     [−π/4, π/4), (3π/4, 5π/4], (π/4, 3π/4] and [−3π/4, −π/4). So θ is
//     uniform on a grid of 2^54 angles, and only the kernels on
//     [−π/4, π/4] are needed.
//
// The low ten bits of r2 and twelve of r1 (among them the three weak ones
// of xoshiro256+) are not used. ln, sin and cos are fdlibm's polynomials
// (e_log.c with its argument reduction to [√2/2, √2); k_sin.c, k_cos.c)
// in float64 with fused multiply-adds: relative error a few 1e-16
// (TestVecMathAccuracy bounds it by 1e-14 against math.Log, math.Sin and
// math.Cos). √ and the division are IEEE-exact instructions (no
// approximate reciprocals), so the numbers are the same on every AVX-512
// CPU. The normals are exact up to float64 rounding: no float32, no
// approximation of the distribution.
//
// Order: a round writes 16 numbers, the first normal of lanes 0..7, then
// the second of lanes 0..7; fill writes rounds from the start of buf, and
// a last partial round writes its first len(buf) mod 16 numbers and
// discards the rest. So the numbers depend only on the key pair and the
// lengths of the fills, never on threads or timing.

import (
	"math"
	"simd/archsimd"
)

// simdNormals says whether generators started from now on use the
// vectorised path: true when the CPU has AVX-512 (F, CD, BW, DQ, VL).
// Tests set it to false to run the scalar path in this build.
var simdNormals = archsimd.X86.AVX512()

// vecLanes is the number of xoshiro256+ lanes: one AVX-512 register
// (16 lanes in two interleaved registers were no faster: the loop is
// bound by the vector units' throughput, not by latency).
const vecLanes = 8

// vecRound is the number of normals one round of the lanes makes.
const vecRound = 2 * vecLanes

// normalGen is the standard normal generator of one block's integration.
// The zero value is ready for start or seed; it does not allocate.
type normalGen struct {
	src *Stream // scalar path: the stream the normals come from
	own Stream  // scalar path: the stream seed keys
	vec bool    // the vectorised path is in use

	// the lanes' xoshiro256+ states, word-major: s[k][j] is word k of lane j
	s [4][vecLanes]uint64
}

// start makes g ready for a block whose stream src has drawn the initial
// state. Scalar path: the normals continue src (src.FillNormal), exactly
// as without the experiment. Vectorised path: two draws of src key the
// lanes (so the lanes are unrelated to the draws src made before).
func (g *normalGen) start(src *Stream) {
	if !simdNormals {
		g.vec, g.src = false, src
		return
	}
	a := src.Uint64()
	b := src.Uint64()
	g.seedLanes(a, b)
}

// seed makes g the generator keyed by (a, b) alone: NewStream(a, b)'s
// normals on the scalar path, the lanes keyed by (a, b) on the vectorised
// one.
func (g *normalGen) seed(a, b uint64) {
	if !simdNormals {
		g.own.Seed(a, b)
		g.vec, g.src = false, &g.own
		return
	}
	g.seedLanes(a, b)
}

// seedLanes sets the lanes' states from the key pair (a, b) (see the file
// comment).
func (g *normalGen) seedLanes(a, b uint64) {
	g.vec, g.src = true, nil
	za, zb := a, b^streamKeyB
	for j := range vecLanes {
		g.s[0][j] = splitMix64Next(&za)
		g.s[1][j] = splitMix64Next(&zb)
		g.s[2][j] = splitMix64Next(&za)
		g.s[3][j] = splitMix64Next(&zb)
	}
}

// vectorised reports whether g uses the SIMD generator.
func (g *normalGen) vectorised() bool { return g.vec }

// fill fills buf with independent standard normal variates. It does not
// allocate.
func (g *normalGen) fill(buf []float64) {
	if !g.vec {
		g.src.FillNormal(buf)
		return
	}
	g.fillVec(buf)
}

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

// fdlibm e_log.c: the coefficients of R(z) ≈ (ln((1+s)/(1−s)) − 2s)/s,
// z = s², on |s| ≤ 0.1716 (1 + f ∈ [√2/2, √2)), and ln 2.
const (
	lg1 = 6.666666666666735130e-01
	lg2 = 3.999999999940941908e-01
	lg3 = 2.857142874366239149e-01
	lg4 = 2.222219843214978396e-01
	lg5 = 1.818357216161805012e-01
	lg6 = 1.531383769920937332e-01
	lg7 = 1.479819860511658591e-01
)

// fdlibm k_sin.c and k_cos.c coefficients (minimax on [−π/4, π/4]).
const (
	sinS1 = -1.66666666666666324348e-01
	sinS2 = 8.33333333332248946124e-03
	sinS3 = -1.98412698298579493134e-04
	sinS4 = 2.75573137070700676789e-06
	sinS5 = -2.50507602534068634195e-08
	sinS6 = 1.58969099521155010221e-10
	cosC1 = 4.16666666666666019037e-02
	cosC2 = -1.38888888888741095749e-03
	cosC3 = 2.48015872894767294178e-05
	cosC4 = -2.75573143513906633035e-07
	cosC5 = 2.08757232129817482790e-09
	cosC6 = -1.13596475577881948265e-11
)

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

// fillVec is fill's vectorised path.
func (g *normalGen) fillVec(buf []float64) {
	s0 := archsimd.LoadUint64x8(&g.s[0])
	s1 := archsimd.LoadUint64x8(&g.s[1])
	s2 := archsimd.LoadUint64x8(&g.s[2])
	s3 := archsimd.LoadUint64x8(&g.s[3])
	for len(buf) > 0 {
		var r1, r2 archsimd.Uint64x8
		r1, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
		r2, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
		// boxMullerVec(r1, r2), written out so that it is inlined
		rho := m2LogPoly(logReduceVec(uniformVec(r1))).Sqrt()
		phi := angleVec(r2)
		xa, xb := quadrantVec(rho, sinVec(phi), cosVec(phi), r2)
		if len(buf) >= vecRound {
			xa.Store((*[8]float64)(buf[0:8]))
			xb.Store((*[8]float64)(buf[8:16]))
			buf = buf[vecRound:]
			continue
		}
		// a partial last round: masked stores of its first len(buf)
		xa.StoreSlicePart(buf)
		if len(buf) > 8 {
			xb.StoreSlicePart(buf[8:])
		}
		break
	}
	s0.Store(&g.s[0])
	s1.Store(&g.s[1])
	s2.Store(&g.s[2])
	s3.Store(&g.s[3])
	// The scalar float code that follows (forces, update) is SSE: with
	// the upper halves of the vector registers dirty it would run with
	// false dependencies, more than twice slower.
	archsimd.ClearAVXUpperBits()
}

// vecM2Log sets out[i] = −2 ln in[i] with m2LogVec, 8 at a time (len(in)
// a multiple of 8, out as long); for the accuracy tests.
func vecM2Log(in, out []float64) {
	for i := 0; i+8 <= len(in); i += 8 {
		m2LogVec(archsimd.LoadFloat64x8Slice(in[i:])).StoreSlice(out[i:])
	}
	archsimd.ClearAVXUpperBits()
}

// vecSinCos sets sin[i], cos[i] to sin and cos of in[i] (|in[i]| ≤ π/4)
// with sinVec and cosVec, 8 at a time; for the accuracy tests.
func vecSinCos(in, sin, cos []float64) {
	for i := 0; i+8 <= len(in); i += 8 {
		x := archsimd.LoadFloat64x8Slice(in[i:])
		sinVec(x).StoreSlice(sin[i:])
		cosVec(x).StoreSlice(cos[i:])
	}
	archsimd.ClearAVXUpperBits()
}
