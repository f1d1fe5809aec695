package sweep

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/erasure"
)

const sweepBase = `
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 0.5
[ensemble]
trajectories = 256
block_size = 64
workers = 2
`

const sweepSpec = sweepBase + `
[sweep]
name = "test"
seed = 7
points_per_task = 2

[[sweep.axis]]
key = "protocol.duration"
logspace = [0.25, 4, 3]

[[sweep.axis]]
key = "potential.barrier"
values = [3, 5.5]
zip = "depth"

[[sweep.axis]]
key = "dynamics.kind"
values = ["overdamped", "underdamped"]

[[sweep.axis]]
key = "ensemble.trajectories"
values = [128, 192]
zip = "depth"
`

func mustSweep(t *testing.T, spec string) *Spec {
	t.Helper()
	sw, err := Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	return sw
}

func TestSweepExpand(t *testing.T) {
	sw := mustSweep(t, sweepSpec)
	if sw.Len() != 12 || sw.Tasks(sw.PointsPerTask) != 6 || sw.Name != "test" || sw.Seed != 7 {
		t.Fatalf("len %d tasks %d name %q seed %d", sw.Len(), sw.Tasks(sw.PointsPerTask), sw.Name, sw.Seed)
	}
	pts, err := sw.Points()
	if err != nil {
		t.Fatal(err)
	}
	// Factors: duration (3) × depth zip (2) × dynamics (2), the last fastest.
	durations := []float64{0.25, 1, 4}
	for p, pt := range pts {
		d, z, k := p/4, (p/2)%2, p%2
		s := pt.Study
		if pt.Index != p || pt.Seed != PointSeed(7, p) || s.Seed != pt.Seed {
			t.Errorf("point %d: index %d seed %d study seed %d", p, pt.Index, pt.Seed, s.Seed)
		}
		if got := s.Protocol.Duration(); got != durations[d] {
			t.Errorf("point %d: duration %v, want %v", p, got, durations[d])
		}
		if want := []int{128, 192}[z]; s.Trajectories != want {
			t.Errorf("point %d: trajectories %d, want %d (zipped with barrier)", p, s.Trajectories, want)
		}
		if want := []string{"overdamped", "underdamped"}[k]; s.Dynamics.Kind.String() != want {
			t.Errorf("point %d: dynamics %v, want %s", p, s.Dynamics.Kind, want)
		}
		if pt.Values[1].Key != "potential.barrier" || pt.Values[1].Value != []any{int64(3), 5.5}[z] {
			t.Errorf("point %d: barrier value %v", p, pt.Values[1])
		}
		// The resolved TOML is a complete study that reproduces the point.
		cfg, err := erasure.ParseConfig([]byte(pt.TOML))
		if err != nil {
			t.Fatalf("point %d: resolved config: %v\n%s", p, err, pt.TOML)
		}
		s2, err := cfg.Study()
		if err != nil {
			t.Fatal(err)
		}
		if s2.Seed != s.Seed || s2.Protocol.Duration() != s.Protocol.Duration() || s2.Trajectories != s.Trajectories {
			t.Errorf("point %d: resolved config differs from the point's study", p)
		}
	}
	// The ends of a range are exact; every value round-trips through TOML.
	if pts[0].Study.Protocol.Duration() != 0.25 || pts[11].Study.Protocol.Duration() != 4 {
		t.Error("range ends not exact")
	}
	if v := sw.Axes[0].Values[1].(float64); pts[4].Study.Protocol.Duration() != v {
		t.Errorf("middle value %v did not round-trip: %v", v, pts[4].Study.Protocol.Duration())
	}
	var c Cost
	for _, pt := range pts {
		c.Add(PointCost(pt.Study))
	}
	// Σ trajectories × steps: steps 250, 1000, 4000 per duration.
	if want := float64((128+192)*2) * (250 + 1000 + 4000); c.ParticleSteps != want || c.MonteCarlo != 12 {
		t.Errorf("cost %+v, want %g particle-steps", c, want)
	}
}

