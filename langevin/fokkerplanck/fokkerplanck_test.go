package fokkerplanck

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

func solve(t *testing.T, pr Problem) *Solution {
	t.Helper()
	sol, err := Solve(context.Background(), pr)
	if err != nil {
		t.Fatal(err)
	}
	return sol
}

// checkMasses fails unless every mass is positive where the Boltzmann
// factor of its cell is representable, and the masses sum to 1 within tol.
func checkMasses(t *testing.T, name string, p []float64, tol float64) {
	t.Helper()
	var sum float64
	for i, v := range p {
		if !(v > 0) || math.IsInf(v, 0) {
			t.Fatalf("%s: mass %v in cell %d", name, v, i)
		}
		sum += v
	}
	if math.Abs(sum-1) > tol {
		t.Errorf("%s: total mass 1%+.3g", name, sum-1)
	}
}

// discreteBoltzmann returns masses ∝ e^{−U(xᵢ)/kT} on the solution's grid.
func discreteBoltzmann(pot wells.Potential, c wells.Control, x []float64, kT float64) []float64 {
	u := make([]float64, len(x))
	pot.Eval(c, x, u, nil)
	s := &setup{kT: kT, h: 1}
	p := make([]float64, len(x))
	s.boltzmann(u, p)
	return p
}

// TestRelaxation starts a static double well with all its mass in the left
// well and lets it relax for about 50 relaxation times e^{−λ₁t} (λ₁ ≈ 0.27
// for a 3 kT quartic well; backward Euler with dt = 1 damps that mode by
// (1+λ₁dt)^{−400} ≈ 1e-41, every faster one by more). The result must be
// the discrete Boltzmann distribution in every cell, tails at 1e-36 included,
// to 1e-12 relative: what remains is rounding, a few ulp per step in each
// mass. Every mass stays positive, and the total mass is conserved to 1e-13
// (400 solves, each exact in its column sums up to rounding).
func TestRelaxation(t *testing.T) {
	for _, c := range []struct {
		name string
		pot  wells.Potential
		ctl  wells.Control
	}{
		{"quartic", wells.Quartic{Barrier: 3}, wells.Control{}},
		{"jun", wells.Jun{Barrier: 3, Tilt: 1}, wells.Control{1, 0}},
	} {
		for _, first := range []bool{true, false} {
			sol := solve(t, Problem{
				Potential: c.pot, Schedule: constant{c.ctl, 400}, Cells: 1000, Dt: 1,
				Lo: -2.5, Hi: 2.5, Initial: -1, FirstOrder: first,
				Snapshots: []float64{0, 1, 10, 100, 400},
			})
			if sol.P0[600] != 0 || sol.Right != sol.Right || sol.Work != 0 {
				t.Fatalf("%s: P0 %v, work %v", c.name, sol.P0[600], sol.Work)
			}
			for _, s := range sol.Snapshots[1:] {
				checkMasses(t, c.name, s.P, 1e-13)
			}
			want := discreteBoltzmann(c.pot, c.ctl, sol.X, 1)
			worst := 0.0
			for i, v := range sol.P {
				worst = max(worst, math.Abs(v-want[i])/want[i])
			}
			t.Logf("%s (first order %v): largest relative deviation from Boltzmann %.2g, smallest mass %.2g", c.name, first, worst, minOf(want))
			if worst > 1e-12 {
				t.Errorf("%s: largest relative deviation from Boltzmann %.3g (smallest mass %.3g)", c.name, worst, minOf(want))
			}
			if math.Abs(sol.Left-0.5) > 1e-12 || math.Abs(sol.EntropyProduction-math.Ln2) > 1e-9 {
				t.Errorf("%s: left %v, entropy production %v (want ln 2: free expansion)", c.name, sol.Left, sol.EntropyProduction)
			}
		}
	}
}

// TestEquilibriumStationary: the discrete Boltzmann distribution is an exact
// fixed point of every step, so a static well started there stays there to
// rounding (1e-13 relative in every cell after 1000 steps).
func TestEquilibriumStationary(t *testing.T) {
	sol := solve(t, Problem{Potential: wells.Jun{Barrier: 12, Tilt: 1}, Schedule: constant{wells.Control{1, 0.2}, 10}, Cells: 800, Dt: 0.01})
	for i, v := range sol.P {
		if e := math.Abs(v-sol.P0[i]) / sol.P0[i]; e > 1e-13 {
			t.Fatalf("cell %d: mass %v, started at %v", i, v, sol.P0[i])
		}
	}
	if sol.Work != 0 || math.Abs(sol.EntropyProduction) > 1e-13 {
		t.Errorf("work %v, entropy production %v", sol.Work, sol.EntropyProduction)
	}
}

