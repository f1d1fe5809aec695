package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// run shows plain progress lines with an ETA on a non-terminal stderr and
// nothing with --quiet; the result is the same either way.
func TestRunProgress(t *testing.T) {
	out, errs, code := runCLI(t, "run", "--trajectories", "4000", "--set", "protocol.duration=1", "--progress", "1ns", "--format", "json", "--seed", "3")
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1]
	if len(lines) < 2 || !strings.HasPrefix(last, "run: ") || !strings.Contains(last, "100.0% done") || !strings.HasSuffix(last, "ETA 0s") {
		t.Errorf("progress lines:\n%s", errs)
	}
	if strings.ContainsAny(errs, "\r\033") {
		t.Error("terminal control characters in plain progress lines")
	}
	qout, qerrs, code := runCLI(t, "run", "--trajectories", "4000", "--set", "protocol.duration=1", "--progress", "1ns", "--format", "json", "--seed", "3", "--quiet")
	if code != 0 || qerrs != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, qerrs)
	}
	var a, b struct {
		WorkMean  float64 `json:"work_mean"`
		Errors    int64   `json:"errors"`
		Histogram any     `json:"work_histogram"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(qout), &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("--quiet changed the result: %+v, %+v", a, b)
	}
}

// optimize shows its progress (optimal's cost model through a meter) as
// plain lines with an ETA on a non-terminal stderr, the per-round messages
// beside them, and nothing with --quiet; the result is the same either way.
func TestOptimizeProgress(t *testing.T) {
	cfg := writeFile(t, "ss.toml", ssConfig)
	out, errs, code := runCLI(t, "optimize", cfg, "--format", "json", "--progress", "1ns")
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(errs, "optimize 1/1: start ") || !strings.Contains(errs, "% done, ") || !strings.Contains(errs, "cell-steps/s") ||
		!strings.Contains(errs, "ETA ") || !strings.Contains(errs, "optimize 1/1 (asymmetric, τ = 1): start ") {
		t.Errorf("progress lines:\n%s", errs)
	}
	if strings.ContainsAny(errs, "\r\033") {
		t.Error("terminal control characters in plain progress lines")
	}
	qout, qerrs, code := runCLI(t, "optimize", cfg, "--format", "json", "--quiet")
	if code != 0 || qerrs != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, qerrs)
	}
	if out != qout {
		t.Errorf("--quiet changed the result:\n%s\n%s", out, qout)
	}
}
