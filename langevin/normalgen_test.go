package langevin

// Tests of the vector kernels' Box–Muller generator (normalgen.go,
// kernels_amd64.s) against boxMullerRef, the generator written in Go, and
// of boxMullerRef against math.Log, math.Sin and math.Cos. The kernel
// tests run for every vector kernel this CPU has and skip the others.
//
//	go test ./langevin/ -run 'Vec|BoxMuller|Kernel'

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/internal/splitmix"
	"github.com/landauer-dev/landauer/wells"
)

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

// vectorKernels returns the vector kernels this CPU runs.
func vectorKernels() []Kernel {
	var ks []Kernel
	for _, k := range []Kernel{KernelAVX512, KernelAVX2} {
		if k.Supported() {
			ks = append(ks, k)
		}
	}
	return ks
}

// eachVectorKernel runs f for every vector kernel this CPU has, as a
// subtest; it skips when there is none.
func eachVectorKernel(t *testing.T, f func(t *testing.T, k Kernel)) {
	t.Helper()
	ks := vectorKernels()
	if len(ks) == 0 {
		t.Skip("this CPU runs no vector kernel (no AVX2 with FMA): the scalar kernel is used")
	}
	for _, k := range ks {
		t.Run(k.String(), func(t *testing.T) { f(t, k) })
	}
}

// m2logRef is the generator's −2 ln u in Go, operation for operation:
// fdlibm's reduction u = 2^k (1 + f), s = f/(2 + f), z = s², and
// k (−2 ln 2) + s (−4 + z P(z)) with P's coefficients times −2, by Horner
// with fused multiply-adds (math.FMA).
func m2logRef(u float64) float64 {
	ix := math.Float64bits(u) + (0x3ff00000-0x3fe6a09e)<<32
	k := math.Float64frombits(ix>>52|0x4330000000000000) - (0x1p52 + 1023)
	f := math.Float64frombits(ix&0x000fffffffffffff+0x3fe6a09e<<32) - 1
	s := f / (2 + f)
	z := s * s
	p := -2 * lg7
	for _, c := range [...]float64{-2 * lg6, -2 * lg5, -2 * lg4, -2 * lg3, -2 * lg2, -2 * lg1, -4} {
		p = math.FMA(p, z, c)
	}
	return math.FMA(k, -2*math.Ln2, p*s)
}

// sincosRef is the generator's sin φ and cos φ for |φ| ≤ π/4 in Go:
// fdlibm's k_sin.c and k_cos.c polynomials by Horner with math.FMA.
func sincosRef(phi float64) (sin, cos float64) {
	z := phi * phi
	sin, cos = sinS6, cosC6
	for _, c := range [...][2]float64{{sinS5, cosC5}, {sinS4, cosC4}, {sinS3, cosC3}, {sinS2, cosC2}, {sinS1, cosC1}} {
		sin = math.FMA(sin, z, c[0])
		cos = math.FMA(cos, z, c[1])
	}
	cos = math.FMA(cos, z, -0.5)
	cos = math.FMA(cos, z, 1)
	return math.FMA(sin, z*phi, phi), cos
}

// boxMullerRef is the generator's pair of normals from the draws r1, r2
// of one lane (normalgen.go), in Go.
func boxMullerRef(r1, r2 uint64) (xa, xb float64) {
	u := math.Float64frombits(r1>>12|0x3ff0000000000000) - (1 - 0x1p-53)
	rho := math.Sqrt(m2logRef(u))
	phi := (math.Float64frombits(r2<<2>>12|0x3ff0000000000000) - 1.5) * (math.Pi / 2)
	s, c := sincosRef(phi)
	c = math.Float64frombits(math.Float64bits(c) ^ r2&(1<<63))
	if r2&(1<<62) != 0 {
		return rho * s, rho * c
	}
	return rho * c, rho * s
}

// refLanes returns the lanes of g (seeded, vector) as scalar Streams.
func refLanes(g *normalGen) (lanes [vecLanes]Stream) {
	for j := range lanes {
		lanes[j] = Stream{g.s[0][j], g.s[1][j], g.s[2][j], g.s[3][j]}
	}
	return lanes
}

