package erasure

import (
	"math"
	"testing"
)

// closeRel reports whether got is within rel (relative) of want.
func closeRel(got, want, rel float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), math.Abs(got))
}

// A check off by many standard errors is reported, unless its weights have
// too few effective samples for their standard error to be trusted.
func TestWarningsNeedEffectiveSamples(t *testing.T) {
	r := &Result{Dt: 1e-3, Checks: map[string]Check{
		CheckDetailedJarzynski: {Value: 0.2, SEM: 0.05, Expected: 0.5, Z: -6, EffectiveSamples: 12},
	}}
	if w := r.Warnings(); len(w) != 0 {
		t.Errorf("warned on a check with 12 effective samples: %q", w)
	}
	c := r.Checks[CheckDetailedJarzynski]
	c.EffectiveSamples = 5000
	r.Checks[CheckDetailedJarzynski] = c
	if w := r.Warnings(); len(w) != 1 {
		t.Errorf("no warning on a check 6 SE off with 5000 effective samples: %q", w)
	}
}
