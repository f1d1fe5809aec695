package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/sweep"
)

const sweepSynopsis = `sweep SPEC.toml --out DIR [--shard i/n | --shards n] [--workers N] [flags]
       landauer sweep SPEC.toml --dry-run [--list]
       landauer sweep SPEC.toml --out DIR --emit slurm|k8s [resource flags]

Runs the points of a sweep spec and writes one result file per point,
atomically, to DIR/points/NNNNNN.json. A rerun skips finished points; a Monte Carlo point
checkpoints its finished blocks to DIR/points/NNNNNN.ckpt.json and resumes
from them, with the same result as an uninterrupted run.

Sharding: shard i of n runs the points p with p mod n = i. Without --shard,
the index comes from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX and the
count from --shards, LANDAUER_SHARDS or SLURM_ARRAY_TASK_COUNT (of an
array 0..count−1); otherwise the shard is 0/1 (every point). The emitted
scripts pass --shards, so resubmitting some array tasks again is safe.

Several processes may work on one DIR at once (shards, a resubmitted task,
a second sweep by mistake): a running point holds DIR/points/NNNNNN.lock
(host and PID), and the others skip it and run the remaining points. A lock
whose process is gone (same host) or that was not refreshed for an hour
(another host; the holder refreshes it every minute while blocks finish)
is stale and taken over. Point and checkpoint files carry a SHA-256
checksum and the normal generator's name: an edited or damaged file is
reported and recomputed, never merged; spec.toml is written only when every
file already in DIR belongs to the spec. A run longer than a minute prints
its estimated cost first, and one longer than --max-time needs --yes.

A sweep spec is a study config (see 'landauer help config'; no
ensemble.seed) plus a [sweep] table:

  [sweep]
  name = "tau-scan"          # a label, written into every result file
  seed = 7                   # [1] point p's seed derives from (seed, p)
  points_per_task = 4        # [1] points per Slurm array task / k8s index

  [[sweep.axis]]             # one table per axis, in order
  key = "protocol.duration"  # any config key table.key: potential.barrier,
                             #   protocol.kind, dynamics.dt, solver.method, ...
  logspace = [1, 100, 5]     # 5 points from 1 to 100 (the ends, not exponents);
                             #   or linspace = [a, b, n]; or values = [...]
  [[sweep.axis]]
  key = "potential.barrier"
  values = [4, 8, 16]
  zip = "depth"              # axes of one zip group vary together
  [[sweep.axis]]
  key = "potential.tilt"
  values = [0.5, 1, 2]
  zip = "depth"

The points are the outer product of the axes (a zip group counts as one), in
the order declared, the last varying fastest: here 5 × 3 = 15 points.
'landauer vet SPEC.toml --list' expands and checks them without running.`

// sweepFlags are the flags of `landauer sweep`.
type sweepFlags struct {
	out        string
	shard      string
	shards     int
	workers    int
	checkpoint time.Duration
	progress   time.Duration
	dryRun     bool
	list       bool
	emit       string
	ppt        int
	// cluster resources
	cpus      int
	timeLimit string
	mem       string
	partition string
	account   string
	bin       string
	image     string
	pvc       string
	parallel  int
	cost      costFlags
	quiet     bool
	// Set by tests (no package-level hooks): blockHook is called after
	// every finished block of a point with the point's index and its
	// finished blocks, before the progress meter sees it; now is the
	// meter's clock (time.Now when nil).
	blockHook func(point, done int)
	now       func() time.Time
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, which it returns. A flag error is one line of bad
// input; -h prints the usage.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				usage()
				return nil, errHelp
			}
			return nil, badInput("%v (see 'landauer %s --help')", err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// loadSweep reads and parses a sweep spec.
func loadSweep(path string) (*sweep.Spec, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	sw, err := sweep.Parse(data)
	if err != nil {
		return nil, badInput("%s: %v", path, err)
	}
	return sw, nil
}

// expand builds and validates every point of a sweep, one at a time (a
// million points in constant memory), calling each (when not nil) with
// each point; it stops when ctx is cancelled.
func expand(ctx context.Context, path string, sw *sweep.Spec, each func(*sweep.Point)) error {
	for p := range sw.Len() {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted at point %d of %d: %w", p, sw.Len(), ctx.Err())
		}
		pt, err := sw.Point(p)
		if err != nil {
			return badInput("%s: %v", path, err)
		}
		if err := checkPoint(pt); err != nil {
			return err
		}
		if each != nil {
			each(pt)
		}
	}
	return nil
}

