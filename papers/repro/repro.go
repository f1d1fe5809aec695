// Package repro is the reproduction interface of landauer's papers: a
// Paper (name, title, citation and the function that reproduces it),
// the Options every paper takes, and the Report it returns — named
// values with units, comparisons of our numbers with the paper's (each
// with its standard error), a human-readable summary, the studies that
// ran and the figure files written. Each paper package under papers/
// exports its Paper; package papers lists them; `landauer paper NAME` runs
// one and `landauer demo` runs papers/headline.
//
// The package sits below the paper packages: it imports erasure (the
// studies), stats (the W∞ + B/τ fit of a τ-sweep) and plots (saving a
// figure), and no paper.
package repro

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
)

// Options says how to run a reproduction. The zero value runs the paper's
// full default with seed 0 on all cores and writes no files.
type Options struct {
	// Out is the directory the figure (PNG, SVG, TeX) and its CSV are
	// written to, created if needed; "" writes no files.
	Out string
	// Quick runs the smaller ensembles and fewer points the paper's own
	// test uses (seconds instead of a minute or more).
	Quick bool
	// Trajectories overrides the paper's ensemble size (per point of a
	// sweep); 0 keeps the paper's.
	Trajectories int
	// Seed is the random seed (point i of a sweep runs with
	// erasure.PointSeed(Seed, i)). The command line's default is 1.
	Seed uint64
	// Workers is the number of goroutines per ensemble, 0 = all cores; it
	// never changes the numbers.
	Workers int
	// ProtocolFile is a protocol table for the papers that take one
	// (Paper.ProtocolFile): nestbench25 reads rows "c0 c1" evenly spaced
	// over t_f.
	ProtocolFile string
	// Log, when not nil, receives a line per finished point.
	Log io.Writer
	// Observe, when not nil, is told the work done and the total after
	// every point, in estimated seconds (the studies of Paper.Plan at
	// erasure.StepCosts, or the steps of Paper.Work), for the papers that
	// have a plan; a
	// progress.Func. It never changes the numbers.
	Observe func(done, total float64, note string)

	track *tracker // set by Paper.Run from Observe; nil: none
}

// Paper is one reproducible published result. Each paper package returns
// its own (e.g. jun2014.Paper()); papers.List lists them.
type Paper struct {
	Name     string // e.g. "jun2014", the argument of `landauer paper`
	Title    string // what is reproduced, in a line
	Citation string // the reference
	// ProtocolFile says whether the paper takes Options.ProtocolFile.
	ProtocolFile bool
	// Reproduce is the paper's own run: it builds the report's values,
	// comparisons, summary and files. Call it through Run, which checks
	// the options common to all papers first.
	Reproduce func(ctx context.Context, o Options) (*Report, error)
	// Studies, when not nil, lists the studies Reproduce runs with o, in
	// order, one group per point it reports through Options.Progress
	// (Plan).
	Studies func(o Options) ([][]*erasure.Study, error)
	// Work, when not nil (and Studies is nil), lists the steps Reproduce
	// does with o, in order, each reported through Options.Step, with
	// their costs (Step): the progress plan and the cost estimate
	// (Estimate) of a paper whose work is not a list of studies.
	Work func(ctx context.Context, o Options) ([]Step, error)
}

// Run checks the options common to all papers, runs the paper's
// Reproduce and names the paper in the report. Bad options and unreadable
// protocol files are returned as *InputError.
func (p Paper) Run(ctx context.Context, o Options) (*Report, error) {
	switch {
	case p.Reproduce == nil:
		return nil, fmt.Errorf("%s: no Reproduce function", p.Name)
	case o.Trajectories < 0:
		return nil, InputErrorf("%s: trajectories must be >= 0, got %d", p.Name, o.Trajectories)
	case o.Workers < 0:
		return nil, InputErrorf("%s: workers must be >= 0, got %d", p.Name, o.Workers)
	case o.ProtocolFile != "" && !p.ProtocolFile:
		return nil, InputErrorf("%s takes no protocol file", p.Name)
	}
	var err error
	if o.track, err = newTracker(ctx, p, o); err != nil {
		return nil, err
	}
	r, err := p.Reproduce(ctx, o)
	if err != nil {
		return nil, err
	}
	o.track.finish()
	r.Paper, r.Title, r.Citation = p.Name, p.Title, p.Citation
	return r, nil
}

