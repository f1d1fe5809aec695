package langevin_test

import (
	"fmt"

	"github.com/landauer-dev/landauer/langevin"
)

// An ensemble's kernel picks the instruction set of the hot loops and with
// it the normal generator, whose name a result should record: the scalar
// kernel runs everywhere and draws ziggurat normals; the AVX2 and AVX-512
// kernels (KernelAuto's choice on CPUs that have them) draw the 8-lane
// Box–Muller normals, the same bits with either.
func ExampleKernel() {
	k, err := langevin.ParseKernel("scalar")
	if err != nil {
		fmt.Println(err)
		return
	}
	e := &langevin.Ensemble{Kernel: k}
	fmt.Println(e.Kernel, e.Generator())
	for _, v := range []langevin.Kernel{langevin.KernelAVX2, langevin.KernelAVX512} {
		if v.Supported() && v.Generator() != langevin.GeneratorBoxMuller {
			fmt.Println(v, "has the wrong generator")
		}
	}
	_, err = langevin.ParseKernel("sse4")
	fmt.Println(err)
	// Output:
	// scalar xoshiro256+-ziggurat-v1
	// langevin: unknown kernel "sse4" (auto, scalar, avx2 or avx512)
}