// TestParallelIdentical: computing the fields on a second goroutine changes
// nothing, bit for bit (also across a control that stays put for a while,
// which the producer shares or copies between steps and batches).
func TestParallelIdentical(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor")
	}
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: plateau{fourStage{4}}, Cells: 400, Dt: 8.0 / 3000}
	par := solve(t, pr)
	pr.Serial = true
	ser := solve(t, pr)
	if par.Work != ser.Work || par.Left != ser.Left || par.EnergyEnd != ser.EnergyEnd {
		t.Errorf("parallel %v %v, serial %v %v", par.Work, par.Left, ser.Work, ser.Left)
	}
	for i := range par.P {
		if par.P[i] != ser.P[i] {
			t.Fatalf("cell %d: %v != %v", i, par.P[i], ser.P[i])
		}
	}
}

// plateau runs s over [0, τ] and then holds its final control for another τ.
type plateau struct{ s fourStage }

func (p plateau) Duration() float64 { return 2 * p.s.Duration() }
func (p plateau) At(t float64) wells.Control {
	return p.s.At(min(t, p.s.Duration()))
}

// TestScaling checks the units: doubling γ slows everything down by 2 (the
// same solution at twice the duration), and U → 2U with kT = 2 and γ = 2
// (so that D = kT/γ stays 1) gives the same densities and twice the
// energies. Both hold to rounding.
func TestScaling(t *testing.T) {
	base := solve(t, Problem{Potential: wells.Jun{Barrier: 6, Tilt: 1}, Schedule: fourStage{5}, Cells: 300, Dt: 5.0 / 2000})
	slow := solve(t, Problem{Potential: wells.Jun{Barrier: 6, Tilt: 1}, Schedule: fourStage{10}, Cells: 300, Dt: 10.0 / 2000, Friction: 2})
	hot := solve(t, Problem{Potential: wells.Jun{Barrier: 12, Tilt: 1}, Schedule: fourStage{5}, Cells: 300, Dt: 5.0 / 2000, Temperature: 2, Friction: 2})
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-11*(1+math.Abs(b)) }
	if !close(slow.Work, base.Work) || !close(slow.Left, base.Left) {
		t.Errorf("γ = 2, τ = 10: W %v, ε %v; γ = 1, τ = 5: W %v, ε %v", slow.Work, slow.Left, base.Work, base.Left)
	}
	if !close(hot.Work, 2*base.Work) || !close(hot.Left, base.Left) || !close(hot.EntropyProduction, base.EntropyProduction) {
		t.Errorf("kT = 2, 2U: W %v, ε %v, Σ %v; kT = 1: W %v, ε %v, Σ %v", hot.Work, hot.Left, hot.EntropyProduction, base.Work, base.Left, base.EntropyProduction)
	}
	if hot.Lo != base.Lo || hot.Hi != base.Hi {
		t.Errorf("automatic domain [%v, %v] at kT = 2, [%v, %v] at kT = 1", hot.Lo, hot.Hi, base.Lo, base.Hi)
	}
}

// TestBookkeeping checks the identities between the reported numbers.
func TestBookkeeping(t *testing.T) {
	for _, first := range []bool{true, false} {
		sol := solve(t, Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{3}, Cells: 400, FirstOrder: first})
		if sol.Extrapolated == first {
			t.Errorf("Extrapolated = %v with FirstOrder = %v", sol.Extrapolated, first)
		}
		if d := sol.EnergyEnd - sol.EnergyStart - sol.Work - sol.HeatIn; math.Abs(d) > 1e-14 {
			t.Errorf("ΔU − W − Q = %v", d)
		}
		if d := sol.Work - sol.FreeEnergyChange - sol.EntropyProduction; math.Abs(d) > 1e-14 {
			t.Errorf("W − ΔF − Σ = %v", d)
		}
		if math.Abs(sol.Left+sol.Right-1) > 1e-14 || math.Abs(sol.EquilibriumFreeEnergyChange) > 1e-12 {
			t.Errorf("left + right = %v, cyclic ΔF_eq = %v", sol.Left+sol.Right, sol.EquilibriumFreeEnergyChange)
		}
		if sol.Steps != DefaultSteps || sol.Cells != 400 || len(sol.X) != 400 || math.Abs(sol.Dt*float64(sol.Steps)-3) > 1e-12 {
			t.Errorf("steps %d, cells %d, dt %v", sol.Steps, sol.Cells, sol.Dt)
		}
		checkMasses(t, "final", sol.P, 1e-13)
		checkMasses(t, "initial", sol.P0, 1e-15)
		// The automatic domain puts the divide on a face, with an even number
		// of cells on each side.
		k := (0 - sol.Lo) / ((sol.Hi - sol.Lo) / float64(sol.Cells))
		if math.Abs(k-math.Round(k)) > 1e-9 || int(math.Round(k))%2 != 0 {
			t.Errorf("divide at cell face %v", k)
		}
	}
}

