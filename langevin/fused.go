package langevin

// The overdamped step fused for the jun potential (wells.Jun), the
// potential of the erasure protocols and of the speed benchmark: one pass
// per particle computes the Sekimoto work increment, the force at λ_{n+1}
// and the Euler–Maruyama update, instead of Jun.Step (work, force into f),
// a fill of the noise buffer and the update loop, three passes over the
// block. With the vector kernels (normalgen.go, kernels_amd64.s) the
// normals are made in registers, 16 at a time, and never stored.
//
// The fused step gives bit-identical results to the generic one
// (TestFusedJunBitIdentical): the same normals in the same order, and the
// same floating-point operations in the same order, with no fused
// multiply-add. On amd64 the Go compiler contracts scalar x*y + z only for
// GOAMD64 ≥ v3; the vector kernels use separate multiplies, adds and
// subtracts, so with GOAMD64 ≥ v3 and a vector kernel the fused and generic
// paths differ in the last bits (the scalar fused loop, written as the
// generic expressions, is contracted alike and still matches).

import (
	"math/bits"

	"github.com/landauer-dev/landauer/wells"
)

// junPotential returns the jun potential behind p, if that is what p is
// (a wells.Jun or a non-nil *wells.Jun; the tests run the generic path with
// a type that embeds wells.Jun).
func junPotential(p wells.Potential) (wells.Jun, bool) {
	switch q := p.(type) {
	case wells.Jun:
		return q, true
	case *wells.Jun:
		if q != nil {
			return *q, true
		}
	}
	return wells.Jun{}, false
}

// junStep holds the constants of one overdamped step λ_n → λ_{n+1} on the
// jun potential, computed as Jun.Step computes them:
//
//	W += −k x (hdg x + daf)             (hdg = Δg/2, daf = A Δf)
//	F  = k (x (g − x²) + af)            (k = 4 E_b, at λ_{n+1}, af = A f)
//	x += mob F + amp ξ
type junStep struct {
	k, g, af, hdg, daf, mob, amp float64
}

func newJunStep(p wells.Jun, prev, next wells.Control, mob, amp float64) junStep {
	return junStep{
		k:   4 * p.Barrier,
		g:   next[0],
		af:  p.Tilt * next[1],
		hdg: 0.5 * (next[0] - prev[0]),
		daf: p.Tilt * (next[1] - prev[1]),
		mob: mob,
		amp: amp,
	}
}

// stream makes the step with the normals of s (the scalar generator)
// drawn inline, the numbers s.FillNormal would put in a len(x) buffer
// (fillFast's fast path with the state in registers, Normal where an
// attempt misses it), so that the integer work of the ziggurat and the
// floating-point work of the step overlap in one loop. The arithmetic is
// exactly Jun.Step's expressions followed by the generic update. If zs is
// not nil (len(x) long) it receives the normals, for the coarse path of
// Ensemble.Coarse.
func (c *junStep) stream(s *Stream, x, w, zs []float64) {
	k, g, af, hdg, daf, mob, amp := c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.amp
	w = w[:len(x)]
	save := zs != nil
	if save {
		zs = zs[:len(x)]
	}
	s0, s1, s2, s3 := s.s0, s.s1, s.s2, s.s3
	tab := &zig.layers
	for i, xi := range x {
		var z float64
		u := s0 + s3                   // xoshiro256+ output, as fillFast
		l := tab[(u>>3)%(2*zigLayers)] // bits 3..10: the piece; bit 11: the sign
		if m := u>>11 | 1; m < l.k {
			z = float64(int64(m)) * l.w
			t := s1 << 17
			s2 ^= s0
			s3 ^= s1
			s1 ^= s2
			s0 ^= s3
			s2 ^= t
			s3 = bits.RotateLeft64(s3, 45)
		} else {
			s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
			z = s.Normal()
			s0, s1, s2, s3 = s.s0, s.s1, s.s2, s.s3
		}
		if save {
			zs[i] = z
		}
		w[i] -= k * xi * (hdg*xi + daf)
		fi := k * (xi*(g-xi*xi) + af)
		x[i] = xi + (mob*fi + amp*z)
	}
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
}
