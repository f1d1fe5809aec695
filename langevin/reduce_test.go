package langevin_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// blockSum is a block's result in the tests: a sum of uniform variates
// from the block's stream, whose merge in floating point depends on the
// order of the blocks.
func blockSum(b int) float64 {
	var st langevin.Stream
	st.Seed(langevin.StreamSeed(7, b))
	r := rand.New(&st)
	var s float64
	for range 100 {
		s += r.Float64() * math.Exp2(float64(r.IntN(60))) // widely spread magnitudes: order matters
	}
	return s
}

// orderedSum is the reference: the block sums added in block order.
func orderedSum(blocks int) float64 {
	var s float64
	for b := range blocks {
		s += blockSum(b)
	}
	return s
}

// waitGoroutines fails the test unless the number of goroutines falls back
// to n (the reducer's workers have returned).
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	for range 200 {
		if runtime.NumGoroutine() <= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Errorf("%d goroutines left, want ≤ %d: a worker leaked", runtime.NumGoroutine(), n)
}

// The merged result is bit-identical for 1, 2 and 7 workers and any window,
// with blocks finishing out of order (random delays), and Merge sees the
// blocks in order, one at a time, with at most Window held.
func TestReduceWorkerInvariance(t *testing.T) {
	const blocks = 61
	want := orderedSum(blocks)
	for _, workers := range []int{1, 2, 7} {
		for _, window := range []int{0, 1, 3} {
			var (
				sum     float64
				next    int
				merging atomic.Int32
				merged  atomic.Int64 // blocks merged
				jitter  = rand.New(rand.NewPCG(uint64(workers), uint64(window)))
				mu      sync.Mutex
			)
			r := &langevin.Reducer[float64]{Blocks: blocks, Workers: workers, Window: window,
				Work: func(ctx context.Context, w, b int) (float64, error) {
					lim := window
					if lim == 0 {
						lim = 4 * workers
					}
					if done := int(merged.Load()); b >= done+lim {
						t.Errorf("block %d started with %d merged: more than the window %d ahead", b, done, lim)
					}
					mu.Lock()
					d := time.Duration(jitter.IntN(300)) * time.Microsecond
					mu.Unlock()
					time.Sleep(d)
					return blockSum(b), nil
				},
				Merge: func(b int, v float64) error {
					if merging.Add(1) != 1 {
						t.Error("two merges at once")
					}
					defer merging.Add(-1)
					if b != next {
						t.Errorf("merged block %d, want %d", b, next)
					}
					next++
					sum += v
					merged.Store(int64(next))
					return nil
				}}
			if err := r.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if next != blocks || sum != want {
				t.Errorf("%d workers, window %d: merged %d blocks, sum %v, want %d blocks, %v (bit-identical)", workers, window, next, sum, blocks, want)
			}
		}
	}
}

// Blocks that finish long before an earlier one are held, not merged, and
// Held reports them in block order.
func TestReduceOutOfOrder(t *testing.T) {
	const blocks, workers = 9, 4
	release := make(chan struct{})
	finished := make(chan int, blocks)
	var order []int
	var heldAt1 []int
	var r *langevin.Reducer[int]
	r = &langevin.Reducer[int]{Blocks: blocks, Workers: workers, Window: 4,
		Work: func(ctx context.Context, w, b int) (int, error) {
			if b == 0 {
				<-release // block 0 finishes last of the first four
			}
			finished <- b
			return 10 * b, nil
		},
		Merge: func(b, v int) error {
			if v != 10*b {
				t.Errorf("block %d merged with %d", b, v)
			}
			order = append(order, b)
			if b == 0 {
				for hb := range r.Held() {
					heldAt1 = append(heldAt1, hb)
				}
			}
			return nil
		}}
	go func() {
		for range 3 { // blocks 1, 2, 3 finish first
			<-finished
		}
		close(release)
	}()
	if err := r.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(order) != "[0 1 2 3 4 5 6 7 8]" {
		t.Errorf("merge order %v", order)
	}
	if fmt.Sprint(heldAt1) != "[1 2 3]" {
		t.Errorf("held while block 0 merged: %v, want [1 2 3]", heldAt1)
	}
	if n := len(slicesOf(r.Held())); n != 0 {
		t.Errorf("%d results held after a complete run", n)
	}
}

func slicesOf(seq func(func(int, int) bool)) []int {
	var s []int
	for b := range seq {
		s = append(s, b)
	}
	return s
}