// refRound is one round of the generator made by boxMullerRef from the
// lanes: the first normal of lanes 0..7, then the second.
func refRound(lanes *[vecLanes]Stream) (out [vecRound]float64) {
	for j := range lanes {
		r1 := lanes[j].Uint64()
		r2 := lanes[j].Uint64()
		out[j], out[vecLanes+j] = boxMullerRef(r1, r2)
	}
	return out
}

// relErr is |got − want|/|want| (|got − want| when want = 0).
func relErr(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// logArgs returns n arguments for the log tests: Box–Muller's own
// uniforms (m + ½)2^−52, the same near 1 and near 0, and positive normal
// float64s of every exponent, with 1, the smallest normal, the largest
// float64 and √2.
func logArgs(n int) []float64 {
	s := NewStream(51, 52)
	in := make([]float64, n)
	for i := range in {
		r := s.Uint64()
		switch i % 4 {
		case 0:
			in[i] = (float64(r>>12) + 0.5) * 0x1p-52
		case 1:
			in[i] = 1 - (float64(r>>40)+0.5)*0x1p-53
		case 2:
			in[i] = (float64(r>>40) + 0.5) * 0x1p-52
		default:
			e := int(r%2046) - 1022
			in[i] = math.Ldexp(1+float64(r>>12)*0x1p-52, e)
		}
	}
	in[0], in[1], in[2], in[3] = 1, 0x1p-1022, math.MaxFloat64, math.Sqrt2
	return in
}

// angleArgs returns n arguments in [−π/4, π/4): uniform points, small and
// tiny ones (every 8th), and the ends and 0.
func angleArgs(n int) []float64 {
	s := NewStream(53, 54)
	in := make([]float64, n)
	for i := range in {
		r := s.Uint64()
		if i%8 == 7 {
			in[i] = math.Ldexp(float64(r>>11)*0x1p-53, -1-int(r%40))
		} else {
			in[i] = (float64(r>>11)*0x1p-53 - 0.5) * math.Pi / 2
		}
	}
	in[0], in[1], in[2] = -math.Pi/4, math.Nextafter(math.Pi/4, 0), 0
	return in
}

// The generator's −2 ln x, sin and cos, written in Go (m2logRef,
// sincosRef), against math.Log, math.Sin and math.Cos: maximum relative
// error ≤ 1e-14 on 2^20 arguments each (they reach a few 1e-16; the
// log's worst is near x = 1, where ln x → 0). This is the accuracy of the
// vector kernels, which TestVecMathAccuracy shows to give these very
// bits.
func TestBoxMullerRefAccuracy(t *testing.T) {
	const n = 1 << 20
	worst, at := 0.0, 0.0
	for _, x := range logArgs(n) {
		if e := relErr(m2logRef(x), -2*math.Log(x)); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("−2 ln x: max relative error %.3g (at x = %v)", worst, at)
	if worst > 1e-14 {
		t.Errorf("−2 ln x: max relative error %.3g > 1e-14 (at x = %v)", worst, at)
	}
	ws, wc := 0.0, 0.0
	for _, x := range angleArgs(n) {
		s, c := sincosRef(x)
		ws = max(ws, relErr(s, math.Sin(x)))
		wc = max(wc, relErr(c, math.Cos(x)))
	}
	t.Logf("sin: max relative error %.3g, cos: %.3g", ws, wc)
	if ws > 1e-14 || wc > 1e-14 {
		t.Errorf("sin, cos: max relative errors %.3g, %.3g > 1e-14", ws, wc)
	}
}

// scalarBoxMuller is the generator's specification for one lane, with the
// math package's log, sin and cos.
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

// boxMullerDraws returns 8n pairs of draws: random ones, with the extreme
// draws and each quadrant bit pattern among the first.
func boxMullerDraws(n int) (r1, r2 []uint64) {
	s := NewStream(61, 62)
	r1, r2 = make([]uint64, 8*n), make([]uint64, 8*n)
	for i := range r1 {
		r1[i], r2[i] = s.Uint64(), s.Uint64()
	}
	r1[0], r1[1], r2[0], r2[1] = 0, ^uint64(0), 0, ^uint64(0)
	r1[2], r2[2], r2[3], r2[4] = 1<<63, 1<<62, 1<<63, 3<<62
	return r1, r2
}

// boxMullerRef's bit mapping (uniform, angle, quadrant) agrees with its
// specification to 1e-14 ρ on 2^20 pairs of draws, each quadrant choice
// and the extreme draws included.
func TestBoxMullerRefMatchesSpec(t *testing.T) {
	r1, r2 := boxMullerDraws(1 << 17)
	worst := 0.0
	for i := range r1 {
		ga, gb := boxMullerRef(r1[i], r2[i])
		wa, wb := scalarBoxMuller(r1[i], r2[i])
		rho := math.Hypot(wa, wb)
		worst = max(worst, math.Abs(ga-wa)/rho, math.Abs(gb-wb)/rho)
	}
	t.Logf("max |Δξ|/ρ = %.3g", worst)
	if worst > 1e-14 {
		t.Errorf("boxMullerRef differs from its specification by %.3g ρ", worst)
	}
}

// The kernels' −2 ln x, sin and cos give boxMullerRef's bits, and so
// its accuracy against the math package (measured again here): max
// relative error ≤ 1e-14 on 2^21 arguments each.
func TestVecMathAccuracy(t *testing.T) {
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		const n = 1 << 21
		in := logArgs(n)
		out := make([]float64, n)
		vecM2Log(k, in, out)
		worst, at, diff := 0.0, 0.0, 0
		for i, x := range in {
			if !sameBits(out[i], m2logRef(x)) {
				diff++
			}
			if e := relErr(out[i], -2*math.Log(x)); e > worst {
				worst, at = e, x
			}
		}
		t.Logf("−2 ln x: max relative error %.3g (at x = %v)", worst, at)
		if worst > 1e-14 {
			t.Errorf("−2 ln x: max relative error %.3g > 1e-14 (at x = %v)", worst, at)
		}
		if diff > 0 {
			t.Errorf("−2 ln x: %d of %d results differ from m2logRef's bits", diff, n)
		}
		in = angleArgs(n)
		sin, cos := make([]float64, n), make([]float64, n)
		vecSinCos(k, in, sin, cos)
		ws, wc := 0.0, 0.0
		diff = 0
		for i, x := range in {
			ws = max(ws, relErr(sin[i], math.Sin(x)))
			wc = max(wc, relErr(cos[i], math.Cos(x)))
			if s, c := sincosRef(x); !sameBits(sin[i], s) || !sameBits(cos[i], c) {
				diff++
			}
		}
		t.Logf("sin: max relative error %.3g, cos: %.3g", ws, wc)
		if ws > 1e-14 || wc > 1e-14 {
			t.Errorf("sin, cos: max relative errors %.3g, %.3g > 1e-14", ws, wc)
		}
		if diff > 0 {
			t.Errorf("sin, cos: %d of %d results differ from sincosRef's bits", diff, n)
		}
	})
}

