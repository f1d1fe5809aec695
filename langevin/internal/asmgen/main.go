// Command asmgen writes the amd64 assembly kernels of package langevin
// (kernels_amd64.s) and their Go declarations (kernels_amd64.go) with avo
// (github.com/mmcloughlin/avo). It is run by go generate in
// langevin/kernel.go:
//
//	go generate ./langevin/...
//
// and its output is committed; .ci/run regenerates it and fails if the
// committed files differ.
//
// # What it writes
//
// For each of two instruction sets, AVX-512 (512-bit registers, one
// register holds the 8 lanes) and AVX2 with FMA (256-bit registers: the
// 8 lanes are run as two halves of 4, one after the other, each over all
// rounds), the same three kernels, built from the same Go functions below
// so that they execute the same floating-point operations in the same
// order and give the same bits:
//
//   - fill: the normals of the 8-lane xoshiro256+ Box–Muller generator
//     (langevin/normalgen.go documents the algorithm), 16 per round;
//   - jun: one fused overdamped Euler–Maruyama step of the jun potential
//     (langevin/fused.go) with the normals made in registers;
//   - junHeun: one fused overdamped stochastic Heun step (the default
//     overdamped integrator; langevin/fused_heun.go);
//   - junUnder: one fused underdamped BAOAB step (langevin/fused_under.go).
//
// The step kernels can also store the normals they make (for the 2dt
// path of langevin.Ensemble.Coarse).
//
// The particle arithmetic uses separate multiplies and adds, exactly the
// scalar Go expressions in their order (Go does not contract x*y + z into
// a fused multiply-add on amd64 below GOAMD64=v3), so the kernels give the
// scalar path's bits. The normals' polynomials use fused multiply-adds
// (fdlibm's log, sin and cos), the same ones in the same order as the pure
// Go reference of the tests (math.FMA) and the former GOEXPERIMENT=simd
// kernels.
//
// Plus m2log, sincos and boxMuller (the generator's −2 ln x, sin and cos
// on [−π/4, π/4], and its normals of given draws, 8 at a time) for the
// accuracy and tail tests, and cpuid
// and xgetbv for the run-time CPU check.
//
// AVX2 functions use only Y0–Y15 and VEX instructions (checked by a test of
// package langevin on the generated file), so they run on CPUs without
// AVX-512.
package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// isa is one instruction set's way of writing the kernels' operations on
// one register of lanes.
type isa struct {
	name  string // suffix of the function names: AVX512 or AVX2
	lanes int    // float64 lanes per register: 8 or 4
	evex  bool   // AVX-512: ZMM registers, opmasks, ternary logic, rotates
}

var (
	avx512 = isa{name: "AVX512", lanes: 8, evex: true}
	avx2   = isa{name: "AVX2", lanes: 4}
)

// halves is how many registers the 8 lanes take.
func (a isa) halves() int { return 8 / a.lanes }

// bytes is the size of one register.
func (a isa) bytes() int { return 8 * a.lanes }

func (a isa) vec() VecVirtual {
	if a.evex {
		return ZMM()
	}
	return YMM()
}

func (a isa) and(x, y, dst Op) {
	if a.evex {
		VPANDQ(x, y, dst)
	} else {
		VPAND(x, y, dst)
	}
}

func (a isa) or(x, y, dst Op) {
	if a.evex {
		VPORQ(x, y, dst)
	} else {
		VPOR(x, y, dst)
	}
}

func (a isa) xor(x, y, dst Op) {
	if a.evex {
		VPXORQ(x, y, dst)
	} else {
		VPXOR(x, y, dst)
	}
}

// xorInto sets d ^= x ^ y.
func (a isa) xorInto(x, y, d Op) {
	if a.evex {
		VPTERNLOGQ(U8(0x96), x, y, d)
		return
	}
	VPXOR(x, d, d)
	VPXOR(y, d, d)
}

