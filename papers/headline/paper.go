package headline

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/stats"
)

// Files are the files WriteFiles puts in its folder (the figure's Save
// writes headline.csv beside each image).
func Files() []string {
	return []string{"headline.png", "headline.svg", "headline.tex", "headline.csv", "verdict.txt", "results.jsonl"}
}

// Output is a finished headline run: the runs, the fit W∞ + B/τ of the
// four-stage points (nil when fewer than three points qualify), the figure,
// and the report — the header, the verdict table, the floors and the
// verdict — that `landauer demo` prints and writes to verdict.txt.
type Output struct {
	Result *Result
	Fit    *stats.InverseFit
	Figure *plots.Figure
	Report []byte
}

// Reproduce runs the demo (with Demo.FullControlBound set from
// FullControlBound when it is nil) and builds its fit, figure and report.
func (d *Demo) Reproduce(ctx context.Context) (*Output, error) {
	if d.FullControlBound == nil {
		fc, err := FullControlBound(d)
		if err != nil {
			return nil, err
		}
		d.FullControlBound = fc
	}
	res, err := d.Run(ctx)
	if err != nil {
		return nil, err
	}
	return res.Output()
}

// Output builds the fit, the figure and the report of a finished run.
func (res *Result) Output() (*Output, error) {
	out := &Output{Result: res}
	var err error
	if out.Fit, err = res.Fit(); err != nil {
		return nil, err
	}
	if out.Figure, err = res.Figure(out.Fit); err != nil {
		return nil, err
	}
	var report bytes.Buffer
	report.WriteString(res.Header())
	report.WriteString("\n")
	if err := res.WriteTable(&report); err != nil {
		return nil, err
	}
	report.WriteString("\n")
	if err := res.WriteFloors(&report); err != nil {
		return nil, err
	}
	report.WriteString("\n")
	report.WriteString(wrap(res.Verdict(out.Fit), 100))
	report.WriteString("\n")
	out.Report = report.Bytes()
	return out, nil
}

// WriteFiles writes Files into dir (created if needed): the figure as
// headline.png, .svg and .tex with headline.csv, the report as verdict.txt
// and every result as one JSON line of results.jsonl, each atomically. It
// returns the paths written.
func (o *Output) WriteFiles(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, ext := range []string{".png", ".svg", ".tex"} {
		p := filepath.Join(dir, "headline"+ext)
		if err := o.Figure.Save(p); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	paths = append(paths, filepath.Join(dir, "headline.csv"))
	p := filepath.Join(dir, "verdict.txt")
	if err := erasure.WriteFileAtomic(p, o.Report); err != nil {
		return nil, err
	}
	paths = append(paths, p)
	var jl bytes.Buffer
	for _, r := range o.Result.Results() {
		if err := results.Write(&jl, r, results.FormatJSON); err != nil {
			return nil, err
		}
	}
	p = filepath.Join(dir, "results.jsonl")
	if err := erasure.WriteFileAtomic(p, jl.Bytes()); err != nil {
		return nil, err
	}
	return append(paths, p), nil
}

// Paper is the headline comparison as a reproduction: `landauer paper
// headline` (`landauer demo` is its friendly alias, with the same files).
// Options.Trajectories, when set, replaces every protocol's ensemble size.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "headline",
		Title:     "the headline: a 40 kT bit erased to ε ≤ 1e-15 — time-asymmetric four-stage near kT ln 2 + B/τ, time-symmetric protocols above ½ ln(1/ε), and the least-work floors of both classes",
		Citation:  "landauer's headline comparison (PHYSICS.md §1, the \"~50 kT\" argument); bounds: Landauer, IBM J. Res. Dev. 5, 183 (1961); Proesmans, Ehrich & Bechhoefer, Phys. Rev. E 102, 032105 (2020)",
		Reproduce: reproduce,
	}
}

// reproduce runs the demo and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	d := New(o.Quick)
	d.Seed, d.Workers = o.Seed, o.Workers
	if o.Trajectories > 0 {
		for k := range d.Trajectories {
			d.Trajectories[k] = o.Trajectories
		}
	}
	if o.Log != nil {
		d.Log = func(format string, a ...any) { fmt.Fprintf(o.Log, format+"\n", a...) }
	}
	d.Observe = o.Observe // the demo's own cost model (the paper has no Studies)
	out, err := d.Reproduce(ctx)
	if err != nil {
		return nil, err
	}
	return report(out, o.Out)
}

// report is the repro.Report of a finished run; with dir not "", the
// files are written there (Output.WriteFiles).
func report(out *Output, dir string) (*repro.Report, error) {
	d := out.Result.Demo
	r := &repro.Report{}
	for _, line := range strings.Split(strings.TrimRight(string(out.Report), "\n"), "\n") {
		r.Linef("%s", line)
	}
	for _, w := range out.Figure.Warnings {
		r.Linef("figure: %s", w)
	}
	for _, res := range out.Result.Results() {
		r.Results = append(r.Results, *res)
	}
	r.Add("target_error", d.TargetError, "")
	r.Add("barrier", d.Barrier, "kT")
	if f := out.Fit; f != nil {
		r.Add("w_inf", f.Inf, "kT")
		r.Add("w_inf_se", f.InfSE, "kT")
		r.Add("b", f.B, "kT t0")
		r.Add("b_se", f.BSE, "kT t0")
		r.Add("fit_points", f.N, "")
		r.Comparisons = append(r.Comparisons, repro.Comparison{
			Quantity: "four-stage W∞ (fit W∞ + B/τ) vs kT ln 2", Ours: f.Inf, OursSE: f.InfSE,
			Reference: math.Ln2, ReferenceSE: repro.NaN(), Source: "Landauer 1961",
		})
	}
	// The slowest point of each protocol against its class's bound at its
	// Fokker–Planck ε.
	rows := out.Result.Rows()
	for _, p := range d.Protocols() {
		var last *Row
		for i := range rows {
			if rows[i].Protocol.Kind == p.Kind {
				last = &rows[i]
			}
		}
		if last == nil {
			continue
		}
		key := strings.ReplaceAll(p.Kind, "-", "_")
		r.Add(key+"_slowest_work_mean", last.MC.Work.Value, "kT")
		r.Add(key+"_slowest_work_sem", last.MC.Work.StandardError(), "kT")
		r.Add(key+"_slowest_fp_work", last.FP.Work.Value, "kT")
		r.Add(key+"_slowest_error_rate", last.Epsilon, "")
		r.Comparisons = append(r.Comparisons, repro.Comparison{
			Quantity: fmt.Sprintf("%s, τ = %.3g t0: ⟨W⟩ vs %s", p.Kind, last.Tau, p.BoundName()), Ours: last.MC.Work.Value, OursSE: last.MC.Work.StandardError(),
			Reference: last.Bound, ReferenceSE: repro.NaN(), Source: "bound of the protocol's class at the Fokker–Planck ε",
		})
	}
	if dir != "" {
		var err error
		if r.Files, err = out.WriteFiles(dir); err != nil {
			return nil, err
		}
	}
	return r, nil
}

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
