package langevin

// The coarse (2dt) steps of the time-step bias estimate (Ensemble.Coarse)
// fused for the jun potential: one pass per particle over the saved
// normals za, zb of the two fine steps, instead of the generic path's
// Jun.Step, update loop(s) and Jun.Eval. The arithmetic is exactly the
// generic coarse steps' (coarseEM, coarseHeun, coarseBAOAB in ensemble.go
// with Jun.Step's and Jun.Eval's expressions), in the same order, so the
// results are bit-identical (TestFusedJunBitIdentical and
// TestFusedJunUnderBitIdentical compare the coarse paths too).

// coarseEM is stepper.coarseEM on the jun potential: c's constants are
// those of the coarse step (prev → next, mob = 2dt/γ, amp = √(2kT dt/γ)).
func (c *junStep) coarse(x, w, za, zb []float64) {
	k, g, af, hdg, daf, mob, amp := c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.amp
	w, za, zb = w[:len(x)], za[:len(x)], zb[:len(x)]
	for i, xi := range x {
		w[i] -= k * xi * (hdg*xi + daf)
		fi := k * (xi*(g-xi*xi) + af)
		x[i] = xi + (mob*fi + amp*(za[i]+zb[i]))
	}
}

// coarse is stepper.coarseHeun on the jun potential: c's constants are
// those of the coarse step (prev → mid, mob = 2dt/γ, hmob = dt/γ,
// amp = √(2kT dt/γ)).
func (c *junHeun) coarse(x, w, za, zb []float64) {
	k, g, af, hdg, daf, mob, hmob, amp := c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.hmob, c.amp
	w, za, zb = w[:len(x)], za[:len(x)], zb[:len(x)]
	for i, xi := range x {
		w[i] -= k * xi * (hdg*xi + daf)
		f1 := k * (xi*(g-xi*xi) + af)
		xp := xi + (mob*f1 + amp*(za[i]+zb[i]))
		f2 := k * (xp*(g-xp*xp) + af)
		x[i] = xi + (hmob*(f1+f2) + amp*(za[i]+zb[i]))
	}
}

// coarse is stepper.coarseBAOAB on the jun potential: c's constants are
// those of the coarse step (prev → mid, kick = 2dt/2m, h = dt, a = the
// fine a, sv = the fine sv), with a² = e^{−2γdt/m} for the O sub-step.
func (c *junUnder) coarse(x, v, w, q, za, zb []float64) {
	k, g, af, hdg, daf := c.k, c.g, c.af, c.hdg, c.daf
	kick, h, a, sv, hm := c.kick, c.h, c.a, c.sv, c.hm
	a2 := a * a
	v, w, q, za, zb = v[:len(x)], w[:len(x)], q[:len(x)], za[:len(x)], zb[:len(x)]
	for i, xi := range x {
		w[i] -= k * xi * (hdg*xi + daf)
		fi := k * (xi*(g-xi*xi) + af)
		vi := v[i] + kick*fi
		xa := xi + h*vi
		vo := a2*vi + sv*(a*za[i]+zb[i])
		q[i] += hm * (vo*vo - vi*vi)
		xn := xa + h*vo
		x[i] = xn
		fn := k * (xn*(g-xn*xn) + af)
		v[i] = vo + kick*fn
	}
}