// rotl sets dst = x rotated left by n bits (64-bit lanes).
func (a isa) rotl(n int, x, dst VecVirtual) {
	if a.evex {
		VPROLQ(U8(n), x, dst)
		return
	}
	t := a.vec()
	VPSLLQ(U8(n), x, t)
	VPSRLQ(U8(64-n), x, dst)
	VPOR(t, dst, dst)
}

// broadcast returns a register with the float64 at m in every lane.
func (a isa) broadcast(m Mem) VecVirtual {
	r := a.vec()
	VBROADCASTSD(m, r)
	return r
}

// The Box–Muller constants: each 8 equal 64-bit words (one ZMM, or the
// first half for a YMM), in the table bm.
var bmNames = []string{
	"one", "mant", "logOff", "logLo", "sign", "bit62", "expMagic",
	"expOff", "two", "uOff", "f15", "pi2", "m4", "m2ln2", "mhalf", "f1",
	"lg1", "lg2", "lg3", "lg4", "lg5", "lg6", "lg7",
	"s1", "s2", "s3", "s4", "s5", "s6",
	"c1", "c2", "c3", "c4", "c5", "c6",
}

// bmValue is the 64-bit word of each constant. The float64 ones are
// fdlibm's coefficients (e_log.c, k_sin.c, k_cos.c; the log's times −2, an
// exact scaling) as in langevin/normalgen.go, which the tests compare
// against this table's use.
func bmValue(name string) uint64 {
	f := math.Float64bits
	switch name {
	case "one":
		return 0x3ff0000000000000 // 1.0
	case "mant":
		return 0x000fffffffffffff
	case "logOff":
		return (0x3ff00000 - 0x3fe6a09e) << 32
	case "logLo":
		return 0x3fe6a09e << 32
	case "sign":
		return 1 << 63
	case "bit62":
		return 1 << 62
	case "expMagic":
		return 0x4330000000000000 // 2^52: OR a small integer e into the mantissa → 2^52 + e
	case "expOff":
		return f(0x1p52 + 1023) // (2^52 + e) − (2^52 + 1023) = e − 1023, exact
	case "two":
		return f(2)
	case "uOff":
		return f(1 - 0x1p-53)
	case "f15":
		return f(1.5)
	case "pi2":
		return f(math.Pi / 2)
	case "m4":
		return f(-4)
	case "m2ln2":
		return f(-2 * math.Ln2)
	case "mhalf":
		return f(-0.5)
	case "f1":
		return f(1)
	case "lg1":
		return f(-2 * 6.666666666666735130e-01)
	case "lg2":
		return f(-2 * 3.999999999940941908e-01)
	case "lg3":
		return f(-2 * 2.857142874366239149e-01)
	case "lg4":
		return f(-2 * 2.222219843214978396e-01)
	case "lg5":
		return f(-2 * 1.818357216161805012e-01)
	case "lg6":
		return f(-2 * 1.531383769920937332e-01)
	case "lg7":
		return f(-2 * 1.479819860511658591e-01)
	case "s1":
		return f(-1.66666666666666324348e-01)
	case "s2":
		return f(8.33333333332248946124e-03)
	case "s3":
		return f(-1.98412698298579493134e-04)
	case "s4":
		return f(2.75573137070700676789e-06)
	case "s5":
		return f(-2.50507602534068634195e-08)
	case "s6":
		return f(1.58969099521155010221e-10)
	case "c1":
		return f(4.16666666666666019037e-02)
	case "c2":
		return f(-1.38888888888741095749e-03)
	case "c3":
		return f(2.48015872894767294178e-05)
	case "c4":
		return f(-2.75573143513906633035e-07)
	case "c5":
		return f(2.08757232129817482790e-09)
	case "c6":
		return f(-1.13596475577881948265e-11)
	}
	panic("asmgen: no constant " + name)
}

// bm is the constant table; bmAt returns the operand of one constant.
var bm Mem

func bmAt(name string) Mem {
	for i, n := range bmNames {
		if n == name {
			return bm.Offset(64 * i)
		}
	}
	panic("asmgen: no constant " + name)
}

