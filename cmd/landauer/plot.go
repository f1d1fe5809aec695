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
                  --snapshots 5 --format json)

Rows are split into series by protocol and by the sweep's axes that vary
independently of x (or by --series), and always by method, so Monte Carlo
points and Fokker–Planck curves of one protocol share a colour.`

func cmdPlot(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plot", plotSynopsis, stderr)
	kind := fs.String("kind", "", "figure kind: "+strings.Join(plots.TableKinds, ", "))
	out := fs.String("o", "", "the figure's file: .png, .svg, .tex (PGF for LaTeX) or .pdf; its data go beside it as .csv")
	x := fs.String("x", "", "column of the x axis (kind series)")
	y := fs.String("y", "", "column of the y axis (kind series)")
	series := fs.String("series", "", "comma-separated columns whose values split the rows into series (default: protocol and the varying sweep axes; method always)")
	logx := fs.Bool("logx", false, "log x axis (--logx=false for linear, where the kind allows)")
	logy := fs.Bool("logy", false, "log y axis (--logy=false for linear, where the kind allows)")
	fit := fs.Bool("fit", false, "fit ⟨W⟩ = W∞ + B/τ to each Monte Carlo series (work-duration)")
	fitMin := fs.Float64("fit-min", 0, "fit only points with τ ≥ this (work-duration --fit)")
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

	opts := plots.TableFigureOptions{
		Kind: *kind, X: *x, Y: *y, Fit: *fit, FitMinTau: *fitMin,
		Errors: *errPanel, TargetError: *target, Title: *title,
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
		if ext == ".pdf" {
			return badInput("%v", err)
		}
		return err
	}
	for _, w := range fig.Warnings {
		fmt.Fprintf(stderr, "landauer: plot: warning: %s\n", w)
	}
	for _, f := range fig.Fits {
		fmt.Fprintf(stdout, "fit %s: W∞ = %.5g ± %.2g kT, B = %.5g ± %.2g kT·t0 (%d points, τ ≥ %g, χ²/dof = %.3g)\n",
			f.Series, f.WInf, f.WInfSE, f.B, f.BSE, f.N, f.TauMin, f.ChiSquareDOF)
	}
	fmt.Fprintf(stdout, "wrote %s and its data %s (%s, %d rows)\n", *out, csvPath, *kind, len(tab.Rows))
	return nil
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
