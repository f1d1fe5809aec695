package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// learnedProtocol is NESTbench25's learned erasure protocol, kept beside the
// repository (../shared/data relative to its root).
const learnedProtocol = "../../../shared/data/nestbench25-erasure-learned.dat"

func TestPaperList(t *testing.T) {
	out, errs, code := runCLI(t, "paper", "--list")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"nestbench25", "jun2014", "berut2012", "gavrilov2016", "Phys. Rev. Lett. 113, 190601", "Nature 483, 187"} {
		if !strings.Contains(out, want) {
			t.Errorf("paper --list lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := runCLI(t, "paper", "--help"); code != 0 {
		t.Errorf("paper --help: exit %d", code)
	}
}

// landauer paper nestbench25 --format json prints error_rate with its
// interval, work_mean and heat_mean, and writes the figure with its CSV.
func TestPaperNestbench25JSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "figs")
	out, errs, code := runCLI(t, "paper", "nestbench25", "--trajectories", "300", "--seed", "2", "--out", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"error_rate", "error_low", "error_high", "work_mean", "heat_mean"} {
		if _, ok := m[k].(float64); !ok {
			t.Errorf("JSON lacks the number %q: %v", k, m[k])
		}
	}
	if m["error_low"].(float64) > m["error_rate"].(float64) || m["error_rate"].(float64) > m["error_high"].(float64) {
		t.Errorf("error_rate %v outside [%v, %v]", m["error_rate"], m["error_low"], m["error_high"])
	}
	if m["trajectories"] != 300.0 {
		t.Errorf("trajectories = %v, want 300", m["trajectories"])
	}
	for _, f := range []string{"nestbench25.png", "nestbench25.svg", "nestbench25.tex", "nestbench25.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	// Flags before the name work too, and --out "" writes nothing.
	out, errs, code = runCLI(t, "paper", "--trajectories", "100", "--out", "", "nestbench25")
	if code != 0 || !strings.Contains(out, "error rate P(x > 0)") || strings.Contains(out, "files") {
		t.Errorf("exit %d, table:\n%s\n%s", code, out, errs)
	}
}

