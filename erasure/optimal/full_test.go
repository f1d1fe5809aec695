package optimal

import (
	"context"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
)

// density turns a snapshot (density on evenly spaced cell centres) into a
// piecewise-constant proesmans2020.Density.
func density(s erasure.Snapshot) proesmans2020.Density {
	h := s.X[1] - s.X[0]
	d := proesmans2020.Density{Edges: make([]float64, len(s.X)+1), Mass: make([]float64, len(s.X))}
	for i, x := range s.X {
		d.Edges[i] = x - h/2
		d.Mass[i] = s.P[i] * h
	}
	d.Edges[len(s.X)] = s.X[len(s.X)-1] + h/2
	// the grid puts the divide (0) on a face; make that edge exactly 0
	k := 0
	for i, e := range d.Edges {
		if math.Abs(e) < math.Abs(d.Edges[k]) {
			k = i
		}
	}
	d.Edges[k] = 0
	return d
}

// TestFullControl optimises the shaped bit (the 8 kT jun bit plus a
// 6-node spline correction, every control free) and checks it against the
// finite-time bounds: for a protocol that starts in equilibrium and ends
// at the storage potential,
//
//	⟨W⟩ ≥ ΔF_neq + W₂²(p_0, p_τ)/(Dτ) ≥ [ln 2 − H(ε)] + W₂²(p_0, p_τ)/τ
//
// (Aurell, Mejía-Monasterio & Muratore-Ginanneschi, PRL 106, 250601
// (2011), with ΔF_neq = kT KL(p_τ‖p_eq) ≥ kT [ln 2 − H(ε)] by the chain rule
// of relative entropy), W₂ taken between the re-solve's own initial and
// final densities; the work is compared within 4 times its discretisation
// error. The full family contains the jun keyframes (s = 0), so its optimum
// must also cost no more than the asymmetric optimum of g and f alone. The
// local-equilibrium minimum of Proesmans, Ehrich & Bechhoefer (PRE 102,
// 032105 (2020)), ln 2 − H(ε) + W₂²(p_i, p_f)/τ, is logged for comparison:
// it bounds protocols that end locally equilibrated, which a free final
// density need not be.
func TestFullControl(t *testing.T) {
	ctx := context.Background()
	const tau = 2.0
	params := map[string]float64{"barrier": 8, "nodes": 6}
	bounds := map[string][2]float64{"g": {-0.5, 1.5}, "f": {-1.5, 1.5}}
	full := Problem{Study: study(t, "shaped", params, 800, 2e-3), Duration: tau, Class: Full, Bounds: map[string][2]float64{},
		Nodes: 3, MaxError: 1e-3}
	for k, v := range bounds {
		full.Bounds[k] = v
	}
	for j := range 6 {
		full.Bounds["s"+string(rune('0'+j))] = [2]float64{-12, 12}
	}
	set := Settings{Cells: 120, Steps: 300, Starts: []string{StartPalindrome}}
	r, err := Optimize(ctx, full, set)
	if err != nil {
		t.Fatal(err)
	}
	snaps := r.Final.Snapshots
	p0, pt := density(snaps[0]), density(snaps[len(snaps)-1])
	if snaps[0].T != 0 || snaps[len(snaps)-1].T != tau {
		t.Fatalf("snapshots at %v and %v", snaps[0].T, snaps[len(snaps)-1].T)
	}
	w2, err := proesmans2020.W2Squared(p0, pt)
	if err != nil {
		t.Fatal(err)
	}
	eps := r.ErrorRate
	bound := erasure.LandauerBound(eps) + w2/tau
	if r.Work < bound-4*r.WorkErr {
		t.Errorf("full-control optimum %.5f ± %.1g kT below the bound ln 2 − H(ε) + W₂²/τ = %.5f (ε = %.3g, W₂² = %.4f)", r.Work, r.WorkErr, bound, eps, w2)
	}
	if eps+r.ErrorRateErr > full.MaxError {
		t.Errorf("ε = %v > %v", eps, full.MaxError)
	}
	asym := full
	asym.Class, asym.Controls, asym.Bounds = Asymmetric, []string{"g", "f"}, bounds
	ra, err := Optimize(ctx, asym, set)
	if err != nil {
		t.Fatal(err)
	}
	if r.Work > ra.Work+4*(r.WorkErr+ra.WorkErr) {
		t.Errorf("full control %.5f ± %.1g kT costs more than g and f alone, %.5f ± %.1g", r.Work, r.WorkErr, ra.Work, ra.WorkErr)
	}
	// Proesmans et al.'s local-equilibrium minimum at this ε.
	pf, err := proesmans2020.LocalEquilibrium(p0, 0, 1, eps)
	if err != nil {
		t.Fatal(err)
	}
	w2f, err := proesmans2020.W2Squared(p0, pf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("τ = %g: full control %.5f ± %.1g kT (ε %.3g, %d iterations), g and f only %.5f; bound with p_τ %.5f (W₂² %.4f); Proesmans W_min %.5f (W₂² %.4f)",
		tau, r.Work, r.WorkErr, eps, r.Iterations, ra.Work, bound, w2, erasure.LandauerBound(eps)+w2f/tau, w2f)
}