func constants() {
	bm = GLOBL("bmconst", RODATA|NOPTR)
	for i, n := range bmNames {
		for j := range 8 {
			DATA(64*i+8*j, U64(bmValue(n)))
		}
	}
}

// xoshiro draws one word per lane into r and steps the lanes' states
// (xoshiro256+; the new words written in place in an order that reads
// every old word before it is overwritten).
func xoshiro(a isa, s [4]VecVirtual) VecVirtual {
	r, t, u := a.vec(), a.vec(), a.vec()
	VPADDQ(s[3], s[0], r)   // output s0 + s3
	VPSLLQ(U8(17), s[1], t) // t = s1 << 17
	a.xor(s[1], s[3], u)    // u = s3 ^ s1
	if a.evex {
		a.xorInto(s[2], s[0], s[1]) // s1 ^= s2 ^ s0
		a.xorInto(t, s[0], s[2])    // s2 ^= s0 ^ t
	} else {
		a.xor(s[0], s[2], s[2]) // s2 ^= s0
		a.xor(s[2], s[1], s[1]) // s1 ^= s2 ^ s0
		a.xor(t, s[2], s[2])    // s2 ^= t
	}
	a.xor(u, s[0], s[0])
	a.rotl(45, u, s[3])
	return r
}

// m2log returns −2 ln u for positive normal float64s u (the register is
// not changed): fdlibm's reduction u = 2^k (1 + f), 1 + f ∈ [√2/2, √2),
// s = f/(2 + f), z = s², and −2 ln u = k (−2 ln 2) + s (−4 + z P(z)) with
// P's coefficients times −2, P by Horner with fused multiply-adds.
func m2log(a isa, u VecVirtual) VecVirtual {
	ix, k, f := a.vec(), a.vec(), a.vec()
	VPADDQ(bmAt("logOff"), u, ix)
	VPSRLQ(U8(52), ix, k)
	a.or(bmAt("expMagic"), k, k)
	VSUBPD(bmAt("expOff"), k, k) // k = exponent − 1023, exact
	a.and(bmAt("mant"), ix, f)
	VPADDQ(bmAt("logLo"), f, f)
	VSUBPD(bmAt("f1"), f, f) // f = (1 + f) − 1, exact
	t, s, z := a.vec(), a.vec(), a.vec()
	VADDPD(bmAt("two"), f, t)
	VDIVPD(t, f, s) // s = f / (2 + f)
	VMULPD(s, s, z)
	p := a.vec()
	VMOVUPD(bmAt("lg7"), p)
	for _, c := range []string{"lg6", "lg5", "lg4", "lg3", "lg2", "lg1", "m4"} {
		VFMADD213PD(bmAt(c), z, p) // p = p z + c
	}
	VMULPD(s, p, p)
	VFMADD231PD(bmAt("m2ln2"), k, p) // p = k (−2 ln 2) + p
	return p
}

// sincos returns sin φ and cos φ for |φ| ≤ π/4 (fdlibm's kernels without
// the tail correction): z = φ², sin = φ + φ z S(z), cos = 1 + z (−½ + z C(z)).
func sincos(a isa, phi VecVirtual) (sin, cos VecVirtual) {
	z := a.vec()
	VMULPD(phi, phi, z)
	sin, cos = a.vec(), a.vec()
	VMOVUPD(bmAt("s6"), sin)
	VMOVUPD(bmAt("c6"), cos)
	for _, c := range []string{"5", "4", "3", "2", "1"} {
		VFMADD213PD(bmAt("s"+c), z, sin)
		VFMADD213PD(bmAt("c"+c), z, cos)
	}
	VFMADD213PD(bmAt("mhalf"), z, cos)
	VFMADD213PD(bmAt("f1"), z, cos)
	zx := a.vec()
	VMULPD(phi, z, zx)
	VFMADD213PD(phi, zx, sin) // sin = sin (z φ) + φ
	return sin, cos
}

