//go:build goexperiment.simd && amd64

package langevin

import "simd/archsimd"

// stepJun makes one fused overdamped step of the jun potential (see
// fused.go) with g's normals, made in registers by the vectorised
// generator; zs, if not nil, receives them.
func (g *normalGen) stepJun(c *junStep, x, w, zs []float64) {
	if !g.vec {
		c.stream(g.src, x, w, zs)
		return
	}
	g.stepJunVec(c, x, w, zs)
}

// junVec is a junStep's constants splat to 8 lanes (read as memory
// operands, as vc's).
type junVec struct {
	k, g, af, hdg, daf, mob, amp vec8
}

// junLanes is junStep.stream's arithmetic on 8 lanes: the same operations in the same
// order (no fused multiply-adds), so the same numbers.
func junLanes(xx, ww, xi archsimd.Float64x8, cv *junVec) (archsimd.Float64x8, archsimd.Float64x8) {
	ww = ww.Sub(ld(&cv.k).Mul(xx).Mul(ld(&cv.hdg).Mul(xx).Add(ld(&cv.daf))))
	f := ld(&cv.k).Mul(xx.Mul(ld(&cv.g).Sub(xx.Mul(xx))).Add(ld(&cv.af)))
	xx = xx.Add(ld(&cv.mob).Mul(f).Add(ld(&cv.amp).Mul(xi)))
	return xx, ww
}

// stepJunVec is stepJun with the vectorised generator: each round of the
// lanes (fillVec's, in the same order) makes the normals of 16 particles,
// the first normals of the 8 lanes going to particles i..i+7 and the
// second to i+8..i+15, as fillVec stores them; a last partial round uses
// its first len(x) mod 16 normals.
//
// zs, if not nil, receives the normals (as fillVec would store them).
func (g *normalGen) stepJunVec(c *junStep, x, w, zs []float64) {
	var cv junVec
	for j := range vecLanes {
		cv.k[j], cv.g[j], cv.af[j], cv.hdg[j], cv.daf[j], cv.mob[j], cv.amp[j] = c.k, c.g, c.af, c.hdg, c.daf, c.mob, c.amp
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
		xa, xb := quadrantVec(rho, sinVec(phi), cosVec(phi), r2)
		if zs != nil {
			zs = storeNormals(zs, xa, xb, len(x))
		}
		if len(x) >= vecRound && len(w) >= vecRound {
			px, pw := (*[8]float64)(x[0:8]), (*[8]float64)(w[0:8])
			xx, ww := junLanes(archsimd.LoadFloat64x8(px), archsimd.LoadFloat64x8(pw), xa, &cv)
			xx.Store(px)
			ww.Store(pw)
			px, pw = (*[8]float64)(x[8:16]), (*[8]float64)(w[8:16])
			xx, ww = junLanes(archsimd.LoadFloat64x8(px), archsimd.LoadFloat64x8(pw), xb, &cv)
			xx.Store(px)
			ww.Store(pw)
			x, w = x[vecRound:], w[vecRound:]
			continue
		}
		// a partial last round: masked loads and stores of its first len(x)
		xx, ww := junLanes(archsimd.LoadFloat64x8SlicePart(x), archsimd.LoadFloat64x8SlicePart(w), xa, &cv)
		xx.StoreSlicePart(x)
		ww.StoreSlicePart(w)
		if len(x) > 8 {
			x, w = x[8:], w[8:]
			xx, ww = junLanes(archsimd.LoadFloat64x8SlicePart(x), archsimd.LoadFloat64x8SlicePart(w), xb, &cv)
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

// storeNormals stores the round's normals za (particles 0..7) and zb
// (8..15) in zs, the first min(16, n) of them (masked at the end), and
// returns the rest of zs.
func storeNormals(zs []float64, za, zb archsimd.Float64x8, n int) []float64 {
	if n >= vecRound && len(zs) >= vecRound {
		za.Store((*[8]float64)(zs[0:8]))
		zb.Store((*[8]float64)(zs[8:16]))
		return zs[vecRound:]
	}
	za.StoreSlicePart(zs)
	if len(zs) > 8 {
		zb.StoreSlicePart(zs[8:])
	}
	return nil
}
