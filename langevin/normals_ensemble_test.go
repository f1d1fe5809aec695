package langevin_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// fingerprint runs e and returns an FNV-1a hash of the bits of every
// block's final X, Work and V, in block order.
func fingerprint(t *testing.T, e *langevin.Ensemble) uint64 {
	t.Helper()
	out := make([][]float64, e.Blocks())
	err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
		v := append(append(append([]float64(nil), b.X...), b.Work...), b.V...)
		out[b.Index] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	var buf [8]byte
	for _, v := range out {
		for _, x := range v {
			u := math.Float64bits(x)
			for i := range buf {
				buf[i] = byte(u >> (8 * i))
			}
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}

// The scalar kernel gives exactly the numbers the integrators gave before
// the normal generator became switchable: these fingerprints were taken
// from that engine (three blocks, the last one partial), with
// Euler–Maruyama overdamped. The underdamped fingerprint changed on purpose
// when BAOAB moved to the midpoint control λ_{n+½} (issue 12: weak order 2
// for driven protocols).
func TestScalarNormalsKnownAnswer(t *testing.T) {
	integ := map[langevin.Kind]langevin.Integrator{langevin.Overdamped: langevin.EulerMaruyama, langevin.Underdamped: langevin.BAOAB}
	for _, c := range []struct {
		kind langevin.Kind
		want uint64
	}{
		{langevin.Overdamped, 0x217388155a116526},
		{langevin.Underdamped, 0x92004742da29fe1},
	} {
		e := &langevin.Ensemble{
			Potential:    wells.Jun{Barrier: 8, Tilt: 1},
			Schedule:     fourStage{0.2},
			Dynamics:     langevin.Dynamics{Kind: c.kind, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1, Integrator: integ[c.kind]},
			Trajectories: 1300,
			Seed:         3,
			Kernel:       langevin.KernelScalar,
		}
		if got := fingerprint(t, e); got != c.want {
			t.Errorf("%v: fingerprint %#x, want %#x", c.kind, got, c.want)
		}
	}
}

// The Box–Muller (vector kernels) and the ziggurat (scalar kernel)
// generators give statistically identical erasures: the same four-stage erasure (1000 steps, 20 000 trajectories)
// run with each, overdamped and underdamped, has mean work, mean final
// position and error fraction (final x < 0) equal within 5 combined
// standard errors. At E_b = 8 the error fraction is below 1e-4, so a
// shallow well (E_b = 3, A = 0.3: a few per cent of errors) gives that
// check its power. Skipped where no vector kernel runs (a CPU without
// AVX2).
func TestVectorNormalsMatchScalar(t *testing.T) {
	vec := langevin.KernelAuto.Resolve()
	if vec == langevin.KernelScalar {
		t.Skip("this CPU runs no vector kernel")
	}
	const n = 20000
	type stats struct{ w, sw, x, sx, p float64 }
	run := func(pot wells.Potential, kind langevin.Kind, scalar bool) stats {
		e := &langevin.Ensemble{
			Potential:    pot,
			Schedule:     fourStage{1},
			Dynamics:     langevin.Dynamics{Kind: kind, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1},
			Trajectories: n,
			Seed:         2024,
			Kernel:       vec,
		}
		if scalar {
			e.Kernel = langevin.KernelScalar
			e.Seed = 2025 // independent samples, so that the combined SE is the SE of the difference
		}
		x, _, w := finals(t, e)
		mw, vw := meanVar(w)
		mx, vx := meanVar(x)
		errs := 0
		for _, xi := range x {
			if xi < 0 {
				errs++
			}
		}
		return stats{mw, math.Sqrt(vw / n), mx, math.Sqrt(vx / n), float64(errs) / n}
	}
	for _, pot := range []wells.Jun{{Barrier: 8, Tilt: 1}, {Barrier: 3, Tilt: 0.3}} {
		for _, kind := range []langevin.Kind{langevin.Overdamped, langevin.Underdamped} {
			name := fmt.Sprintf("%v E_b=%g A=%g", kind, pot.Barrier, pot.Tilt)
			v, s := run(pot, kind, false), run(pot, kind, true)
			pp := (v.p + s.p) / 2
			t.Logf("%s: ⟨W⟩ vector %.4f ± %.4f, scalar %.4f ± %.4f; ⟨x⟩ %.4f, %.4f; error fraction %.4f, %.4f",
				name, v.w, v.sw, s.w, s.sw, v.x, s.x, v.p, s.p)
			check := func(what string, a, b, se float64) {
				if a == b {
					return
				}
				if z := (a - b) / se; math.Abs(z) > 5 {
					t.Errorf("%s: %s differs by %.1f combined SE (vector %.5g, scalar %.5g)", name, what, z, a, b)
				}
			}
			check("mean work", v.w, s.w, math.Hypot(v.sw, s.sw))
			check("mean final position", v.x, s.x, math.Hypot(v.sx, s.sx))
			check("error fraction", v.p, s.p, math.Sqrt(pp*(1-pp)*2/n))
			if v.w == s.w {
				t.Errorf("%s: identical mean work: the two runs did not use different generators", name)
			}
		}
	}
}

// The erasure's results with each kernel this CPU runs do not depend on
// the worker count, bit for bit, also with a partial last block (BlockSize
// 512, 1300 trajectories); the two vector kernels give the same bits.
func TestNormalsWorkerIndependence(t *testing.T) {
	for _, kind := range []langevin.Kind{langevin.Overdamped, langevin.Underdamped} {
		vecPrint := uint64(0)
		for _, kern := range []langevin.Kernel{langevin.KernelScalar, langevin.KernelAVX2, langevin.KernelAVX512} {
			if !kern.Supported() {
				continue
			}
			var first uint64
			for i, workers := range []int{1, 2, 5} {
				e := &langevin.Ensemble{
					Potential:    wells.Jun{Barrier: 8, Tilt: 1},
					Schedule:     fourStage{0.2},
					Dynamics:     langevin.Dynamics{Kind: kind, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1},
					Trajectories: 1300,
					Seed:         3,
					Workers:      workers,
					Kernel:       kern,
				}
				h := fingerprint(t, e)
				if i == 0 {
					first = h
				} else if h != first {
					t.Errorf("%v %v: %d workers give %#x, 1 worker %#x", kind, kern, workers, h, first)
				}
			}
			t.Log(kind, kern, fmt.Sprintf("%#x", first))
			if kern != langevin.KernelScalar {
				if vecPrint != 0 && first != vecPrint {
					t.Errorf("%v: kernel %v gives %#x, the other vector kernel %#x", kind, kern, first, vecPrint)
				}
				vecPrint = first
			}
		}
	}
}
