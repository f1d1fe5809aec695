package langevin

// cpu is what this CPU runs, found once at initialisation by detectCPU and
// never written afterwards (read-only, like the ziggurat tables).
var cpu = detectCPU()

// cpuFeatures says which assembly kernels this CPU runs.
type cpuFeatures struct {
	avx2   bool // AVX2 and FMA, with the YMM state enabled by the OS
	avx512 bool // AVX-512 F besides, with the opmask and ZMM state enabled
}

// detectCPU reads CPUID and XCR0 (Intel SDM vol. 1 §13.3, §15.2): the
// instruction sets must be reported by CPUID and their register state
// enabled by the operating system in XCR0.
func detectCPU() cpuFeatures {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return cpuFeatures{}
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const (
		fma     = 1 << 12
		osxsave = 1 << 27
		avx     = 1 << 28
	)
	if ecx1&(fma|osxsave|avx) != fma|osxsave|avx {
		return cpuFeatures{}
	}
	xcr0, _ := xgetbv()
	const (
		xmmYmm   = 1<<1 | 1<<2        // SSE and AVX state
		zmmState = 1<<5 | 1<<6 | 1<<7 // opmask, ZMM0–15 upper halves, ZMM16–31
		avx2Bit  = 1 << 5             // CPUID.7.0:EBX
		avx512F  = 1 << 16            // CPUID.7.0:EBX
	)
	_, ebx7, _, _ := cpuid(7, 0)
	var f cpuFeatures
	f.avx2 = xcr0&xmmYmm == xmmYmm && ebx7&avx2Bit != 0
	f.avx512 = f.avx2 && xcr0&zmmState == zmmState && ebx7&avx512F != 0
	return f
}