// The kernels' normals of given draws are boxMullerRef's, bit for bit, on
// 2^20 pairs with the extreme draws and every quadrant.
func TestVecBoxMullerMatchesRef(t *testing.T) {
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		r1, r2 := boxMullerDraws(1 << 17)
		xa, xb := make([]float64, len(r1)), make([]float64, len(r1))
		vecBoxMuller(k, r1, r2, xa, xb)
		for i := range r1 {
			wa, wb := boxMullerRef(r1[i], r2[i])
			if !sameBits(xa[i], wa) || !sameBits(xb[i], wb) {
				t.Fatalf("draws %#x, %#x: kernel (%v, %v), boxMullerRef (%v, %v)", r1[i], r2[i], xa[i], xb[i], wa, wb)
			}
		}
	})
}

// fill is, bit for bit, boxMullerRef applied round by round to the lanes'
// xoshiro256+ draws (each lane run as a scalar Stream), in the documented
// order: ξ1 of lanes 0..7, then ξ2 of lanes 0..7; a partial round writes
// its first numbers and the next fill starts a new round. The lanes'
// states after the fills are the Streams'.
func TestVecFillMatchesRef(t *testing.T) {
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		g := normalGen{kern: k}
		g.seed(81, 82)
		if !g.vectorised() || g.use != k {
			t.Fatalf("seed chose %v", g.use)
		}
		lanes := refLanes(&g)
		for _, n := range []int{512, 16, 5, 32, 27, 1, 100} {
			got := make([]float64, n)
			g.fill(got)
			var want []float64
			for len(want) < n {
				r := refRound(&lanes)
				want = append(want, r[:]...)
			}
			if !slices.EqualFunc(got, want[:n], sameBits) {
				t.Fatalf("fill(%d) differs from boxMullerRef on the lanes", n)
			}
		}
		if refLanes(&g) != lanes {
			t.Error("the lanes' states after the fills are not the Streams'")
		}
	})
}

