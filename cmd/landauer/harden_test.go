package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/landauer-dev/landauer/sweep"
)

// TestOutputRefusesDeviceFIFOAndDirectory is the regression test of
// `run -o /dev/full` replacing a device node (and a FIFO) with a file:
// run, merge and plot refuse, exit 2 naming the path, and leave it be.
func TestOutputRefusesDeviceFIFOAndDirectory(t *testing.T) {
	clearShardEnv(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := writeFile(t, "s.toml", small)
	spec := writeFile(t, "spec.toml", sweepSpec)
	sweepDir := t.TempDir()
	mustRun(t, "sweep", spec, "--out", sweepDir, "--shard", "0/6")
	targets := []string{fifo, dir}
	if st, err := os.Stat("/dev/null"); err == nil && st.Mode()&os.ModeCharDevice != 0 {
		targets = append(targets, "/dev/null")
	}
	for _, target := range targets {
		for _, args := range [][]string{
			{"run", "--config", cfg, "-o", target},
			{"merge", sweepDir, "--allow-missing", "-o", target},
		} {
			_, errs, code := runCLI(t, args...)
			if code != 2 || !strings.Contains(errs, target) {
				t.Errorf("%v: exit %d, %q; want 2 naming %s", args, code, errs, target)
			}
		}
		if st, _ := os.Lstat(target); st.Mode().IsRegular() {
			t.Errorf("%s was replaced by a regular file", target)
		}
	}
	// plot: the figure's CSV beside a FIFO named FIG.csv.
	fig := filepath.Join(dir, "fig.png")
	if err := syscall.Mkfifo(filepath.Join(dir, "fig.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runCLI(t, "plot", filepath.Join("testdata", "plot-sweep.csv"), "--kind", "work-duration", "-o", fig)
	if code != 2 || !strings.Contains(errs, "fig.csv") {
		t.Errorf("plot beside a FIFO: exit %d, %q", code, errs)
	}
}

// TestOutputRefusesOwnInput is the regression test of `run --config X -o
// X` overwriting the config and `merge DIR -o DIR/points/000001.json`
// destroying a finished point.
func TestOutputRefusesOwnInput(t *testing.T) {
	clearShardEnv(t)
	cfg := writeFile(t, "s.toml", small)
	before, _ := os.ReadFile(cfg)
	_, errs, code := runCLI(t, "run", "--config", cfg, "-o", cfg)
	if after, _ := os.ReadFile(cfg); code != 2 || !strings.Contains(errs, cfg) || !bytes.Equal(before, after) {
		t.Errorf("run -o its config: exit %d, %q", code, errs)
	}
	spec := writeFile(t, "spec.toml", sweepSpec)
	dir := t.TempDir()
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "1/6")
	point := sweep.PointPath(dir, 1)
	before, _ = os.ReadFile(point)
	for _, args := range [][]string{
		{"merge", dir, "--allow-missing", "-o", point},
		{"merge", dir, "--allow-missing", "-o", filepath.Join(dir, "points", "new.csv")},
		{"merge", point, "--allow-missing", "-o", point},
	} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(errs, args[len(args)-1]) {
			t.Errorf("%v: exit %d, %q; want 2 naming the path", args, code, errs)
		}
	}
	if after, _ := os.ReadFile(point); !bytes.Equal(before, after) {
		t.Errorf("the point file was changed")
	}
	// Beside points/ is fine.
	mustRun(t, "merge", dir, "--allow-missing", "-o", filepath.Join(dir, "results.csv"))
}

// TestInputSizeLimit is the regression test of `--config /dev/zero` and
// `plot /dev/zero` reading until memory ran out (a Go fatal error, exit 2
// like bad input): now a one-line refusal naming the limit.
func TestInputSizeLimit(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{
		{"run", "--config", "/dev/zero"},
		{"vet", "--config", "/dev/zero"},
		{"sweep", "/dev/zero", "--out", t.TempDir()},
		{"plot", "/dev/zero", "--kind", "series", "--x", "a", "--y", "b", "-o", filepath.Join(t.TempDir(), "f.png")},
	} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(errs, "/dev/zero") || !strings.Contains(errs, "64 MiB") {
			t.Errorf("%v: exit %d, %q; want 2 naming the path and the limit", args, code, errs)
		}
	}
}

