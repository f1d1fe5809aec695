package langevin

import "github.com/landauer-dev/landauer/internal/splitmix"

// The integrators' per-block normal generator, normalGen: the scalar
// kernel's ziggurat (Stream.FillNormal), or the vector kernels' 8-lane
// Box–Muller generator, in amd64 assembly for AVX-512 or AVX2 (generated
// by internal/asmgen; see kernel.go for the choice).
//
// # The Box–Muller generator (GeneratorBoxMuller)
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
// in float64 with fused multiply-adds; the exponent k of the reduction is
// converted to float64 exactly as (2^52 + k + 1023) − (2^52 + 1023). The
// relative error against math.Log, math.Sin and math.Cos is a few 1e-16
// (TestVecMathAccuracy measures it and bounds it by 1e-14). √ and the
// division are IEEE-exact instructions (no approximate reciprocals), so the
// numbers are the same on every CPU and with either instruction set, and
// the same as boxMullerRef's, the generator written in Go with math.FMA
// (normalgen_test.go), and as the former GOEXPERIMENT=simd kernels'
// (simdref_test.go). The normals are exact up to float64 rounding: no
// float32, no approximation of the distribution.
//
// Order: a round writes 16 numbers, the first normal of lanes 0..7, then
// the second of lanes 0..7; fill writes rounds from the start of buf, and
// a last partial round writes its first len(buf) mod 16 numbers and
// discards the rest. So the numbers depend only on the key pair and the
// lengths of the fills, never on threads or timing.

// vecLanes is the number of xoshiro256+ lanes: one AVX-512 register.
const vecLanes = 8

// vecRound is the number of normals one round of the lanes makes.
const vecRound = 2 * vecLanes

// normalGen is the standard normal generator of one block's integration.
// Set kern before start or seed (the zero value is KernelAuto); it does
// not allocate.
type normalGen struct {
	kern Kernel // the kernel asked for
	use  Kernel // the kernel in use since start or seed: kern resolved

	src *Stream // scalar: the stream the normals come from
	own Stream  // scalar: the stream seed keys

	// vector: the lanes' xoshiro256+ states, word-major: s[k][j] is word k
	// of lane j
	s [4][vecLanes]uint64
	// vector: scratch rounds (rows tmpX … tmpZ): the particles and
	// normals of a last partial round, so that the kernels only ever see
	// whole rounds
	tmp [5][vecRound]float64
}

// start makes g ready for a block whose stream src has drawn the initial
// state. Scalar: the normals continue src (src.FillNormal), exactly as the
// integrators always had. Vector: two draws of src key the lanes (so the
// lanes are unrelated to the draws src made before).
func (g *normalGen) start(src *Stream) {
	g.use = g.kern.Resolve()
	if !g.use.vector() {
		g.src = src
		return
	}
	a := src.Uint64()
	b := src.Uint64()
	g.seedLanes(a, b)
}

// seed makes g the generator keyed by (a, b) alone: NewStream(a, b)'s
// normals (scalar), or the lanes keyed by (a, b) (vector).
func (g *normalGen) seed(a, b uint64) {
	g.use = g.kern.Resolve()
	if !g.use.vector() {
		g.own.Seed(a, b)
		g.src = &g.own
		return
	}
	g.seedLanes(a, b)
}

// seedLanes sets the lanes' states from the key pair (a, b) (see the file
// comment).
func (g *normalGen) seedLanes(a, b uint64) {
	g.src = nil
	za, zb := a, b^streamKeyB
	for j := range vecLanes {
		g.s[0][j] = splitmix.Next(&za)
		g.s[1][j] = splitmix.Next(&zb)
		g.s[2][j] = splitmix.Next(&za)
		g.s[3][j] = splitmix.Next(&zb)
	}
}

// vectorised reports whether g uses the Box–Muller lanes.
func (g *normalGen) vectorised() bool { return g.use.vector() }

// fill fills buf with independent standard normal variates. It does not
// allocate.
func (g *normalGen) fill(buf []float64) {
	if !g.use.vector() {
		g.src.FillNormal(buf)
		return
	}
	n := len(buf) / vecRound
	if n > 0 {
		g.fillRounds(&buf[0], n)
	}
	if r := buf[n*vecRound:]; len(r) > 0 {
		t := &g.tmp[0]
		g.fillRounds(&t[0], 1)
		copy(r, t[:])
	}
}

// zsArgs returns the normals' destination and stride (bytes per round)
// for a step kernel call: zs itself and 128, or, when zs is nil, any valid
// pointer and 0, which tells the kernel not to store them.
func (g *normalGen) zsArgs(zs []float64) (*float64, int) {
	if zs == nil {
		return &g.tmp[tmpZ][0], 0
	}
	return &zs[0], 8 * vecRound
}

