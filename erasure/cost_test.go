package erasure

import (
	"context"
	"math"
	"testing"
)

// StepCosts adds each step's studies at their rates; with ctx cancelled
// nothing can be measured, so the rates are the nominal ones and the costs
// follow from the studies' sizes exactly: Monte Carlo particle-steps at
// NominalMCRate per worker on min(workers, blocks) workers, Fokker–Planck
// cell-steps at FPRate.
func TestStepCostsArithmetic(t *testing.T) {
	mc, err := BenchWorkload(1024, 1, 2) // 1024 trajectories × 10⁴ steps, 2 blocks of 512
	if err != nil {
		t.Fatal(err)
	}
	both := BothMethods(mc)
	if both[0].Method != MonteCarlo || both[1].Method != FokkerPlanck || both[0].Trajectories != 1024 {
		t.Fatalf("BothMethods: %q, %q", both[0].Method, both[1].Method)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got := StepCosts(ctx, [][]*Study{{both[0]}, both})
	wantMC := 1024 * 1e4 / (NominalMCRate * 2)
	_, fpCells := both[1].Work()
	wantFP := fpCells / FPRate
	if math.Abs(got[0]-wantMC) > 1e-12*wantMC || math.Abs(got[1]-(wantMC+wantFP)) > 1e-12*(wantMC+wantFP) {
		t.Errorf("StepCosts = %v, want [%g %g]", got, wantMC, wantMC+wantFP)
	}
	// Measured (ctx live): positive and finite.
	for _, c := range StepCosts(context.Background(), [][]*Study{both}) {
		if !(c > 0) || math.IsInf(c, 0) {
			t.Errorf("measured cost %v", c)
		}
	}
}
