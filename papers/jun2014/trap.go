package jun2014

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/landauer-dev/landauer/wells"
)

// TrapUpdate is the feedback trap's update time, 10 ms (Jun et al. 2014,
// main text), in t0 = x_m²/D = τ0/4 with τ0 ≈ 14.7 s (x_m = 2.5 µm,
// D ≈ 1.7 µm²/s): 0.010 s / 3.68 s = 2.72 × 10⁻³ t0. In the stored wells
// (curvature 8E_b = 104 kT/x_m²) one update is k Δt D/kT = 0.28.
const TrapUpdate = 0.010 / (2.5 * 2.5 / 1.7)

// Trap emulates the feedback trap (Jun et al. 2014, main text; the virtual
// potential of a feedback trap): the force −∂ₓU is computed from the
// position measured Delay updates earlier and held for one update Dt (t0),
// between updates the particle diffuses freely under that constant force,
//
//	x_{n+1} = x_n − ∂ₓU(x_{n−Delay}, t_{n+1}) Dt + √(2 Dt) ξ_n   (D = kT = 1),
//
// which is exact for a zero-order hold (free diffusion under a constant
// force is Gaussian). The work is the paper's, the change of the imposed
// potential at the measured positions: W = Σ_n U(x_n, t_{n+1}) − U(x_n, t_n).
// Measurement noise and camera blur are not modelled. With Dt → 0 and
// Delay = 0 it is the continuous overdamped dynamics (TestTrapContinuum).
type Trap struct {
	Tilt  float64 // A: 0.5 full erasure, 0 no erasure
	Tau   float64 // cycle time, τ0
	Dt    float64 // update time, t0 (TrapUpdate: the experiment's 10 ms)
	Delay int     // updates between measuring a position and applying its force (0, 1)
	N     int     // trajectories
	Seed  uint64
}

// TrapResult is the mean work of a Trap run (kT) with its standard error.
type TrapResult struct {
	Work, WorkSE float64
	Steps        int // updates per cycle
}

// Run samples the trap's cycles; each starts in the Boltzmann equilibrium
// of the stored bit (both wells; wells.NewSampler) and runs Table II. The
// stream is a PCG seeded by Seed: one seed gives one result.
func (tr Trap) Run(ctx context.Context) (TrapResult, error) {
	if !(tr.Tau > 0) || math.IsInf(tr.Tau, 0) || !(tr.Dt > 0) || tr.Delay < 0 || tr.Delay > 16 || tr.N < 2 {
		return TrapResult{}, fmt.Errorf("jun2014: trap needs τ > 0, Dt > 0, 0 ≤ Delay ≤ 16 and N ≥ 2 (got τ = %v, Dt = %v, Delay = %d, N = %d)", tr.Tau, tr.Dt, tr.Delay, tr.N)
	}
	pot := wells.Jun{Barrier: Barrier, Tilt: tr.Tilt}
	p := Protocol{Tau: Tau0 * tr.Tau}
	steps := int(math.Round(p.Tau / tr.Dt))
	if steps < 1 {
		steps = 1
	}
	dt := p.Tau / float64(steps)
	smp, err := wells.NewSampler(pot, p.At(0), 1, math.Inf(-1), math.Inf(1))
	if err != nil {
		return TrapResult{}, err
	}
	// The controls at every update time, once (not per trajectory).
	cs := make([]wells.Control, steps+1)
	for i := range cs {
		cs[i] = p.At(float64(i) * dt)
	}
	rng := rand.New(rand.NewPCG(tr.Seed, 0x6a756e32303134)) // "jun2014"
	sd := math.Sqrt(2 * dt)
	k, a := 4*Barrier, tr.Tilt
	hist := make([]float64, tr.Delay+1) // hist[0]: the position measured Delay updates ago
	var sum, sum2 float64
	for n := range tr.N {
		if n%64 == 0 && ctx.Err() != nil {
			return TrapResult{}, ctx.Err()
		}
		x := smp.Sample(rng)
		for i := range hist {
			hist[i] = x
		}
		w := 0.0
		for i := range steps {
			c0, c1 := &cs[i], &cs[i+1]
			// U(x; g, f) = 4E_b[−g x²/2 + x⁴/4 − A f x]: only g and f change.
			w -= k * x * (0.5*(c1[0]-c0[0])*x + a*(c1[1]-c0[1]))
			xm := hist[0]
			x += k*(xm*(c1[0]-xm*xm)+a*c1[1])*dt + sd*rng.NormFloat64()
			copy(hist, hist[1:])
			hist[tr.Delay] = x
		}
		sum += w
		sum2 += w * w
	}
	m := sum / float64(tr.N)
	v := (sum2 - float64(tr.N)*m*m) / float64(tr.N-1)
	return TrapResult{Work: m, WorkSE: math.Sqrt(math.Max(v, 0) / float64(tr.N)), Steps: steps}, nil
}
