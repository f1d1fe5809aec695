//go:build !(goexperiment.simd && amd64)

package langevin

// stepJunUnder makes one fused underdamped step of the jun potential (see
// fused_under.go) with g's normals.
// zs, if not nil, receives the normals.
func (g *normalGen) stepJunUnder(c *junUnder, x, v, w, q, zs []float64) {
	c.stream(g.src, x, v, w, q, zs)
}
