package plots

import (
	"errors"
	"fmt"
	"github.com/landauer-dev/landauer/plots/internal/tex"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
)

// Axis labels (LaTeX subset). The engine's time unit is t0 (γL²/kT for
// overdamped dynamics) and energies are in kT.
const (
	labelTau      = `duration $\tau/t_0$`
	labelHold     = `hold time $t/t_0$`
	labelWork     = `$\langle W\rangle/kT$`
	labelEps      = `error rate $\varepsilon$`
	labelEpsShort = `$\varepsilon$`
)

// grouper numbers the groups of series in order of first appearance.
type grouper struct {
	idx map[string]int
	n   int
}

func (g *grouper) index(s Series) int {
	if g.idx == nil {
		g.idx = map[string]int{}
	}
	if s.Group == "" {
		g.n++
		return g.n - 1
	}
	if i, ok := g.idx[s.Group]; ok {
		return i
	}
	g.idx[s.Group] = g.n
	g.n++
	return g.n - 1
}

// seriesSet is the caller's series of one panel, cleaned.
type seriesSet struct {
	series []Series
	cl     []cleaned
	groups []int
}

func newSeriesSet(ss []Series, g *grouper) *seriesSet {
	set := &seriesSet{series: ss}
	for _, s := range ss {
		set.cl = append(set.cl, clean(s.Points))
		set.groups = append(set.groups, g.index(s))
	}
	return set
}

func (set *seriesSet) values(x bool) []float64 {
	var out []float64
	for _, c := range set.cl {
		out = append(out, values(c.pts, x)...)
	}
	return out
}

// finish clamps the series to the panel's axes, records warnings, adds the
// layers (curves under points) and legend entries to pan, and the rows to
// the table.
func (set *seriesSet) finish(fig *Figure, pan *panel, tab seriesTable, quantity, unit string) {
	var curves, points []layer
	for i := range set.series {
		s, cl := set.series[i], &set.cl[i]
		n := len(s.Points)
		// The table holds the values as given (before clamping).
		kind := "points"
		if s.Line {
			kind = "curve"
		}
		if s.Bound {
			kind = "bound"
		}
		tab.add(s.Label, kind, quantity, unit, cl.pts)
		cl.clampTo(pan.x, pan.y)
		fig.Warnings = append(fig.Warnings, cl.warnings(s.Label, n, pan.x, pan.y)...)
		l := &seriesLayer{pts: cl.pts, line: s.Line, group: set.groups[i], dash: set.groups[i], color: s.Color}
		if s.Bound && l.color == nil {
			l.color = OkabeItoBlack
		}
		if s.Dash > 0 {
			l.dash = s.Dash - 1
		}
		if s.Line {
			curves = append(curves, l)
		} else {
			points = append(points, l)
		}
		if s.Label != "" || s.TeX != "" {
			pan.legend = append(pan.legend, legendEntry{label: s.texLabel(), thumb: l.thumb})
		}
	}
	pan.layers = append(pan.layers, curves...)
	pan.layers = append(pan.layers, points...)
	// Upper limits (no error seen) are explained once per panel.
	var xUp, yUp bool
	for _, cl := range set.cl {
		for _, p := range cl.pts {
			xUp, yUp = xUp || p.XUpper, yUp || p.YUpper
		}
	}
	if xUp || yUp {
		dir := vg.Point{X: 0, Y: -1}
		if xUp && !yUp {
			dir = vg.Point{X: -1, Y: 0}
		}
		pan.legend = append(pan.legend, legendEntry{label: upperLimitLabel, thumb: func(c draw.Canvas, r vg.Rectangle, st Style) {
			at := vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}
			if dir.Y != 0 {
				at.Y = r.Max.Y - (r.Max.Y-r.Min.Y)*0.1
			} else {
				at.X = r.Max.X - (r.Max.X-r.Min.X)*0.15
			}
			drawLimitArrowScaled(draw.Canvas{Canvas: c.Canvas, Rectangle: r}, at, dir, st, boundGrey, 0.6)
		}})
	}
}

// upperLimitLabel explains the arrows of Monte Carlo error rates with no
// error seen: the point is the upper end of the 95 % interval.
const upperLimitLabel = `no error seen: 95\,\% upper limit of $\varepsilon$`

