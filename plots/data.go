package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots/internal/tex"
)

// Point is one plotted value with optional error bars. A bar is drawn on
// an axis when its low end is below its high end (so the zero value draws
// none); the ends are absolute values, not offsets.
type Point struct {
	X, Y        float64
	XLow, XHigh float64 // x error bar (e.g. the Wilson interval of ε)
	YLow, YHigh float64 // y error bar (e.g. ⟨W⟩ ± SE)
	XUpper      bool    // X is only an upper limit (no event seen): drawn at X with an arrow toward smaller x
	YUpper      bool    // Y is only an upper limit: drawn at Y with an arrow toward smaller y
}

func (p Point) hasXBar() bool { return p.XLow < p.XHigh }
func (p Point) hasYBar() bool { return p.YLow < p.YHigh }

// Series is a named set of points, independent of how they were computed.
type Series struct {
	Label string // legend text, Unicode (⟨W⟩, τ, ε are fine); LaTeX-escaped for .tex
	TeX   string // legend text in LaTeX for .tex output and drawn by the same rules in PNG/SVG; overrides Label when set
	// Group gives series the same colour and marker (e.g. the Monte Carlo
	// points and the Fokker–Planck curve of one protocol). Empty: the
	// series is a group of its own. Groups are numbered in order of first
	// appearance in a figure.
	Group  string
	Points []Point
	// Line draws the points as a curve (e.g. a Fokker–Planck solution or a
	// bound); otherwise they are markers with error bars (Monte Carlo).
	Line bool
	// Bound marks a curve computed from a formula (a bound): it is drawn
	// in Color (default black) and listed as "bound" in the figure's CSV.
	Bound bool
	Color color.Color
	// Dash chooses the dash pattern of a curve: 0 the group's, k > 0 the
	// k-th pattern (1 solid, 2 dashed, 3 dotted, ...).
	Dash int
	// XUnit and YUnit name the units of the values (e.g. "t0" and "1/Γ"
	// for durations of two models). A figure refuses series that give one
	// axis in different units; empty units are not checked.
	XUnit, YUnit string
}

// checkSeriesUnits refuses series that put two units on one axis.
func checkSeriesUnits(ss ...[]Series) error {
	var first [2]*Series
	for _, list := range ss {
		for i := range list {
			s := &list[i]
			for a, u := range []string{s.XUnit, s.YUnit} {
				if u == "" {
					continue
				}
				if first[a] == nil {
					first[a] = s
					continue
				}
				if f := []string{first[a].XUnit, first[a].YUnit}[a]; f != u {
					return fmt.Errorf("plots: series %q gives %s in %s and %q in %s: one axis takes one unit (convert one, or draw two figures)",
						first[a].Label, []string{"x", "y"}[a], f, s.Label, u)
				}
			}
		}
	}
	return nil
}

// texLabel returns the series' label in the LaTeX subset.
func (s Series) texLabel() string {
	if s.TeX != "" {
		return s.TeX
	}
	return tex.Escape(s.Label)
}

// sortByX returns the points sorted by X (stable).
func sortByX(ps []Point) []Point {
	out := append([]Point(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].X < out[j].X })
	return out
}

func isFP(r erasure.Result) bool { return r.Method == erasure.FokkerPlanck }

// allFP reports whether every result is from the Fokker–Planck solver (the
// series is then drawn as a curve).
func allFP(results []erasure.Result) bool {
	for _, r := range results {
		if !isFP(r) {
			return false
		}
	}
	return len(results) > 0
}

func groupOf(results []erasure.Result, label string) string {
	if len(results) > 0 && results[0].Protocol != "" {
		return results[0].Protocol
	}
	return label
}

// workBar returns the bar of ⟨W⟩: ± work_sem for Monte Carlo, ± work_err
// for Fokker–Planck.
func workBar(r erasure.Result) (lo, hi float64) {
	e := r.Work.StandardError()
	if isFP(r) {
		e = r.Work.DiscretisationError()
	}
	if !(e > 0) || math.IsInf(e, 0) {
		return 0, 0
	}
	return r.Work.Value - e, r.Work.Value + e
}

