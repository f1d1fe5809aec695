package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/wells"
)

// ssConfig drags a harmonic trap 0 → 1 in t_f = 1 (Schmiedl–Seifert:
// W* = 1/3 kT).
const ssConfig = `
[potential]
kind = "harmonic"
[optimize]
duration = 1.0
class = "asymmetric"
controls = ["center"]
nodes = 6
cells = 120
steps = 200
[optimize.end]
center = 1.0
[ensemble]
trajectories = 2000
[solver]
cells = 300
dt = 2e-3
`

// TestOptimizeJSONAndStudy: the JSON fields, the files --out writes, and
// that `landauer run` runs the written optimum.toml by Fokker–Planck to
// the same ⟨W⟩ (the same solve: equal to rounding of the printed digits).
func TestOptimizeJSONAndStudy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	out, errs, code := runCLI(t, "optimize", "--config", writeFile(t, "ss.toml", ssConfig), "--format", "json", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"work_mean", "work_err", "error_rate", "error_rate_err", "class", "duration", "iterations", "converged", "constraint_active"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	// 1/3 within the discretisation (see erasure/optimal's TestSchmiedlSeifert)
	if w := m["work_mean"].(float64); math.Abs(w-1.0/3) > 4*m["work_err"].(float64)+3e-4 {
		t.Errorf("work_mean %v, want 1/3", w)
	}
	for _, f := range []string{"optimum.toml", "paths.png", "paths.csv", "density.png", "density.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out: %v", err)
		}
	}
	if !strings.Contains(errs, "round 0") {
		t.Errorf("no progress lines on stderr: %q", errs)
	}
	rout, rerrs, code := runCLI(t, "run", "--config", filepath.Join(dir, "optimum.toml"), "--method", "fokker-planck", "--format", "json")
	if code != 0 {
		t.Fatalf("run optimum.toml: exit %d: %s", code, rerrs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(rout), &r); err != nil {
		t.Fatal(err)
	}
	if r["work_mean"].(float64) != m["work_mean"].(float64) {
		t.Errorf("run optimum.toml: ⟨W⟩ %v, optimize said %v", r["work_mean"], m["work_mean"])
	}
	if _, _, code := runCLI(t, "run", "--config", filepath.Join(dir, "optimum.toml"), "--trajectories", "200"); code != 0 {
		t.Errorf("Monte Carlo run of optimum.toml: exit %d", code)
	}
}

// TestOptimizeExitCodes: bad input exits 2, an unreachable error 1 with
// the best error in the message.
func TestOptimizeExitCodes(t *testing.T) {
	bad := []struct{ args []string }{
		{[]string{"optimize"}},
		{[]string{"optimize", "--config", writeFile(t, "a.toml", ssConfig), "--format", "csv"}},
		{[]string{"optimize", "--config", writeFile(t, "b.toml", strings.Replace(ssConfig, `"asymmetric"`, `"fast"`, 1))}},
		{[]string{"optimize", "--config", writeFile(t, "c.toml", strings.Replace(ssConfig, "duration = 1.0", "duration = 0.0", 1))}},
		{[]string{"optimize", "--config", writeFile(t, "d.toml", strings.Replace(ssConfig, "[optimize]", "[protocol]", 1))}},
		{[]string{"optimize", "--config", filepath.Join(t.TempDir(), "missing.toml")}},
	}
	for _, b := range bad {
		if _, errs, code := runCLI(t, b.args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", b.args, code, errs)
		}
	}
	infeasible := `
[potential]
kind = "jun"
barrier = 10
[optimize]
duration = 0.2
class = "asymmetric"
controls = ["g", "f"]
nodes = 3
max_error = 1e-12
cells = 80
steps = 60
starts = ["palindrome"]
[optimize.bounds]
g = [0.0, 1.0]
f = [-0.3, 0.3]
[solver]
cells = 200
`
	out, errs, code := runCLI(t, "optimize", "--config", writeFile(t, "inf.toml", infeasible), "--quiet")
	if code != 1 || !strings.Contains(errs, "cannot meet max_error = 1e-12: the best error reached is") || !strings.Contains(out, "infeasible") {
		t.Errorf("infeasible: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestOptimizeFront: a list of durations gives one optimisation each, in
// order, each at the Schmiedl–Seifert W* = 1/(t_f + 2), and --out numbers
// the studies.
func TestOptimizeFront(t *testing.T) {
	dir := t.TempDir()
	cfg := strings.Replace(ssConfig, "duration = 1.0", "duration = [0.5, 2.0]", 1)
	out, errs, code := runCLI(t, "optimize", writeFile(t, "f.toml", cfg), "--format", "json", "--quiet", "--out", dir) // the config as an argument
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), out)
	}
	for i, tf := range []float64{0.5, 2} {
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &m); err != nil {
			t.Fatal(err)
		}
		if m["duration"].(float64) != tf {
			t.Errorf("line %d: duration %v, want %v", i, m["duration"], tf)
		}
		if w := m["work_mean"].(float64); math.Abs(w-1/(tf+2)) > 4*m["work_err"].(float64)+3e-4 {
			t.Errorf("t_f = %v: work_mean %v, want %v", tf, w, 1/(tf+2))
		}
		if _, err := os.Stat(filepath.Join(dir, "optimum-"+string(rune('1'+i))+".toml")); err != nil {
			t.Error(err)
		}
	}
	if errs != "" {
		t.Errorf("--quiet printed %q", errs)
	}
}

// An erasure optimum reports the finite-time full-control bound
// ln 2 − H(ε) + W₂²/(Dτ) of its bit at the ε it reached: above Landauer's
// ln 2 − H(ε), below the optimum (g and f are fewer controls than full
// control), and the value proesmans2020.FullControlBound gives. A 4 kT bit on a coarse
// grid (a second).
func TestOptimizeFullControlBound(t *testing.T) {
	cfg := `[potential]
kind = "jun"
barrier = 4
[optimize]
duration = 2.0
class = "asymmetric"
controls = ["g", "f"]
max_error = 0.05
nodes = 3
cells = 100
steps = 200
starts = ["four-stage"]
[optimize.bounds]
g = [-1.0, 2.0]
f = [-2.0, 2.0]
[solver]
cells = 200
dt = 0.005
`
	out, errs, code := runCLI(t, "optimize", "--config", writeFile(t, "fc.toml", cfg), "--format", "json", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]float64
	dec := json.NewDecoder(strings.NewReader(out))
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	m = map[string]float64{}
	for k, v := range raw {
		if f, ok := v.(float64); ok {
			m[k] = f
		}
	}
	fcb, ok := m["full_control_bound"]
	if !ok {
		t.Fatalf("JSON lacks full_control_bound: %s", out)
	}
	pot := wells.Jun{Barrier: 4, Tilt: 1}
	fc, err := proesmans2020.FullControlBound(pot, pot.Rest(), 1, 1, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := fc(m["error_rate"], 2); fcb != want {
		t.Errorf("full_control_bound %v, want %v", fcb, want)
	}
	if !(fcb > m["landauer_bound"] && fcb < m["work_mean"]-4*m["work_err"]) {
		t.Errorf("full_control_bound %v outside (landauer_bound %v, work_mean %v)", fcb, m["landauer_bound"], m["work_mean"])
	}
}