// refRows adds a horizontal reference line's two ends to the table.
func refRows(tab seriesTable, name, quantity, unit string, xa axisSpec, y float64) {
	tab.add(name, "reference", quantity, unit, []Point{{X: xa.min, Y: y}, {X: xa.max, Y: y}})
}

// WorkDurationOptions tunes WorkDurationFigure. The zero value gives a
// linear ⟨W⟩ axis from zero, the kT ln 2 line, and no fits.
type WorkDurationOptions struct {
	LogY      bool     // log ⟨W⟩ axis
	Fit       bool     // fit W∞ + B/τ (stats.FitInverse) and draw the fits: to the series FitSeries names, or to every marker series
	FitSeries []string // labels of the series to fit (Fit set); empty: every marker series
	FitMinTau float64  // fit only points with τ ≥ FitMinTau (the 1/τ regime)
	NoLn2     bool     // leave out the kT ln 2 line

	// Errors, when given, adds a panel below with the error rates ε
	// against τ (log–log, e.g. ErrorVsDuration of the same results), and
	// TargetError > 0 marks a required error there.
	Errors      []Series
	TargetError float64

	X, Y, ErrorY   Range          // axis limits (zero: from the data)
	XLabel, YLabel string         // axis labels in LaTeX math ($…$), replacing the defaults
	Legend         LegendPosition // of the work panel (the error panel has none)
}

// WorkDurationFigure draws the mean work ⟨W⟩/kT against the duration τ
// (log τ): Monte Carlo series as markers with error bars, Fokker–Planck
// series as curves, the kT ln 2 line, optional fits ⟨W⟩ = W∞ + B/τ
// (dashed, one per marker series, listed in Figure.Fits), and an optional
// panel of error rates below.
func WorkDurationFigure(series []Series, style Style, opts WorkDurationOptions) (*Figure, error) {
	if len(series) == 0 && len(opts.Errors) == 0 {
		return nil, errors.New("plots: WorkDurationFigure: no series")
	}
	if err := checkSeriesUnits(series); err != nil {
		return nil, err
	}
	if err := checkSeriesUnits(opts.Errors); err != nil {
		return nil, err
	}
	style = style.orDefault()
	fig := &Figure{Kind: "work-duration", Style: style}
	var g grouper
	work := newSeriesSet(series, &g)
	errs := newSeriesSet(opts.Errors, &g)

	xl, yl := opts.XLabel, opts.YLabel
	if xl == "" {
		xl = labelTau
	}
	if yl == "" {
		yl = labelWork
	}
	xs := append(work.values(true), errs.values(true)...)
	xmin, xmax := autoRange(xs, true, 0.06)
	xmin, xmax = applyRange(xmin, xmax, opts.X, true)
	xa := axisSpec{label: xl, log: true, min: xmin, max: xmax}

	ys := work.values(false)
	if !opts.NoLn2 {
		ys = append(ys, math.Ln2)
	}
	var ymin, ymax float64
	if opts.LogY {
		ymin, ymax = autoRange(ys, true, 0.06)
	} else {
		ymin, ymax = autoRange(append(ys, 0), false, 0.05)
		ymin = 0
		if lo, _ := autoRange(ys, false, 0); lo < 0 {
			ymin, _ = autoRange(append(ys, 0), false, 0.05)
		}
	}
	ymin, ymax = applyRange(ymin, ymax, opts.Y, opts.LogY)
	wp := &panel{x: xa, y: axisSpec{label: yl, log: opts.LogY, min: ymin, max: ymax}, weight: 1, legendAt: opts.Legend}

	tab := newSeriesTable("tau", "t0")
	if !opts.NoLn2 {
		wp.layers = append(wp.layers, &refLine{value: math.Ln2, label: `$kT\ln 2$`, color: boundGrey, dash: 2, width: 1.4, labelLow: true})
		refRows(tab, "kT ln 2", "work", "kT", xa, math.Ln2)
	}
	if opts.Fit {
		fig.addFits(wp, work, tab, FitOptions{Series: opts.FitSeries, MinX: opts.FitMinTau, XUnit: "t0", YUnit: "kT"})
	}
	work.finish(fig, wp, tab, "work_mean", "kT")
	fig.panels = append(fig.panels, wp)

	if len(opts.Errors) > 0 {
		wp.hideXLabels = true
		ev := errs.values(false)
		if opts.TargetError > 0 {
			ev = append(ev, opts.TargetError)
		}
		emin, emax := autoRange(ev, true, 0.08)
		emin, emax = applyRange(emin, emax, opts.ErrorY, true)
		ep := &panel{x: xa, y: axisSpec{label: labelEpsShort, log: true, min: emin, max: emax}, weight: 0.55, legendAt: LegendNone}
		if opts.TargetError > 0 {
			ep.layers = append(ep.layers, &refLine{value: opts.TargetError, label: `$\varepsilon = ` + numberTeX(opts.TargetError) + `$`, color: boundGrey, dash: 1, width: 1.4})
			refRows(tab, "target error", "error_rate", "", xa, opts.TargetError)
		}
		errs.finish(fig, ep, tab, "error_rate", "")
		// The error panel has no legend: its upper limits are explained
		// in the work panel's.
		for _, e := range ep.legend {
			if e.label == upperLimitLabel && !slices.ContainsFunc(wp.legend, func(w legendEntry) bool { return w.label == upperLimitLabel }) {
				wp.legend = append(wp.legend, e)
			}
		}
		fig.panels = append(fig.panels, ep)
	}
	fig.table = tab.t
	return fig, nil
}