func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runSweep(ctx, args, stdout, stderr, sweepFlags{})
}

// runSweep is `landauer sweep`; f carries the test hooks (blockHook, now).
func runSweep(ctx context.Context, args []string, stdout, stderr io.Writer, f sweepFlags) error {
	fs := newFlagSet("sweep", sweepSynopsis, stderr)
	fs.StringVar(&f.out, "out", "", "output directory (DIR/points/NNNNNN.json per point)")
	fs.StringVar(&f.shard, "shard", "", "run shard i/n: the points p with p mod n = i (wins over the environment)")
	fs.IntVar(&f.shards, "shards", 0, "shard count, with the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
	f.workers = -1 // unset: ensemble.workers
	fs.Var(optionalInt{&f.workers, "--workers"}, "workers", "`N` worker goroutines per point, 0 = all cores (default: ensemble.workers; never changes results)")
	fs.DurationVar(&f.checkpoint, "checkpoint", 5*time.Second, "interval between checkpoints of a running point's finished blocks (0: every block, < 0: none)")
	fs.DurationVar(&f.progress, "progress", 10*time.Second, "interval between progress lines when stderr is not a terminal (0: none)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar or lines on standard error (warnings and failures are still reported)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "expand and validate the points, print their count and cost, run nothing")
	fs.BoolVar(&f.list, "list", false, "with --dry-run: list every point")
	fs.StringVar(&f.emit, "emit", "", "print a cluster job instead of running: slurm (an sbatch job-array script) or k8s (an Indexed Job)")
	fs.IntVar(&f.ppt, "points-per-task", 0, "points per array task / job index (default: sweep.points_per_task)")
	fs.IntVar(&f.cpus, "cpus-per-task", 4, "--emit: CPUs per task (also the task's --workers)")
	fs.StringVar(&f.timeLimit, "time", "04:00:00", "--emit slurm: wall-time limit per task")
	fs.StringVar(&f.mem, "mem", "4G", "--emit: memory per task (Slurm units K, M, G, T)")
	fs.StringVar(&f.partition, "partition", "", "--emit slurm: partition (default: the cluster's)")
	fs.StringVar(&f.account, "account", "", "--emit slurm: account to charge")
	fs.StringVar(&f.bin, "bin", "", "--emit slurm: path of the landauer binary on the cluster (default: this binary)")
	fs.StringVar(&f.image, "image", "landauer:latest", "--emit k8s: container image holding the landauer binary")
	fs.StringVar(&f.pvc, "pvc", "landauer-data", "--emit k8s: PersistentVolumeClaim mounted at /data")
	fs.IntVar(&f.parallel, "parallelism", 0, "--emit k8s: pods at once (default: all indices)")
	var sets setFlags
	fs.Var(&sets, "set", "set any key of the spec, e.g. --set ensemble.trajectories=1000 for a quick pass (repeatable; DIR/spec.toml records the result)")
	f.cost.register(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return badInput("sweep: want one spec file, got %d arguments (see 'landauer sweep --help')", len(pos))
	}
	sw, err := loadSweep(pos[0])
	if err != nil {
		return err
	}
	if sw, err = sweepWithSets(pos[0], sw, sets); err != nil {
		return err
	}
	if f.ppt < 0 {
		return badInput("--points-per-task must be >= 1, got %d", f.ppt)
	}
	if f.ppt == 0 {
		f.ppt = sw.PointsPerTask
	}
	if f.dryRun {
		return printSweepSummary(ctx, stdout, pos[0], sw, f.ppt, f.list)
	}
	if f.out == "" {
		return badInput("sweep: --out DIR is missing")
	}
	switch f.emit {
	case "":
	case "slurm", "k8s":
		// Every point is checked before anything is submitted.
		if err := expand(ctx, pos[0], sw, nil); err != nil {
			return err
		}
		if f.emit == "slurm" {
			return emitSlurm(stdout, sw, &f)
		}
		return emitK8s(stdout, sw, &f)
	default:
		return badInput("--emit must be slurm or k8s, got %q", f.emit)
	}
	if f.workers < -1 || f.workers > erasure.MaxWorkers {
		return badInput("--workers must be in [0, %d], got %d", erasure.MaxWorkers, f.workers)
	}
	if f.shard == "" && flagGiven(fs, "shard") {
		return badInput("--shard must be i/n with 0 <= i < n, got \"\"")
	}
	shard, shards, err := resolveShard(f.shard, f.shards, os.Getenv)
	if err != nil {
		return err
	}
	if err := checkOutDir("--out", f.out); err != nil {
		return err
	}
	if err := sw.PrepareDir(f.out); err != nil {
		if errors.Is(err, sweep.ErrOtherSweep) {
			return badInput("%v", err)
		}
		return err
	}
	// The shard's points, all checked before any runs.
	var pts []*sweep.Point
	for p := shard; p < sw.Len(); p += shards {
		pt, err := sw.Point(p)
		if err != nil {
			return badInput("%s: %v", pos[0], err)
		}
		if err := checkPoint(pt); err != nil {
			return err
		}
		pts = append(pts, pt)
	}
	return runShard(ctx, sw, pts, shard, shards, &f, stdout, stderr)
}

// resolveShard returns the shard to run: --shard i/n, else the index from
// SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX with the count from --shards,
// LANDAUER_SHARDS or (Slurm) SLURM_ARRAY_TASK_COUNT, else 0/1.
func resolveShard(flagShard string, flagShards int, getenv func(string) string) (int, int, error) {
	if flagShard != "" {
		a, b, ok := strings.Cut(flagShard, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, badInput("--shard must be i/n with 0 <= i < n, got %q", flagShard)
		}
		return i, n, nil
	}
	if flagShards < 0 {
		return 0, 0, badInput("--shards must be >= 1, got %d", flagShards)
	}
	count := func(src string) (int, error) {
		if flagShards > 0 {
			return flagShards, nil
		}
		if v := getenv("LANDAUER_SHARDS"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return 0, badInput("LANDAUER_SHARDS must be a count >= 1, got %q", v)
			}
			return n, nil
		}
		if src == "SLURM_ARRAY_TASK_ID" {
			c, err1 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_COUNT"))
			lo, err2 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_MIN"))
			hi, err3 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_MAX"))
			if err1 == nil && c >= 1 && (err2 != nil || lo == 0) && (err3 != nil || hi == c-1) {
				return c, nil
			}
			return 0, badInput("SLURM_ARRAY_TASK_ID is set but the array is not 0..count-1 (count %q, min %q, max %q): pass --shards N",
				getenv("SLURM_ARRAY_TASK_COUNT"), getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_MAX"))
		}
		return 0, badInput("%s is set but not the shard count: pass --shards N or set LANDAUER_SHARDS", src)
	}
	for _, src := range []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"} {
		v := getenv(src)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			return 0, 0, badInput("%s must be an index >= 0, got %q", src, v)
		}
		n, err := count(src)
		if err != nil {
			return 0, 0, err
		}
		if i >= n {
			return 0, 0, badInput("%s = %d is not below the shard count %d", src, i, n)
		}
		return i, n, nil
	}
	if flagShards > 1 {
		return 0, 0, badInput("--shards %d without --shard i/n, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX", flagShards)
	}
	return 0, 1, nil
}

