package main

import (
	"context"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/sweep"
)

// etaSpec: 4 durations (0.5 to 8: a factor 16 in time steps) × 2 barriers = 8 points
// of 10 blocks; the points' costs differ 16-fold, as in the example sweep
// (testdata/sweep-example.toml, a factor 100), which a points-per-second
// estimate gets wrong by far more than 2×.
const etaSpec = `
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 1.0
[ensemble]
trajectories = 640
block_size = 64
[sweep]
name = "eta"
seed = 3
[[sweep.axis]]
key = "protocol.duration"
logspace = [0.5, 8, 4]
[[sweep.axis]]
key = "potential.barrier"
values = [4, 6]
`

// virtualClock is the "true" time of a sweep: every block takes its
// particle-steps / 1e4 s times a jitter in [0.7, 1.3], plus 2 s per point
// start (overheads the cost model does not know). The test cannot assert
// real timings (a shared CI machine), so the truth is this model, which
// differs from the meter's in the per-point overhead and the jitter.
type virtualClock struct {
	mu    sync.Mutex
	t     time.Time
	rng   *rand.Rand
	block []float64 // seconds per block, by point index
	last  int       // point of the previous block
}

func (c *virtualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *virtualClock) hook(point, _ int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.block[point] * (0.7 + 0.6*c.rng.Float64())
	if point != c.last {
		s += 2
		c.last = point
	}
	c.t = c.t.Add(time.Duration(s * float64(time.Second)))
}

// virtualModel is the cost model of the virtual clock's world, as
// sweep.DefaultModel is of a real machine's: a point's setup of 2 s at its
// 1e4 particle-steps/s is 2e4 particle-steps (the jitter stays unknown).
var virtualModel = &sweep.Model{FPWeight: 4, PointSetup: 2e4}

var etaLine = regexp.MustCompile(`^progress: \d+/\d+ points, ([0-9.]+)% done.*, elapsed \S+, ETA (\S+)$`)

func parseFmt(t *testing.T, s string) time.Duration {
	t.Helper()
	re := regexp.MustCompile(`^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$`)
	m := re.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("bad duration %q", s)
	}
	var d time.Duration
	for i, u := range []time.Duration{time.Hour, time.Minute, time.Second} {
		if m[i+1] != "" {
			n, _ := strconv.Atoi(m[i+1])
			d += time.Duration(n) * u
		}
	}
	return d
}

// checkETA checks every ETA printed once ≥ 10 % is done against the true
// remaining time (end − the line's time) within a factor 2, skipping the
// last 10 s (the ETA is rounded to seconds).
func checkETA(t *testing.T, what string, lines []timedLine, end time.Time) {
	t.Helper()
	checked := 0
	for _, l := range lines {
		m := etaLine.FindStringSubmatch(l.text)
		if m == nil {
			continue
		}
		pct, _ := strconv.ParseFloat(m[1], 64)
		truth := end.Sub(l.at)
		if pct < 10 || truth < 10*time.Second {
			continue
		}
		eta := parseFmt(t, m[2])
		if r := eta.Seconds() / truth.Seconds(); r < 0.5 || r > 2 {
			t.Errorf("%s: %q: ETA %s, truth %s (ratio %.2f)", what, l.text, eta, truth.Round(time.Second), r)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("%s: only %d ETA lines checked:\n%v", what, checked, lines)
	}
}

type timedLine struct {
	at   time.Time
	text string
}

// lineRecorder timestamps every line written with the virtual clock.
type lineRecorder struct {
	clock *virtualClock
	buf   strings.Builder
	lines []timedLine
}

func (r *lineRecorder) Write(p []byte) (int, error) {
	r.buf.Write(p)
	for {
		s := r.buf.String()
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		r.lines = append(r.lines, timedLine{r.clock.now(), s[:i]})
		r.buf.Reset()
		r.buf.WriteString(s[i+1:])
	}
	return len(p), nil
}

func newVirtualClock(t *testing.T, spec string) *virtualClock {
	sw, err := sweep.Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	c := &virtualClock{t: time.Unix(1e9, 0), rng: rand.New(rand.NewPCG(1, 2)), last: -1}
	for i := range sw.Len() {
		pt, err := sw.Point(i)
		if err != nil {
			t.Fatal(err)
		}
		e := pt.Study.Ensemble()
		c.block = append(c.block, sweep.PointCost(pt.Study).ParticleSteps/float64(e.Blocks())/1e4)
	}
	return c
}

// TestSweepETA: the sweep's ETA is within 2× of the remaining time once
// 10 % is done, in a fresh run and after a resume (issue 14 point 2).
func TestSweepETA(t *testing.T) {
	clearShardEnv(t)
	spec := writeFile(t, "spec.toml", etaSpec)
	sweep := func(ctx context.Context, dir string, cancelAt func(point, done int)) ([]timedLine, time.Time, int) {
		c := newVirtualClock(t, etaSpec)
		rec := &lineRecorder{clock: c}
		hook := func(point, done int) {
			c.hook(point, done)
			if cancelAt != nil {
				cancelAt(point, done)
			}
		}
		err := runSweep(ctx, []string{spec, "--out", dir, "--workers", "1", "--checkpoint", "0", "--progress", "5s"},
			&strings.Builder{}, rec, sweepFlags{blockHook: hook, now: c.now, model: virtualModel})
		return rec.lines, c.now(), exitCode(err, &strings.Builder{})
	}
	lines, end, code := sweep(context.Background(), t.TempDir(), nil)
	if code != 0 {
		t.Fatalf("exit %d: %v", code, lines)
	}
	checkETA(t, "fresh", lines, end)

	// Interrupt in point 6 (the second most expensive) after 5 of its 10
	// blocks, then resume: the rerun must not count the 6 points and 5
	// blocks it finds done as instant.
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, _, code := sweep(ctx, dir, func(point, done int) {
		if point == 6 && done >= 5 {
			cancel()
		}
	}); code != 1 {
		t.Fatalf("interrupted sweep: exit %d", code)
	}
	lines, end, code = sweep(context.Background(), dir, nil)
	if code != 0 {
		t.Fatalf("resumed: exit %d: %v", code, lines)
	}
	checkETA(t, "resumed", lines, end)
}