// The learned protocol from ../shared/data, read with --protocol-file.
func TestPaperProtocolFile(t *testing.T) {
	if _, err := os.Stat(learnedProtocol); err != nil {
		t.Skipf("learned protocol not found at %s (it lives in ../shared/data beside the repository): %v", learnedProtocol, err)
	}
	out, errs, code := runCLI(t, "paper", "nestbench25", "--protocol-file", learnedProtocol, "--trajectories", "2000", "--out", "", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["protocol"] != filepath.Base(learnedProtocol) || m["protocol_rows"] != 1000.0 {
		t.Errorf("protocol %v with %v rows", m["protocol"], m["protocol_rows"])
	}
	// The default protocol fails about half the time; the learned one
	// rarely (the upper end of its 95 % interval is far below 0.48).
	if hi := m["error_high"].(float64); !(hi < 0.1) {
		t.Errorf("learned protocol: error_rate %v, interval up to %v", m["error_rate"], hi)
	}
}

func TestPaperBadInput(t *testing.T) {
	bad := writeFile(t, "bad.dat", "1 2 3\n")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"paper"}, "no paper given"},
		{[]string{"paper", "nope"}, `unknown paper "nope" (have nestbench25, jun2014`},
		{[]string{"paper", "--list", "jun2014"}, "--list takes no paper name"},
		{[]string{"paper", "jun2014", "extra"}, `unexpected argument "extra"`},
		{[]string{"paper", "jun2014", "--format", "csv"}, "--format must be table or json"},
		{[]string{"paper", "jun2014", "--trajectories", "-5"}, "--trajectories must be in [0, 2^50]"},
		{[]string{"paper", "jun2014", "--workers", "-1"}, "--workers must be in [0, "},
		{[]string{"paper", "jun2014", "--protocol-file", bad}, "paper jun2014 takes no --protocol-file"},
		{[]string{"paper", "nestbench25", "--protocol-file", bad}, "protocol line 1: want two numbers"},
		{[]string{"paper", "nestbench25", "--protocol-file", bad + ".missing"}, "no such file"},
		{[]string{"paper", "jun2014", "--frobnicate"}, "flag provided but not defined"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestPaperCostGate is the regression test of `paper` starting runs of
// any size without an estimate (issue 15): like run and sweep it prints
// the estimated cost of its Monte Carlo studies (its --trajectories
// included) and refuses one above --max-time unless --yes. The run let
// through also shows the progress display (issue 14 point 2): plain lines
// with an ETA on a non-terminal stderr, nothing with --quiet.
func TestPaperCostGate(t *testing.T) {
	// 2 curves × 16 durations × 1e8 trajectories: years.
	_, errs, code := runCLI(t, "paper", "jun2014", "--trajectories", "100000000", "--out", "")
	if code != 2 || !strings.Contains(errs, "estimated cost: ") || !strings.Contains(errs, "particle-steps") ||
		!strings.Contains(errs, "exceeds --max-time 24h0m0s") || !strings.Contains(errs, "--yes") {
		t.Errorf("paper jun2014 --trajectories 1e8: exit %d, %q; want 2 with the estimate and --yes", code, errs)
	}
	// 8000 trajectories × 13762 steps = 1.1e8 particle-steps (over the
	// 1e8 below which no estimate is made), seconds: over --max-time 1ms.
	args := []string{"paper", "nestbench25", "--trajectories", "8000", "--out", "", "--format", "json", "--max-time", "1ms"}
	if _, errs, code := runCLI(t, args...); code != 2 || !strings.Contains(errs, "exceeds --max-time 1ms") {
		t.Errorf("over --max-time: exit %d, %q", code, errs)
	}
	out, errs, code := runCLI(t, append(args, "--yes", "--progress", "50ms")...)
	if code != 0 || !strings.Contains(out, `"error_rate"`) {
		t.Errorf("--yes: exit %d, %s", code, errs)
	}
	if !strings.Contains(errs, "paper nestbench25: 0.0% done, elapsed ") || !strings.Contains(errs, "paper nestbench25: 1/1 points, 100.0% done, elapsed ") ||
		strings.ContainsAny(errs, "\r\033") {
		t.Errorf("progress lines:\n%s", errs)
	}
	if _, errs, code := runCLI(t, "paper", "nestbench25", "--trajectories", "100", "--out", "", "--quiet"); code != 0 || errs != "" {
		t.Errorf("--quiet: exit %d, stderr %q (want none)", code, errs)
	}
}

// TestPaperCostGateWork: a paper whose work is not a list of studies
// (daemonicsigil's Gillespie check) is gated on its repro.Paper.Work
// estimate: 2e9 trajectories at the measured ~1e6 per second is tens of
// minutes, refused over --max-time 1m without --yes (issue 15); 2^50 is
// refused under the default ceiling.
func TestPaperCostGateWork(t *testing.T) {
	_, errs, code := runCLI(t, "paper", "daemonicsigil", "--trajectories", "2000000000", "--max-time", "1m", "--out", "")
	if code != 2 || !strings.Contains(errs, "estimated cost: ") || !strings.Contains(errs, "Gillespie trajectories") ||
		!strings.Contains(errs, "exceeds --max-time 1m0s") || !strings.Contains(errs, "--yes") {
		t.Errorf("paper daemonicsigil --trajectories 2e9 --max-time 1m: exit %d, %q; want 2 with the estimate and --yes", code, errs)
	}
	if _, errs, code := runCLI(t, "paper", "daemonicsigil", "--trajectories", "1125899906842624", "--out", ""); code != 2 || !strings.Contains(errs, "exceeds --max-time 24h0m0s") {
		t.Errorf("paper daemonicsigil --trajectories 2^50: exit %d, %q", code, errs)
	}
}
