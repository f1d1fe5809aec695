package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/headline"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/wells"
)

// The fixtures were made by the real pipeline (see the comments at the top
// of testdata/plot-sweep.toml and testdata/plot-hold.toml):
//
//	landauer sweep testdata/plot-sweep.toml --out /tmp/plot-sweep
//	landauer merge /tmp/plot-sweep -o testdata/plot-sweep.csv
//	landauer merge /tmp/plot-sweep -o testdata/plot-sweep.jsonl
//	landauer sweep testdata/plot-hold.toml --out /tmp/plot-hold
//	landauer merge /tmp/plot-hold -o testdata/plot-hold.csv
const (
	plotSweepCSV   = "testdata/plot-sweep.csv"
	plotSweepJSONL = "testdata/plot-sweep.jsonl"
	plotHoldCSV    = "testdata/plot-hold.csv"
)

// figRow is a row of a figure's CSV (plots' series table).
type figRow struct {
	series, kind                string
	x, xLow, xHigh              string
	quantity, y, yLow, yHigh, u string
	limit                       string
}

// plotOK runs landauer plot and returns the figure's CSV rows and stdout.
func plotOK(t *testing.T, fig string, args ...string) ([]figRow, string) {
	t.Helper()
	out, errs, code := runCLI(t, append([]string{"plot"}, append(args, "-o", fig)...)...)
	if code != 0 {
		t.Fatalf("landauer plot %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	img, err := os.ReadFile(fig)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(fig) {
	case ".png":
		if !bytes.HasPrefix(img, []byte("\x89PNG")) {
			t.Errorf("%s is not a PNG", fig)
		}
	case ".svg":
		if !bytes.Contains(img, []byte("<svg")) {
			t.Errorf("%s is not an SVG", fig)
		}
	case ".tex":
		if !bytes.Contains(img, []byte(`\begin{pgfpicture}`)) {
			t.Errorf("%s is not a PGF picture", fig)
		}
	}
	f, err := os.Open(strings.TrimSuffix(fig, filepath.Ext(fig)) + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 || len(recs[0]) != 11 {
		t.Fatalf("figure CSV: %v, %d records", err, len(recs))
	}
	var rows []figRow
	for _, r := range recs[1:] {
		rows = append(rows, figRow{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]})
	}
	return rows, out
}

// readFixture reads a table with the library's reader and its Results.
func readFixture(t *testing.T, path string) (*plots.ResultTable, []erasure.Result) {
	t.Helper()
	tab, err := plots.ReadTableFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := tab.Results()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatalf("%s: no rows", path)
	}
	return tab, rs
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func method(r erasure.Result) string {
	if r.Method == erasure.FokkerPlanck {
		return "Fokker–Planck"
	}
	return "Monte Carlo"
}

// findPoint returns the data rows (points or curve) of series at x.
func findPoint(rows []figRow, series, x string) []figRow {
	var out []figRow
	for _, r := range rows {
		if r.series == series && r.x == x && (r.kind == "points" || r.kind == "curve") {
			out = append(out, r)
		}
	}
	return out
}

func countData(rows []figRow) int {
	n := 0
	for _, r := range rows {
		if r.kind == "points" || r.kind == "curve" {
			n++
		}
	}
	return n
}

// workBar is ⟨W⟩'s bar as the figure must draw it.
func workBar(r erasure.Result) (string, string) {
	e := r.Work.StandardError()
	if r.Method == erasure.FokkerPlanck {
		e = r.Work.DiscretisationError()
	}
	if e <= 0 {
		return "", ""
	}
	return num(r.Work.Value - e), num(r.Work.Value + e)
}

// Every kind, drawn from a merged sweep (CSV and JSON lines), holds the
// table's numbers in the CSV beside the figure: one point per row, in the
// series of its protocol and method, with the right error bars.
func TestPlotSweepWorkDuration(t *testing.T) {
	dir := t.TempDir()
	_, rs := readFixture(t, plotSweepCSV)
	for _, in := range []string{plotSweepCSV, plotSweepJSONL} {
		rows, out := plotOK(t, filepath.Join(dir, "wd.png"), in, "--kind", "work-duration", "--fit", "1", "--fit", "symmetric-tilt, Monte Carlo", "--errors", "--title", "jun, 4 kT")
		if n := countData(rows); n != 2*len(rs) { // work and error panels
			t.Errorf("%s: %d data rows, want %d", in, n, 2*len(rs))
		}
		for _, r := range rs {
			series := r.Protocol + ", " + method(r)
			var work, eps []figRow
			for _, p := range findPoint(rows, series, num(r.Duration)) {
				switch p.quantity {
				case "work_mean":
					work = append(work, p)
				case "error_rate":
					eps = append(eps, p)
				}
			}
			if len(work) != 1 || len(eps) != 1 {
				t.Fatalf("%s: series %q at τ = %g: %d work and %d error rows, want 1 each", in, series, r.Duration, len(work), len(eps))
			}
			lo, hi := workBar(r)
			if w := work[0]; w.y != num(r.Work.Value) || w.yLow != lo || w.yHigh != hi || w.u != "kT" {
				t.Errorf("%s: %q τ = %g: row %+v, want ⟨W⟩ = %s [%s, %s]", in, series, r.Duration, w, num(r.Work.Value), lo, hi)
			}
			if r.Method == erasure.MonteCarlo && r.Errors == 0 {
				if e := eps[0]; e.y != num(r.ErrorInterval.High) || e.limit != "y_upper" {
					t.Errorf("%s: no error seen at τ = %g: %+v, want an upper limit at %g", in, r.Duration, e, r.ErrorInterval.High)
				}
			} else if eps[0].y != num(r.ErrorRate.Value) {
				t.Errorf("%s: ε at τ = %g: %s, want %s", in, r.Duration, eps[0].y, num(r.ErrorRate.Value))
			}
		}
		fits := 0
		for _, r := range rows {
			if r.kind == "fit" {
				fits++
			}
		}
		if fits == 0 || !strings.Contains(out, "fit four-stage, Monte Carlo (W∞ + B/τ): W∞ = (") || !strings.Contains(out, "fit symmetric-tilt, Monte Carlo (W∞ + B/τ)") || strings.Contains(out, "Fokker–Planck (W∞") {
			t.Errorf("%s: %d fit rows; stdout:\n%s", in, fits, out)
		}
		if len(findPoint(rows, "kT ln 2", "")) != 0 {
			t.Error("reference line counted as data")
		}
	}
}

func TestPlotSweepWorkError(t *testing.T) {
	dir := t.TempDir()
	_, rs := readFixture(t, plotSweepJSONL)
	rows, _ := plotOK(t, filepath.Join(dir, "we.svg"), plotSweepJSONL, "--kind", "work-error")
	if n := countData(rows); n != len(rs) {
		t.Errorf("%d data rows, want %d", n, len(rs))
	}
	for _, r := range rs {
		x, limit := num(r.ErrorRate.Value), ""
		if r.Method == erasure.MonteCarlo && r.Errors == 0 {
			x, limit = num(r.ErrorInterval.High), "x_upper"
		}
		series := r.Protocol + ", " + method(r)
		found := false
		for _, p := range findPoint(rows, series, x) {
			found = found || p.y == num(r.Work.Value) && p.limit == limit
		}
		if !found {
			t.Errorf("no point (%s, %g) in series %q", x, r.Work.Value, series)
		}
	}
	// The bounds are computed from their formulas.
	bounds := map[string]func(float64) float64{
		plots.BoundLandauer: erasure.LandauerBound, plots.BoundSymmetric: erasure.SymmetricBound, plots.BoundBarrier: erasure.BarrierForError,
	}
	n := 0
	for _, r := range rows {
		f, ok := bounds[r.series]
		if !ok || r.kind != "bound" {
			continue
		}
		n++
		x, _ := strconv.ParseFloat(r.x, 64)
		if r.y != num(f(x)) {
			t.Fatalf("bound %s at ε = %s: %s, want %g", r.series, r.x, r.y, f(x))
		}
	}
	if n < 300 {
		t.Errorf("%d bound rows", n)
	}
	// The ε axis (over which the bounds run) comes from the data, not a
	// fixed 1e-25; --xlim fixes it.
	lo := math.Inf(1)
	dataLo := math.Inf(1)
	for _, r := range rows {
		x, _ := strconv.ParseFloat(r.x, 64)
		switch {
		case r.kind == "bound":
			lo = math.Min(lo, x)
		case x > 0:
			dataLo = math.Min(dataLo, x)
		}
	}
	if !(lo <= dataLo && lo > dataLo/100) {
		t.Errorf("the ε axis starts at %g for data from %g", lo, dataLo)
	}
	rows, _ = plotOK(t, filepath.Join(dir, "we2.svg"), plotSweepJSONL, "--kind", "work-error", "--xlim", "1e-8,")
	for _, r := range rows {
		if x, _ := strconv.ParseFloat(r.x, 64); r.kind == "bound" && x < 1e-8*(1-1e-12) {
			t.Fatalf("--xlim 1e-8,: bound drawn at ε = %g", x)
		}
	}
}

// Kind front from landauer optimize's JSON lines (testdata/plot-front.jsonl,
// made by testdata/plot-front-*.toml): every optimum a point in the
// series of its class and target, and the bounds ln 2 − H(ε) and the
// time-symmetric one at each target, from their formulas; against ε the
// same optima at the ε they reached.
func TestPlotFront(t *testing.T) {
	dir := t.TempDir()
	tab, err := plots.ReadTableFile("testdata/plot-front.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cc, tc, wc, mc, ec := col("class"), col("duration"), col("work_mean"), col("max_error"), col("error_rate")
	for _, byError := range []bool{false, true} {
		args := []string{"testdata/plot-front.jsonl", "--kind", "front"}
		if byError {
			args = append(args, "--x", "error")
		}
		rows, _ := plotOK(t, filepath.Join(dir, "front.png"), args...)
		for i, row := range tab.Rows {
			x := row[tc]
			if byError {
				x = row[ec]
			}
			want, _ := strconv.ParseFloat(row[wc], 64)
			found := false
			for _, r := range rows {
				if (r.kind == "points" || r.kind == "curve") && sameNum(r.x, x) && sameNum(r.y, num(want)) {
					found = true
				}
			}
			if !found {
				t.Errorf("x error %v: optimum %d (%s, τ = %s, ε ≤ %s) not drawn", byError, i, row[cc], row[tc], row[mc])
			}
		}
		n := 0
		for _, r := range rows {
			if r.kind != "bound" {
				continue
			}
			n++
			x, _ := strconv.ParseFloat(r.x, 64)
			eps := x
			if !byError {
				_, e, ok := strings.Cut(r.series, "eps=")
				if !ok {
					t.Fatalf("bound %q names no ε", r.series)
				}
				eps, _ = strconv.ParseFloat(e, 64)
			}
			var want float64
			switch {
			case strings.HasPrefix(r.series, "landauer_with_error"):
				want = erasure.LandauerBound(eps)
			case strings.HasPrefix(r.series, "time_symmetric"):
				want = erasure.SymmetricBound(eps)
			default:
				t.Fatalf("unknown bound %q", r.series)
			}
			if r.y != num(want) {
				t.Fatalf("bound %s at x = %s: %s, want %g", r.series, r.x, r.y, want)
			}
		}
		if n == 0 {
			t.Errorf("x error %v: no bound rows", byError)
		}
	}
}

// sameNum compares two numbers as written, to 12 digits (JSON and the
// figure's CSV may write the same float differently).
func sameNum(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y))
}