// boxMuller turns the draws r1, r2 of the lanes into two normals per lane
// (see langevin/normalgen.go): ρ = √(−2 ln u) with u = (m + ½) 2^−52, m
// the top 52 bits of r1; φ = (1.m' − 1.5) π/2 with m' bits 10..61 of r2;
// c = cos φ negated when bit 63 of r2 is set; (ρ c, ρ sin φ), swapped when
// bit 62 of r2 is set.
func boxMuller(a isa, r1, r2 VecVirtual) (xa, xb VecVirtual) {
	u := a.vec()
	VPSRLQ(U8(12), r1, u)
	a.or(bmAt("one"), u, u)
	VSUBPD(bmAt("uOff"), u, u) // 1.m − (1 − 2^−53) = (m + ½) 2^−52
	rho := m2log(a, u)
	VSQRTPD(rho, rho)

	phi := a.vec()
	VPSLLQ(U8(2), r2, phi)
	VPSRLQ(U8(12), phi, phi)
	a.or(bmAt("one"), phi, phi)
	VSUBPD(bmAt("f15"), phi, phi)
	VMULPD(bmAt("pi2"), phi, phi)
	sin, cos := sincos(a, phi)

	c := cos
	if a.evex {
		VPTERNLOGQ(U8(0x78), bmAt("sign"), r2, c) // c ^= r2 & sign
	} else {
		c = a.vec()
		a.and(bmAt("sign"), r2, c)
		a.xor(cos, c, c)
	}
	sa, sb := a.vec(), a.vec()
	if a.evex {
		k := K()
		VPTESTMQ(bmAt("bit62"), r2, k)
		VBLENDMPD(sin, c, k, sa) // k ? sin : c
		VBLENDMPD(c, sin, k, sb)
	} else {
		m := a.vec()
		VPSLLQ(U8(1), r2, m)     // bit 62 to the sign bit
		VBLENDVPD(m, sin, c, sa) // sign(m) ? sin : c
		VBLENDVPD(m, c, sin, sb)
	}
	xa, xb = a.vec(), a.vec()
	VMULPD(sa, rho, xa)
	VMULPD(sb, rho, xb)
	return xa, xb
}

// lanesLoop emits, for each half of the lanes, a loop over rounds that
// keeps that half's xoshiro state in registers, draws r1 and r2, makes the
// two normals and hands them to body with the byte offsets of the
// particles they belong to in the round (the first normal of lane j to
// particle j, the second to particle 8 + j). The pointer parameters names
// are loaded into ptrs and advanced by 128 bytes (16 float64) per round.
// With zs, the normals are also stored at the pointer parameter zs, which
// advances by the parameter zstride bytes per round, unless zstride is 0
// (the callers pass 128, or 0 when they do not want the normals).
func lanesLoop(a isa, fn string, names []string, ptrs []Register, zs bool, body func(xa, xb VecVirtual, offA, offB int)) {
	sp := Load(Param("s"), GP64())
	for h := range a.halves() {
		n := Load(Param("rounds"), GP64())
		for i, p := range ptrs {
			Load(Param(names[i]), p)
		}
		var zp, zstride Register
		if zs {
			zp, zstride = Load(Param("zs"), GP64()), Load(Param("zstride"), GP64())
		}
		var s [4]VecVirtual
		for k := range s {
			s[k] = a.vec()
			VMOVDQU64orU(a, Mem{Base: sp, Disp: 64*k + a.bytes()*h}, s[k])
		}
		loop, done := fmt.Sprintf("%s_loop%d", fn, h), fmt.Sprintf("%s_done%d", fn, h)
		Label(loop)
		TESTQ(n, n)
		JZ(LabelRef(done))
		r1 := xoshiro(a, s)
		r2 := xoshiro(a, s)
		xa, xb := boxMuller(a, r1, r2)
		offA, offB := a.bytes()*h, 64+a.bytes()*h
		if zs {
			skip := fmt.Sprintf("%s_nozs%d", fn, h)
			TESTQ(zstride, zstride)
			JZ(LabelRef(skip))
			VMOVUPD(xa, Mem{Base: zp, Disp: offA})
			VMOVUPD(xb, Mem{Base: zp, Disp: offB})
			ADDQ(zstride, zp)
			Label(skip)
		}
		body(xa, xb, offA, offB)
		for _, p := range ptrs {
			ADDQ(U32(128), p)
		}
		DECQ(n)
		JMP(LabelRef(loop))
		Label(done)
		for k := range s {
			VMOVDQU64orU(a, s[k], Mem{Base: sp, Disp: 64*k + a.bytes()*h})
		}
	}
	VZEROUPPER()
	RET()
}

