package langevin

// Fast exact standard normal variates for the integrators: Stream (the
// uniform generator) and its Normal and FillNormal methods (the ziggurat).

import (
	"math"
	"math/bits"

	"github.com/landauer-dev/landauer/internal/root"
	"github.com/landauer-dev/landauer/internal/splitmix"
)

// Stream is one random stream: xoshiro256+ seeded from two 64-bit keys
// through SplitMix64. The zero Stream is invalid; use NewStream or Seed. A
// Stream is not safe for concurrent use. *Stream implements math/rand/v2's
// Source, so rand.New(s) gives the usual helpers over the same stream.
//
// A Stream is xoshiro256+ 1.0 (D. Blackman and S. Vigna, "Scrambled linear
// pseudorandom number generators", ACM Trans. Math. Softw. 47(4), 36 (2021);
// preprint 2018; reference code https://prng.di.unimi.it/xoshiro256plus.c):
// a 256-bit xorshift-rotate linear engine with period 2^256 − 1 and the
// output s0 + s3. xoshiro256+ is chosen over xoshiro256++ because it is the
// authors' recommended generator for floating-point work and is one add
// shorter per draw than ++ (whose output is rotl(s0+s3, 23) + s0); its only
// known weakness is that the lowest three bits have low linear complexity
// and may fail linearity tests. Nothing here uses those three bits: Float64
// takes the top 53 bits, and the ziggurat takes its piece from bits 3..10,
// the sign from bit 11 and the abscissa from bits 12..63. The C
// reference of issue 7 uses the same generator.
//
// Seeding expands the two 64-bit keys through SplitMix64 (Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
// Vigna's reference splitmix64.c), the seeding Blackman and Vigna
// recommend: (s0, s2) are the first two SplitMix64 outputs from state a and
// (s1, s3) the first two from state b ^ streamKeyB. The SplitMix64 output
// is a bijection of its state, so distinct key pairs give distinct xoshiro
// states, and s0 ≠ s2 so the state is never all zero.
type Stream struct {
	s0, s1, s2, s3 uint64
}

// streamKeyB is xored into the second key so that a == b does not give
// s0 == s1 and s2 == s3.
const streamKeyB = 0x5851f42d4c957f2d

// NewStream returns the stream keyed by (a, b).
func NewStream(a, b uint64) *Stream {
	s := new(Stream)
	s.Seed(a, b)
	return s
}

// Seed resets s to the stream keyed by (a, b); the same keys always give
// the same sequence. It does not allocate.
func (s *Stream) Seed(a, b uint64) {
	za, zb := a, b^streamKeyB
	s.s0 = splitmix.Next(&za)
	s.s1 = splitmix.Next(&zb)
	s.s2 = splitmix.Next(&za)
	s.s3 = splitmix.Next(&zb)
}

// Uint64 returns the next 64 bits of the stream (xoshiro256+: the lowest
// three bits are of lower quality; take bits from the top).
func (s *Stream) Uint64() uint64 {
	s0, s1, s2, s3 := s.s0, s.s1, s.s2, s.s3
	r := s0 + s3
	t := s1 << 17
	s2 ^= s0
	s3 ^= s1
	s1 ^= s2
	s0 ^= s3
	s2 ^= t
	s3 = bits.RotateLeft64(s3, 45)
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
	return r
}

// Float64 returns a uniform variate in [0, 1): the top 53 bits of one draw
// times 2^−53, so every multiple of 2^−53 in [0, 1) is equally likely.
func (s *Stream) Float64() float64 {
	return float64(s.Uint64()>>11) * 0x1p-53
}

// open01 returns a uniform variate in (0, 1] (the multiples of 2^−53), safe
// to take the logarithm of.
func (s *Stream) open01() float64 {
	return float64(s.Uint64()>>11+1) * 0x1p-53
}

// zigLayers is the number of ziggurat pieces (a power of two; the piece is
// the 8 bits 3..10 of a draw).
const zigLayers = 256

// zigLayer is the fast-path data of one piece and sign, kept together so
// that an attempt touches one 16-byte slot. Slot i + 256·b serves piece i
// and sign bit b.
type zigLayer struct {
	w float64 // ±X_i·2^−53: the abscissa is x = m·w for an odd m in (0, 2^53)
	k uint64  // even; m < k exactly when |m·w| < X_{i+1} in float64
}