func TestPlotSweepErrorDurationAndSeries(t *testing.T) {
	dir := t.TempDir()
	_, rs := readFixture(t, plotSweepCSV)
	rows, _ := plotOK(t, filepath.Join(dir, "ed.tex"), plotSweepCSV, "--kind", "error-duration", "--width", "double")
	if n := countData(rows); n != len(rs) {
		t.Errorf("error-duration: %d data rows, want %d", n, len(rs))
	}
	for _, r := range rs {
		y := num(r.ErrorRate.Value)
		if r.Method == erasure.MonteCarlo && r.Errors == 0 {
			y = num(r.ErrorInterval.High)
		}
		p := findPoint(rows, r.Protocol+", "+method(r), num(r.Duration))
		if len(p) != 1 || p[0].y != y {
			t.Errorf("error-duration at τ = %g (%s): %+v, want ε = %s", r.Duration, r.Method, p, y)
		}
	}

	// Any column against any other: the heat, with ± heat_sem (Monte
	// Carlo) or ± heat_err (Fokker–Planck) from the table's own columns.
	rows, _ = plotOK(t, filepath.Join(dir, "heat.png"), plotSweepCSV, "--kind", "series", "--x", "protocol.duration", "--y", "heat_mean", "--logx")
	if n := countData(rows); n != len(rs) {
		t.Errorf("series: %d data rows, want %d", n, len(rs))
	}
	for _, r := range rs {
		e := r.Heat.StandardError()
		if r.Method == erasure.FokkerPlanck {
			e = r.Heat.DiscretisationError()
		}
		p := findPoint(rows, r.Protocol+", "+method(r), num(r.Duration))
		if len(p) != 1 || p[0].y != num(r.Heat.Value) || p[0].yLow != num(r.Heat.Value-e) || p[0].yHigh != num(r.Heat.Value+e) || p[0].quantity != "heat_mean" || p[0].u != "kT" {
			t.Errorf("series at τ = %g (%s): %+v, want ⟨Q⟩ = %g ± %g kT", r.Duration, r.Method, p, r.Heat.Value, e)
		}
	}

	// --series chooses the split: by method only, the two protocols share
	// a series per method.
	rows, _ = plotOK(t, filepath.Join(dir, "bymethod.png"), plotSweepCSV, "--kind", "series", "--x", "duration", "--y", "work_mean", "--series", "method")
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.series]++
	}
	if len(seen) != 2 || seen["Monte Carlo"] != len(rs)/2 || seen["Fokker–Planck"] != len(rs)/2 {
		t.Errorf("--series method: %v", seen)
	}
}