// The rows of normalGen.tmp.
const (
	tmpX, tmpV, tmpW, tmpQ = 0, 1, 2, 3 // a partial round's particles
	tmpZ                   = 4          // a partial round's normals
)

// tail runs the step kernel call on the last r < 16 particles of the
// slices ps (x, then w, or x, v, w, q) through the scratch rows rows: it
// copies them in, lets step make one round on the rows (with the normals'
// destination and stride), and copies them back, and the round's normals
// to zs if zs is not nil.
func (g *normalGen) tail(r int, ps [][]float64, rows []int, zs []float64, step func(zp *float64, zstride int)) {
	for k, p := range ps {
		copy(g.tmp[rows[k]][:], p)
	}
	if zs != nil {
		step(&g.tmp[tmpZ][0], 8*vecRound)
		copy(zs, g.tmp[tmpZ][:r])
	} else {
		step(&g.tmp[tmpZ][0], 0)
	}
	for k, p := range ps {
		copy(p, g.tmp[rows[k]][:r])
	}
}

// stepJun makes one fused overdamped Euler–Maruyama step of the jun
// potential (see fused.go) with g's normals: in the vector kernels the
// normals are made in registers, 16 at a time. zs, if not nil (len(x)
// long), receives the normals.
func (g *normalGen) stepJun(c *junStep, x, w, zs []float64) {
	if !g.use.vector() {
		c.stream(g.src, x, w, zs)
		return
	}
	w = w[:len(x)]
	if zs != nil {
		zs = zs[:len(x)]
	}
	p := [7]float64{c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.amp}
	n := len(x) / vecRound
	if n > 0 {
		zp, zstride := g.zsArgs(zs)
		g.junRounds(&p, &x[0], &w[0], zp, zstride, n)
	}
	if o := n * vecRound; o < len(x) {
		if zs != nil {
			zs = zs[o:]
		}
		g.tail(len(x)-o, [][]float64{x[o:], w[o:]}, []int{tmpX, tmpW}, zs, func(zp *float64, zstride int) {
			g.junRounds(&p, &g.tmp[tmpX][0], &g.tmp[tmpW][0], zp, zstride, 1)
		})
	}
}

// stepJunHeun makes one fused overdamped stochastic Heun step of the jun
// potential (see fused_heun.go) with g's normals, made in registers by the
// vector kernels; zs, if not nil, receives them.
func (g *normalGen) stepJunHeun(c *junHeun, x, w, zs []float64) {
	if !g.use.vector() {
		c.stream(g.src, x, w, zs)
		return
	}
	w = w[:len(x)]
	if zs != nil {
		zs = zs[:len(x)]
	}
	p := [8]float64{c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.hmob, c.amp}
	n := len(x) / vecRound
	if n > 0 {
		zp, zstride := g.zsArgs(zs)
		g.junHeunRounds(&p, &x[0], &w[0], zp, zstride, n)
	}
	if o := n * vecRound; o < len(x) {
		if zs != nil {
			zs = zs[o:]
		}
		g.tail(len(x)-o, [][]float64{x[o:], w[o:]}, []int{tmpX, tmpW}, zs, func(zp *float64, zstride int) {
			g.junHeunRounds(&p, &g.tmp[tmpX][0], &g.tmp[tmpW][0], zp, zstride, 1)
		})
	}
}

// stepJunUnder makes one fused underdamped BAOAB step of the jun potential
// (see fused_under.go) with g's normals, made in registers by the vector
// kernels; zs, if not nil, receives them.
func (g *normalGen) stepJunUnder(c *junUnder, x, v, w, q, zs []float64) {
	if !g.use.vector() {
		c.stream(g.src, x, v, w, q, zs)
		return
	}
	v, w, q = v[:len(x)], w[:len(x)], q[:len(x)]
	if zs != nil {
		zs = zs[:len(x)]
	}
	p := [10]float64{c.k, c.g, c.af, c.hdg, c.daf, c.kick, c.h, c.a, c.sv, c.hm}
	n := len(x) / vecRound
	if n > 0 {
		zp, zstride := g.zsArgs(zs)
		g.junUnderRounds(&p, &x[0], &v[0], &w[0], &q[0], zp, zstride, n)
	}
	if o := n * vecRound; o < len(x) {
		if zs != nil {
			zs = zs[o:]
		}
		t := &g.tmp
		g.tail(len(x)-o, [][]float64{x[o:], v[o:], w[o:], q[o:]}, []int{tmpX, tmpV, tmpW, tmpQ}, zs, func(zp *float64, zstride int) {
			g.junUnderRounds(&p, &t[tmpX][0], &t[tmpV][0], &t[tmpW][0], &t[tmpQ][0], zp, zstride, 1)
		})
	}
}
