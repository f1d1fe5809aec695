package sweep

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
)

// Expand builds and validates every point in index order, calling each
// (when not nil) with it (its study and values; Point.TOML is left empty),
// one call at a time, in index order; an error of each stops it and is
// returned as it is. The points are built on all cores, a chunk at a time
// (a million points in constant memory and seconds). It stops within a
// chunk, with an error wrapping ctx's, when ctx is cancelled.
func (sp *Spec) Expand(ctx context.Context, each func(*Point) error) error {
	const chunk = 256 // points a worker builds at a time
	type result struct {
		pts []*Point
		err error
	}
	n := sp.Len()
	chunks := (n + chunk - 1) / chunk
	workers := max(1, min(runtime.GOMAXPROCS(0), chunks))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Chunk c goes to worker c mod workers, whose results arrive in order
	// on its own channel: the consumer reads the workers round-robin.
	outs := make([]chan result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		outs[w] = make(chan result, 2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(outs[w])
			for c := w; c < chunks; c += workers {
				var r result
				for p := c * chunk; p < min(n, (c+1)*chunk); p++ {
					if ctx.Err() != nil {
						return
					}
					pt, err := sp.checkPoint(p)
					if err != nil {
						r.err = err
						break
					}
					r.pts = append(r.pts, pt)
				}
				select {
				case outs[w] <- r:
				case <-ctx.Done():
					return
				}
				if r.err != nil {
					return
				}
			}
		}()
	}
	defer func() { cancel(); wg.Wait() }() // the workers stop before Expand returns
	next := 0                              // the next point to deliver
	for c := range chunks {
		r, ok := <-outs[c%workers]
		if !ok {
			break // cancelled
		}
		for _, pt := range r.pts {
			if ctx.Err() != nil {
				break
			}
			if each != nil {
				if err := each(pt); err != nil {
					return err
				}
			}
			next++
		}
		if r.err != nil {
			return r.err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted at point %d of %d: %w", next, n, err)
	}
	return nil
}

// Factors describes the factors of the outer product: "key (n)" for an
// axis alone, "[key1, key2] (n, zip "g")" for a zip group, in order.
func (sp *Spec) Factors() []string {
	var factors []string
	groups := map[string]int{}
	for _, a := range sp.Axes {
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
	return factors
}

// Summary expands and checks every point (Expand with check) and writes
// what `landauer vet` and `sweep --dry-run` print: the points, the factors,
// the cost and the cluster tasks at pointsPerTask points each; with list,
// every point's index, seed and values.
func (sp *Spec) Summary(ctx context.Context, w io.Writer, pointsPerTask int, list bool, check func(*Point) error) error {
	var c Cost
	if err := sp.Expand(ctx, func(pt *Point) error {
		if check != nil {
			if err := check(pt); err != nil {
				return err
			}
		}
		c.Add(PointCost(pt.Study))
		return nil
	}); err != nil {
		return err
	}
	name := sp.Name
	if name == "" {
		name = "(unnamed)"
	}
	fmt.Fprintf(w, "ok: sweep %s (spec %.16s): %d points = %s\n", name, sp.Hash, sp.Len(), strings.Join(sp.Factors(), " × "))
	fmt.Fprintf(w, "  monte-carlo:   %d points, %.3g particle-steps (trajectories × time steps)\n", c.MonteCarlo, c.ParticleSteps)
	fmt.Fprintf(w, "  fokker-planck: %d points, %.3g cell-steps (grid cells × time steps)\n", c.FokkerPlanck, c.CellSteps)
	fmt.Fprintf(w, "  cluster:       %d tasks of up to %d points (points_per_task)\n", sp.Tasks(pointsPerTask), pointsPerTask)
	if list {
		return sp.Expand(ctx, func(pt *Point) error {
			_, err := fmt.Fprintf(w, "%6d  seed %-20d %s\n", pt.Index, pt.Seed, pt.Label())
			return err
		})
	}
	return nil
}