// Retention: the hold rows, log–log, a series per barrier (the sweep's
// potential.barrier axis) and method.
func TestPlotRetention(t *testing.T) {
	dir := t.TempDir()
	tab, rs := readFixture(t, plotHoldCSV)
	bc, err := tab.Column("barrier")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := plotOK(t, filepath.Join(dir, "ret.png"), plotHoldCSV, "--kind", "retention", "--target-error", "0.01")
	if n := countData(rows); n != len(rs) {
		t.Errorf("%d data rows, want %d", n, len(rs))
	}
	for i, r := range rs {
		series := fmt.Sprintf("barrier = %s kT, %s", tab.Rows[i][bc], method(r))
		p := findPoint(rows, series, num(r.Duration))
		if len(p) != 1 || p[0].y != num(r.ErrorRate.Value) {
			t.Errorf("retention %q at t = %g: %+v, want ε = %g", series, r.Duration, p, r.ErrorRate.Value)
		}
		if r.Method == erasure.MonteCarlo && (p[0].yLow != num(r.ErrorInterval.Low) || p[0].yHigh != num(r.ErrorInterval.High)) {
			t.Errorf("retention %q: bar [%s, %s], want the Wilson interval [%g, %g]", series, p[0].yLow, p[0].yHigh, r.ErrorInterval.Low, r.ErrorInterval.High)
		}
	}
	target := 0
	for _, r := range rows {
		if r.kind == "reference" && r.y == "0.01" {
			target++
		}
	}
	if target != 2 {
		t.Errorf("target error line: %d rows", target)
	}
}

