package nestbench25

import (
	"context"
	"flag"
	"math"
	"testing"
)

var engineN = flag.Int("engine-n", 0, "trajectories of the long EngineScheme comparison (0: skip; README.md used 400000)")

// The benchmark engine's scheme, re-implemented, gives the benchmark's own
// default-protocol error (0.478, tests/test_benchmarks.py) within 5 SE, and
// the same numbers for any worker count.
func TestEngineScheme(t *testing.T) {
	ctx := context.Background()
	a, err := EngineScheme(ctx, nil, Dt, 2000, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := EngineScheme(ctx, nil, Dt, 2000, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	if *a != *b {
		t.Errorf("worker count changed the result: %+v vs %+v", a, b)
	}
	t.Logf("engine scheme, dt = %.4g: ε = %.4f ± %.4f, ⟨W⟩ = %.4f ± %.4f kT", Dt, a.ErrorRate, a.ErrorSE, a.WorkMean, a.WorkSEM)
	if d := math.Abs(a.ErrorRate - ReferenceError); d > 5*a.ErrorSE {
		t.Errorf("ε = %.4f ± %.4f, benchmark %.3f", a.ErrorRate, a.ErrorSE, ReferenceError)
	}
	if _, err := EngineScheme(ctx, nil, 0, 10, 1, 1); err == nil {
		t.Error("dt = 0 accepted")
	}
}

// With -engine-n N: the engine scheme at 8, 4, 2 and 1 times the
// benchmark's dt, whose first-order bias is linear in dt (README.md,
// "Which error rate is right").
func TestEngineSchemeConvergence(t *testing.T) {
	if *engineN == 0 {
		t.Skip("set -engine-n")
	}
	ctx := context.Background()
	for i, f := range []float64{8, 4, 2, 1} {
		r, err := EngineScheme(ctx, nil, Dt*f, *engineN, uint64(40+i), 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("engine scheme, dt × %g: ε = %.5f ± %.5f (%d trajectories), ⟨W⟩ = %.4f ± %.4f kT", f, r.ErrorRate, r.ErrorSE, r.Trajectories, r.WorkMean, r.WorkSEM)
	}
}

// Why the benchmark engine's error rate sits above landauer's: its scheme
// is first order in dt, BAOAB is not. At 16 and 32 times the benchmark's
// step (cheap), the engine scheme's error grows with dt by more than 4
// combined SE (≈ 0.0018 per benchmark step, README.md), while landauer's
// BAOAB does not move by more than 4 SE.
func TestEngineSchemeIsFirstOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("80 000 trajectories at coarse steps")
	}
	ctx := context.Background()
	const n = 20000
	var eng, bao [2]float64
	for i, f := range []float64{16, 32} {
		e, err := EngineScheme(ctx, nil, Dt*f, n, uint64(50+i), 0)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Study(nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Dynamics.Dt, s.Trajectories, s.Seed = Dt*f, n, uint64(60+i)
		r, err := s.Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		eng[i], bao[i] = e.ErrorRate, r.ErrorRate.Value
		t.Logf("dt × %g: engine scheme ε = %.4f, BAOAB ε = %.4f (± %.4f each)", f, e.ErrorRate, r.ErrorRate.Value, e.ErrorSE)
	}
	se := math.Sqrt(2*0.25/n) * 1.0 // two binomial SEs at ε ≈ ½
	if d := eng[1] - eng[0]; d < 4*se {
		t.Errorf("engine scheme: ε(32dt) − ε(16dt) = %.4f, want > 4 SE = %.4f", d, 4*se)
	}
	if d := math.Abs(bao[1] - bao[0]); d > 4*se {
		t.Errorf("BAOAB: |ε(32dt) − ε(16dt)| = %.4f, want < 4 SE = %.4f", d, 4*se)
	}
}
