package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/papers"
	"github.com/landauer-dev/landauer/papers/repro"
)

const paperSynopsis = "paper NAME [--out DIR] [--quick] [--trajectories N] [--seed S] [--workers N] [--protocol-file F] [--format table|json] [--max-time D] [--yes] [--quiet]\n       landauer paper --list"

// cmdPaper reproduces a published result: `landauer paper --list` names
// them, `landauer paper NAME` runs one, writes its figure and CSV to --out
// and prints its summary (or one JSON object).
func cmdPaper(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("paper", paperSynopsis, stderr)
	list := fs.Bool("list", false, "list the papers that can be reproduced")
	out := fs.String("out", "landauer-paper", `directory for the figure (PNG, SVG, PDF, TeX) and its CSV, created if needed (like demo's ./landauer-demo); "" writes none`)
	quick := fs.Bool("quick", false, "the smaller ensembles and fewer points of the paper's own test (seconds)")
	trajectories := fs.Int("trajectories", 0, "trajectories per study (per point of a sweep); 0 = the paper's")
	seed := fs.Uint64("seed", 1, "random seed (point i of a sweep uses a seed derived from (seed, i))")
	workers := fs.Int("workers", 0, "worker goroutines, 0 = all cores (never changes results)")
	protocolFile := fs.String("protocol-file", "", `protocol table, for papers that take one (nestbench25: rows "c0 c1" evenly spaced over t_f)`)
	format := fs.String("format", "table", "output format: table or json")
	quiet := fs.Bool("quiet", false, "no progress bar, lines or per-point messages on standard error")
	every := fs.Duration("progress", 10*time.Second, "interval between progress lines when stderr is not a terminal (0: none)")
	var cost costFlags // harden.go: the estimate and the --max-time gate
	cost.register(fs)

	// The paper's name may come first (landauer paper jun2014 --quick) or
	// after the flags (landauer paper --quick jun2014).
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := quietParse(fs, args); err != nil { // harden.go: one line, not the usage
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return badInput("%v (see 'landauer paper --help')", err)
	}
	rest := fs.Args()
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		return badInput("unexpected argument %q", rest[0])
	}

	if *list {
		if name != "" {
			return badInput("--list takes no paper name, got %q", name)
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, p := range papers.List() {
			fmt.Fprintf(tw, "%s\t%s\n\t%s\n", p.Name, p.Title, p.Citation)
		}
		return tw.Flush()
	}
	if name == "" {
		fs.Usage()
		return badInput("no paper given (have %s; --list describes them)", strings.Join(papers.Names(), ", "))
	}
	p, err := papers.Lookup(name)
	if err != nil {
		return badInput("unknown paper %q (have %s)", name, strings.Join(papers.Names(), ", "))
	}
	switch *format {
	case repro.FormatTable, repro.FormatJSON:
	default:
		return badInput("--format must be table or json, got %q", *format)
	}
	if *trajectories < 0 || *trajectories > erasure.MaxTrajectories { // ensemble.trajectories' range
		return badInput("--trajectories must be in [0, 2^50] (0 = the paper's), got %d", *trajectories)
	}
	if *workers < 0 || *workers > erasure.MaxWorkers {
		return badInput("--workers must be in [0, %d], got %d", erasure.MaxWorkers, *workers)
	}
	if *seed >= 1<<63 {
		return badInput("--seed must be in [0, 2^63), got %d", *seed)
	}
	if *protocolFile != "" && !p.ProtocolFile {
		return badInput("paper %s takes no --protocol-file", name)
	}
	if err := checkOutDir("--out", *out); err != nil {
		return err
	}
	opts := repro.Options{
		Out: *out, Quick: *quick, Trajectories: *trajectories, Seed: *seed, Workers: *workers,
		ProtocolFile: *protocolFile,
	}
	if plan, ok, err := p.Plan(opts); err != nil {
		return paperError(ctx, err)
	} else if ok {
		if err := cost.gate(ctx, stderr, repro.MonteCarlo(plan), -1); err != nil {
			return err
		}
	} else if sec, big, ok, err := p.Estimate(ctx, opts); err != nil {
		return paperError(ctx, err)
	} else if ok {
		if err := cost.gateWork(stderr, sec, big); err != nil {
			return err
		}
	}
	var m *progress.Meter // a bar or plain lines from the paper's plan; nil: quiet
	if !*quiet {
		m = progress.New(stderr, "paper "+name, 0, progress.Options{Every: *every})
		opts.Observe, opts.Log = m.Report, m.Writer()
	}
	r, err := p.Run(ctx, opts)
	m.Stop()
	if err != nil {
		return paperError(ctx, err)
	}
	return r.Write(stdout, *format)
}

// gateWork is gate for a paper whose work is not a list of studies
// (repro.Paper.Work): it prints the estimated wall time sec when it is
// over a minute, naming the costliest step, and refuses it (exit 2) when
// it is over --max-time unless --yes.
func (c *costFlags) gateWork(stderr io.Writer, sec float64, big repro.Step) error {
	est := time.Duration(min(sec, 1e9) * float64(time.Second)).Round(time.Second)
	if sec > 60 {
		fmt.Fprintf(stderr, "landauer: estimated cost: about %s, most of it %.3g %s at the measured %.3g per second\n",
			est, big.Units, big.Note, big.Rate)
	}
	if c.maxTime > 0 && sec > c.maxTime.Seconds() && !c.yes {
		return badInput("the estimated wall time %s exceeds --max-time %s: pass --yes to run it anyway, or raise --max-time",
			est, c.maxTime)
	}
	return nil
}

// paperError: bad options exit 2, an interruption says so.
func paperError(ctx context.Context, err error) error {
	var ie *repro.InputError
	switch {
	case errors.As(err, &ie):
		return badInput("%v", err)
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted: %w", err)
	}
	return err
}
