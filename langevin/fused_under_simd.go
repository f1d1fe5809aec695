//go:build goexperiment.simd && amd64

package langevin

import "simd/archsimd"

// stepJunUnder makes one fused underdamped step of the jun potential (see
// fused_under.go) with g's normals, made in registers by the vectorised
// generator.
// zs, if not nil, receives the normals.
func (g *normalGen) stepJunUnder(c *junUnder, x, v, w, q, zs []float64) {
	if !g.vec {
		c.stream(g.src, x, v, w, q, zs)
		return
	}
	g.stepJunUnderVec(c, x, v, w, q, zs)
}

// junUnderVec is a junUnder's constants splat to 8 lanes (read as memory
// operands, as vc's).
type junUnderVec struct {
	k, g, af, hdg, daf, kick, h, a, sv, hm vec8
}

// junUnderLanes is junUnder.stream's arithmetic on 8 lanes: the same
// operations in the same order (no fused multiply-adds), so the same
// numbers. It returns the new x, v, w and q.
func junUnderLanes(xx, vv, ww, qq, z archsimd.Float64x8, cv *junUnderVec) (archsimd.Float64x8, archsimd.Float64x8, archsimd.Float64x8, archsimd.Float64x8) {
	ww = ww.Sub(ld(&cv.k).Mul(xx).Mul(ld(&cv.hdg).Mul(xx).Add(ld(&cv.daf))))
	f := ld(&cv.k).Mul(xx.Mul(ld(&cv.g).Sub(xx.Mul(xx))).Add(ld(&cv.af)))
	vi := vv.Add(ld(&cv.kick).Mul(f))                       // B
	xa := xx.Add(ld(&cv.h).Mul(vi))                         // A
	vo := ld(&cv.a).Mul(vi).Add(ld(&cv.sv).Mul(z))          // O
	qq = qq.Add(ld(&cv.hm).Mul(vo.Mul(vo).Sub(vi.Mul(vi)))) // heat
	xx = xa.Add(ld(&cv.h).Mul(vo))                          // A
	f = ld(&cv.k).Mul(xx.Mul(ld(&cv.g).Sub(xx.Mul(xx))).Add(ld(&cv.af)))
	vv = vo.Add(ld(&cv.kick).Mul(f)) // B
	return xx, vv, ww, qq
}

// stepJunUnderVec is stepJunUnder with the vectorised generator: each
// round of the lanes (fillVec's, in the same order) makes the normals of
// 16 particles, the first normals of the 8 lanes going to particles
// i..i+7 and the second to i+8..i+15, as fillVec stores them; a last
// partial round uses its first len(x) mod 16 normals.
func (g *normalGen) stepJunUnderVec(c *junUnder, x, v, w, q, zs []float64) {
	var cv junUnderVec
	for j := range vecLanes {
		cv.k[j], cv.g[j], cv.af[j], cv.hdg[j], cv.daf[j] = c.k, c.g, c.af, c.hdg, c.daf
		cv.kick[j], cv.h[j], cv.a[j], cv.sv[j], cv.hm[j] = c.kick, c.h, c.a, c.sv, c.hm
	}
	v, w, q = v[:len(x)], w[:len(x)], q[:len(x)]
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
		if len(x) >= vecRound && len(v) >= vecRound && len(w) >= vecRound && len(q) >= vecRound {
			px, pv := (*[16]float64)(x[:vecRound]), (*[16]float64)(v[:vecRound])
			pw, pq := (*[16]float64)(w[:vecRound]), (*[16]float64)(q[:vecRound])
			xx, vv, ww, qq := junUnderLanes(archsimd.LoadFloat64x8((*[8]float64)(px[0:8])), archsimd.LoadFloat64x8((*[8]float64)(pv[0:8])),
				archsimd.LoadFloat64x8((*[8]float64)(pw[0:8])), archsimd.LoadFloat64x8((*[8]float64)(pq[0:8])), za, &cv)
			xx.Store((*[8]float64)(px[0:8]))
			vv.Store((*[8]float64)(pv[0:8]))
			ww.Store((*[8]float64)(pw[0:8]))
			qq.Store((*[8]float64)(pq[0:8]))
			xx, vv, ww, qq = junUnderLanes(archsimd.LoadFloat64x8((*[8]float64)(px[8:16])), archsimd.LoadFloat64x8((*[8]float64)(pv[8:16])),
				archsimd.LoadFloat64x8((*[8]float64)(pw[8:16])), archsimd.LoadFloat64x8((*[8]float64)(pq[8:16])), zb, &cv)
			xx.Store((*[8]float64)(px[8:16]))
			vv.Store((*[8]float64)(pv[8:16]))
			ww.Store((*[8]float64)(pw[8:16]))
			qq.Store((*[8]float64)(pq[8:16]))
			x, v, w, q = x[vecRound:], v[vecRound:], w[vecRound:], q[vecRound:]
			continue
		}
		// a partial last round: masked loads and stores of its first len(x)
		junUnderPart(x, v, w, q, za, &cv)
		if len(x) > 8 {
			junUnderPart(x[8:], v[8:], w[8:], q[8:], zb, &cv)
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

// junUnderPart is junUnderLanes on the first min(8, len(x)) particles
// (masked loads and stores; v, w and q at least as long as x).
func junUnderPart(x, v, w, q []float64, z archsimd.Float64x8, cv *junUnderVec) {
	xx, vv, ww, qq := junUnderLanes(archsimd.LoadFloat64x8SlicePart(x), archsimd.LoadFloat64x8SlicePart(v),
		archsimd.LoadFloat64x8SlicePart(w), archsimd.LoadFloat64x8SlicePart(q), z, cv)
	xx.StoreSlicePart(x)
	vv.StoreSlicePart(v)
	ww.StoreSlicePart(w)
	qq.StoreSlicePart(q)
}