// InputError is an error in the options given to Paper.Run (not in the
// computation): the command line exits with status 2 on it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// InputErrorf formats an *InputError.
func InputErrorf(format string, a ...any) error {
	return &InputError{fmt.Errorf(format, a...)}
}

// Report is what a reproduction found.
type Report struct {
	Paper, Title, Citation string
	// Values are the headline numbers (and a few labels), by name; JSON
	// output has them as top-level keys.
	Values []Value
	// Comparisons set our numbers against the paper's or exact ones.
	Comparisons []Comparison
	// Summary is a human-readable account, one line per entry.
	Summary []string
	// Results are the studies that ran (Monte Carlo, then Fokker–Planck
	// where a paper solves both).
	Results []erasure.Result
	// Files are the figure and data files written.
	Files []string
}

// Value is one named number (float64 or int) or label (string).
type Value struct {
	Name  string
	Value any
	Unit  string
}

// Comparison sets one of our numbers against a reference.
type Comparison struct {
	Quantity    string
	Ours        float64
	OursSE      float64 // standard error; NaN when exact
	Reference   float64
	ReferenceSE float64 // NaN when exact or not stated
	Source      string  // where the reference comes from
}

// Deviation is |ours − reference| in units of the combined standard
// error, NaN when neither has one.
func (c Comparison) Deviation() float64 {
	var v float64
	for _, s := range []float64{c.OursSE, c.ReferenceSE} {
		if !math.IsNaN(s) {
			v += s * s
		}
	}
	if v == 0 {
		return math.NaN()
	}
	return math.Abs(c.Ours-c.Reference) / math.Sqrt(v)
}

// Number returns the value of the named number.
func (r *Report) Number(name string) (float64, bool) {
	for _, v := range r.Values {
		if v.Name != name {
			continue
		}
		switch x := v.Value.(type) {
		case float64:
			return x, true
		case int:
			return float64(x), true
		case int64:
			return float64(x), true
		}
	}
	return 0, false
}

// Add appends a named value (a float64, an int or a label) with its unit.
func (r *Report) Add(name string, v any, unit string) {
	r.Values = append(r.Values, Value{Name: name, Value: v, Unit: unit})
}

// Linef appends a summary line.
func (r *Report) Linef(format string, a ...any) {
	r.Summary = append(r.Summary, fmt.Sprintf(format, a...))
}