// Cancelling the context stops the run within one block: the blocks under
// way see the cancellation, no block starts after it (beyond those already
// handed out), Merge is not called again, every goroutine returns, and a
// run resumed from the merged prefix (First) and the held results (Known)
// gives the same bits as an uninterrupted one.
func TestReduceCancelAndResume(t *testing.T) {
	const blocks, workers, window = 40, 3, 5
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		sum      float64
		next     int
		started  atomic.Int64
		mergedAt atomic.Int64
	)
	mergedAt.Store(-1)
	r := &langevin.Reducer[float64]{Blocks: blocks, Workers: workers, Window: window,
		Work: func(ctx context.Context, w, b int) (float64, error) {
			started.Add(1)
			if b == 3 {
				<-ctx.Done() // under way when the run is cancelled
				return 0, fmt.Errorf("block %d: %w", b, ctx.Err())
			}
			return blockSum(b), nil
		},
		Merge: func(b int, v float64) error {
			if mergedAt.Load() >= 0 {
				t.Errorf("block %d merged after the cancellation", b)
			}
			sum += v
			next = b + 1
			if b == 2 {
				cancel()
				mergedAt.Store(int64(b))
			}
			return nil
		}}
	err := r.Run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if next != 3 {
		t.Errorf("merged %d blocks, want 3 (block 3 never finishes)", next)
	}
	// Blocks 3..7 can have been handed out (window 5 past the merged
	// prefix 0..2); none beyond.
	if n := started.Load(); n > 3+window {
		t.Errorf("%d blocks started, want ≤ %d", n, 3+window)
	}
	waitGoroutines(t, base)

	// Resume: blocks 0..next−1 are in sum; the held ones are known.
	known := map[int]float64{}
	for b, v := range r.Held() {
		if b < next {
			t.Errorf("held block %d is not after the merged prefix 0..%d", b, next-1)
		}
		known[b] = v
	}
	r2 := &langevin.Reducer[float64]{Blocks: blocks, First: next, Workers: 2,
		Known: func(b int) (float64, bool) { v, ok := known[b]; return v, ok },
		Work: func(ctx context.Context, w, b int) (float64, error) {
			if _, ok := known[b]; ok || b < next {
				t.Errorf("block %d computed again", b)
			}
			return blockSum(b), nil
		},
		Merge: func(b int, v float64) error { sum += v; return nil }}
	if err := r2.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := orderedSum(blocks); sum != want {
		t.Errorf("resumed sum %v, want %v (bit-identical)", sum, want)
	}
}

