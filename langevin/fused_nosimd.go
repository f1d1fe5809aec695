//go:build !(goexperiment.simd && amd64)

package langevin

// stepJun makes one fused overdamped step of the jun potential (see
// fused.go) with g's normals.
func (g *normalGen) stepJun(c *junStep, x, w []float64) { c.stream(g.src, x, w) }
