//go:build goexperiment.simd && amd64

package langevin

// The assembly kernels give the former GOEXPERIMENT=simd generator's bits
// (simdref_test.go): the default build's vector path makes the numbers
// the experiment build made.
//
//	GOEXPERIMENT=simd go test ./langevin/ -run SIMDReference

import (
	"testing"

	"simd/archsimd"
)

func TestSIMDReferenceMatchesKernels(t *testing.T) {
	if !archsimd.X86.AVX512() {
		t.Skip("no AVX-512 on this CPU: the simd reference cannot run")
	}
	eachVectorKernel(t, func(t *testing.T, k Kernel) {
		// normals of given draws, extreme ones and every quadrant included
		r1, r2 := boxMullerDraws(1 << 14)
		xa, xb := make([]float64, len(r1)), make([]float64, len(r1))
		vecBoxMuller(k, r1, r2, xa, xb)
		for i := 0; i < len(r1); i += 8 {
			va, vb := boxMullerVec(archsimd.LoadUint64x8((*[8]uint64)(r1[i:i+8])), archsimd.LoadUint64x8((*[8]uint64)(r2[i:i+8])))
			var wa, wb [8]float64
			va.Store(&wa)
			vb.Store(&wb)
			for j := range 8 {
				if !sameBits(xa[i+j], wa[j]) || !sameBits(xb[i+j], wb[j]) {
					t.Fatalf("draws %#x, %#x: kernel (%v, %v), simd (%v, %v)", r1[i+j], r2[i+j], xa[i+j], xb[i+j], wa[j], wb[j])
				}
			}
		}
		archsimd.ClearAVXUpperBits()
		// −2 ln x, sin and cos
		in := logArgs(1 << 16)
		got, want := make([]float64, len(in)), make([]float64, len(in))
		vecM2Log(k, in, got)
		simdM2Log(in, want)
		for i := range in {
			if !sameBits(got[i], want[i]) {
				t.Fatalf("−2 ln %v: kernel %v, simd %v", in[i], got[i], want[i])
			}
		}
		in = angleArgs(1 << 16)
		gs, gc, ws, wc := make([]float64, len(in)), make([]float64, len(in)), make([]float64, len(in)), make([]float64, len(in))
		vecSinCos(k, in, gs, gc)
		simdSinCos(in, ws, wc)
		for i := range in {
			if !sameBits(gs[i], ws[i]) || !sameBits(gc[i], wc[i]) {
				t.Fatalf("sin, cos %v: kernel %v, %v, simd %v, %v", in[i], gs[i], gc[i], ws[i], wc[i])
			}
		}
		// the lanes: the kernel's fill against the simd xoshiro and Box–Muller
		g := normalGen{kern: k}
		g.seed(5, 6)
		var st [4][8]uint64 = g.s
		s0, s1, s2, s3 := archsimd.LoadUint64x8(&st[0]), archsimd.LoadUint64x8(&st[1]), archsimd.LoadUint64x8(&st[2]), archsimd.LoadUint64x8(&st[3])
		buf := make([]float64, 4096)
		g.fill(buf)
		for i := 0; i < len(buf); i += vecRound {
			var a, b archsimd.Uint64x8
			a, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
			b, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
			va, vb := boxMullerVec(a, b)
			var wa, wb [8]float64
			va.Store(&wa)
			vb.Store(&wb)
			for j := range 8 {
				if !sameBits(buf[i+j], wa[j]) || !sameBits(buf[i+8+j], wb[j]) {
					t.Fatalf("round %d lane %d: kernel (%v, %v), simd (%v, %v)", i/vecRound, j, buf[i+j], buf[i+8+j], wa[j], wb[j])
				}
			}
		}
		archsimd.ClearAVXUpperBits()
	})
}
