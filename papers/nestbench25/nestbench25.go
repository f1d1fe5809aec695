// Package nestbench25 reproduces the "erasure" problem of the NESTbench25
// benchmarks (Whitelam, Casert, Engel & Tamblyn, "Benchmarks for protocol
// control in nonequilibrium statistical mechanics", arXiv:2506.15122): an
// underdamped cantilever-like oscillator in the benchmark double well,
// erased in half an oscillation period. The objective is the error rate
// P(x > 0) after one further, quiescent period; the benchmark's default
// protocol gives about 0.48.
//
// Units (see README.md): x in units of √(kT/k), m = k = 1, so ω₀ = 1 and the
// time unit is 1/(2π f₀); γ = 1/Q; dt = 0.1 µs · 2π f₀.
package nestbench25

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
)

// Config is the embedded study (TOML): the default protocol, in the units
// above. `landauer run --config papers/nestbench25/nestbench25.toml` runs it.
//
//go:embed nestbench25.toml
var Config string

// The benchmark's physical parameters (NESTbench25 erasure/README.md and
// the constants at the top of erasure/engine_erasure.c).
const (
	F0          = 1090.0 // fundamental frequency f₀ of the oscillator (Hz)
	Q           = 7.0    // quality factor
	StepSeconds = 0.1e-6 // integration time step (s)
	C1Rest      = 5.0    // c₁ at the boundaries: wells at ±5, barrier c₁²/2 = 12.5 kT
	Rows        = 1000   // rows of the benchmark's protocol table over t_f
)

// ReferenceError is the benchmark's error rate for its default protocol:
// 0.478, the expected value in the NESTbench25 test suite
// (tests/test_benchmarks.py, QUICK["erasure"]); its README says "about 53%
// successful erasure", and PHYSICS.md §5 "about 48 % error".
const ReferenceError = 0.478

// Dimensionless times (time unit 1/ω₀ = 1/(2π f₀)) and friction.
const (
	// TimeUnitSeconds is 1/(2π f₀) ≈ 146.0 µs.
	TimeUnitSeconds = 1 / (2 * math.Pi * F0)
	// Tf is the erasure time, half a period: π.
	Tf = math.Pi
	// Quiescent is the hold at c = (0, 5) after t_f, one period: 2π.
	Quiescent = 2 * math.Pi
	// Dt is the time step 0.1 µs · 2π f₀ ≈ 6.849e-4.
	Dt = StepSeconds * 2 * math.Pi * F0
	// Friction is γ = mω₀/Q = 1/7.
	Friction = 1 / Q
)

// Table is a protocol in the benchmark's form: rows (c₀, c₁) evenly spaced
// over [0, t_f]. As in the benchmark's engine (update_potential in
// engine_erasure.c), row i holds over [i t_f/n, (i+1) t_f/n); at t = 0 the
// controls jump from the boundary value (0, 5), at which the bit starts in
// equilibrium, to row 0, and at t_f they return to (0, 5) for the quiescent
// period. Each jump costs the work U(x, after) − U(x, before).
type Table struct {
	C0, C1 []float64
}

// Len is the number of rows.
func (t *Table) Len() int { return len(t.C0) }

// MaxControl bounds the protocol table's values c0 and c1 (length units
// √(kT/k)): √(2·700) ≈ 37.4, so that the cusp barrier k·c1²/2 and the
// offsets k·c0·c1 stay within erasure.MaxEnergyRatio (700 kT) at k = 1,
// where e^{±E/kT} is representable; the benchmark's own protocol stays
// within 10.
const MaxControl = 37.4 // √(2 · erasure.MaxEnergyRatio) = 37.42, rounded down

// ParseTable reads a protocol table: one row "c0 c1" per line (blank lines
// and lines starting with # are skipped), at least one row. The benchmark's
// own files have Rows = 1000 rows; other lengths are accepted and spread
// evenly over t_f in the same way. Errors name the line. Every value must
// lie in [−MaxControl, MaxControl].
func ParseTable(r io.Reader) (*Table, error) {
	t := &Table{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 2 {
			return nil, fmt.Errorf("nestbench25: protocol line %d: want two numbers \"c0 c1\", got %d fields", line, len(f))
		}
		var v [2]float64
		for j, fs := range f {
			x, err := strconv.ParseFloat(fs, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("nestbench25: protocol line %d: %q is not a finite number", line, fs)
			}
			if math.Abs(x) > MaxControl {
				return nil, fmt.Errorf("nestbench25: protocol line %d: %s = %g is outside [-%g, %g] (the cusp barrier k·c1²/2 would pass %d kT)",
					line, [2]string{"c0", "c1"}[j], x, MaxControl, MaxControl, erasure.MaxEnergyRatio)
			}
			v[j] = x
		}
		t.C0 = append(t.C0, v[0])
		t.C1 = append(t.C1, v[1])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("nestbench25: protocol: %v", err)
	}
	if t.Len() == 0 {
		return nil, errors.New("nestbench25: protocol: no rows (want lines \"c0 c1\")")
	}
	return t, nil
}

