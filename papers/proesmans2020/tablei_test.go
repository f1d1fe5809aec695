package proesmans2020

import (
	"context"
	"math"
	"testing"
)

// Table I: the full-control optimum W₂²/Var for E_b = 10 and 13 kT agrees
// with the paper's 1.80 and 1.82 to the paper's three digits; the
// experiments' published fits, converted by the same rule, give its 10.2
// (Bérut, restated B) and 5.67 (Jun). The experiments' protocols run in
// landauer (README) are not the paper's numbers; each is pinned at its
// measured value within its error, and its distance from the paper is
// logged:
//   - Jun, Table II: 7.857 (the jun2014 a = 1.92 vs 1.39 τ0, not
//     reproduced; the feedback trap brings it to 7.49 and 6.59);
//   - Gavrilov 2017, our six-stage construction: 11.40 (paper 7.20; the
//     2017 protocol was not found, README);
//   - Bérut, four readings: 9.07, 17.3, 2.24, −0.86 (paper 10.2; none has
//     the paper's form ln 2 + B/τ, berut2012 README).
//
// Every protocol's coefficient but Bérut's fixed-F_max readings (whose
// heat is not of the a/τ form at all) lies above the full-control optimum.
func TestTableI(t *testing.T) {
	rows, err := TableI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Measured (README): each system's readings in TableI's order.
	pins := [][]float64{{9.071, 17.314, 2.239, -0.863}, {7.857, 7.486, 6.588}, {11.404}}
	for i, r := range rows {
		t.Logf("%s (E_b = %g): Var = %.5f, W₂² = %.5f, optimum %.4f (paper %.2f); protocol %.3f (%s), paper %.2f, paper's fit converted %.3f",
			r.System, r.Barrier, r.Var, r.W2, r.Optimum, r.PaperOptimum, r.Protocol, r.ProtocolSource, r.PaperProtocol, r.ProtocolFromPaper)
		if math.Abs(r.Optimum-r.PaperOptimum) > tableIDigits {
			t.Errorf("%s: optimum %.4f, paper %.2f", r.System, r.Optimum, r.PaperOptimum)
		}
		if !math.IsNaN(r.ProtocolFromPaper) {
			// The converted fit carries the inputs' rounding (B, D, a to 3
			// digits) and the paper's own Var for its model, which it does
			// not print: 2 % of the value (Bérut: 10.35 vs 10.2).
			if math.Abs(r.ProtocolFromPaper-r.PaperProtocol) > 0.02*r.PaperProtocol {
				t.Errorf("%s: paper's fit converted %.3f, Table I %.2f", r.System, r.ProtocolFromPaper, r.PaperProtocol)
			}
		}
		if len(r.Readings) != len(pins[i]) || r.Protocol != r.Readings[0].Coefficient {
			t.Fatalf("%s: %d readings, want %d; Protocol %v", r.System, len(r.Readings), len(pins[i]), r.Protocol)
		}
		for j, rd := range r.Readings {
			t.Logf("  %s: %.3f ± %.3f (paper %.2f: %.1f×) — %s", rd.Label, rd.Coefficient, rd.Err, r.PaperProtocol, rd.Coefficient/r.PaperProtocol, rd.Note)
			// Pinned within 4 errors (the Fokker–Planck ones are 0.5 %, the
			// trap fits' their SE; 0.02 absolute for the readings near 0).
			if d := math.Abs(rd.Coefficient - pins[i][j]); d > 4*rd.Err+0.02 {
				t.Errorf("%s, %s: %.3f, recorded %.3f", r.System, rd.Label, rd.Coefficient, pins[i][j])
			}
			if (i > 0 || j < 2) && !(rd.Coefficient > r.Optimum) {
				t.Errorf("%s, %s: %.3f not above the optimum %.3f", r.System, rd.Label, rd.Coefficient, r.Optimum)
			}
		}
	}
}
