package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/results"
)

// studyFlags are the flags shared by run and vet.
type studyFlags struct {
	config       string
	workers      int
	seed         uint64
	trajectories int
	method       string
	snapshots    int
	sets         setFlags
	resolved     []byte // the config text as run (after --set), for provenance
}

func (f *studyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "study config file (TOML); the embedded default study when empty")
	fs.IntVar(&f.workers, "workers", 0, "worker goroutines, 0 = all cores (overrides ensemble.workers, whose default is 0; never changes results)")
	fs.Uint64Var(&f.seed, "seed", 0, "random seed (overrides ensemble.seed)")
	fs.IntVar(&f.trajectories, "trajectories", 0, "number of trajectories (overrides ensemble.trajectories)")
	fs.StringVar(&f.method, "method", "", "monte-carlo or fokker-planck (overrides solver.method)")
	fs.IntVar(&f.snapshots, "snapshots", 0, "keep the Fokker–Planck density at N evenly spaced times (overrides solver.snapshots)")
	fs.Var(&f.sets, "set", "set any config key, e.g. --set potential.barrier=12 --set dynamics.kind=underdamped (repeatable)")
}

// study loads the config and applies the flags that override it.
func (f *studyFlags) study(fs *flag.FlagSet) (*erasure.Study, error) {
	data := []byte(erasure.DefaultStudy)
	if f.config != "" {
		var err error
		if data, err = readInput(f.config); err != nil {
			return nil, err
		}
	}
	if f.config != "" && isSweepSpec(data) {
		return nil, sweepSpecError(f.config)
	}
	data, err := applySets(data, f.sets)
	if err != nil {
		return nil, err
	}
	f.resolved = data
	cfg, err := erasure.ParseConfig(data)
	if err != nil {
		return nil, badInput("%v", err)
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if set["method"] {
		cfg.Solver.Method = f.method
	}
	if set["snapshots"] {
		cfg.Solver.Snapshots = &f.snapshots
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, badInput("%v", err)
	}
	if set["workers"] {
		if f.workers < 0 || f.workers > erasure.MaxWorkers {
			return nil, badInput("--workers must be in [0, %d], got %d", erasure.MaxWorkers, f.workers)
		}
		s.Workers = f.workers
	}
	if set["seed"] {
		if f.seed >= 1<<63 { // ensemble.seed's range
			return nil, badInput("--seed must be in [0, 2^63), got %d", f.seed)
		}
		s.Seed = f.seed
	}
	if set["trajectories"] {
		if f.trajectories <= 0 || f.trajectories > erasure.MaxTrajectories { // ensemble.trajectories' range
			return nil, badInput("--trajectories must be in [1, 2^50], got %d", f.trajectories)
		}
		s.Trajectories = f.trajectories
	}
	return s, preflight(s) // harden.go
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: landauer %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning flag errors into bad input and -h into errHelp.
func parse(fs *flag.FlagSet, args []string) error {
	if err := quietParse(fs, args); err != nil { // harden.go: one line, not the usage
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return badInput("%v (see 'landauer %s --help')", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [study.toml | --config study.toml] [--set key=value]... [--format table|json|csv] [-o FILE] [flags]", stderr)
	withAbout(fs, stderr, runAbout)
	var sf studyFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table, json or csv (inferred from -o's extension .txt/.json/.csv when not given)")
	out := fs.String("o", "", "write the result to this file (atomically) instead of standard output")
	var cost costFlags
	cost.register(fs)
	quiet := fs.Bool("quiet", false, "no progress bar or lines on standard error")
	every := fs.Duration("progress", 10*time.Second, "interval between progress lines when stderr is not a terminal (0: none)")
	if err := parseConfigArgs(fs, args, &sf.config); err != nil {
		return err
	}
	if f := formatFromPath(*out); f != "" && !flagSet(fs, "format") {
		*format = f
	}
	switch *format {
	case results.FormatTable, results.FormatJSON, results.FormatCSV:
	default:
		return badInput("--format must be table, json or csv, got %q", *format)
	}
	if err := checkOutput(*out, sf.config); err != nil {
		return err
	}
	s, err := sf.study(fs)
	if err != nil {
		return err
	}
	if err := s.CheckStability(); err != nil {
		return badInput("%v", err)
	}
	if err := cost.gate(ctx, stderr, []*erasure.Study{s}, -1); err != nil {
		return err
	}
	r, err := runWithProgress(ctx, s, stderr, *quiet, *every)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	for _, w := range r.Warnings() {
		fmt.Fprintln(stderr, "landauer: warning:", w)
	}
	var buf bytes.Buffer
	if err := results.Write(&buf, r, *format); err != nil {
		return err
	}
	if *format == results.FormatCSV {
		b := append(results.NewProvenance(sf.resolved, s.Generator(), os.Args).CSV(), buf.Bytes()...)
		buf.Reset()
		buf.Write(b)
	}
	if *format == results.FormatJSON {
		b, err := results.WithProvenance(buf.Bytes(), results.NewProvenance(sf.resolved, s.Generator(), os.Args))
		if err != nil {
			return err
		}
		buf.Reset()
		buf.Write(b)
	}
	if *out != "" {
		return erasure.WriteFileAtomic(*out, buf.Bytes())
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

// runWithProgress runs the study, showing a Monte Carlo run's progress
// (its finished blocks, in particle-steps) on stderr. A Fokker–Planck solve
// reports no progress (it takes seconds).
func runWithProgress(ctx context.Context, s *erasure.Study, stderr io.Writer, quiet bool, every time.Duration) (*erasure.Result, error) {
	if s.Method == erasure.FokkerPlanck || quiet {
		return s.Run(ctx)
	}
	c, _ := s.Work() // particle-steps
	m := progress.New(stderr, "run", c, progress.Options{Every: every, Unit: "particle-steps"})
	defer m.Stop()
	return s.RunResumable(ctx, erasure.Checkpoint{Progress: func(done, total int) {
		m.Set(c*float64(done)/float64(total), fmt.Sprintf("%d/%d blocks", done, total))
	}})
}

func cmdVet(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("vet", "vet [study.toml | --config study.toml] [--set key=value]... [flags]\n       landauer vet SPEC.toml [--list]   (a sweep spec: expand and validate every point)", stderr)
	var sf studyFlags
	sf.register(fs)
	if err := parseConfigArgs(fs, args, &sf.config); err != nil {
		return err
	}
	s, err := sf.study(fs)
	if err != nil {
		return err
	}
	if s.Method == erasure.FokkerPlanck {
		fmt.Fprintf(stdout, "ok: %s erasure of a %s bit, τ = %g, Fokker–Planck\n", s.Protocol.Kind(), s.Potential.Name(), s.Protocol.Duration())
		return nil
	}
	e := s.Ensemble()
	if err := e.Validate(); err != nil {
		return badInput("%v", err)
	}
	if err := s.CheckStability(); err != nil {
		return badInput("%v", err)
	}
	limit := ""
	if st, err := e.Stability(); err == nil {
		limit = fmt.Sprintf(", stability limit %.3g", st.Limit)
	}
	fmt.Fprintf(stdout, "ok: %s erasure of a %s bit, τ = %g, %s (%s, dt = %g%s), %d trajectories × %d steps = %.3g particle-steps in %d blocks\n",
		s.Protocol.Kind(), s.Potential.Name(), s.Protocol.Duration(), s.Dynamics.Kind, s.Dynamics.Scheme(), e.Step(), limit,
		s.Trajectories, e.Steps(), float64(s.Trajectories)*float64(e.Steps()), e.Blocks())
	return nil
}
