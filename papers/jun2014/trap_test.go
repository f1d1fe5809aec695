package jun2014

import (
	"context"
	"flag"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
)

var trapFit = flag.Bool("trap", false, "fit the feedback-trap emulation over 1…64 τ0 (both delays, both tilts; ≈ 4 min on 2 cores)")

// fpWorkAt is the exact (Fokker–Planck) mean work of Table II at τ (τ0).
func fpWorkAt(t *testing.T, A, tau float64) float64 {
	t.Helper()
	s, err := Study(A, tau)
	if err != nil {
		t.Fatal(err)
	}
	s.Method = erasure.FokkerPlanck
	r, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r.Work.Value
}

// The emulated trap at τ = 1 τ0 (full erasure):
//   - with a fine update (5 × 10⁻⁴ t0) and no delay it is the continuous
//     dynamics: within 4 SE of Fokker–Planck;
//   - with the experiment's 10 ms update and one update of delay the work
//     is lower than the continuous dynamics' by 0.337 ± 0.015 kT (measured
//     with 20 000 cycles, README): here more than 4 SE below Fokker–Planck
//     and within 4 combined SE of that shift.
func TestTrap(t *testing.T) {
	fp := fpWorkAt(t, Tilt, 1)
	fine, err := Trap{Tilt: Tilt, Tau: 1, Dt: 5e-4, N: 4000, Seed: 1}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	trap, err := Trap{Tilt: Tilt, Tau: 1, Dt: TrapUpdate, Delay: 1, N: 4000, Seed: 2}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("τ = 1 τ0: Fokker–Planck %.4f kT; trap, fine update %.4f ± %.4f; 10 ms + 1 update delay %.4f ± %.4f (%d updates)",
		fp, fine.Work, fine.WorkSE, trap.Work, trap.WorkSE, trap.Steps)
	if math.Abs(fine.Work-fp) > 4*fine.WorkSE {
		t.Errorf("fine trap %.4f ± %.4f vs Fokker–Planck %.4f", fine.Work, fine.WorkSE, fp)
	}
	const shift, shiftSE = -0.337, 0.015 // README, 20 000 cycles (seed 1000)
	if d := trap.Work - fp; d > -4*trap.WorkSE || math.Abs(d-shift) > 4*math.Hypot(trap.WorkSE, shiftSE) {
		t.Errorf("10 ms trap with delay: %.4f ± %.4f, Fokker–Planck %.4f: shift %.4f, recorded %.3f ± %.3f", trap.Work, trap.WorkSE, fp, d, shift, shiftSE)
	}
	if trap.Steps != 1471 {
		t.Errorf("%d updates in 1 τ0, want 1471 (4 t0 / 2.72e-3 t0)", trap.Steps)
	}
	for _, bad := range []Trap{{Tau: 0, Dt: 1e-3, N: 10}, {Tau: 1, Dt: 0, N: 10}, {Tau: 1, Dt: 1e-3, N: 1}, {Tau: 1, Dt: 1e-3, N: 10, Delay: -1}} {
		if _, err := bad.Run(context.Background()); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Trap{Tilt: Tilt, Tau: 1, Dt: TrapUpdate, N: 100}).Run(ctx); err == nil {
		t.Error("a cancelled run returned no error")
	}
}

// TestTrapFit (-args -trap) fits W∞ + a/τ over 1…64 τ0 to the emulated
// trap: the numbers of the README's trap table. The trap lowers both a's
// (each fit within 4 SE of its recorded value); with one update of delay
// each a lies within 4 combined SE of Table I (erasure +2.5, no erasure
// −2.4 SE, the paper's SE being our estimate PaperASE), but in opposite
// directions: the difference a(A = 0.5) − a(A = 0), which the time unit and
// the trap move little, stays at +0.34 … +0.42 kT·τ0 against the paper's
// −0.09 ± 0.12. That difference is asserted to exceed the paper's by more
// than 3 combined SE (README: not reproduced).
func TestTrapFit(t *testing.T) {
	if !*trapFit {
		t.Skip("-args -trap runs it")
	}
	want := map[[2]float64]float64{{0.5, 0}: 1.833, {0.5, 1}: 1.613, {0, 0}: 1.416, {0, 1}: 1.273} // README
	for _, d := range []int{0, 1} {
		var a, ase [2]float64
		for c, A := range []float64{Tilt, 0} {
			var rs []erasure.Result
			for i, tau := range Durations(false) {
				n := 20000
				if tau > 8 {
					n = int(160000 / tau)
				}
				r, err := Trap{Tilt: A, Tau: tau, Dt: TrapUpdate, Delay: d, N: n, Seed: uint64(1000 + i)}.Run(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				rs = append(rs, erasure.Result{Duration: tau * Tau0, Work: stats.Mean(r.Work, r.WorkSE)})
			}
			f, err := FitWork(rs, FitMin)
			if err != nil {
				t.Fatal(err)
			}
			pa, pw := PaperA, PaperWInf
			if A == 0 {
				pa, pw = PaperNoA, PaperNoWInf
			}
			t.Logf("A = %g, delay %d: W∞ = %.4f ± %.4f kT, a = %.4f ± %.4f kT·τ0 (χ²/dof %.2f); Table I %.2f, %.2f: a %+.1f combined SE",
				A, d, f.Inf, f.InfSE, f.B, f.BSE, f.ChiSquareDOF, pw, pa, (f.B-pa)/math.Hypot(f.BSE, PaperASE()))
			if w := want[[2]float64{A, float64(d)}]; math.Abs(f.B-w) > 4*f.BSE {
				t.Errorf("A = %g, delay %d: a = %.4f ± %.4f, recorded %.3f", A, d, f.B, f.BSE, w)
			}
			a[c], ase[c] = f.B, f.BSE
		}
		diff, se := a[0]-a[1], math.Hypot(ase[0], ase[1])
		paper, pse := PaperA-PaperNoA, math.Sqrt2*PaperASE()
		t.Logf("delay %d: a(erasure) − a(no erasure) = %.3f ± %.3f kT·τ0, Table I %.2f ± %.2f", d, diff, se, paper, pse)
		if diff-paper < 3*math.Hypot(se, pse) {
			t.Errorf("delay %d: a difference %.3f ± %.3f now within 3 SE of the paper's %.2f: update README", d, diff, se, paper)
		}
	}
}
