package langevin

// The overdamped stochastic Heun step fused for the jun potential
// (wells.Jun), as fused.go does for Euler–Maruyama: one pass per particle
// makes the Sekimoto work increment and the force at the midpoint control
// λ_{n+½} (Jun.Step's expressions), the predictor, the force at the
// predictor (Jun.Eval's force expression; its energy, which the generic
// path computes into a scratch buffer and never reads, is not computed)
// and the corrector, instead of four passes over the block (Step, the
// noise fill, the predictor loop, Eval, the corrector loop). With the
// vector kernels (normalgen.go, kernels_amd64.s) the normals are made in
// registers, 16 at a time.
//
// The arithmetic, per particle, in this order, with no fused multiply-add
// (the contract an assembly version must keep to stay bit-identical):
//
//	W  = W − k·x·(hdg·x + daf)           (hdg = (g_{n+½} − g_{n−½})/2, daf = A (f_{n+½} − f_{n−½}))
//	F1 = k·(x·(g − x·x) + af)            (k = 4 E_b, g = g_{n+½}, af = A f_{n+½})
//	d  = amp·ξ                           (amp = √(2 kT dt/γ))
//	xp = x + (mob·F1 + d)                (predictor; mob = dt/γ)
//	F2 = k·(xp·(g − xp·xp) + af)
//	x  = x + (hmob·(F1 + F2) + d)        (corrector; hmob = 0.5·mob)
//
// The fused step gives bit-identical results to the generic one
// (TestFusedJunHeunBitIdentical), with the GOAMD64 ≥ v3 caveat of
// fused.go.

import (
	"math/bits"

	"github.com/landauer-dev/landauer/wells"
)

// junHeun holds the constants of one Heun step λ_{n−½} → λ_{n+½} on the
// jun potential (see the file comment).
type junHeun struct {
	k, g, af, hdg, daf, mob, hmob, amp float64
}

func newJunHeun(p wells.Jun, prev, mid wells.Control, mob, amp float64) junHeun {
	return junHeun{
		k:    4 * p.Barrier,
		g:    mid[0],
		af:   p.Tilt * mid[1],
		hdg:  0.5 * (mid[0] - prev[0]),
		daf:  p.Tilt * (mid[1] - prev[1]),
		mob:  mob,
		hmob: 0.5 * mob,
		amp:  amp,
	}
}

// stream makes the step with the normals of s drawn inline, the numbers
// s.FillNormal would put in a len(x) buffer (as junStep.stream). If zs is
// not nil (len(x) long) it receives the normals, for the coarse path of
// Ensemble.Coarse.
func (c *junHeun) stream(s *Stream, x, w, zs []float64) {
	k, g, af, hdg, daf, mob, hmob, amp := c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.hmob, c.amp
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
		f1 := k * (xi*(g-xi*xi) + af)
		d := amp * z
		xp := xi + (mob*f1 + d)
		f2 := k * (xp*(g-xp*xp) + af)
		x[i] = xi + (hmob*(f1+f2) + d)
	}
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
}