// VMOVDQU64orU moves 64-bit integer lanes: VMOVDQU64 (EVEX) or VMOVDQU.
func VMOVDQU64orU(a isa, src, dst Op) {
	if a.evex {
		VMOVDQU64(src, dst)
	} else {
		VMOVDQU(src, dst)
	}
}

// fill: func(s *[4][8]uint64, buf *float64, rounds int).
func fill(a isa) {
	fn := "fill" + a.name
	TEXT(fn, NOSPLIT, "func(s *[4][8]uint64, buf *float64, rounds int)")
	Pragma("noescape")
	Doc(fn + " writes rounds×16 normals of the 8-lane generator with state s to buf.")
	buf := GP64()
	lanesLoop(a, fn, []string{"buf"}, []Register{buf}, false, func(xa, xb VecVirtual, offA, offB int) {
		VMOVUPD(xa, Mem{Base: buf, Disp: offA})
		VMOVUPD(xb, Mem{Base: buf, Disp: offB})
	})
}

// loadConsts returns the step constants c[0..n−1] as operands: held in
// registers for the whole function with AVX-512 (32 registers); with AVX2
// (16 registers) broadcast once into the function's stack frame and read
// as memory operands, which is why every use below puts the constant
// first (the instructions' memory operand), the rest of the arithmetic
// being commutative (IEEE multiplication and addition are). The one
// non-commutative use, g − x², goes through reg.
func loadConsts(a isa, n int) func(i int) Op {
	cp := Load(Param("c"), GP64())
	if a.evex {
		regs := make([]VecVirtual, n)
		for i := range regs {
			regs[i] = a.broadcast(Mem{Base: cp, Disp: 8 * i})
		}
		return func(i int) Op { return regs[i] }
	}
	frame := AllocLocal(a.bytes() * n)
	for i := range n {
		VMOVUPD(a.broadcast(Mem{Base: cp, Disp: 8 * i}), frame.Offset(a.bytes()*i))
	}
	return func(i int) Op { return frame.Offset(a.bytes() * i) }
}

// reg returns c in a register (loaded if it is a memory operand).
func (a isa) reg(c Op) Op {
	if m, ok := c.(Mem); ok {
		r := a.vec()
		VMOVUPD(m, r)
		return r
	}
	return c
}

// junForce sets f = k (x (g − x²) + af), in this order.
func junForce(a isa, x VecVirtual, k, g, af Op) VecVirtual {
	f, t := a.vec(), a.vec()
	VMULPD(x, x, t)
	VSUBPD(t, a.reg(g), f) // g − x²
	VMULPD(x, f, f)        // x (g − x²)
	VADDPD(af, f, f)
	VMULPD(k, f, f)
	return f
}

// junWork sets w = w − (k x)(hdg x + daf), in this order.
func junWork(a isa, x, w VecVirtual, k, hdg, daf Op) {
	t, u := a.vec(), a.vec()
	VMULPD(k, x, t)
	VMULPD(hdg, x, u)
	VADDPD(daf, u, u)
	VMULPD(u, t, t)
	VSUBPD(t, w, w)
}