// One run's JSON (and CSV), straight from `landauer run`, Monte Carlo and
// Fokker–Planck, plotted together.
func TestPlotRunOutput(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, "s.toml", small)
	mc, fp, mcCSV := filepath.Join(dir, "mc.json"), filepath.Join(dir, "fp.json"), filepath.Join(dir, "mc.csv")
	mustRun(t, "run", "--config", cfg, "--format", "json", "-o", mc, "--workers", "2")
	mustRun(t, "run", "--config", cfg, "--format", "json", "-o", fp, "--method", "fokker-planck")
	mustRun(t, "run", "--config", cfg, "--format", "csv", "-o", mcCSV, "--workers", "2")
	_, rmc := readFixture(t, mc)
	_, rfp := readFixture(t, fp)
	_, rcsv := readFixture(t, mcCSV)
	if len(rmc) != 1 || len(rfp) != 1 || rmc[0].Trajectories != 600 || rfp[0].Method != erasure.FokkerPlanck {
		t.Fatalf("run output read as %+v and %+v", rmc, rfp)
	}
	if rcsv[0].Work.Value != rmc[0].Work.Value || rcsv[0].Seed != rmc[0].Seed {
		t.Errorf("CSV and JSON of one run differ: %g vs %g", rcsv[0].Work.Value, rmc[0].Work.Value)
	}
	rows, _ := plotOK(t, filepath.Join(dir, "one.png"), mc, fp, "--kind", "work-duration")
	for _, r := range []erasure.Result{rmc[0], rfp[0]} {
		p := findPoint(rows, "four-stage, "+method(r), num(r.Duration))
		lo, hi := workBar(r)
		if len(p) != 1 || p[0].y != num(r.Work.Value) || p[0].yLow != lo || p[0].yHigh != hi {
			t.Errorf("%s run: %+v, want ⟨W⟩ = %g [%s, %s]", r.Method, p, r.Work.Value, lo, hi)
		}
	}
	// A single Fokker–Planck point is drawn as a marker, not as an
	// invisible one-point curve.
	rows, _ = plotOK(t, filepath.Join(dir, "fp.png"), fp, "--kind", "work-duration")
	if p := findPoint(rows, "four-stage", num(rfp[0].Duration)); len(p) != 1 || p[0].kind != "points" {
		t.Errorf("one FP run: %+v", p)
	}
	rows, _ = plotOK(t, filepath.Join(dir, "csv.png"), mcCSV, "--kind", "work-error")
	if countData(rows) != 1 {
		t.Errorf("run CSV: %d data rows", countData(rows))
	}
}

