//go:build unix

package erasure

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/langevin"
)

// BenchmarkDefaultStudy is the cost of one particle-step of the default
// study (four-stage erasure of an 8 kT jun bit, τ = 8) on one worker, by
// each overdamped integrator, with the 2dt path of the bias estimate (as
// every run computes it) and without. It reports wall time and the
// process's CPU time (user + system) per particle-step; on a shared,
// loaded machine the CPU time is the steadier measure. bench/accuracy
// turns these costs and the measured biases into the time to reach a
// given accuracy:
//
//	go test ./erasure -run '^$' -bench DefaultStudy
func BenchmarkDefaultStudy(b *testing.B) {
	cfg, err := ParseConfig([]byte(DefaultStudy))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		scheme langevin.Integrator
		noBias bool
	}{
		{"heun", langevin.Heun, false},
		{"euler-maruyama", langevin.EulerMaruyama, false},
		{"heun/nobias", langevin.Heun, true},
		{"euler-maruyama/nobias", langevin.EulerMaruyama, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			s, err := cfg.Study()
			if err != nil {
				b.Fatal(err)
			}
			s.Dynamics.Integrator, s.Dynamics.Dt = c.scheme, 1e-3
			s.Trajectories, s.Workers, s.NoBiasEstimate = 8192, 1, c.noBias
			ens := s.Ensemble()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := s.Run(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			ps := float64(b.N) * float64(s.Trajectories) * float64(ens.Steps())
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/ps, "ns/particle-step")
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/ps, "cpu-ns/particle-step")
		})
	}
}

// cpuTime is the process's user + system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
