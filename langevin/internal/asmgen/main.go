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
// 8 lanes are run as two halves of 4 side by side, their instructions
// interleaved: see G), the same kernels, built from the same Go functions below
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

// G is a group of operands, one per register of lanes that the kernels
// work on side by side: with AVX-512 one ZMM (all 8 lanes), with AVX2 the
// two YMM halves, whose instructions are interleaved (each operation is
// written for the first half, then for the second) so that the CPU has two
// independent dependency chains at hand instead of one (the Box–Muller's
// divide, square root and polynomials are long chains). Interleaving
// changes the order of the instructions of different lanes only, not the
// operations of any lane, so the bits are the same.
type G []Op

// vecs returns a group of n new registers.
func (a isa) vecs(n int) G {
	g := make(G, n)
	for i := range g {
		if a.evex {
			g[i] = ZMM()
		} else {
			g[i] = YMM()
		}
	}
	return g
}

// op writes the instruction ins once per member of the groups among args:
// a G argument gives its h-th operand, any other operand is used as is in
// every copy. The groups must have the same length.
func op(ins func(...Op), args ...any) {
	n := 0
	for _, x := range args {
		if g, ok := x.(G); ok {
			if n != 0 && len(g) != n {
				panic("asmgen: groups of different lengths")
			}
			n = len(g)
		}
	}
	if n == 0 {
		panic("asmgen: op without a group")
	}
	for h := range n {
		ops := make([]Op, len(args)) // avo keeps the slice: a new one per instruction
		for i, x := range args {
			switch v := x.(type) {
			case G:
				ops[i] = v[h]
			case Op:
				ops[i] = v
			default:
				panic(fmt.Sprintf("asmgen: operand %T", x))
			}
		}
		ins(ops...)
	}
}

// fixed3 and fixed4 adapt avo's fixed-arity instruction functions to op.
func fixed3(f func(x, y, z Op)) func(...Op) { return func(o ...Op) { f(o[0], o[1], o[2]) } }

func fixed4(f func(w, x, y, z Op)) func(...Op) {
	return func(o ...Op) { f(o[0], o[1], o[2], o[3]) }
}

// mem returns the group of memory operands base+offs[h].
func mem(base Register, offs []int) G {
	g := make(G, len(offs))
	for h, o := range offs {
		g[h] = Mem{Base: base, Disp: o}
	}
	return g
}

func (a isa) and(x, y, dst any) {
	if a.evex {
		op(VPANDQ, x, y, dst)
	} else {
		op(fixed3(VPAND), x, y, dst)
	}
}

func (a isa) or(x, y, dst any) {
	if a.evex {
		op(VPORQ, x, y, dst)
	} else {
		op(fixed3(VPOR), x, y, dst)
	}
}

func (a isa) xor(x, y, dst any) {
	if a.evex {
		op(VPXORQ, x, y, dst)
	} else {
		op(fixed3(VPXOR), x, y, dst)
	}
}

// xorInto sets d ^= x ^ y.
func (a isa) xorInto(x, y, d G) {
	if a.evex {
		op(VPTERNLOGQ, U8(0x96), x, y, d)
		return
	}
	a.xor(x, d, d)
	a.xor(y, d, d)
}

// rotl sets dst = x rotated left by n bits (64-bit lanes).
func (a isa) rotl(n int, x, dst G) {
	if a.evex {
		op(VPROLQ, U8(n), x, dst)
		return
	}
	t := a.vecs(len(x))
	op(VPSLLQ, U8(n), x, t)
	op(VPSRLQ, U8(64-n), x, dst)
	a.or(t, dst, dst)
}

// movq moves 64-bit integer lanes: VMOVDQU64 (EVEX) or VMOVDQU.
func (a isa) movq(src, dst any) {
	if a.evex {
		op(VMOVDQU64, src, dst)
	} else {
		op(fixed2(VMOVDQU), src, dst)
	}
}

