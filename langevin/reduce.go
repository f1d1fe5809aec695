package langevin

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
)

// Reducer runs a computation cut into blocks 0..Blocks−1 on a fixed number
// of goroutines and merges the blocks' results strictly in block order:
// Merge sees block 0, then 1, then 2, …, whichever worker finished which
// block and in whatever order, so a reduction whose blocks draw from
// streams keyed by the block number (StreamSeed) gives the same bits for
// any number of workers. Results that finish ahead of their turn are held
// until the blocks before them are merged; at most Window of them wait at
// any time (a worker does not start block b before block b − Window is
// merged), so the memory held is bounded whatever the number of blocks.
//
// Run stops within one block when ctx is cancelled (Work sees the
// cancellation; no new block starts) or when Work or Merge fails, and it
// returns only after every goroutine it started has returned. Results that
// finished but were not merged when it stopped stay available through
// Held, the pending state of a checkpoint; First and Known resume from one.
//
// Per block, Run allocates nothing: the held results live in a ring of
// Window slots allocated when Run starts.
//
// A Reducer must not be copied once Run has started; it may be run again
// after Run returns (Run resets its state).
type Reducer[T any] struct {
	// Blocks is the number of blocks, numbered 0..Blocks−1.
	Blocks int
	// First is the first block to run: blocks 0..First−1 count as merged
	// already (a run resumed from a checkpoint). 0 runs them all.
	First int
	// Workers is the number of goroutines that call Work; 0 means
	// runtime.GOMAXPROCS(0), and never more than the blocks to run (see
	// Workers). It never changes the sequence of calls to Merge.
	Workers int
	// Window is the most results held ahead of their turn; 0 means four
	// per worker. It is ignored when Merge is nil (nothing is held then).
	Window int
	// Work computes block b on worker w, 0 ≤ w < Workers(r.Workers,
	// r.Blocks−r.First); calls with the same w never overlap, so per-worker
	// scratch can live in a slice indexed by w. Work is called from the
	// worker goroutines, several at once, for different blocks; it should
	// return soon after ctx is cancelled, with ctx's error.
	Work func(ctx context.Context, w, b int) (T, error)
	// Known, if not nil, gives the results known without calling Work
	// (ok true), e.g. the blocks of a checkpoint that finished ahead of
	// their turn; they are merged in their turn. It is called from the
	// worker goroutines.
	Known func(b int) (v T, ok bool)
	// Merge, if not nil, receives the result of every block First..Blocks−1
	// in increasing block order, one call at a time, on the goroutine that
	// called Run. After a failure or a cancellation it is not called again.
	// When Merge is nil the results are dropped as they come (Work does
	// everything), blocks complete in any order and nothing is held.
	Merge func(b int, v T) error

	mu       sync.Mutex
	ready    sync.Cond // the next block to merge is held, or the run stops
	room     sync.Cond // a merge made room in the window, or the run stops
	held     []T       // ring: block b in slot b % len(held)
	have     []bool    // slot holds a result
	next     int       // the next block to start
	merged   int       // blocks First..merged−1 are merged
	done     int       // blocks finished (with Merge nil)
	running  int       // workers still running
	stop     bool      // no block starts any more
	err      error     // the error of the lowest failed block, or of a Merge
	errBlock int
}

// Workers is the number of goroutines a Reducer with Workers = workers runs
// for the given number of blocks: workers, or runtime.GOMAXPROCS(0) when it
// is 0, but never more than blocks.
func Workers(workers, blocks int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return max(0, min(workers, blocks))
}

// Reduce runs work(ctx, w, b) for every block b of 0..blocks−1 on
// Workers(workers, blocks) goroutines and hands the results to merge in
// increasing block order on the calling goroutine: a Reducer with these
// fields (see Reducer for the rules).
func Reduce[T any](ctx context.Context, blocks, workers int, work func(ctx context.Context, w, b int) (T, error), merge func(b int, v T) error) error {
	r := &Reducer[T]{Blocks: blocks, Workers: workers, Work: work, Merge: merge}
	return r.Run(ctx)
}

