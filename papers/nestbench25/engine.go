package nestbench25

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"

	"github.com/landauer-dev/landauer/langevin"
)

// EngineResult is the outcome of EngineScheme.
type EngineResult struct {
	Trajectories int
	Errors       int     // trajectories ending at x ≥ 0
	ErrorRate    float64 // Errors/Trajectories
	ErrorSE      float64 // √(ε(1−ε)/n)
	WorkMean     float64 // kT
	WorkSEM      float64
}

// engineBlock is the number of trajectories per random stream.
const engineBlock = 1000

// EngineScheme samples the benchmark with the integration scheme of the
// benchmark's own engine (NESTbench25 erasure/engine_erasure.c,
// run_trajectory, update_potential and langevin_step), written out here to
// compare with landauer's BAOAB. In the units of this package (m = k = 1,
// ω₀ = 1, γ = 1/Q), per step of length dt starting at time t:
//
//  1. while t ≤ t_f, if ⌊t/h⌋ (h = t_f/rows) exceeds the last row applied,
//     the controls become row min(⌊t/h⌋, rows−1), adding the jump's
//     U(x, new) − U(x, old) to the work;
//  2. x ← x + v dt (the old velocity: first order);
//  3. v ← λ v + Q(1 − λ) F(x_old) + √(1 − λ²) ξ, λ = e^{−dt/Q}, F at the
//     position before step 2 (exponential Euler);
//  4. t ← t + dt (accumulated in floating point).
//
// The erasure runs while t < t_f, i.e. ⌈t_f/dt⌉ steps; then the controls
// jump back to (0, 5) (with its work) and the quiescent period runs while
// t < t_f + 2π. Trajectories start in either well with probability ½ at
// x = ±5 + N(0, 1), v = N(0, 1), controls (0, 5). The error is the fraction
// ending at x ≥ 0. Block b of engineBlock trajectories draws from its own
// PCG stream (seed, b): the numbers do not depend on the worker count.
func EngineScheme(ctx context.Context, table *Table, dt float64, n int, seed uint64, workers int) (*EngineResult, error) {
	if table == nil {
		table = DefaultTable()
	}
	switch {
	case !(dt > 0) || dt > Tf:
		return nil, errors.New("nestbench25: EngineScheme needs 0 < dt ≤ t_f")
	case n < 1:
		return nil, errors.New("nestbench25: EngineScheme needs at least one trajectory")
	}
	blocks := (n + engineBlock - 1) / engineBlock
	type tally struct {
		errs    int
		sw, sww float64
		count   int
	}
	// The blocks' tallies summed in block order (langevin.Reduce): the same
	// numbers for any number of workers.
	var total tally
	err := langevin.Reduce(ctx, blocks, max(workers, 0), func(ctx context.Context, _, b int) (tally, error) {
		var t tally
		r := rand.New(rand.NewPCG(seed, uint64(b)))
		m := min(engineBlock, n-b*engineBlock)
		for i := range m {
			if i%64 == 0 && ctx.Err() != nil {
				return t, ctx.Err()
			}
			x, w := engineTrajectory(table, dt, r)
			if x >= 0 {
				t.errs++
			}
			t.sw += w
			t.sww += w * w
			t.count++
		}
		return t, nil
	}, func(_ int, t tally) error {
		total.errs += t.errs
		total.sw += t.sw
		total.sww += t.sww
		total.count += t.count
		return nil
	})
	if err != nil {
		return nil, err
	}
	nn := float64(total.count)
	eps := float64(total.errs) / nn
	mean := total.sw / nn
	v := (total.sww/nn - mean*mean) * nn / math.Max(nn-1, 1)
	return &EngineResult{Trajectories: total.count, Errors: total.errs, ErrorRate: eps,
		ErrorSE: math.Sqrt(eps * (1 - eps) / nn), WorkMean: mean, WorkSEM: math.Sqrt(math.Max(v, 0) / nn)}, nil
}

// engineTrajectory runs one trajectory of EngineScheme and returns the
// final position and the work.
func engineTrajectory(table *Table, dt float64, r *rand.Rand) (x, w float64) {
	rows := table.Len()
	h := Tf / float64(rows)
	lam := math.Exp(-dt / Q)
	kick, noise := Q*(1-lam), math.Sqrt(1-lam*lam)
	x = 5 + r.NormFloat64()
	if r.Float64() < 0.5 {
		x -= 10
	}
	v := r.NormFloat64()
	c0, c1 := 0.0, C1Rest
	u := func(x, c0, c1 float64) float64 {
		s := 1.0
		if x < c0 {
			s = -1
		}
		d := x - s*c1
		return 0.5*d*d + c1*(s*c0+math.Abs(c0))
	}
	step := func() {
		s := 1.0
		if x < c0 {
			s = -1
		}
		f := -(x - s*c1)
		x += v * dt
		v = lam*v + kick*f + noise*r.NormFloat64()
	}
	t, last := 0.0, -1
	for t < Tf {
		if i := int(t / h); i > last && t <= Tf {
			last = i
			i = min(i, rows-1)
			w += u(x, table.C0[i], table.C1[i]) - u(x, c0, c1)
			c0, c1 = table.C0[i], table.C1[i]
		}
		step()
		t += dt
	}
	w += u(x, 0, C1Rest) - u(x, c0, c1)
	c0, c1 = 0, C1Rest
	for t < Tf+Quiescent {
		step()
		t += dt
	}
	return x, w
}
