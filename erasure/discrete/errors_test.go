package discrete

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/stats"
)

// Bad input gives errors, never panics or NaN results.
func TestBadInput(t *testing.T) {
	good, _ := SuddenRaiseProtocol(3, 5)
	nan := math.NaN()
	bits := map[string]Bit{
		"negative Γ":   TwoState(-1),
		"zero Γ":       TwoState(0),
		"NaN Γ":        TwoState(nan),
		"infinite Γ":   TwoState(math.Inf(1)),
		"N = 1":        {N: 1, Gamma: 1},
		"N = 0":        {Gamma: 1},
		"bad graph":    {N: 2, Gamma: 1, Graph: 7},
		"bad target":   {N: 2, Gamma: 1, Target: []int{2}},
		"twice target": {N: 3, Gamma: 1, Target: []int{0, 0}},
		"all targets":  {N: 2, Gamma: 1, Target: []int{0, 1}},
	}
	for name, b := range bits {
		if _, err := b.Solve(good, nil); err == nil {
			t.Errorf("%s: Solve accepted", name)
		}
		if _, err := b.Sample(good, nil, SampleOptions{}); err == nil {
			t.Errorf("%s: Sample accepted", name)
		}
		if _, err := b.Optimize(0.01, 10, OptimizeOptions{}); err == nil {
			t.Errorf("%s: Optimize accepted", name)
		}
		if _, err := b.Rate([]float64{0, 1}, 0, 1); err == nil {
			t.Errorf("%s: Rate accepted", name)
		}
	}
	b := TwoState(1)
	for _, e := range []float64{0, 0.5, -0.1, 0.7, nan, math.Inf(1)} {
		if _, err := b.Optimize(e, 10, OptimizeOptions{}); err == nil {
			t.Errorf("Optimize accepted ε = %g", e)
		}
		if _, err := b.Optimal(e, 10); err == nil {
			t.Errorf("Optimal accepted ε = %g", e)
		}
		if _, err := MinDuration(e); err == nil {
			t.Errorf("MinDuration accepted ε = %g", e)
		}
	}
	for _, tau := range []float64{nan, math.Inf(1)} {
		if _, err := b.Optimize(0.1, tau, OptimizeOptions{}); err == nil {
			t.Errorf("Optimize accepted τ = %g", tau)
		}
	}
	for _, o := range []OptimizeOptions{{Knots: 1}, {MaxEvaluations: -1}, {Knots: 3, Initial: []float64{1, 2}}, {Knots: 2, Initial: []float64{1, nan}}} {
		if _, err := b.Optimize(0.1, 10, o); err == nil {
			t.Errorf("Optimize accepted %+v", o)
		}
	}
	if _, err := (Bit{N: 3, Gamma: 1}).Optimize(0.1, 10, OptimizeOptions{}); err == nil {
		t.Error("Optimize accepted N = 3")
	}
	// Protocols.
	bad := [][]Keyframe{
		nil,
		{{0, []float64{0}}},
		{{1, []float64{0, 0}}},
		{{0, []float64{0, nan}}},
		{{0, []float64{0, 0}}, {1, []float64{0, math.Inf(1)}}},
		{{0, []float64{0, 0}}, {2, []float64{0, 1}}, {1, []float64{0, 1}}},
		{{0, []float64{0, 0}}, {nan, []float64{0, 1}}},
		{{0, []float64{0, 0}}, {1, []float64{0, 1, 2}}},
	}
	for _, fr := range bad {
		if _, err := NewProtocol(fr); err == nil {
			t.Errorf("NewProtocol accepted %v", fr)
		}
	}
	if _, err := TwoStateProtocol([]float64{0, 1}, []float64{0}); err == nil {
		t.Error("TwoStateProtocol accepted mismatched lengths")
	}
	if _, err := SuddenRaiseProtocol(nan, 1); err == nil {
		t.Error("SuddenRaiseProtocol accepted NaN ΔE")
	}
	if _, err := SuddenRaiseProtocol(1, -1); err == nil {
		t.Error("SuddenRaiseProtocol accepted τ < 0")
	}
	if _, err := SlowRaiseProtocol(1, 0); err == nil {
		t.Error("SlowRaiseProtocol accepted τ = 0")
	}
	if _, err := b.Solve(Protocol{}, nil); err == nil {
		t.Error("Solve accepted the zero Protocol")
	}
	three, _ := NewProtocol([]Keyframe{{0, []float64{0, 0, 0}}})
	if _, err := b.Solve(three, nil); err == nil {
		t.Error("Solve accepted a 3-state protocol for a 2-state bit")
	}
	for _, p0 := range [][]float64{{1}, {0.5, 0.6}, {-0.1, 1.1}, {nan, 1}} {
		if _, err := b.Solve(good, p0); err == nil {
			t.Errorf("Solve accepted p0 = %v", p0)
		}
		if _, err := b.Sample(good, p0, SampleOptions{}); err == nil {
			t.Errorf("Sample accepted p0 = %v", p0)
		}
	}
	for _, ts := range [][]float64{{-1}, {6}, {2, 1}, {nan}} {
		if _, err := b.SolveAt(good, nil, ts); err == nil {
			t.Errorf("SolveAt accepted times %v", ts)
		}
	}
	for _, o := range []SampleOptions{{Trajectories: 1}, {Trajectories: -5}, {Confidence: 1}, {Confidence: -0.5}, {Confidence: nan}} {
		if _, err := b.Sample(good, nil, o); err == nil {
			t.Errorf("Sample accepted %+v", o)
		}
	}
	if _, err := b.SamplePath(good, 2, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("SamplePath accepted start state 2")
	}
	if _, err := b.SamplePath(good, 0, nil); err == nil {
		t.Error("SamplePath accepted a nil rng")
	}
	for _, e := range [][]float64{{0}, {0, nan}, {math.Inf(-1), 0}} {
		if _, err := b.Equilibrium(e); err == nil {
			t.Errorf("Equilibrium accepted %v", e)
		}
		if _, err := b.Rate(e, 0, 1); err == nil {
			t.Errorf("Rate accepted %v", e)
		}
	}
	if _, err := b.Rate([]float64{0, 0}, 0, 2); err == nil {
		t.Error("Rate accepted state 2")
	}
	if _, err := (Exact{}).Protocol(10); err == nil {
		t.Error("zero Exact made a protocol")
	}
	// Extreme but finite energies give finite results.
	huge, _ := SuddenRaiseProtocol(1e6, 3)
	r, err := b.Solve(huge, nil)
	if err != nil || math.IsNaN(r.Work) || math.IsNaN(r.Error) || math.IsInf(r.Work, 0) {
		t.Errorf("ΔE = 1e6: %+v, %v", r, err)
	}
	ramp, _ := SlowRaiseProtocol(-1e4, 2)
	r, err = b.Solve(ramp, nil)
	if err != nil || math.IsNaN(r.Work) || math.IsNaN(r.Error) {
		t.Errorf("steep ramp: %+v, %v", r, err)
	}
}

