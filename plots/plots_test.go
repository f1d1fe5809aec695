package plots

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots/internal/tex"
	"github.com/landauer-dev/landauer/stats"
)

// regen rewrites the golden images: go test ./plots/ -regen
// (gonum's plot/cmpimg defines the same flag but cannot be imported here:
// it needs rsc.io/pdf, which is not in go.sum; goldenPNG below compares
// images the way cmpimg.EqualApprox does).
var regen = flag.Bool("regen", false, "rewrite the golden images in plots/testdata")

// goldenStyle renders small PNGs for the golden tests.
func goldenStyle() Style {
	st := SingleColumn()
	st.DPI = 100
	return st
}

// goldenFigures are the figures checked against testdata/*.png.
func goldenFigures(t *testing.T) map[string]*Figure {
	t.Helper()
	f := makeFixture()
	st := goldenStyle()
	must := func(fig *Figure, err error) *Figure {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return fig
	}
	return map[string]*Figure{
		"work_duration": must(WorkDurationFigure(f.workSeries(), st, WorkDurationOptions{
			Fit: true, FitMinTau: 2, Errors: f.errorSeries(), TargetError: 1e-15})),
		"work_duration_logy": must(WorkDurationFigure(f.workSeries(), st, WorkDurationOptions{LogY: true})),
		"work_error":         must(WorkErrorFigure(f.workErrorSeries(), st, WorkErrorOptions{})),
		"histogram":          must(HistogramFigure([]Histogram{workHistogram()}, st, HistogramOptions{})),
		"density":            must(DensityFigure(doubleWellSnapshots(), st, DensityOptions{Tau: 10})),
		"retention":          must(RetentionFigure(retentionSeries(), st, RetentionOptions{TargetError: 1e-15})),
	}
}

func TestGoldenImages(t *testing.T) {
	for name, fig := range goldenFigures(t) {
		t.Run(name, func(t *testing.T) {
			got, err := Render(fig, ".png", goldenStyle())
			if err != nil {
				t.Fatal(err)
			}
			goldenPNG(t, filepath.Join("testdata", name+".png"), got)
		})
	}
}

// goldenPNG compares got with the golden PNG at path (or rewrites it with
// -regen). Pixels match when their YIQ distance is within 5 % of the
// largest (cmpimg's measure); up to 0.02 % of them may differ, for
// anti-aliasing that varies between builds of the rasteriser.
func goldenPNG(t *testing.T, path string, got []byte) {
	t.Helper()
	if *regen {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create the golden images with: go test ./plots/ -regen)", err)
	}
	a, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	b, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	bad, total := differingPixels(a, b, 0.05)
	if bad > total/5000 {
		out := filepath.Join(os.TempDir(), "landauer-plots-"+filepath.Base(path))
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s: %d of %d pixels differ (image written to %s; if the change is intended, run go test ./plots/ -regen)", path, bad, total, out)
	}
}

// differingPixels counts the pixels whose YIQ distance exceeds delta (as a
// fraction of the largest distance); images of different sizes differ
// everywhere.
func differingPixels(a, b image.Image, delta float64) (bad, total int) {
	ra, rb := a.Bounds(), b.Bounds()
	total = ra.Dx() * ra.Dy()
	if ra.Size() != rb.Size() {
		return total, total
	}
	const maxD = 35215.0
	for y := 0; y < ra.Dy(); y++ {
		for x := 0; x < ra.Dx(); x++ {
			c1 := color.RGBAModel.Convert(a.At(ra.Min.X+x, ra.Min.Y+y)).(color.RGBA)
			c2 := color.RGBAModel.Convert(b.At(rb.Min.X+x, rb.Min.Y+y)).(color.RGBA)
			if yiq(c1, c2) > maxD*delta*delta {
				bad++
			}
		}
	}
	return bad, total
}

