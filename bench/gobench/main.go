// Command gobench runs the speed benchmark's workload (bench/README.md,
// erasure.BenchWorkload) with landauer's engine and a chosen kernel, and
// prints one JSON line in bench/run's format, with the kernel and the
// normal generator added:
//
//	go build -o /tmp/gobench ./bench/gobench
//	bench/run --go '/tmp/gobench --kernel avx512 --particles {particles} --threads {threads} --seed {seed}'
//
// It is `landauer bench --json` with --kernel (auto, scalar, avx2,
// avx512) and --dynamics: overdamped (Euler–Maruyama, the workload),
// heun (the default overdamped integrator) or underdamped (the same
// erasure by BAOAB at m = 1); the last two differ in physics from the
// references, so bench/kernels times them, not bench/run.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gobench:", err)
		os.Exit(2)
	}
}

func run() error {
	particles := flag.Int("particles", 1<<17, "trajectories")
	threads := flag.Int("threads", 0, "worker goroutines (0 = all cores)")
	seed := flag.Uint64("seed", 1, "random seed")
	kernel := flag.String("kernel", "auto", "auto, scalar, avx2 or avx512")
	dynamics := flag.String("dynamics", "overdamped", "overdamped (Euler–Maruyama), heun or underdamped (BAOAB)")
	flag.Parse()
	k, err := langevin.ParseKernel(*kernel)
	if err != nil {
		return err
	}
	if *particles <= 0 || *threads < 0 {
		return fmt.Errorf("--particles must be > 0 and --threads >= 0")
	}
	workers := *threads
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s, err := erasure.BenchWorkload(*particles, *seed, workers)
	if err != nil {
		return err
	}
	e := s.Ensemble()
	e.Kernel = k
	switch *dynamics {
	case "overdamped": // Euler–Maruyama, as the references
	case "heun":
		e.Dynamics.Integrator = langevin.Heun
	case "underdamped":
		e.Dynamics.Kind, e.Dynamics.Integrator = langevin.Underdamped, langevin.BAOAB
	default:
		return fmt.Errorf("unknown --dynamics %q", *dynamics)
	}
	if err := e.Validate(); err != nil {
		return err
	}
	var (
		mu          sync.Mutex
		sum, sum2   float64
		n, failures int
	)
	start := time.Now()
	err = e.Run(context.Background(), nil, func(b *langevin.Block) error {
		var s1, s2 float64
		f := 0
		for i, w := range b.Work {
			s1 += w
			s2 += w * w
			if b.X[i] < 0 { // the target is the right well
				f++
			}
		}
		mu.Lock()
		sum, sum2, n, failures = sum+s1, sum2+s2, n+b.Len(), failures+f
		mu.Unlock()
		return nil
	})
	seconds := time.Since(start).Seconds()
	if err != nil {
		return err
	}
	mean := sum / float64(n)
	sd := math.Sqrt(max(sum2/float64(n)-mean*mean, 0) * float64(n) / float64(n-1))
	steps := e.Steps()
	return json.NewEncoder(os.Stdout).Encode(map[string]any{
		"impl": "go-" + k.Resolve().String(), "kernel": k.Resolve().String(), "generator": e.Generator(),
		"dynamics": *dynamics, "particles": n, "steps": steps, "threads": workers, "seconds": seconds,
		"rate": float64(n) * float64(steps) / seconds, "work_mean": mean, "work_sem": sd / math.Sqrt(float64(n)),
		"error_rate": float64(failures) / float64(n),
	})
}