func TestSweepRanges(t *testing.T) {
	sw := mustSweep(t, sweepBase+`
[sweep]
[[sweep.axis]]
key = "protocol.duration"
linspace = [1, 2, 5]
[[sweep.axis]]
key = "solver.cells"
logspace = [100, 10000, 3]
[[sweep.axis]]
key = "dynamics.dt"
linspace = [0.01, 0.01, 1]
[[sweep.axis]]
key = "potential.barrier"
logspace = [0.25, 4, 5]
[[sweep.axis]]
key = "protocol.height"
linspace = [0.1, 0.7, 7]
`)
	want := [][]any{{1.0, 1.25, 1.5, 1.75, 2.0}, {int64(100), int64(1000), int64(10000)}, {0.01},
		{0.25, 0.5, 1.0, 2.0, 4.0}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}}
	for i, a := range sw.Axes {
		if len(a.Values) != len(want[i]) {
			t.Fatalf("axis %s: %v", a.Key, a.Values)
		}
		for j := range want[i] {
			if a.Values[j] != want[i][j] {
				t.Errorf("axis %s: %v, want %v", a.Key, a.Values, want[i])
				break
			}
		}
	}
	if sw.Len() != 15*35 || sw.Seed != 1 || sw.PointsPerTask != 1 {
		t.Errorf("len %d seed %d ppt %d", sw.Len(), sw.Seed, sw.PointsPerTask)
	}
}

func TestSweepHash(t *testing.T) {
	h := mustSweep(t, sweepSpec).Hash
	same := []string{
		"# a comment\n" + sweepSpec,
		strings.Replace(sweepSpec, "workers = 2", "workers = 1", 1),
		strings.Replace(sweepSpec, "points_per_task = 2", "points_per_task = 5", 1),
		strings.Replace(sweepSpec, "logspace = [0.25, 4, 3]", "values = [0.25, 1.0, 4]", 1),
	}
	for i, s := range same {
		if g := mustSweep(t, s).Hash; g != h {
			t.Errorf("variant %d: hash changed", i)
		}
	}
	differ := []string{
		strings.Replace(sweepSpec, "seed = 7", "seed = 8", 1),
		strings.Replace(sweepSpec, "barrier = 4.0", "barrier = 4.5", 1),
		strings.Replace(sweepSpec, "values = [3, 5.5]", "values = [3, 5.25]", 1),
		strings.Replace(sweepSpec, `name = "test"`, `name = "other"`, 1),
	}
	for i, s := range differ {
		if g := mustSweep(t, s).Hash; g == h {
			t.Errorf("variant %d: hash unchanged", i)
		}
	}
}

func TestPointSeed(t *testing.T) {
	seen := map[uint64]bool{}
	for p := range 10000 {
		s := PointSeed(1, p)
		if s>>63 != 0 || seen[s] {
			t.Fatalf("point %d: seed %d repeated or ≥ 2^63", p, s)
		}
		seen[s] = true
	}
	if PointSeed(1, 0) == PointSeed(2, 0) {
		t.Error("sweep seed ignored")
	}
}