// finite turns NaN and infinities into nil, for JSON.
func finite(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// MarshalJSON writes one object: paper, title, citation, then every Value
// as a top-level key, then comparisons, summary, results and files.
// Non-finite numbers are null.
func (r *Report) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	n := 0
	put := func(k string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("repro: %s: %v", k, err)
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(b)
		return nil
	}
	fixed := []string{"paper", "title", "citation", "comparisons", "summary", "results", "files"}
	type cmp struct {
		Quantity    string `json:"quantity"`
		Ours        any    `json:"ours"`
		OursSE      any    `json:"ours_se"`
		Reference   any    `json:"reference"`
		ReferenceSE any    `json:"reference_se"`
		Deviation   any    `json:"deviation_se"`
		Source      string `json:"source"`
	}
	cs := []cmp{}
	for _, c := range r.Comparisons {
		cs = append(cs, cmp{c.Quantity, finite(c.Ours), finite(c.OursSE), finite(c.Reference), finite(c.ReferenceSE), finite(c.Deviation()), c.Source})
	}
	results := r.Results
	if results == nil {
		results = []erasure.Result{}
	}
	summary, files := r.Summary, r.Files
	if summary == nil {
		summary = []string{}
	}
	if files == nil {
		files = []string{}
	}
	steps := []struct {
		k string
		v any
	}{{"paper", r.Paper}, {"title", r.Title}, {"citation", r.Citation}}
	for _, s := range steps {
		if err := put(s.k, s.v); err != nil {
			return nil, err
		}
	}
	for _, v := range r.Values {
		if slices.Contains(fixed, v.Name) {
			return nil, fmt.Errorf("repro: value %q shadows a report field", v.Name)
		}
		x := v.Value
		if f, ok := x.(float64); ok {
			x = finite(f)
		}
		if err := put(v.Name, x); err != nil {
			return nil, err
		}
	}
	for _, s := range []struct {
		k string
		v any
	}{{"comparisons", cs}, {"summary", summary}, {"results", results}, {"files", files}} {
		if err := put(s.k, s.v); err != nil {
			return nil, err
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Output formats of Write.
const (
	FormatTable = "table"
	FormatJSON  = "json"
)

// Write writes the report as a human-readable table or one JSON object.
func (r *Report) Write(w io.Writer, format string) error {
	switch format {
	case FormatJSON:
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case FormatTable, "":
		return r.writeTable(w)
	}
	return fmt.Errorf("repro: unknown format %q (have table, json)", format)
}

func (r *Report) writeTable(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s: %s\n%s\n\n", r.Paper, r.Title, r.Citation)
	for _, s := range r.Summary {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	if len(r.Values) > 0 {
		fmt.Fprintln(tw, "\nvalue\t\tunit")
		for _, v := range r.Values {
			s := fmt.Sprint(v.Value)
			if f, ok := v.Value.(float64); ok {
				s = fmt.Sprintf("%.6g", f)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", v.Name, s, v.Unit)
		}
	}
	if len(r.Comparisons) > 0 {
		fmt.Fprintln(tw, "\ncomparison\tours\treference\tdeviation\tsource")
		pm := func(x, se float64) string {
			if math.IsNaN(se) {
				return fmt.Sprintf("%.4g", x)
			}
			return fmt.Sprintf("%.4g ± %.2g", x, se)
		}
		for _, c := range r.Comparisons {
			dev := "exact"
			if d := c.Deviation(); !math.IsNaN(d) {
				dev = fmt.Sprintf("%.1f SE", d)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", c.Quantity, pm(c.Ours, c.OursSE), pm(c.Reference, c.ReferenceSE), dev, c.Source)
		}
	}
	if len(r.Files) > 0 {
		fmt.Fprintln(tw, "\nfiles")
		for _, f := range r.Files {
			fmt.Fprintf(tw, "  %s\n", f)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Save writes the figure as out/base.{png,svg,pdf,tex} with out/base.csv
// beside them, records the files in the report and its warnings in the
// summary. Nothing is written when out is "".
func (r *Report) Save(fig *plots.Figure, out, base string) error {
	if out == "" {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	// PNG, SVG, PDF and TeX, each with the CSV beside it.
	for _, ext := range []string{".png", ".svg", ".pdf", ".tex"} {
		path := filepath.Join(out, base+ext)
		if err := fig.Save(path); err != nil {
			return err
		}
		r.Files = append(r.Files, path)
	}
	r.Files = append(r.Files, filepath.Join(out, base+".csv"))
	for _, w := range fig.Warnings {
		r.Linef("figure: %s", w)
	}
	return nil
}

// Progress returns the function a paper reports each finished point
// through: it writes the line to Log and advances Observe's plan; nil when
// there is neither.
func (o Options) Progress() func(string) {
	if o.Log == nil && o.track == nil {
		return nil
	}
	return func(msg string) {
		if o.Log != nil {
			fmt.Fprintln(o.Log, msg)
		}
		o.track.point()
	}
}

// NaN is an absent standard error (Comparison.OursSE, ReferenceSE).
func NaN() float64 { return math.NaN() }

// CheckLine is a summary line for one pass/fail check of a reproduction:
// "ok NAME: DETAIL" or "FAILED NAME: DETAIL".
func CheckLine(name string, pass bool, detail string) string {
	mark := "ok"
	if !pass {
		mark = "FAILED"
	}
	return fmt.Sprintf("%s %s: %s", mark, name, detail)
}

// Ftoa writes x in the shortest form that reads back exactly.
func Ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