// runShard runs the points pts of shard shard/shards that are not done yet.
func runShard(ctx context.Context, sw *sweep.Spec, pts []*sweep.Point, shard, shards int, f *sweepFlags, stdout, stderr io.Writer) error {
	var todo []*sweep.Point
	already := 0
	for _, pt := range pts {
		done, err := sw.Finished(f.out, pt.Index)
		if errors.As(err, new(*erasure.SealError)) {
			done, err = false, nil // RunPoint reports it and recomputes the point
		}
		if err != nil {
			return err
		}
		if done {
			already++
			continue
		}
		todo = append(todo, pt)
	}
	studies := make([]*erasure.Study, len(todo))
	for i, pt := range todo {
		studies[i] = pt.Study
	}
	if err := f.cost.gate(ctx, stderr, studies, f.workers); err != nil {
		return err
	}
	shardName := fmt.Sprintf("%d/%d", shard, shards)
	name := sw.Name
	if name == "" {
		name = "(unnamed)"
	}
	costs := make([]float64, len(todo))
	var total float64
	for i, pt := range todo {
		costs[i] = pointWork(pt.Study)
		total += costs[i]
	}
	fmt.Fprintf(stderr, "sweep %s (spec %.12s): shard %s: %d of %d points; %d already done, %d to run\n",
		name, sw.Hash, shardName, len(pts), sw.Len(), already, len(todo))
	// The meter counts the cost (trajectories × time steps, cells × time
	// steps) of this process's points; blocks restored from a checkpoint
	// count as done but not towards the rate.
	pr := progress.New(stderr, "progress", total, progress.Options{Every: f.progress, Quiet: f.quiet, Now: f.now, Unit: "particle-steps"})
	var failed, busy []int
	var firstErr error
	start := time.Now()
	var before float64 // cost of the points finished
	note := func(k int) string { return fmt.Sprintf("%d/%d points", k, len(todo)) }
	pr.Set(0, note(0))
	for k, pt := range todo {
		if ctx.Err() != nil {
			pr.Stop()
			return fmt.Errorf("interrupted before point %d; %d of %d points done: rerun the same command to resume", pt.Index, k, len(todo))
		}
		var seenMu sync.Mutex
		seen := false
		_, err := sw.RunPoint(ctx, f.out, pt, sweep.PointOptions{
			Workers:         f.workers,
			Version:         version(),
			Shard:           shardName,
			CommandLine:     os.Args,
			CheckpointEvery: f.checkpoint,
			Progress: func(done, total int) {
				if f.blockHook != nil {
					f.blockHook(pt.Index, done)
				}
				seenMu.Lock()
				if !seen {
					// The first report, after one block of this run, tells how
					// many blocks were restored from a checkpoint.
					seen = true
					pr.Skip(costs[k] * float64(done-1) / float64(total))
				}
				seenMu.Unlock()
				pr.Set(before+costs[k]*float64(done)/float64(total), note(k))
			},
			Warn: func(msg string) { pr.Line("warning: " + msg) },
		})
		before += costs[k]
		if errors.Is(err, sweep.ErrPointBusy) {
			pr.Line(fmt.Sprintf("point %d skipped: %v", pt.Index, err))
			busy = append(busy, pt.Index)
			pr.Skip(costs[k]) // another process does it
			pr.Set(before, note(k+1))
			continue
		}
		if err != nil && ctx.Err() != nil {
			pr.Stop()
			return fmt.Errorf("interrupted at point %d (its finished blocks are checkpointed); %d of %d points done: rerun the same command to resume",
				pt.Index, k, len(todo))
		}
		if err != nil {
			pr.Line(fmt.Sprintf("point %d (%s) failed: %v", pt.Index, pt.Label(), err))
			failed = append(failed, pt.Index)
			if firstErr == nil {
				firstErr = err
			}
		}
		pr.Set(before, note(k+1))
	}
	pr.Stop()
	fmt.Fprintf(stdout, "sweep %s: shard %s: %d points run in %s, %d already done, %d failed; results in %s\n",
		name, shardName, len(todo)-len(failed)-len(busy), time.Since(start).Round(time.Millisecond), already, len(failed),
		filepath.Join(f.out, "points"))
	if len(busy) > 0 {
		fmt.Fprintf(stdout, "sweep %s: %d points (%s) left to the other processes running them\n", name, len(busy), erasure.Ranges(busy))
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d points failed (%s); first error: %v", len(failed), erasure.Ranges(failed), firstErr)
	}
	return nil
}

