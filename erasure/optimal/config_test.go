package optimal

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
)

const mcConfig = `
[potential]
kind = "jun"
barrier = 8

[optimize]
duration = 1.0
class = "asymmetric"
controls = ["g", "f"]
nodes = 4
max_error = 1e-2
cells = 160
steps = 400
starts = ["palindrome"]
[optimize.bounds]
g = [-0.5, 1.5]
f = [-1.5, 1.5]

[dynamics]
dt = 2.5e-4

[ensemble]
trajectories = 20000
seed = 17

[solver]
cells = 800
dt = 1e-3
`

// TestOptimumRunsAsStudy optimises a countable-error erasure (8 kT jun
// bit, τ = 1, ε ≤ 1e-2) from a config, writes the optimum as a study
// (StudyTOML), reads it back as an ordinary erasure study and runs it by
// Monte Carlo: ⟨W⟩ agrees with the optimiser's Fokker–Planck value within
// 5 Monte Carlo standard errors plus the Fokker–Planck discretisation
// error, and ε within 5 binomial standard errors plus its discretisation
// error (as erasure's cross-validation test; dt = 2.5e-4 keeps the
// Euler–Maruyama bias of ⟨W⟩ near 0.004 kT, below half a standard error).
func TestOptimumRunsAsStudy(t *testing.T) {
	cfg, err := ParseConfig([]byte(mcConfig))
	if err != nil {
		t.Fatal(err)
	}
	probs, set, err := cfg.Problems()
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 1 || set.Cells != 160 || set.Steps != 400 {
		t.Fatalf("problems %d, settings %+v", len(probs), set)
	}
	r, err := Optimize(context.Background(), probs[0], set)
	if err != nil {
		t.Fatal(err)
	}
	data, err := StudyTOML(cfg, r)
	if err != nil {
		t.Fatal(err)
	}
	ec, err := erasure.ParseConfig(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	s, err := ec.Study()
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		s.Trajectories = 8000
	}
	if s.Protocol.Kind() != erasure.KindKeyframes || s.Method != erasure.MonteCarlo {
		t.Errorf("study: protocol %s, method %s", s.Protocol.Kind(), s.Method)
	}
	mc, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(mc.Work.Value - r.Work); d > 5*mc.Work.StandardError()+r.WorkErr {
		t.Errorf("⟨W⟩ Monte Carlo %.4f ± %.4f, Fokker–Planck optimum %.4f ± %.2g", mc.Work.Value, mc.Work.StandardError(), r.Work, r.WorkErr)
	}
	n := float64(mc.Trajectories)
	se := math.Sqrt(r.ErrorRate * (1 - r.ErrorRate) / n)
	if d := math.Abs(mc.ErrorRate.Value - r.ErrorRate); d > 5*se+r.ErrorRateErr {
		t.Errorf("ε Monte Carlo %.4g (%d of %v), Fokker–Planck optimum %.4g ± %.2g", mc.ErrorRate.Value, mc.Errors, n, r.ErrorRate, r.ErrorRateErr)
	}
	if r.ErrorRate > 1e-2 {
		t.Errorf("optimum ε = %v > 1e-2", r.ErrorRate)
	}
	t.Logf("⟨W⟩ MC %.4f ± %.4f, FP %.4f ± %.1g; ε MC %.4g (%d), FP %.4g; active %v",
		mc.Work.Value, mc.Work.StandardError(), r.Work, r.WorkErr, mc.ErrorRate.Value, mc.Errors, r.ErrorRate, r.ConstraintActive)
}

// TestConfigLists: lists of durations and errors give one problem per
// pair, durations outer.
func TestConfigLists(t *testing.T) {
	src := strings.Replace(mcConfig, "duration = 1.0", "duration = [1, 2.5]", 1)
	src = strings.Replace(src, "max_error = 1e-2", "max_error = [1e-2, 1e-3, 1e-4]", 1)
	cfg, err := ParseConfig([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	probs, _, err := cfg.Problems()
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 6 {
		t.Fatalf("%d problems, want 6", len(probs))
	}
	for i, p := range probs {
		tau, eps := []float64{1, 2.5}[i/3], []float64{1e-2, 1e-3, 1e-4}[i%3]
		if p.Duration != tau || p.MaxError != eps || p.Study.Protocol.Duration() != tau {
			t.Errorf("problem %d: τ %v ε %v, want %v %v", i, p.Duration, p.MaxError, tau, eps)
		}
	}
}

// TestConfigErrors: bad configs give one-line errors naming the key.
func TestConfigErrors(t *testing.T) {
	cases := []struct{ edit, want string }{
		{"duration = 1.0|duration = -1.0", "optimize.duration must be > 0, got -1"},
		{"duration = 1.0|duration = \"long\"", "optimize.duration must be a number or a list of numbers"},
		{"duration = 1.0|duration = []", "optimize.duration is an empty list"},
		{"duration = 1.0|", "optimize.duration is missing"},
		{"max_error = 1e-2|max_error = 0.6", "optimize.max_error must be in (0, 0.5), got 0.6"},
		{"nodes = 4|nodes = 0", "optimize.nodes must be in [1, 1000], got 0"},
		{"nodes = 4|node = 4", "unknown key optimize.node"},
		{"g = [-0.5, 1.5]|g = [1]", "optimize.bounds.g must be [low, high], got [1]"},
		{"cells = 160|cells = 5", "optimize.cells must be >= 20, got 5"},
		{"barrier = 8|barrier = -8", "barrier must be finite and > 0"},
		{"dt = 2.5e-4|dt = 5.0", "dynamics.dt = 5 exceeds protocol.duration = 1"},
		{"[optimize]|[protocol]", "unknown key protocol"},
	}
	for _, tc := range cases {
		parts := strings.SplitN(tc.edit, "|", 2)
		src := strings.Replace(mcConfig, parts[0], parts[1], 1)
		cfg, err := ParseConfig([]byte(src))
		if err == nil {
			_, _, err = cfg.Problems()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: got %v, want %q", tc.edit, err, tc.want)
		}
	}
}
