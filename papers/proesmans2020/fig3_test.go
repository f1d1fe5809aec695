package proesmans2020

import (
	"context"
	"math"
	"testing"
)

// TestFig3 checks W_min of the paper's Fig. 3 (quick grid: 400 and 200
// quantile nodes, τ = 0.01 … 100) against what the paper states:
//   - x_m = 1.04 gives Var = 1 at E_b = 4 (its Fig. 2 example);
//   - Eq. 9: 1/(2τ) ≤ W_min − ln 2 ≤ W_min,leq − ln 2 ≤ 2/τ at every point,
//     within 5 discretisation errors;
//   - the lower bound is reached for τ ≪ 1: τ(W_min − ln 2) within 0.06 of
//     ½ at τ = 0.01 for every barrier (0.517 … 0.553 on 1000 nodes), and
//     closer than at τ = 0.1;
//   - for τ ≫ 1 the local-equilibrium optimum is approached:
//     τ(W_min − ln 2) within 1 % of W₂²(p_i, p_leq) at τ = 100.
func TestFig3(t *testing.T) {
	w, err := NewStorageWell(4)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(w.Xm-1.04) > 0.005 {
		t.Errorf("E_b = 4: x_m = %.4f for Var = 1, the paper has ≈ 1.04", w.Xm)
	}
	if v := variance(w); math.Abs(v-1) > 1e-9 {
		t.Errorf("Var = %v", v)
	}
	pts, err := Fig3(context.Background(), Fig3Durations(true), Fig3QuickNodes)
	if err != nil {
		t.Fatal(err)
	}
	near := map[float64][2]float64{} // barrier → τ(W − ln 2) at τ = 0.01, 0.1
	for _, p := range pts {
		x := p.WMin - math.Ln2
		tol := 5*p.WErr + 1e-9
		if x < 0.5/p.Tau-tol || x > p.WLeq-math.Ln2+tol || p.WLeq-math.Ln2 > 2/p.Tau {
			t.Errorf("E_b = %g, τ = %g: W_min − ln 2 = %.6f ± %.1g, bounds %.6f … %.6f (leq) … %.6f",
				p.Barrier, p.Tau, x, p.WErr, 0.5/p.Tau, p.WLeq-math.Ln2, 2/p.Tau)
		}
		switch p.Tau {
		case 0.01:
			v := near[p.Barrier]
			v[0] = p.Tau * x
			near[p.Barrier] = v
		case 0.1:
			v := near[p.Barrier]
			v[1] = p.Tau * x
			near[p.Barrier] = v
		case 100:
			if r := p.Tau * x / (p.Tau * (p.WLeq - math.Ln2)); math.Abs(r-1) > 0.01 {
				t.Errorf("E_b = %g, τ = 100: τ(W_min − ln 2) / W₂²_leq = %.4f", p.Barrier, r)
			}
		}
	}
	for eb, v := range near {
		if !(v[0]-0.5 < 0.06 && v[0]-0.5 < v[1]-0.5) {
			t.Errorf("E_b = %g: τ(W_min − ln 2) = %.4f at τ = 0.01, %.4f at 0.1: not approaching ½", eb, v[0], v[1])
		}
	}
	if _, err := Fig3Figure(pts); err != nil {
		t.Fatal(err)
	}
}