// jun: func(s *[4][8]uint64, c *[7]float64, x, w, zs *float64, zstride,
// rounds int), c = (k, g, af, hdg, daf, mob, amp) (langevin.junStep), the
// Euler–Maruyama step:
//
//	W −= (k x)(hdg x + daf)
//	F  = k (x (g − x²) + af)
//	x += (mob F + amp ξ)
func jun(a isa) {
	fn := "jun" + a.name
	TEXT(fn, NOSPLIT, "func(s *[4][8]uint64, c *[7]float64, x, w, zs *float64, zstride, rounds int)")
	Pragma("noescape")
	Doc(fn + " makes one fused overdamped step of the jun potential on rounds×16 particles.")
	cst := loadConsts(a, 7)
	xp, wp := GP64(), GP64()
	lanesLoop(a, fn, []string{"x", "w"}, []Register{xp, wp}, true, func(xa, xb VecVirtual, offA, offB int) {
		for _, o := range []struct {
			z   VecVirtual
			off int
		}{{xa, offA}, {xb, offB}} {
			x, w := a.vec(), a.vec()
			VMOVUPD(Mem{Base: xp, Disp: o.off}, x)
			VMOVUPD(Mem{Base: wp, Disp: o.off}, w)
			junWork(a, x, w, cst(0), cst(3), cst(4))
			f := junForce(a, x, cst(0), cst(1), cst(2))
			t := a.vec()
			VMULPD(cst(5), f, f)   // mob F
			VMULPD(cst(6), o.z, t) // amp ξ
			VADDPD(t, f, f)
			VADDPD(f, x, x)
			VMOVUPD(x, Mem{Base: xp, Disp: o.off})
			VMOVUPD(w, Mem{Base: wp, Disp: o.off})
		}
	})
}

// junUnder: func(s *[4][8]uint64, c *[10]float64, x, v, w, q, zs
// *float64, zstride, rounds int), c = (k, g, af, hdg, daf, kick, h, a, sv,
// hm) (langevin.junUnder):
//
//	W  −= (k x)(hdg x + daf);  F = k (x (g − x²) + af)
//	vi = v + kick F;  xa = x + h vi;  vo = a vi + sv ξ
//	Q += hm (vo vo − vi vi);  x = xa + h vo;  v = vo + kick F(x)
func junUnder(a isa) {
	fn := "junUnder" + a.name
	TEXT(fn, NOSPLIT, "func(s *[4][8]uint64, c *[10]float64, x, v, w, q, zs *float64, zstride, rounds int)")
	Pragma("noescape")
	Doc(fn + " makes one fused underdamped BAOAB step of the jun potential on rounds×16 particles.")
	cst := loadConsts(a, 10)
	xp, vp, wp, qp := GP64(), GP64(), GP64(), GP64()
	lanesLoop(a, fn, []string{"x", "v", "w", "q"}, []Register{xp, vp, wp, qp}, true, func(za, zb VecVirtual, offA, offB int) {
		for _, o := range []struct {
			z   VecVirtual
			off int
		}{{za, offA}, {zb, offB}} {
			x, w := a.vec(), a.vec()
			VMOVUPD(Mem{Base: xp, Disp: o.off}, x)
			VMOVUPD(Mem{Base: wp, Disp: o.off}, w)
			junWork(a, x, w, cst(0), cst(3), cst(4))
			VMOVUPD(w, Mem{Base: wp, Disp: o.off})
			f := junForce(a, x, cst(0), cst(1), cst(2))
			vi, t := a.vec(), a.vec()
			VMOVUPD(Mem{Base: vp, Disp: o.off}, vi)
			VMULPD(cst(5), f, f) // kick F
			VADDPD(f, vi, vi)    // B
			VMULPD(cst(6), vi, t)
			VADDPD(t, x, x) // A: xa = x + h vi
			vo, u := a.vec(), a.vec()
			VMULPD(cst(7), vi, vo)
			VMULPD(cst(8), o.z, u)
			VADDPD(u, vo, vo) // O: vo = a vi + sv ξ
			q := a.vec()
			VMULPD(vo, vo, t)
			VMULPD(vi, vi, u)
			VSUBPD(u, t, t)
			VMULPD(cst(9), t, t)
			VMOVUPD(Mem{Base: qp, Disp: o.off}, q)
			VADDPD(t, q, q) // heat
			VMOVUPD(q, Mem{Base: qp, Disp: o.off})
			VMULPD(cst(6), vo, t)
			VADDPD(t, x, x) // A: x = xa + h vo
			VMOVUPD(x, Mem{Base: xp, Disp: o.off})
			fx := junForce(a, x, cst(0), cst(1), cst(2))
			VMULPD(cst(5), fx, fx)
			VADDPD(fx, vo, vo) // B
			VMOVUPD(vo, Mem{Base: vp, Disp: o.off})
		}
	})
}

