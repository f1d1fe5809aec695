package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots/internal/tex"
)

// KindFront is the figure of the least work W*(ε, τ) that `landauer
// optimize` finds, per protocol class.
const KindFront = "front"

// FrontBound is a bound on the work drawn on a front figure, computed by
// the caller from its formula: W(ε, τ) in kT, for the error ε and the
// duration τ (t0). Bounds that do not depend on τ ignore it.
type FrontBound struct {
	Name  string // column name in the figure's CSV, e.g. "landauer_with_error"
	Label string // legend text, LaTeX subset, e.g. `$\ln 2 - H(\varepsilon)$`
	W     func(eps, tau float64) float64
}

// frontRow is one optimum of a front table.
type frontRow struct {
	class                string
	tau, target, w, wErr float64
	eps                  float64
}

// frontFromTable draws the table of `landauer optimize` results (columns
// class, duration, work_mean, work_err, error_rate and, when the runs had
// an error target, max_error): W* against τ, one curve per class and
// target ε (x "duration", the default), or against the ε reached, one
// curve per class and τ (x "error"), with opts.FrontBounds over the axis.
func frontFromTable(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	if err := t.need("kind front", "class", "duration", "work_mean", "error_rate"); err != nil {
		return nil, err
	}
	byError := false
	switch opts.X {
	case "", "duration", "tau":
	case "error", "error_rate", "eps":
		byError = true
	default:
		return nil, fmt.Errorf("kind front draws W* against duration or error (--x duration|error), not %q", opts.X)
	}
	col := func(name string) int {
		if !t.has(name) {
			return -1
		}
		c, _ := t.Column(name)
		return c
	}
	cc, tc, wc, ec, errc, mc := col("class"), col("duration"), col("work_mean"), col("error_rate"), col("work_err"), col("max_error")
	for _, c := range []int{tc, wc, ec} {
		if err := t.checkUnits("front", c); err != nil {
			return nil, err
		}
	}
	num := func(i, c int) (float64, bool, error) {
		if c < 0 {
			return 0, false, nil
		}
		return t.Float(i, c)
	}
	var rows []frontRow
	skipped := 0
	ic := col("infeasible")
	infeasible := 0
	for i := range t.Rows {
		if ic >= 0 && t.cell(i, ic) == "true" {
			infeasible++
			continue
		}
		r := frontRow{class: t.cell(i, cc)}
		var ok [3]bool
		var err error
		if r.tau, ok[0], err = num(i, tc); err != nil {
			return nil, err
		}
		if r.w, ok[1], err = num(i, wc); err != nil {
			return nil, err
		}
		if r.eps, ok[2], err = num(i, ec); err != nil {
			return nil, err
		}
		if r.wErr, _, err = num(i, errc); err != nil {
			return nil, err
		}
		if r.target, _, err = num(i, mc); err != nil {
			return nil, err
		}
		if !ok[0] || !ok[1] || !ok[2] || !(r.tau > 0) {
			skipped++
			continue
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, errors.New("kind front: no row has class, duration > 0, work_mean and error_rate")
	}
	// Series: class × target ε (against τ) or class × τ (against ε).
	type key struct {
		class string
		v     float64
	}
	var keys []key
	groups := map[key][]frontRow{}
	for _, r := range rows {
		k := key{r.class, r.target}
		if byError {
			k.v = r.tau
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	classes := map[string]bool{}
	for _, k := range keys {
		classes[k.class] = true
	}
	// Colour (and marker) by the target ε (by τ against ε), dash by class.
	classDash := map[string]int{"asymmetric": 1, "symmetric": 2, "full": 4}
	groupOf := func(v float64) string {
		if byError {
			return "τ = " + FormatValue(v)
		}
		if v > 0 {
			return "ε ≤ " + FormatValue(v)
		}
		return ""
	}
	var series []Series
	for _, k := range keys {
		rs := groups[k]
		// Unlabelled: the legend names the classes (by dash) and the
		// targets (by colour) once each, below.
		label := ""
		dash, ok := classDash[k.class]
		if !ok {
			dash = 5
		}
		s := Series{Label: label, Group: groupOf(k.v), Line: len(rs) > 1, Dash: dash}
		if s.Group == "" {
			s.Group = k.class
		}
		for _, r := range rs {
			p := Point{X: r.tau, Y: r.w}
			if byError {
				p.X = r.eps
			}
			if r.wErr > 0 && !math.IsInf(r.wErr, 0) {
				p.YLow, p.YHigh = r.w-r.wErr, r.w+r.wErr
			}
			s.Points = append(s.Points, p)
		}
		s.Points = sortByX(s.Points)
		series = append(series, s)
		if s.Line {
			// The optima themselves, as markers on the curve.
			series = append(series, Series{Group: s.Group, Points: s.Points})
		}
	}
	set := newSeriesSet(series, &grouper{})
	xmin, xmax := autoRange(set.values(true), true, 0.05)
	xmin, xmax = applyRange(xmin, xmax, opts.XLim, true)
	// The bounds over the axis: against τ one line per target ε (the ε
	// reached where there is no target) in its colour; against ε one
	// curve, or one per τ in its colour when the bound depends on τ.
	var bounds []Series
	var bys []float64
	for _, k := range keys {
		if byError {
			if !slices.Contains(bys, k.v) {
				bys = append(bys, k.v)
			}
			continue
		}
		e := k.v
		if !(e > 0) {
			for _, r := range groups[k] {
				e = math.Max(e, r.eps)
			}
		}
		if e > 0 && !slices.Contains(bys, e) {
			bys = append(bys, e)
		}
	}
	for bi, b := range opts.FrontBounds {
		vals := bys
		perTau := false
		if byError && len(bys) > 1 {
			perTau = b.W(1e-3, bys[0]) != b.W(1e-3, bys[len(bys)-1])
			if !perTau {
				vals = bys[:1]
			}
		}
		for vi, v := range vals {
			s := Series{Line: true, Bound: true, Dash: 3 + 3*bi}
			switch {
			case byError && !perTau:
				s.Color = OkabeItoBlack
				if bi > 0 {
					s.Color = boundGrey
				}
			default:
				s.Group = groupOf(v)
			}
			var grid []float64
			if byError {
				grid = logGrid(xmin, math.Min(xmax, 0.5), 300)
			} else {
				grid = logGrid(xmin, xmax, 120)
			}
			for _, x := range grid {
				eps, tau := v, x
				if byError {
					eps, tau = x, v
				}
				if w := b.W(eps, tau); finite(w) {
					s.Points = append(s.Points, Point{X: x, Y: w})
				}
			}
			if len(s.Points) == 0 {
				continue
			}
			name := b.Name
			if byError {
				name += " tau=" + strconv.FormatFloat(v, 'g', -1, 64)
			} else {
				name += " eps=" + strconv.FormatFloat(v, 'g', -1, 64)
			}
			s.Label = name
			s.TeX = "\x00" // drawn, not listed in the legend: one entry per bound below
			if vi == 0 {
				s.TeX = b.Label
				if len(vals) > 1 {
					s.TeX += map[bool]string{false: ` at each $\varepsilon$`, true: ` at each $\tau$`}[byError]
				}
			}
			bounds = append(bounds, s)
		}
	}
	all := append(slices.Clone(series), bounds...)
	xl := labelTau
	if byError {
		xl = labelEps
	}
	fig, err := SeriesFigure(all, style, SeriesOptions{
		XLabel: xl, YLabel: `least work $W^*/kT$`,
		XName: map[bool]string{false: "tau", true: "error_rate"}[byError], XUnit: map[bool]string{false: "t0", true: ""}[byError],
		YName: "work_mean", YUnit: "kT", LogX: true, LogY: opts.YScale == AxisLog,
		X: Range{Min: xmin, Max: xmax}, Y: opts.YLim, Legend: opts.Legend,
	})
	if err != nil {
		return nil, err
	}
	fig.Kind = KindFront
	// The legend: each class by its dash, each target ε (or τ) by its
	// colour and marker, then the bounds, each once.
	var g grouper
	gset := newSeriesSet(all, &g)
	var legend []legendEntry
	if len(classes) > 1 || groupOf(keys[0].v) == "" {
		for _, k := range keys {
			if slices.ContainsFunc(legend, func(e legendEntry) bool { return e.label == tex.Escape(k.class) }) {
				continue
			}
			dash, ok := classDash[k.class]
			if !ok {
				dash = 5
			}
			l := &seriesLayer{line: true, color: boundGrey, dash: dash - 1}
			legend = append(legend, legendEntry{label: tex.Escape(k.class), thumb: l.thumb})
		}
	}
	seen := map[string]bool{}
	for i, sr := range series {
		if sr.Line || sr.Group == "" || seen[sr.Group] || groupOf(keys[0].v) == "" {
			continue
		}
		seen[sr.Group] = true
		l := &seriesLayer{group: gset.groups[i]}
		legend = append(legend, legendEntry{label: tex.Escape(sr.Group), thumb: l.thumb})
	}
	for _, e := range fig.panels[0].legend {
		if e.label != "\x00" {
			legend = append(legend, e)
		}
	}
	fig.panels[0].legend = legend
	if infeasible > 0 {
		fig.Warnings = append(fig.Warnings, fmt.Sprintf("%d optimisations that could not meet their max_error left out", infeasible))
	}
	if skipped > 0 {
		fig.Warnings = append(fig.Warnings, fmt.Sprintf("%d rows without class, duration > 0, work_mean or error_rate left out", skipped))
	}
	return fig, nil
}

func joinWords(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

// FrontBounds are the bounds kind front draws on the table of `landauer
// optimize` results tab, from their formulas: Landauer's with error,
// the time-symmetric one and, when tab has a full_control_bound column,
// the finite-time full-control bound (fullControlFrontBound).
func FrontBounds(tab *ResultTable) ([]FrontBound, error) {
	bs := standardFrontBounds()
	fc, err := fullControlFrontBound(tab)
	if err != nil {
		return nil, err
	}
	if fc != nil {
		bs = append(bs, *fc)
	}
	return bs, nil
}

// standardFrontBounds are the bounds kind front draws, from their formulas: Landauer's
// with error, kT[ln 2 − H(ε)], and that of time-symmetric protocols,
// ½kT(1 − 2ε) ln((1 − ε)/ε) (Riechers et al.), both independent of τ.
func standardFrontBounds() []FrontBound {
	return []FrontBound{
		{Name: "landauer_with_error", Label: `$\ln 2 - H(\varepsilon)$`,
			W: func(eps, _ float64) float64 { return erasure.LandauerBound(eps) }},
		{Name: "time_symmetric", Label: `time-symmetric $\frac{1}{2}(1-2\varepsilon)\ln\frac{1-\varepsilon}{\varepsilon}$`,
			W: func(eps, _ float64) float64 { return erasure.SymmetricBound(eps) }},
	}
}

// fullControlFrontBound returns the finite-time full-control bound
// ln 2 − H(ε) + W₂²(ε)/(Dτ) (Proesmans, Ehrich & Bechhoefer 2020) of the
// bit of a `landauer optimize` table with a full_control_bound column
// (nil when it has none): W₂²(ε)/D = (full_control_bound − ln 2 + H(ε))·τ
// of the table's row whose ε is nearest to ε in log (exact at the table's
// error rates; W₂² varies slowly with ε).
func fullControlFrontBound(tab *ResultTable) (*FrontBound, error) {
	cb, err := tab.Column("full_control_bound")
	if err != nil {
		return nil, nil
	}
	ce, err1 := tab.Column("error_rate")
	ct, err2 := tab.Column("duration")
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	var eps, w2 []float64
	for row := range tab.Rows {
		b, okb, err := tab.Float(row, cb)
		if err != nil {
			return nil, err
		}
		e, oke, err := tab.Float(row, ce)
		if err != nil {
			return nil, err
		}
		tau, okt, err := tab.Float(row, ct)
		if err != nil {
			return nil, err
		}
		if okb && oke && okt && e > 0 && tau > 0 && b > 0 {
			eps = append(eps, e)
			w2 = append(w2, (b-erasure.LandauerBound(e))*tau)
		}
	}
	if len(eps) == 0 {
		return nil, nil
	}
	return &FrontBound{Name: "full_control", Label: `full control $\ln 2 - H(\varepsilon) + W_2^2/D\tau$`,
		W: func(e, tau float64) float64 {
			best := 0
			for i := range eps {
				if math.Abs(math.Log(eps[i]/e)) < math.Abs(math.Log(eps[best]/e)) {
					best = i
				}
			}
			return erasure.LandauerBound(e) + w2[best]/tau
		}}, nil
}
