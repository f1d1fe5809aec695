//go:build goexperiment.simd && amd64

package langevin

// Tests of the SIMD kernels of normal_simd.go (GOEXPERIMENT=simd on amd64;
// skipped on CPUs without AVX-512).

import (
	"math"
	"slices"
	"testing"

	"simd/archsimd"
)

func needAVX512(t *testing.T) {
	t.Helper()
	if !archsimd.X86.AVX512() {
		t.Skip("no AVX-512 on this CPU: the scalar path is used")
	}
}

// relErr is |got − want|/|want| (|got − want| when want = 0).
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// The vectorised −2 ln x, sin and cos against math.Log, math.Sin and
// math.Cos: maximum relative error ≤ 1e-14 (they reach a few 1e-16) on
// 2^21 arguments each: for the log, Box–Muller's own uniforms (m + ½)2^−52,
// the same near 1 and near 0, and positive normal float64s of every
// exponent; for sin and cos, uniform points of [−π/4, π/4), tiny
// arguments, and the ends.
func TestVecMathAccuracy(t *testing.T) {
	needAVX512(t)
	const n = 1 << 21
	s := NewStream(51, 52)
	in, out := make([]float64, n), make([]float64, n)
	for i := range in {
		r := s.Uint64()
		switch i % 4 {
		case 0: // Box–Muller's uniforms
			in[i] = (float64(r>>12) + 0.5) * 0x1p-52
		case 1: // near 1
			in[i] = 1 - (float64(r>>40)+0.5)*0x1p-53
		case 2: // near 0
			in[i] = (float64(r>>40) + 0.5) * 0x1p-52
		default: // any positive normal float64
			e := int(r%2046) - 1022
			in[i] = math.Ldexp(1+float64(r>>12)*0x1p-52, e)
		}
	}
	in[0], in[1], in[2], in[3] = 1, 0x1p-1022, math.MaxFloat64, math.Sqrt2
	vecM2Log(in, out)
	worst, at := 0.0, 0.0
	for i, x := range in {
		if e := relErr(out[i], -2*math.Log(x)); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("−2 ln x: max relative error %.3g (at x = %v)", worst, at)
	if worst > 1e-14 {
		t.Errorf("−2 ln x: max relative error %.3g > 1e-14 (at x = %v)", worst, at)
	}

	sin, cos := make([]float64, n), make([]float64, n)
	for i := range in {
		r := s.Uint64()
		if i%8 == 7 {
			in[i] = math.Ldexp(float64(r>>11)*0x1p-53, -1-int(r%40)) // small and tiny
		} else {
			in[i] = (float64(r>>11)*0x1p-53 - 0.5) * math.Pi / 2
		}
	}
	in[0], in[1], in[2] = -math.Pi/4, math.Nextafter(math.Pi/4, 0), 0
	vecSinCos(in, sin, cos)
	ws, wc := 0.0, 0.0
	for i, x := range in {
		ws = max(ws, relErr(sin[i], math.Sin(x)))
		wc = max(wc, relErr(cos[i], math.Cos(x)))
	}
	t.Logf("sin: max relative error %.3g, cos: %.3g", ws, wc)
	if ws > 1e-14 || wc > 1e-14 {
		t.Errorf("sin, cos: max relative errors %.3g, %.3g > 1e-14", ws, wc)
	}
}

// scalarBoxMuller is boxMullerVec's specification for one lane, in
// scalar float64 with the math package.
func scalarBoxMuller(r1, r2 uint64) (float64, float64) {
	u := (float64(r1>>12) + 0.5) * 0x1p-52
	phi := (float64(r2<<2>>12)*0x1p-52 - 0.5) * math.Pi / 2
	rho := math.Sqrt(-2 * math.Log(u))
	c, s := math.Cos(phi), math.Sin(phi)
	if r2>>63 != 0 {
		c = -c
	}
	if r2>>62&1 != 0 {
		return rho * s, rho * c
	}
	return rho * c, rho * s
}

// The bit mapping of boxMullerVec (uniform, angle, quadrant) agrees with
// its scalar specification to 1e-14 ρ on 2^20 random pairs, each of the
// four quadrant choices included, and on the extreme draws.
func TestBoxMullerVecMatchesScalar(t *testing.T) {
	needAVX512(t)
	s := NewStream(61, 62)
	var r1, r2 [8]uint64
	worst := 0.0
	for k := range 1 << 17 {
		for j := range 8 {
			r1[j], r2[j] = s.Uint64(), s.Uint64()
		}
		if k == 0 {
			r1[0], r1[1], r2[0], r2[1] = 0, ^uint64(0), 0, ^uint64(0)
			r1[2], r2[2] = 1<<63, 1<<62
		}
		xa, xb := boxMullerVec(archsimd.LoadUint64x8(&r1), archsimd.LoadUint64x8(&r2))
		var ga, gb [8]float64
		xa.Store(&ga)
		xb.Store(&gb)
		for j := range 8 {
			wa, wb := scalarBoxMuller(r1[j], r2[j])
			rho := math.Hypot(wa, wb)
			worst = max(worst, math.Abs(ga[j]-wa)/rho, math.Abs(gb[j]-wb)/rho)
		}
	}
	archsimd.ClearAVXUpperBits()
	t.Logf("max |Δξ|/ρ = %.3g", worst)
	if worst > 1e-14 {
		t.Errorf("boxMullerVec differs from its scalar specification by %.3g ρ", worst)
	}
}

// Lane j's state is (A_2j, B_2j, A_2j+1, B_2j+1) of the SplitMix64
// sequences from a and b ^ streamKeyB, so lane 0 is NewStream(a, b); the
// 32 words are distinct.
func TestVecLaneSeeding(t *testing.T) {
	needAVX512(t)
	var g normalGen
	g.seed(71, 72)
	if !g.vectorised() {
		t.Fatal("seed did not select the SIMD path")
	}
	want := NewStream(71, 72)
	if got := (Stream{g.s[0][0], g.s[1][0], g.s[2][0], g.s[3][0]}); got != *want {
		t.Errorf("lane 0 = %v, want NewStream(71, 72) = %v", got, *want)
	}
	za, zb := uint64(71), uint64(72)^streamKeyB
	var words []uint64
	for j := range vecLanes {
		a0, b0, a1, b1 := splitMix64Next(&za), splitMix64Next(&zb), splitMix64Next(&za), splitMix64Next(&zb)
		if g.s[0][j] != a0 || g.s[1][j] != b0 || g.s[2][j] != a1 || g.s[3][j] != b1 {
			t.Errorf("lane %d state differs from the SplitMix64 sequences", j)
		}
		words = append(words, a0, b0, a1, b1)
	}
	slices.Sort(words)
	if len(slices.Compact(words)) != 4*vecLanes {
		t.Error("lane state words repeat")
	}
}

// fill is, bit for bit, boxMullerVec applied round by round to the lanes'
// xoshiro256+ draws (each lane run as a scalar Stream), in the documented
// order: ξ1 of lanes 0..7, then ξ2 of lanes 0..7; a partial round writes
// its first numbers and the next fill starts a new round.
func TestFillVecMatchesLanes(t *testing.T) {
	needAVX512(t)
	var g normalGen
	g.seed(81, 82)
	var lanes [vecLanes]Stream
	for j := range lanes {
		lanes[j] = Stream{g.s[0][j], g.s[1][j], g.s[2][j], g.s[3][j]}
	}
	round := func() (out [vecRound]float64) {
		var r1, r2 [8]uint64
		for j := range lanes {
			r1[j] = lanes[j].Uint64()
			r2[j] = lanes[j].Uint64()
		}
		xa, xb := boxMullerVec(archsimd.LoadUint64x8(&r1), archsimd.LoadUint64x8(&r2))
		xa.Store((*[8]float64)(out[0:8]))
		xb.Store((*[8]float64)(out[8:16]))
		archsimd.ClearAVXUpperBits()
		return out
	}
	for _, n := range []int{512, 16, 5, 32, 27, 1} {
		got := make([]float64, n)
		g.fill(got)
		var want []float64
		for len(want) < n {
			r := round()
			want = append(want, r[:]...)
		}
		if !slices.EqualFunc(got, want[:n], func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Fatalf("fill(%d) differs from boxMullerVec on the lanes", n)
		}
	}
	for j := range lanes {
		if (Stream{g.s[0][j], g.s[1][j], g.s[2][j], g.s[3][j]}) != lanes[j] {
			t.Errorf("lane %d: state after the fills is not the lane's", j)
		}
	}
}

// start keys the lanes with the block stream's next two draws, so the
// lanes are not the stream the initial state was drawn from.
func TestVecStart(t *testing.T) {
	needAVX512(t)
	src, ref := NewStream(91, 92), NewStream(91, 92)
	var g, h normalGen
	g.start(src)
	h.seed(ref.Uint64(), ref.Uint64())
	if g.s != h.s || *src != *ref || !g.vectorised() {
		t.Error("start(src) is not seed(src.Uint64(), src.Uint64())")
	}
	if lane0 := (Stream{g.s[0][0], g.s[1][0], g.s[2][0], g.s[3][0]}); lane0 == *NewStream(91, 92) {
		t.Error("lane 0 is the block stream")
	}
}

// The xoshiro step of 8 lanes is Stream.Uint64 on each.
func TestXoshiroVec(t *testing.T) {
	needAVX512(t)
	var st [4][8]uint64
	var lanes [8]Stream
	for j := range lanes {
		lanes[j] = *NewStream(uint64(j), 99)
		st[0][j], st[1][j], st[2][j], st[3][j] = lanes[j].s0, lanes[j].s1, lanes[j].s2, lanes[j].s3
	}
	s0, s1, s2, s3 := archsimd.LoadUint64x8(&st[0]), archsimd.LoadUint64x8(&st[1]), archsimd.LoadUint64x8(&st[2]), archsimd.LoadUint64x8(&st[3])
	for range 100 {
		var r archsimd.Uint64x8
		r, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
		var got [8]uint64
		r.Store(&got)
		for j := range lanes {
			if want := lanes[j].Uint64(); got[j] != want {
				t.Fatalf("lane %d: %#x, want %#x", j, got[j], want)
			}
		}
	}
	archsimd.ClearAVXUpperBits()
}
