package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// demoFiles are the files `landauer demo` writes into its output folder
// (plots.Save writes headline.csv beside each image).
var demoFiles = []string{"headline.png", "headline.svg", "headline.tex", "headline.csv", "verdict.txt", "results.jsonl"}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "demo [--quick] [--out DIR] [--workers N] [--seed N]", stderr)
	quick := fs.Bool("quick", false, "reduced statistics and fewer durations: seconds instead of a minute (for CI)")
	quiet := fs.Bool("quiet", false, "no progress lines on standard error")
	out := fs.String("out", "landauer-demo", "folder for the figure (headline.png, .svg, .tex, .csv), verdict.txt and results.jsonl")
	workers := fs.Int("workers", 0, "worker goroutines, 0 = all cores (never changes the numbers)")
	seed := fs.Uint64("seed", 1, "random seed of the Monte Carlo points")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *workers < 0 {
		return badInput("--workers must be >= 0, got %d", *workers)
	}
	if *seed >= 1<<63 {
		return badInput("--seed must be < 2^63, got %d", *seed)
	}
	if *out == "" {
		return badInput("--out must name a folder")
	}
	if err := checkOutDir("--out", *out); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return badInput("--out: %v", err)
	}

	d := erasure.NewDemo(*quick)
	d.Workers = *workers
	d.Seed = *seed
	if !*quiet {
		d.Log = func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	}
	fc, err := fullControlBound(d)
	if err != nil {
		return err
	}
	d.FullControlBound = fc
	start := time.Now()
	res, err := d.Run(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}

	fig, fit, err := demoFigure(res)
	if err != nil {
		return err
	}
	for _, w := range fig.Warnings {
		fmt.Fprintln(stderr, "demo: figure:", w)
	}
	for _, ext := range []string{".png", ".svg", ".tex"} {
		if err := fig.Save(filepath.Join(*out, "headline"+ext)); err != nil {
			return err
		}
	}

	var report bytes.Buffer
	report.WriteString(res.Header())
	report.WriteString("\n")
	if err := res.WriteTable(&report); err != nil {
		return err
	}
	report.WriteString("\n")
	if err := res.WriteFloors(&report); err != nil {
		return err
	}
	report.WriteString("\n")
	report.WriteString(wrap(res.Verdict(fit), 100))
	report.WriteString("\n")
	if err := erasure.WriteFileAtomic(filepath.Join(*out, "verdict.txt"), report.Bytes()); err != nil {
		return err
	}
	var jl bytes.Buffer
	for _, r := range res.Results() {
		if err := erasure.Write(&jl, r, erasure.FormatJSON); err != nil {
			return err
		}
	}
	if err := erasure.WriteFileAtomic(filepath.Join(*out, "results.jsonl"), jl.Bytes()); err != nil {
		return err
	}
	if _, err := stdout.Write(report.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "demo: wrote %s in %s (%.1f s)\n", joinNames(demoFiles), *out, time.Since(start).Seconds())
	return nil
}

