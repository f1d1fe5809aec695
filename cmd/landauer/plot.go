package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/plots"
)

const plotSynopsis = `plot TABLE... --kind KIND -o FIG.png|.svg|.tex|.pdf [--x COL --y COL] [--series COL[,COL]] [flags]

Draws a figure from a results table: one run (landauer run --format json or
csv), JSON lines of results, or a merged sweep (landauer merge, CSV or JSON
lines; columns "name [unit]" or plain names). Several tables are joined; "-"
reads standard input. The figure's data are written beside it as CSV
(FIG.csv).

Kinds:
  work-duration   ⟨W⟩ ± SE (Fokker–Planck: ± discretisation error) against τ,
                  log τ, the kT ln 2 line; --fit adds W∞ + B/τ fits,
                  --errors a panel of error rates
  work-error      ⟨W⟩ against the error rate ε (log), with the bounds
                  kT[ln 2 − H(ε)], ½kT(1−2ε)ln((1−ε)/ε) and kT ln(1/ε)
  error-duration  ε (95 % interval) against τ, log–log
  retention       ε against the hold time of the "hold" rows, log–log, a
                  series per barrier
  series          any column --y against any column --x; error bars from
                  <y>_low/<y>_high, <y>_sem or <y>_err columns
  histogram       the work distribution of each Monte Carlo row (JSON from
                  landauer run) with the Jarzynski/Crooks view at the exact ΔF
  density         the potential and the density at the snapshots of a
                  Fokker–Planck run (landauer run --method fokker-planck
                  --snapshots 5 --format json); the log density axis spans
                  --decades below its maximum
  front           the least work W* of landauer optimize (JSON lines or CSV
                  with class, duration, max_error, work_mean, work_err,
                  error_rate) against τ, a curve per class and ε target
                  (--x error: against the ε reached, a curve per τ), with
                  the bounds kT[ln 2 − H(ε)] and ½kT(1−2ε)ln((1−ε)/ε)

Axes fit the data (--xlim LO,HI and --ylim LO,HI override either end); the
legend goes in the corner where it covers no data, the axis is raised to
make room, or it goes below the figure, which grows. Numbers in legends
are rounded to 3 digits, fits to their standard errors, and parameters
that vary together (a sweep's zip group) are all named. --fit SERIES fits y∞ + B/x to the
series with that legend label (or number, 1…n) over the points it has.
Two tables that give an axis' column in different units are refused.

Rows are split into series by protocol and by the sweep's axes that vary
independently of x (or by --series), and always by method, so Monte Carlo
points and Fokker–Planck curves of one protocol share a colour.`

