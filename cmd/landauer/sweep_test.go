package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/landauer-dev/landauer/results"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/sweep"
)

// sweepSpec has 6 points: 3 durations × 2 (barrier, trajectories) zipped.
const sweepSpec = `
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 0.5
[ensemble]
trajectories = 256
block_size = 64

[sweep]
name = "cli test"
seed = 5
points_per_task = 2

[[sweep.axis]]
key = "protocol.duration"
logspace = [0.1, 0.4, 3]

[[sweep.axis]]
key = "potential.barrier"
values = [3, 5]
zip = "depth"
[[sweep.axis]]
key = "ensemble.trajectories"
values = [200, 300]
zip = "depth"
`

func runCtx(ctx context.Context, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	err := run(ctx, args, &out, &errb)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// runSweepWith runs `landauer sweep args...` with the test hooks of f.
func runSweepWith(ctx context.Context, f sweepFlags, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	err := runSweep(ctx, args, &out, &errb, f)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errs, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("landauer %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out
}

func merged(t *testing.T, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "results")
	mustRun(t, append(append([]string{"merge"}, args...), "-o", out)...)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// clearShardEnv unsets the cluster variables a test runner might have set.
func clearShardEnv(t *testing.T) {
	for _, k := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
		"SLURM_ARRAY_TASK_MAX", "JOB_COMPLETION_INDEX", "LANDAUER_SHARDS"} {
		t.Setenv(k, "")
	}
}

// Shards 0/3, 1/3, 2/3 (into one directory, or three merged together) give
// the same table, byte for byte, as one unsharded run; a rerun skips.
func TestSweepShardsMergeIdentical(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	all, one := t.TempDir(), t.TempDir()
	out := mustRun(t, "sweep", spec, "--out", all, "--workers", "2")
	if !strings.Contains(out, "6 points run") {
		t.Errorf("unsharded run: %s", out)
	}
	var sep []string
	for i := range 3 {
		d := t.TempDir()
		sep = append(sep, d)
		shard := []string{"0/3", "1/3", "2/3"}[i]
		mustRun(t, "sweep", spec, "--out", one, "--shard", shard, "--workers", "1")
		mustRun(t, "sweep", "--shard", shard, spec, "--out", d) // flags before and after
	}
	want := merged(t, all)
	if n := len(dataLines(string(want))); n != 7 {
		t.Fatalf("table has %d lines, want 7:\n%s", n, want)
	}
	if got := merged(t, one); !bytes.Equal(got, want) {
		t.Errorf("sharded table differs:\n%s\nwant\n%s", got, want)
	}
	if got := merged(t, sep...); !bytes.Equal(got, want) {
		t.Errorf("table from three directories differs:\n%s\nwant\n%s", got, want)
	}
	wantJ := merged(t, all, "--format", "jsonl")
	if got := merged(t, one, "--format", "jsonl"); !bytes.Equal(got, wantJ) || bytes.Count(got, []byte("\n")) != 6 {
		t.Errorf("sharded jsonl differs:\n%s\nwant\n%s", got, wantJ)
	}
	header := []byte("," + dataLines(string(want))[0] + ",")
	for _, col := range []string{"index", "protocol.duration", "potential.barrier", "ensemble.trajectories",
		"work_mean", "heat_sem", "error_rate", "error_high", "seed", "kT_J",
		"potential.kind", "protocol.kind", "ensemble.block_size"} { // the last three held fixed
		if !bytes.Contains(header, []byte(","+col+",")) {
			t.Errorf("header lacks %q: %s", col, header)
		}
	}
	for _, c := range []string{"\n# units: protocol.duration=t0,potential.barrier=kT,", ",work_mean=kT,", ",kT_J=J\n",
		"\n# schema_version: 2\n", "\n# generator: ", "\n# version: "} {
		if !bytes.Contains(want, []byte(c)) {
			t.Errorf("merged CSV lacks %q", c)
		}
	}

	// A rerun skips every finished point and leaves the files as they were.
	before, _ := os.ReadFile(sweep.PointPath(all, 3))
	out = mustRun(t, "sweep", spec, "--out", all)
	after, _ := os.ReadFile(sweep.PointPath(all, 3))
	if !strings.Contains(out, "0 points run") || !strings.Contains(out, "6 already done") || !bytes.Equal(before, after) {
		t.Errorf("rerun did not skip: %s", out)
	}
}

// An interrupted sweep leaves no partial result file; the rerun resumes
// the interrupted point from its checkpoint and the table is the same as
// that of an uninterrupted run.
func TestSweepInterruptResume(t *testing.T) {
	clearShardEnv(t)
	long := strings.Replace(sweepSpec, "values = [200, 300]", "values = [200, 20000]", 1)
	spec := writeFile(t, "spec.toml", long)
	ref, dir := t.TempDir(), t.TempDir()
	mustRun(t, "sweep", spec, "--out", ref, "--shard", "1/3") // points 1 and 4 (20000 trajectories)
	want := merged(t, ref, "--allow-missing")

	// Interrupt point 1 (SIGINT cancels the same context) after 5 blocks.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hook := func(point, done int) {
		if point == 1 && done >= 5 {
			cancel()
		}
	}
	out, errs, code := runSweepWith(ctx, sweepFlags{blockHook: hook}, spec, "--out", dir, "--shard", "1/3", "--checkpoint", "1h", "--workers", "2")
	const k = 1
	if code != 1 || !strings.Contains(errs, "interrupted at point 1") {
		t.Fatalf("interrupted sweep: exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(sweep.CheckpointPath(dir, k)); err != nil {
		t.Fatalf("no checkpoint after the interruption: %v", err)
	}
	if _, err := os.Stat(sweep.PointPath(dir, k)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("interrupted point left a result file (%v)", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "points"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "1/3")
	if got := merged(t, dir, "--allow-missing"); !bytes.Equal(got, want) {
		t.Errorf("resumed table differs:\n%s\nwant\n%s", got, want)
	}
	b, _ := os.ReadFile(sweep.PointPath(dir, k))
	var pf erasure.PointFile
	if err := json.Unmarshal(b, &pf); err != nil || pf.ResumedBlocks < 5 {
		t.Errorf("point %d resumed %d blocks from its checkpoint, want >= 5 (%v)", k, pf.ResumedBlocks, err)
	}
}

func TestSweepShardFromEnvironment(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	dir := t.TempDir()
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "4")
	out := mustRun(t, "sweep", spec, "--out", dir)
	files, _ := results.PointFiles(dir)
	if len(files) != 2 || !strings.HasSuffix(files[0], "000001.json") || !strings.HasSuffix(files[1], "000005.json") || !strings.Contains(out, "shard 1/4") {
		t.Errorf("SLURM_ARRAY_TASK_ID=1 of 4 ran %v: %s", files, out)
	}
	// --shard wins over the environment.
	mustRun(t, "sweep", spec, "--out", dir, "--shard", "0/2")
	if files, _ := results.PointFiles(dir); len(files) != 5 {
		t.Errorf("after --shard 0/2: %d files", len(files))
	}
	clearShardEnv(t)
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	if _, errs, code := runCLI(t, "sweep", spec, "--out", dir); code != 2 || !strings.Contains(errs, "--shards") {
		t.Errorf("JOB_COMPLETION_INDEX without a count: exit %d %s", code, errs)
	}
	out = mustRun(t, "sweep", spec, "--out", dir, "--shards", "2")
	if !strings.Contains(out, "shard 1/2") || !strings.Contains(out, "1 points run") {
		t.Errorf("JOB_COMPLETION_INDEX=1 --shards 2: %s", out)
	}
	if files, _ := results.PointFiles(dir); len(files) != 6 {
		t.Errorf("after all shards: %d files", len(files))
	}
}

func TestSweepBadInput(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	other := writeFile(t, "other.toml", strings.Replace(sweepSpec, "seed = 5", "seed = 6", 1))
	used := t.TempDir()
	mustRun(t, "sweep", spec, "--out", used, "--shard", "0/6")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"sweep"}, "want one spec file"},
		{[]string{"sweep", spec, spec, "--out", "x"}, "want one spec file"},
		{[]string{"sweep", "/nonexistent.toml", "--out", "x"}, "no such file"},
		{[]string{"sweep", writeFile(t, "u.toml", sweepSpec+"[dynamics]\nfoo = 1\n"), "--out", "x"}, "unknown key dynamics.foo"},
		{[]string{"sweep", writeFile(t, "b.toml", strings.Replace(sweepSpec, "values = [3, 5]", "values = [3, -5]", 1)), "--dry-run"}, "point 1"},
		{[]string{"sweep", writeFile(t, "b.toml", strings.Replace(sweepSpec, "values = [3, 5]", "values = [3, -5]", 1)), "--out", t.TempDir(), "--shard", "1/2"}, "point 1"},
		{[]string{"sweep", writeFile(t, "b.toml", strings.Replace(sweepSpec, "values = [3, 5]", "values = [3, -5]", 1)), "--out", t.TempDir(), "--emit", "slurm"}, "point 1"},
		{[]string{"sweep", spec}, "--out DIR is missing"},
		{[]string{"sweep", spec, "--out", "x", "--shard", "3/3"}, "--shard must be i/n"},
		{[]string{"sweep", spec, "--out", "x", "--emit", "pbs"}, "--emit must be slurm or k8s"},
		{[]string{"sweep", spec, "--out", "x", "--workers", "-2"}, "--workers"},
		{[]string{"sweep", spec, "--out", "x", "--points-per-task", "-1"}, "--points-per-task"},
		{[]string{"sweep", spec, "--bogus"}, "flag provided but not defined"},
		{[]string{"sweep", other, "--out", used}, "use another --out"},
		{[]string{"sweep", spec, "--out", t.TempDir(), "--emit", "slurm", "--time", "soon"}, "--time must be"},
		{[]string{"sweep", spec, "--out", t.TempDir(), "--emit", "slurm", "--mem", "4 GB"}, "--mem must be"},
		{[]string{"sweep", spec, "--out", t.TempDir(), "--emit", "slurm", "--cpus-per-task", "0"}, "--cpus-per-task"},
		{[]string{"sweep", spec, "--out", "/elsewhere", "--emit", "k8s"}, "under /data"},
		{[]string{"merge"}, "no directory given"},
		{[]string{"merge", "/nonexistent"}, "no such file"},
		{[]string{"merge", used, "--format", "xml"}, "--format must be csv or jsonl"},
		{[]string{"vet", spec, "--points-per-task", "-3"}, "--points-per-task"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || !strings.HasPrefix(errs, "landauer: ") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", c.args, code, errs, c.want)
		}
	}
	// -h prints the usage and succeeds.
	for _, cmd := range []string{"sweep", "merge"} {
		_, errs, code := runCLI(t, cmd, "-h")
		if code != 0 || !strings.Contains(errs, "Usage: landauer "+cmd) || !strings.Contains(errs, "Flags:") {
			t.Errorf("%s -h: exit %d\n%s", cmd, code, errs)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", sweepSpec)
	other := writeFile(t, "other.toml", strings.Replace(sweepSpec, "seed = 5", "seed = 6", 1))
	a, b := t.TempDir(), t.TempDir()
	mustRun(t, "sweep", spec, "--out", a, "--shard", "0/2")
	_, errs, code := runCLI(t, "merge", a)
	if code != 1 || !strings.Contains(errs, "3 of 6 points have no result: 1, 3, 5") || !strings.Contains(errs, "--allow-missing") {
		t.Errorf("missing points: exit %d %s", code, errs)
	}
	out, errs, code := runCLI(t, "merge", a, "--allow-missing")
	if code != 0 || len(dataLines(out)) != 4 || !strings.Contains(errs, "warning: 3 of 6 points missing: 1, 3, 5") {
		t.Errorf("--allow-missing: exit %d\n%s%s", code, out, errs)
	}
	mustRun(t, "sweep", other, "--out", b, "--shard", "1/2")
	// Bad input files are exit 2 (issue 15: merge exited 1 for them).
	if _, errs, code := runCLI(t, "merge", a, b); code != 2 || !strings.Contains(errs, "refusing to mix sweeps") {
		t.Errorf("mixed sweeps: exit %d %s", code, errs)
	}
	// A point file copied into another sweep's directory is refused too.
	os.WriteFile(filepath.Join(a, "spec.toml"), []byte(strings.Replace(sweepSpec, "seed = 5", "seed = 6", 1)), 0o644)
	if _, errs, code := runCLI(t, "merge", a, "--allow-missing"); code != 2 || !strings.Contains(errs, "refusing to merge") {
		t.Errorf("spec.toml of another sweep: exit %d %s", code, errs)
	}
	if _, errs, code := runCLI(t, "merge", t.TempDir()); code != 2 || !strings.Contains(errs, "no point files") {
		t.Errorf("empty directory: exit %d %s", code, errs)
	}
	// The -o extension picks the format.
	o := filepath.Join(t.TempDir(), "r.jsonl")
	mustRun(t, "merge", b, "--allow-missing", "-o", o)
	if data, _ := os.ReadFile(o); !bytes.HasPrefix(data, []byte(`{"index":1,`)) {
		t.Errorf("-o r.jsonl wrote %.80s", data)
	}
}

func TestVetSweep(t *testing.T) {
	spec := writeFile(t, "spec.toml", sweepSpec)
	for _, args := range [][]string{{"vet", spec}, {"vet", "--config", spec}, {"vet", "--config=" + spec, "--list"}, {"vet", "--list", spec}, {"sweep", spec, "--dry-run"}} {
		out := mustRun(t, args...)
		for _, want := range []string{`ok: sweep cli test`, "6 points = protocol.duration (3) × [potential.barrier, ensemble.trajectories] (2, zip \"depth\")",
			"monte-carlo:   6 points, 3.5e+05 particle-steps", "fokker-planck: 0 points", "3 tasks of up to 2 points"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, out)
			}
		}
		if listed := strings.Contains(out, "     5  seed "); listed != strings.Contains(strings.Join(args, " "), "--list") {
			t.Errorf("%v: points listed %v:\n%s", args, listed, out)
		}
	}
	// The example of the documentation.
	if out := mustRun(t, "vet", filepath.Join("testdata", "sweep-example.toml")); !strings.Contains(out, "15 points = protocol.duration (5) × [potential.barrier, potential.tilt] (3") {
		t.Errorf("example: %s", out)
	}
	// A plain study config still goes to the study vet.
	out := mustRun(t, "vet", "--config", writeFile(t, "s.toml", small))
	if !strings.Contains(out, "particle-steps in") {
		t.Errorf("study vet: %s", out)
	}
	fp := writeFile(t, "fp.toml", sweepSpec+"[solver]\nmethod = \"fokker-planck\"\ncells = 500\ndt = 0.001\n")
	out = mustRun(t, "vet", fp)
	if !strings.Contains(out, "fokker-planck: 6 points, 7e+05 cell-steps") {
		t.Errorf("FP cost: %s", out)
	}
}