// demoFigure draws the headline figure: ⟨W⟩ against τ for every protocol
// (Monte Carlo points with standard errors, Fokker–Planck curves), the
// kT ln 2 line, the time-symmetric bound at the target error, the fit
// W∞ + B/τ of the four-stage points, and the Fokker–Planck error rates
// against τ below, with the target error.
func demoFigure(res *erasure.DemoResult) (*plots.Figure, *erasure.DemoFit, error) {
	d := res.Demo
	legend := map[string]string{
		erasure.DemoFourStage:     "four-stage (time-asymmetric)",
		erasure.DemoSymmetricTilt: "symmetric tilt (time-symmetric)",
		erasure.DemoLiftOneWell:   "lift one well (time-symmetric)",
		// The floors.
		erasure.DemoOptimalAsymmetric: "least work (time-asymmetric)",
		erasure.DemoOptimalSymmetric:  "least work (time-symmetric)",
	}
	var work, errs []plots.Series
	for _, run := range res.Runs {
		mc, fp := deref(run.MC), deref(run.FP)
		if run.Protocol.Optimal {
			// Drawn at the erasure's τ: the results last τ + DemoSettle,
			// a hold at the storage controls that costs no work, after
			// which ε is measured.
			for i := range mc {
				mc[i].Duration = run.Taus[i]
			}
			for i := range fp {
				fp[i].Duration = run.Taus[i]
			}
		}
		label := legend[run.Protocol.Kind]
		if label == "" {
			label = run.Protocol.Kind
		}
		work = append(work, plots.WorkVsDuration(mc, label), plots.WorkVsDuration(fp, ""))
		errs = append(errs, plots.ErrorVsDuration(fp, ""))
	}
	// The fit, made here (plots fits every marker series when asked, and
	// the time-symmetric ones do not follow W∞ + B/τ).
	var fit *erasure.DemoFit
	tau, w, sem := res.FitData()
	if len(tau) >= 3 {
		f, err := stats.FitInverse(tau, w, sem)
		if err != nil {
			return nil, nil, err
		}
		wInf, b, wSE, bSE := f.Inf, f.B, f.InfSE, f.BSE
		fit = &erasure.DemoFit{WInf: wInf, WInfSE: wSE, B: b, BSE: bSE, N: len(tau)}
		c := plots.Curve("", func(t float64) float64 { return wInf + b/t }, tau[0], tau[len(tau)-1], 60)
		c.Group = "fit"
		c.TeX = fmt.Sprintf(`fit $W_\infty + B/\tau$: $W_\infty = %.2f\,kT$`, wInf)
		c.Label = fmt.Sprintf("fit W_inf + B/tau to four-stage, W_inf = %.4g ± %.2g kT, B = %.4g ± %.2g kT t0", wInf, wSE, b, bSE)
		work = append(work, c)
	}
	lo, hi := d.Durations[0], d.Durations[len(d.Durations)-1]
	land := erasure.LandauerBound(d.TargetError)
	work = append(work, plots.Series{
		Label:  fmt.Sprintf("Landauer bound ln 2 - H(eps) at eps = %.3g", d.TargetError),
		TeX:    fmt.Sprintf(`Landauer $\ln 2 - H(\varepsilon)$, $\varepsilon = %s$`, texPow10(d.TargetError)),
		Group:  "bound",
		Line:   true,
		Bound:  true,
		Dash:   2,
		Points: []plots.Point{{X: lo, Y: land}, {X: hi, Y: land}},
	})
	if fc := d.FullControlBound; fc != nil {
		c := plots.Curve(fmt.Sprintf("full-control bound ln 2 - H(eps) + W2^2/(D tau) at eps = %.3g", d.TargetError),
			func(tau float64) float64 { return fc(d.TargetError, tau) }, lo, hi, 60)
		c.TeX = `full control $\ln 2 - H(\varepsilon) + W_2^2/D\tau$`
		c.Group, c.Bound, c.Dash = "bound", true, 3
		work = append(work, c)
	}
	sym := erasure.SymmetricBound(d.TargetError)
	work = append(work, plots.Series{
		Label:  fmt.Sprintf("time-symmetric bound at eps = %.3g", d.TargetError),
		TeX:    fmt.Sprintf(`time-symmetric bound, $\varepsilon = %s$`, texPow10(d.TargetError)),
		Group:  "bound",
		Line:   true,
		Bound:  true,
		Dash:   1,
		Points: []plots.Point{{X: lo, Y: sym}, {X: hi, Y: sym}},
	})
	fig, err := plots.WorkDurationFigure(work, demoStyle(), plots.WorkDurationOptions{
		LogY:        true,
		NoLn2:       true, // drawn as Landauer's bound ln 2 − H(ε) instead
		Errors:      errs,
		TargetError: d.TargetError,
		Legend:      plots.LegendBottomLeft,
		// Room below the curves for the legend, and above the target error
		// for its label.
		Y:      plots.Range{Min: 0.002, Max: math.NaN()},
		ErrorY: plots.Range{Min: math.NaN(), Max: 100 * d.TargetError},
		XLabel: `duration $\tau/t_0$ (points: Monte Carlo, $\pm$ 1 s.e.; curves: Fokker–Planck)`,
	})
	if err != nil {
		return nil, nil, err
	}
	return fig, fit, nil
}

// fullControlBound returns the finite-time full-control bound of the
// demo's bit (proesmans2020.FullControlBound).
func fullControlBound(d *erasure.Demo) (func(eps, tau float64) float64, error) {
	pot := wells.Jun{Barrier: d.Barrier, Tilt: d.Tilt}
	return proesmans2020.FullControlBound(pot, pot.Rest(), 1, 1, 0, 1)
}

// demoStyle is the headline figure's style: a page wide, at a resolution
// that keeps the PNG small enough for a README.
func demoStyle() plots.Style {
	s := plots.DoubleColumn()
	s.DPI = 200
	return s
}

// texPow10 writes a power of ten as 10^{n} and anything else with %g.
func texPow10(v float64) string {
	if m, e, ok := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e"); ok && m == "1" {
		n, _ := strconv.Atoi(e)
		return fmt.Sprintf("10^{%d}", n)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func deref(rs []*erasure.Result) []erasure.Result {
	out := make([]erasure.Result, len(rs))
	for i, r := range rs {
		out[i] = *r
	}
	return out
}

func joinNames(names []string) string { return strings.Join(names, ", ") }

// wrap breaks text into lines of at most width runes at spaces.
func wrap(text string, width int) string {
	var b bytes.Buffer
	line := 0
	word := []rune{}
	flush := func() {
		if len(word) == 0 {
			return
		}
		if line > 0 && line+1+len(word) > width {
			b.WriteByte('\n')
			line = 0
		} else if line > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(string(word))
		line += len(word)
		word = word[:0]
	}
	for _, r := range text {
		if r == ' ' || r == '\n' {
			flush()
			continue
		}
		word = append(word, r)
	}
	flush()
	return b.String()
}