// fixed2 adapts a two-operand instruction function to op.
func fixed2(f func(x, y Op)) func(...Op) { return func(o ...Op) { f(o[0], o[1]) } }

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
func xoshiro(a isa, s [4]G) G {
	n := len(s[0])
	r, t, u := a.vecs(n), a.vecs(n), a.vecs(n)
	op(VPADDQ, s[3], s[0], r)   // output s0 + s3
	op(VPSLLQ, U8(17), s[1], t) // t = s1 << 17
	a.xor(s[1], s[3], u)        // u = s3 ^ s1
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

// m2log returns −2 ln u for positive normal float64s u (the registers are
// not changed): fdlibm's reduction u = 2^k (1 + f), 1 + f ∈ [√2/2, √2),
// s = f/(2 + f), z = s², and −2 ln u = k (−2 ln 2) + s (−4 + z P(z)) with
// P's coefficients times −2, P by Horner with fused multiply-adds.
func m2log(a isa, u G) G {
	n := len(u)
	ix, k, f := a.vecs(n), a.vecs(n), a.vecs(n)
	op(VPADDQ, bmAt("logOff"), u, ix)
	op(VPSRLQ, U8(52), ix, k)
	a.or(bmAt("expMagic"), k, k)
	op(VSUBPD, bmAt("expOff"), k, k) // k = exponent − 1023, exact
	a.and(bmAt("mant"), ix, f)
	op(VPADDQ, bmAt("logLo"), f, f)
	op(VSUBPD, bmAt("f1"), f, f) // f = (1 + f) − 1, exact
	t, s, z := a.vecs(n), a.vecs(n), a.vecs(n)
	op(VADDPD, bmAt("two"), f, t)
	op(VDIVPD, t, f, s) // s = f / (2 + f)
	op(VMULPD, s, s, z)
	p := a.vecs(n)
	op(VMOVUPD, bmAt("lg7"), p)
	for _, c := range []string{"lg6", "lg5", "lg4", "lg3", "lg2", "lg1", "m4"} {
		op(VFMADD213PD, bmAt(c), z, p) // p = p z + c
	}
	op(VMULPD, s, p, p)
	op(VFMADD231PD, bmAt("m2ln2"), k, p) // p = k (−2 ln 2) + p
	return p
}

// sincos returns sin φ and cos φ for |φ| ≤ π/4 (fdlibm's kernels without
// the tail correction): z = φ², sin = φ + φ z S(z), cos = 1 + z (−½ + z C(z)).
func sincos(a isa, phi G) (sin, cos G) {
	n := len(phi)
	z := a.vecs(n)
	op(VMULPD, phi, phi, z)
	sin, cos = a.vecs(n), a.vecs(n)
	op(VMOVUPD, bmAt("s6"), sin)
	op(VMOVUPD, bmAt("c6"), cos)
	for _, c := range []string{"5", "4", "3", "2", "1"} {
		op(VFMADD213PD, bmAt("s"+c), z, sin)
		op(VFMADD213PD, bmAt("c"+c), z, cos)
	}
	op(VFMADD213PD, bmAt("mhalf"), z, cos)
	op(VFMADD213PD, bmAt("f1"), z, cos)
	zx := a.vecs(n)
	op(VMULPD, phi, z, zx)
	op(VFMADD213PD, phi, zx, sin) // sin = sin (z φ) + φ
	return sin, cos
}

// boxMuller turns the draws r1, r2 of the lanes into two normals per lane
// (see langevin/normalgen.go): ρ = √(−2 ln u) with u = (m + ½) 2^−52, m
// the top 52 bits of r1; φ = (1.m' − 1.5) π/2 with m' bits 10..61 of r2;
// c = cos φ negated when bit 63 of r2 is set; (ρ c, ρ sin φ), swapped when
// bit 62 of r2 is set.
func boxMuller(a isa, r1, r2 G) (xa, xb G) {
	n := len(r1)
	u := a.vecs(n)
	op(VPSRLQ, U8(12), r1, u)
	a.or(bmAt("one"), u, u)
	op(VSUBPD, bmAt("uOff"), u, u) // 1.m − (1 − 2^−53) = (m + ½) 2^−52
	rho := m2log(a, u)
	op(VSQRTPD, rho, rho)

	phi := a.vecs(n)
	op(VPSLLQ, U8(2), r2, phi)
	op(VPSRLQ, U8(12), phi, phi)
	a.or(bmAt("one"), phi, phi)
	op(VSUBPD, bmAt("f15"), phi, phi)
	op(VMULPD, bmAt("pi2"), phi, phi)
	sin, cos := sincos(a, phi)

	c := cos
	if a.evex {
		op(VPTERNLOGQ, U8(0x78), bmAt("sign"), r2, c) // c ^= r2 & sign
	} else {
		c = a.vecs(n)
		a.and(bmAt("sign"), r2, c)
		a.xor(cos, c, c)
	}
	sa, sb := a.vecs(n), a.vecs(n)
	if a.evex {
		k := make(G, n)
		for i := range k {
			k[i] = K()
		}
		op(VPTESTMQ, bmAt("bit62"), r2, k)
		op(VBLENDMPD, sin, c, k, sa) // k ? sin : c
		op(VBLENDMPD, c, sin, k, sb)
	} else {
		m := a.vecs(n)
		op(VPSLLQ, U8(1), r2, m)             // bit 62 to the sign bit
		op(fixed4(VBLENDVPD), m, sin, c, sa) // sign(m) ? sin : c
		op(fixed4(VBLENDVPD), m, c, sin, sb)
	}
	xa, xb = a.vecs(n), a.vecs(n)
	op(VMULPD, sa, rho, xa)
	op(VMULPD, sb, rho, xb)
	return xa, xb
}

// lanesLoop emits a loop over rounds that draws r1 and r2 in every lane,
// makes the two normals per lane and hands them to step with the byte
// offsets of the particles they belong to in the round (the first normal
// of lane j to particle j, the second to particle 8 + j), first the first
// normals, then the second ones. With AVX-512 the xoshiro state stays in
// four registers for the whole loop; with AVX2 it lives in s (16 registers
// are too few to hold both halves' states beside the interleaved
// Box–Muller): each half loads it, draws twice and stores it back. The
// pointer parameters names are loaded into ptrs and advanced by 128 bytes
// (16 float64) per round. With zs, the normals are also stored at the
// pointer parameter zs, which advances by the parameter zstride bytes per
// round, unless zstride is 0 (the callers pass 128, or 0 when they do not
// want the normals).
func lanesLoop(a isa, fn string, names []string, ptrs []Register, zs bool, step func(z G, offs []int)) {
	sp := Load(Param("s"), GP64())
	n := Load(Param("rounds"), GP64())
	for i, p := range ptrs {
		Load(Param(names[i]), p)
	}
	var zp, zstride Register
	if zs {
		zp, zstride = Load(Param("zs"), GP64()), Load(Param("zstride"), GP64())
	}
	nh := a.halves()
	state := func(k, h int) Mem { return Mem{Base: sp, Disp: 64*k + a.bytes()*h} }
	var s [4]G
	if a.evex {
		for k := range s {
			s[k] = a.vecs(1)
			a.movq(state(k, 0), s[k])
		}
	}
	loop, done := fn+"_loop", fn+"_done"
	TESTQ(n, n)
	JZ(LabelRef(done))
	Label(loop)
	var r1, r2 G
	if a.evex {
		r1 = xoshiro(a, s)
		r2 = xoshiro(a, s)
	} else {
		for h := range nh {
			var sh [4]G
			for k := range sh {
				sh[k] = a.vecs(1)
				a.movq(state(k, h), sh[k])
			}
			r1 = append(r1, xoshiro(a, sh)...)
			r2 = append(r2, xoshiro(a, sh)...)
			for k := range sh {
				a.movq(sh[k], state(k, h))
			}
		}
	}
	xa, xb := boxMuller(a, r1, r2)
	offA, offB := make([]int, nh), make([]int, nh)
	for h := range nh {
		offA[h], offB[h] = a.bytes()*h, 64+a.bytes()*h
	}
	if zs {
		skip := fn + "_nozs"
		TESTQ(zstride, zstride)
		JZ(LabelRef(skip))
		op(VMOVUPD, xa, mem(zp, offA))
		op(VMOVUPD, xb, mem(zp, offB))
		ADDQ(zstride, zp)
		Label(skip)
	}
	step(xa, offA)
	step(xb, offB)
	for _, p := range ptrs {
		ADDQ(U32(128), p)
	}
	DECQ(n)
	JNZ(LabelRef(loop))
	Label(done)
	if a.evex {
		for k := range s {
			a.movq(s[k], state(k, 0))
		}
	}
	VZEROUPPER()
	RET()
}

// fill: func(s *[4][8]uint64, buf *float64, rounds int).
func fill(a isa) {
	fn := "fill" + a.name
	TEXT(fn, NOSPLIT, "func(s *[4][8]uint64, buf *float64, rounds int)")
	Pragma("noescape")
	Doc(fn + " writes rounds×16 normals of the 8-lane generator with state s to buf.")
	buf := GP64()
	lanesLoop(a, fn, []string{"buf"}, []Register{buf}, false, func(z G, offs []int) {
		op(VMOVUPD, z, mem(buf, offs))
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
		regs := make([]Op, n)
		for i := range regs {
			r := ZMM()
			VBROADCASTSD(Mem{Base: cp, Disp: 8 * i}, r)
			regs[i] = r
		}
		return func(i int) Op { return regs[i] }
	}
	frame := AllocLocal(a.bytes() * n)
	for i := range n {
		r := YMM()
		VBROADCASTSD(Mem{Base: cp, Disp: 8 * i}, r)
		VMOVUPD(r, frame.Offset(a.bytes()*i))
	}
	return func(i int) Op { return frame.Offset(a.bytes() * i) }
}

// reg returns c in a register (loaded if it is a memory operand).
func (a isa) reg(c Op) Op {
	if m, ok := c.(Mem); ok {
		r := YMM()
		VMOVUPD(m, r)
		return r
	}
	return c
}

// junForce sets f = k (x (g − x²) + af), in this order.
func junForce(a isa, x G, k, g, af Op) G {
	f, t := a.vecs(len(x)), a.vecs(len(x))
	op(VMULPD, x, x, t)
	op(VSUBPD, t, a.reg(g), f) // g − x²
	op(VMULPD, x, f, f)        // x (g − x²)
	op(VADDPD, af, f, f)
	op(VMULPD, k, f, f)
	return f
}

// junWork sets w = w − (k x)(hdg x + daf), in this order.
func junWork(a isa, x, w G, k, hdg, daf Op) {
	t, u := a.vecs(len(x)), a.vecs(len(x))
	op(VMULPD, k, x, t)
	op(VMULPD, hdg, x, u)
	op(VADDPD, daf, u, u)
	op(VMULPD, u, t, t)
	op(VSUBPD, t, w, w)
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
	lanesLoop(a, fn, []string{"x", "w"}, []Register{xp, wp}, true, func(z G, offs []int) {
		n := len(z)
		x, w := a.vecs(n), a.vecs(n)
		op(VMOVUPD, mem(xp, offs), x)
		op(VMOVUPD, mem(wp, offs), w)
		junWork(a, x, w, cst(0), cst(3), cst(4))
		f := junForce(a, x, cst(0), cst(1), cst(2))
		t := a.vecs(n)
		op(VMULPD, cst(5), f, f) // mob F
		op(VMULPD, cst(6), z, t) // amp ξ
		op(VADDPD, t, f, f)
		op(VADDPD, f, x, x)
		op(VMOVUPD, x, mem(xp, offs))
		op(VMOVUPD, w, mem(wp, offs))
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
	lanesLoop(a, fn, []string{"x", "v", "w", "q"}, []Register{xp, vp, wp, qp}, true, func(z G, offs []int) {
		n := len(z)
		x, w := a.vecs(n), a.vecs(n)
		op(VMOVUPD, mem(xp, offs), x)
		op(VMOVUPD, mem(wp, offs), w)
		junWork(a, x, w, cst(0), cst(3), cst(4))
		op(VMOVUPD, w, mem(wp, offs))
		f := junForce(a, x, cst(0), cst(1), cst(2))
		vi, t := a.vecs(n), a.vecs(n)
		op(VMOVUPD, mem(vp, offs), vi)
		op(VMULPD, cst(5), f, f) // kick F
		op(VADDPD, f, vi, vi)    // B
		op(VMULPD, cst(6), vi, t)
		op(VADDPD, t, x, x) // A: xa = x + h vi
		vo, u := a.vecs(n), a.vecs(n)
		op(VMULPD, cst(7), vi, vo)
		op(VMULPD, cst(8), z, u)
		op(VADDPD, u, vo, vo) // O: vo = a vi + sv ξ
		q := a.vecs(n)
		op(VMULPD, vo, vo, t)
		op(VMULPD, vi, vi, u)
		op(VSUBPD, u, t, t)
		op(VMULPD, cst(9), t, t)
		op(VMOVUPD, mem(qp, offs), q)
		op(VADDPD, t, q, q) // heat
		op(VMOVUPD, q, mem(qp, offs))
		op(VMULPD, cst(6), vo, t)
		op(VADDPD, t, x, x) // A: x = xa + h vo
		op(VMOVUPD, x, mem(xp, offs))
		fx := junForce(a, x, cst(0), cst(1), cst(2))
		op(VMULPD, cst(5), fx, fx)
		op(VADDPD, fx, vo, vo) // B
		op(VMOVUPD, vo, mem(vp, offs))
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
	lanesLoop(a, fn, []string{"x", "w"}, []Register{xp, wp}, true, func(z G, offs []int) {
		n := len(z)
		x, w := a.vecs(n), a.vecs(n)
		op(VMOVUPD, mem(xp, offs), x)
		op(VMOVUPD, mem(wp, offs), w)
		junWork(a, x, w, cst(0), cst(3), cst(4))
		op(VMOVUPD, w, mem(wp, offs))
		f1 := junForce(a, x, cst(0), cst(1), cst(2))
		d, p := a.vecs(n), a.vecs(n)
		op(VMULPD, cst(7), z, d)  // d = amp ξ
		op(VMULPD, cst(5), f1, p) // mob F1
		op(VADDPD, d, p, p)
		op(VADDPD, p, x, p) // xp = x + (mob F1 + d)
		f2 := junForce(a, p, cst(0), cst(1), cst(2))
		op(VADDPD, f2, f1, f1)     // F1 + F2
		op(VMULPD, cst(6), f1, f1) // hmob (F1 + F2)
		op(VADDPD, d, f1, f1)
		op(VADDPD, f1, x, x)
		op(VMOVUPD, x, mem(xp, offs))
	})
}

// testLoop emits a loop over n blocks of 8 lanes, the body getting the
// byte offsets of the block's registers, and advances ptrs by 64 bytes.
func testLoop(a isa, fn string, n Register, ptrs []Register, body func(offs []int)) {
	offs := make([]int, a.halves())
	for h := range offs {
		offs[h] = a.bytes() * h
	}
	TESTQ(n, n)
	JZ(LabelRef(fn + "_done"))
	Label(fn + "_loop")
	body(offs)
	for _, p := range ptrs {
		ADDQ(U32(64), p)
	}
	DECQ(n)
	JNZ(LabelRef(fn + "_loop"))
	Label(fn + "_done")
	VZEROUPPER()
	RET()
}

// m2logFn: func(in, out *float64, n int): out[i] = −2 ln in[i] for
// i < 8n, with the generator's m2log; for the accuracy tests.
func m2logFn(a isa) {
	fn := "m2log" + a.name
	TEXT(fn, NOSPLIT, "func(in, out *float64, n int)")
	Pragma("noescape")
	Doc(fn + " sets out[i] = −2 ln in[i] for i < 8n (the generator's kernel; for tests).")
	in, out, n := Load(Param("in"), GP64()), Load(Param("out"), GP64()), Load(Param("n"), GP64())
	testLoop(a, fn, n, []Register{in, out}, func(offs []int) {
		u := a.vecs(len(offs))
		op(VMOVUPD, mem(in, offs), u)
		op(VMOVUPD, m2log(a, u), mem(out, offs))
	})
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
	testLoop(a, fn, n, []Register{in, sp, cp}, func(offs []int) {
		phi := a.vecs(len(offs))
		op(VMOVUPD, mem(in, offs), phi)
		s, c := sincos(a, phi)
		op(VMOVUPD, s, mem(sp, offs))
		op(VMOVUPD, c, mem(cp, offs))
	})
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
	testLoop(a, fn, n, ptrs, func(offs []int) {
		r1, r2 := a.vecs(len(offs)), a.vecs(len(offs))
		a.movq(mem(ptrs[0], offs), r1)
		a.movq(mem(ptrs[1], offs), r2)
		xa, xb := boxMuller(a, r1, r2)
		op(VMOVUPD, xa, mem(ptrs[2], offs))
		op(VMOVUPD, xb, mem(ptrs[3], offs))
	})
}

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