// fpWeight converts Fokker–Planck cell-steps into the cost unit of the
// sweep meter, Monte Carlo particle-steps: the time of one cell-step of the
// Crank–Nicolson solve with its error estimate over that of one
// particle-step; only the initial estimate depends on it, since the rate is
// measured.
const fpWeight = 4

// pointWork is a point's cost in particle-step equivalents.
func pointWork(s *erasure.Study) float64 {
	c := sweep.PointCost(s)
	return c.ParticleSteps + fpWeight*c.CellSteps
}

// printSweepSummary is what vet and --dry-run print.
func printSweepSummary(ctx context.Context, w io.Writer, path string, sw *sweep.Spec, ppt int, list bool) error {
	var c sweep.Cost
	if err := expand(ctx, path, sw, func(pt *sweep.Point) { c.Add(sweep.PointCost(pt.Study)) }); err != nil {
		return err
	}
	name := sw.Name
	if name == "" {
		name = "(unnamed)"
	}
	// The factors: an axis alone, or a zip group.
	var factors []string
	groups := map[string]int{}
	for _, a := range sw.Axes {
		if a.Zip == "" {
			factors = append(factors, fmt.Sprintf("%s (%d)", a.Key, len(a.Values)))
			continue
		}
		if i, ok := groups[a.Zip]; ok {
			factors[i] = strings.Replace(factors[i], "] (", ", "+a.Key+"] (", 1)
			continue
		}
		groups[a.Zip] = len(factors)
		factors = append(factors, fmt.Sprintf("[%s] (%d, zip %q)", a.Key, len(a.Values), a.Zip))
	}
	fmt.Fprintf(w, "ok: sweep %s (spec %.16s): %d points = %s\n", name, sw.Hash, sw.Len(), strings.Join(factors, " × "))
	fmt.Fprintf(w, "  monte-carlo:   %d points, %.3g particle-steps (trajectories × time steps)\n", c.MonteCarlo, c.ParticleSteps)
	fmt.Fprintf(w, "  fokker-planck: %d points, %.3g cell-steps (grid cells × time steps)\n", c.FokkerPlanck, c.CellSteps)
	fmt.Fprintf(w, "  cluster:       %d tasks of up to %d points (points_per_task)\n", sw.Tasks(ppt), ppt)
	if list {
		return expand(ctx, path, sw, func(pt *sweep.Point) {
			fmt.Fprintf(w, "%6d  seed %-20d %s\n", pt.Index, pt.Seed, pt.Label())
		})
	}
	return nil
}

