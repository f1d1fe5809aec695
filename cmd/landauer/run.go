package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/landauer-dev/landauer/erasure"
)

// studyFlags are the flags shared by run and vet.
type studyFlags struct {
	config       string
	workers      int
	seed         uint64
	trajectories int
	method       string
	snapshots    int
}

func (f *studyFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.config, "config", "", "study config file (TOML); the embedded default study when empty")
	fs.IntVar(&f.workers, "workers", -1, "worker goroutines, 0 = all cores (overrides ensemble.workers; never changes results)")
	fs.Uint64Var(&f.seed, "seed", 0, "random seed (overrides ensemble.seed)")
	fs.IntVar(&f.trajectories, "trajectories", 0, "number of trajectories (overrides ensemble.trajectories)")
	fs.StringVar(&f.method, "method", "", "monte-carlo or fokker-planck (overrides solver.method)")
	fs.IntVar(&f.snapshots, "snapshots", 0, "keep the Fokker–Planck density at N evenly spaced times (overrides solver.snapshots)")
}

// study loads the config and applies the flags that override it.
func (f *studyFlags) study(fs *flag.FlagSet) (*erasure.Study, error) {
	data := []byte(erasure.DefaultStudy)
	if f.config != "" {
		var err error
		if data, err = os.ReadFile(f.config); err != nil {
			return nil, badInput("%v", err)
		}
	}
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
		if f.workers < 0 {
			return nil, badInput("--workers must be >= 0, got %d", f.workers)
		}
		s.Workers = f.workers
	}
	if set["seed"] {
		s.Seed = f.seed
	}
	if set["trajectories"] {
		if f.trajectories <= 0 {
			return nil, badInput("--trajectories must be > 0, got %d", f.trajectories)
		}
		s.Trajectories = f.trajectories
	}
	return s, nil
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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return badInput("%v", err)
	}
	if fs.NArg() > 0 {
		return badInput("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", "run [--config study.toml] [--format table|json|csv] [-o FILE] [flags]", stderr)
	var sf studyFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table, json or csv")
	out := fs.String("o", "", "write the result to this file (atomically) instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch *format {
	case erasure.FormatTable, erasure.FormatJSON, erasure.FormatCSV:
	default:
		return badInput("--format must be table, json or csv, got %q", *format)
	}
	s, err := sf.study(fs)
	if err != nil {
		return err
	}
	if err := s.CheckStability(); err != nil {
		return badInput("%v", err)
	}
	r, err := s.Run(ctx)
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
	if err := erasure.Write(&buf, r, *format); err != nil {
		return err
	}
	if *out != "" {
		return erasure.WriteFileAtomic(*out, buf.Bytes())
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

func cmdVet(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("vet", "vet [--config study.toml]", stderr)
	var sf studyFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
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

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