// Bad input: exit 2 with one line saying what is wrong.
func TestPlotBadInput(t *testing.T) {
	dir := t.TempDir()
	fig := filepath.Join(dir, "f.png")
	header := writeFile(t, "empty.csv", "method,duration [t0],work_mean [kT]\n")
	blank := writeFile(t, "blank.jsonl", "\n")
	pointFile := writeFile(t, "000003.json", `{"format": 1, "spec_hash": "ab", "index": 3, "axes": [], "result": {"duration": 1}}`)
	input := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(input, []byte("duration,work_mean\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{plotSweepCSV, "--kind", "work-duration"}, []string{"-o"}},
		{[]string{"--kind", "work-duration", "-o", fig}, []string{"no table"}},
		{[]string{filepath.Join(dir, "nope.csv"), "--kind", "work-duration", "-o", fig}, []string{"nope.csv", "no such file"}},
		{[]string{plotSweepCSV, "-o", fig}, []string{"--kind is required"}},
		{[]string{plotSweepCSV, "--kind", "violin", "-o", fig}, []string{`unknown --kind "violin"`, "work-duration"}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "-o", filepath.Join(dir, "f.jpg")}, []string{`unknown image extension ".jpg"`, ".png"}},
		{[]string{plotSweepCSV, "--kind", "series", "--x", "duration", "--y", "nosuch", "-o", fig}, []string{`column "nosuch" (--y) is not in the table`, "work_mean [kT]", "protocol.duration [t0]"}},
		{[]string{plotSweepCSV, "--kind", "series", "--x", "duration", "-o", fig}, []string{"--x and --y", "heat_mean [kT]"}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--series", "barrier", "-o", fig}, []string{`column "barrier" (--series)`}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--x", "error_rate", "-o", fig}, []string{"--x and --y choose the axes of kind series"}},
		{[]string{plotSweepCSV, "--kind", "error-duration", "--fit", "1", "-o", fig}, []string{"work-duration and series only"}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--fit", "9", "-o", fig}, []string{"--fit 9: there are 4 series"}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--xlim", "5", "-o", fig}, []string{"--xlim 5", "LO,HI"}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--ylim", "3,1", "-o", fig}, []string{"HI must be above LO"}},
		{[]string{plotSweepCSV, "--kind", "density", "--decades", "0", "-o", fig}, []string{"--decades"}},
		{[]string{plotSweepCSV, "--kind", "retention", "-o", fig}, []string{`protocol "hold"`, `"four-stage"`}},
		{[]string{plotSweepCSV, "--kind", "work-duration", "--width", "wide", "-o", fig}, []string{"--width"}},
		{[]string{header, "--kind", "work-duration", "-o", fig}, []string{"empty.csv", "empty (no rows)"}},
		{[]string{blank, "--kind", "work-duration", "-o", fig}, []string{"blank.jsonl", "empty (no rows)"}},
		{[]string{input, "--kind", "work-error", "-o", fig}, []string{`column "error_rate" (kind work-error) is not in the table`, "duration, work_mean"}},
		{[]string{input, "--kind", "work-duration", "-o", filepath.Join(dir, "table.svg")}, []string{"would overwrite the table"}},
		{[]string{dir, "--kind", "work-duration", "-o", fig}, []string{"is a directory", "landauer merge"}},
		{[]string{pointFile, "--kind", "work-duration", "-o", fig}, []string{"point file", "landauer merge"}},
	} {
		_, errs, code := runCLI(t, append([]string{"plot"}, c.args...)...)
		if code != 2 {
			t.Errorf("plot %s: exit %d, want 2 (%s)", strings.Join(c.args, " "), code, errs)
			continue
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "landauer: ") {
			t.Errorf("plot %s: not one line: %q", strings.Join(c.args, " "), errs)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("plot %s: %q lacks %q", strings.Join(c.args, " "), errs, w)
			}
		}
	}
	if b, _ := os.ReadFile(input); string(b) != "duration,work_mean\n1,2\n" {
		t.Errorf("the input table was overwritten: %q", b)
	}
	if _, err := os.Stat(fig); err == nil {
		t.Error("a failed plot wrote a figure")
	}
}