// Lane j's state is (A_2j, B_2j, A_2j+1, B_2j+1) of the SplitMix64
// sequences from a and b ^ streamKeyB, so lane 0 is NewStream(a, b); the
// 32 words are distinct.
func TestVecLaneSeeding(t *testing.T) {
	var g normalGen
	g.seedLanes(71, 72)
	if want := NewStream(71, 72); refLanes(&g)[0] != *want {
		t.Errorf("lane 0 = %v, want NewStream(71, 72) = %v", refLanes(&g)[0], *want)
	}
	za, zb := uint64(71), uint64(72)^streamKeyB
	var words []uint64
	for j := range vecLanes {
		a0, b0, a1, b1 := splitmix.Next(&za), splitmix.Next(&zb), splitmix.Next(&za), splitmix.Next(&zb)
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

// start keys the lanes with the block stream's next two draws, so the
// lanes are not the stream the initial state was drawn from.
func TestVecStart(t *testing.T) {
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		src, ref := NewStream(91, 92), NewStream(91, 92)
		g, h := normalGen{kern: k}, normalGen{kern: k}
		g.start(src)
		h.seed(ref.Uint64(), ref.Uint64())
		if g.s != h.s || *src != *ref || !g.vectorised() {
			t.Error("start(src) is not seed(src.Uint64(), src.Uint64())")
		}
		if refLanes(&g)[0] == *NewStream(91, 92) {
			t.Error("lane 0 is the block stream")
		}
	})
}

// The tails of the generator to 7σ, through the kernel: draws r1 with
// their top s bits cleared give u uniform on the grid below 2^−s, so ρ is
// ρ conditioned on ρ² > 2 s ln 2; with 2^−s ≥ e^{−c²/2}, every normal
// beyond c has such a ρ, so P(|ξ| > c | u < 2^−s) = 2^s P(|ξ| > c) =
// 2^s · 2Q(c) exactly. 2^21 normals per c = 4, 5, 6, 7 (s = 11, 18, 25,
// 35), each count and the balance of its signs within 5 SE.
func TestVecTails(t *testing.T) {
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		const n = 1 << 20 // pairs
		s := NewStream(101, 102)
		r1, r2 := make([]uint64, n), make([]uint64, n)
		xa, xb := make([]float64, n), make([]float64, n)
		for _, c := range []float64{4, 5, 6, 7} {
			sh := int(math.Floor(c * c / (2 * math.Ln2))) // largest s with 2^−s ≥ e^{−c²/2}
			for i := range r1 {
				r1[i], r2[i] = s.Uint64()>>sh, s.Uint64()
			}
			vecBoxMuller(k, r1, r2, xa, xb)
			hi, lo := 0, 0
			for i := range xa {
				for _, x := range [2]float64{xa[i], xb[i]} {
					if x > c {
						hi++
					} else if x < -c {
						lo++
					}
				}
			}
			p := math.Ldexp(2*upper(c), sh)
			t.Logf("|X| > %g given u < 2^-%d: %d of %d (expected %.1f)", c, sh, hi+lo, 2*n, 2*n*p)
			if msg := binomialProblem(fmt.Sprintf("P(|X| > %g | u < 2^-%d)", c, sh), hi+lo, 2*n, p); msg != "" {
				t.Error(msg)
			}
			if msg := binomialProblem(fmt.Sprintf("P(X > %g | |X| > %g)", c, c), hi, hi+lo, 0.5); msg != "" {
				t.Error(msg)
			}
		}
	})
}