// DefaultTable is the benchmark's default protocol as its engine tabulates
// it (load_default_protocol in engine_erasure.c): with s = i/(n − 1),
// (c₀, c₁) = (0, 5(1 − 2s)) for s < ½ and (10, 10(s − ½)) after. The embedded
// Config holds the same protocol as piecewise-linear keyframes.
func DefaultTable() *Table {
	t := &Table{C0: make([]float64, Rows), C1: make([]float64, Rows)}
	for i := range Rows {
		s := float64(i) / (Rows - 1)
		if s < 0.5 {
			t.C0[i], t.C1[i] = 0, C1Rest*(1-2*s)
		} else {
			t.C0[i], t.C1[i] = 10, 2*C1Rest*(s-0.5)
		}
	}
	return t
}

// Keyframes turns the table into the engine's keyframes (see Table for the
// timing): a jump at t = 0 from the rest controls (0, 5) to row 0, each row
// held for t_f/n with a jump to the next, a jump back to (0, 5) at t_f.
func (t *Table) Keyframes() map[string][][2]float64 {
	n := t.Len()
	h := Tf / float64(n)
	track := func(rows []float64, rest float64) [][2]float64 {
		pts := make([][2]float64, 0, 2*n+2)
		pts = append(pts, [2]float64{0, rest})
		for i, v := range rows {
			end := float64(i+1) * h
			if i == n-1 {
				end = Tf // exactly, whatever the rounding of n·h
			}
			pts = append(pts, [2]float64{float64(i) * h, v}, [2]float64{end, v})
		}
		return append(pts, [2]float64{Tf, rest})
	}
	return map[string][][2]float64{"c0": track(t.C0, 0), "c1": track(t.C1, C1Rest)}
}

// Study returns the benchmark study: the embedded Config, with the protocol
// replaced by the table's when t is not nil.
func Study(t *Table) (*erasure.Study, error) {
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		return nil, err
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, err
	}
	if t != nil {
		p, err := erasure.NewProtocol(erasure.KindKeyframes, s.Potential, Tf+Quiescent, nil, t.Keyframes())
		if err != nil {
			return nil, fmt.Errorf("nestbench25: %v", err)
		}
		s.Protocol = p
	}
	return s, nil
}

// Setup says how to run the benchmark.
type Setup struct {
	Table        *Table // nil: the default protocol of Config
	Trajectories int    // 0: Config's (100000)
	Seed         uint64
	Workers      int // 0: all cores
}

// Run samples the benchmark and returns its result: error_rate (with its
// 95 % Wilson interval), work_mean, heat_mean and the rest.
func Run(ctx context.Context, su Setup) (*erasure.Result, error) {
	s, err := Study(su.Table)
	if err != nil {
		return nil, err
	}
	if su.Trajectories > 0 {
		s.Trajectories = su.Trajectories
	}
	s.Seed, s.Workers = su.Seed, su.Workers
	return s.Run(ctx)
}

// Figure draws the protocol that was run, c₀(t) and c₁(t) over the erasure
// and the quiescent period (t in oscillation periods, 2π/ω₀), with the
// measured error rate in the legend.
func Figure(s *erasure.Study, r *erasure.Result, label string) (*plots.Figure, error) {
	const n = 3000 // samples over [0, 1.5 periods]: jumps look vertical
	T := s.Protocol.Duration()
	eps := fmt.Sprintf("%.3g [%.3g, %.3g]", r.ErrorRate.Value, r.ErrorInterval.Low, r.ErrorInterval.High)
	c0 := plots.Series{Label: fmt.Sprintf("c0, %s protocol", label), TeX: fmt.Sprintf(`$c_0$, %s protocol`, texText(label)), Line: true}
	c1 := plots.Series{Label: "c1, error " + eps, TeX: `$c_1$; $\varepsilon$ = ` + eps, Line: true}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range n + 1 {
		t := T * float64(i) / n
		c := s.Protocol.At(t)
		x := t / (2 * math.Pi)
		c0.Points = append(c0.Points, plots.Point{X: x, Y: c[0]})
		c1.Points = append(c1.Points, plots.Point{X: x, Y: c[1]})
		lo, hi = math.Min(lo, math.Min(c[0], c[1])), math.Max(hi, math.Max(c[0], c[1]))
	}
	span := hi - lo
	return plots.SeriesFigure([]plots.Series{c0, c1}, plots.SingleColumn(), plots.SeriesOptions{
		XLabel: `time $t f_0$ (periods)`,
		YLabel: `controls $c_0$, $c_1$ (units of $(kT/k)^{1/2}$)`,
		XName:  "t_periods", XUnit: "1/f0",
		YName: "control", YUnit: "sqrt(kT/k)",
		Y:      plots.Range{Min: lo - 0.05*span, Max: hi + 0.5*span}, // room for the legend
		Legend: plots.LegendTopRight,
	})
}

// texText escapes a file name for the LaTeX subset of the figure labels.
func texText(s string) string {
	r := strings.NewReplacer(`\`, `\textbackslash{}`, "_", `\_`, "%", `\%`, "&", `\&`, "#", `\#`, "$", `\$`, "{", `\{`, "}", `\}`, "^", `\textasciicircum{}`, "~", `\textasciitilde{}`)
	return r.Replace(s)
}
