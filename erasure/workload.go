package erasure

import (
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// BenchWorkload is the speed benchmark's common workload (bench/README.md),
// which the C, NumPy and Numba references compute too: overdamped
// four-stage erasure of a jun bit with E_b = 8 kT, A = 1, τ = 10, dt = 1e-3
// (10 000 steps), equilibrium start, target right, integrated by
// Euler–Maruyama as the references are, and without the 2dt path of the
// time-step bias estimate, which the references do not compute.
func BenchWorkload(particles int, seed uint64, workers int) (*Study, error) {
	pot := wells.Jun{Barrier: 8, Tilt: 1}
	proto, err := NewProtocol(KindFourStage, pot, 10, nil, nil)
	if err != nil {
		return nil, err
	}
	return &Study{
		Potential:    pot,
		Protocol:     proto,
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1, Integrator: langevin.EulerMaruyama},
		Target:       1,
		Trajectories: particles,
		Seed:         seed,
		Workers:      workers,

		NoBiasEstimate: true,
	}, nil
}
