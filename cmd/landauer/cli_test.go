package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

func oneLineExit2(t *testing.T, args []string, want string) {
	t.Helper()
	_, errs, code := runCLI(t, args...)
	if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 0 || !strings.Contains(errs, want) {
		t.Errorf("%v: exit %d, stderr %q; want exit 2, one line containing %q", args, code, errs, want)
	}
}

// TestPositionalConfig: `run study.toml` and `vet study.toml` take the
// config as an argument, with flags before or after it; --config still
// works; two configs are an error.
func TestPositionalConfig(t *testing.T) {
	cfg := writeFile(t, "s.toml", small)
	for _, args := range [][]string{
		{"run", cfg, "--format", "json", "--trajectories", "100"},
		{"run", "--format", "json", cfg, "--trajectories", "100"},
		{"run", "--config", cfg, "--format", "json", "--trajectories", "100"},
	} {
		out, errs, code := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil || m["trajectories"].(float64) != 100 || m["duration"].(float64) != 1 {
			t.Errorf("%v: %v %v", args, err, m["trajectories"])
		}
	}
	out, errs, code := runCLI(t, "vet", cfg)
	if code != 0 || !strings.HasPrefix(out, "ok:") || !strings.Contains(out, "600 trajectories") {
		t.Errorf("vet CONFIG: exit %d: %s%s", code, out, errs)
	}
	oneLineExit2(t, []string{"run", cfg, cfg}, "unexpected argument")
	oneLineExit2(t, []string{"run", "--config", cfg, cfg}, "config given twice")
}

// TestRunSweepSpecRedirect: a sweep spec given to run (or well) points at
// the sweep command instead of listing unknown keys.
func TestRunSweepSpecRedirect(t *testing.T) {
	spec := filepath.Join("testdata", "sweep-example.toml")
	oneLineExit2(t, []string{"run", spec}, "landauer sweep")
	oneLineExit2(t, []string{"run", "--config", spec}, "is a sweep spec")
	oneLineExit2(t, []string{"well", spec}, "is a sweep spec")
}

