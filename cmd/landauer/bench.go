package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/landauer-dev/landauer/erasure"
)

// cmdBench runs the speed benchmark's common workload (bench/README.md)
// and prints one JSON line in the format bench/run reads.
func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("bench", "bench [--particles N] [--threads T] [--seed S] [--json]", stderr)
	particles := fs.Int("particles", 1<<17, "trajectories")
	threads := fs.Int("threads", 0, "worker goroutines (0 = all cores)")
	seed := fs.Uint64("seed", 1, "random seed")
	asJSON := fs.Bool("json", false, "print one JSON line (for bench/run) instead of a sentence")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *particles <= 0 || *threads < 0 {
		return badInput("--particles must be > 0 and --threads >= 0")
	}
	workers := *threads
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s, err := erasure.BenchWorkload(*particles, *seed, workers)
	if err != nil {
		return err
	}
	r, err := s.Run(ctx)
	if err != nil {
		return err
	}
	rate := float64(r.Trajectories) * float64(r.Steps) / r.Seconds
	if !*asJSON {
		fmt.Fprintf(stdout, "%d particles × %d steps on %d workers: %.3g s, %.3g particle-steps/s; ⟨W⟩ = %.4f ± %.4f kT, ε = %.3g\n",
			r.Trajectories, r.Steps, workers, r.Seconds, rate, r.Work.Value, r.Work.StandardError(), r.ErrorRate.Value)
		return nil
	}
	return json.NewEncoder(stdout).Encode(map[string]any{
		"impl": "go-landauer", "particles": r.Trajectories, "steps": r.Steps, "threads": workers,
		"seconds": r.Seconds, "rate": rate, "work_mean": r.Work.Value, "work_sem": r.Work.StandardError(), "error_rate": r.ErrorRate.Value,
	})
}