// sweepVetArgs reports whether `vet` was given a sweep spec (a file with a
// [sweep] table), as an argument or as its --config.
func sweepVetArgs(args []string) bool {
	for i, a := range args {
		path := ""
		switch {
		case a == "--config" || a == "-config":
			if i+1 < len(args) {
				path = args[i+1]
			}
		case strings.HasPrefix(a, "--config=") || strings.HasPrefix(a, "-config="):
			_, path, _ = strings.Cut(a, "=")
		case !strings.HasPrefix(a, "-"):
			path = a // an argument, or a flag's value: a file only if it is one
		}
		if path == "" {
			continue
		}
		if data, err := safeio.ReadFile(path, 0); err == nil && sweep.IsSpec(data) {
			return true
		}
	}
	return false
}

// cmdVetSweep is `landauer vet SPEC.toml` for a sweep spec.
// checkPoint refuses a sweep point whose time step is beyond the
// stability limit (Study.CheckStability), naming the point.
func checkPoint(pt *sweep.Point) error {
	if err := pt.Study.CheckStability(); err != nil {
		return badInput("point %d (%s): %v", pt.Index, pt.Label(), err)
	}
	return nil
}

func cmdVetSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("vet", "vet SPEC.toml [--list]   (a sweep spec: expand and validate every point)", stderr)
	config := fs.String("config", "", "the sweep spec (or give it as the argument)")
	list := fs.Bool("list", false, "list every point")
	ppt := fs.Int("points-per-task", 0, "points per cluster task (default: sweep.points_per_task)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *config != "" {
		pos = append(pos, *config)
	}
	if len(pos) != 1 {
		return badInput("vet: want one spec file, got %d", len(pos))
	}
	sw, err := loadSweep(pos[0])
	if err != nil {
		return err
	}
	if *ppt < 0 {
		return badInput("--points-per-task must be >= 1, got %d", *ppt)
	}
	if *ppt == 0 {
		*ppt = sw.PointsPerTask
	}
	return printSweepSummary(ctx, stdout, pos[0], sw, *ppt, *list)
}