// FitOptions asks for fits y = y∞ + B/x of chosen series, and names
// what is fitted: the fit legend says "W∞ + B/τ" only when y is the work
// and x a duration.
type FitOptions struct {
	// Series are the labels of the series to fit; empty: every marker
	// (Monte Carlo) series.
	Series []string
	MinX   float64 // fit only points with x ≥ MinX
	// XSym and YSym are the symbols of x and y in the LaTeX subset
	// (defaults \tau and W), XUnit and YUnit their units ("t0", "kT").
	XSym, YSym   string
	XUnit, YUnit string
}

func (o *FitOptions) orDefault() FitOptions {
	f := *o
	if f.XSym == "" {
		f.XSym = `\tau`
	}
	if f.YSym == "" {
		f.YSym = `W`
	}
	return f
}

// fitUnits joins units as a product, "kT·t0".
func fitUnits(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "·" + b
}

// addFits fits y∞ + B/x to the chosen series and adds the fitted curves,
// each over the x range of the points it fits, and a legend entry per fit
// with its values rounded to their standard errors.
func (fig *Figure) addFits(pan *panel, set *seriesSet, tab seriesTable, fo FitOptions) {
	fo = fo.orDefault()
	want := map[string]bool{}
	for _, l := range fo.Series {
		want[l] = true
	}
	for i, s := range set.series {
		if len(want) == 0 && s.Line || len(want) > 0 && !want[s.Label] {
			continue
		}
		var tau, w, sem []float64
		for _, p := range set.cl[i].pts {
			if p.X < fo.MinX || !(p.X > 0) || p.YUpper {
				continue
			}
			tau = append(tau, p.X)
			w = append(w, p.Y)
			e := 0.0
			if p.hasYBar() {
				e = (p.YHigh - p.YLow) / 2
			}
			sem = append(sem, e)
		}
		if len(tau) < 3 {
			fig.Warnings = append(fig.Warnings, fmt.Sprintf("series %q: %d points with x ≥ %g, too few to fit y∞ + B/x (need 3)", s.Label, len(tau), fo.MinX))
			continue
		}
		fit, err := stats.FitInverse(tau, w, sem)
		if err != nil {
			fig.Warnings = append(fig.Warnings, fmt.Sprintf("series %q: no fit: %v", s.Label, err))
			continue
		}
		wInf, b, wSE, bSE := fit.Inf, fit.B, fit.InfSE, fit.BSE
		tmin, tmax := fit.TauMin, fit.TauMax
		fr := FitResult{Series: s.Label, InverseFit: fit, XSym: fo.XSym, YSym: fo.YSym, XUnit: fo.XUnit, YUnit: fo.YUnit}
		fig.Fits = append(fig.Fits, fr)
		var curve Series
		if pan.x.log {
			curve = Curve("", func(t float64) float64 { return wInf + b/t }, tmin, tmax, 120)
		} else {
			curve = Series{Line: true}
			for k := range 120 {
				t := tmin + (tmax-tmin)*float64(k)/119
				curve.Points = append(curve.Points, Point{X: t, Y: wInf + b/t})
			}
		}
		name := fmt.Sprintf("fit y_inf = %.4g ± %.2g, B = %.4g ± %.2g (%s)", wInf, wSE, b, bSE, s.Label)
		tab.add(name, "fit", "fit", fo.YUnit, curve.Points)
		cl := clean(curve.Points)
		cl.clampTo(pan.x, pan.y)
		l := &seriesLayer{pts: cl.pts, line: true, group: set.groups[i], dash: 1, width: 0.75}
		pan.layers = append(pan.layers, l)
		// Three short rows rather than one that is wider than a column.
		model, yInf, bVal := fr.texLabels()
		pan.legend = append(pan.legend, legendEntry{label: model, thumb: l.thumb},
			legendEntry{label: yInf}, legendEntry{label: bVal})
	}
}

