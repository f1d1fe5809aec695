package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/wells"
	"github.com/landauer-dev/landauer/wells/storage"
)

const wellSynopsis = "well [study.toml | --config study.toml] [--control NAME=V,...] [--storage T] [--barrier-for ERROR --storage T] [--format table|json] [-o FILE]"

const wellAbout = `Storage properties of the config's potential at rest (or at --control):
its wells and barrier, the exact mean first-passage time (MFPT) between
the minima, Kramers' rate, the slowest relaxation rate λ₁ of the
Fokker–Planck generator, and with --storage T the retention error after a
storage time T (two-state reduction and an exact Fokker–Planck hold run).
--barrier-for ERROR --storage T finds the barrier parameter for which the
retention error after T is ERROR. The bath (dynamics.temperature,
dynamics.friction) and the divide (measure.divide) come from the config;
the numbers are those of overdamped dynamics. Times in t0 = γL²/kT.
`

// wellOutput is the JSON of landauer well: the storage report, plus the
// barrier search when one was asked for.
type wellOutput struct {
	SchemaVersion int `json:"schema_version"`
	*storage.Report
	Dynamics   string          `json:"dynamics"`
	Note       string          `json:"note,omitempty"`
	BarrierFor *barrierForJSON `json:"barrier_for,omitempty"`
	Version    string          `json:"version"`
}

type barrierForJSON struct {
	Target    float64 `json:"target"`    // retention error asked for
	Storage   float64 `json:"storage"`   // t0
	Parameter string  `json:"parameter"` // the potential's parameter searched
	Value     float64 `json:"value"`     // its value (the report above is at this value)
}

// parseControl parses "g=0.5,f=0.1".
func parseControl(s string) (map[string]float64, error) {
	m := map[string]float64{}
	if s == "" {
		return m, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || k == "" {
			return nil, badInput("--control: %q is not NAME=VALUE", kv)
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, badInput("--control: %s = %q is not a finite number", k, v)
		}
		if _, dup := m[k]; dup {
			return nil, badInput("--control: %s given twice", k)
		}
		m[k] = x
	}
	return m, nil
}

// potentialSpec returns the config's potential kind and numeric parameters.
func potentialSpec(cfg *erasure.Config) (string, map[string]float64, error) {
	kind, _ := cfg.Potential["kind"].(string)
	params := map[string]float64{}
	for k, v := range cfg.Potential {
		switch x := v.(type) {
		case int64:
			params[k] = float64(x)
		case float64:
			params[k] = x
		case string:
			if k != "kind" {
				return "", nil, badInput("config: potential.%s must be a number, got %q", k, x)
			}
		}
	}
	return kind, params, nil
}

