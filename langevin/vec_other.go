//go:build !amd64

package langevin

// Outside amd64 there are no vector kernels: Kernel.Supported reports
// KernelAVX2 and KernelAVX512 unsupported, Ensemble.Validate refuses them
// and KernelAuto resolves to KernelScalar, so these are never called.

const noVector = "langevin: no vector kernel on this architecture"

func (g *normalGen) fillRounds(buf *float64, rounds int) { panic(noVector) }

func (g *normalGen) junRounds(c *[7]float64, x, w, zs *float64, zstride, rounds int) {
	panic(noVector)
}

func (g *normalGen) junHeunRounds(c *[8]float64, x, w, zs *float64, zstride, rounds int) {
	panic(noVector)
}

func (g *normalGen) junUnderRounds(c *[10]float64, x, v, w, q, zs *float64, zstride, rounds int) {
	panic(noVector)
}