// texLabels are the fit's legend rows: the model in the figure's symbols,
// and the two fitted values rounded to their standard errors.
func (f FitResult) texLabels() (model, yInf, b string) {
	y := f.YSym + `_\infty`
	return `fit $` + y + ` + B/` + f.XSym + `$`,
		`\quad$` + y + `$` + tex.Escape(" = "+FormatPM(f.Inf, f.InfSE, f.YUnit)),
		`\quad$B$` + tex.Escape(" = "+FormatPM(f.B, f.BSE, fitUnits(f.YUnit, f.XUnit)))
}

// WorkErrorOptions tunes WorkErrorFigure.
type WorkErrorOptions struct {
	EpsMin         float64 // the ε axis reaches down to at least this (default: the data's range; 1e-25 without data)
	LogY           bool    // log ⟨W⟩ axis (default linear from zero)
	X, Y           Range
	XLabel, YLabel string
	Legend         LegendPosition
	GridPoints     int // points of the bound curves (default 600)
}

// Bound curve names in the figure's CSV.
const (
	BoundLandauer  = "landauer_with_error" // kT[ln 2 − H(ε)]
	BoundSymmetric = "time_symmetric"      // kT ½(1 − 2ε) ln((1 − ε)/ε)
	BoundBarrier   = "barrier_ln_1_over_eps"
)

