package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The NaN reproductions: a 15 kT jun bit, four-stage, τ = 8, with
// dt = 0.05 or 0.012, beyond the stability limit (≈ 1.8e-3): vet, run and
// a sweep through such a point refuse it with exit 2 and one line naming
// dynamics.dt, the limit and a suggested value.
func TestUnstableDtRefused(t *testing.T) {
	for _, dt := range []string{"0.05", "0.012"} {
		cfg := writeFile(t, "s.toml", `
[potential]
kind = "jun"
barrier = 15.0
[protocol]
kind = "four-stage"
duration = 8.0
[dynamics]
dt = `+dt+`
[ensemble]
trajectories = 1000
`)
		for _, cmd := range []string{"vet", "run"} {
			out, errs, code := runCLI(t, cmd, "--config", cfg)
			if code != 2 {
				t.Errorf("%s dt = %s: exit %d, want 2 (stdout %q)", cmd, dt, code, out)
			}
			msg := strings.TrimSpace(errs)
			for _, want := range []string{"dynamics.dt = " + dt, "stability limit", "use dynamics.dt = "} {
				if !strings.Contains(msg, want) {
					t.Errorf("%s dt = %s: message %q lacks %q", cmd, dt, msg, want)
				}
			}
			if strings.Count(msg, "\n") != 0 {
				t.Errorf("%s: message is not one line: %q", cmd, msg)
			}
		}
	}
	spec := writeFile(t, "sweep.toml", `
[potential]
kind = "jun"
barrier = 15.0
[protocol]
kind = "four-stage"
duration = 8.0
[ensemble]
trajectories = 100
[sweep]
name = "dt"
[[sweep.axis]]
key = "dynamics.dt"
values = [0.001, 0.012]
`)
	_, errs, code := runCLI(t, "vet", spec)
	if code != 2 || !strings.Contains(errs, "point 1") || !strings.Contains(errs, "dynamics.dt = 0.012") {
		t.Errorf("vet of a sweep with an unstable point: exit %d, %q; want 2 naming point 1", code, errs)
	}
	dir := t.TempDir()
	_, errs, code = runCLI(t, "sweep", spec, "--out", dir)
	if code != 2 || !strings.Contains(errs, "dynamics.dt = 0.012") {
		t.Errorf("sweep with an unstable point: exit %d, %q; want 2", code, errs)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "points", "*.json")); len(m) != 0 {
		t.Errorf("sweep with an unstable point ran points: %v", m)
	}
}

// A run that passes the stability check but whose trajectories become
// non-finite (a trap turned into an inverted parabola of stiffness −5000,
// which throws every particle past the largest float64 before t = 1)
// fails with exit 1, one line counting the failed trajectories and naming
// dynamics.dt, and writes no result file.
func TestNonFiniteRunFails(t *testing.T) {
	cfg := writeFile(t, "s.toml", `
[potential]
kind = "harmonic"
[protocol]
kind = "keyframes"
duration = 2.0
[protocol.keyframes]
stiffness = [[0, 1], [0.1, 1], [0.1, -5000], [2, -5000]]
[dynamics]
dt = 0.01
[ensemble]
trajectories = 500
`)
	if _, errs, code := runCLI(t, "vet", "--config", cfg); code != 0 {
		t.Fatalf("vet: exit %d, %s: the case must pass the stability check", code, errs)
	}
	outFile := filepath.Join(t.TempDir(), "r.json")
	out, errs, code := runCLI(t, "run", "--config", cfg, "--format", "json", "-o", outFile)
	if code != 1 {
		t.Errorf("exit %d, want 1; stdout %q stderr %q", code, out, errs)
	}
	for _, want := range []string{"500 of the 500 trajectories", "non-finite", "dynamics.dt"} {
		if !strings.Contains(errs, want) {
			t.Errorf("message %q lacks %q", errs, want)
		}
	}
	if _, err := os.Stat(outFile); err == nil {
		t.Error("a failed run wrote its result file")
	}
}

