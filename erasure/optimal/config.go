package optimal

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
)

// FileConfig is a study config (see erasure.Config) whose [protocol] table
// is replaced by an [optimize] table: what `landauer optimize` reads.
// Unknown keys are errors.
type FileConfig struct {
	Potential map[string]any         `toml:"potential"`
	Optimize  OptimizeConfig         `toml:"optimize"`
	Dynamics  erasure.DynamicsConfig `toml:"dynamics"`
	Initial   erasure.InitialConfig  `toml:"initial"`
	Measure   erasure.MeasureConfig  `toml:"measure"`
	Ensemble  erasure.EnsembleConfig `toml:"ensemble"`
	Solver    erasure.SolverConfig   `toml:"solver"`
}

// OptimizeConfig is the [optimize] table.
type OptimizeConfig struct {
	// Duration τ: a number, or a list of numbers (one optimisation each).
	Duration any `toml:"duration"`
	// Class: "asymmetric", "symmetric" or "full".
	Class string `toml:"class"`
	// Controls: the optimised controls' names (class full: all, may be
	// left out).
	Controls []string `toml:"controls"`
	// Bounds: control name → [low, high] (optional).
	Bounds map[string][]float64 `toml:"bounds"`
	// Start and End: control name → λ(0), λ(τ) (default the potential's
	// rest controls).
	Start map[string]float64 `toml:"start"`
	End   map[string]float64 `toml:"end"`
	// Nodes: K, interior nodes per control (default 12).
	Nodes *int `toml:"nodes"`
	// MaxError: ε_max, a number or a list (optional: no constraint).
	MaxError any `toml:"max_error"`
	// Settle: hold the end controls this long after τ before measuring
	// ε (Problem.Settle; default 0).
	Settle *float64 `toml:"settle"`
	// Cells and Steps: the optimisation grid (Settings.Cells, .Steps).
	Cells *int `toml:"cells"`
	Steps *int `toml:"steps"`
	// Starts: the initial protocols (Settings.Starts).
	Starts []string `toml:"starts"`
}

// ParseConfig decodes an optimisation config (strictly, as
// erasure.ParseConfig does).
func ParseConfig(data []byte) (*FileConfig, error) {
	var c FileConfig
	skip := func(k toml.Key) bool { return len(k) > 1 && k[0] == "potential" }
	if err := erasure.DecodeTOML(data, &c, skip); err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	if len(c.Potential) == 0 {
		return nil, fmt.Errorf("config: [potential] table is missing")
	}
	if c.Optimize.Duration == nil {
		return nil, fmt.Errorf("config: optimize.duration is missing (or the [optimize] table)")
	}
	return &c, nil
}