func cmdPlot(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plot", plotSynopsis, stderr)
	kind := fs.String("kind", "", "figure kind: "+strings.Join(plots.TableKinds, ", "))
	out := fs.String("o", "", "the figure's file: .png, .svg, .tex (PGF for LaTeX) or .pdf; its data go beside it as .csv")
	x := fs.String("x", "", "column of the x axis (kind series); kind front: duration (default) or error")
	y := fs.String("y", "", "column of the y axis (kind series)")
	series := fs.String("series", "", "comma-separated columns whose values split the rows into series (default: protocol and the varying sweep axes; method always)")
	logx := fs.Bool("logx", false, "log x axis (--logx=false for linear, where the kind allows)")
	logy := fs.Bool("logy", false, "log y axis (--logy=false for linear, where the kind allows)")
	var fit fitList
	fs.Var(&fit, "fit", "fit y = y∞ + B/x to a series (work-duration, series): its legend label, or its number 1…n in the legend (\"1,3\" for several); repeat for more")
	fitMin := fs.Float64("fit-min", 0, "fit only points with x ≥ this (--fit)")
	xlim := fs.String("xlim", "", "x axis range LO,HI (either may be empty: \"1,\" fixes only the low end); default from the data")
	ylim := fs.String("ylim", "", "y axis range LO,HI (as --xlim); for density, the density axis")
	decades := fs.Float64("decades", 20, "density: decades of the log density axis below its largest value")
	errPanel := fs.Bool("errors", false, "add a panel of error rates under the work (work-duration)")
	target := fs.Float64("target-error", 0, "mark this error rate (retention, work-duration --errors)")
	width := fs.String("width", "single", "figure width: single (3.4 in) or double (7 in) column")
	title := fs.String("title", "", "panel label written in the top-left corner")
	tables, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(tables) == 0 {
		return badInput("plot: no table given (see 'landauer plot --help')")
	}
	if *kind == "" {
		return badInput("plot: --kind is required (%s)", strings.Join(plots.TableKinds, ", "))
	}
	if !slices.Contains(plots.TableKinds, *kind) {
		return badInput("plot: unknown --kind %q (have %s)", *kind, strings.Join(plots.TableKinds, ", "))
	}
	if *out == "" {
		return badInput("plot: -o FIG.png|.svg|.tex|.pdf is required")
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if !slices.Contains(plots.Formats, ext) {
		return badInput("plot: -o %s: unknown image extension %q (have %s)", *out, filepath.Ext(*out), strings.Join(plots.Formats, ", "))
	}
	var style plots.Style
	switch *width {
	case "single":
		style = plots.SingleColumn()
	case "double":
		style = plots.DoubleColumn()
	default:
		return badInput("plot: --width must be single or double, got %q", *width)
	}
	if !(*target >= 0 && *target < 1) { // NaN too
		return badInput("plot: --target-error must be in [0, 1), got %g", *target)
	}
	if !(*fitMin >= 0) || math.IsInf(*fitMin, 1) {
		return badInput("plot: --fit-min must be finite and >= 0, got %g", *fitMin)
	}
	if *target < 0 || *target >= 1 {
		return badInput("plot: --target-error must be in [0, 1), got %g", *target)
	}

	// The figure's CSV goes beside it: never over one of the tables.
	csvPath := strings.TrimSuffix(*out, filepath.Ext(*out)) + ".csv"
	for _, path := range tables {
		if path != "-" && (samePath(path, csvPath) || samePath(path, *out)) {
			return badInput("plot: -o %s would overwrite the table %s (the figure's data are written to %s): choose another name", *out, path, csvPath)
		}
	}
	for _, p := range []string{*out, csvPath} {
		if err := checkOutput(p, tables...); err != nil {
			return err
		}
	}

	tab := &plots.ResultTable{}
	for _, path := range tables {
		t, err := readPlotTable(path)
		if err != nil {
			return badInput("plot: %w", err)
		}
		if len(t.Rows) == 0 {
			return badInput("plot: %s: the table is empty (no rows)", path)
		}
		tab.Append(t)
	}

	if !(*decades > 0) {
		return badInput("plot: --decades must be > 0, got %g", *decades)
	}
	opts := plots.TableFigureOptions{
		Kind: *kind, X: *x, Y: *y, FitMinTau: *fitMin,
		Errors: *errPanel, TargetError: *target, Title: *title, Decades: *decades,
	}
	opts.Fit = fit
	if *kind == plots.KindFront {
		fb, err := plots.FrontBounds(tab)
		if err != nil {
			return badInput("plot: %v", err)
		}
		opts.FrontBounds = fb
	}
	for _, l := range []struct {
		name, v string
		r       *plots.Range
	}{{"xlim", *xlim, &opts.XLim}, {"ylim", *ylim, &opts.YLim}} {
		if l.v == "" {
			continue
		}
		r, err := parseLimits(l.v)
		if err != nil {
			return badInput("plot: --%s %s: %v", l.name, l.v, err)
		}
		*l.r = r
	}
	for _, s := range strings.Split(*series, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opts.Series = append(opts.Series, s)
		}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	scale := func(name string, v bool) plots.AxisScale {
		switch {
		case !set[name]:
			return plots.AxisAuto
		case v:
			return plots.AxisLog
		}
		return plots.AxisLinear
	}
	opts.XScale, opts.YScale = scale("logx", *logx), scale("logy", *logy)

	fig, err := plots.TableFigure(tab, style, opts)
	if err != nil {
		return badInput("plot: %v", err)
	}
	if err := plots.Save(fig, *out, style); err != nil {
		return err
	}
	for _, w := range fig.Warnings {
		fmt.Fprintf(stderr, "landauer: plot: warning: %s\n", w)
	}
	for _, f := range fig.Fits {
		fmt.Fprintf(stdout, "fit %s (%s): %s = %s, B = %s (%d points, %s to %s, χ²/dof = %.3g)\n",
			f.Series, f.Model(), f.YInf(), plots.FormatPM(f.Inf, f.InfSE, f.YUnit), plots.FormatPM(f.B, f.BSE, f.BUnit()),
			f.N, plots.FormatValue(f.TauMin), plots.FormatValue(f.TauMax), f.ChiSquareDOF)
	}
	fmt.Fprintf(stdout, "wrote %s and its data %s (%s, %d rows)\n", *out, csvPath, *kind, len(tab.Rows))
	return nil
}

// fitList is the repeatable --fit flag: a series label (which may hold
// commas), or comma-separated series numbers.
type fitList []string

func (f *fitList) String() string { return strings.Join(*f, "; ") }

func (f *fitList) Set(v string) error {
	parts := strings.Split(v, ",")
	numbers := true
	for _, p := range parts {
		if _, err := strconv.Atoi(strings.TrimSpace(p)); err != nil {
			numbers = false
		}
	}
	if numbers {
		for _, p := range parts {
			*f = append(*f, strings.TrimSpace(p))
		}
		return nil
	}
	if v = strings.TrimSpace(v); v == "" {
		return errors.New("give a series label or number")
	}
	*f = append(*f, v)
	return nil
}

// parseLimits reads an axis range "LO,HI"; an empty end is left to the
// data (NaN).
func parseLimits(s string) (plots.Range, error) {
	lo, hi, ok := strings.Cut(s, ",")
	if !ok {
		return plots.Range{}, errors.New("want LO,HI (e.g. 1e-6,0.5 or 0, for the low end only)")
	}
	r := plots.Range{Min: math.NaN(), Max: math.NaN()}
	for _, e := range []struct {
		s string
		v *float64
	}{{lo, &r.Min}, {hi, &r.Max}} {
		if e.s = strings.TrimSpace(e.s); e.s == "" {
			continue
		}
		v, err := strconv.ParseFloat(e.s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return plots.Range{}, fmt.Errorf("%q is not a finite number", e.s)
		}
		*e.v = v
	}
	if math.IsNaN(r.Min) && math.IsNaN(r.Max) {
		return plots.Range{}, errors.New("give at least one end")
	}
	if !math.IsNaN(r.Min) && !math.IsNaN(r.Max) && !(r.Max > r.Min) {
		return plots.Range{}, errors.New("HI must be above LO")
	}
	return r, nil
}

// readPlotTable reads a table from a file, or from standard input for "-".
func readPlotTable(path string) (*plots.ResultTable, error) {
	if path == "-" {
		t, err := plots.ReadTable(safeio.LimitReader(os.Stdin, 0, "standard input"))
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		return t, nil
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a table (for a sweep's --out directory: landauer merge %s -o results.csv, then plot results.csv)", path, path)
	}
	t, err := plots.ReadTableFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: no such file", path)
	}
	if err == nil && hasColumns(t, "spec_hash", "result") {
		return nil, fmt.Errorf("%s is a sweep's point file, not a table: merge the sweep first (landauer merge DIR -o results.csv)", path)
	}
	return t, err
}

func hasColumns(t *plots.ResultTable, names ...string) bool {
	for _, n := range names {
		if !slices.ContainsFunc(t.Columns, func(c plots.TableColumn) bool { return c.Name == n }) {
			return false
		}
	}
	return true
}

// samePath reports whether a and b name the same file (or would).
func samePath(a, b string) bool {
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
