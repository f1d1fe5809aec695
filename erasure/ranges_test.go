package erasure

import (
	"strings"
	"testing"
)

// TestExtremeValuesRefusedNamingKey is the regression test of finite but
// extreme values that passed validation and gave NaN results with exit 0
// (barrier = 1000, friction = 1e-300, mass = 1e-300, tilt = 1e300) or a
// sampler that never ended (barrier = 1e300, temperature = 1e-300): each is
// now an error naming its key.
func TestExtremeValuesRefusedNamingKey(t *testing.T) {
	base := func(potential, dynamics string) string {
		return "[potential]\nkind = \"jun\"\n" + potential + "\n[protocol]\nkind = \"four-stage\"\nduration = 1.0\n[dynamics]\n" + dynamics + "\n"
	}
	cases := []struct{ text, key string }{
		{base("barrier = 1000.0", ""), "potential.barrier"},
		{base("barrier = 1e300", ""), "potential.barrier"},
		{base("tilt = 1e300", ""), "potential.tilt"},
		{base("", "friction = 1e-300"), "dynamics.friction"},
		{base("", "kind = \"underdamped\"\nmass = 1e-300"), "dynamics.mass"},
		{base("", "temperature = 1e-300"), "dynamics.temperature"},
		{base("barrier = 100.0", "temperature = 0.01"), "potential.barrier"}, // 1e4 kT
		{base("", "kelvin = 1e300"), "dynamics.kelvin"},
		{"[potential]\nkind = \"double-parabola\"\nx1 = 100.0\n[protocol]\nkind = \"hold\"\nduration = 1.0\n", "potential.x1"},
		{"[potential]\nkind = \"lifted\"\n[protocol]\nkind = \"lift-one-well\"\nduration = 1.0\nheight = 1e300\n", "protocol.height"},
		{"[potential]\nkind = \"jun\"\n[protocol]\nkind = \"keyframes\"\nduration = 1.0\n[protocol.keyframes]\nf = [[0, 0], [1, 1e300]]\n", "protocol.keyframes.f"},
		{base("", "") + "[measure]\ndivide = 1e300\n", "measure.divide"},
		{base("", "") + "[ensemble]\nworkers = 100000000\n", "ensemble.workers"},
		{base("", "") + "[ensemble]\ntrajectories = 9223372036854775807\n", "ensemble.trajectories"},
	}
	for _, c := range cases {
		cfg, err := ParseConfig([]byte(c.text))
		if err != nil {
			t.Fatalf("%s: %v", c.key, err)
		}
		_, err = cfg.Study()
		if err == nil || !strings.Contains(err.Error(), c.key) {
			t.Errorf("%s: got %v, want an error naming the key", c.key, err)
		}
	}
	// The ends of the ranges are accepted: a 700 kT barrier, a 1e-6 friction.
	for _, text := range []string{base("barrier = 700.0", ""), base("", "friction = 1e-6"), base("barrier = 7.0", "temperature = 0.01")} {
		cfg, err := ParseConfig([]byte(text))
		if err == nil {
			_, err = cfg.Study()
		}
		if err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}
