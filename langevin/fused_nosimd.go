//go:build !(goexperiment.simd && amd64)

package langevin

// stepJun makes one fused overdamped step of the jun potential (see
// fused.go) with g's normals.
// zs, if not nil, receives the normals.
func (g *normalGen) stepJun(c *junStep, x, w, zs []float64) { c.stream(g.src, x, w, zs) }

// stepJunHeun makes one fused overdamped Heun step of the jun potential
// (see fused_heun.go) with g's normals; zs, if not nil, receives them.
func (g *normalGen) stepJunHeun(c *junHeun, x, w, zs []float64) { c.stream(g.src, x, w, zs) }