// TestSnapshots checks times, order and content of the snapshots.
func TestSnapshots(t *testing.T) {
	times := []float64{2, 0, 1.0004, 4, 2}
	sol := solve(t, Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{4}, Cells: 200, Dt: 0.001, Snapshots: times})
	if len(sol.Snapshots) != len(times) {
		t.Fatalf("%d snapshots, want %d", len(sol.Snapshots), len(times))
	}
	for k, s := range sol.Snapshots {
		if math.Abs(s.T-times[k]) > 0.0005 || s.Control != (fourStage{4}).At(s.T) {
			t.Errorf("snapshot %d at %v with control %v, asked for %v", k, s.T, s.Control, times[k])
		}
		checkMasses(t, "snapshot", s.P, 1e-13)
		u := make([]float64, len(sol.X))
		wells.Jun{Barrier: 8, Tilt: 1}.Eval(s.Control, sol.X, u, nil)
		for i := range u {
			if u[i] != s.U[i] {
				t.Fatalf("snapshot %d: U[%d] = %v, want %v", k, i, s.U[i], u[i])
			}
		}
	}
	for i := range sol.P0 {
		if sol.Snapshots[1].P[i] != sol.P0[i] || sol.Snapshots[3].P[i] != sol.P[i] || sol.Snapshots[0].P[i] != sol.Snapshots[4].P[i] {
			t.Fatalf("cell %d: snapshots at 0 and 4 differ from P0 and P", i)
		}
	}
}

// TestSolveWithError compares the error estimate with the actual error of
// an 8 kT erasure (from a reference with 4× the cells and steps): the
// estimate must be within a factor 2 of it, both for the work and for the
// error mass.
func TestSolveWithError(t *testing.T) {
	pr := Problem{Potential: wells.Jun{Barrier: 8, Tilt: 1}, Schedule: fourStage{10}, Cells: 300, Dt: 10.0 / 4000}
	sol, est, err := SolveWithError(context.Background(), pr)
	if err != nil {
		t.Fatal(err)
	}
	pr.Cells, pr.Dt = 4*pr.Cells, pr.Dt/4
	ref := solve(t, pr)
	// The reference itself is off by 1/16 of the error of sol.
	errW, errL := math.Abs(sol.Work-ref.Work)*16/15, math.Abs(sol.Left-ref.Left)*16/15
	t.Logf("estimated/actual error: work %.3f, left %.3f", est.Work/errW, est.Left/errL)
	if r := est.Work / errW; r < 0.5 || r > 2 {
		t.Errorf("work %v ± %v, actual error %v", sol.Work, est.Work, errW)
	}
	if r := est.Left / errL; r < 0.5 || r > 2 {
		t.Errorf("left %v ± %v, actual error %v", sol.Left, est.Left, errL)
	}
	if est.Right != est.Left && math.Abs(est.Right-est.Left) > 0.1*est.Left {
		t.Errorf("errors of left %v and right %v", est.Left, est.Right)
	}
	if sol.Steps%4 != 0 {
		t.Errorf("%d steps", sol.Steps)
	}
}

// badWell is U = −x (nothing confines) or, with nan, x² but NaN beyond
// x = 1.5 once the control g falls below ½.
type badWell struct{ nan bool }

func (badWell) Name() string                               { return "bad" }
func (badWell) Controls() []string                         { return nil }
func (badWell) Rest() wells.Control                        { return wells.Control{} }
func (badWell) Step(_, _ wells.Control, x, w, f []float64) {}
func (b badWell) Eval(c wells.Control, x, u, f []float64) {
	for i, v := range x {
		u[i] = v * v
		if b.nan && v > 1.5 && c[0] < 0.5 {
			u[i] = math.NaN()
		} else if !b.nan {
			u[i] = -v // a slope: no minimum
		}
	}
}

