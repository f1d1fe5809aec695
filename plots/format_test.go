package plots

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landauer-dev/landauer/plots/internal/tex"
)

func TestFormatNumbers(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{3.16227766016838, "3.16"}, {4, "4"}, {0.9, "0.9"}, {-0.5, "−0.5"}, {1e-15, "10⁻¹⁵"},
		{2.5e6, "2.5×10⁶"}, {0.0316227766, "0.0316"}, {99999, "10⁵"}, {0, "0"},
	} {
		if got := FormatValue(c.v); got != c.want {
			t.Errorf("FormatValue(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	for _, c := range []struct {
		v, se float64
		unit  string
		want  string
	}{
		{-18.7, 43, "kT·t0", "(−19 ± 43) kT·t0"},
		{0.69712, 0.0123, "kT", "(0.697 ± 0.012) kT"},
		{5.4761, 0.0801, "", "5.476 ± 0.080"},
		{1.23e-5, 3.1e-7, "", "(1.230 ± 0.031)×10⁻⁵"},
		{-0.0004, 0.03, "kT", "(0.000 ± 0.030) kT"},
		{2.5, 0, "kT", "2.5 kT"},
		{2.5, math.NaN(), "", "2.5"},
	} {
		if got := FormatPM(c.v, c.se, c.unit); got != c.want {
			t.Errorf("FormatPM(%v, %v, %q) = %q, want %q", c.v, c.se, c.unit, got, c.want)
		}
	}
}

// Every automatic legend of the golden figures covers none of the data
// (the anchors of curves, points, bars and reference lines), or sits
// outside the frame.
func TestLegendsCoverNoData(t *testing.T) {
	figs := tableGoldens(t)
	for name, fig := range goldenFigures(t) {
		figs["fixture-"+name] = fig
	}
	st := goldenStyle()
	h := tex.Rich{Fonts: plot.DefaultTextHandler.Cache()}
	for name, fig := range figs {
		w, ht := st.Width, fig.heightFor(st)
		pans := fig.placeLegends(draw.New(&nullCanvas{w: w, h: ht}), st, h)
		below := belowHeight(pans, st, h)
		c := draw.New(&nullCanvas{w: w, h: ht + below})
		c = draw.Crop(c, figureMargin, -figureMargin, figureMargin, -figureMargin)
		area := c
		if below > 0 {
			area = draw.Crop(c, 0, 0, below, 0)
			for _, p := range pans {
				p.legendBelow = p.legendOut
			}
		}
		plots, canvases := layoutPanels(area, pans, st, h)
		for i, pan := range pans {
			if pan.legendAt != LegendAuto || len(pan.legend) == 0 || pan.legendOut {
				continue
			}
			dc := plots[i].DataCanvas(canvases[i])
			lw, lh := legendSize(pan, st, h)
			if pos, n := bestCorner(pan, dc, panelTransform(plots[i], dc, pan), lw, lh, st); n != 0 {
				t.Errorf("%s panel %d: the legend at %d covers %d data anchors", name, i, pos, n)
			}
		}
		// The figure was not changed by placing its legends.
		for i, p := range fig.panels {
			if p.legendOut || p.y.max != fig.panels[i].y.max {
				t.Errorf("%s: placing the legend changed the figure", name)
			}
		}
	}
}

// A legend too tall for any corner goes below the figure, which grows by
// its height; the data keep the frame.
func TestLegendBelow(t *testing.T) {
	var ss []Series
	for k := range 12 {
		var ps []Point
		for i := range 20 {
			x := float64(i + 1)
			ps = append(ps, Point{X: x, Y: float64(k) + math.Sin(x+float64(k))})
		}
		ss = append(ss, Series{Label: "series number " + FormatValue(float64(k)), Points: ps, Line: true})
	}
	fig, err := SeriesFigure(ss, goldenStyle(), SeriesOptions{XLabel: "x", YLabel: "y"})
	if err != nil {
		t.Fatal(err)
	}
	st := goldenStyle()
	h := tex.Rich{Fonts: plot.DefaultTextHandler.Cache()}
	pans := fig.placeLegends(draw.New(&nullCanvas{w: st.Width, h: fig.heightFor(st)}), st, h)
	if !pans[0].legendOut {
		t.Fatal("a 12-row legend over data that fill the frame was not moved out")
	}
	_, lh := legendSize(pans[0], st, h)
	if b := belowHeight(pans, st, h); b < lh || b > lh+st.LegendSize {
		t.Errorf("room below %v for a legend %v high", b, lh)
	}
	dir := t.TempDir()
	if err := fig.Save(filepath.Join(dir, "f.png")); err != nil {
		t.Fatal(err)
	}
	data, err := Render(fig, ".png", st)
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, data)
	want := float64(fig.heightFor(st)+belowHeight(pans, st, h)) / float64(vg.Inch) * st.DPI
	if got := float64(img.Bounds().Dy()); math.Abs(got-want) > 2 {
		t.Errorf("image %v px high, want %.0f (the figure and its legend)", got, want)
	}
}

// Fits are drawn over the range of the points fitted, only for the series
// asked, and the legend names the axes' symbols.
func TestFitsOnlyWhereAsked(t *testing.T) {
	figs := tableGoldens(t)
	for name, wantModel := range map[string]string{"work-duration": `fit $W_\infty + B/\tau$`, "series": `fit $Q_\infty + B/\tau$`} {
		fig := figs[name]
		if len(fig.Fits) != 1 {
			t.Fatalf("%s: %d fits, want the one asked for", name, len(fig.Fits))
		}
		f := fig.Fits[0]
		found := false
		for _, e := range fig.panels[0].legend {
			found = found || e.label == wantModel
		}
		if !found {
			t.Errorf("%s: no legend entry %q", name, wantModel)
		}
		tab := fig.Table()
		xi, ki := 2, 1 // series, kind, x, ...
		if tab.Header[ki] != "kind" {
			t.Fatalf("%s: header %q", name, tab.Header)
		}
		n := 0
		for _, r := range tab.Rows {
			if r[ki] != "fit" {
				continue
			}
			n++
			x := parse(t, r[xi])
			if x < f.TauMin*(1-1e-12) || x > f.TauMax*(1+1e-12) {
				t.Errorf("%s: fit drawn at x = %g, outside the fitted %g…%g", name, x, f.TauMin, f.TauMax)
			}
		}
		if n == 0 {
			t.Errorf("%s: no fit rows in the figure's table", name)
		}
	}
}

// Series that give one axis in two units are refused (the discrete model's
// 1/Γ beside the continuous model's t0 on one duration axis).
func TestSeriesUnits(t *testing.T) {
	a := Series{Label: "continuous", XUnit: "t0", Points: []Point{{X: 1, Y: 1}, {X: 2, Y: 2}}}
	b := Series{Label: "two-state", XUnit: "1/Γ", Points: []Point{{X: 1, Y: 1}, {X: 2, Y: 2}}}
	if _, err := WorkDurationFigure([]Series{a, b}, goldenStyle(), WorkDurationOptions{}); err == nil || !strings.Contains(err.Error(), "t0") || !strings.Contains(err.Error(), "1/Γ") {
		t.Errorf("two time units on one axis: %v", err)
	}
	if _, err := SeriesFigure([]Series{a, b}, goldenStyle(), SeriesOptions{}); err == nil {
		t.Error("SeriesFigure took two x units")
	}
	b.XUnit = "t0"
	if _, err := WorkDurationFigure([]Series{a, b}, goldenStyle(), WorkDurationOptions{}); err != nil {
		t.Errorf("one unit: %v", err)
	}
}