func cmdWell(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("well", wellSynopsis, stderr)
	usage := fs.Usage
	fs.Usage = func() { fmt.Fprint(stderr, wellAbout, "\n"); usage() }
	config := fs.String("config", "", "study config file (TOML), or give it as the argument; the embedded default study when neither")
	control := fs.String("control", "", "control values, e.g. g=0.5,f=0.1 (the others stay at rest)")
	storageT := fs.Float64("storage", 0, "storage time T (t0) for the retention error")
	target := fs.Float64("barrier-for", 0, "find the barrier parameter whose retention error after --storage is this (0 < ERROR < 0.5)")
	cells := fs.Int("cells", 4000, "Fokker–Planck cells of the finer relaxation-rate grid (the coarser has half)")
	noFP := fs.Bool("no-fokker-planck", false, "skip the exact Fokker–Planck hold runs of the retention error (report the two-state value)")
	format := fs.String("format", "table", "output format: table or json (inferred from -o's extension .json/.txt when not given)")
	out := fs.String("o", "", "write the result to this file (atomically) instead of standard output")
	if err := parseConfigArgs(fs, args, config); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["format"] && *out != "" {
		if f := formatFromPath(*out); f == results.FormatJSON || f == results.FormatTable {
			*format = f
		}
	}
	if *format != "table" && *format != "json" {
		return badInput("--format must be table or json, got %q", *format)
	}
	if set["storage"] && !(*storageT > 0 && !math.IsInf(*storageT, 1)) {
		return badInput("--storage must be finite and > 0, got %v", *storageT)
	}
	if set["barrier-for"] {
		if !(*target > 0 && *target < 0.5) {
			return badInput("--barrier-for must be in (0, 0.5), got %v", *target)
		}
		if !set["storage"] {
			return badInput("--barrier-for needs --storage T (the time the bit must hold)")
		}
	}
	if *cells < 20 || *cells > 1<<22 {
		return badInput("--cells must be in [20, 2^22], got %d", *cells)
	}
	ctl, err := parseControl(*control)
	if err != nil {
		return err
	}
	data := []byte(erasure.DefaultStudy)
	if *config != "" {
		if data, err = readStudyConfig(*config); err != nil {
			return err
		}
	}
	cfg, err := erasure.ParseConfig(data)
	if err != nil {
		return badInput("%v", err)
	}
	s, err := cfg.Study()
	if err != nil {
		return badInput("%v", err)
	}
	o := storage.Options{Temperature: s.Dynamics.Temperature, Friction: s.Dynamics.Friction, Divide: s.Divide,
		Cells: *cells, Storage: *storageT, NoFokkerPlanck: *noFP}
	res := wellOutput{SchemaVersion: 1, Dynamics: "overdamped", Version: results.Version()}
	if s.Dynamics.Kind == langevin.Underdamped {
		res.Note = "the config's dynamics is underdamped; these are the overdamped (Smoluchowski) numbers for the same friction, valid when γ/m is large against the well frequencies"
	}
	pot := s.Potential
	if set["barrier-for"] {
		kind, params, err := potentialSpec(cfg)
		if err != nil {
			return err
		}
		param, ok := storage.BarrierParam(kind)
		if !ok {
			return badInput("--barrier-for: the %s potential has no barrier parameter", kind)
		}
		v, err := storage.BarrierFor(kind, params, param, ctl, *target, o)
		if err != nil {
			return err
		}
		params[param] = v
		if pot, err = wells.New(kind, params); err != nil {
			return badInput("%v", err)
		}
		res.BarrierFor = &barrierForJSON{Target: *target, Storage: *storageT, Parameter: param, Value: v}
	}
	c, err := storage.ControlOf(pot, ctl)
	if err != nil {
		return badInput("--control: %v", err)
	}
	if res.Report, err = storage.Analyze(ctx, pot, c, o); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	var buf bytes.Buffer
	if *format == "json" {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(append(b, '\n'))
	} else {
		writeWellTable(&buf, &res)
	}
	if *out != "" {
		return erasure.WriteFileAtomic(*out, buf.Bytes())
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}

func writeWellTable(w io.Writer, res *wellOutput) {
	r := res.Report
	var ctl []string
	for k, v := range r.Control {
		ctl = append(ctl, fmt.Sprintf("%s = %g", k, v))
	}
	sort.Strings(ctl)
	at := "no controls"
	if len(ctl) > 0 {
		at = strings.Join(ctl, ", ")
	}
	fmt.Fprintf(w, "%s potential at %s; bath kT = %g, γ = %g (D = %g); walls at %.4g and %.4g\n",
		r.Potential, at, r.Temperature, r.Friction, r.Temperature/r.Friction, r.Domain[0], r.Domain[1])
	if res.Note != "" {
		fmt.Fprintf(w, "note: %s\n", res.Note)
	}
	if b := res.BarrierFor; b != nil {
		fmt.Fprintf(w, "barrier for a retention error of %g after %g t0: %s = %.10g\n", b.Target, b.Storage, b.Parameter, b.Value)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nquantity\tvalue\t± error\tunit\thow")
	// Positions within 1e-9 of the domain width of 0, and energies within
	// 1e-12 of the energy scale of 0, are rounding: shown as 0.
	uscale := 1.0
	for _, p := range append(append([]storage.Point{}, r.Minima...), r.Maxima...) {
		uscale = max(uscale, math.Abs(p.U))
	}
	clean := func(v, scale float64) float64 {
		if math.Abs(v) < scale {
			return 0
		}
		return v
	}
	point := func(kind string, p storage.Point) {
		p.X, p.U = clean(p.X, 1e-9*(r.Domain[1]-r.Domain[0])), clean(p.U, 1e-12*uscale)
		curv := fmt.Sprintf("U'' = %.6g kT/L²", p.Curvature)
		if p.Cusp {
			curv = fmt.Sprintf("cusp, |U'| = %.6g | %.6g kT/L", p.SlopeLeft, p.SlopeRight)
		}
		fmt.Fprintf(tw, "%s at x = %.6g\t%.6g\t\tkT\tU; %s\n", kind, p.X, p.U, curv)
	}
	for _, m := range r.Minima {
		point("minimum", m)
	}
	for _, m := range r.Maxima {
		point("maximum", m)
	}
	if r.Barrier == nil {
		fmt.Fprintf(tw, "barrier\t—\t\t\tno well on one side of x = %g: nothing is stored\n", r.Divide)
	} else {
		fmt.Fprintf(tw, "barrier from the left well\t%.6g\t\tkT\tU(top) − U(left)\n", *r.Barrier)
		fmt.Fprintf(tw, "barrier from the right well\t%.6g\t\tkT\tU(top) − U(right)\n", *r.BarrierBack)
		fmt.Fprintf(tw, "MFPT left → right minimum\t%.8g\t%.1e\tt0\texact quadrature (ln = %.8g)\n", r.MFPT.Value, r.MFPT.Err, r.MFPT.Log)
		fmt.Fprintf(tw, "MFPT right → left minimum\t%.8g\t%.1e\tt0\texact quadrature (ln = %.8g)\n", r.MFPTBack.Value, r.MFPTBack.Err, r.MFPTBack.Log)
		if r.Kramers != nil {
			fmt.Fprintf(tw, "Kramers rate left → right\t%.6g\t\t1/t0\thigh-barrier asymptote (1/MFPT = %.6g)\n", *r.Kramers, 1/r.MFPT.Value)
		}
		if r.KramersBack != nil {
			fmt.Fprintf(tw, "Kramers rate right → left\t%.6g\t\t1/t0\thigh-barrier asymptote (1/MFPT = %.6g)\n", *r.KramersBack, 1/r.MFPTBack.Value)
		}
	}
	fmt.Fprintf(tw, "slowest relaxation rate λ₁\t%.8g\t%.1e\t1/t0\tFokker–Planck spectrum, %d and %d cells extrapolated\n",
		r.RelaxationRate.Value, r.RelaxationRate.Err, r.RelaxationGrid[0], r.RelaxationGrid[1])
	if q := r.Retention; q != nil {
		fmt.Fprintf(tw, "retention error after %g t0\t%.6g\t\t\treported: %s, worse of the two wells\n", q.Storage, q.Error, q.Method)
		fmt.Fprintf(tw, "  two-state, from left | right\t%.6g | %.6g\t\t\tk₊/(k₊+k₋)(1 − e^{−(k₊+k₋)t}), k = 1/MFPT\n", q.TwoState, q.TwoStateBack)
		if q.FokkerPlanck != nil {
			fmt.Fprintf(tw, "  Fokker–Planck hold, from left\t%.6g\t%.1e\t\texact, from the left well's local equilibrium\n", q.FokkerPlanck.Value, q.FokkerPlanck.Err)
			fmt.Fprintf(tw, "  Fokker–Planck hold, from right\t%.6g\t%.1e\t\texact, from the right well's local equilibrium\n", q.FokkerPlanckBack.Value, q.FokkerPlanckBack.Err)
		}
	} else if r.Barrier != nil {
		fmt.Fprintf(tw, "retention error\t\t\t\tgive --storage T\n")
	}
	tw.Flush()
}