// TestLongValueQuotedShort is the regression test of a 100 MB string value
// echoed in full as the "one-line" error: at most 200 characters of it.
func TestLongValueQuotedShort(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	cfg := writeFile(t, "s.toml", strings.Replace(small, `kind = "jun"`, `kind = "`+long+`"`, 1))
	_, errs, code := runCLI(t, "vet", "--config", cfg)
	if code != 2 || len(errs) > 600 || !strings.Contains(errs, "bytes") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, %d bytes of error: %.300q", code, len(errs), errs)
	}
	if got := shortenError(`a "` + long + `" b`); !strings.HasPrefix(got, `a "xxx`) || !strings.HasSuffix(got, " b") || len(got) > 300 {
		t.Errorf("shortenError: %.300q", got)
	}
}

// TestPanicIsInternalError: a panic is exit 3, not 2 (bad input).
func TestPanicIsInternalError(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runMain(t.Context(), []string{"help"}, &out, &errb); code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	code := guard(&errb, func() int { var m map[string]int; m["x"]++; return 0 })
	if code != 3 || !strings.Contains(errb.String(), "internal error") {
		t.Errorf("a panic exits %d, want 3: %s", code, errb.String())
	}
}

// TestHopelessSamplerRefusedByVetAndRun is the regression test of `barrier
// = 1e300` / `temperature = 1e-300` being accepted by vet and then hanging
// run: both refuse, exit 2 naming the key, at once.
func TestHopelessSamplerRefusedByVetAndRun(t *testing.T) {
	for _, c := range []struct{ text, key string }{
		{strings.Replace(small, "barrier = 4.0", "barrier = 1e300", 1), "potential.barrier"},
		{strings.Replace(small, "barrier = 4.0", "barrier = 1e8", 1), "potential.barrier"},
		{small + "[dynamics]\ntemperature = 1e-300\n", "dynamics.temperature"},
		{small + "[dynamics]\nfriction = 1e-300\n", "dynamics.friction"},
	} {
		cfg := writeFile(t, "s.toml", c.text)
		for _, cmd := range []string{"vet", "run"} {
			_, errs, code := runCLI(t, cmd, "--config", cfg)
			if code != 2 || !strings.Contains(errs, c.key) {
				t.Errorf("%s %s: exit %d, %q; want 2 naming %s", cmd, c.key, code, errs, c.key)
			}
		}
	}
}

// TestTrajectoriesFlagSharesConfigLimit is the regression test of
// `--trajectories MaxInt64` overflowing the block count ("merged 0 of
// -18014398509481983 blocks") and `--trajectories 1e12` starting a run of
// months unannounced: the flag has the config's limit, and a run above
// --max-time is refused unless --yes, with the estimate printed.
func TestTrajectoriesFlagSharesConfigLimit(t *testing.T) {
	cfg := writeFile(t, "s.toml", small)
	for _, cmd := range []string{"run", "vet"} {
		_, errs, code := runCLI(t, cmd, "--config", cfg, "--trajectories", "9223372036854775807")
		if code != 2 || !strings.Contains(errs, "2^50") {
			t.Errorf("%s --trajectories MaxInt64: exit %d, %q", cmd, code, errs)
		}
	}
	_, errs, code := runCLI(t, "paper", "daemonicsigil", "--trajectories", "9223372036854775807", "--out", "")
	if code != 2 || !strings.Contains(errs, "2^50") {
		t.Errorf("paper --trajectories MaxInt64: exit %d, %q", code, errs)
	}
	long := writeFile(t, "long.toml", longStudy)
	_, errs, code = runCLI(t, "run", "--config", long, "--trajectories", "1000000000000", "--max-time", "1m")
	if code != 2 || !strings.Contains(errs, "estimated cost") || !strings.Contains(errs, "--yes") {
		t.Errorf("run of 1e17 particle-steps: exit %d, %q; want 2 with the estimate and --yes", code, errs)
	}
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", longStudy+"\n[sweep]\n[[sweep.axis]]\nkey = \"potential.barrier\"\nvalues = [6, 8]\n")
	_, errs, code = runCLI(t, "sweep", spec, "--out", t.TempDir(), "--max-time", "1m")
	if code != 2 || !strings.Contains(errs, "--max-time") {
		t.Errorf("sweep over --max-time: exit %d, %q", code, errs)
	}
}