const mergeSynopsis = `merge DIR [DIR|FILE ...] [-o results.csv] [--format csv|jsonl] [--allow-missing] [--timings]

Gathers the point files of one sweep (from one or more --out directories of
its shards) into one table, one row per point by index: the index, every
axis, and every result field, with units in the CSV header. Refuses files of
different sweeps; missing points are an error listing them (exit 1) unless
--allow-missing. The run times are left out unless --timings, so that a
merged table depends on the spec alone, however the sweep was sharded.`

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", mergeSynopsis, stderr)
	out := fs.String("o", "", "write the table to this file (atomically) instead of standard output")
	format := fs.String("format", "", "csv or jsonl (default: from the -o extension, else csv)")
	allow := fs.Bool("allow-missing", false, "merge the points there are; only warn about missing ones")
	timings := fs.Bool("timings", false, "add the run time of each point (seconds), which differs from run to run")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return badInput("merge: no directory given (see 'landauer merge --help')")
	}
	if *format == "" {
		*format = "csv"
		if strings.HasSuffix(*out, ".jsonl") || strings.HasSuffix(*out, ".ndjson") {
			*format = "jsonl"
		}
	}
	if *format != "csv" && *format != "jsonl" {
		return badInput("--format must be csv or jsonl, got %q", *format)
	}
	if err := checkOutput(*out, pos...); err != nil {
		return err
	}
	files, err := sweep.PointFiles(pos...)
	if err != nil {
		return badInput("merge: %v", err)
	}
	if len(files) == 0 {
		return badInput("merge: no point files in %s", strings.Join(pos, ", "))
	}
	m, err := erasure.Merge(files, erasure.MergeOptions{AllowMissing: *allow, Timings: *timings})
	if err != nil {
		var me *erasure.MissingError
		if errors.As(err, &me) {
			return fmt.Errorf("merge: %v (rerun their shards, or pass --allow-missing)", err)
		}
		return usageError{err} // the files given are not one sweep's sound point files
	}
	// Each directory's spec.toml, where there is one, must be this sweep.
	for _, p := range pos {
		data, err := safeio.ReadFile(filepath.Join(p, "spec.toml"), 0)
		if err != nil {
			continue
		}
		if sw, err := sweep.Parse(data); err == nil && sw.Hash != m.Hash {
			return badInput("merge: %s/spec.toml is sweep %.16s but its points are %.16s: refusing to merge", p, sw.Hash, m.Hash)
		}
	}
	if len(m.Missing) > 0 {
		fmt.Fprintf(stderr, "landauer: merge: warning: %d of %d points missing: %s\n", len(m.Missing), m.Total, erasure.Ranges(m.Missing))
	}
	var buf bytes.Buffer
	if *format == "jsonl" {
		err = m.WriteJSONL(&buf)
	} else {
		err = m.WriteCSV(&buf)
	}
	if err != nil {
		return err
	}
	if *out != "" {
		return erasure.WriteFileAtomic(*out, buf.Bytes())
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

// ---- cluster jobs ----

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var unsafeName = regexp.MustCompile(`[^a-z0-9-]+`)

// jobName is a name usable by Slurm and Kubernetes (RFC 1123 label).
func jobName(sw *sweep.Spec) string {
	n := strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(sw.Name), "-"), "-")
	if n == "" {
		n = "sweep"
	}
	n = "landauer-" + n
	if len(n) > 40 {
		n = strings.TrimRight(n[:40], "-")
	}
	return n + "-" + sw.Hash[:8]
}