// The histogram and density kinds draw what the engine computed: the
// figure's CSV holds the run's work-histogram counts and its Fokker–Planck
// snapshot densities.
func TestPlotHistogramAndDensity(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, "s.toml", small)
	mc, fp := filepath.Join(dir, "mc.json"), filepath.Join(dir, "fp.json")
	mustRun(t, "run", "--config", cfg, "--format", "json", "-o", mc)
	mustRun(t, "run", "--config", cfg, "--format", "json", "-o", fp, "--method", "fokker-planck", "--snapshots", "3")
	_, rmc := readFixture(t, mc)
	_, rfp := readFixture(t, fp)
	h := rmc[0].WorkHistogram
	if h == nil || h.N() != 600 || len(rfp[0].Snapshots) != 3 {
		t.Fatalf("run output lacks its histogram (%v) or snapshots (%d)", h, len(rfp[0].Snapshots))
	}
	hist, dens := filepath.Join(dir, "h.png"), filepath.Join(dir, "d.png")
	mustRun(t, "plot", mc, "--kind", "histogram", "-o", hist)
	mustRun(t, "plot", fp, "--kind", "density", "-o", dens)
	csvRows := func(path string) [][]string {
		f, err := os.Open(strings.TrimSuffix(path, ".png") + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows[1:]
	}
	var counts []int64
	for _, r := range csvRows(hist) {
		c, err := strconv.ParseInt(r[3], 10, 64)
		if err != nil {
			t.Fatalf("histogram CSV row %v: %v", r, err)
		}
		counts = append(counts, c)
	}
	if !slices.Equal(counts, h.Counts) {
		t.Errorf("histogram CSV counts %v, run's %v", counts, h.Counts)
	}
	last := rfp[0].Snapshots[2]
	n := 0
	for _, r := range csvRows(dens) {
		if tt, _ := strconv.ParseFloat(r[1], 64); tt != last.T {
			continue
		}
		if p, _ := strconv.ParseFloat(r[4], 64); p != last.P[n] {
			t.Fatalf("density CSV at t = %g, x = %s: p = %s, run's %g", last.T, r[2], r[4], last.P[n])
		}
		n++
	}
	if n != len(last.P) {
		t.Errorf("density CSV has %d points at t = τ, the run %d", n, len(last.P))
	}
	// A CSV table has no histogram: a clear error, exit 2.
	csvTab := filepath.Join(dir, "mc.csv")
	mustRun(t, "run", "--config", cfg, "--format", "csv", "-o", csvTab)
	if _, errs, code := runCLI(t, "plot", csvTab, "--kind", "histogram", "-o", filepath.Join(dir, "x.png")); code != 2 || !strings.Contains(errs, "work_histogram") {
		t.Errorf("histogram of a CSV table: exit %d, %q", code, errs)
	}
}