// TestErrors checks that bad input gives a one-line error, never a panic.
func TestErrors(t *testing.T) {
	jun := wells.Jun{Barrier: 8, Tilt: 1}
	ok := Problem{Potential: jun, Schedule: fourStage{1}, Cells: 100, Dt: 0.01}
	cases := []struct {
		name string
		edit func(*Problem)
		want string
	}{
		{"no potential", func(p *Problem) { p.Potential = nil }, "no potential"},
		{"no schedule", func(p *Problem) { p.Schedule = nil }, "no schedule"},
		{"zero duration", func(p *Problem) { p.Schedule = fourStage{0} }, "duration"},
		{"NaN duration", func(p *Problem) { p.Schedule = fourStage{math.NaN()} }, "duration"},
		{"NaN dt", func(p *Problem) { p.Dt = math.NaN() }, "dt"},
		{"negative dt", func(p *Problem) { p.Dt = -1 }, "dt"},
		{"tiny dt", func(p *Problem) { p.Dt = 1e-300 }, "dt"},
		{"few cells", func(p *Problem) { p.Cells = 9 }, "cells"},
		{"negative cells", func(p *Problem) { p.Cells = -5 }, "cells"},
		{"temperature", func(p *Problem) { p.Temperature = -1 }, "temperature"},
		{"friction", func(p *Problem) { p.Friction = math.Inf(1) }, "friction"},
		{"interval", func(p *Problem) { p.Lo, p.Hi = 1, -1 }, "interval"},
		{"NaN domain", func(p *Problem) { p.Lo = math.NaN() }, "interval"},
		{"divide outside", func(p *Problem) { p.Lo, p.Hi = 0.5, 2 }, "divide"},
		{"divide outside auto", func(p *Problem) { p.Divide = 7 }, "divide"},
		{"NaN divide", func(p *Problem) { p.Divide = math.NaN() }, "divide"},
		{"initial", func(p *Problem) { p.Initial = 2 }, "initial"},
		{"empty initial", func(p *Problem) { p.Lo, p.Hi, p.Divide, p.Initial = -2, 2, -1.999, -1 }, "mass"},
		{"snapshot", func(p *Problem) { p.Snapshots = []float64{0.5, 2} }, "snapshot"},
		{"NaN snapshot", func(p *Problem) { p.Snapshots = []float64{math.NaN()} }, "snapshot"},
		{"not confining", func(p *Problem) { p.Potential = badWell{} }, "does not confine"},
		{"NaN potential", func(p *Problem) { p.Potential = badWell{nan: true} }, "NaN"},
		{"NaN potential, explicit domain", func(p *Problem) { p.Potential, p.Lo, p.Hi = badWell{nan: true}, -2, 2 }, "not finite"},
	}
	for _, c := range cases {
		pr := ok
		c.edit(&pr)
		_, err := Solve(context.Background(), pr)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "fokkerplanck: ") {
			t.Errorf("%s: error %v, want one line about %q", c.name, err, c.want)
		}
		if _, _, err2 := SolveWithError(context.Background(), pr); err2 == nil {
			t.Errorf("%s: SolveWithError accepted it", c.name)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Solve(ctx, Problem{Potential: jun, Schedule: fourStage{1}, Cells: 300}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestInitialSides starts from one side of a divide that is not at 0: the
// automatic grid puts the divide on a face, the initial mass on the other
// side is exactly zero, and after a step it is positive everywhere.
func TestInitialSides(t *testing.T) {
	for _, side := range []int{-1, 1} {
		sol := solve(t, Problem{Potential: wells.Quartic{Barrier: 4}, Schedule: constant{tau: 0.5}, Cells: 301, Dt: 0.01, Initial: side, Divide: 0.3})
		h := (sol.Hi - sol.Lo) / float64(sol.Cells)
		k := int(math.Round((0.3 - sol.Lo) / h))
		if math.Abs(sol.Lo+float64(k)*h-0.3) > 1e-12 {
			t.Fatalf("divide 0.3 is not on a face of [%v, %v] with %d cells", sol.Lo, sol.Hi, sol.Cells)
		}
		var wrong float64
		for i, v := range sol.P0 {
			if (i < k) == (side > 0) {
				wrong += v
			}
		}
		if wrong != 0 {
			t.Errorf("initial %d: mass %v on the other side", side, wrong)
		}
		checkMasses(t, "final", sol.P, 1e-13)
		if (side < 0 && !(sol.Right > 0 && sol.Right < 0.5)) || (side > 0 && !(sol.Left > 0 && sol.Left < 0.5)) {
			t.Errorf("initial %d: left %v, right %v", side, sol.Left, sol.Right)
		}
	}
}
