package langevin

// Tests of the fused overdamped steps of the jun potential (fused.go,
// fused_heun.go and the vector kernels): they must give the very numbers
// of the generic path, with every kernel this CPU runs:
//
//	go test ./langevin/ -run Fused

import (
	"context"
	"math"
	"runtime/debug"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// ramp moves both controls of the jun potential at once, g 1 → 0.2 and
// f 0 → 0.9 (nonlinearly), so that both terms of the work increment and
// of the force change every step.
type ramp struct{ tau float64 }

func (r ramp) Duration() float64 { return r.tau }
func (r ramp) At(t float64) wells.Control {
	s := t / r.tau
	return wells.Control{1 - 0.8*s, 0.9 * s * s}
}

// fusedRun runs the ensemble and returns every block's final X, Work,
// HeatIn and U1, trajectory by trajectory; with a coarse path, its X and
// Work are appended to x and w.
func fusedRun(t *testing.T, e *Ensemble) (x, w, q, u []float64) {
	t.Helper()
	n := e.Trajectories
	x, w, q, u = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	if e.Coarse {
		x, w = make([]float64, 2*n), make([]float64, 2*n)
	}
	err := e.Run(context.Background(), nil, func(b *Block) error {
		copy(x[b.First:], b.X)
		copy(w[b.First:], b.Work)
		copy(q[b.First:], b.HeatIn)
		copy(u[b.First:], b.U1)
		if b.Coarse != nil {
			copy(x[n+b.First:], b.Coarse.X)
			copy(w[n+b.First:], b.Coarse.Work)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return x, w, q, u
}

// genericJun is a jun potential that the fused steps do not recognise,
// so that an ensemble with it runs the generic path (Jun.Step, the normal
// fill, the update loop) on the same numbers.
type genericJun struct{ wells.Jun }

// testKernels returns the kernels this CPU runs: the scalar one and the
// vector ones.
func testKernels() []Kernel { return append([]Kernel{KernelScalar}, vectorKernels()...) }

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(sd / float64(len(xs)-1))
}

func TestFusedJunDetected(t *testing.T) {
	j := wells.Jun{Barrier: 3, Tilt: 0.5}
	for _, p := range []wells.Potential{j, &j} {
		if q, ok := junPotential(p); !ok || q != j {
			t.Errorf("junPotential(%T) = %v, %v; want %v, true", p, q, ok, j)
		}
	}
	var nilJun *wells.Jun
	for _, p := range []wells.Potential{wells.Quartic{Barrier: 3}, nilJun} {
		if _, ok := junPotential(p); ok {
			t.Errorf("junPotential(%T) = true; want false", p)
		}
	}
}

// contracts reports whether the compiler may contract scalar x*y + z into
// fused multiply-adds in this test binary: on amd64 only for GOAMD64 ≥ v3.
func contracts() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return true
	}
	for _, s := range bi.Settings {
		if s.Key == "GOAMD64" {
			return s.Value >= "v3"
		}
	}
	return false // not amd64: no vector kernel
}

// TestFusedJunBitIdentical runs the same ensembles through the fused step
// and through the generic one (genericJun) and requires the same
// float64 bits in every trajectory's final position, work, heat and
// energy, for block sizes that leave every remainder kind of the 16-lane
// rounds (0, < 8, 8, > 8), with every kernel this CPU runs and 1 and 2
// workers,
// for Euler–Maruyama and Heun, with and without the coarse path (whose
// final positions and work must match too).
//
// With GOAMD64 ≥ v3 the compiler contracts the generic path's scalar
// arithmetic (wells.Jun.Step, the update) into fused multiply-adds, which
// the vector kernels do not reproduce; there the vector kernels are only
// required to agree in the mean work within 5 standard errors.
func TestFusedJunBitIdentical(t *testing.T) {
	for _, kern := range testKernels() {
		vec := kern.vector()
		for _, scheme := range []Integrator{EulerMaruyama, Heun} {
			for _, coarse := range []bool{false, true} {
				name := kern.String() + "/" + scheme.String() + map[bool]string{false: "", true: "/coarse"}[coarse]
				for _, c := range []struct{ n, bs, workers int }{
					{1000, 0, 2},  // default 512: a full block and one of 488 = 30·16 + 8
					{640, 64, 1},  // all rounds full
					{700, 77, 2},  // 4·16 + 13, last block 7
					{500, 100, 1}, // 6·16 + 4
					{9, 5, 2},     // shorter than one round
				} {
					e := &Ensemble{
						Potential:    wells.Jun{Barrier: 5, Tilt: 0.7},
						Schedule:     ramp{0.5},
						Dynamics:     Dynamics{Kind: Overdamped, Dt: 1e-3, Friction: 1.3, Temperature: 0.9, Integrator: scheme},
						Trajectories: c.n,
						Seed:         42,
						Workers:      c.workers,
						BlockSize:    c.bs,
						Coarse:       coarse,
						Kernel:       kern,
					}
					fx, fw, fq, fu := fusedRun(t, e)
					e.Potential = genericJun{e.Potential.(wells.Jun)}
					gx, gw, gq, gu := fusedRun(t, e)
					bad, moved := 0, 0
					for i := range fx {
						j := i % c.n // q and u: the fine path's
						if math.Float64bits(fx[i]) != math.Float64bits(gx[i]) ||
							math.Float64bits(fw[i]) != math.Float64bits(gw[i]) ||
							math.Float64bits(fq[j]) != math.Float64bits(gq[j]) ||
							math.Float64bits(fu[j]) != math.Float64bits(gu[j]) {
							if bad < 3 && !(vec && contracts()) {
								t.Errorf("%s n=%d bs=%d: trajectory %d: fused x=%v W=%v Q=%v U=%v, generic x=%v W=%v Q=%v U=%v",
									name, c.n, c.bs, i, fx[i], fw[i], fq[j], fu[j], gx[i], gw[i], gq[j], gu[j])
							}
							bad++
						}
						if fw[i] != 0 && !math.IsNaN(fx[i]) {
							moved++
						}
					}
					if vec && contracts() {
						if bad > 0 {
							t.Logf("%s n=%d bs=%d: %d of %d trajectories differ in the last bits (GOAMD64 ≥ v3: FMA contraction of the generic path)", name, c.n, c.bs, bad, c.n)
						}
						mf, sf := meanSD(fw)
						if mg, sg := meanSD(gw); math.Abs(mf-mg) > 5*math.Hypot(sf, sg)/math.Sqrt(float64(c.n)) {
							t.Errorf("%s n=%d bs=%d: mean work %v fused, %v generic: more than 5 SE apart", name, c.n, c.bs, mf, mg)
						}
						bad = 0
					}
					if bad > 0 {
						t.Errorf("%s n=%d bs=%d: %d of %d trajectories differ", name, c.n, c.bs, bad, c.n)
					}
					if moved != len(fx) {
						t.Errorf("%s n=%d bs=%d: only %d of %d trajectories have finite x and nonzero work", name, c.n, c.bs, moved, len(fx))
					}
				}
			}
		}
	}
}

// BenchmarkJunStep is one overdamped step of a 512-particle block on the
// jun potential, fused and generic, with every kernel this CPU runs:
//
//	go test ./langevin/ -run '^$' -bench JunStep
func BenchmarkJunStep(b *testing.B) {
	const n = DefaultBlockSize
	pot := wells.Jun{Barrier: 8, Tilt: 1}
	prev, next := wells.Control{0.5, 0.1}, wells.Control{0.5004, 0.1}
	mob, amp := 1e-3, math.Sqrt(2e-3)
	for _, kern := range testKernels() {
		for _, fused := range []bool{true, false} {
			b.Run(kern.String()+"/"+map[bool]string{true: "fused", false: "generic"}[fused], func(b *testing.B) {
				g := normalGen{kern: kern}
				g.seed(1, 2)
				x, w, f, noise := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
				for i := range x {
					x[i] = float64(i%3) - 1
				}
				b.ReportAllocs()
				for b.Loop() {
					// the same small step back and forth keeps x bounded
					if fused {
						c := newJunStep(pot, prev, next, mob, amp)
						g.stepJun(&c, x, w, nil)
					} else {
						pot.Step(prev, next, x, w, f)
						g.fill(noise)
						for i := range x {
							x[i] += mob*f[i] + amp*noise[i]
						}
					}
					prev, next = next, prev
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/particle-step")
			})
		}
	}
}
