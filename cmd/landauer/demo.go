package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/papers/headline"
)

// cmdDemo runs the headline comparison (papers/headline; `landauer paper
// headline` is the same reproduction): it writes the figure, verdict.txt and
// results.jsonl to --out and prints the verdict.
func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "demo [--quick] [--out DIR] [--workers N] [--seed N]", stderr)
	quick := fs.Bool("quick", false, "reduced statistics and fewer durations: seconds instead of a minute (for CI)")
	quiet := fs.Bool("quiet", false, "no progress bar, lines or per-point messages on standard error")
	every := fs.Duration("progress", 10*time.Second, "interval between progress lines when stderr is not a terminal (0: none)")
	out := fs.String("out", "landauer-demo", "folder for the figure (headline.png, .svg, .tex, .csv), verdict.txt and results.jsonl")
	workers := fs.Int("workers", 0, "worker goroutines, 0 = all cores (never changes the numbers)")
	seed := fs.Uint64("seed", 1, "random seed of the Monte Carlo points")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *workers < 0 {
		return badInput("--workers must be >= 0, got %d", *workers)
	}
	if *seed >= 1<<63 {
		return badInput("--seed must be < 2^63, got %d", *seed)
	}
	if *out == "" {
		return badInput("--out must name a folder")
	}
	if err := checkOutDir("--out", *out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return badInput("--out: %v", err)
	}

	d := headline.New(*quick)
	d.Workers = *workers
	d.Seed = *seed
	var m *progress.Meter // a bar or plain lines from the demo's cost model; nil: quiet
	if !*quiet {
		m = progress.New(stderr, "demo", 0, progress.Options{Every: *every})
		d.Observe = m.Report
		d.Log = func(format string, a ...any) { m.Line(fmt.Sprintf(format, a...)) }
	}
	start := time.Now()
	res, err := d.Reproduce(ctx)
	m.Stop()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	for _, w := range res.Figure.Warnings {
		fmt.Fprintln(stderr, "demo: figure:", w)
	}
	if _, err := res.WriteFiles(*out); err != nil {
		return err
	}
	if _, err := stdout.Write(res.Report); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "demo: wrote %s in %s (%.1f s)\n", strings.Join(headline.Files(), ", "), *out, time.Since(start).Seconds())
	return nil
}
