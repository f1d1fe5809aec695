package langevin

//go:generate go run ./internal/asmgen -out kernels_amd64.s -stubs kernels_amd64.go -pkg langevin

import "fmt"

// Kernel selects the instruction set of the integrators' hot loops, and
// with it the normal generator (see Generator). The zero value, KernelAuto,
// is the fastest kernel this CPU runs.
//
// Within one kernel the numbers are the same for any worker count, and
// KernelAVX512 and KernelAVX2 give the same numbers as each other (the same
// generator and the same floating-point operations in the same order). The
// scalar kernel uses another generator, so its numbers differ from theirs
// (statistically the same; tested). Results record the generator's name
// (Ensemble.Generator) so that runs of different generators are never
// mixed.
type Kernel int

const (
	// KernelAuto is KernelAVX512 where the CPU has AVX-512, else
	// KernelAVX2 where it has AVX2 and FMA, else KernelScalar.
	KernelAuto Kernel = iota
	// KernelScalar is portable Go: the ziggurat over one xoshiro256+
	// stream per block (Stream.FillNormal), the reference of the fused
	// steps.
	KernelScalar
	// KernelAVX2 is the amd64 assembly for AVX2 with FMA: the 8-lane
	// Box–Muller generator run as two halves of 4 lanes.
	KernelAVX2
	// KernelAVX512 is the amd64 assembly for AVX-512 (F): the 8-lane
	// Box–Muller generator in 512-bit registers.
	KernelAVX512
)

// The generators' names, with a version that changes whenever a
// generator's numbers do.
const (
	// GeneratorZiggurat is the scalar kernel's generator: Stream and its
	// ziggurat (normal.go).
	GeneratorZiggurat = "xoshiro256+-ziggurat-v1"
	// GeneratorBoxMuller is the vector kernels' generator: 8 lanes of
	// xoshiro256+ and Box–Muller with fdlibm's log, sin and cos
	// (normalgen.go).
	GeneratorBoxMuller = "xoshiro256+x8-boxmuller-v1"
)

func (k Kernel) String() string {
	switch k {
	case KernelAuto:
		return "auto"
	case KernelScalar:
		return "scalar"
	case KernelAVX2:
		return "avx2"
	case KernelAVX512:
		return "avx512"
	}
	return fmt.Sprintf("Kernel(%d)", int(k))
}

// ParseKernel returns the kernel named s (as String writes it).
func ParseKernel(s string) (Kernel, error) {
	for k := KernelAuto; k <= KernelAVX512; k++ {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("langevin: unknown kernel %q (auto, scalar, avx2 or avx512)", s)
}

// Supported reports whether this CPU (and this build's architecture) runs
// k. KernelAuto and KernelScalar run everywhere.
func (k Kernel) Supported() bool {
	switch k {
	case KernelAuto, KernelScalar:
		return true
	case KernelAVX2:
		return cpu.avx2
	case KernelAVX512:
		return cpu.avx512
	}
	return false
}

// Resolve returns the kernel that k stands for on this CPU: KernelAuto's
// choice, or k itself.
func (k Kernel) Resolve() Kernel {
	if k != KernelAuto {
		return k
	}
	switch {
	case cpu.avx512:
		return KernelAVX512
	case cpu.avx2:
		return KernelAVX2
	}
	return KernelScalar
}

// Generator is the name of the normal generator k uses on this CPU
// (GeneratorZiggurat or GeneratorBoxMuller).
func (k Kernel) Generator() string {
	if k.Resolve() == KernelScalar {
		return GeneratorZiggurat
	}
	return GeneratorBoxMuller
}

// vector reports whether the resolved kernel k runs the Box–Muller lanes.
func (k Kernel) vector() bool { return k == KernelAVX2 || k == KernelAVX512 }

// Generator is the name of the normal generator the ensemble's runs use on
// this CPU: results that record it can be checked before they are merged
// or resumed.
func (e *Ensemble) Generator() string { return e.Kernel.Generator() }
