package discrete

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestOptimizeObservesCancellation is the regression test of the
// Nelder–Mead search ignoring cancellation (issue 15: every optimiser loop
// stops within 1 s of SIGINT/SIGTERM). The search at ε = 1e-15, Γτ = 35
// takes several seconds uncancelled (≈ 3000 evaluations of ≈ 2 ms, see
// Optimize's doc), with MaxEvaluations raised so that it cannot end on its
// own first; it is cancelled 50 ms in and must return ctx's error. The
// time from cancellation to return is logged (milliseconds: one objective
// evaluation); the test fails only past a generous 10 s so that a loaded
// machine cannot make it flaky, which still catches a search that runs to
// its end.
func TestOptimizeObservesCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	timer := time.AfterFunc(50*time.Millisecond, func() {
		cancelled = time.Now()
		cancel()
	})
	defer timer.Stop()
	_, err := TwoState(1).OptimizeContext(ctx, 1e-15, 35, OptimizeOptions{Knots: 8, MaxEvaluations: 1 << 30})
	took := time.Since(cancelled)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	t.Logf("returned %v after cancellation", took)
	if took > 10*time.Second {
		t.Errorf("returned %v after cancellation, want well under 1 s", took)
	}
	// Cancelled before it starts: no evaluation at all.
	if _, err := TwoState(1).OptimizeContext(ctx, 0.01, 10, OptimizeOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("pre-cancelled: err = %v, want context.Canceled", err)
	}
}
