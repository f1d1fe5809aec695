package papers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/landauer-dev/landauer/internal/safeio"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/fullcontrol"
	"github.com/landauer-dev/landauer/papers/gavrilov2016"
	"github.com/landauer-dev/landauer/papers/gavrilov2017"
	"github.com/landauer-dev/landauer/papers/nestbench25"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
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
}

// Paper is one reproducible published result.
type Paper struct {
	Name     string // e.g. "jun2014", the argument of `landauer paper`
	Title    string // what is reproduced, in a line
	Citation string // the reference
	// ProtocolFile says whether the paper takes Options.ProtocolFile.
	ProtocolFile bool
	// Run reproduces the paper. Bad options and unreadable protocol
	// files are returned as *InputError.
	Run func(ctx context.Context, o Options) (*Report, error)
}

// InputError is an error in the options given to Paper.Run (not in the
// computation): the command line exits with status 2 on it.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErrorf(format string, a ...any) error {
	return &InputError{fmt.Errorf(format, a...)}
}

// List returns the reproducible papers, in a fixed order. The list is
// built afresh on every call.
func List() []Paper {
	ps := []Paper{
		{
			Name:         "nestbench25",
			Title:        `NESTbench25 "erasure": underdamped bit (f₀ = 1090 Hz, Q = 7) erased in half a period; default protocol ≈ 0.48 error`,
			Citation:     "Whitelam, Casert, Engel & Tamblyn, Benchmarks for protocol control in nonequilibrium statistical mechanics, arXiv:2506.15122 (2025)",
			ProtocolFile: true,
			Run:          runNestbench25,
		},
		{
			Name:     "jun2014",
			Title:    "feedback-trap erasure at E_b = 13 kT, Supplement Table II protocol, A = 0.5 and 0: ⟨W⟩ = W∞ + a/τ (τ in τ0 = 4 t0) against Table I",
			Citation: "Jun, Gavrilov & Bechhoefer, High-precision test of Landauer's principle in a feedback trap, Phys. Rev. Lett. 113, 190601 (2014)",
			Run:      runJun2014,
		},
		{
			Name:     "berut2012",
			Title:    "colloid in a laser double well (cited setup, τ in s): heat during the tilt against ln 2 + 8.15 s/τ, success saturating near 95 %, success-rate bound",
			Citation: "Bérut, Arakelyan, Petrosyan, Ciliberto, Dillenschneider & Lutz, Experimental verification of Landauer's principle linking information and thermodynamics, Nature 483, 187 (2012)",
			Run:      runBerut2012,
		},
		{
			Name:     "gavrilov2016",
			Title:    "asymmetric double well: erasing into the wide well costs −kT ln p0_eq < kT ln 2",
			Citation: "Gavrilov & Bechhoefer, Erasure without work in an asymmetric double-well potential, Phys. Rev. Lett. 117, 200601 (2016)",
			Run:      runGavrilov2016,
		},
		{
			Name:     "gavrilov2017",
			Title:    "stretched Jun well (E_b = 13 kT, p0 = 1/4): time-asymmetric erasure below kT ln 2 towards ΔF_neq = kT H(p0) or −kT ln(1 − p0), time-symmetric stuck above; W ≥ ΔF_neq per run",
			Citation: "Gavrilov, Chétrite & Bechhoefer, Direct measurement of weakly nonequilibrium system entropy is consistent with Gibbs–Shannon form, Proc. Natl. Acad. Sci. USA 114, 11097 (2017)",
			Run:      runGavrilov2017,
		},
		{
			Name:     "proesmans2020",
			Title:    "finite-time full-control bound W ≥ kT[ln 2 − H(ε)] + kT W₂²/(Dτ) against four-stage erasure",
			Citation: "Proesmans, Ehrich & Bechhoefer, Finite-time Landauer principle, Phys. Rev. Lett. 125, 100602 (2020); Phys. Rev. E 102, 032105 (2020)",
			Run:      runProesmans2020,
		},
		{
			Name:     "proesmans2020-controls",
			Title:    "Jun's 13 kT bit: least work with the experiment's controls g, f (optimiser) vs g, f + shape vs full-control W_min vs the Table II protocol, in Table I's unit Var/(Dτ)",
			Citation: "Proesmans, Ehrich & Bechhoefer, Finite-time Landauer principle, Phys. Rev. Lett. 125, 100602 (2020), Table I; Jun, Gavrilov & Bechhoefer, Phys. Rev. Lett. 113, 190601 (2014)",
			Run:      runFullControl,
		},
		{
			Name:     "dago2021",
			Title:    "underdamped cantilever: work and kinetic temperature of fast erasure vs quality factor",
			Citation: "Dago, Pereda, Barros, Ciliberto & Bellon, Information and thermodynamics: fast and precise approach to Landauer's bound in an underdamped micromechanical oscillator, Phys. Rev. Lett. 126, 170601 (2021)",
			Run:      runDago2021,
		},
		{
			Name:     "daemonicsigil",
			Title:    "two-state bit: sudden vs slow raise, speed limit Γτ = ln(1/(2ε)), least work; and the lifted-well counterpart",
			Citation: "DaemonicSigil, Time and Energy Costs to Erase a Bit, LessWrong (2023)",
			Run:      runDaemonicSigil,
		},
		{
			Name:     "landauer1961",
			Title:    "Landauer's reset with the barrier kept: ε ≈ e^{−2Δ}, ⟨W⟩ ≈ kT ln(1/ε) per switch, relaxation (1/τ0)cosh Δ, three error sources; four-stage ≈ kT ln 2",
			Citation: "Landauer, Irreversibility and heat generation in the computing process, IBM J. Res. Dev. 5, 183 (1961)",
			Run:      runLandauer1961,
		},
	}
	for i := range ps {
		p := &ps[i]
		p.Run = checked(*p, p.Run)
	}
	return ps
}

