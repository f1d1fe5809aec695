package langevin

// The test-only assembly kernels, by Kernel (KernelAVX512 or KernelAVX2).

// vecM2Log sets out[i] = −2 ln in[i] with the kernel's m2log (len(in) a
// multiple of 8, out as long).
func vecM2Log(k Kernel, in, out []float64) {
	n := len(in) / 8
	if k == KernelAVX512 {
		m2logAVX512(&in[0], &out[0], n)
	} else {
		m2logAVX2(&in[0], &out[0], n)
	}
}

// vecSinCos sets sin[i], cos[i] for |in[i]| ≤ π/4 with the kernel's
// sincos (len(in) a multiple of 8).
func vecSinCos(k Kernel, in, sin, cos []float64) {
	n := len(in) / 8
	if k == KernelAVX512 {
		sincosAVX512(&in[0], &sin[0], &cos[0], n)
	} else {
		sincosAVX2(&in[0], &sin[0], &cos[0], n)
	}
}

// vecBoxMuller sets xa[i], xb[i] to the kernel's normals of the draws
// r1[i], r2[i] (len(r1) a multiple of 8).
func vecBoxMuller(k Kernel, r1, r2 []uint64, xa, xb []float64) {
	n := len(r1) / 8
	if k == KernelAVX512 {
		boxMullerAVX512(&r1[0], &r2[0], &xa[0], &xb[0], n)
	} else {
		boxMullerAVX2(&r1[0], &r2[0], &xa[0], &xb[0], n)
	}
}
