package langevin_test

import (
	"context"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// benchEnsemble is the benchmark's erasure, by Euler–Maruyama when
// overdamped (as the speed references) and BAOAB when underdamped.
func benchEnsemble(kind langevin.Kind, n, workers int) *langevin.Ensemble {
	integ := langevin.EulerMaruyama
	if kind == langevin.Underdamped {
		integ = langevin.BAOAB
	}
	return &langevin.Ensemble{
		Potential:    wells.Jun{Barrier: 8, Tilt: 1},
		Schedule:     fourStage{1}, // 1000 steps of dt = 1e-3
		Dynamics:     langevin.Dynamics{Kind: kind, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1, Integrator: integ},
		Trajectories: n,
		Seed:         1,
		Workers:      workers,
	}
}

// BenchmarkErasure reports ns per particle-step of a whole four-stage
// erasure (sampling, stepping, work), overdamped and underdamped, on 1 and
// on all workers.
func BenchmarkErasure(b *testing.B) {
	for _, c := range []struct {
		name    string
		kind    langevin.Kind
		workers int
	}{
		{"overdamped/1", langevin.Overdamped, 1},
		{"overdamped/all", langevin.Overdamped, 0},
		{"heun/1", langevin.Overdamped, 1},
		{"heun/all", langevin.Overdamped, 0},
		{"underdamped/1", langevin.Underdamped, 1},
		{"underdamped/all", langevin.Underdamped, 0},
	} {
		b.Run(c.name, func(b *testing.B) {
			e := benchEnsemble(c.kind, 8192, c.workers)
			if strings.HasPrefix(c.name, "heun") {
				e.Dynamics.Integrator = langevin.Heun
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := e.Run(context.Background(), nil, func(*langevin.Block) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
			ps := float64(b.N) * float64(e.Trajectories) * float64(e.Steps())
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/ps, "ns/particle-step")
		})
	}
}

// The step loop allocates nothing: a run of 2000 steps allocates exactly as
// much as a run of 10 (the per-worker buffers and the sampler), with every
// kernel this CPU runs and every integrator, with blocks of 100 (partial
// rounds of the vector kernels) and the coarse path.
func TestStepLoopAllocatesNothing(t *testing.T) {
	for _, kern := range []langevin.Kernel{langevin.KernelScalar, langevin.KernelAVX2, langevin.KernelAVX512} {
		if !kern.Supported() {
			continue
		}
		for _, c := range []struct {
			kind   langevin.Kind
			integ  langevin.Integrator
			coarse bool
		}{
			{langevin.Overdamped, langevin.EulerMaruyama, false},
			{langevin.Overdamped, langevin.Heun, true},
			{langevin.Underdamped, langevin.BAOAB, false},
		} {
			allocs := func(tau float64) float64 {
				e := benchEnsemble(c.kind, 1024, 1)
				e.Schedule = fourStage{tau}
				e.Dynamics.Integrator, e.Coarse, e.Kernel, e.BlockSize = c.integ, c.coarse, kern, 100
				return testing.AllocsPerRun(3, func() {
					e.Run(context.Background(), nil, func(*langevin.Block) error { return nil })
				})
			}
			short, long := allocs(0.01), allocs(2)
			if long != short {
				t.Errorf("%v %v: %v allocations for 2000 steps but %v for 10: the step loop allocates", kern, c.integ, long, short)
			}
		}
	}
}