// Run computes and merges the blocks First..Blocks−1. It returns nil when
// every block was merged (every Work returned, when Merge is nil);
// otherwise the error of the lowest-numbered block whose Work or Merge
// failed, not counting the blocks that Run cancelled because of that
// failure (their errors wrap context.Canceled); otherwise ctx's error.
func (r *Reducer[T]) Run(ctx context.Context) error {
	switch {
	case r.Work == nil:
		return errors.New("langevin: Reducer without Work")
	case r.Blocks < 0 || r.First < 0 || r.First > r.Blocks:
		return fmt.Errorf("langevin: Reducer of blocks %d..%d", r.First, r.Blocks-1)
	case r.Workers < 0 || r.Window < 0:
		return fmt.Errorf("langevin: Reducer with %d workers and window %d", r.Workers, r.Window)
	}
	workers := Workers(r.Workers, r.Blocks-r.First)
	window := 0 // unbounded: nothing is held
	if r.Merge != nil {
		window = r.Window
		if window == 0 {
			window = 4 * workers
		}
		window = max(1, min(window, r.Blocks-r.First))
	}
	r.mu.Lock()
	r.ready.L, r.room.L = &r.mu, &r.mu
	r.held, r.have = make([]T, window), make([]bool, window)
	r.next, r.merged, r.done, r.running = r.First, r.First, 0, workers
	r.stop, r.err, r.errBlock = false, nil, 0
	r.mu.Unlock()

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.worker(ctx, wctx, cancel, w)
		}()
	}
	if r.Merge != nil {
		r.mergeAll(ctx, cancel)
	}
	wg.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	complete := r.done == r.Blocks-r.First
	if r.Merge != nil {
		complete = r.merged == r.Blocks
	}
	switch {
	case r.err != nil:
		return r.err
	case complete:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	}
	return errors.New("langevin: internal error: Reducer stopped without a cause")
}

// worker starts blocks in order until none is left or the run stops.
func (r *Reducer[T]) worker(parent, ctx context.Context, cancel context.CancelFunc, w int) {
	window := len(r.held)
	r.mu.Lock()
	defer func() {
		r.running--
		r.ready.Broadcast() // the merger waits for the last worker, too
		r.mu.Unlock()
	}()
	for {
		for window > 0 && !r.stop && r.next < r.Blocks && r.next >= r.merged+window {
			r.room.Wait()
		}
		if r.stop || r.next >= r.Blocks {
			return
		}
		if ctx.Err() != nil {
			r.halt()
			return
		}
		b := r.next
		r.next++
		r.mu.Unlock()
		var (
			v   T
			ok  bool
			err error
		)
		if r.Known != nil {
			v, ok = r.Known(b)
		}
		if !ok {
			v, err = r.Work(ctx, w, b)
		}
		r.mu.Lock()
		if err != nil {
			r.fail(parent, b, err)
			cancel()
			return
		}
		if window == 0 {
			r.done++
			continue
		}
		// Kept even after a stop: Held reports it.
		i := b % window
		r.held[i], r.have[i] = v, true
		if b == r.merged {
			r.ready.Signal()
		}
	}
}

// mergeAll merges the held results in block order on the calling goroutine
// until every block is merged or the run stops.
func (r *Reducer[T]) mergeAll(parent context.Context, cancel context.CancelFunc) {
	window := len(r.held)
	var zero T
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.merged < r.Blocks {
		i := r.merged % window
		for !r.stop && !r.have[i] && r.running > 0 {
			r.ready.Wait()
		}
		if r.stop || !r.have[i] {
			return
		}
		b, v := r.merged, r.held[i]
		r.held[i], r.have[i] = zero, false // drop the reference now
		r.mu.Unlock()
		err := r.Merge(b, v)
		r.mu.Lock()
		if err != nil {
			r.fail(parent, b, err)
			cancel()
			return
		}
		r.merged++
		r.room.Broadcast()
	}
}

// halt stops the run: no block starts any more. r.mu is held.
func (r *Reducer[T]) halt() {
	r.stop = true
	r.ready.Broadcast()
	r.room.Broadcast()
}

// fail records the error of block b and stops the run; r.mu is held. The
// cancellation that an earlier failure caused is not an error of its own.
func (r *Reducer[T]) fail(parent context.Context, b int, err error) {
	induced := r.err != nil && parent.Err() == nil && errors.Is(err, context.Canceled)
	if !induced && (r.err == nil || b < r.errBlock) {
		r.err, r.errBlock = err, b
	}
	r.halt()
}

// Held yields, in increasing block order, the results that finished ahead
// of their turn and are not merged: during Run (from Merge, say, for a
// checkpoint) and after it returns, when they are the blocks finished
// after the last merged one. The loop body must not call r's methods.
func (r *Reducer[T]) Held() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		r.mu.Lock()
		defer r.mu.Unlock()
		window := len(r.held)
		for b := r.merged; b < r.merged+window && b < r.Blocks; b++ {
			if i := b % window; r.have[i] && !yield(b, r.held[i]) {
				return
			}
		}
	}
}