// Names returns the names of List, in order.
func Names() []string {
	var names []string
	for _, p := range List() {
		names = append(names, p.Name)
	}
	return names
}

// Lookup finds a paper by name; the error lists the names there are.
func Lookup(name string) (Paper, error) {
	ps := List()
	i := slices.IndexFunc(ps, func(p Paper) bool { return p.Name == name })
	if i < 0 {
		return Paper{}, fmt.Errorf("papers: no paper %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return ps[i], nil
}

// checked wraps a paper's Run with the checks of the options common to all
// papers, and names the paper in the report.
func checked(p Paper, run func(context.Context, Options) (*Report, error)) func(context.Context, Options) (*Report, error) {
	return func(ctx context.Context, o Options) (*Report, error) {
		switch {
		case o.Trajectories < 0:
			return nil, inputErrorf("%s: trajectories must be >= 0, got %d", p.Name, o.Trajectories)
		case o.Workers < 0:
			return nil, inputErrorf("%s: workers must be >= 0, got %d", p.Name, o.Workers)
		case o.ProtocolFile != "" && !p.ProtocolFile:
			return nil, inputErrorf("%s takes no protocol file (papers that do: %s)", p.Name, strings.Join(protocolFilePapers(), ", "))
		}
		r, err := run(ctx, o)
		if err != nil {
			return nil, err
		}
		r.Paper, r.Title, r.Citation = p.Name, p.Title, p.Citation
		return r, nil
	}
}

func protocolFilePapers() []string {
	var names []string
	for _, p := range List() {
		if p.ProtocolFile {
			names = append(names, p.Name)
		}
	}
	return names
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

func (r *Report) add(name string, v any, unit string) {
	r.Values = append(r.Values, Value{Name: name, Value: v, Unit: unit})
}

func (r *Report) linef(format string, a ...any) {
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
			return fmt.Errorf("papers: %s: %v", k, err)
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
			return nil, fmt.Errorf("papers: value %q shadows a report field", v.Name)
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
	return fmt.Errorf("papers: unknown format %q (have table, json)", format)
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

// save writes the figure as out/base.{png,svg,tex} and out/base.csv and
// records the files in the report. Nothing is written when out is "".
func (r *Report) save(fig *plots.Figure, out, base string) error {
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
		r.linef("figure: %s", w)
	}
	return nil
}

func progress(o Options) func(string) {
	if o.Log == nil {
		return nil
	}
	return func(msg string) { fmt.Fprintln(o.Log, msg) }
}

// nan is an absent standard error.
func nan() float64 { return math.NaN() }

func runNestbench25(ctx context.Context, o Options) (*Report, error) {
	su := nestbench25.Setup{Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers}
	if su.Trajectories == 0 && o.Quick {
		su.Trajectories = 10000
	}
	label := "default"
	if o.ProtocolFile != "" {
		f, err := os.Open(o.ProtocolFile)
		if err != nil {
			return nil, &InputError{err}
		}
		su.Table, err = nestbench25.ParseTable(safeio.LimitReader(f, 0, o.ProtocolFile))
		f.Close()
		if err != nil {
			return nil, &InputError{fmt.Errorf("%s: %v", o.ProtocolFile, err)}
		}
		label = filepath.Base(o.ProtocolFile)
	}
	res, err := nestbench25.Run(ctx, su)
	if err != nil {
		return nil, err
	}
	r := &Report{Results: []erasure.Result{*res}}
	r.add("protocol", label, "")
	if su.Table != nil {
		r.add("protocol_rows", su.Table.Len(), "")
	}
	r.add("error_rate", res.ErrorRate.Value, "")
	r.add("error_low", res.ErrorInterval.Low, "")
	r.add("error_high", res.ErrorInterval.High, "")
	r.add("errors", res.Errors, "")
	r.add("trajectories", res.Trajectories, "")
	r.add("work_mean", res.Work.Value, "kT")
	r.add("work_sem", res.Work.StandardError(), "kT")
	r.add("heat_mean", res.Heat.Value, "kT")
	r.add("heat_sem", res.Heat.StandardError(), "kT")
	if res.KineticTemperature != nil {
		r.add("kinetic_temperature", res.KineticTemperature.Value, "kT")
	}
	r.linef("%s protocol, %d trajectories × %d steps (dt = %.4g /ω₀ = 0.1 µs), seed %d",
		label, res.Trajectories, res.Steps, res.Dt, res.Seed)
	r.linef("error rate P(x > 0) after t_f + one period: %.4f, 95 %% interval [%.4f, %.4f]", res.ErrorRate.Value, res.ErrorInterval.Low, res.ErrorInterval.High)
	r.linef("⟨W⟩ = %.4g ± %.2g kT, ⟨Q⟩ = %.4g ± %.2g kT dissipated", res.Work.Value, res.Work.StandardError(), res.Heat.Value, res.Heat.StandardError())
	if su.Table == nil {
		se := math.Sqrt(res.ErrorRate.Value * (1 - res.ErrorRate.Value) / float64(res.Trajectories))
		r.Comparisons = append(r.Comparisons, Comparison{
			Quantity: "error rate, default protocol", Ours: res.ErrorRate.Value, OursSE: se,
			Reference: nestbench25.ReferenceError, ReferenceSE: nan(),
			Source: "NESTbench25 tests/test_benchmarks.py (0.478); PHYSICS.md §5 (about 48 %)",
		})
	}
	s, err := nestbench25.Study(su.Table)
	if err != nil {
		return nil, err
	}
	fig, err := nestbench25.Figure(s, res, label)
	if err != nil {
		return nil, err
	}
	return r, r.save(fig, o.Out, "nestbench25")
}

// sweepLines adds one summary line per point of a Monte Carlo sweep with its
// Fokker–Planck twin.
func sweepLines(r *Report, mc, fp []erasure.Result, heat bool) {
	for i, m := range mc {
		v, se, exact, what := m.Work.Value, m.Work.StandardError(), fp[i].Work.Value, "⟨W⟩"
		if heat {
			v, se, exact, what = m.Heat.Value, m.Heat.StandardError(), fp[i].Heat.Value, "⟨Q⟩"
		}
		r.linef("τ = %-5g %s = %.4f ± %.4f kT (Fokker–Planck %.4f), success %.4f [%.4f, %.4f], %d trajectories",
			m.Duration, what, v, se, exact, 1-m.ErrorRate.Value, 1-m.ErrorInterval.High, 1-m.ErrorInterval.Low, m.Trajectories)
	}
	r.Results = append(append(r.Results, mc...), fp...)
}

func runGavrilov2016(ctx context.Context, o Options) (*Report, error) {
	out, err := gavrilov2016.Run(ctx, gavrilov2016.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: progress(o)})
	if err != nil {
		return nil, err
	}
	r := &Report{}
	sweepLines(r, out.MonteCarlo, out.FokkerPlanck, false)
	f, g := out.Fit, out.FPFit
	slow := out.MonteCarlo[len(out.MonteCarlo)-1]
	r.linef("p0_eq (wide well) = %.6f exactly; bound −kT ln p0_eq = %.4f kT < kT ln 2 = %.4f", out.P0, out.Bound, math.Ln2)
	r.linef("slowest τ = %g: ⟨W⟩ = %.4f ± %.4f kT, %.1f SE below kT ln 2 and %.1f SE above the bound",
		slow.Duration, slow.Work.Value, slow.Work.StandardError(), (math.Ln2-slow.Work.Value)/slow.Work.StandardError(), (slow.Work.Value-out.Bound)/slow.Work.StandardError())
	r.linef("fit ⟨W⟩ = W∞ + B/τ over τ ≥ %g: W∞ = %.4f ± %.4f kT, B = %.2f ± %.2f kT·t0; Fokker–Planck: W∞ = %.4f kT, B = %.2f kT·t0",
		gavrilov2016.FitMin, f.WInf, f.WInfSE, f.B, f.BSE, g.WInf, g.B)
	r.add("p0_eq", out.P0, "")
	r.add("bound", out.Bound, "kT")
	r.add("slowest_tau", slow.Duration, "t0")
	r.add("slowest_work_mean", slow.Work.Value, "kT")
	r.add("slowest_work_sem", slow.Work.StandardError(), "kT")
	r.add("w_inf", f.WInf, "kT")
	r.add("w_inf_se", f.WInfSE, "kT")
	r.add("b", f.B, "kT t0")
	r.add("b_se", f.BSE, "kT t0")
	r.add("fp_w_inf", g.WInf, "kT")
	r.add("fp_b", g.B, "kT t0")
	r.Comparisons = append(r.Comparisons,
		Comparison{"W∞ vs −kT ln p0_eq", f.WInf, f.WInfSE, out.Bound, nan(), "Gavrilov & Bechhoefer 2016 (exact p0_eq from the partition functions)"},
		Comparison{"slowest ⟨W⟩ vs kT ln 2", slow.Work.Value, slow.Work.StandardError(), math.Ln2, nan(), "below kT ln 2 (Gavrilov & Bechhoefer 2016)"},
	)
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	return r, r.save(fig, o.Out, "gavrilov2016")
}

func runGavrilov2017(ctx context.Context, o Options) (*Report, error) {
	cases, err := gavrilov2017.Run(ctx, gavrilov2017.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: progress(o)})
	if err != nil {
		return nil, err
	}
	r := &Report{}
	h, e := gavrilov2017.Entropy(gavrilov2017.P0), -math.Log(1-gavrilov2017.P0)
	r.linef("p0 = %g in the right well, erased into the left; ε = 0 bounds: kT H(p0) = %.4f kT (η = 1), −kT ln(1 − p0) = %.4f kT (η = 3); kT ln 2 = %.4f", gavrilov2017.P0, h, e, math.Ln2)
	r.add("p0", gavrilov2017.P0, "")
	r.add("bound_symmetric_storage", h, "kT")
	r.add("bound_equilibrium_storage", e, "kT")
	keys := []string{"asym_eta1", "sym_eta1", "asym_eta3", "sym_eta3"}
	for ci, c := range cases {
		for _, p := range c.MonteCarlo {
			r.linef("%s, τ = %g τ0: Monte Carlo ⟨W⟩ = %.4f ± %.4f kT, ε = %.2g [%.2g, %.2g] (95 %%, strata mixed conservatively), bound %.4f kT (%d trajectories)",
				c.Name(), p.Tau, p.Work, p.WorkSE, p.Error, p.ErrorLow, p.ErrorHigh, p.Bound, p.Trajectories)
			r.Results = append(r.Results, p.Results...)
		}
		for _, p := range c.FokkerPlanck {
			r.linef("%s, τ = %g τ0: Fokker–Planck ⟨W⟩ = %.4f kT (±%.1g), ε = %.2g, ΔF_neq = %.4f kT, excess %.4f kT",
				c.Name(), p.Tau, p.Work, p.WorkSE, p.Error, p.BoundExact, p.Work-p.BoundExact)
			r.Results = append(r.Results, p.Results...)
		}
		slow := c.FokkerPlanck[len(c.FokkerPlanck)-1]
		r.add(keys[ci]+"_slowest_tau", slow.Tau, "tau0")
		r.add(keys[ci]+"_slowest_fp_work", slow.Work, "kT")
		r.add(keys[ci]+"_slowest_fp_bound", slow.BoundExact, "kT")
		if n := len(c.MonteCarlo); n > 0 {
			m := c.MonteCarlo[n-1]
			r.add(keys[ci]+"_mc_work", m.Work, "kT")
			r.add(keys[ci]+"_mc_work_se", m.WorkSE, "kT")
			r.Comparisons = append(r.Comparisons, Comparison{
				Quantity: fmt.Sprintf("%s, τ = %g τ0: ⟨W⟩ vs its bound", c.Name(), m.Tau), Ours: m.Work, OursSE: m.WorkSE,
				Reference: m.Bound, ReferenceSE: nan(), Source: "second law with D_KL (Gavrilov, Chétrite & Bechhoefer 2017)",
			})
		}
	}
	fig, err := gavrilov2017.Figure(cases)
	if err != nil {
		return nil, err
	}
	return r, r.save(fig, o.Out, "gavrilov2017")
}

func runFullControl(ctx context.Context, o Options) (*Report, error) {
	rows, err := fullcontrol.Run(ctx, fullcontrol.Setup{Quick: o.Quick, Progress: progress(o)})
	if err != nil {
		return nil, err
	}
	r := &Report{}
	for _, row := range rows {
		r.linef("τ = %g t0: Table II %.4f kT (%.2f Var/(Dτ)); best g, f %.4f ± %.1g kT (%.2f); g, f + shape %.4f ± %.1g kT (%.2f); W_min %.4f kT (%.2f); W_min,leq %.4f kT (%.2f)",
			row.Tau, row.TableII, row.Coefficient(row.TableII), row.Experiment, row.ExpErr, row.Coefficient(row.Experiment),
			row.Shaped, row.ShapedErr, row.Coefficient(row.Shaped), row.WMin, row.Coefficient(row.WMin), row.WMinLeq, row.Coefficient(row.WMinLeq))
		key := fmt.Sprintf("tau%g_", row.Tau)
		r.add(key+"gf_coefficient", row.Coefficient(row.Experiment), "")
		r.add(key+"shaped_coefficient", row.Coefficient(row.Shaped), "")
		r.add(key+"wmin_coefficient", row.Coefficient(row.WMin), "")
		r.add(key+"table2_coefficient", row.Coefficient(row.TableII), "")
		r.Comparisons = append(r.Comparisons, Comparison{
			Quantity: fmt.Sprintf("τ = %g t0: W_min,leq coefficient", row.Tau), Ours: row.Coefficient(row.WMinLeq), OursSE: nan(),
			Reference: proesmans2020.PaperJunOptimum, ReferenceSE: 0.005, Source: "Proesmans et al. 2020, Table I",
		})
	}
	return r, nil
}
