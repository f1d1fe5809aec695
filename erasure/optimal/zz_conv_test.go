package optimal

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
)

func TestScratchConvergence(t *testing.T) {
	if os.Getenv("CONV") == "" {
		t.Skip()
	}
	tau, _ := strconv.ParseFloat(os.Getenv("TAU"), 64)
	eb, _ := strconv.ParseFloat(os.Getenv("EB"), 64)
	eps, _ := strconv.ParseFloat(os.Getenv("EPS"), 64)
	for _, n := range []int{3, 6, 12, 18} {
		params := map[string]float64{"barrier": eb, "nodes": float64(n)}
		p := Problem{Study: study(t, "shaped", params, 1000, 2e-3), Duration: tau, Class: Full,
			Bounds: map[string][2]float64{"g": {-1, 2}, "f": {-2, 2}}, Nodes: 8, MaxError: eps}
		for j := range n {
			p.Bounds["s"+strconv.Itoa(j)] = [2]float64{-2 * eb, 2 * eb}
		}
		r, err := Optimize(context.Background(), p, Settings{Cells: 200, Steps: 800, Starts: []string{StartPalindrome}})
		if err != nil {
			t.Fatal(err)
		}
		snaps := r.Final.Snapshots
		p0, pt := density(snaps[0]), density(snaps[len(snaps)-1])
		w2, _ := proesmans2020.W2Squared(p0, pt)
		pf, _ := proesmans2020.LocalEquilibrium(p0, 0, 1, r.ErrorRate)
		w2f, _ := proesmans2020.W2Squared(p0, pf)
		t.Logf("shape nodes %2d: W* = %.5f ± %.1g kT, ε = %.3g, iterations %d, converged %v; bound(p_τ) %.5f; Proesmans W_min %.5f",
			n, r.Work, r.WorkErr, r.ErrorRate, r.Iterations, r.Converged, erasure.LandauerBound(r.ErrorRate)+w2/tau, erasure.LandauerBound(r.ErrorRate)+w2f/tau)
	}
}