// ziggurat holds the tables; see Normal for the construction.
type ziggurat struct {
	r, v   float64
	x      [zigLayers + 1]float64 // X_0 = v/f(r), X_1 = r, …, X_256 = 0
	f      [zigLayers + 1]float64 // f(X_i) = exp(−X_i²/2); f[0] is unused, f[256] = 1
	layers [2 * zigLayers]zigLayer
	wedge  [zigLayers]zigWedge
}

// zigWedge is the squeeze of piece i ≥ 1's wedge, in the variable q = x²,
// in which the density exp(−q/2) is convex everywhere. With the wedge point
// written as s = (X_i² − x²)/(X_i² − X_{i+1}²) ∈ [0, 1] and
// V = (y − f(X_i))/(f(X_{i+1}) − f(X_i)) ∈ [0, 1), the curve is V = g(s)
// with g convex, g(0) = 0, g(1) = 1, so s − d ≤ g(s) ≤ s, where d is the
// largest gap between the chord V = s and the curve (plus a margin). So
// V < s − d is under the curve and V ≥ s + zigMargin above it; exp is
// needed only in between, for about 0.5 % of wedge points.
type zigWedge struct {
	c float64 // 1/(X_i² − X_{i+1}²)
	d float64 // the chord's largest gap to the curve, plus zigMargin
}

// zigMargin widens the squeeze by far more than the rounding errors of
// s and V (below 1e-13), so that it never decides differently from the
// exp test.
const zigMargin = 1e-9

// zig is filled once at package initialisation by the pure function
// newZiggurat and never written afterwards (read-only shared tables, safe for
// concurrent use). It is the only package-level variable of this file.
var zig = newZiggurat()

// zigClose runs the layer recursion from X_1 = r and returns how far the
// top piece misses f = 1 (positive: r too small, the layers overshoot).
func zigClose(r float64) (miss, v float64) {
	v = r*math.Exp(-0.5*r*r) + math.Sqrt(math.Pi/2)*math.Erfc(r/math.Sqrt2)
	x := r
	for i := 1; i < zigLayers-1; i++ {
		fn := math.Exp(-0.5*x*x) + v/x
		if fn >= 1 {
			return 1, v
		}
		x = math.Sqrt(-2 * math.Log(fn))
	}
	return math.Exp(-0.5*x*x) + v/x - 1, v
}

// newZiggurat computes the tables from the formulas: r by bisection of
// zigClose, then the recursion and the fast-path thresholds.
func newZiggurat() *ziggurat {
	// To the last bit: about 52 halvings of [2, 5].
	_, hi, _ := root.Bisect(2, 5, 0, 200, func(r float64) (bool, error) {
		miss, _ := zigClose(r)
		return miss > 0, nil
	})
	z := &ziggurat{r: hi}
	_, z.v = zigClose(z.r)
	fr := math.Exp(-0.5 * z.r * z.r)
	z.x[0] = z.v / fr
	z.x[1] = z.r
	z.f[1] = fr
	for i := 1; i < zigLayers-1; i++ {
		fn := z.f[i] + z.v/z.x[i]
		z.x[i+1] = math.Sqrt(-2 * math.Log(fn))
		z.f[i+1] = math.Exp(-0.5 * z.x[i+1] * z.x[i+1])
	}
	z.x[zigLayers], z.f[zigLayers] = 0, 1
	for i := range zigLayers {
		w := z.x[i] * 0x1p-53
		k := zigThreshold(w, z.x[i+1])
		z.layers[i] = zigLayer{w: w, k: k}
		z.layers[i+zigLayers] = zigLayer{w: -w, k: k}
	}
	for i := 1; i < zigLayers; i++ {
		qo, qi := z.x[i]*z.x[i], z.x[i+1]*z.x[i+1]
		z.wedge[i] = zigWedge{c: 1 / (qo - qi), d: zigGap(qo, qi, z.f[i], z.f[i+1]) + zigMargin}
	}
	return z
}

