package langevin

// The underdamped BAOAB step fused for the jun potential (wells.Jun), as
// fused.go does for the overdamped step: one pass per particle makes the
// Sekimoto work increment and the force at λ_{n+1} (Jun.Step), the
// B A O A sub-steps with the heat of O, the force at the new position
// (Jun.Eval; its energy, which the generic path computes into a scratch
// buffer and never reads, is not computed) and the last B kick, instead of
// five passes over the block (Step, the noise fill, the B A O A loop, Eval,
// the B loop). With the vector kernels (normalgen.go, kernels_amd64.s)
// the normals are made in registers and never stored.
//
// The fused step gives bit-identical results to the generic one
// (TestFusedJunUnderBitIdentical): the same normals in the same order and
// the same floating-point operations in the same order, with no fused
// multiply-add (see fused.go for GOAMD64 ≥ v3).

import (
	"math/bits"

	"github.com/landauer-dev/landauer/wells"
)

// junUnder holds the constants of one BAOAB step λ_n → λ_{n+1} on the jun
// potential, computed as Jun.Step, Jun.Eval and stepper.underdamped
// compute them:
//
//	W  += −k x (hdg x + daf)              (hdg = Δg/2, daf = A Δf)
//	F   = k (x (g − x²) + af)             (k = 4 E_b, at λ_{n+1}, af = A f)
//	v  += kick F                          (B, kick = dt/2m)
//	x  += h v                             (A, h = dt/2)
//	v' = a v + sv ξ; Q += hm (v'² − v²)   (O, hm = m/2)
//	x  += h v'                            (A)
//	v' += kick F(x)                       (B)
type junUnder struct {
	k, g, af, hdg, daf, kick, h, a, sv, hm float64
}

func newJunUnder(p wells.Jun, prev, next wells.Control, kick, h, a, sv, m float64) junUnder {
	return junUnder{
		k:    4 * p.Barrier,
		g:    next[0],
		af:   p.Tilt * next[1],
		hdg:  0.5 * (next[0] - prev[0]),
		daf:  p.Tilt * (next[1] - prev[1]),
		kick: kick,
		h:    h,
		a:    a,
		sv:   sv,
		hm:   0.5 * m,
	}
}

// stream makes the step with the normals of s drawn inline, the numbers
// s.FillNormal would put in a len(x) buffer (as junStep.stream). The
// arithmetic is exactly the generic path's: Jun.Step's expressions, the
// B A O A loop of stepper.underdamped, Jun.Eval's force and the B kick.
//
// If zs is not nil (len(x) long) it receives the normals, for the coarse
// path of Ensemble.Coarse.
func (c *junUnder) stream(s *Stream, x, v, w, q, zs []float64) {
	k, g, af, hdg, daf := c.k, c.g, c.af, c.hdg, c.daf
	kick, h, a, sv, hm := c.kick, c.h, c.a, c.sv, c.hm
	v, w, q = v[:len(x)], w[:len(x)], q[:len(x)]
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
		vi := v[i] + kick*fi // B
		xa := xi + h*vi      // A
		vo := a*vi + sv*z
		q[i] += hm * (vo*vo - vi*vi) // O: heat
		xn := xa + h*vo              // A
		x[i] = xn
		fn := k * (xn*(g-xn*xn) + af)
		v[i] = vo + kick*fn // B
	}
	s.s0, s.s1, s.s2, s.s3 = s0, s1, s2, s3
}