func TestSweepProgressLines(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", strings.Replace(sweepSpec, "values = [200, 300]", "values = [3000, 3000]", 1))
	_, errs, code := runCLI(t, "sweep", spec, "--out", t.TempDir(), "--progress", "20ms", "--workers", "2")
	if code != 0 {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(lines[0], "sweep cli test (spec ") || !strings.Contains(lines[0], "6 to run") ||
		!strings.HasPrefix(last, "progress: 6/6 points, 100.0% done, ") || !strings.Contains(last, "particle-steps/s") || !strings.HasSuffix(last, "ETA 0s") {
		t.Errorf("progress lines:\n%s", errs)
	}
	if strings.Contains(errs, "\r") || strings.Contains(errs, "\033") {
		t.Error("terminal control characters in plain progress lines")
	}
}

func TestSweepEmit(t *testing.T) {
	spec := writeFile(t, "spec.toml", sweepSpec)
	dir := filepath.Join(t.TempDir(), "out")
	script := mustRun(t, "sweep", spec, "--out", dir, "--emit", "slurm", "--cpus-per-task", "2", "--mem", "2G",
		"--time", "1:00:00", "--partition", "short", "--bin", "/opt/bin/landauer")
	for _, want := range []string{"#!/bin/bash\n", "#SBATCH --array=0-2\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --mem=2G\n",
		"#SBATCH --time=1:00:00\n", "#SBATCH --partition=short\n", "#SBATCH --output=" + dir + "/logs/%x_%A_%a.out\n",
		"LANDAUER='/opt/bin/landauer'", "--dependency=afterok:", `--shards "$SHARDS"`, "SHARDS=3\n", `"$OUT/spec.toml"`, "merge"} {
		if !strings.Contains(script, want) {
			t.Errorf("slurm script lacks %q:\n%s", want, script)
		}
	}
	if st, err := os.Stat(filepath.Join(dir, "logs")); err != nil || !st.IsDir() {
		t.Error("--emit slurm did not create DIR/logs")
	}
	if _, err := os.Stat(filepath.Join(dir, "spec.toml")); err != nil {
		t.Error("--emit slurm did not write DIR/spec.toml")
	}
	if bash, err := exec.LookPath("bash"); err == nil {
		cmd := exec.Command(bash, "-n")
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v\n%s", err, out)
		}
	}
	// points_per_task from the flag.
	if s := mustRun(t, "sweep", spec, "--out", dir, "--emit", "slurm", "--points-per-task", "4"); !strings.Contains(s, "--array=0-1\n") {
		t.Error("--points-per-task 4 does not give 2 tasks")
	}

	k8s := mustRun(t, "sweep", spec, "--out", "cli", "--emit", "k8s", "--image", "reg/landauer:1", "--parallelism", "2", "--mem", "512M")
	for _, want := range []string{"kind: Job", "completionMode: Indexed", "completions: 3\n", "parallelism: 2\n", `image: "reg/landauer:1"`,
		`"--out", "/data/cli", "--shards", "3"`, "memory: 512Mi", "kind: ConfigMap", "    [[sweep.axis]]\n", "claimName: \"landauer-data\""} {
		if !strings.Contains(k8s, want) {
			t.Errorf("k8s manifest lacks %q:\n%s", want, k8s)
		}
	}
	for _, l := range strings.Split(k8s, "\n") {
		if strings.Contains(l, "\t") {
			t.Errorf("tab in YAML: %q", l)
		}
	}
}