// Kind front draws the finite-time full-control bound of a table with a
// full_control_bound column (landauer optimize's JSON): W₂²/D is read back
// from each row as (full_control_bound − ln 2 + H(ε))·τ, here a known
// 1.5 t0·kT, and the bound drawn is ln 2 − H(ε) + 1.5/τ.
func TestPlotFrontFullControl(t *testing.T) {
	data, err := os.ReadFile("testdata/plot-front.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	const w2 = 1.5
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		row["full_control_bound"] = erasure.LandauerBound(row["error_rate"].(float64)) + w2/row["duration"].(float64)
		out, _ := json.Marshal(row)
		b.Write(append(out, '\n'))
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "front.jsonl")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, _ := plotOK(t, filepath.Join(dir, "front.png"), in, "--kind", "front")
	n := 0
	for _, r := range rows {
		if r.kind != "bound" || !strings.HasPrefix(r.series, "full_control") {
			continue
		}
		n++
		_, e, ok := strings.Cut(r.series, "eps=")
		if !ok {
			t.Fatalf("bound %q names no ε", r.series)
		}
		eps, _ := strconv.ParseFloat(e, 64)
		tau, _ := strconv.ParseFloat(r.x, 64)
		if want := erasure.LandauerBound(eps) + w2/tau; !sameNum(r.y, num(want)) {
			t.Fatalf("full-control bound at ε = %g, τ = %g: %s, want %g", eps, tau, r.y, want)
		}
	}
	if n == 0 {
		t.Error("no full-control bound drawn")
	}
}

// The full-control bound of the demo's 40 kT bit: W₂²(p_i, p_f) → 2x_m²
// (x_m = 1) for narrow wells (the left half of the mass moves by 2x_m),
// less O(σ) with the wells' width σ = 1/√(8E_b) ≈ 0.056; it falls as 1/τ.
func TestFullControlBoundOf(t *testing.T) {
	d := headline.New(true)
	fc, err := headline.FullControlBound(d)
	if err != nil {
		t.Fatal(err)
	}
	eps := d.TargetError
	w2 := (fc(eps, 1) - erasure.LandauerBound(eps)) * 1
	sigma := 1 / math.Sqrt(8*d.Barrier)
	if math.Abs(w2-2) > 4*sigma || !(w2 < 2) {
		t.Errorf("W₂² = %.4f, want 2 − O(σ = %.3f)", w2, sigma)
	}
	if got := fc(eps, 10) - erasure.LandauerBound(eps); math.Abs(got-w2/10) > 1e-12 {
		t.Errorf("W₂²/τ at τ = 10: %v, want %v", got, w2/10)
	}
	if _, err := proesmans2020.FullControlBound(wells.Jun{Barrier: 40, Tilt: 1}, wells.Jun{}.Rest(), 1, 1, 0, 3); err == nil {
		t.Error("target 3: no error")
	}
}