// TestRunSet: --set overrides any key through the config decoder, creates
// missing tables, and bad keys or values fail as they would in a file.
func TestRunSet(t *testing.T) {
	out, errs, code := runCLI(t, "run", "--set", "potential.barrier=5", "--set", "ensemble.trajectories=300",
		"--set", "protocol.duration=0.5", "--set", "solver.method=\"monte-carlo\"", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["trajectories"].(float64) != 300 || m["duration"].(float64) != 0.5 {
		t.Errorf("--set ignored: trajectories %v, duration %v", m["trajectories"], m["duration"])
	}
	// A bare word is a string; a table created from nothing.
	out, errs, code = runCLI(t, "vet", "--set", "dynamics.kind=underdamped", "--set", "initial.state=left")
	if code != 0 || !strings.Contains(out, "underdamped") {
		t.Errorf("vet --set dynamics.kind=underdamped: exit %d: %s%s", code, out, errs)
	}
	oneLineExit2(t, []string{"run", "--set", "potential.bogus=1"}, "bogus")
	oneLineExit2(t, []string{"run", "--set", "ensemble.trajectories=-3"}, "ensemble.trajectories")
	if _, errs, code := runCLI(t, "run", "--set", "nonsense"); code != 2 || !strings.Contains(errs, "is not key=value") {
		t.Errorf("--set nonsense: exit %d: %s", code, errs)
	}
	oneLineExit2(t, []string{"run", "--set", "potential.kind.x=1"}, "not a table")
}

// TestRunOutputFormatFromExtension: -o x.json writes JSON and -o x.csv CSV
// unless --format says otherwise.
func TestRunOutputFormatFromExtension(t *testing.T) {
	dir := t.TempDir()
	for ext, check := range map[string]func([]byte) bool{
		".json": func(b []byte) bool { return json.Valid(b) },
		".csv":  func(b []byte) bool { return strings.Contains(string(b), "\nmethod,") },
		".txt":  func(b []byte) bool { return strings.HasPrefix(string(b), "study") },
	} {
		path := filepath.Join(dir, "r"+ext)
		if _, errs, code := runCLI(t, "run", "--trajectories", "100", "-o", path); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil || !check(b) {
			t.Errorf("-o r%s wrote %.60q (%v)", ext, b, err)
		}
	}
	path := filepath.Join(dir, "forced.json")
	if _, errs, code := runCLI(t, "run", "--trajectories", "100", "-o", path, "--format", "csv"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "# landauer run\n") || !strings.Contains(string(b), "\nmethod,") {
		t.Errorf("--format csv with -o forced.json wrote %.60q", b)
	}
}

// TestHelpFields: every field of run's JSON (Monte Carlo, Fokker–Planck with
// snapshots, underdamped) is named in 'landauer help fields'.
func TestHelpFields(t *testing.T) {
	help, _, code := runCLI(t, "help", "fields")
	if code != 0 {
		t.Fatal("help fields failed")
	}
	for _, args := range [][]string{
		{"run", "--trajectories", "100", "--format", "json"},
		{"run", "--method", "fokker-planck", "--snapshots", "2", "--set", "solver.cells=100", "--format", "json"},
		{"run", "--trajectories", "100", "--set", "dynamics.kind=underdamped", "--format", "json"},
	} {
		out, errs, code := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		for k := range m {
			if named(help, k) {
				continue
			}
			t.Errorf("help fields does not name %q (from %v)", k, args[1:])
		}
	}
}

// TestInit: the starter config of every potential kind is valid and passes
// vet (the integrator's stability included);
// --sweep writes a sweep spec that vet expands; -o never replaces a file.
func TestInit(t *testing.T) {
	for _, k := range wells.Kinds() {
		out, errs, code := runCLI(t, "init", k.Name)
		if code != 0 {
			t.Fatalf("init %s: exit %d: %s", k.Name, code, errs)
		}
		cfg, err := erasure.ParseConfig([]byte(out))
		if err != nil {
			t.Fatalf("init %s: %v\n%s", k.Name, err, out)
		}
		if _, err := cfg.Study(); err != nil {
			t.Errorf("init %s: %v", k.Name, err)
		}
		if vout, verrs, code := runCLI(t, "vet", writeFile(t, k.Name+".toml", out)); code != 0 {
			t.Errorf("vet the init %s config: exit %d: %s%s", k.Name, code, vout, verrs)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "spec.toml")
	if _, errs, code := runCLI(t, "init", "--sweep", "-o", path); code != 0 {
		t.Fatalf("init --sweep: exit %d: %s", code, errs)
	}
	out, errs, code := runCLI(t, "vet", path, "--list")
	if code != 0 || !strings.Contains(out, "5 points") && !strings.Contains(out, "5 point") {
		t.Errorf("vet the init sweep: exit %d: %s%s", code, out, errs)
	}
	oneLineExit2(t, []string{"init", "-o", path}, "exists")
	oneLineExit2(t, []string{"init", "nosuchwell"}, "unknown potential")
}

// TestSubcommandHelp: every subcommand answers --help with its usage and
// exit status 0; run's --workers shows no sentinel default.
func TestSubcommandHelp(t *testing.T) {
	for _, cmd := range []string{"demo", "run", "vet", "sweep", "merge", "plot", "paper", "bench", "well", "init"} {
		_, errs, code := runCLI(t, cmd, "--help")
		if code != 0 || !strings.Contains(errs, "Usage: landauer "+cmd) {
			t.Errorf("%s --help: exit %d: %.200s", cmd, code, errs)
		}
	}
	for _, cmd := range []string{"run", "sweep"} {
		_, errs, _ := runCLI(t, cmd, "--help")
		if strings.Contains(errs, "(default -1)") || !strings.Contains(errs, "-set") || !strings.Contains(errs, "-workers") {
			t.Errorf("%s --help: %s", cmd, errs)
		}
	}
	_, errs, _ := runCLI(t, "vet", "--help")
	if !strings.Contains(errs, "SPEC.toml") || !strings.Contains(errs, "--list") {
		t.Errorf("vet --help omits the sweep-spec form: %s", errs)
	}
}

// named reports whether help names the field k: literally as a word, or
// as "base, _sem" on one line for k = base_sem.
func named(help, k string) bool {
	for _, line := range strings.Split(help, "\n") {
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
			if w == k {
				return true
			}
		}
		if base, ok := strings.CutSuffix(k, "_sem"); ok && strings.Contains(line, base+",") && strings.Contains(line, "_sem") {
			return true
		}
	}
	return false
}

// TestSweepSet: sweep --set changes the spec (a new spec hash) and so the
// cost: 1000 instead of 20000 trajectories is 20× fewer particle-steps (to
// the 3 digits printed).
func TestSweepSet(t *testing.T) {
	spec := filepath.Join("testdata", "sweep-example.toml")
	base, errs, code := runCLI(t, "sweep", spec, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	quick, errs, code := runCLI(t, "sweep", spec, "--dry-run", "--set", "ensemble.trajectories=1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	steps := func(out string) float64 {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(l); len(f) > 3 && f[0] == "monte-carlo:" {
				var x float64
				if _, err := fmt.Sscan(f[3], &x); err == nil {
					return x
				}
			}
		}
		t.Fatalf("no particle-steps in %q", out)
		return 0
	}
	if r := steps(base) / steps(quick); math.Abs(r-20) > 0.1 || strings.Fields(base)[4] == strings.Fields(quick)[4] {
		t.Errorf("--set ensemble.trajectories=1000: cost ratio %v (want 20), specs %q %q", r, strings.Fields(base)[4], strings.Fields(quick)[4])
	}
	oneLineExit2(t, []string{"sweep", spec, "--dry-run", "--set", "sweep.bogus=1"}, "bogus")
}
