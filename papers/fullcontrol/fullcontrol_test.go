package fullcontrol

import (
	"context"
	"flag"
	"math"
	"testing"
)

var long = flag.Bool("long", false, "run the comparison at every τ of Durations(false) on the finer grids (minutes)")

// TestOrdering: at each τ the costs are ordered as the families nest and as
// the bounds say, each within 4 discretisation errors:
//
//	Table II protocol ≥ g, f optimum ≥ shaped optimum ≥ W_min − H(ε_max),
//	W_min ≤ W_min,leq,
//
// the shaped family containing the jun keyframes (s = 0) and W_min being
// the least work over every potential for ε = 0 (ending with ε ≤ ε_max
// saves at most kT H(ε_max)). And the g, f optimum lies strictly between
// full control and the experiment's protocol in Table I's unit:
// 1.8 < coefficient < 5.67 (Proesmans et al.: full control 1.82, Jun et
// al.'s protocol 5.67).
func TestOrdering(t *testing.T) {
	su := Setup{Quick: !*long}
	rows, err := Run(context.Background(), su)
	if err != nil {
		t.Fatal(err)
	}
	h := -MaxError*math.Log(MaxError) - (1-MaxError)*math.Log1p(-MaxError)
	for _, r := range rows {
		t.Logf("τ = %g: Table II %.4f, g,f %.4f ± %.1g (coefficient %.3f), shaped %.4f ± %.1g (%.3f), W_min %.4f ± %.1g (%.3f), W_min,leq %.4f (%.3f)",
			r.Tau, r.TableII, r.Experiment, r.ExpErr, r.Coefficient(r.Experiment), r.Shaped, r.ShapedErr, r.Coefficient(r.Shaped),
			r.WMin, r.WMinErr, r.Coefficient(r.WMin), r.WMinLeq, r.Coefficient(r.WMinLeq))
		if r.TableII < r.Experiment-4*math.Hypot(r.TableIIErr, r.ExpErr) {
			t.Errorf("τ = %g: Table II %.4f below the g, f optimum %.4f", r.Tau, r.TableII, r.Experiment)
		}
		if r.Experiment < r.Shaped-4*math.Hypot(r.ExpErr, r.ShapedErr) {
			t.Errorf("τ = %g: g, f optimum %.4f below the shaped one %.4f", r.Tau, r.Experiment, r.Shaped)
		}
		if r.Shaped < r.WMin-h-4*math.Hypot(r.ShapedErr, r.WMinErr) {
			t.Errorf("τ = %g: shaped optimum %.4f below W_min − H(ε_max) = %.4f", r.Tau, r.Shaped, r.WMin-h)
		}
		if r.WMin > r.WMinLeq+4*r.WMinErr {
			t.Errorf("τ = %g: W_min %.4f above W_min,leq %.4f", r.Tau, r.WMin, r.WMinLeq)
		}
		if c := r.Coefficient(r.Experiment); !(c > 1.8 && c < 5.67) {
			t.Errorf("τ = %g: g, f optimum coefficient %.3f outside (1.8, 5.67)", r.Tau, c)
		}
	}
}
