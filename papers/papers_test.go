package papers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/papers/dago2021"
	"github.com/landauer-dev/landauer/papers/gavrilov2017"
	"github.com/landauer-dev/landauer/papers/repro"
)

func TestList(t *testing.T) {
	ps := List()
	seen := map[string]bool{}
	for _, p := range ps {
		if p.Name == "" || p.Title == "" || p.Citation == "" || p.Reproduce == nil {
			t.Errorf("incomplete paper %+v", p)
		}
		if seen[p.Name] {
			t.Errorf("paper %q listed twice", p.Name)
		}
		seen[p.Name] = true
	}
	for _, name := range []string{"nestbench25", "jun2014", "berut2012", "gavrilov2016", "gavrilov2017"} {
		if !seen[name] {
			t.Errorf("paper %q is not listed", name)
		}
	}
	// A fresh list on every call: changing one leaves the next intact.
	ps[0].Name = "changed"
	if List()[0].Name == "changed" {
		t.Error("List returns shared state")
	}
	if _, err := Lookup("nope"); err == nil || !strings.Contains(err.Error(), "jun2014") {
		t.Errorf("Lookup(nope) error = %v, want one listing the papers", err)
	}
	if p, err := Lookup("nestbench25"); err != nil || !p.ProtocolFile {
		t.Errorf("Lookup(nestbench25) = %+v, %v", p, err)
	}
}

func TestBadOptions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.dat")
	if err := os.WriteFile(bad, []byte("1 2\n3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		paper string
		o     repro.Options
		msg   string
	}{
		{"jun2014", repro.Options{Trajectories: -1}, "trajectories must be >= 0"},
		{"berut2012", repro.Options{Workers: -2}, "workers must be >= 0"},
		{"jun2014", repro.Options{ProtocolFile: bad}, "jun2014 takes no protocol file"},
		{"nestbench25", repro.Options{ProtocolFile: filepath.Join(dir, "missing.dat")}, "missing.dat"},
		{"nestbench25", repro.Options{ProtocolFile: bad}, "bad.dat: nestbench25: protocol line 2"},
	}
	for _, c := range cases {
		p, err := Lookup(c.paper)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Run(ctx, c.o)
		var ie *repro.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s %+v: error %v, want an InputError containing %q", c.paper, c.o, err, c.msg)
		}
	}
}

// The nestbench25 entry runs the benchmark, writes its figure with the CSV,
// and reports error_rate with its interval, work_mean and heat_mean as
// top-level JSON keys.
func TestNestbench25Report(t *testing.T) {
	p, _ := Lookup("nestbench25")
	dir := t.TempDir()
	r, err := p.Run(context.Background(), repro.Options{Out: dir, Trajectories: 400, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".png", ".svg", ".pdf", ".tex", ".csv"} {
		f := filepath.Join(dir, "nestbench25"+ext)
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if len(r.Files) != 5 || r.Paper != "nestbench25" || len(r.Results) != 1 || len(r.Comparisons) != 1 {
		t.Errorf("report: files %v, paper %q, %d results, %d comparisons", r.Files, r.Paper, len(r.Results), len(r.Comparisons))
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, repro.FormatJSON); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, buf.String())
	}
	eps, _ := m["error_rate"].(float64)
	lo, _ := m["error_low"].(float64)
	hi, _ := m["error_high"].(float64)
	if !(lo <= eps && eps <= hi && hi > lo) || m["trajectories"] != 400.0 || m["protocol"] != "default" {
		t.Errorf("error_rate %v in [%v, %v], trajectories %v, protocol %v", m["error_rate"], m["error_low"], m["error_high"], m["trajectories"], m["protocol"])
	}
	for _, k := range []string{"work_mean", "work_sem", "heat_mean", "heat_sem", "comparisons", "results", "files", "citation"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if w, ok := r.Number("work_mean"); !ok || w != r.Results[0].Work.Value {
		t.Errorf("Number(work_mean) = %v, %v", w, ok)
	}
	buf.Reset()
	if err := r.Write(&buf, repro.FormatTable); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nestbench25: NESTbench25", "arXiv:2506.15122", "error rate P(x > 0)", "error rate, default protocol", "0.478", "nestbench25.png"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table output lacks %q:\n%s", want, buf.String())
		}
	}
	if err := r.Write(&buf, "xml"); err == nil {
		t.Error("format xml accepted")
	}
}