// TestGillespieObservesCancellation is the regression test of `paper
// daemonicsigil --trajectories 2000000000` ignoring Ctrl-C: a cancelled
// context stops Sample between trajectories and inside a long one.
func TestGillespieObservesCancellation(t *testing.T) {
	b := TwoState(1)
	p, err := SuddenRaiseProtocol(4.6, 30)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.SampleContext(ctx, p, nil, SampleOptions{Trajectories: 2_000_000_000}); !errors.Is(err, context.Canceled) {
		t.Errorf("many trajectories: %v, want context.Canceled", err)
	}
	// One trajectory of about 10^12 candidate events.
	long, err := SuddenRaiseProtocol(4.6, 1e12)
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if _, err := b.SampleContext(ctx2, long, nil, SampleOptions{Trajectories: 2}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("one long trajectory: %v, want context.DeadlineExceeded", err)
	}
}

// Sample reports its estimates in the stats vocabulary: means ± standard
// errors, the error rate as a proportion with its Wilson interval at the
// requested level.
func TestSampleEstimateKinds(t *testing.T) {
	b := TwoState(1)
	p, err := SuddenRaiseProtocol(3, 2)
	if err != nil {
		t.Fatal(err)
	}
	est, err := b.Sample(p, nil, SampleOptions{Trajectories: 500, Seed: 2, Confidence: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if !est.Work.Has(stats.StandardError) || !est.Heat.Has(stats.StandardError) || !(est.Work.Uncertainty > 0) {
		t.Errorf("work %+v, heat %+v: want means ± standard errors", est.Work, est.Heat)
	}
	if want := stats.Proportion(int64(est.Failures), 500); est.ErrorRate != want {
		t.Errorf("error rate %+v, want %+v", est.ErrorRate, want)
	}
	lo, hi := stats.Wilson(int64(est.Failures), 500, 0.9)
	iv := est.ErrorInterval
	if iv.Level != 0.9 || iv.Method != stats.MethodWilson || math.Abs(iv.Low-lo) > 1e-15 || math.Abs(iv.High-hi) > 1e-15 {
		t.Errorf("interval %+v, want Wilson 90 %% (%v, %v)", iv, lo, hi)
	}
}