var slurmTime = regexp.MustCompile(`^(\d+-)?\d+(:\d+){0,2}$`)
var memSize = regexp.MustCompile(`^(\d+)([KMGT]?)$`)

func emitSlurm(w io.Writer, sw *sweep.Spec, f *sweepFlags) error {
	if f.cpus < 1 {
		return badInput("--cpus-per-task must be >= 1, got %d", f.cpus)
	}
	if !slurmTime.MatchString(f.timeLimit) {
		return badInput("--time must be a Slurm time such as 04:00:00 or 1-00:00:00, got %q", f.timeLimit)
	}
	if !memSize.MatchString(f.mem) {
		return badInput("--mem must be a size such as 4G or 500M, got %q", f.mem)
	}
	bin := f.bin
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("--bin: %v", err)
		}
		if exe, err = filepath.EvalSymlinks(exe); err != nil {
			return fmt.Errorf("--bin: %v", err)
		}
		bin = exe
	}
	out, err := filepath.Abs(f.out)
	if err != nil {
		return err
	}
	if err := checkSlurmValues(f, bin, out); err != nil {
		return err
	}
	// The job reads the spec from DIR/spec.toml, written here, so that the
	// tasks run exactly this sweep whatever happens to the original file.
	if err := sw.PrepareDir(out); err != nil {
		if errors.Is(err, sweep.ErrOtherSweep) {
			return badInput("%v", err)
		}
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "logs"), 0o755); err != nil {
		return err
	}
	tasks := sw.Tasks(f.ppt)
	name := jobName(sw)
	var opt strings.Builder
	if f.partition != "" {
		fmt.Fprintf(&opt, "#SBATCH --partition=%s\n", f.partition)
	}
	if f.account != "" {
		fmt.Fprintf(&opt, "#SBATCH --account=%s\n", f.account)
	}
	fmt.Fprintf(w, `#!/bin/bash
#SBATCH --job-name=%[1]s
#SBATCH --array=0-%[2]d
#SBATCH --cpus-per-task=%[3]d
#SBATCH --time=%[4]s
#SBATCH --mem=%[5]s
#SBATCH --output=%[6]s/logs/%%x_%%A_%%a.out
#SBATCH --open-mode=append
%[7]s#
# landauer sweep %[8]q (spec %.16[9]s): %[10]d points in %[11]d array tasks
# of up to %[12]d points; task i runs the points p with p mod %[11]d = i.
#
# Submit in one step, the array and then a merge that runs once every task
# has succeeded (sbatch --dependency=afterok):
#     bash THIS_SCRIPT
# or by hand:
#     jobid=$(sbatch --parsable THIS_SCRIPT)
#     sbatch --dependency=afterok:${jobid%%%%;*} --wrap "$LANDAUER merge $OUT -o $OUT/results.csv"
#
# A task killed (time limit, preemption) loses at most its running point's
# last few seconds: rerun it (or the whole array); finished points are
# skipped and a running point resumes from its checkpoint.
set -euo pipefail
LANDAUER=%[13]s
OUT=%[14]s
SHARDS=%[11]d

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
	# Not inside the array: submit it, then the merge after it.
	mkdir -p "$OUT/logs"
	jobid=$(sbatch --parsable "$0")
	jobid=${jobid%%%%;*}
	mergeid=$(sbatch --parsable --dependency=afterok:"$jobid" --job-name=%[1]s-merge \
		--output="$OUT/logs/%[1]s-merge_%%j.out" --time=01:00:00 --cpus-per-task=1 --mem=1G %[15]s\
		--wrap "$(printf '%%q ' "$LANDAUER" merge "$OUT" -o "$OUT/results.csv")")
	echo "submitted array job $jobid ($SHARDS tasks) and merge job ${mergeid%%%%;*} (after it succeeds): $OUT/results.csv"
	exit 0
fi

exec "$LANDAUER" sweep "$OUT/spec.toml" --out "$OUT" --shards "$SHARDS" \
	--workers "${SLURM_CPUS_PER_TASK:-0}" --progress 60s --yes
`, name, tasks-1, f.cpus, f.timeLimit, f.mem, out, opt.String(), sw.Name, sw.Hash, sw.Len(), tasks, f.ppt,
		shellQuote(bin), shellQuote(out), slurmExtra(f))
	return nil
}