// A context cancelled before the run starts no block.
func TestReduceCancelledBefore(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	err := langevin.Reduce(ctx, 100, 4, func(ctx context.Context, w, b int) (int, error) {
		calls.Add(1)
		return 0, ctx.Err()
	}, func(int, int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d blocks started on a cancelled context", calls.Load())
	}
}

// The error of the lowest failed block is returned, not the cancellation
// it causes in the blocks under way, and nothing after it is merged.
func TestReduceErrors(t *testing.T) {
	errA, errB := errors.New("block 5 failed"), errors.New("block 9 failed")
	for _, workers := range []int{1, 2, 7} {
		base := runtime.NumGoroutine()
		var maxMerged atomic.Int64
		maxMerged.Store(-1)
		err := langevin.Reduce(context.Background(), 50, workers, func(ctx context.Context, w, b int) (int, error) {
			switch b {
			case 5:
				return 0, errA
			case 9:
				return 0, errB
			case 4:
				if workers >= 7 { // under way when block 5 or 9 fails
					<-ctx.Done()
					return 0, fmt.Errorf("block 4: %w", ctx.Err())
				}
			}
			return b, nil
		}, func(b, v int) error {
			maxMerged.Store(int64(b))
			return nil
		})
		if !errors.Is(err, errA) {
			t.Errorf("%d workers: err = %v, want %v", workers, err, errA)
		}
		if m := maxMerged.Load(); m >= 5 {
			t.Errorf("%d workers: block %d merged after a failure at block 5", workers, m)
		}
		waitGoroutines(t, base)
	}

	// A Merge error stops the run and is returned; Merge is not called again.
	errM := errors.New("merge failed")
	calls := 0
	err := langevin.Reduce(context.Background(), 30, 3, func(ctx context.Context, w, b int) (int, error) { return b, nil },
		func(b, v int) error {
			calls++
			if b == 2 {
				return errM
			}
			return nil
		})
	if !errors.Is(err, errM) || calls != 3 {
		t.Errorf("merge error: err = %v after %d merges, want %v after 3", err, calls, errM)
	}

	// Without Merge every block runs, in any order, and a Work error is
	// returned as with Merge.
	var ran atomic.Int64
	r := &langevin.Reducer[struct{}]{Blocks: 20, Workers: 3, Work: func(ctx context.Context, w, b int) (struct{}, error) {
		ran.Add(1)
		return struct{}{}, nil
	}}
	if err := r.Run(context.Background()); err != nil || ran.Load() != 20 {
		t.Errorf("no merge: err = %v, %d blocks run, want nil, 20", err, ran.Load())
	}

	// Bad settings are errors, not panics.
	for i, bad := range []*langevin.Reducer[int]{
		{Blocks: 3},
		{Blocks: -1, Work: func(context.Context, int, int) (int, error) { return 0, nil }},
		{Blocks: 3, First: 4, Work: func(context.Context, int, int) (int, error) { return 0, nil }},
		{Blocks: 3, Workers: -1, Work: func(context.Context, int, int) (int, error) { return 0, nil }},
	} {
		if err := bad.Run(context.Background()); err == nil {
			t.Errorf("bad reducer %d: no error", i)
		}
	}
}

// Each worker number is used by one goroutine at a time, and is below
// Workers(workers, blocks).
func TestReduceWorkerNumbers(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		nw := langevin.Workers(workers, 40)
		busy := make([]atomic.Bool, nw)
		err := langevin.Reduce(context.Background(), 40, workers, func(ctx context.Context, w, b int) (int, error) {
			if w < 0 || w >= nw {
				t.Fatalf("worker %d of %d", w, nw)
			}
			if busy[w].Swap(true) {
				t.Errorf("worker %d runs two blocks at once", w)
			}
			time.Sleep(100 * time.Microsecond)
			busy[w].Store(false)
			return b, nil
		}, func(int, int) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
	}
	if langevin.Workers(8, 3) != 3 || langevin.Workers(2, 10) != 2 || langevin.Workers(0, 1) != 1 || langevin.Workers(0, 0) != 0 {
		t.Error("Workers does not cap at the blocks")
	}
}

// The reducer allocates nothing per block: a run of 4096 blocks allocates
// as much as one of 8.
func TestReduceAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts are noisy under -short's parallel packages")
	}
	work := func(ctx context.Context, w, b int) (float64, error) { return float64(b), nil }
	var sum float64
	merge := func(b int, v float64) error { sum += v; return nil }
	allocs := func(blocks int) float64 {
		return testing.AllocsPerRun(20, func() {
			r := langevin.Reducer[float64]{Blocks: blocks, Workers: 2, Work: work, Merge: merge}
			if err := r.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
	few, many := allocs(8), allocs(4096)
	if many > few {
		t.Errorf("%v allocations for 4096 blocks, %v for 8: the reducer allocates per block", many, few)
	}
}

// Example: the sum of block results in block order, the same bits for any
// number of workers.
func ExampleReduce() {
	square := func(ctx context.Context, w, b int) (float64, error) { return 1 / float64((b+1)*(b+1)), nil }
	for _, workers := range []int{1, 4} {
		var sum float64
		err := langevin.Reduce(context.Background(), 1000, workers, square, func(b int, v float64) error {
			sum += v // block 0, 1, 2, … in this order
			return nil
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d workers: Σ 1/n² = %.15f (π²/6 − 1/1000 ≈ %.4f)\n", workers, sum, math.Pi*math.Pi/6-1e-3)
	}
	// Output:
	// 1 workers: Σ 1/n² = 1.643934566681561 (π²/6 − 1/1000 ≈ 1.6439)
	// 4 workers: Σ 1/n² = 1.643934566681561 (π²/6 − 1/1000 ≈ 1.6439)
}

// energyTally is the sum and the sum of squares of the final potential
// energies of a block (or of the blocks merged so far).
type energyTally struct{ n, s, s2 float64 }

// reduceEnergy reduces e's final potential energies in block order with
// ReduceBlocks; known, when not nil, gives blocks that are not integrated.
func reduceEnergy(e *langevin.Ensemble, workers int, known func(int) (energyTally, bool)) (energyTally, int64, error) {
	var total energyTally
	var tallied atomic.Int64
	r := &langevin.Reducer[energyTally]{Workers: workers, Known: known,
		Merge: func(b int, t energyTally) error {
			total.n += t.n
			total.s += t.s
			total.s2 += t.s2
			return nil
		}}
	err := langevin.ReduceBlocks(context.Background(), e, r, func(b *langevin.Block) (energyTally, error) {
		tallied.Add(1)
		var t energyTally
		for _, u := range b.U1 {
			t.n++
			t.s += u
			t.s2 += u * u
		}
		return t, nil
	})
	return total, tallied.Load(), err
}

// harmonicEnsemble is an equilibrium harmonic trap U = x²/2 held for 1
// time unit (Heun, k dt = 0.01: a stationary-variance bias of order
// (k dt)², 1e-4, far below the standard error).
func harmonicEnsemble(n int) (*langevin.Ensemble, error) {
	p, err := wells.New("harmonic", map[string]float64{"stiffness": 1})
	if err != nil {
		return nil, err
	}
	return &langevin.Ensemble{
		Potential:    p,
		Schedule:     hold{wells.Control{0, 1}, 1},
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: 0.01, Friction: 1, Temperature: 1},
		Trajectories: n,
		Seed:         5,
		BlockSize:    128,
		Kernel:       langevin.KernelScalar,
	}, nil
}

// ReduceBlocks merges an ensemble's block tallies in block order: the same
// bits for 1, 2 and 7 workers; equipartition ⟨U⟩ = kT/2 within 5 standard
// errors (Var U = (kT)²/2 for a harmonic trap); a block that Known gives is
// not integrated but merged in its turn.
func TestReduceBlocks(t *testing.T) {
	const n = 20000
	e, err := harmonicEnsemble(n)
	if err != nil {
		t.Fatal(err)
	}
	var first energyTally
	for i, workers := range []int{1, 2, 7} {
		got, tallied, err := reduceEnergy(e, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tallied != int64(e.Blocks()) || got.n != n {
			t.Fatalf("%d workers: %d blocks tallied, %v trajectories merged, want %d, %d", workers, tallied, got.n, e.Blocks(), n)
		}
		if i == 0 {
			first = got
			continue
		}
		if got != first {
			t.Errorf("%d workers: %+v, 1 worker: %+v (want bit-identical)", workers, got, first)
		}
	}
	mean := first.s / first.n
	se := math.Sqrt(0.5 / n) // √(Var U / n), Var U = (kT)²/2
	if math.Abs(mean-0.5) > 5*se {
		t.Errorf("⟨U⟩ = %.5f kT, want kT/2 ± %.5f", mean, 5*se)
	}
	t.Logf("⟨U⟩ = %.5f ± %.5f kT (kT/2 = 0.5)", mean, se)

	// Block 3 known in advance (a checkpoint's block): not integrated.
	marker := energyTally{n: 1}
	got, tallied, err := reduceEnergy(e, 3, func(b int) (energyTally, bool) { return marker, b == 3 })
	if err != nil {
		t.Fatal(err)
	}
	if tallied != int64(e.Blocks()-1) || got.n != n-128+1 {
		t.Errorf("with block 3 known: %d blocks tallied, %v merged, want %d, %d", tallied, got.n, e.Blocks()-1, n-128+1)
	}
}

// Integrating and reducing an ensemble allocates nothing per block (the
// hot loops and the reducer alike): 64 blocks allocate no more than 4.
func TestReduceBlocksAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts are noisy under -short's parallel packages")
	}
	allocs := func(blocks int) (reduce, run float64) {
		e, err := harmonicEnsemble(128 * blocks)
		if err != nil {
			t.Fatal(err)
		}
		e.Workers = 1
		reduce = testing.AllocsPerRun(5, func() {
			r := &langevin.Reducer[float64]{Merge: func(int, float64) error { return nil }}
			if err := langevin.ReduceBlocks(context.Background(), e, r, func(b *langevin.Block) (float64, error) { return b.U1[0], nil }); err != nil {
				t.Fatal(err)
			}
		})
		run = testing.AllocsPerRun(5, func() {
			if err := e.Run(context.Background(), nil, func(*langevin.Block) error { return nil }); err != nil {
				t.Fatal(err)
			}
		})
		return reduce, run
	}
	r4, u4 := allocs(4)
	r64, u64 := allocs(64)
	if r64 > r4 || u64 > u4 {
		t.Errorf("allocations: ReduceBlocks %v for 64 blocks, %v for 4; Run %v, %v: something allocates per block", r64, r4, u64, u4)
	}
}

// ExampleReduceBlocks: the mean potential energy of an equilibrium
// harmonic trap, from block tallies merged in block order, is kT/2
// (equipartition) and the same bits for any number of workers.
func ExampleReduceBlocks() {
	e, err := harmonicEnsemble(20000)
	if err != nil {
		fmt.Println(err)
		return
	}
	var sums [2]float64
	for i, workers := range []int{1, 4} {
		r := &langevin.Reducer[float64]{Workers: workers, Merge: func(b int, s float64) error {
			sums[i] += s // block 0, 1, 2, … in this order
			return nil
		}}
		err := langevin.ReduceBlocks(context.Background(), e, r, func(b *langevin.Block) (float64, error) {
			var s float64
			for _, u := range b.U1 { // U at the end, in kT
				s += u
			}
			return s, nil
		})
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	mean := sums[0] / 20000
	fmt.Println("⟨U⟩ within 4 standard errors of kT/2:", math.Abs(mean-0.5) < 4*math.Sqrt(0.5/20000))
	fmt.Println("1 and 4 workers agree bit for bit:", sums[0] == sums[1])
	// Output:
	// ⟨U⟩ within 4 standard errors of kT/2: true
	// 1 and 4 workers agree bit for bit: true
}
