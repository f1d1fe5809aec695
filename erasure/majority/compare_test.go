package majority

import (
	"context"
	"math"
	"testing"
)

// The τ sweep at ε_L = 1e-12 (N = 3, default grid 800 cells × 2000 steps;
// the README lists 400- and 1600-cell numbers, all within 5 % of these
// ratios).
//
// E_b = 12 kT: at τ = 0.1 t0 the erasure is drift-limited (the tilt must
// carry the particle across in τ/4) and the majority bit costs more than
// N − 1 single units (ratio 2.45). From τ ≈ 1 on, the single unit's error
// is set by thermal hops back over the 12 kT barrier while the tilt is
// removed, a floor that rises with τ and that only ever larger tilts push
// down; the majority unit needs only ε_u = 5.8e-7 and wins: ratio 0.69 at
// τ = 1, 0.38 at τ = 3. (Beyond τ ≈ 10 the single unit cannot reach 1e-12
// with A ≤ 300 at all.) The test asks for ratio > N − 1 at τ = 0.1, < 1 at
// τ = 1 and 3, and falling from 1 to 3.
//
// E_b = 40 kT: no thermal floor (the hop rate ~ E_b e^{−E_b} ~ 1e-16 per
// t0); the ratio rises from 2.81 at τ = 0.1 to 2.99 at τ = 100, where it
// matches the quasi-static ratio N[ln 2 − H(ε_u)]/[ln 2 − H(ε_L)] = 3.00 to
// 1 %: within this four-stage family the majority bit is relatively
// cheaper when fast but never cheaper than one unit. The test asks for
// ratios in (N − 1, N), rising with τ, and the slow end within 1 % of the
// quasi-static ratio.
func TestCrossover(t *testing.T) {
	ctx := context.Background()
	const n = 3
	low, err := Crossover(ctx, Family{Barrier: 12}, 1e-12, []int{n}, []float64{0.1, 1, 3})
	if err != nil {
		t.Fatal(err)
	}
	high, err := Crossover(ctx, Family{Barrier: 40}, 1e-12, []int{n}, []float64{0.1, 3, 100})
	if err != nil {
		t.Fatal(err)
	}
	ratio := func(p CrossoverPoint) float64 {
		t.Helper()
		if len(p.Costs) != 2 || p.Costs[0].Units != 1 || p.Costs[1].Units != n || !p.Costs[0].Reached || !p.Costs[1].Reached {
			t.Fatalf("τ = %g: costs %+v", p.Duration, p.Costs)
		}
		s, m := p.Costs[0], p.Costs[1]
		t.Logf("τ = %5g: single A = %.4g, W = %.4g kT; N = %d A = %.4g, W = %.4g kT; ratio %.3f (quasi-static %.3f)",
			p.Duration, s.Tilt, s.WorkPerBit, n, m.Tilt, m.WorkPerBit, m.Ratio, m.QuasiStaticRatio)
		return m.Ratio
	}
	t.Log("E_b = 12 kT")
	r0, r1, r3 := ratio(low[0]), ratio(low[1]), ratio(low[2])
	if !(r0 > n-1) || !(r1 < 1) || !(r3 < r1) {
		t.Errorf("E_b = 12: ratios %.3f, %.3f, %.3f at τ = 0.1, 1, 3; want > N − 1, < 1, and falling", r0, r1, r3)
	}
	t.Log("E_b = 40 kT")
	prev := 0.0
	for _, p := range high {
		r := ratio(p)
		if !(r > n-1 && r < n && r > prev) {
			t.Errorf("E_b = 40, τ = %g: ratio %.3f, want in (N − 1, N) and above %.3f", p.Duration, r, prev)
		}
		prev = r
	}
	if qs := high[2].Costs[1].QuasiStaticRatio; relDiff(prev, qs) > 0.01 {
		t.Errorf("E_b = 40, τ = 100: ratio %.4f, want the quasi-static %.4f within 1 %%", prev, qs)
	}
	for i, tau := range []float64{0.1, 1, 3} {
		if low[i].Duration != tau {
			t.Errorf("point %d has τ = %g, want %g", i, low[i].Duration, tau)
		}
	}
}

// A target the family cannot reach at some τ is reported, not an error:
// with the tilt capped at A = 1, the single unit's floor at τ = 3 is about
// 2.3e-7, above ε_L = 1e-12, while a 3-unit bit needs only 5.8e-7. Bad
// settings are errors.
func TestCrossoverUnreachable(t *testing.T) {
	ctx := context.Background()
	pts, err := Crossover(ctx, Family{Barrier: 12, MaxTilt: 1, Cells: 400, Steps: 1000}, 1e-12, []int{3}, []float64{3})
	if err != nil {
		t.Fatal(err)
	}
	s, m := pts[0].Costs[0], pts[0].Costs[1]
	t.Logf("single: reached %v, floor %.3g, A %g, W %.3f; N = 3: reached %v, A %.3g, W %.3f, ratio %v", s.Reached, s.Floor, s.Tilt, s.WorkPerBit, m.Reached, m.Tilt, m.WorkPerBit, m.Ratio)
	if s.Reached || !(s.Floor > 1e-12) || s.Tilt != 1 || !m.Reached || m.Ratio != 0 || s.Ratio != 0 {
		t.Errorf("costs %+v", pts[0].Costs)
	}
	if _, err := Compare(ctx, Family{Barrier: 12, Duration: 3, MaxTilt: 1, Cells: 400, Steps: 1000}, 1e-12, []int{3}); err == nil {
		t.Error("Compare accepted an unreachable target")
	}
	bad := []struct {
		name    string
		f       Family
		logical float64
		units   []int
		taus    []float64
	}{
		{"no durations", Family{Barrier: 12}, 1e-6, []int{3}, nil},
		{"negative τ", Family{Barrier: 12}, 1e-6, []int{3}, []float64{1, -1}},
		{"infinite τ", Family{Barrier: 12}, 1e-6, []int{3}, []float64{math.Inf(1)}},
		{"even N", Family{Barrier: 12}, 1e-6, []int{4}, []float64{1}},
		{"ε_L = 0.5", Family{Barrier: 12}, 0.5, []int{3}, []float64{1}},
		{"no barrier", Family{}, 1e-6, []int{3}, []float64{1}},
	}
	for _, b := range bad {
		if _, err := Crossover(ctx, b.f, b.logical, b.units, b.taus); err == nil {
			t.Errorf("%s: accepted", b.name)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Crossover(cctx, Family{Barrier: 12}, 1e-6, []int{3}, []float64{1, 2}); err == nil {
		t.Error("a cancelled context gave no error")
	}
}