// TestSlurmArray runs a sweep as a job array on a real (single-node) Slurm
// cluster, as .ci/slurm-setup starts one, and compares the merged table with
// a local unsharded run.
func TestSlurmArray(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if why := slurmUnavailable(); why != "" {
		msg := "\n" + strings.Repeat("#", 72) + "\n## SLURM TEST NOT RUN: " + why +
			"\n## Run .ci/slurm-setup (as root) to start a single-node cluster.\n" + strings.Repeat("#", 72)
		if os.Getenv("LANDAUER_REQUIRE_SLURM") == "1" {
			t.Fatal("LANDAUER_REQUIRE_SLURM=1 but Slurm is not usable:" + msg)
		}
		t.Skip(msg)
	}
	clearShardEnv(t)
	tmp := t.TempDir()
	os.Chmod(tmp, 0o755)
	bin := filepath.Join(tmp, "landauer")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	spec := filepath.Join(tmp, "spec.toml")
	os.WriteFile(spec, []byte(sweepSpec), 0o644)
	local := filepath.Join(tmp, "local")
	mustRun(t, "sweep", spec, "--out", local)
	want := merged(t, local)

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	emit := func(out string) string {
		script := mustRun(t, "sweep", spec, "--out", out, "--emit", "slurm", "--bin", bin,
			"--cpus-per-task", "1", "--mem", "200M", "--time", "00:05:00")
		path := filepath.Join(tmp, filepath.Base(out)+".sbatch")
		os.WriteFile(path, []byte(script), 0o755)
		return path
	}
	logs := func(out string) string {
		var b strings.Builder
		files, _ := filepath.Glob(filepath.Join(out, "logs", "*"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			b.WriteString("--- " + f + "\n" + string(data))
		}
		return b.String()
	}

	// 1. The array alone, with sbatch --wait; merged here.
	arr := filepath.Join(tmp, "array")
	cmd := exec.CommandContext(ctx, "sbatch", "--wait", emit(arr))
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sbatch --wait: %v\n%s\n%s", err, out, logs(arr))
	}
	files, _ := filepath.Glob(filepath.Join(arr, "logs", "*.out"))
	if len(files) != 3 {
		t.Errorf("%d task logs, want 3 (one per array task)", len(files))
	}
	if got := merged(t, arr); !bytes.Equal(got, want) {
		t.Errorf("Slurm array table differs from the local run:\n%s\nwant\n%s\n%s", got, want, logs(arr))
	}

	// 2. The one-step submission: the array and the dependent merge job.
	drv := filepath.Join(tmp, "driver")
	cmd = exec.CommandContext(ctx, "bash", emit(drv))
	cmd.Dir = tmp
	if out, err = cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "submitted array job") {
		t.Fatalf("driver: %v\n%s", err, out)
	}
	t.Logf("driver: %s", bytes.TrimSpace(out))
	res := filepath.Join(drv, "results.csv")
	for {
		if got, err := os.ReadFile(res); err == nil {
			if !bytes.Equal(got, want) {
				t.Errorf("merge job's table differs from the local run:\n%s\nwant\n%s", got, want)
			}
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no %s from the merge job after 4 minutes\n%s", res, logs(drv))
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// slurmUnavailable says why Slurm cannot run jobs here ("" when it can).
func slurmUnavailable() string {
	for _, b := range []string{"sbatch", "sinfo"} {
		if _, err := exec.LookPath(b); err != nil {
			return b + " is not installed (not on PATH)"
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sinfo", "-h", "-o", "%t").Output()
	if err != nil {
		return "sinfo failed (is slurmctld running?): " + err.Error()
	}
	for _, st := range strings.Fields(string(out)) {
		if st == "idle" || st == "mix" || st == "alloc" {
			return ""
		}
	}
	return "no node is up (sinfo: " + strings.TrimSpace(string(out)) + ")"
}
