package langevin

// Tests of the fused underdamped step of the jun potential
// (fused_under.go and the vector kernels): it must give the very numbers
// of the generic BAOAB path, with every kernel this CPU runs:
//
//	go test ./langevin/ -run FusedJunUnder

import (
	"context"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// underRun runs the ensemble and returns every trajectory's final X, V,
// Work, HeatIn, U1 and Shadow, in this order, followed by the coarse
// path's (zeros without one).
func underRun(t *testing.T, e *Ensemble) [12][]float64 {
	t.Helper()
	var r [12][]float64
	for k := range r {
		r[k] = make([]float64, e.Trajectories)
	}
	err := e.Run(context.Background(), nil, func(b *Block) error {
		for k, s := range [6][]float64{b.X, b.V, b.Work, b.HeatIn, b.U1, b.Shadow} {
			copy(r[k][b.First:], s)
		}
		if c := b.Coarse; c != nil {
			for k, s := range [6][]float64{c.X, c.V, c.Work, c.HeatIn, c.U1, c.Shadow} {
				copy(r[6+k][b.First:], s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFusedJunUnderBitIdentical is TestFusedJunBitIdentical for the
// underdamped step: the fused and the generic path (genericJun) must
// give the same float64 bits in every trajectory's final position,
// velocity, work, heat, energy and shadow work, for block sizes that leave
// every remainder kind of the 16-lane rounds, with every kernel this CPU
// runs and 1 and 2 workers. With GOAMD64 ≥ v3 (FMA contraction of
// the generic path's scalar arithmetic) the vector kernels need only agree in
// the mean work within 5 standard errors.
func TestFusedJunUnderBitIdentical(t *testing.T) {
	names := [12]string{"X", "V", "Work", "HeatIn", "U1", "Shadow", "coarse X", "coarse V", "coarse Work", "coarse HeatIn", "coarse U1", "coarse Shadow"}
	for _, kern := range testKernels() {
		vec := kern.vector()
		for _, coarse := range []bool{false, true} {
			name := kern.String() + map[bool]string{false: "", true: "/coarse"}[coarse]
			for _, c := range []struct{ n, bs, workers int }{
				{1000, 0, 2},  // default 512: a full block and one of 488 = 30·16 + 8
				{640, 64, 1},  // all rounds full
				{700, 77, 2},  // 4·16 + 13, last block 7
				{500, 100, 1}, // 6·16 + 4
				{9, 5, 2},     // shorter than one round
				{30, 30, 1},   // 16 + 14
			} {
				e := &Ensemble{
					Potential:    wells.Jun{Barrier: 5, Tilt: 0.7},
					Schedule:     ramp{0.5},
					Dynamics:     Dynamics{Kind: Underdamped, Dt: 1e-3, Friction: 1.3, Mass: 0.7, Temperature: 0.9},
					Trajectories: c.n,
					Seed:         42,
					Workers:      c.workers,
					BlockSize:    c.bs,
					Coarse:       coarse,
					Kernel:       kern,
				}
				fr := underRun(t, e)
				e.Potential = genericJun{e.Potential.(wells.Jun)}
				gr := underRun(t, e)
				bad, moved := 0, 0
				for i := range c.n {
					same := true
					for k := range fr {
						same = same && math.Float64bits(fr[k][i]) == math.Float64bits(gr[k][i])
					}
					if !same {
						if bad < 3 && !(vec && contracts()) {
							for k := range fr {
								if math.Float64bits(fr[k][i]) != math.Float64bits(gr[k][i]) {
									t.Errorf("%s n=%d bs=%d: trajectory %d: %s fused %v, generic %v",
										name, c.n, c.bs, i, names[k], fr[k][i], gr[k][i])
								}
							}
						}
						bad++
					}
					ok := true
					for k := range fr {
						ok = ok && !math.IsNaN(fr[k][i]) && !math.IsInf(fr[k][i], 0)
					}
					if ok && fr[2][i] != 0 && fr[3][i] != 0 && fr[5][i] != 0 && (!coarse || fr[8][i] != 0 && fr[9][i] != 0) {
						moved++
					}
				}
				if vec && contracts() {
					if bad > 0 {
						t.Logf("%s n=%d bs=%d: %d of %d trajectories differ in the last bits (GOAMD64 ≥ v3: FMA contraction of the generic path)", name, c.n, c.bs, bad, c.n)
					}
					mf, sf := meanSD(fr[2])
					if mg, sg := meanSD(gr[2]); math.Abs(mf-mg) > 5*math.Hypot(sf, sg)/math.Sqrt(float64(c.n)) {
						t.Errorf("%s n=%d bs=%d: mean work %v fused, %v generic: more than 5 SE apart", name, c.n, c.bs, mf, mg)
					}
					bad = 0
				}
				if bad > 0 {
					t.Errorf("%s n=%d bs=%d: %d of %d trajectories differ", name, c.n, c.bs, bad, c.n)
				}
				if moved != c.n {
					t.Errorf("%s n=%d bs=%d: only %d of %d trajectories have finite state and nonzero work, heat and shadow work", name, c.n, c.bs, moved, c.n)
				}
			}
		}
	}
}

// BenchmarkJunUnderStep is one underdamped BAOAB step of a 512-particle
// block on the jun potential, fused and generic, with every kernel this
// CPU runs:
//
//	go test ./langevin/ -run '^$' -bench JunUnderStep
func BenchmarkJunUnderStep(b *testing.B) {
	const n = DefaultBlockSize
	pot := wells.Jun{Barrier: 8, Tilt: 1}
	prev, next := wells.Control{0.5, 0.1}, wells.Control{0.5004, 0.1}
	dt, m := 1e-3, 1.0
	a := math.Exp(-dt / m)
	sv := math.Sqrt((1 - a*a) / m)
	h, kick := dt/2, dt/(2*m)
	for _, kern := range testKernels() {
		for _, fused := range []bool{true, false} {
			b.Run(kern.String()+"/"+map[bool]string{true: "fused", false: "generic"}[fused], func(b *testing.B) {
				g := normalGen{kern: kern}
				g.seed(1, 2)
				x, v, w, q := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
				f, u, noise := make([]float64, n), make([]float64, n), make([]float64, n)
				for i := range x {
					x[i] = float64(i%3) - 1
				}
				b.ReportAllocs()
				for b.Loop() {
					if fused {
						c := newJunUnder(pot, prev, next, kick, h, a, sv, m)
						g.stepJunUnder(&c, x, v, w, q, nil)
					} else {
						pot.Step(prev, next, x, w, f)
						g.fill(noise)
						for i := range x {
							vi := v[i] + kick*f[i]
							xi := x[i] + h*vi
							vo := a*vi + sv*noise[i]
							q[i] += 0.5 * m * (vo*vo - vi*vi)
							x[i] = xi + h*vo
							v[i] = vo
						}
						pot.Eval(next, x, u, f)
						for i := range x {
							v[i] += kick * f[i]
						}
					}
					prev, next = next, prev
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/particle-step")
			})
		}
	}
}
