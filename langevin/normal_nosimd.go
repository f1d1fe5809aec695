//go:build !(goexperiment.simd && amd64)

package langevin

// The integrators' per-block normal generator without the simd experiment
// (see normal_simd.go for the vectorised one): exactly the block's Stream
// and its ziggurat, FillNormal for FillNormal.

// simdNormals says whether new blocks use the vectorised generator. Without
// GOEXPERIMENT=simd on amd64 there is none; the variable exists in both
// builds so that tests can set it.
var simdNormals = false

// normalGen is the standard normal generator of one block's integration.
// The zero value is ready for start or seed; it does not allocate.
type normalGen struct {
	src *Stream // the stream the normals come from
	own Stream  // the stream seed keys
}

// start makes g continue src, the block's stream (after the initial
// state's draws), as the integrators always have: the normals are those of
// src.FillNormal.
func (g *normalGen) start(src *Stream) { g.src = src }

// seed makes g the generator keyed by (a, b) alone: NewStream(a, b)'s
// normals.
func (g *normalGen) seed(a, b uint64) {
	g.own.Seed(a, b)
	g.src = &g.own
}

// fill fills buf with independent standard normal variates.
func (g *normalGen) fill(buf []float64) { g.src.FillNormal(buf) }

// vectorised reports whether g uses the SIMD generator.
func (g *normalGen) vectorised() bool { return false }
