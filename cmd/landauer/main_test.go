package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// dataLines is the lines of a CSV text that are not "#" comments.
func dataLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const small = `
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 1.0
[ensemble]
trajectories = 600
seed = 3
`

func TestRunJSONFields(t *testing.T) {
	out, errs, code := runCLI(t, "run", "--config", writeFile(t, "s.toml", small), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"work_mean", "work_sem", "heat_mean", "heat_sem", "error_rate", "error_low",
		"error_high", "landauer_bound", "jarzynski", "trajectories", "steps", "seconds"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON output lacks %q", k)
		}
	}
	if m["trajectories"].(float64) != 600 || m["steps"].(float64) != 1000 {
		t.Errorf("trajectories/steps = %v/%v, want 600/1000", m["trajectories"], m["steps"])
	}
	if _, ok := m["kinetic_temperature"]; ok {
		t.Error("overdamped run reports a kinetic temperature")
	}
}

func TestRunUnderdampedFields(t *testing.T) {
	cfg := writeFile(t, "u.toml", small+"[dynamics]\nkind = \"underdamped\"\n")
	out, errs, code := runCLI(t, "run", "--config", cfg, "--format", "json", "--trajectories", "200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kinetic_temperature", "shadow_work_mean"} {
		if _, ok := m[k]; !ok {
			t.Errorf("underdamped JSON output lacks %q", k)
		}
	}
}

// Flags override the config; the seed changes the numbers, workers do not.
func TestRunFlags(t *testing.T) {
	cfg := writeFile(t, "s.toml", small)
	get := func(args ...string) map[string]any {
		out, errs, code := runCLI(t, append([]string{"run", "--config", cfg, "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var m map[string]any
		json.Unmarshal([]byte(out), &m)
		delete(m, "seconds")
		return m
	}
	a, b, c := get("--workers", "1"), get("--workers", "2"), get("--seed", "4")
	if a["work_mean"] != b["work_mean"] || a["error_rate"] != b["error_rate"] {
		t.Errorf("--workers changed the result: %v vs %v", a["work_mean"], b["work_mean"])
	}
	if a["work_mean"] == c["work_mean"] || c["seed"].(float64) != 4 {
		t.Errorf("--seed 4 did not change the result")
	}
}

func TestRunTableAndCSV(t *testing.T) {
	cfg := writeFile(t, "s.toml", small)
	out, _, code := runCLI(t, "run", "--config", cfg)
	if code != 0 || !strings.Contains(out, "work ⟨W⟩") || !strings.Contains(out, " eV") || !strings.Contains(out, " J") {
		t.Errorf("table output (exit %d) lacks work in kT/eV/J:\n%s", code, out)
	}
	out, _, code = runCLI(t, "run", "--config", cfg, "--format", "csv")
	lines := dataLines(out)
	if code != 0 || len(lines) != 2 || !strings.Contains(lines[0], ",work_mean,") || !strings.Contains(out, "\n# units: duration=t0,work_mean=kT,") ||
		!strings.Contains(out, "\n# generator: ") || !strings.Contains(out, "\n# config: [potential]\n") {
		t.Errorf("csv output (exit %d) is not provenance and units comments, a header and one row:\n%s", code, out)
	}
}

// Bad input: one line naming the field, exit status 2, and no output file.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	outFile := filepath.Join(dir, "result.json")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown kind", []string{"--config", writeFile(t, "a.toml", strings.Replace(small, `"jun"`, `"junn"`, 1))}, "junn"},
		{"negative dt", []string{"--config", writeFile(t, "b.toml", small+"[dynamics]\ndt = -1e-3\n")}, "dynamics.dt"},
		{"NaN", []string{"--config", writeFile(t, "c.toml", small+"[dynamics]\nfriction = nan\n")}, "dynamics.friction"},
		{"missing duration", []string{"--config", writeFile(t, "d.toml", strings.Replace(small, "duration = 1.0", "", 1))}, "protocol.duration"},
		{"missing file", []string{"--config", filepath.Join(dir, "nope.toml")}, "nope.toml"},
		{"format", []string{"--format", "xml"}, "--format"},
		{"workers", []string{"--workers", "-2"}, "--workers"},
		{"trajectories", []string{"--trajectories", "0"}, "--trajectories"},
		{"method", []string{"--method", "magic"}, "solver.method"},
		{"flag", []string{"--bogus"}, "bogus"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, append(append([]string{"run"}, c.args...), "-o", outFile)...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		last := lines[len(lines)-1]
		if code != 2 || !strings.Contains(last, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and a line naming %q", c.name, code, errs, c.want)
		}
		if _, err := os.Stat(outFile); err == nil {
			t.Errorf("%s: output file written despite the error", c.name)
		}
	}
	if _, _, code := runCLI(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
}

// An interrupted run leaves no output file.
func TestInterruptedRunWritesNothing(t *testing.T) {
	outFile := filepath.Join(t.TempDir(), "r.json")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var so, se bytes.Buffer
	err := run(ctx, []string{"run", "--config", writeFile(t, "s.toml", small), "-o", outFile}, &so, &se)
	if err == nil {
		t.Fatal("cancelled run succeeded")
	}
	if _, err := os.Stat(outFile); err == nil {
		t.Error("interrupted run wrote its output file")
	}
}

func TestOutputFile(t *testing.T) {
	outFile := filepath.Join(t.TempDir(), "r.json")
	_, errs, code := runCLI(t, "run", "--config", writeFile(t, "s.toml", small), "--format", "json", "-o", outFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(outFile)
	if err != nil || !json.Valid(data) {
		t.Errorf("output file missing or not JSON: %v", err)
	}
}

func TestVetAndHelp(t *testing.T) {
	out, errs, code := runCLI(t, "vet", "--config", writeFile(t, "s.toml", small))
	if code != 0 || !strings.Contains(out, "600 trajectories × 1000 steps") {
		t.Errorf("vet: exit %d, %q %q", code, out, errs)
	}
	if _, _, code := runCLI(t, "vet", "--config", writeFile(t, "b.toml", small+"[dynamics]\ndt = 0\n")); code != 2 {
		t.Errorf("vet of a bad config: exit %d, want 2", code)
	}
	for _, topic := range []string{"config", "potentials", "protocols"} {
		out, _, code := runCLI(t, "help", topic)
		if code != 0 || len(out) < 100 {
			t.Errorf("help %s: exit %d, %d bytes", topic, code, len(out))
		}
	}
	out, _, _ = runCLI(t, "help", "potentials")
	for _, k := range []string{"jun", "quartic", "lifted", "double-parabola", "harmonic", "asymmetric"} {
		if !strings.Contains(out, k) {
			t.Errorf("help potentials lacks %q", k)
		}
	}
	if _, _, code := runCLI(t, "run", "--help"); code != 0 {
		t.Errorf("run --help: exit %d, want 0", code)
	}
}

// The embedded default study runs (with fewer trajectories, for speed).
func TestDefaultStudyRuns(t *testing.T) {
	out, errs, code := runCLI(t, "run", "--trajectories", "512", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["potential"] != "jun" || m["protocol"] != "four-stage" {
		t.Errorf("default study is %v/%v, want jun/four-stage", m["potential"], m["protocol"])
	}
	// Work can never fall below the Landauer bound by more than 5 SE.
	if w, b, se := m["work_mean"].(float64), m["landauer_bound"].(float64), m["work_sem"].(float64); w < b-5*se {
		t.Errorf("⟨W⟩ = %v ± %v below the bound %v", w, se, b)
	}
}