// slurmExtra is the partition and account options of the merge job.
func slurmExtra(f *sweepFlags) string {
	var s string
	if f.partition != "" {
		s += "--partition=" + shellQuote(f.partition) + " "
	}
	if f.account != "" {
		s += "--account=" + shellQuote(f.account) + " "
	}
	return s
}

func emitK8s(w io.Writer, sw *sweep.Spec, f *sweepFlags) error {
	if f.cpus < 1 {
		return badInput("--cpus-per-task must be >= 1, got %d", f.cpus)
	}
	m := memSize.FindStringSubmatch(f.mem)
	if m == nil {
		return badInput("--mem must be a size such as 4G or 500M, got %q", f.mem)
	}
	mem := m[1] + map[string]string{"": "Mi", "K": "Ki", "M": "Mi", "G": "Gi", "T": "Ti"}[m[2]]
	if f.parallel < 0 {
		return badInput("--parallelism must be >= 1, got %d", f.parallel)
	}
	out, err := k8sOut(f)
	if err != nil {
		return err
	}
	tasks := sw.Tasks(f.ppt)
	par := tasks
	if f.parallel > 0 {
		par = min(f.parallel, tasks)
	}
	name := jobName(sw)
	var spec strings.Builder
	for _, l := range strings.Split(strings.TrimRight(string(sw.Text), "\n"), "\n") {
		spec.WriteString("    " + l + "\n")
	}
	q := strconv.Quote
	fmt.Fprintf(w, `# landauer sweep %[1]q (spec %.16[2]s): %[3]d points in %[4]d indices of up to %[5]d
# points; index i runs the points p with p mod %[4]d = i (JOB_COMPLETION_INDEX).
#   kubectl apply -f THIS.yaml
#   kubectl wait --for=condition=complete --timeout=-1s job/%[6]s
# then, in any pod that mounts the volume:
#   landauer merge %[7]s -o %[7]s/results.csv
# A failed or evicted pod is retried; finished points are skipped and a
# running point resumes from its checkpoint.
apiVersion: v1
kind: ConfigMap
metadata:
  name: %[6]s-spec
data:
  spec.toml: |
%[8]s---
apiVersion: batch/v1
kind: Job
metadata:
  name: %[6]s
spec:
  completionMode: Indexed
  completions: %[4]d
  parallelism: %[9]d
  backoffLimitPerIndex: 3   # Kubernetes >= 1.29
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: landauer
          image: %[10]s
          command: ["landauer", "sweep", "/spec/spec.toml", "--out", %[11]s, "--shards", "%[4]d", "--workers", "%[12]d", "--progress", "60s", "--yes"]
          resources:
            requests:
              cpu: "%[12]d"
              memory: %[13]s
            limits:
              memory: %[13]s
          volumeMounts:
            - name: spec
              mountPath: /spec
              readOnly: true
            - name: data
              mountPath: /data
      volumes:
        - name: spec
          configMap:
            name: %[6]s-spec
        - name: data
          persistentVolumeClaim:
            claimName: %[14]s
`, sw.Name, sw.Hash, sw.Len(), tasks, f.ppt, name, out, spec.String(), par, q(f.image), q(out), f.cpus, mem, q(f.pvc))
	return nil
}