// junHeun: func(s *[4][8]uint64, c *[8]float64, x, w, zs *float64,
// zstride, rounds int), c = (k, g, af, hdg, daf, mob, hmob, amp)
// (langevin.junHeun), the stochastic Heun step:
//
//	W −= (k x)(hdg x + daf);  F1 = k (x (g − x²) + af);  d = amp ξ
//	xp = x + (mob F1 + d);  F2 = k (xp (g − xp²) + af)
//	x  = x + (hmob (F1 + F2) + d)
func junHeun(a isa) {
	fn := "junHeun" + a.name
	TEXT(fn, NOSPLIT, "func(s *[4][8]uint64, c *[8]float64, x, w, zs *float64, zstride, rounds int)")
	Pragma("noescape")
	Doc(fn + " makes one fused overdamped stochastic Heun step of the jun potential on rounds×16 particles.")
	cst := loadConsts(a, 8)
	xp, wp := GP64(), GP64()
	lanesLoop(a, fn, []string{"x", "w"}, []Register{xp, wp}, true, func(xa, xb VecVirtual, offA, offB int) {
		for _, o := range []struct {
			z   VecVirtual
			off int
		}{{xa, offA}, {xb, offB}} {
			x, w := a.vec(), a.vec()
			VMOVUPD(Mem{Base: xp, Disp: o.off}, x)
			VMOVUPD(Mem{Base: wp, Disp: o.off}, w)
			junWork(a, x, w, cst(0), cst(3), cst(4))
			VMOVUPD(w, Mem{Base: wp, Disp: o.off})
			f1 := junForce(a, x, cst(0), cst(1), cst(2))
			d, p := a.vec(), a.vec()
			VMULPD(cst(7), o.z, d) // d = amp ξ
			VMULPD(cst(5), f1, p)  // mob F1
			VADDPD(d, p, p)
			VADDPD(p, x, p) // xp = x + (mob F1 + d)
			f2 := junForce(a, p, cst(0), cst(1), cst(2))
			VADDPD(f2, f1, f1)     // F1 + F2
			VMULPD(cst(6), f1, f1) // hmob (F1 + F2)
			VADDPD(d, f1, f1)
			VADDPD(f1, x, x)
			VMOVUPD(x, Mem{Base: xp, Disp: o.off})
		}
	})
}

// m2logFn: func(in, out *float64, n int): out[i] = −2 ln in[i] for
// i < 8n, with the generator's m2log; for the accuracy tests.
func m2logFn(a isa) {
	fn := "m2log" + a.name
	TEXT(fn, NOSPLIT, "func(in, out *float64, n int)")
	Pragma("noescape")
	Doc(fn + " sets out[i] = −2 ln in[i] for i < 8n (the generator's kernel; for tests).")
	in, out, n := Load(Param("in"), GP64()), Load(Param("out"), GP64()), Load(Param("n"), GP64())
	Label(fn + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(fn + "_done"))
	for h := range a.halves() {
		u := a.vec()
		VMOVUPD(Mem{Base: in, Disp: a.bytes() * h}, u)
		VMOVUPD(m2log(a, u), Mem{Base: out, Disp: a.bytes() * h})
	}
	ADDQ(U32(64), in)
	ADDQ(U32(64), out)
	DECQ(n)
	JMP(LabelRef(fn + "_loop"))
	Label(fn + "_done")
	VZEROUPPER()
	RET()
}

