package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/results"
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

// sweepFlags are the flags of `landauer sweep`; blockHook, now and model
// are set by tests (no package-level hooks): blockHook sees every finished
// block (point index, blocks done) before the meter does, now is its
// clock, model the cost model (nil: sweep.DefaultModel).
type sweepFlags struct {
	out, shard, emit                                    string
	shards, workers, ppt                                int
	checkpoint, progress                                time.Duration
	dryRun, list, quiet                                 bool
	cpus, parallel                                      int
	timeLimit, mem, partition, account, bin, image, pvc string
	cost                                                costFlags
	blockHook                                           func(point, done int)
	now                                                 func() time.Time
	model                                               *sweep.Model
}

func cmdSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runSweep(ctx, args, stdout, stderr, sweepFlags{})
}

// runSweep is `landauer sweep`; f carries the test hooks.
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
	fs.StringVar(&f.timeLimit, "time", "", "--emit slurm: wall-time limit per task (default: from the cost estimate at the rate measured here, × 3 + 10 min; also the k8s pods' deadline)")
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
	path := pos[0]
	sp, err := loadSweep(path)
	if err != nil {
		return err
	}
	if sp, err = sweepWithSets(path, sp, sets); err != nil {
		return err
	}
	if f.ppt < 0 {
		return badInput("--points-per-task must be >= 1, got %d", f.ppt)
	}
	if f.ppt == 0 {
		f.ppt = sp.PointsPerTask
	}
	if f.dryRun {
		return pointErr(path, sp.Summary(ctx, stdout, f.ppt, f.list, pointChecker()))
	}
	if f.out == "" {
		return badInput("sweep: --out DIR is missing")
	}
	if f.emit != "" {
		return emitJob(ctx, stdout, path, sp, &f)
	}
	if f.workers < -1 || f.workers > erasure.MaxWorkers {
		return badInput("--workers must be in [0, %d], got %d", erasure.MaxWorkers, f.workers)
	}
	if f.shard == "" && flagGiven(fs, "shard") {
		return badInput("--shard must be i/n with 0 <= i < n, got \"\"")
	}
	shard, err := sweep.ResolveShard(f.shard, f.shards, os.Getenv)
	if err != nil {
		return badInput("%v", err)
	}
	if err := checkOutDir("--out", f.out); err != nil {
		return err
	}
	if err := prepareDir(sp, f.out); err != nil {
		return err
	}
	pts, err := shard.Points(sp, pointChecker()) // all checked before any runs
	if err != nil {
		return pointErr(path, err)
	}
	obs, stop := sweepObserver(stderr, &f)
	rep, err := sp.Run(ctx, pts, sweep.RunOptions{
		Dir: f.out, Shard: shard, Workers: f.workers, Version: results.Version(), CommandLine: os.Args,
		CheckpointEvery: f.checkpoint, Observer: obs, Model: f.model,
		Gate: func(s []*erasure.Study) error { return f.cost.gate(ctx, stderr, s, f.workers) },
	})
	stop()
	if !rep.Complete {
		return err // refused or interrupted
	}
	name := cmp.Or(sp.Name, "(unnamed)")
	fmt.Fprintf(stdout, "sweep %s: shard %s: %d points run in %s, %d already done, %d failed; results in %s\n",
		name, shard, rep.Ran, rep.Elapsed.Round(time.Millisecond), rep.Already, len(rep.Failed), filepath.Join(f.out, "points"))
	if len(rep.Busy) > 0 {
		fmt.Fprintf(stdout, "sweep %s: %d points (%s) left to the other processes running them\n", name, len(rep.Busy), results.Ranges(rep.Busy))
	}
	return err
}

// sweepObserver shows a sweep's events on stderr: a progress meter of the
// cost model's work (internal/progress), and a line per warning, busy or
// failed point. stop ends the meter.
func sweepObserver(stderr io.Writer, f *sweepFlags) (obs sweep.Observer, stop func()) {
	var pr *progress.Meter
	var skipped float64
	note := func(k, n int) string { return fmt.Sprintf("%d/%d points", k, n) }
	return func(e sweep.Event) {
		if e.Restored > skipped {
			pr.Skip(e.Restored - skipped)
			skipped = e.Restored
		}
		switch e.Kind {
		case sweep.ShardStarted:
			fmt.Fprintln(stderr, e.Msg)
			pr = progress.New(stderr, "progress", e.Total, progress.Options{Every: f.progress, Quiet: f.quiet, Now: f.now, Unit: "particle-steps"})
			pr.Set(0, note(0, e.N))
		case sweep.BlocksDone:
			if f.blockHook != nil {
				f.blockHook(e.Point.Index, e.Blocks)
			}
			pr.Set(e.Done, note(e.K, e.N))
		case sweep.PointFinished:
			switch {
			case errors.Is(e.Err, sweep.ErrPointBusy):
				pr.Line(fmt.Sprintf("point %d skipped: %v", e.Point.Index, e.Err))
			case e.Err != nil:
				pr.Line(fmt.Sprintf("point %d (%s) failed: %v", e.Point.Index, e.Point.Label(), e.Err))
			}
			pr.Set(e.Done, note(e.K+1, e.N))
		case sweep.Warning:
			pr.Line("warning: " + e.Msg)
		}
	}, func() { pr.Stop() }
}