func TestSweepErrors(t *testing.T) {
	axis := func(body string) string { return sweepBase + "[sweep]\n[[sweep.axis]]\n" + body + "\n" }
	cases := []struct{ spec, want string }{
		{sweepBase, "[sweep] table is missing"},
		{sweepBase + "[sweep]\nseed = 1\n", "at least one axis"},
		{sweepBase + "[sweep]\nsede = 1\n[[sweep.axis]]\nkey='protocol.duration'\nvalues=[1]\n", "unknown key sweep.sede"},
		{axis("key = 'protocol.duration'\nvalues = [1]\nstep = 2"), "unknown key sweep.axis.step"},
		{sweepBase + "[sweep]\nseed = -1\n[[sweep.axis]]\nkey='protocol.duration'\nvalues=[1]\n", "sweep.seed must be >= 0"},
		{sweepBase + "[sweep]\npoints_per_task = 0\n[[sweep.axis]]\nkey='protocol.duration'\nvalues=[1]\n", "sweep.points_per_task"},
		{axis("values = [1]"), "sweep.axis[0].key is missing"},
		{axis("key = 'dynamics.dtt'\nvalues = [1]"), "unknown key dynamics.dtt"},
		{axis("key = 'dynamic.dt'\nvalues = [1]"), `unknown table "dynamic"`},
		{axis("key = 'duration'\nvalues = [1]"), "table.key"},
		{axis("key = 'protocol.keyframes'\nvalues = [1]"), "cannot be an axis"},
		{axis("key = 'ensemble.seed'\nvalues = [1, 2]"), "ensemble.seed cannot be an axis"},
		{axis("key = 'ensemble.workers'\nvalues = [1, 2]"), "ensemble.workers cannot be an axis"},
		{axis("key = 'protocol.duration'"), "exactly one of values, linspace, logspace"},
		{axis("key = 'protocol.duration'\nvalues = [1]\nlinspace = [1, 2, 2]"), "exactly one of"},
		{axis("key = 'protocol.duration'\nvalues = []"), "is empty"},
		{axis("key = 'protocol.duration'\nvalues = [1, [2]]"), "must be a number or a string"},
		{axis("key = 'ensemble.trajectories'\nvalues = [100.5]"), "takes integers"},
		{axis("key = 'protocol.duration'\nlinspace = [1, 2]"), "must be [a, b, n]"},
		{axis("key = 'protocol.duration'\nlinspace = [1, 2, 2.5]"), "n must be an integer"},
		{axis("key = 'protocol.duration'\nlinspace = [1, 2, 0]"), "n must be an integer"},
		{axis("key = 'protocol.duration'\nlinspace = [1, 2, 1]"), "n = 1 needs a = b"},
		{axis("key = 'protocol.duration'\nlogspace = [0, 2, 3]"), "not exponents"},
		{axis("key = 'protocol.duration'\nlinspace = [1, inf, 3]"), "must be finite"},
		{axis("key = 'dynamics.kind'\nlinspace = [1, 2, 3]"), "takes strings"},
		{axis("key = 'dynamics.kind'\nvalues = ['overdamped', 3]"), "sweep.axis[0].values[1]: dynamics.kind takes strings, got 3"},
		{axis("key = 'dynamics.dt'\nvalues = ['small']"), "dynamics.dt takes numbers"},
		{axis("key = 'protocol.duration'\nvalues = [1]\n[[sweep.axis]]\nkey = 'protocol.duration'\nvalues = [2]"), "already an axis"},
		{axis("key = 'protocol.duration'\nvalues = [1, 2]\nzip = 'z'\n[[sweep.axis]]\nkey = 'potential.barrier'\nvalues = [2]\nzip = 'z'"), `zip group "z"`},
		{axis("key = 'protocol.duration'\nlinspace = [1, 2, 1000]\n[[sweep.axis]]\nkey = 'potential.barrier'\nlinspace = [1, 2, 1001]"), "more than"},
		{strings.Replace(sweepBase, "workers = 2", "seed = 3", 1) + "[sweep]\n[[sweep.axis]]\nkey='protocol.duration'\nvalues=[1]\n", "ensemble.seed cannot be set"},
		{sweepBase + "[sweep\n", "line"},
		{"[potential]\nkind = 'jun'\nbarier = 1\n[dynamics]\nfoo = 1\n[sweep]\n[[sweep.axis]]\nkey='protocol.duration'\nvalues=[1]\n", "unknown key dynamics.foo"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.spec))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("error %v, want one line containing %q\nspec:\n%s", err, c.want, c.spec)
		}
	}
}

// A bad combination is found when the points are expanded, and the error
// names the point, its values and the key.
func TestSweepPointErrors(t *testing.T) {
	cases := []struct{ axes, want string }{
		{"key = 'dynamics.dt'\nvalues = [0.001, 1.0]", "point 1 (dynamics.dt=1): dynamics.dt = 1 exceeds protocol.duration"},
		{"key = 'dynamics.kind'\nvalues = ['overdamped', 'sideways']", "point 1 (dynamics.kind=sideways): dynamics.kind must be"},
		{"key = 'potential.barier'\nvalues = [1]", "potential.barier=1"},
		{"key = 'potential.kind'\nvalues = ['jun', 'nope']", "point 1 (potential.kind=nope)"},
		{"key = 'protocol.duration'\nvalues = [1, -1]", "point 1 (protocol.duration=-1): protocol.duration must be > 0"},
		{"key = 'solver.method'\nvalues = ['monte-carlo', 'exact']", "point 1 (solver.method=exact): solver.method must be"},
	}
	for _, c := range cases {
		sw := mustSweep(t, sweepBase+"[sweep]\n[[sweep.axis]]\n"+c.axes+"\n")
		_, err := sw.Points()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.axes, err, c.want)
		}
	}
}

func TestIsSweep(t *testing.T) {
	if !IsSpec([]byte(sweepSpec)) || IsSpec([]byte(sweepBase)) || IsSpec([]byte("[[[")) {
		t.Error("IsSpec wrong")
	}
}

func FuzzParseSweep(f *testing.F) {
	f.Add(sweepSpec)
	f.Add(sweepBase + "[sweep]\n[[sweep.axis]]\nkey='protocol.duration'\nlinspace=[1,2,3]\n")
	f.Add("[sweep]\n[[sweep.axis]]\nkey='a.b'\nvalues=['x']\nzip='q'\n")
	f.Add("[ensemble]\nworkers = 0b\n0000\n[sweep]\n") // a parse error quoting a newline
	f.Fuzz(func(t *testing.T, spec string) {
		sw, err := Parse([]byte(spec))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
			return
		}
		if sw.Len() < 1 || sw.Len() > MaxPoints || len(sw.Hash) != 64 {
			t.Fatalf("len %d hash %q", sw.Len(), sw.Hash)
		}
		if sw.Len() <= 64 {
			sw.Points() // must not panic
		}
		// Drive a short study of the first point (fuzzstudy_test.go).
		if pt, err := sw.Point(0); err == nil {
			fuzzStudy(t, pt.Study)
		}
	})
}