// zigGap returns the largest gap max(s − g(s)) between the chord and the
// curve of a wedge (see zigWedge) with q from qi = X_{i+1}² to qo = X_i² and
// f from fo = f(X_i) to fi = f(X_{i+1}). As exp(−q/2) is convex, the gap
// peaks where its slope −exp(−q/2)/2 equals the chord's, −(fi − fo)/(qo − qi):
// at q* = −2 ln(2 (fi − fo)/(qo − qi)).
func zigGap(qo, qi, fo, fi float64) float64 {
	q := -2 * math.Log(2*(fi-fo)/(qo-qi))
	q = min(max(q, qi), qo)
	sq := (qo - q) / (qo - qi)
	g := (math.Exp(-0.5*q) - fo) / (fi - fo)
	return max(sq-g, 0)
}

// zigAccept reports whether the wedge point of piece i ≥ 1 with abscissa x
// and V = v (uniform on [0, 1)) lies under the density: y < exp(−x²/2) with
// y = f(X_i) + v (f(X_{i+1}) − f(X_i)), decided by the squeeze when it can.
func zigAccept(i uint64, x, v float64) bool {
	i %= zigLayers
	w := &zig.wedge[i]
	sx := (zig.x[i]*zig.x[i] - x*x) * w.c
	if v < sx-w.d {
		return true
	}
	if v >= sx+zigMargin {
		return false
	}
	lo, hi := zig.f[i], zig.f[i+1]
	return lo+v*(hi-lo) < math.Exp(-0.5*x*x)
}

// zigThreshold returns the even k such that, for odd m ≥ 1, m < k exactly
// when float64(m)·w < lim (the product as float64 computes it, which is
// monotone in m). The integer test is then bit-for-bit the test
// |x| < X_{i+1} on the abscissa x the fast path returns.
func zigThreshold(w, lim float64) uint64 {
	if lim <= 0 {
		return 0
	}
	m := uint64(lim/w) | 1 // odd, within a few units of the boundary
	for m > 1 && float64(m)*w >= lim {
		m -= 2
	}
	for float64(m+2)*w < lim {
		m += 2
	}
	if float64(m)*w >= lim { // only m = 1 can get here
		return 0
	}
	return m + 1
}

// Normal returns one standard normal variate. It consumes the stream
// exactly as FillNormal does, so n calls give the numbers FillNormal puts
// in a buffer of length n.
//
// Normals come from the ziggurat method of G. Marsaglia and W. W. Tsang,
// "The ziggurat method for generating random variables", J. Stat. Softw.
// 5(8) (2000), with 256 layers, a 64-bit draw per attempt with disjoint bits
// for the layer, the sign and the abscissa (J. A. Doornik, "An improved
// ziggurat method to generate normal random samples", 2005, shows why the
// bits must not be shared), and double-precision tables.
//
// With f(x) = exp(−x²/2), the region under f on [0, ∞) is covered by 256
// pieces of equal area v: the base piece 0 is the rectangle [0, r]×[0, f(r)]
// plus the tail {x > r, y < f(x)}, and piece i = 1..255 is the rectangle
// [0, X_i]×[f(X_i), f(X_{i+1})], where X_1 = r, f(X_{i+1}) = f(X_i) + v/X_i
// and X_256 = 0. The base piece is drawn as if it were a rectangle of width
// X_0 = v/f(r). One attempt, one 64-bit draw, picks a piece i uniformly, a
// sign, and an abscissa |x| = U·X_i with U uniform on (0, 1):
//
//   - |x| < X_{i+1} (about 98.5 % of attempts): the point lies in the part of
//     the rectangle that is wholly under f, so x is accepted at once — the
//     fast path: one table slot (per piece and sign: ±X_i·2^−53 and the
//     threshold), one integer compare, one conversion, one multiply.
//   - i = 0 and |x| ≥ r: the point is in the tail; x = ±(r + t) with t drawn
//     exactly from the tail by Marsaglia's method (G. Marsaglia, "Generating a
//     variable from the tail of the normal distribution", Technometrics 6, 101
//     (1964)): t = −ln(U₁)/r, e = −ln(U₂), accept when 2e > t². The proposal
//     density is r·exp(−r t) and the acceptance probability exp(−t²/2), so the
//     accepted r + t has density ∝ exp(−(r+t)²/2) on (r, ∞).
//   - i ≥ 1 (the wedge): y is drawn uniformly on [f(X_i), f(X_{i+1})) and x is
//     accepted if y < exp(−x²/2), the true density; otherwise the attempt is
//     discarded and a new one starts from a fresh piece. A squeeze decides
//     more than 99 % of wedge points without calling exp: in q = x² the density
//     exp(−q/2) is convex, so over the wedge it lies below its chord and
//     above the chord moved down by their largest gap, which is where the
//     slopes agree (the chord-and-gap bound McFarland's modified ziggurat
//     uses for its convex overhangs: C. D. McFarland, J. Stat. Comput.
//     Simul. 86(7), 1281 (2016)). The lines are widened by a margin of 1e-9,
//     far above rounding, so the squeeze never decides differently from the
//     exp test.
//
// Every accepted (|x|, y) is thus a uniform point of the region under f, so
// |x| is exactly half-normal and, with the independent sign, x is exactly
// standard normal. The only departures are float64 ones: uniforms on a grid
// (U = m/2^53 with m odd, the midpoints of a grid of step 2^−52; the wedge
// and tail uniforms on multiples of 2^−53), tables correct to a few ulp, and
// the rounding of x = U·X_i.
//
// r and v are not typed in: r is found by bisection from the condition that
// the recursion closes (f(X_255) + v/X_255 = 1), with v(r) = r f(r) +
// √(π/2) erfc(r/√2); the result, r = 3.6541528853610088 and
// v = 0.0049286732339746553, agrees with a 40-digit computation and with
// Marsaglia and Tsang's published r (see the tests).
func (s *Stream) Normal() float64 {
	u := s.Uint64()
	l := &zig.layers[(u>>3)%(2*zigLayers)]
	if m := u>>11 | 1; m < l.k {
		return float64(int64(m)) * l.w
	}
	return s.normalFrom(u)
}