func yiq(c1, c2 color.RGBA) float64 {
	r1, g1, b1 := float64(c1.R), float64(c1.G), float64(c1.B)
	r2, g2, b2 := float64(c2.R), float64(c2.G), float64(c2.B)
	y := (r1-r2)*0.29889531 + (g1-g2)*0.58662247 + (b1-b2)*0.11448223
	i := (r1-r2)*0.59597799 - (g1-g2)*0.27417610 - (b1-b2)*0.32180189
	q := (r1-r2)*0.21147017 - (g1-g2)*0.52261711 + (b1-b2)*0.31114694
	return 0.5053*y*y + 0.299*i*i + 0.1957*q*q
}

// The golden comparison must notice a real change.
func TestGoldenDetectsChange(t *testing.T) {
	f := makeFixture()
	a, err := WorkDurationFigure(f.workSeries(), goldenStyle(), WorkDurationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ss := f.workSeries()
	ss[0].Points[3].Y += 1 // one point moved by 1 kT
	b, err := WorkDurationFigure(ss, goldenStyle(), WorkDurationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := Render(a, ".png", goldenStyle())
	pb, _ := Render(b, ".png", goldenStyle())
	ia, _ := png.Decode(bytes.NewReader(pa))
	ib, _ := png.Decode(bytes.NewReader(pb))
	bad, total := differingPixels(ia, ib, 0.05)
	if bad <= total/5000 {
		t.Errorf("moving a point changed only %d of %d pixels", bad, total)
	}
}

// readCSV saves fig as PNG in a temporary directory and reads back the CSV
// written beside it.
func readCSV(t *testing.T, fig *Figure) (header []string, rows [][]string) {
	t.Helper()
	dir := t.TempDir()
	if err := Save(fig, filepath.Join(dir, "fig.png"), goldenStyle()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "fig.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 {
		t.Fatalf("CSV has %d records", len(recs))
	}
	return recs[0], recs[1:]
}

func col(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, header)
	return -1
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// The CSV beside a work-vs-duration figure holds the plotted numbers:
// every Monte Carlo point with its ± SE bar, every error rate (upper limits
// at error_high), exactly as in the results.
func TestWorkDurationCSV(t *testing.T) {
	f := makeFixture()
	fig, err := WorkDurationFigure(f.workSeries(), goldenStyle(), WorkDurationOptions{Fit: true, FitMinTau: 2, Errors: f.errorSeries()})
	if err != nil {
		t.Fatal(err)
	}
	h, rows := readCSV(t, fig)
	if h[2] != "tau [t0]" {
		t.Errorf("x column is %q, want %q", h[2], "tau [t0]")
	}
	cS, cK, cX, cQ, cV, cLo, cHi, cU, cL := col(t, h, "series"), col(t, h, "kind"), col(t, h, "tau [t0]"),
		col(t, h, "quantity"), col(t, h, "value"), col(t, h, "value_low"), col(t, h, "value_high"), col(t, h, "unit"), col(t, h, "limit")
	type key struct {
		series, quantity string
		tau              float64
	}
	got := map[key][]string{}
	for _, r := range rows {
		got[key{r[cS], r[cQ], parse(t, r[cX])}] = r
	}
	check := func(label string, results []erasure.Result) {
		for _, r := range results {
			row, ok := got[key{label, "work_mean", r.Duration}]
			if !ok {
				t.Errorf("%s: no work row at τ = %g", label, r.Duration)
				continue
			}
			if v := parse(t, row[cV]); v != r.Work.Value {
				t.Errorf("%s τ = %g: work %g, want %g", label, r.Duration, v, r.Work.Value)
			}
			e := r.Work.StandardError()
			if r.Method == erasure.FokkerPlanck {
				e = r.Work.DiscretisationError()
			}
			if lo, hi := parse(t, row[cLo]), parse(t, row[cHi]); lo != r.Work.Value-e || hi != r.Work.Value+e {
				t.Errorf("%s τ = %g: bar [%g, %g], want %g ± %g", label, r.Duration, lo, hi, r.Work.Value, e)
			}
			if row[cU] != "kT" {
				t.Errorf("unit %q", row[cU])
			}
		}
	}
	check("four-stage, Monte Carlo", f.fourMC)
	check("four-stage, Fokker–Planck", f.fourFP)
	check("lift one well, Monte Carlo", f.liftMC)
	upper := 0
	for _, r := range f.liftMC {
		row, ok := got[key{"lift, MC", "error_rate", r.Duration}]
		if !ok {
			t.Fatalf("no error row at τ = %g", r.Duration)
		}
		want, lim := r.ErrorRate.Value, ""
		if r.Errors == 0 {
			want, lim = r.ErrorInterval.High, "y_upper"
			upper++
		}
		if v := parse(t, row[cV]); v != want || row[cL] != lim {
			t.Errorf("lift ε at τ = %g: %g %q, want %g %q", r.Duration, v, row[cL], want, lim)
		}
	}
	if upper == 0 {
		t.Error("fixture has no zero-error point; the upper-limit path is untested")
	}
	// The fits are in the table and in Figure.Fits.
	fits := 0
	for _, r := range rows {
		if r[cK] == "fit" {
			fits++
		}
	}
	if fits == 0 || len(fig.Fits) != 2 {
		t.Errorf("%d fit rows, %d fits; want rows and 2 fits", fits, len(fig.Fits))
	}
	for _, fr := range fig.Fits {
		if fr.Series == "four-stage, Monte Carlo" && math.Abs(fr.Inf-math.Ln2) > 5*fr.InfSE+0.05 {
			t.Errorf("four-stage fit W∞ = %g ± %g, the fixture tends to ln 2", fr.Inf, fr.InfSE)
		}
	}
}

// The bound curves of the work-vs-error figure come from the formulas:
// every row equals erasure's function at the same ε, bit for bit, on a
// dense grid from 1e-25 to ½.
func TestWorkErrorBoundsFromFormulas(t *testing.T) {
	f := makeFixture()
	fig, err := WorkErrorFigure(f.workErrorSeries(), goldenStyle(), WorkErrorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h, rows := readCSV(t, fig)
	cS, cK, cX, cV := col(t, h, "series"), col(t, h, "kind"), col(t, h, "error_rate"), col(t, h, "value")
	formulas := map[string]func(float64) float64{
		BoundLandauer:  erasure.LandauerBound,
		BoundSymmetric: erasure.SymmetricBound,
		BoundBarrier:   erasure.BarrierForError,
	}
	n := map[string]int{}
	lo, hi := map[string]float64{}, map[string]float64{}
	minEps := math.Inf(1)
	for _, s := range f.workErrorSeries() {
		for _, p := range s.Points {
			if p.X > 0 {
				minEps = math.Min(minEps, p.X)
			}
		}
	}
	for _, r := range rows {
		if r[cK] != "bound" {
			continue
		}
		fn, ok := formulas[r[cS]]
		if !ok {
			t.Fatalf("unknown bound %q", r[cS])
		}
		x, v := parse(t, r[cX]), parse(t, r[cV])
		if v != fn(x) {
			t.Errorf("%s at ε = %g: %v in the CSV, formula gives %v", r[cS], x, v, fn(x))
		}
		if n[r[cS]] == 0 || x < lo[r[cS]] {
			lo[r[cS]] = x
		}
		if x > hi[r[cS]] {
			hi[r[cS]] = x
		}
		n[r[cS]]++
	}
	for name := range formulas {
		if n[name] < 500 {
			t.Errorf("%s: %d points, want a dense grid", name, n[name])
		}
		// Over the axis, which the data set: from below their smallest ε
		// (not a fixed 1e-25) to ½.
		if !(lo[name] > 1e-25 && lo[name] <= minEps) || hi[name] != 0.5 {
			t.Errorf("%s: ε from %g to %g, want from the axis minimum (≤ %g, > 1e-25) to 0.5", name, lo[name], hi[name], minEps)
		}
	}
	// Data rows: ε with its interval as x bars, upper limits flagged.
	cXl, cXh, cL := col(t, h, "error_rate_low"), col(t, h, "error_rate_high"), col(t, h, "limit")
	for _, r := range rows {
		if r[cS] != "four-stage, MC" {
			continue
		}
		x := parse(t, r[cX])
		if r[cL] == "x_upper" {
			continue
		}
		if r[cXl] == "" || parse(t, r[cXl]) > x || parse(t, r[cXh]) < x {
			t.Errorf("four-stage ε = %g: interval [%s, %s]", x, r[cXl], r[cXh])
		}
	}
}

// Zeros, negatives, NaN and ±Inf on log axes: no panic, no NaN in the
// output, points dropped or clamped and counted in the warnings.
func TestLogAxesBadValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	bad := Series{Label: "bad", Points: []Point{
		{X: 1, Y: 1, YLow: 0.5, YHigh: 2},
		{X: 0, Y: 1},                        // x ≤ 0: clamped
		{X: -3, Y: 2},                       // x < 0: clamped
		{X: 2, Y: 0, YLow: -1, YHigh: 1},    // y and bar end ≤ 0: clamped
		{X: 3, Y: -5},                       // y < 0: clamped
		{X: nan, Y: 1},                      // dropped
		{X: 4, Y: inf},                      // dropped
		{X: 5, Y: 0.1, YLow: nan, YHigh: 1}, // bar dropped
		{X: 6, Y: 0, YUpper: true},          // upper limit at 0: clamped
		{X: 7, Y: 1e-300, XLow: -1, XHigh: 8},
	}}
	allBad := Series{Label: "all bad", Points: []Point{{X: nan, Y: nan}, {X: inf, Y: 1}}}
	curve := Series{Label: "curve", Line: true, Points: []Point{{X: 0, Y: 0}, {X: 1, Y: -1}, {X: 2, Y: 3}}}
	st := goldenStyle()
	var figs []*Figure
	add := func(fig *Figure, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fig)
	}
	ss := []Series{bad, allBad, curve}
	add(WorkDurationFigure(ss, st, WorkDurationOptions{LogY: true, Fit: true, Errors: ss, TargetError: 1e-15}))
	add(WorkDurationFigure(ss, st, WorkDurationOptions{}))
	add(WorkErrorFigure(ss, st, WorkErrorOptions{LogY: true}))
	add(WorkErrorFigure(ss, st, WorkErrorOptions{}))
	add(RetentionFigure(ss, st, RetentionOptions{TargetError: 1e-15}))
	add(RetentionFigure([]Series{allBad}, st, RetentionOptions{}))
	add(HistogramFigure([]Histogram{{Label: "sparse", Edges: []float64{0, 1, 2, 3}, Counts: []float64{0, 5, 0}}}, st, HistogramOptions{}))
	zero := 0.0
	add(HistogramFigure([]Histogram{{Label: "empty", Edges: []float64{0, 1}, Counts: []float64{0}, DeltaF: &zero}}, st, HistogramOptions{}))
	add(DensityFigure([]Snapshot{{T: 0, X: []float64{-1, 0, 1}, U: []float64{0, nan, 0}, P: []float64{0, 0, 1}}}, st, DensityOptions{LogP: true}))
	for i, fig := range figs {
		for _, ext := range []string{".png", ".svg", ".tex"} {
			out, err := Render(fig, ext, st)
			if err != nil {
				t.Fatalf("figure %d (%s) %s: %v", i, fig.Kind, ext, err)
			}
			if ext != ".png" && (bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf"))) {
				t.Errorf("figure %d (%s) %s: output has NaN or Inf", i, fig.Kind, ext)
			}
		}
	}
	w := strings.Join(figs[0].Warnings, "\n")
	for _, want := range []string{
		`series "bad": dropped 2 of 10 points`,
		`series "bad": dropped 1 error bars`,
		`series "bad": 3 points with x`,
		`series "bad": 3 points with y`,
		`series "all bad": dropped 2 of 2 points`,
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}

// Tick generators terminate and stay within their ranges on any range.
func TestTicksAnyRange(t *testing.T) {
	ranges := [][2]float64{{1e-300, 1e300}, {1e-320, 1}, {0.1, 0.100000001}, {-1e9, 1e9}, {5, 5.5}, {3, 300}, {1e-25, 0.5}, {-0.3, 0}, {0, 1e-310}}
	for _, r := range ranges {
		for _, ts := range [][]float64{ticksOf(linTicks{}.Ticks(r[0], r[1])), ticksOf(logTicks{}.Ticks(math.Abs(r[0])+1e-300, r[1]))} {
			if len(ts) > 400 {
				t.Errorf("%v: %d ticks", r, len(ts))
			}
		}
	}
	labels := func(ts []string) string { return strings.Join(ts, " ") }
	if got := labels(labelsOf(logTicks{}.Ticks(1e-25, 0.5))); got != "$10^{-25}$ $10^{-20}$ $10^{-15}$ $10^{-10}$ $10^{-5}$" {
		t.Errorf("log ticks 1e-25..0.5: %s", got)
	}
	if got := labels(labelsOf(logTicks{}.Ticks(0.3, 800))); got != "$1$ $10$ $100$" {
		t.Errorf("log ticks 0.3..800: %s", got)
	}
	if got := labels(labelsOf(linTicks{}.Ticks(-0.1, 1.7))); got != "$0.0$ $0.5$ $1.0$ $1.5$" {
		t.Errorf("linear ticks -0.1..1.7: %s", got)
	}
}

func ticksOf(ts []plotTick) []float64 {
	var v []float64
	for _, t := range ts {
		v = append(v, t.Value)
	}
	return v
}

func labelsOf(ts []plotTick) []string {
	var v []string
	for _, t := range ts {
		if t.Label != "" {
			v = append(v, t.Label)
		}
	}
	return v
}

// PDF: written with the fonts embedded as Unicode TrueType, so that the
// Greek letters, the minus sign and the subscripts come out as text
// (pdftotext) and the page rasterises (pdftoppm) to about the image the
// PNG renderer draws. Needs Debian's poppler-utils; skipped, loudly, where
// it is missing.
func TestPDF(t *testing.T) {
	f := makeFixture()
	wd, err := WorkDurationFigure(f.workSeries(), goldenStyle(), WorkDurationOptions{Errors: f.errorSeries()})
	if err != nil {
		t.Fatal(err)
	}
	we, err := WorkErrorFigure(f.workErrorSeries(), goldenStyle(), WorkErrorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := HistogramFigure([]Histogram{workHistogram()}, goldenStyle(), HistogramOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	figs := []struct {
		name string
		fig  *Figure
		want []string
	}{
		{"wd", wd, []string{"duration", "τ/t", "ε", "kT ln 2"}},
		{"we", we, []string{"error rate", "ε", "Landauer", "H(ε)", "−"}},
		{"hist", hist, []string{"Δ", "F", "work", "W/kT"}},
	}
	for _, c := range figs {
		path := filepath.Join(dir, c.name+".pdf")
		if err := Save(c.fig, path, goldenStyle()); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data, []byte("/ToUnicode")) || !bytes.Contains(data, []byte("/FontFile2")) {
			t.Errorf("%s: not a PDF with embedded Unicode TrueType fonts", c.name)
		}
		again, err := Render(c.fig, ".pdf", goldenStyle())
		if err != nil || !bytes.Equal(again, data) {
			t.Errorf("%s: a second rendering differs (err %v): PDFs must be reproducible", c.name, err)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("SKIPPED: pdftotext and pdftoppm (Debian poppler-utils) are not installed; the PDF text and raster checks did not run")
	}
	for _, c := range figs {
		path := filepath.Join(dir, c.name+".pdf")
		out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", c.name, err)
		}
		text := string(out)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: pdftotext lacks %q; it reads:\n%s", c.name, w, text)
			}
		}
		// Rasterise at the golden DPI and compare the ink with the PNG
		// renderer's: the same figure, so the same amount of dark pixels
		// within 25 % (the two rasterisers hint and antialias text
		// differently; a missing or garbled label changes far more).
		st := goldenStyle()
		if err := exec.Command("pdftoppm", "-png", "-singlefile", "-r", strconv.Itoa(int(st.DPI)), path, filepath.Join(dir, c.name)).Run(); err != nil {
			t.Fatalf("pdftoppm %s: %v", c.name, err)
		}
		raster, err := os.ReadFile(filepath.Join(dir, c.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		ref, err := Render(c.fig, ".png", st)
		if err != nil {
			t.Fatal(err)
		}
		a, b := decodePNG(t, raster), decodePNG(t, ref)
		if d := a.Bounds().Size().Sub(b.Bounds().Size()); abs(d.X) > 1 || abs(d.Y) > 1 {
			t.Errorf("%s: PDF page rasterises to %v, the PNG is %v", c.name, a.Bounds().Size(), b.Bounds().Size())
		}
		ia, ib := inkFraction(a), inkFraction(b)
		if !(ia > 0.02) || math.Abs(ia-ib) > 0.25*ib {
			t.Errorf("%s: ink %.4f in the rasterised PDF, %.4f in the PNG", c.name, ia, ib)
		}
	}
}

func abs(v int) int { return max(v, -v) }

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// inkFraction is the fraction of pixels darker than mid grey.
func inkFraction(img image.Image) float64 {
	r := img.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g := color.GrayModel.Convert(img.At(x, y)).(color.Gray); g.Y < 128 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// The .tex output is an \input-able PGF fragment that pdflatex compiles
// inside a minimal document.
func TestTeXCompiles(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for name, fig := range goldenFigures(t) {
		p := filepath.Join(dir, name+".tex")
		if err := Save(fig, p, Style{}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if !strings.Contains(s, `\begin{pgfpicture}`) || strings.Contains(s, `\documentclass`) {
			t.Errorf("%s: not a PGF fragment", name)
		}
		for _, want := range []string{`\langle W\rangle`, `\tau`, `\varepsilon`} {
			if name == "work_duration" && !strings.Contains(s, want) {
				t.Errorf("%s: no %s in the TeX labels", name, want)
			}
		}
		inputs = append(inputs, `\input{`+name+`.tex}\par`)
	}
	if _, err := exec.LookPath("pdflatex"); err != nil {
		t.Skip("pdflatex is not installed: the .tex figures were written but not compiled (install TeX Live with pgf to check them)")
	}
	doc := "\\documentclass{article}\n\\usepackage{pgf}\n\\begin{document}\n" + strings.Join(inputs, "\n") + "\n\\end{document}\n"
	if err := os.WriteFile(filepath.Join(dir, "doc.tex"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdflatex: %v\n%s", err, lastLines(string(out), 30))
	}
	if fi, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil || fi.Size() == 0 {
		t.Fatalf("pdflatex wrote no PDF: %v", err)
	}
}

func lastLines(s string, n int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n")
}

// Save writes the image and the CSV atomically, leaves no temporary file,
// and rejects unknown formats.
func TestSaveFiles(t *testing.T) {
	f := makeFixture()
	fig, err := RetentionFigure(retentionSeries(), Style{}, RetentionOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_ = f
	dir := t.TempDir()
	for _, ext := range []string{".png", ".svg", ".tex"} {
		if err := fig.Save(filepath.Join(dir, "r"+ext)); err != nil {
			t.Fatal(err)
		}
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "r.csv r.png r.svg r.tex" {
		t.Errorf("files: %s", got)
	}
	for _, p := range []string{"r.gif", "r.csv", "r"} {
		if err := fig.Save(filepath.Join(dir, p)); err == nil {
			t.Errorf("Save %s: no error", p)
		}
	}
	if err := fig.Save(filepath.Join(dir, "no", "such", "dir.png")); err == nil {
		t.Error("Save into a missing directory: no error")
	}
	// PNG size follows the style.
	for _, st := range []Style{SingleColumn(), DoubleColumn()} {
		st.DPI = 50
		data, err := Render(fig, ".png", st)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if w := img.Bounds().Dx(); math.Abs(float64(w)-float64(st.Width/vg.Inch)*50) > 1 {
			t.Errorf("width %d px, want %.0f", w, float64(st.Width/vg.Inch)*50)
		}
	}
}

// SeriesFigure plots any column against another, CSV named by the caller.
func TestSeriesFigure(t *testing.T) {
	f := makeFixture()
	fig, err := SeriesFigure(f.workSeries()[:2], goldenStyle(), SeriesOptions{
		XLabel: `duration $\tau/t_0$`, YLabel: `heat $\langle Q\rangle/kT$`, XName: "tau", XUnit: "t0", YName: "heat_mean", YUnit: "kT", LogX: true})
	if err != nil {
		t.Fatal(err)
	}
	h, rows := readCSV(t, fig)
	if h[2] != "tau [t0]" || rows[0][col(t, h, "quantity")] != "heat_mean" || rows[0][col(t, h, "unit")] != "kT" {
		t.Errorf("header %q, first row %q", h, rows[0])
	}
	if len(rows) != len(f.fourMC)+len(f.fourFP) {
		t.Errorf("%d rows, want %d", len(rows), len(f.fourMC)+len(f.fourFP))
	}
	if _, err := SeriesFigure(nil, Style{}, SeriesOptions{}); err == nil {
		t.Error("no series: no error")
	}
}

// Every label the figures draw is in the LaTeX subset the PNG renderer
// knows.
func TestLabelsKnown(t *testing.T) {
	for name, fig := range goldenFigures(t) {
		for _, s := range figureLabels(fig) {
			if unknown := tex.Unknown(s); len(unknown) > 0 {
				t.Errorf("%s: label %q uses %v", name, s, unknown)
			}
		}
	}
}

func figureLabels(fig *Figure) []string {
	var out []string
	for _, p := range fig.panels {
		out = append(out, p.x.label, p.y.label)
		for _, e := range p.legend {
			out = append(out, e.label)
		}
		for _, l := range p.layers {
			switch l := l.(type) {
			case *refLine:
				out = append(out, l.label)
			case *curveLabel:
				out = append(out, l.label)
			}
		}
	}
	return out
}

// On data with Gaussian noise of known standard errors, the fit recovers
// W∞ and B within 5 SE, and its standard errors are the spread of the
// estimates over many samples.
// Converters: points sorted by τ, bars from the right fields, upper limits
// for zero errors, curves for Fokker–Planck.
func TestConverters(t *testing.T) {
	rs := []erasure.Result{
		{Method: erasure.MonteCarlo, Protocol: "p", Duration: 10, Work: stats.Mean(1, 0.1), Errors: 0, ErrorRate: stats.Estimate{Value: 0}, ErrorInterval: stats.Interval{Low: 0, High: 3e-4, Level: 0.95, Method: stats.MethodWilson}},
		{Method: erasure.MonteCarlo, Protocol: "p", Duration: 1, Work: stats.Mean(2, 0.2), Errors: 5, ErrorRate: stats.Estimate{Value: 0.01}, ErrorInterval: stats.Interval{Low: 0.005, High: 0.02, Level: 0.95, Method: stats.MethodWilson}},
	}
	s := WorkVsDuration(rs, "mc")
	if s.Line || s.Group != "p" || s.Points[0].X != 1 || s.Points[0].YLow != 1.8 || s.Points[0].YHigh != 2.2 {
		t.Errorf("WorkVsDuration: %+v", s)
	}
	e := ErrorVsDuration(rs, "mc")
	if p := e.Points[1]; !p.YUpper || p.Y != 3e-4 || p.hasYBar() {
		t.Errorf("zero errors: %+v, want an upper limit at 3e-4", p)
	}
	if p := e.Points[0]; p.YUpper || p.Y != 0.01 || p.YLow != 0.005 || p.YHigh != 0.02 {
		t.Errorf("ErrorVsDuration: %+v", p)
	}
	we := WorkVsError(rs, "mc")
	if p := we.Points[1]; p.X != 0.01 || p.XLow != 0.005 || p.XHigh != 0.02 || p.Y != 2 {
		t.Errorf("WorkVsError: %+v", p)
	}
	if p := we.Points[0]; !p.XUpper || p.X != 3e-4 {
		t.Errorf("WorkVsError zero errors: %+v", p)
	}
	fp := []erasure.Result{{Method: erasure.FokkerPlanck, Protocol: "p", Duration: 1, Work: stats.Discretised(1, 1e-3), ErrorRate: stats.Discretised(1e-20, 1e-22)}}
	c := WorkVsDuration(fp, "fp")
	if !c.Line || c.Points[0].YLow != 1-1e-3 {
		t.Errorf("Fokker–Planck: %+v", c)
	}
	if p := ErrorVsDuration(fp, "fp").Points[0]; p.Y != 1e-20 || p.YUpper {
		t.Errorf("Fokker–Planck ε: %+v", p)
	}
}

// BinWork counts every finite value in range once.
func TestBinWork(t *testing.T) {
	h, out := BinWork("w", []float64{0, 0.5, 1, 2, -1, math.NaN(), 3}, 0, 2, 4)
	want := []float64{1, 1, 1, 1} // 0 | 0.5 | 1 | 2 (the top edge is in the last bin)
	if out != 3 || fmt.Sprint(h.Counts) != fmt.Sprint(want) {
		t.Errorf("counts %v outside %d; want %v and 3", h.Counts, out, want)
	}
}

// tableGoldens are figures drawn by TableFigure, as `landauer plot` draws
// them, from real tables in testdata: a merged sweep (sweep.toml: four
// durations × a zip group of barrier and tilt × Monte Carlo and
// Fokker–Planck), the hold sweep of cmd/landauer/testdata/plot-hold.toml
// (hold.csv), single runs with a work histogram and density snapshots
// (run.toml), and landauer optimize results (front.jsonl, made by
// cmd/landauer/testdata/plot-front-*.toml).
func tableGoldens(t *testing.T) map[string]*Figure {
	t.Helper()
	read := func(names ...string) *ResultTable {
		tab := &ResultTable{}
		for _, n := range names {
			tt, err := ReadTableFile(filepath.Join("testdata", n))
			if err != nil {
				t.Fatal(err)
			}
			tab.Append(tt)
		}
		return tab
	}
	sweep := read("sweep.jsonl")
	bounds := []FrontBound{
		{Name: "landauer_with_error", Label: `$\ln 2 - H(\varepsilon)$`, W: func(e, _ float64) float64 { return erasure.LandauerBound(e) }},
		{Name: "time_symmetric", Label: `time-symmetric bound`, W: func(e, _ float64) float64 { return erasure.SymmetricBound(e) }},
	}
	cases := map[string]struct {
		tab  *ResultTable
		opts TableFigureOptions
	}{
		"work-duration":  {sweep, TableFigureOptions{Kind: KindWorkDuration, Errors: true, Fit: []string{"1"}}},
		"work-error":     {sweep, TableFigureOptions{Kind: KindWorkError}},
		"error-duration": {sweep, TableFigureOptions{Kind: KindErrorDuration}},
		"series":         {sweep, TableFigureOptions{Kind: KindSeries, X: "duration", Y: "heat_mean", Fit: []string{"barrier = 5, tilt = 1.2, Monte Carlo"}}},
		"retention":      {read("hold.csv"), TableFigureOptions{Kind: KindRetention, TargetError: 0.01}},
		"histogram":      {read("run-mc.json"), TableFigureOptions{Kind: KindHistogram}},
		"density":        {read("run-fp.json"), TableFigureOptions{Kind: KindDensity}},
		"front":          {read("front.jsonl"), TableFigureOptions{Kind: KindFront, FrontBounds: bounds}},
		"front-error":    {read("front.jsonl"), TableFigureOptions{Kind: KindFront, X: "error", FrontBounds: bounds}},
	}
	out := map[string]*Figure{}
	for name, c := range cases {
		fig, err := TableFigure(c.tab, goldenStyle(), c.opts)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = fig
	}
	return out
}

// Every kind, drawn from real tables, against its golden image
// (testdata/table-KIND.png; go test ./plots/ -regen rewrites them).
func TestGoldenTableFigures(t *testing.T) {
	for name, fig := range tableGoldens(t) {
		t.Run(name, func(t *testing.T) {
			got, err := Render(fig, ".png", goldenStyle())
			if err != nil {
				t.Fatal(err)
			}
			goldenPNG(t, filepath.Join("testdata", "table-"+name+".png"), got)
		})
	}
}