// The sweep papers assemble their reports (tiny ensembles: only the
// bookkeeping is checked here; each paper's own test checks the physics).
func TestSweepReports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three small sweeps")
	}
	want := map[string][]string{
		"jun2014":      {"erasure_w_inf", "erasure_w_inf_se", "erasure_a", "erasure_fp_w_inf", "no_erasure_a", "no_erasure_fp_a"},
		"berut2012":    {"q_inf", "b", "fp_q_inf", "fp_b", "success_longest", "impulse_fp_b"},
		"gavrilov2016": {"p0_eq", "bound", "slowest_work_mean", "w_inf", "fp_w_inf"},
		"gavrilov2017": {"bound_symmetric_storage", "asym_eta1_slowest_fp_work", "sym_eta3_mc_work", "asym_eta3_mc_work_se"},
	}
	for name, keys := range want {
		p, _ := Lookup(name)
		var log bytes.Buffer
		var reports [][2]float64
		o := repro.Options{Quick: true, Trajectories: 60, Seed: 1, Log: &log,
			Observe: func(done, total float64, _ string) { reports = append(reports, [2]float64{done, total}) }}
		r, err := p.Run(context.Background(), o)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// The progress meter's plan: one step per point reported, each
		// the studies the point ran (the plan's studies are the results'),
		// reports from the start to the end at a fixed total.
		plan, ok, err := p.Plan(o)
		if !ok || err != nil {
			t.Fatalf("%s: no plan: %v", name, err)
		}
		studies := 0
		for _, g := range plan {
			studies += len(g)
		}
		if len(reports) != len(plan)+2 || studies != len(r.Results) {
			t.Errorf("%s: %d reports for a plan of %d points, %d studies for %d results", name, len(reports), len(plan), studies, len(r.Results))
		}
		for i, rep := range reports {
			if rep[1] != reports[0][1] || !(rep[1] > 0) || (i > 0 && rep[0] < reports[i-1][0]) || (i == len(reports)-1 && rep[0] != rep[1]) {
				t.Errorf("%s: report %d: %g of %g", name, i, rep[0], rep[1])
			}
		}
		for _, s := range repro.MonteCarlo(plan) {
			if s.Trajectories > 60 {
				t.Errorf("%s: plan has %d trajectories, --trajectories asked for 60", name, s.Trajectories)
			}
		}
		for _, k := range keys {
			if v, ok := r.Number(k); !ok || math.IsNaN(v) {
				t.Errorf("%s: value %q = %v, %v", name, k, v, ok)
			}
		}
		// One progress line per point: a Monte Carlo and a Fokker–Planck
		// result each (berut2012: the tilt at each τ, then the whole
		// cycle).
		want := len(r.Results) / 2
		if name == "gavrilov2017" {
			// one line per case and τ (Monte Carlo and Fokker–Planck, or
			// Fokker–Planck alone at the slow τ), whatever the strata
			want = 4 * (len(gavrilov2017.Durations(true)) + len(gavrilov2017.SlowDurations(true)))
		}
		if n := strings.Count(log.String(), "\n"); n != want || n < 4 {
			t.Errorf("%s: %d progress lines for %d results", name, n, len(r.Results))
		}
		if len(r.Comparisons) < 2 || len(r.Files) != 0 {
			t.Errorf("%s: %d comparisons, files %v (none asked for)", name, len(r.Comparisons), r.Files)
		}
	}
}

// Every plan honours --trajectories (the cost gate's estimate must include
// it) and dago2021's lists one ensemble per (Q, τ) row. Which papers have
// a plan is fixed here so that a new one is a deliberate change.
func TestPlans(t *testing.T) {
	var have []string
	for _, p := range List() {
		for _, n := range []int{0, 60} {
			plan, ok, err := p.Plan(repro.Options{Quick: true, Trajectories: n})
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			if !ok {
				continue
			}
			if n == 0 {
				have = append(have, p.Name)
			}
			mc := repro.MonteCarlo(plan)
			if len(mc) == 0 {
				t.Errorf("%s: no Monte Carlo study in its plan", p.Name)
			}
			for _, s := range mc {
				if s.Trajectories <= 0 || (n > 0 && s.Trajectories > n) || (n == 0 && s.Trajectories <= 60) {
					t.Errorf("%s, --trajectories %d: a study of %d trajectories", p.Name, n, s.Trajectories)
				}
			}
			if p.Name == "dago2021" {
				q := dago2021.QuickOptions()
				if len(plan) != 1 || len(plan[0]) != len(q.Qualities)*len(q.Durations) {
					t.Errorf("dago2021: plan of %d groups, %d studies; want 1, %d", len(plan), len(plan[0]), len(q.Qualities)*len(q.Durations))
				}
			}
		}
	}
	want := []string{"nestbench25", "jun2014", "berut2012", "gavrilov2016", "gavrilov2017", "dago2021"}
	if !slices.Equal(have, want) {
		t.Errorf("papers with a plan: %v, want %v", have, want)
	}
}