// sincosFn: func(in, sin, cos *float64, n int), for |in[i]| ≤ π/4, i < 8n;
// for the accuracy tests.
func sincosFn(a isa) {
	fn := "sincos" + a.name
	TEXT(fn, NOSPLIT, "func(in, sin, cos *float64, n int)")
	Pragma("noescape")
	Doc(fn + " sets sin[i], cos[i] for |in[i]| ≤ π/4, i < 8n (the generator's kernels; for tests).")
	in, sp, cp := Load(Param("in"), GP64()), Load(Param("sin"), GP64()), Load(Param("cos"), GP64())
	n := Load(Param("n"), GP64())
	Label(fn + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(fn + "_done"))
	for h := range a.halves() {
		phi := a.vec()
		VMOVUPD(Mem{Base: in, Disp: a.bytes() * h}, phi)
		s, c := sincos(a, phi)
		VMOVUPD(s, Mem{Base: sp, Disp: a.bytes() * h})
		VMOVUPD(c, Mem{Base: cp, Disp: a.bytes() * h})
	}
	for _, p := range []Register{in, sp, cp} {
		ADDQ(U32(64), p)
	}
	DECQ(n)
	JMP(LabelRef(fn + "_loop"))
	Label(fn + "_done")
	VZEROUPPER()
	RET()
}

// boxMullerFn: func(r1, r2 *uint64, xa, xb *float64, n int): the two
// normals of the draws r1[i], r2[i] for i < 8n; for the tests (extreme and
// tail draws, which the generator's lanes cannot be made to produce).
func boxMullerFn(a isa) {
	fn := "boxMuller" + a.name
	TEXT(fn, NOSPLIT, "func(r1, r2 *uint64, xa, xb *float64, n int)")
	Pragma("noescape")
	Doc(fn + " sets xa[i], xb[i] to the normals of the draws r1[i], r2[i] for i < 8n (for tests).")
	ptrs := []Register{GP64(), GP64(), GP64(), GP64()}
	for i, name := range []string{"r1", "r2", "xa", "xb"} {
		Load(Param(name), ptrs[i])
	}
	n := Load(Param("n"), GP64())
	Label(fn + "_loop")
	TESTQ(n, n)
	JZ(LabelRef(fn + "_done"))
	for h := range a.halves() {
		r1, r2 := a.vec(), a.vec()
		VMOVDQU64orU(a, Mem{Base: ptrs[0], Disp: a.bytes() * h}, r1)
		VMOVDQU64orU(a, Mem{Base: ptrs[1], Disp: a.bytes() * h}, r2)
		xa, xb := boxMuller(a, r1, r2)
		VMOVUPD(xa, Mem{Base: ptrs[2], Disp: a.bytes() * h})
		VMOVUPD(xb, Mem{Base: ptrs[3], Disp: a.bytes() * h})
	}
	for _, p := range ptrs {
		ADDQ(U32(64), p)
	}
	DECQ(n)
	JMP(LabelRef(fn + "_loop"))
	Label(fn + "_done")
	VZEROUPPER()
	RET()
}

// cpu writes cpuid and xgetbv, for the run-time check of the CPU's
// instruction sets (langevin/cpu_amd64.go).
func cpu() {
	TEXT("cpuid", NOSPLIT, "func(leaf, sub uint32) (eax, ebx, ecx, edx uint32)")
	Doc("cpuid executes CPUID with EAX = leaf and ECX = sub.")
	Load(Param("leaf"), EAX)
	Load(Param("sub"), ECX)
	CPUID()
	Store(EAX, Return("eax"))
	Store(EBX, Return("ebx"))
	Store(ECX, Return("ecx"))
	Store(EDX, Return("edx"))
	RET()

	TEXT("xgetbv", NOSPLIT, "func() (eax, edx uint32)")
	Doc("xgetbv reads XCR0 (call it only when CPUID reports OSXSAVE).")
	XORL(ECX, ECX)
	XGETBV()
	Store(EAX, Return("eax"))
	Store(EDX, Return("edx"))
	RET()
}

func main() {
	constants()
	cpu()
	for _, a := range []isa{avx512, avx2} {
		fill(a)
		jun(a)
		junUnder(a)
		junHeun(a)
		m2logFn(a)
		sincosFn(a)
		boxMullerFn(a)
	}
	Generate()
}