// emitJob prints the Slurm script or Kubernetes manifest of the sweep,
// every point checked first; the time limit comes from the cost estimate
// unless --time gives it.
func emitJob(ctx context.Context, w io.Writer, path string, sp *sweep.Spec, f *sweepFlags) error {
	if f.emit != "slurm" && f.emit != "k8s" {
		return badInput("--emit must be slurm or k8s, got %q", f.emit)
	}
	o := sweep.JobOptions{Dir: f.out, PointsPerTask: f.ppt, CPUs: f.cpus, Mem: f.mem, SlurmTime: f.timeLimit,
		Partition: f.partition, Account: f.account, Bin: f.bin, Image: f.image, PVC: f.pvc, Parallelism: f.parallel}
	emit := sp.EmitSlurm
	if f.emit == "k8s" {
		emit = sp.EmitK8s
	}
	if o.Bin == "" && f.emit == "slurm" {
		exe, err := os.Executable()
		if err == nil {
			exe, err = filepath.EvalSymlinks(exe)
		}
		if err != nil {
			return fmt.Errorf("--bin: %v", err)
		}
		o.Bin = exe
	}
	var err error
	if f.emit == "slurm" {
		if o.Dir, err = filepath.Abs(f.out); err != nil {
			return err
		}
	}
	if _, err := emit(o); err != nil { // the flags, checked before any work
		return badInput("%v", err)
	}
	// Every point is checked before anything is submitted; the time limit
	// is derived from the cost at the rate measured on the first point.
	rate := 0.0
	if pt, err := sp.Point(0); err == nil && pt.Study.Method != erasure.FokkerPlanck && (f.timeLimit == "" || f.emit == "k8s") {
		if rate, err = pt.Study.MeasureRate(ctx); err != nil && ctx.Err() != nil {
			return err
		}
	}
	if o.Time, o.Estimate, err = sp.TaskTime(ctx, o.PointsPerTask, o.CPUs, rate, nil, pointChecker()); err != nil {
		return pointErr(path, err)
	}
	job, err := emit(o)
	if err != nil {
		return badInput("%v", err)
	}
	if f.emit == "k8s" {
		_, err = w.Write(job)
		return err
	}
	// The job reads the spec from DIR/spec.toml, written here, so that the
	// tasks run exactly this sweep whatever happens to the original file.
	if err := prepareDir(sp, o.Dir); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(o.Dir, "logs"), 0o755); err != nil {
		return err
	}
	_, err = w.Write(job)
	return err
}

// prepareDir is sweep.PrepareDir with another sweep's directory bad input.
func prepareDir(sp *sweep.Spec, dir string) error {
	if err := sp.PrepareDir(dir); errors.Is(err, sweep.ErrOtherSweep) {
		return badInput("%v", err)
	} else {
		return err
	}
}

// loadSweep reads and parses a sweep spec.
func loadSweep(path string) (*sweep.Spec, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	sp, err := sweep.Parse(data)
	if err != nil {
		return nil, badInput("%s: %v", path, err)
	}
	return sp, nil
}

// pointChecker refuses a sweep point whose time step is beyond the
// stability limit (Study.CheckStability, once per distinct dynamics),
// naming the point.
func pointChecker() func(*sweep.Point) error {
	c := sweep.NewStabilityChecker()
	return func(pt *sweep.Point) error {
		if err := c.Check(pt); err != nil {
			return badInput("point %d (%s): %v", pt.Index, pt.Label(), err)
		}
		return nil
	}
}

// pointErr makes an error of building a point bad input naming the spec;
// checkPoint's errors and interruptions pass as they are.
func pointErr(path string, err error) error {
	if err == nil || errors.As(err, new(usageError)) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return badInput("%s: %v", path, err)
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
	sp, err := loadSweep(pos[0])
	if err != nil {
		return err
	}
	if *ppt < 0 {
		return badInput("--points-per-task must be >= 1, got %d", *ppt)
	}
	if *ppt == 0 {
		*ppt = sp.PointsPerTask
	}
	return pointErr(pos[0], sp.Summary(ctx, stdout, *ppt, *list, pointChecker()))
}