// The AVX2 functions of the generated assembly use only VEX-encodable
// registers and instructions (Y0–Y15, no opmasks, no AVX-512-only
// mnemonics), so they run on CPUs without AVX-512 — which a run on an
// AVX-512 CPU would not show.
func TestAVX2KernelsUseNoEVEX(t *testing.T) {
	f, err := os.Open("kernels_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	evexOnly := []string{"VPTERNLOGQ", "VPROLQ", "VPANDQ", "VPORQ", "VPXORQ", "VMOVDQU64", "VBLENDMPD", "VPTESTMQ", "VCVTQQ2PD"}
	var fn string
	checked := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if name, ok := strings.CutPrefix(line, "TEXT ·"); ok {
			fn, _, _ = strings.Cut(name, "(")
			continue
		}
		if !strings.HasSuffix(fn, "AVX2") || line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		checked++
		op, args, _ := strings.Cut(line, " ")
		if slices.Contains(evexOnly, op) {
			t.Errorf("%s: AVX-512 instruction %q", fn, line)
		}
		for _, a := range strings.Split(args, ",") {
			a = strings.TrimSpace(a)
			if strings.HasPrefix(a, "Z") || strings.HasPrefix(a, "K") && len(a) == 2 {
				t.Errorf("%s: AVX-512 register in %q", fn, line)
			}
			var r int
			if _, err := fmt.Sscanf(a, "Y%d", &r); err == nil && r >= 16 {
				t.Errorf("%s: EVEX-only register in %q", fn, line)
			}
			if _, err := fmt.Sscanf(a, "X%d", &r); err == nil && r >= 16 {
				t.Errorf("%s: EVEX-only register in %q", fn, line)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Errorf("only %d instructions of AVX2 functions found in kernels_amd64.s", checked)
	}
}

// Kernel names, parsing, and what Auto resolves to.
func TestKernelNames(t *testing.T) {
	for k := KernelAuto; k <= KernelAVX512; k++ {
		if p, err := ParseKernel(k.String()); err != nil || p != k {
			t.Errorf("ParseKernel(%q) = %v, %v", k.String(), p, err)
		}
	}
	if _, err := ParseKernel("sse"); err == nil {
		t.Error("ParseKernel(sse) gave no error")
	}
	if KernelScalar.Generator() != GeneratorZiggurat {
		t.Errorf("scalar generator %q", KernelScalar.Generator())
	}
	for _, k := range vectorKernels() {
		if k.Generator() != GeneratorBoxMuller {
			t.Errorf("%v generator %q", k, k.Generator())
		}
	}
	r := KernelAuto.Resolve()
	if !r.Supported() || r == KernelAuto {
		t.Errorf("KernelAuto resolves to %v", r)
	}
	if ks := vectorKernels(); len(ks) > 0 && r != ks[0] {
		t.Errorf("KernelAuto resolves to %v, not the best vector kernel %v", r, ks[0])
	}
	t.Logf("this CPU: auto = %v (%s)", r, KernelAuto.Generator())
	// an ensemble refuses a kernel the CPU does not run, naming it
	e := &Ensemble{Potential: wells.Jun{Barrier: 5}, Schedule: ramp{1}, Trajectories: 1,
		Dynamics: Dynamics{Kind: Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}}
	for _, k := range []Kernel{KernelScalar, KernelAVX2, KernelAVX512, Kernel(7)} {
		e.Kernel = k
		err := e.Validate()
		if k.Supported() != (err == nil) {
			t.Errorf("kernel %v (supported %v): Validate gives %v", k, k.Supported(), err)
		}
		if err != nil && !strings.Contains(err.Error(), k.String()) {
			t.Errorf("kernel %v: error %q does not name it", k, err)
		}
	}
}