// FillNormal fills buf with independent standard normal variates, the same
// numbers as len(buf) calls of Normal. It is the fast path: fillFast runs
// the generator inlined, with its state in registers and no call in the
// loop, until the buffer is full or an attempt misses the fast path (about
// 1.5 % of them), where Normal takes over for one variate. It does not
// allocate.
func (s *Stream) FillNormal(buf []float64) {
	for len(buf) > 0 {
		n := s.fillFast(buf)
		if uint(n) >= uint(len(buf)) {
			return
		}
		buf[n] = s.Normal()
		buf = buf[n+1:]
	}
}

// fillFast fills buf from the start with fast-path normals and returns how
// many it wrote: len(buf), or the index of the first attempt that misses
// the fast path, the stream being left just before that attempt's draw.
func (s *Stream) fillFast(buf []float64) int {
	s0, s1, s2, s3 := s.s0, s.s1, s.s2, s.s3
	tab := &zig.layers
	for n := range buf {
		u := s0 + s3                   // xoshiro256+ output, as Uint64
		l := tab[(u>>3)%(2*zigLayers)] // bits 3..10: the piece; bit 11: the sign
		m := u>>11 | 1                 // bits 12..63: odd m, m/2^53 uniform on (0, 1)
		if m >= l.k {
			s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
			return n
		}
		buf[n] = float64(int64(m)) * l.w

		t := s1 << 17 // the state update, as Uint64
		s2 ^= s0
		s3 ^= s1
		s1 ^= s2
		s0 ^= s3
		s2 ^= t
		s3 = bits.RotateLeft64(s3, 45)
	}
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
	return len(buf)
}

// normalFrom returns the normal variate of the ziggurat attempt that starts
// with the draw u (the stream being already past u): the fast path, else
// the tail or the wedge, and on rejection fresh attempts.
func (s *Stream) normalFrom(u uint64) float64 {
	for {
		l := zig.layers[(u>>3)%(2*zigLayers)]
		m := u>>11 | 1
		x := float64(int64(m)) * l.w
		if m < l.k {
			return x
		}
		i := (u >> 3) % zigLayers
		if i == 0 {
			if l.w < 0 {
				return -s.normalTail()
			}
			return s.normalTail()
		}
		if zigAccept(i, x, s.Float64()) {
			return x
		}
		u = s.Uint64()
	}
}

// normalTail returns a variate of the standard normal conditioned on X > r,
// exactly, by Marsaglia's (1964) method: t = −ln(U₁)/r, e = −ln(U₂), accept
// r + t when 2e > t².
func (s *Stream) normalTail() float64 {
	r := zig.r
	for {
		t := -math.Log(s.open01()) / r
		e := -math.Log(s.open01())
		if 2*e > t*t {
			return r + t
		}
	}
}