// TestEmptyShardRefused is the regression test of `--shard ”` running
// every point.
func TestEmptyShardRefused(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	_, errs, code := runCLI(t, "sweep", spec, "--out", t.TempDir(), "--shard", "")
	if code != 2 || !strings.Contains(errs, "--shard") {
		t.Errorf("--shard '': exit %d, %q", code, errs)
	}
}

// TestEmitRefusesInjection is the regression test of `--partition
// $'gpu\ncmd'` (or --account, --bin, --out) writing a shell line into the
// job script, and of `--emit k8s --out /data/../etc` passing the "under
// /data" check.
func TestEmitRefusesInjection(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	out := t.TempDir()
	for _, args := range [][]string{
		{"--emit", "slurm", "--partition", "gpu\ncmd"},
		{"--emit", "slurm", "--account", "acct;rm -rf ~"},
		{"--emit", "slurm", "--bin", "/opt/land auer"},
		{"--emit", "slurm", "--bin", "$(cmd)"},
		{"--emit", "k8s", "--image", "img\"\n  evil: 1"},
		{"--emit", "k8s", "--pvc", "Data Claim"},
	} {
		o := filepath.Join(out, "run")
		if args[1] == "k8s" {
			o = "/data/run"
		}
		full := append([]string{"sweep", spec, "--out", o}, args...)
		stdout, errs, code := runCLI(t, full...)
		if code != 2 || stdout != "" || !strings.Contains(errs, args[2]) {
			t.Errorf("%q: exit %d, stdout %d bytes, %q; want 2 naming %s and no script", args, code, len(stdout), errs, args[2])
		}
	}
	_, errs, code := runCLI(t, "sweep", spec, "--out", filepath.Join(out, "bad\ndir"), "--emit", "slurm", "--bin", "/opt/landauer")
	if code != 2 || !strings.Contains(errs, "--out") {
		t.Errorf("--out with a newline: exit %d, %q", code, errs)
	}
	for _, o := range []string{"/data/../etc", "../etc", "/data/x/../../etc"} {
		_, errs, code := runCLI(t, "sweep", spec, "--out", o, "--emit", "k8s")
		if code != 2 || !strings.Contains(errs, "/data") {
			t.Errorf("k8s --out %s: exit %d, %q", o, code, errs)
		}
	}
	// Good values still give a script.
	stdout, errs, code := runCLI(t, "sweep", spec, "--out", filepath.Join(out, "ok"), "--emit", "slurm", "--partition", "gpu-a100", "--account", "proj_1", "--bin", "/opt/landauer")
	if code != 0 || !strings.Contains(stdout, "#SBATCH --partition=gpu-a100") {
		t.Errorf("good values: exit %d, %q", code, errs)
	}
}

// TestEditedPointFileRefusedAndRecomputed: a number edited by hand in a
// point file (valid JSON) is refused by merge (exit 2, naming the file and
// the checksum) and recomputed by a rerun of the sweep, with the original
// result.
func TestEditedPointFileRefusedAndRecomputed(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	dir := t.TempDir()
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "0/6")
	path := sweep.PointPath(dir, 0)
	want := merged(t, dir, "--allow-missing")
	data, _ := os.ReadFile(path)
	i := bytes.Index(data, []byte(`"work_mean": `))
	if i < 0 {
		t.Fatalf("no work_mean in %s", data)
	}
	i += len(`"work_mean": `)
	edited := append(append(append([]byte{}, data[:i]...), '9'), data[i:]...) // 9 before the number
	os.WriteFile(path, edited, 0o644)
	_, errs, code := runCLI(t, "merge", dir, "--allow-missing")
	if code != 2 || !strings.Contains(errs, "checksum") || !strings.Contains(errs, path) {
		t.Errorf("merge of an edited point: exit %d, %q", code, errs)
	}
	_, errs, code = runCLI(t, "sweep", spec, "--out", dir, "--shard", "0/6")
	if code != 0 || !strings.Contains(errs, "checksum") || !strings.Contains(errs, "recomputing") {
		t.Errorf("rerun: exit %d, %q; want a warning and a recomputed point", code, errs)
	}
	if got := merged(t, dir, "--allow-missing"); !bytes.Equal(got, want) {
		t.Errorf("recomputed table differs:\n%s\nwant\n%s", got, want)
	}
}

