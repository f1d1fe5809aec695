//go:build goexperiment.simd && amd64

package langevin

import "simd/archsimd"

// stepJunHeun makes one fused overdamped Heun step of the jun potential
// (see fused_heun.go) with g's normals, made in registers by the
// vectorised generator; zs, if not nil, receives them.
func (g *normalGen) stepJunHeun(c *junHeun, x, w, zs []float64) {
	if !g.vec {
		c.stream(g.src, x, w, zs)
		return
	}
	g.stepJunHeunVec(c, x, w, zs)
}

// junHeunVec is a junHeun's constants splat to 8 lanes.
type junHeunVec struct {
	k, g, af, hdg, daf, mob, hmob, amp vec8
}

// junHeunLanes is junHeun.stream's arithmetic on 8 lanes: the same
// operations in the same order (no fused multiply-adds), so the same
// numbers.
func junHeunLanes(xx, ww, z archsimd.Float64x8, cv *junHeunVec) (archsimd.Float64x8, archsimd.Float64x8) {
	ww = ww.Sub(ld(&cv.k).Mul(xx).Mul(ld(&cv.hdg).Mul(xx).Add(ld(&cv.daf))))
	f1 := ld(&cv.k).Mul(xx.Mul(ld(&cv.g).Sub(xx.Mul(xx))).Add(ld(&cv.af)))
	d := ld(&cv.amp).Mul(z)
	xp := xx.Add(ld(&cv.mob).Mul(f1).Add(d))
	f2 := ld(&cv.k).Mul(xp.Mul(ld(&cv.g).Sub(xp.Mul(xp))).Add(ld(&cv.af)))
	xx = xx.Add(ld(&cv.hmob).Mul(f1.Add(f2)).Add(d))
	return xx, ww
}

// stepJunHeunVec is stepJunHeun with the vectorised generator, the
// normals of each round assigned to particles as stepJunVec assigns them.
func (g *normalGen) stepJunHeunVec(c *junHeun, x, w, zs []float64) {
	var cv junHeunVec
	for j := range vecLanes {
		cv.k[j], cv.g[j], cv.af[j], cv.hdg[j], cv.daf[j] = c.k, c.g, c.af, c.hdg, c.daf
		cv.mob[j], cv.hmob[j], cv.amp[j] = c.mob, c.hmob, c.amp
	}
	w = w[:len(x)]
	s0 := archsimd.LoadUint64x8(&g.s[0])
	s1 := archsimd.LoadUint64x8(&g.s[1])
	s2 := archsimd.LoadUint64x8(&g.s[2])
	s3 := archsimd.LoadUint64x8(&g.s[3])
	for len(x) > 0 {
		var r1, r2 archsimd.Uint64x8
		r1, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
		r2, s0, s1, s2, s3 = xoshiroVec(s0, s1, s2, s3)
		// boxMullerVec(r1, r2), written out so that it is inlined
		rho := m2LogPoly(logReduceVec(uniformVec(r1))).Sqrt()
		phi := angleVec(r2)
		za, zb := quadrantVec(rho, sinVec(phi), cosVec(phi), r2)
		if zs != nil {
			zs = storeNormals(zs, za, zb, len(x))
		}
		if len(x) >= vecRound && len(w) >= vecRound {
			px, pw := (*[8]float64)(x[0:8]), (*[8]float64)(w[0:8])
			xx, ww := junHeunLanes(archsimd.LoadFloat64x8(px), archsimd.LoadFloat64x8(pw), za, &cv)
			xx.Store(px)
			ww.Store(pw)
			px, pw = (*[8]float64)(x[8:16]), (*[8]float64)(w[8:16])
			xx, ww = junHeunLanes(archsimd.LoadFloat64x8(px), archsimd.LoadFloat64x8(pw), zb, &cv)
			xx.Store(px)
			ww.Store(pw)
			x, w = x[vecRound:], w[vecRound:]
			continue
		}
		// a partial last round: masked loads and stores of its first len(x)
		xx, ww := junHeunLanes(archsimd.LoadFloat64x8SlicePart(x), archsimd.LoadFloat64x8SlicePart(w), za, &cv)
		xx.StoreSlicePart(x)
		ww.StoreSlicePart(w)
		if len(x) > 8 {
			x, w = x[8:], w[8:]
			xx, ww = junHeunLanes(archsimd.LoadFloat64x8SlicePart(x), archsimd.LoadFloat64x8SlicePart(w), zb, &cv)
			xx.StoreSlicePart(x)
			ww.StoreSlicePart(w)
		}
		break
	}
	s0.Store(&g.s[0])
	s1.Store(&g.s[1])
	s2.Store(&g.s[2])
	s3.Store(&g.s[3])
	// as in fillVec: the scalar code that follows is SSE
	archsimd.ClearAVXUpperBits()
}
