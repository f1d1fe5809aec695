package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/headline"
)

// `landauer demo --quick` writes the figure (PNG, SVG, TeX, with the CSV of
// the plotted numbers), the verdict and the results, and prints the
// verdict table. The CSV holds every Monte Carlo and Fokker–Planck value
// of results.jsonl that the figure draws, the kT ln 2 line, the target
// error, the fit and the time-symmetric bound computed from its formula.
func TestDemoQuickWritesFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := runCLI(t, "demo", "--quick", "--out", dir, "--workers", "2", "--seed", "7", "--progress", "200ms")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range headline.Files() {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v (size %v)", name, err, fi)
		}
	}
	for _, want := range []string{"Verdict.", "four-stage", "symmetric-tilt", "lift-one-well", "ln2 − H(ε)", "E_b = 40 kT"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "demo: [1/") || !strings.Contains(stderr, "] four-stage") || !strings.Contains(stderr, "Fokker–Planck at 7 durations") {
		t.Errorf("stderr lacks the progress lines:\n%s", stderr)
	}
	// The progress meter (the demo's cost model): plain lines with an ETA,
	// the last one complete.
	if !strings.Contains(stderr, "% done, elapsed ") || !strings.Contains(stderr, "points, 100.0% done, elapsed ") || strings.ContainsAny(stderr, "\r\033") {
		t.Errorf("stderr lacks the progress meter's plain lines:\n%s", stderr)
	}
	verdict, err := os.ReadFile(filepath.Join(dir, "verdict.txt"))
	if err != nil || string(verdict) != stdout {
		t.Errorf("verdict.txt differs from stdout (%v)", err)
	}

	// results.jsonl: one Result per line, 4 Monte Carlo and 7 Fokker–Planck
	// points per protocol.
	f, err := os.Open(filepath.Join(dir, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var results []erasure.Result
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r erasure.Result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("results.jsonl: %v: %s", err, sc.Text())
		}
		results = append(results, r)
	}
	count := map[string]int{}
	for _, r := range results {
		count[r.Method+" "+r.Protocol]++
		if r.Method == erasure.MonteCarlo && r.Seed == 0 {
			t.Errorf("Monte Carlo result without its seed: %+v", r)
		}
	}
	for _, p := range []string{"four-stage", "symmetric-tilt", "lift-one-well"} {
		if count["monte-carlo "+p] != 4 || count["fokker-planck "+p] != 7 {
			t.Errorf("%s: %d Monte Carlo and %d Fokker–Planck results, want 4 and 7", p, count["monte-carlo "+p], count["fokker-planck "+p])
		}
	}
	// The least-work protocols: one Monte Carlo and one Fokker–Planck
	// result at each shipped τ among the quick demo's (at least its first
	// and last).
	for _, p := range []string{erasure.DemoOptimalAsymmetric, erasure.DemoOptimalSymmetric} {
		if n := count["monte-carlo "+p]; n < 2 || count["fokker-planck "+p] != n {
			t.Errorf("%s: %d Monte Carlo and %d Fokker–Planck results", p, n, count["fokker-planck "+p])
		}
	}

	// The figure's data: every plotted ⟨W⟩ and ε is a number of the results.
	data, err := os.ReadFile(filepath.Join(dir, "headline.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != "series,kind,tau [t0],tau_low [t0],tau_high [t0],quantity,value,value_low,value_high,unit,limit" {
		t.Fatalf("CSV header %s", got)
	}
	type key struct{ kind, quantity, tau, value string }
	have := map[key]bool{}
	kinds := map[string]int{}
	for _, row := range rows[1:] {
		have[key{row[1], row[5], row[2], row[6]}] = true
		kinds[row[1]]++
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	d := headline.New(true)
	for _, r := range results {
		tau := r.Duration
		if strings.HasPrefix(r.Protocol, "optimal-") {
			// Drawn at the erasure's τ, one of the demo's durations; the
			// result lasts τ + DemoSettle.
			for _, dt := range d.Durations {
				if math.Abs(dt+erasure.DemoSettle-r.Duration) < 1e-9*dt {
					tau = dt
				}
			}
		}
		k := key{"points", "work_mean", num(tau), num(r.Work.Value)}
		if r.Method == erasure.FokkerPlanck {
			k.kind = "curve"
			if e := (key{"curve", "error_rate", num(tau), num(r.ErrorRate.Value)}); !have[e] {
				t.Errorf("CSV lacks the Fokker–Planck error rate %v", e)
			}
		}
		if !have[k] {
			t.Errorf("CSV lacks %s %s τ = %g ⟨W⟩ = %g", r.Method, r.Protocol, r.Duration, r.Work.Value)
		}
	}
	sym := num(erasure.SymmetricBound(d.TargetError))
	land := num(erasure.LandauerBound(d.TargetError))
	fc, err := headline.FullControlBound(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []key{
		{"bound", "work_mean", "1", sym}, {"bound", "work_mean", "100", sym},
		{"bound", "work_mean", "1", land}, {"bound", "work_mean", "100", land},
		{"bound", "work_mean", "1", num(fc(d.TargetError, 1))}, {"bound", "work_mean", "100", num(fc(d.TargetError, 100))},
		{"reference", "error_rate", "", num(d.TargetError)},
	} {
		found := false
		for k := range have {
			if k.kind == want.kind && k.quantity == want.quantity && k.value == want.value && (want.tau == "" || k.tau == want.tau) {
				found = true
			}
		}
		if !found {
			t.Errorf("CSV lacks %+v", want)
		}
	}
	fitRows := 0
	for _, row := range rows[1:] {
		if strings.HasPrefix(row[0], "fit W_inf + B/tau to four-stage") {
			fitRows++
		}
	}
	if fitRows == 0 {
		t.Error("CSV lacks the fit")
	}
	// The verdict states the floors.
	for _, want := range []string{"Floors: least work at ε ≤ 1e-15", "The time-asymmetric floor", "The time-symmetric floor", "full-control bound"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("verdict lacks %q", want)
		}
	}

	pf, err := os.Open(filepath.Join(dir, "headline.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	img, err := png.Decode(pf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1400 || b.Dy() < 900 {
		t.Errorf("PNG is %v, want 1400 px wide (7 in at 200 dpi) and two panels tall", b)
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "headline.svg"))
	tex, _ := os.ReadFile(filepath.Join(dir, "headline.tex"))
	if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(tex, []byte(`\begin{pgfpicture}`)) || !bytes.Contains(tex, []byte(`\varepsilon`)) {
		t.Error("SVG or TeX output malformed")
	}
}

func TestDemoBadFlags(t *testing.T) {
	file := writeFile(t, "plain", "x")
	for _, args := range [][]string{
		{"demo", "--workers", "-1"},
		{"demo", "--bogus"},
		{"demo", "extra"},
		{"demo", "--seed", "-3"},
		{"demo", "--seed", "9223372036854775808"},
		{"demo", "--out", ""},
		{"demo", "--out", filepath.Join(file, "sub")},
		{"demo", "--quick=maybe"},
	} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
		if strings.Count(strings.TrimSpace(stderr), "landauer:") != 1 {
			t.Errorf("%v: stderr %q, want one error line", args, stderr)
		}
	}
	stdout, stderr, code := runCLI(t, "demo", "--help")
	if code != 0 || !strings.Contains(stderr+stdout, "--quick") {
		t.Errorf("demo --help: exit %d, %s%s", code, stdout, stderr)
	}
	if _, stderr, _ := runCLI(t); !strings.Contains(stderr, "landauer demo [--quick]") {
		t.Errorf("usage does not list demo:\n%s", stderr)
	}
}