// numbers reads a number or a list of numbers.
func numbers(name string, v any) ([]float64, error) {
	one := func(x any) (float64, error) {
		switch t := x.(type) {
		case int64:
			return float64(t), nil
		case float64:
			if math.IsNaN(t) || math.IsInf(t, 0) {
				return 0, fmt.Errorf("config: %s must be finite, got %v", name, t)
			}
			return t, nil
		}
		return 0, fmt.Errorf("config: %s must be a number or a list of numbers, got %v", name, x)
	}
	if list, ok := v.([]any); ok {
		if len(list) == 0 {
			return nil, fmt.Errorf("config: %s is an empty list", name)
		}
		out := make([]float64, len(list))
		for i, x := range list {
			var err error
			if out[i], err = one(x); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	x, err := one(v)
	if err != nil {
		return nil, err
	}
	return []float64{x}, nil
}

// base is the config's study with a placeholder protocol of duration τ.
func (c *FileConfig) base(tau float64) (*erasure.Study, error) {
	ec := erasure.Config{
		Potential: c.Potential,
		Protocol:  map[string]any{"kind": erasure.KindHold, "duration": tau},
		Dynamics:  c.Dynamics, Initial: c.Initial, Measure: c.Measure, Ensemble: c.Ensemble, Solver: c.Solver,
	}
	return ec.Study()
}

// Problems returns one Problem per (duration, max_error) pair, durations
// outer, in the order given, and the settings the config asks for.
func (c *FileConfig) Problems() ([]Problem, Settings, error) {
	o := c.Optimize
	taus, err := numbers("optimize.duration", o.Duration)
	if err != nil {
		return nil, Settings{}, err
	}
	eps := []float64{0}
	if o.MaxError != nil {
		if eps, err = numbers("optimize.max_error", o.MaxError); err != nil {
			return nil, Settings{}, err
		}
		for _, e := range eps {
			if !(e > 0 && e < 0.5) {
				return nil, Settings{}, fmt.Errorf("config: optimize.max_error must be in (0, 0.5), got %v", e)
			}
		}
	}
	bounds := map[string][2]float64{}
	for name, b := range o.Bounds {
		if len(b) != 2 {
			return nil, Settings{}, fmt.Errorf("config: optimize.bounds.%s must be [low, high], got %v", name, b)
		}
		bounds[name] = [2]float64{b[0], b[1]}
	}
	var set Settings
	if o.Cells != nil {
		set.Cells = *o.Cells
		if set.Cells < 20 {
			return nil, Settings{}, fmt.Errorf("config: optimize.cells must be >= 20, got %d", set.Cells)
		}
	}
	if o.Steps != nil {
		set.Steps = *o.Steps
		if set.Steps < 4 {
			return nil, Settings{}, fmt.Errorf("config: optimize.steps must be >= 4, got %d", set.Steps)
		}
	}
	set.Starts = o.Starts
	nodes := DefaultNodes
	if o.Nodes != nil {
		nodes = *o.Nodes
		if nodes < 1 || nodes > 1000 {
			return nil, Settings{}, fmt.Errorf("config: optimize.nodes must be in [1, 1000], got %d", nodes)
		}
	}
	if c.Solver.Method != "" && c.Solver.Method != erasure.MonteCarlo && c.Solver.Method != erasure.FokkerPlanck {
		return nil, Settings{}, fmt.Errorf("config: solver.method must be %q or %q, got %q", erasure.MonteCarlo, erasure.FokkerPlanck, c.Solver.Method)
	}
	var settle float64
	if o.Settle != nil {
		settle = *o.Settle
		if !(settle >= 0) || math.IsInf(settle, 0) {
			return nil, Settings{}, fmt.Errorf("config: optimize.settle must be finite and >= 0, got %v", settle)
		}
	}
	var out []Problem
	for _, tau := range taus {
		if !(tau > 0) {
			return nil, Settings{}, fmt.Errorf("config: optimize.duration must be > 0, got %v", tau)
		}
		s, err := c.base(tau + settle)
		if err != nil {
			return nil, Settings{}, err
		}
		for _, e := range eps {
			out = append(out, Problem{Study: s, Duration: tau, Class: o.Class, Controls: o.Controls,
				Bounds: bounds, Start: o.Start, End: o.End, Nodes: nodes, MaxError: e, Settle: settle})
		}
	}
	return out, set, nil
}

// StudyTOML writes the optimum r as a complete study config: the tables of
// c with [protocol] kind = "keyframes" holding the optimum's nodes (jumps
// at 0 and τ as repeated times), so that `landauer run --config` runs it
// unchanged by Monte Carlo and (with --method fokker-planck) by
// Fokker–Planck. A comment header records the optimum's numbers.
func StudyTOML(c *FileConfig, r *Result) ([]byte, error) {
	kf := map[string]any{}
	for name, pts := range r.Keyframes {
		kf[name] = pts
	}
	ec := erasure.Config{
		Potential: c.Potential,
		Protocol:  map[string]any{"kind": erasure.KindKeyframes, "duration": r.Duration + r.Settle, "keyframes": kf},
		Dynamics:  c.Dynamics, Initial: c.Initial, Measure: c.Measure, Ensemble: c.Ensemble, Solver: c.Solver,
	}
	// Spell out the defaults (erasure.ConfigSchema's) rather than write
	// empty strings.
	def := func(s *string, key string) {
		if k, err := erasure.LookupKey(key); err == nil && *s == "" {
			*s, _ = k.Default.(string)
		}
	}
	def(&ec.Dynamics.Kind, "dynamics.kind")
	if ec.Dynamics.Integrator == "" { // its default depends on the kind
		ec.Dynamics.Integrator = langevin.Heun.String()
		if ec.Dynamics.Kind == "underdamped" {
			ec.Dynamics.Integrator = langevin.BAOAB.String()
		}
	}
	def(&ec.Initial.State, "initial.state")
	def(&ec.Measure.Target, "measure.target")
	def(&ec.Solver.Method, "solver.method")
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Optimal %s erasure protocol found by `landauer optimize` (Fokker–Planck adjoint, L-BFGS).\n", r.Class)
	fmt.Fprintf(&b, "# duration %g (+ %g settling at the end controls), %d interior nodes per control; start %q.\n", r.Duration, r.Settle, r.Nodes, r.Start)
	fmt.Fprintf(&b, "# Fokker–Planck re-solve: work %.8g ± %.2g kT, error rate %.6g ± %.2g.\n", r.Work, r.WorkErr, r.ErrorRate, r.ErrorRateErr)
	fmt.Fprintf(&b, "# Iterations %d, converged %v, constraint active %v.\n\n", r.Iterations, r.Converged, r.ConstraintActive)
	if err := toml.NewEncoder(&b).Encode(ec); err != nil {
		return nil, fmt.Errorf("optimize: writing the study: %v", err)
	}
	// Check that it reads back as the same protocol.
	back, err := erasure.ParseConfig(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("optimize: the written study does not parse: %v", err)
	}
	s, err := back.Study()
	if err != nil {
		return nil, fmt.Errorf("optimize: the written study is invalid: %v", err)
	}
	names := make([]string, 0, len(r.Keyframes))
	for n := range r.Keyframes {
		names = append(names, n)
	}
	sort.Strings(names)
	for k := 0; k <= 64; k++ {
		t := (r.Duration + r.Settle) * float64(k) / 64
		if s.Protocol.At(t) != r.Protocol.At(t) {
			return nil, fmt.Errorf("optimize: the written study's protocol differs from the optimum at t = %v (controls %s)", t, strings.Join(names, ", "))
		}
	}
	return b.Bytes(), nil
}