// fuzzStudy runs a short version of an accepted point (at most 16
// trajectories, 5000 steps, 2e7 cell-steps, 5 s) and checks that a run
// that succeeds has an error rate in [0, 1] and a finite mean work, as
// erasure's FuzzStudyRun does for configs.
func fuzzStudy(t *testing.T, s *erasure.Study) {
	t.Helper()
	_, cellSteps := s.Work()
	switch {
	case s.Method == erasure.FokkerPlanck && cellSteps > 2e7:
		return
	case s.Method != erasure.FokkerPlanck && s.Ensemble().Steps() > 5000:
		return
	}
	short := *s
	short.Trajectories = min(s.Trajectories, 16)
	short.Workers = 1
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r, err := short.Run(ctx)
	if err != nil {
		return // refused or cancelled: both fine, neither a panic
	}
	if !(r.ErrorRate.Value >= 0 && r.ErrorRate.Value <= 1) || math.IsNaN(r.Work.Value) || math.IsInf(r.Work.Value, 0) {
		t.Errorf("accepted point ran to error rate %v, mean work %v", r.ErrorRate.Value, r.Work.Value)
	}
}

// TestCheckPointSameStudy: the points Expand builds without TOML have the
// same decoded config (so the same study) as Point's, over typed keys of
// every kind (int, float given as int, string, map entries).
func TestCheckPointSameStudy(t *testing.T) {
	spec := sweepSpec + `
[[sweep.axis]]
key = "dynamics.dt"
values = [1e-3, 5e-4]
[[sweep.axis]]
key = "measure.divide"
values = [0, 0.1]
[[sweep.axis]]
key = "potential.tilt"
values = [1, 0.5]
[[sweep.axis]]
key = "ensemble.block_size"
values = [32, 64]
[[sweep.axis]]
key = "solver.method"
values = ["monte-carlo", "fokker-planck"]
[[sweep.axis]]
key = "initial.state"
values = ["equilibrium", "left"]
`
	sp := mustSweep(t, spec)
	base := mustSweep(t, spec).config
	checked := 0
	for p := range sp.Len() {
		slow, err1 := sp.Point(p)
		fast, err2 := sp.checkPoint(p)
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("point %d: errors %v and %v", p, err1, err2)
		}
		if err1 != nil {
			continue
		}
		if !reflect.DeepEqual(*slow.Config, *fast.Config) || slow.Label() != fast.Label() || slow.Seed != fast.Seed {
			t.Fatalf("point %d: configs differ:\n%+v\n%+v", p, *slow.Config, *fast.Config)
		}
		checked++
	}
	if checked < sp.Len()/2 {
		t.Errorf("only %d of %d points valid", checked, sp.Len())
	}
	if !reflect.DeepEqual(base, sp.config) {
		t.Error("checkPoint changed the base config")
	}
}

// TestExpandOrderAndCancel: Expand delivers every point once, in index
// order, across chunks and workers; an error of each stops it; a
// cancelled context stops it with an error naming the next point.
func TestExpandOrderAndCancel(t *testing.T) {
	sp := mustSweep(t, sweepBase+`
[sweep]
[[sweep.axis]]
key = "measure.divide"
linspace = [-0.1, 0.1, 1000]
[[sweep.axis]]
key = "ensemble.trajectories"
values = [64, 128]
`)
	next := 0
	if err := sp.Expand(context.Background(), func(pt *Point) error {
		if pt.Index != next {
			t.Fatalf("point %d delivered after %d", pt.Index, next-1)
		}
		next++
		return nil
	}); err != nil || next != sp.Len() {
		t.Fatalf("%d of %d points, %v", next, sp.Len(), err)
	}
	stop := errors.New("stop")
	seen := 0
	if err := sp.Expand(context.Background(), func(pt *Point) error {
		seen++
		if pt.Index == 700 {
			return stop
		}
		return nil
	}); err != stop || seen != 701 {
		t.Errorf("each's error: %v after %d points", err, seen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen = 0
	err := sp.Expand(ctx, func(pt *Point) error {
		seen++
		if pt.Index == 300 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || seen != 301 || !strings.Contains(err.Error(), "interrupted at point 301 of 2000") {
		t.Errorf("cancelled: %v after %d points", err, seen)
	}
}