// TestDeletedSpecNotOverwrittenByOtherSweep is the regression test of
// deleting DIR/spec.toml and resuming with another spec: that was refused,
// but spec.toml had already been overwritten, so the original spec was then
// refused from its own directory.
func TestDeletedSpecNotOverwrittenByOtherSweep(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	other := writeFile(t, "other.toml", strings.Replace(sweepSpec, "seed = 5", "seed = 6", 1))
	dir := t.TempDir()
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "0/6")
	os.Remove(filepath.Join(dir, "spec.toml"))
	_, errs, code := runCLI(t, "sweep", other, "--out", dir, "--shard", "1/6")
	if code != 2 || !strings.Contains(errs, "another sweep") {
		t.Errorf("other spec on a directory without spec.toml: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "spec.toml")); err == nil {
		t.Errorf("spec.toml was written by the refused sweep")
	}
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "1/6") // the original still resumes
}

// TestSecondSweepSkipsLockedPoints is the regression test of two sweeps on
// one --out both doing all the work: a point locked by a live process is
// skipped, a stale lock (its process gone) is taken over.
func TestSecondSweepSkipsLockedPoints(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	dir := t.TempDir()
	host, _ := os.Hostname()
	os.MkdirAll(filepath.Join(dir, "points"), 0o755)
	// Point 0: held by this (live) process; point 1: by a process that
	// has exited.
	os.WriteFile(sweep.LockPath(dir, 0), []byte(fmt.Sprintf("%s %d\n", host, os.Getpid())), 0o644)
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("cannot run true:", err)
	}
	os.WriteFile(sweep.LockPath(dir, 1), []byte(fmt.Sprintf("%s %d\n", host, gone.Process.Pid)), 0o644)
	out, errs, code := runCLI(t, "sweep", spec, "--out", dir, "--shard", "0/3")
	if code != 0 || !strings.Contains(errs, "point 0 skipped") || !strings.Contains(out, "left to the other processes") {
		t.Errorf("locked point: exit %d, %q %q", code, out, errs)
	}
	if _, err := os.Stat(sweep.PointPath(dir, 0)); err == nil {
		t.Errorf("the locked point was run")
	}
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "1/3")
	if _, err := os.Stat(sweep.PointPath(dir, 1)); err != nil {
		t.Errorf("the stale lock was not taken over: %v", err)
	}
	if _, err := os.Stat(sweep.LockPath(dir, 1)); err == nil {
		t.Errorf("the lock of a finished point was left behind")
	}
}

// TestFlagErrorIsOneLine is the regression test of a flag-parse error
// printing the whole usage (run, vet, demo, paper): one line now; and of
// `plot --target-error nan` being accepted.
func TestFlagErrorIsOneLine(t *testing.T) {
	for _, args := range [][]string{{"run", "--bogus"}, {"vet", "--bogus"}, {"demo", "--bogus"}, {"paper", "jun2014", "--bogus"},
		{"sweep", "x.toml", "--bogus"}, {"run", "--trajectories", "x"}} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "--help") {
			t.Errorf("%v: exit %d, %q; want one line pointing to --help", args, code, errs)
		}
	}
	for _, v := range []string{"nan", "NaN", "-0.1", "1"} {
		_, errs, code := runCLI(t, "plot", filepath.Join("testdata", "plot-sweep.csv"), "--kind", "retention", "--target-error", v,
			"-o", filepath.Join(t.TempDir(), "f.png"))
		if code != 2 || !strings.Contains(errs, "--target-error") {
			t.Errorf("--target-error %s: exit %d, %q", v, code, errs)
		}
	}
}

// TestVetOfBigSweepStoppable is the regression test of `vet` of a 1e6-point
// sweep taking 112 s and 4 GB without observing Ctrl-C: the points are now
// checked one at a time, in constant memory, and a cancelled context stops
// the check at the next point.
func TestVetOfBigSweepStoppable(t *testing.T) {
	spec := writeFile(t, "big.toml", sweepSpec+"\n[[sweep.axis]]\nkey = \"measure.divide\"\nlinspace = [-0.1, 0.1, 10000]\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs, code := runCtx(ctx, "vet", spec)
	if code == 0 || !strings.Contains(errs, "interrupted at point 0") {
		t.Errorf("cancelled vet: exit %d, %q", code, errs)
	}
	_, errs, code = runCtx(ctx, "sweep", spec, "--dry-run")
	if code == 0 || !strings.Contains(errs, "interrupted") {
		t.Errorf("cancelled --dry-run: exit %d, %q", code, errs)
	}
}