// WorkErrorFigure draws the mean work against the error rate ε (log ε over
// the data's range, up to ½) with three curves computed from their formulas over a
// dense grid: Landauer's bound with error kT[ln 2 − H(ε)]
// (erasure.LandauerBound), the bound of time-symmetric protocols
// kT ½(1 − 2ε) ln((1 − ε)/ε) (erasure.SymmetricBound), and the barrier
// kT ln(1/ε) that retention at error ε asks for, the "~50 kT" argument
// (erasure.BarrierForError). Series are markers with ε (x) and ⟨W⟩ (y)
// error bars, or curves; upper limits of ε are arrows to the left.
func WorkErrorFigure(series []Series, style Style, opts WorkErrorOptions) (*Figure, error) {
	if err := checkSeriesUnits(series); err != nil {
		return nil, err
	}
	style = style.orDefault()
	fig := &Figure{Kind: "work-error", Style: style}
	var g grouper
	set := newSeriesSet(series, &g)

	// The ε axis covers the data (padded by 5 % of its decades on each
	// side, at least a decade in all), up to ½; without data, EpsMin (or
	// 1e-25) to ½.
	xs := set.values(true)
	xmin, xmax := 1e-25, 0.5
	if opts.EpsMin > 0 && opts.EpsMin < 0.5 {
		xmin = opts.EpsMin
	}
	if dlo, dhi := autoRange(xs, true, 0.05); len(positive(xs)) > 0 {
		xmin, xmax = dlo, math.Min(dhi, 0.5)
		for _, x := range xs {
			if x > 0.5 {
				xmax = math.Min(dhi, 1)
			}
		}
		if opts.EpsMin > 0 && opts.EpsMin < xmin {
			xmin = opts.EpsMin
		}
		if math.Log10(xmax/xmin) < 1 {
			xmin = xmax / 10
		}
	}
	xmin, xmax = applyRange(xmin, xmax, opts.X, true)
	xl, yl := opts.XLabel, opts.YLabel
	if xl == "" {
		xl = labelEps
	}
	if yl == "" {
		yl = labelWork
	}
	xa := axisSpec{label: xl, log: true, min: xmin, max: xmax}

	// The bound curves: a log grid over the axis, denser in linear ε
	// near ½ where the curves bend on a log axis.
	n := opts.GridPoints
	if n < 50 {
		n = 600
	}
	gridMax := math.Min(xmax, 0.5)
	grid := logGrid(xmin, gridMax, n)
	for k := 1; k < 60; k++ {
		if e := 0.05 + 0.45*float64(k)/60; e > xmin && e < gridMax {
			grid = append(grid, e)
		}
	}
	sort.Float64s(grid)
	bound := func(f func(float64) float64) []Point {
		ps := make([]Point, 0, len(grid))
		for _, e := range grid {
			ps = append(ps, Point{X: e, Y: f(e)})
		}
		return ps
	}
	// Each bound is labelled along its curve, from a fraction of the log ε
	// axis on the left, where the data seldom are.
	bounds := []struct {
		name, label string
		pts         []Point
		color       int // 0 black, 1 grey
		dash        int
		at          float64
	}{
		{BoundLandauer, `Landauer: $kT[\ln 2 - H(\varepsilon)]$`, bound(erasure.LandauerBound), 0, 0, 0.025},
		{BoundSymmetric, `time-symmetric: $\frac{1}{2}kT(1-2\varepsilon)\ln\frac{1-\varepsilon}{\varepsilon}$`, bound(erasure.SymmetricBound), 0, 1, 0.04},
		{BoundBarrier, `barrier $kT\ln(1/\varepsilon)$`, bound(erasure.BarrierForError), 1, 2, 0.045},
	}

	ys := set.values(false)
	ys = append(ys, erasure.BarrierForError(xmin), math.Ln2)
	var ymin, ymax float64
	if opts.LogY {
		ymin, ymax = autoRange(ys, true, 0.04)
		ymin = math.Min(ymin, 0.1)
	} else {
		_, ymax = autoRange(append(ys, 0), false, 0.04)
		ymin = 0
		for _, y := range set.values(false) {
			if y < 0 {
				ymin, _ = autoRange(append(ys, 0), false, 0.04)
				break
			}
		}
	}
	ymin, ymax = applyRange(ymin, ymax, opts.Y, opts.LogY)
	pan := &panel{x: xa, y: axisSpec{label: yl, log: opts.LogY, min: ymin, max: ymax}, weight: 1, legendAt: opts.Legend}

	tab := newSeriesTable("error_rate", "")
	for _, b := range bounds {
		tab.add(b.name, "bound", "work_bound", "kT", b.pts)
		cl := clean(b.pts) // +Inf of the symmetric bound at ε = 0 cannot occur on the grid
		cl.clampTo(pan.x, pan.y)
		l := &seriesLayer{pts: cl.pts, line: true, color: OkabeItoBlack, dash: b.dash, width: 0.9}
		if b.color == 1 {
			l.color = boundGrey
		}
		pan.layers = append(pan.layers, l, &curveLabel{pts: cl.pts, label: b.label, color: l.color, below: b.name == BoundSymmetric,
			at: math.Pow(10, math.Log10(xmin)+b.at*(math.Log10(gridMax)-math.Log10(xmin)))})
	}
	set.finish(fig, pan, tab, "work_mean", "kT")
	fig.panels = []*panel{pan}
	fig.table = tab.t
	return fig, nil
}

// RetentionOptions tunes RetentionFigure.
type RetentionOptions struct {
	TargetError    float64 // > 0: a horizontal line at this ε
	X, Y           Range
	XLabel, YLabel string
	Legend         LegendPosition
}