// errorPoint returns the error rate of r as a value, its interval and
// whether it is only an upper limit (Monte Carlo with no error seen: the
// value is then the upper end of the interval).
func errorPoint(r erasure.Result) (v, lo, hi float64, upper bool) {
	if isFP(r) {
		v = r.ErrorRate.Value
		if e := r.ErrorRate.DiscretisationError(); e > 0 && !math.IsInf(e, 0) {
			return v, math.Max(v-e, 0), v + e, false
		}
		return v, 0, 0, false
	}
	if r.Errors == 0 && r.ErrorRate.Value == 0 && r.ErrorInterval.High > 0 {
		return r.ErrorInterval.High, 0, 0, true
	}
	if r.ErrorInterval.Low < r.ErrorInterval.High {
		return r.ErrorRate.Value, r.ErrorInterval.Low, r.ErrorInterval.High, false
	}
	return r.ErrorRate.Value, 0, 0, false
}

// WorkVsDuration returns ⟨W⟩ (kT) against the duration τ, with ± work_sem
// bars for Monte Carlo results and ± work_err for Fokker–Planck ones. The
// series is a curve when every result is from Fokker–Planck, and its Group
// is the protocol of the first result, so that the points and the curve of
// one protocol share a colour.
func WorkVsDuration(results []erasure.Result, label string) Series {
	s := Series{Label: label, Group: groupOf(results, label), Line: allFP(results)}
	for _, r := range results {
		lo, hi := workBar(r)
		s.Points = append(s.Points, Point{X: r.Duration, Y: r.Work.Value, YLow: lo, YHigh: hi})
	}
	s.Points = sortByX(s.Points)
	return s
}

// WorkVsError returns ⟨W⟩ (kT, ± work_sem or work_err) against the error
// rate ε, with the 95 % interval of ε as x bars [error_low, error_high]
// (Monte Carlo) or ± error_rate_err (Fokker–Planck). A Monte Carlo result
// with no error seen becomes an upper limit at error_high.
func WorkVsError(results []erasure.Result, label string) Series {
	s := Series{Label: label, Group: groupOf(results, label), Line: allFP(results)}
	for _, r := range results {
		lo, hi := workBar(r)
		x, xlo, xhi, up := errorPoint(r)
		s.Points = append(s.Points, Point{X: x, XLow: xlo, XHigh: xhi, XUpper: up, Y: r.Work.Value, YLow: lo, YHigh: hi})
	}
	s.Points = sortByX(s.Points)
	return s
}

// ErrorVsDuration returns the error rate ε against the duration τ (or the
// hold time of a "hold" protocol), with the 95 % interval of ε as bars; a
// Monte Carlo result with no error seen becomes an upper limit at
// error_high.
func ErrorVsDuration(results []erasure.Result, label string) Series {
	s := Series{Label: label, Group: groupOf(results, label), Line: allFP(results)}
	for _, r := range results {
		y, lo, hi, up := errorPoint(r)
		s.Points = append(s.Points, Point{X: r.Duration, Y: y, YLow: lo, YHigh: hi, YUpper: up})
	}
	s.Points = sortByX(s.Points)
	return s
}

// Curve samples f at n points spaced evenly in log x over [xMin, xMax]
// (both > 0), as a line series. Use it for theory curves computed from a
// formula, e.g. the retention error ½(1 − e^{−2kt}) with erasure.RetentionError.
func Curve(label string, f func(x float64) float64, xMin, xMax float64, n int) Series {
	s := Series{Label: label, Line: true}
	for _, x := range logGrid(xMin, xMax, n) {
		s.Points = append(s.Points, Point{X: x, Y: f(x)})
	}
	return s
}

// logGrid returns n points spaced evenly in log over [lo, hi], the ends
// exact.
func logGrid(lo, hi float64, n int) []float64 {
	if n < 2 {
		n = 2
	}
	out := make([]float64, n)
	a, b := math.Log(lo), math.Log(hi)
	for i := range out {
		out[i] = math.Exp(a + (b-a)*float64(i)/float64(n-1))
	}
	out[0], out[n-1] = lo, hi
	return out
}