// No output format writes NaN, Inf or null: a single trajectory (no
// standard errors), an error-free erasure (no symmetric bound) and a
// Fokker–Planck result leave the quantities that do not exist out of the
// JSON and empty in the CSV; the JSON carries the checks and the bias.
func TestNoNonFiniteInOutput(t *testing.T) {
	cfg := writeFile(t, "s.toml", small)
	for _, args := range [][]string{
		{"--trajectories", "1"},
		{"--trajectories", "600"},
		{"--method", "fokker-planck"},
	} {
		for _, format := range []string{"json", "csv", "table"} {
			out, errs, code := runCLI(t, append([]string{"run", "--config", cfg, "--format", format}, args...)...)
			if code != 0 {
				t.Fatalf("%v %s: exit %d: %s", args, format, code, errs)
			}
			low := strings.ToLower(out)
			for _, bad := range []string{"nan", "inf", "null"} {
				if strings.Contains(low, bad) {
					t.Errorf("%v %s output contains %q:\n%s", args, format, bad, out)
				}
			}
			if format != "json" || args[0] != "--trajectories" || args[1] != "600" {
				continue
			}
			var r map[string]any
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"work_bias", "work_bias_sem", "heat_bias", "error_rate_bias", "checks", "integrator", "weak_order"} {
				if _, ok := r[k]; !ok {
					t.Errorf("JSON lacks %q", k)
				}
			}
			for _, k := range []string{"work_err", "heat_err", "error_rate_err", "kinetic_temperature_bias"} {
				if _, ok := r[k]; ok {
					t.Errorf("Monte Carlo overdamped JSON has %q, which does not apply", k)
				}
			}
		}
	}
}

// A check off by more than 4 standard errors is a warning on stderr that
// names the check and dynamics.dt: Euler–Maruyama near its stability
// limit in a 4 kT quartic well held from equilibrium does not keep the
// Boltzmann density (its stationary variance is kT/(k(1 − k dt/2)),
// PHYSICS.md §2), so ⟨ΔU⟩ ≈ +0.043 kT, 17 standard errors at n = 2e5
// and about 12 at the 1e5 here (measured); at a tenth of the step the
// warning is gone.
func TestCheckWarning(t *testing.T) {
	conf := func(dt string) string {
		return writeFile(t, "s.toml", `
[potential]
kind = "quartic"
barrier = 4.0
[protocol]
kind = "hold"
duration = 2.0
[dynamics]
integrator = "euler-maruyama"
dt = `+dt+`
[ensemble]
trajectories = 100000
seed = 3
`)
	}
	_, errs, code := runCLI(t, "run", "--config", conf("0.005"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "warning: Boltzmann check of the hold") || !strings.Contains(errs, "reduce dynamics.dt") {
		t.Errorf("no warning for an off check: stderr %q", errs)
	}
	_, errs, _ = runCLI(t, "run", "--config", conf("0.0005"), "--format", "json", "--trajectories", "20000")
	if strings.Contains(errs, "warning") {
		t.Errorf("warning at a small dt: %q", errs)
	}
	// a sweep prints it for the point
	spec, err := os.ReadFile(conf("0.005"))
	if err != nil {
		t.Fatal(err)
	}
	sweep := writeFile(t, "sweep.toml", strings.Replace(string(spec), "seed = 3", "", 1)+`
[sweep]
name = "warn"
seed = 3
[[sweep.axis]]
key = "ensemble.trajectories"
values = [100000]
`)
	_, errs, code = runCLI(t, "sweep", sweep, "--out", t.TempDir())
	if code != 0 || !strings.Contains(errs, "point 0: Boltzmann check of the hold") || !strings.Contains(errs, "reduce dynamics.dt") {
		t.Errorf("sweep: exit %d, no warning for an off check: stderr %q", code, errs)
	}
}