// RetentionFigure draws the error rate of a stored bit against the hold
// time, log–log, one series per barrier (markers for Monte Carlo, e.g.
// ErrorVsDuration of "hold" runs, and curves for theory, e.g. Curve of
// erasure.RetentionError with erasure.KramersRate), with upper limits as
// arrows down.
func RetentionFigure(series []Series, style Style, opts RetentionOptions) (*Figure, error) {
	if len(series) == 0 {
		return nil, errors.New("plots: RetentionFigure: no series")
	}
	if err := checkSeriesUnits(series); err != nil {
		return nil, err
	}
	style = style.orDefault()
	fig := &Figure{Kind: "retention", Style: style}
	var g grouper
	set := newSeriesSet(series, &g)
	xl, yl := opts.XLabel, opts.YLabel
	if xl == "" {
		xl = labelHold
	}
	if yl == "" {
		yl = labelEps
	}
	xmin, xmax := autoRange(set.values(true), true, 0.04)
	xmin, xmax = applyRange(xmin, xmax, opts.X, true)
	ys := set.values(false)
	if opts.TargetError > 0 {
		ys = append(ys, opts.TargetError)
	}
	ymin, ymax := autoRange(ys, true, 0.05)
	ymin, ymax = applyRange(ymin, ymax, opts.Y, true)
	pan := &panel{x: axisSpec{label: xl, log: true, min: xmin, max: xmax}, y: axisSpec{label: yl, log: true, min: ymin, max: ymax}, weight: 1, legendAt: opts.Legend, yCap: math.Max(1, ymax)}
	tab := newSeriesTable("hold_time", "t0")
	if opts.TargetError > 0 {
		pan.layers = append(pan.layers, &refLine{value: opts.TargetError, label: `$\varepsilon = ` + numberTeX(opts.TargetError) + `$`, color: boundGrey, dash: 1, width: 1.4, labelLow: true})
		refRows(tab, "target error", "error_rate", "", pan.x, opts.TargetError)
	}
	set.finish(fig, pan, tab, "error_rate", "")
	fig.panels = []*panel{pan}
	fig.table = tab.t
	return fig, nil
}

// SeriesOptions describes the axes of a SeriesFigure.
type SeriesOptions struct {
	XLabel, YLabel string // axis labels in the LaTeX subset, e.g. `duration $\tau/t_0$`
	XName, XUnit   string // CSV column name and unit of x (default "x", "")
	YName, YUnit   string // CSV quantity name and unit of y (default "y", "")
	LogX, LogY     bool
	X, Y           Range
	Legend         LegendPosition
	// Fit, when set, fits y = y∞ + B/x to the series it names and draws
	// the fits (listed in Figure.Fits).
	Fit *FitOptions
}

// SeriesFigure draws any series on one panel, with the axes described by
// opts: the general case behind the specific figures, for plotting one
// column of a results table against another.
func SeriesFigure(series []Series, style Style, opts SeriesOptions) (*Figure, error) {
	if len(series) == 0 {
		return nil, errors.New("plots: SeriesFigure: no series")
	}
	if err := checkSeriesUnits(series); err != nil {
		return nil, err
	}
	style = style.orDefault()
	fig := &Figure{Kind: "series", Style: style}
	var g grouper
	set := newSeriesSet(series, &g)
	xmin, xmax := autoRange(set.values(true), opts.LogX, 0.05)
	xmin, xmax = applyRange(xmin, xmax, opts.X, opts.LogX)
	ymin, ymax := autoRange(set.values(false), opts.LogY, 0.06)
	ymin, ymax = applyRange(ymin, ymax, opts.Y, opts.LogY)
	pan := &panel{
		x:        axisSpec{label: opts.XLabel, log: opts.LogX, min: xmin, max: xmax},
		y:        axisSpec{label: opts.YLabel, log: opts.LogY, min: ymin, max: ymax},
		weight:   1,
		legendAt: opts.Legend,
	}
	xn, yn := opts.XName, opts.YName
	if xn == "" {
		xn = "x"
	}
	if yn == "" {
		yn = "y"
	}
	tab := newSeriesTable(xn, opts.XUnit)
	if opts.Fit != nil {
		fig.addFits(pan, set, tab, *opts.Fit)
	}
	set.finish(fig, pan, tab, yn, opts.YUnit)
	fig.panels = []*panel{pan}
	fig.table = tab.t
	return fig, nil
}
