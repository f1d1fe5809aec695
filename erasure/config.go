package erasure

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// DefaultStudy is the embedded default study (TOML): a four-stage erasure
// of an 8 kT jun bit, run by `landauer run` when no config is given.
//
//go:embed default.toml
var DefaultStudy string

// Config is a study as written in a TOML file. Every table and key is
// optional except potential.kind, protocol.kind and protocol.duration; the
// defaults are documented on each field. Unknown keys are errors.
type Config struct {
	// Potential: kind plus the kind's parameters (see wells.Kinds).
	Potential map[string]any `toml:"potential"`
	// Protocol: kind, duration, the kind's parameters, and for
	// kind = "keyframes" a table keyframes = { control = [[t, v], ...] }.
	Protocol map[string]any `toml:"protocol"`
	Dynamics DynamicsConfig `toml:"dynamics"`
	Initial  InitialConfig  `toml:"initial"`
	Measure  MeasureConfig  `toml:"measure"`
	Ensemble EnsembleConfig `toml:"ensemble"`
	Solver   SolverConfig   `toml:"solver"`
}

// DynamicsConfig is the [dynamics] table.
type DynamicsConfig struct {
	Kind string `toml:"kind"` // "overdamped" (default) or "underdamped"
	// Integrator: "heun" (overdamped default, weak order 2) or
	// "euler-maruyama" (weak order 1) when overdamped, "baoab" (the
	// default and only one) when underdamped.
	Integrator  string   `toml:"integrator"`
	Dt          *float64 `toml:"dt"`          // time step (default 1e-3)
	Friction    *float64 `toml:"friction"`    // γ (default 1)
	Mass        *float64 `toml:"mass"`        // m (default 1; underdamped only)
	Temperature *float64 `toml:"temperature"` // bath kT in units of the reference kT (default 1)
	Kelvin      *float64 `toml:"kelvin"`      // reference temperature for eV/J output (default 300)
}

// InitialConfig is the [initial] table.
type InitialConfig struct {
	State string `toml:"state"` // "equilibrium" (default), "left" or "right"
}

// MeasureConfig is the [measure] table.
type MeasureConfig struct {
	Target string   `toml:"target"` // "right" (default) or "left"
	Divide *float64 `toml:"divide"` // x of the divide between the wells (default 0)
}

// EnsembleConfig is the [ensemble] table.
type EnsembleConfig struct {
	Trajectories *int64 `toml:"trajectories"` // default 10000
	Seed         *int64 `toml:"seed"`         // default 1 (never the clock); >= 0
	Workers      *int   `toml:"workers"`      // 0 = all cores (default)
	BlockSize    *int   `toml:"block_size"`   // trajectories per random stream (default 512)
	// Kernel is the integrators' instruction set and with it the normal
	// generator: "auto" (default: the fastest this CPU runs), "scalar"
	// (portable; the same numbers on every machine), "avx2" or "avx512".
	Kernel string `toml:"kernel"`
}

// SolverConfig is the [solver] table.
type SolverConfig struct {
	Method string   `toml:"method"` // "monte-carlo" (default) or "fokker-planck"
	Cells  *int     `toml:"cells"`  // Fokker–Planck cells (default: the solver's)
	Dt     *float64 `toml:"dt"`     // Fokker–Planck time step (default: the solver's)
	// Snapshots keeps the Fokker–Planck density at that many evenly spaced
	// times (0 = none, else 2..64).
	Snapshots *int `toml:"snapshots"`
}

// ParseConfig decodes a TOML study. Unknown keys and wrongly typed values
// are errors naming the key.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	if err := DecodeTOML(data, &c, studyMapKey); err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}
	return &c, nil
}

func positive(name string, p *float64, def float64) (float64, error) {
	if p == nil {
		return def, nil
	}
	v := *p
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return 0, fmt.Errorf("config: %s must be finite and > 0, got %v", name, v)
	}
	return v, nil
}

// number converts a TOML number (int64 or float64) to float64.
func number(name string, v any) (float64, error) {
	var x float64
	switch t := v.(type) {
	case int64:
		x = float64(t)
	case float64:
		x = t
	default:
		return 0, fmt.Errorf("config: %s must be a number, got %v (%T)", name, v, v)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("config: %s must be finite, got %v", name, x)
	}
	return x, nil
}

// kindAndParams splits a [potential] or [protocol] table into its kind and
// numeric parameters, leaving out the keys in skip.
func kindAndParams(table string, m map[string]any, skip ...string) (string, map[string]float64, error) {
	if m == nil {
		return "", nil, fmt.Errorf("config: [%s] table is missing", table)
	}
	kv, ok := m["kind"]
	if !ok {
		return "", nil, fmt.Errorf("config: %s.kind is missing", table)
	}
	kind, ok := kv.(string)
	if !ok {
		return "", nil, fmt.Errorf("config: %s.kind must be a string, got %v", table, kv)
	}
	params := map[string]float64{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
outer:
	for _, k := range keys {
		if k == "kind" {
			continue
		}
		for _, s := range skip {
			if k == s {
				continue outer
			}
		}
		x, err := number(table+"."+k, m[k])
		if err != nil {
			return "", nil, err
		}
		params[k] = x
	}
	return kind, params, nil
}

func keyframes(v any) (map[string][][2]float64, error) {
	tab, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("config: protocol.keyframes must be a table of control = [[t, v], ...], got %v", v)
	}
	out := map[string][][2]float64{}
	for name, pts := range tab {
		field := "protocol.keyframes." + name
		list, ok := pts.([]any)
		if !ok {
			return nil, fmt.Errorf("config: %s must be a list of [t, v] pairs", field)
		}
		for i, p := range list {
			pair, ok := p.([]any)
			if !ok || len(pair) != 2 {
				return nil, fmt.Errorf("config: %s[%d] must be a [t, v] pair, got %v", field, i, p)
			}
			t, err := number(fmt.Sprintf("%s[%d] time", field, i), pair[0])
			if err != nil {
				return nil, err
			}
			x, err := number(fmt.Sprintf("%s[%d] value", field, i), pair[1])
			if err != nil {
				return nil, err
			}
			out[name] = append(out[name], [2]float64{t, x})
		}
	}
	return out, nil
}

// Study builds the study the config describes, with every default filled
// in. Errors are one line naming the offending key.
func (c *Config) Study() (*Study, error) {
	pkind, pparams, err := kindAndParams("potential", c.Potential)
	if err != nil {
		return nil, err
	}
	pot, err := wells.New(pkind, pparams)
	if err != nil {
		return nil, fmt.Errorf("config: potential: %v", err)
	}

	qkind, qparams, err := kindAndParams("protocol", c.Protocol, "duration", "keyframes")
	if err != nil {
		return nil, err
	}
	dv, ok := c.Protocol["duration"]
	if !ok {
		return nil, errors.New("config: protocol.duration is missing")
	}
	duration, err := number("protocol.duration", dv)
	if err != nil {
		return nil, err
	}
	if duration <= 0 {
		return nil, fmt.Errorf("config: protocol.duration must be > 0, got %v", duration)
	}
	var kf map[string][][2]float64
	if v, ok := c.Protocol["keyframes"]; ok {
		if kf, err = keyframes(v); err != nil {
			return nil, err
		}
	}
	proto, err := NewProtocol(qkind, pot, duration, qparams, kf)
	if err != nil {
		return nil, fmt.Errorf("config: %v", err)
	}

	s := &Study{Potential: pot, Protocol: proto}
	d := c.Dynamics
	switch d.Kind {
	case "", "overdamped":
		s.Dynamics.Kind = langevin.Overdamped
	case "underdamped":
		s.Dynamics.Kind = langevin.Underdamped
	default:
		return nil, fmt.Errorf("config: dynamics.kind must be \"overdamped\" or \"underdamped\", got %q", d.Kind)
	}
	if s.Dynamics.Integrator, err = langevin.ParseIntegrator(d.Integrator); err != nil {
		return nil, fmt.Errorf("config: dynamics.integrator: %v", err)
	}
	switch in := s.Dynamics.Integrator; {
	case s.Dynamics.Kind == langevin.Overdamped && in == langevin.BAOAB:
		return nil, errors.New("config: dynamics.integrator = \"baoab\" needs dynamics.kind = \"underdamped\"")
	case s.Dynamics.Kind == langevin.Underdamped && (in == langevin.Heun || in == langevin.EulerMaruyama):
		return nil, fmt.Errorf("config: dynamics.integrator = %q is overdamped only; underdamped dynamics use \"baoab\"", in)
	}
	if s.Dynamics.Dt, err = positive("dynamics.dt", d.Dt, 1e-3); err != nil {
		return nil, err
	}
	if s.Dynamics.Dt > duration {
		return nil, fmt.Errorf("config: dynamics.dt = %v exceeds protocol.duration = %v", s.Dynamics.Dt, duration)
	}
	if s.Dynamics.Friction, err = positive("dynamics.friction", d.Friction, 1); err != nil {
		return nil, err
	}
	if s.Dynamics.Mass, err = positive("dynamics.mass", d.Mass, 1); err != nil {
		return nil, err
	}
	if s.Dynamics.Temperature, err = positive("dynamics.temperature", d.Temperature, 1); err != nil {
		return nil, err
	}
	if s.Kelvin, err = positive("dynamics.kelvin", d.Kelvin, 300); err != nil {
		return nil, err
	}

	switch c.Initial.State {
	case "", "equilibrium":
	case "left":
		s.Side = -1
	case "right":
		s.Side = 1
	default:
		return nil, fmt.Errorf("config: initial.state must be \"equilibrium\", \"left\" or \"right\", got %q", c.Initial.State)
	}
	switch c.Measure.Target {
	case "", "right":
		s.Target = 1
	case "left":
		s.Target = -1
	default:
		return nil, fmt.Errorf("config: measure.target must be \"right\" or \"left\", got %q", c.Measure.Target)
	}
	if p := c.Measure.Divide; p != nil {
		if math.IsNaN(*p) || math.IsInf(*p, 0) {
			return nil, fmt.Errorf("config: measure.divide must be finite, got %v", *p)
		}
		s.Divide = *p
	}

	e := c.Ensemble
	s.Trajectories, s.Seed = 10000, 1
	if e.Trajectories != nil {
		if *e.Trajectories <= 0 || *e.Trajectories > MaxTrajectories {
			return nil, fmt.Errorf("config: ensemble.trajectories (--trajectories) must be in [1, 2^50], got %d", *e.Trajectories)
		}
		s.Trajectories = int(*e.Trajectories)
	}
	if e.Seed != nil {
		if *e.Seed < 0 {
			return nil, fmt.Errorf("config: ensemble.seed must be >= 0, got %d", *e.Seed)
		}
		s.Seed = uint64(*e.Seed)
	}
	if e.Workers != nil {
		if *e.Workers < 0 {
			return nil, fmt.Errorf("config: ensemble.workers must be >= 0, got %d", *e.Workers)
		}
		s.Workers = *e.Workers
	}
	if e.BlockSize != nil {
		if *e.BlockSize <= 0 || *e.BlockSize > 1<<20 {
			return nil, fmt.Errorf("config: ensemble.block_size must be in [1, 2^20], got %d", *e.BlockSize)
		}
		s.BlockSize = *e.BlockSize
	}
	if e.Kernel != "" {
		k, err := langevin.ParseKernel(e.Kernel)
		if err != nil {
			return nil, fmt.Errorf("config: ensemble.kernel must be auto, scalar, avx2 or avx512, got %q", e.Kernel)
		}
		if !k.Supported() {
			return nil, fmt.Errorf("config: ensemble.kernel = %q is not supported by this CPU (use auto or scalar)", e.Kernel)
		}
		s.Kernel = k
	}

	switch c.Solver.Method {
	case "", MonteCarlo:
		s.Method = MonteCarlo
	case FokkerPlanck:
		s.Method = FokkerPlanck
		if s.Dynamics.Kind != langevin.Overdamped {
			return nil, errors.New("config: solver.method = \"fokker-planck\" needs dynamics.kind = \"overdamped\"")
		}
	default:
		return nil, fmt.Errorf("config: solver.method must be %q or %q, got %q", MonteCarlo, FokkerPlanck, c.Solver.Method)
	}
	if p := c.Solver.Cells; p != nil {
		if *p < 10 || *p > 1<<24 {
			return nil, fmt.Errorf("config: solver.cells must be in [10, 2^24], got %d", *p)
		}
		s.Cells = *p
	}
	if s.FPDt, err = positive("solver.dt", c.Solver.Dt, 0); err != nil {
		return nil, err
	}
	if p := c.Solver.Snapshots; p != nil {
		if *p != 0 && (*p < 2 || *p > 64) {
			return nil, fmt.Errorf("config: solver.snapshots must be 0 or in [2, 64], got %d", *p)
		}
		s.Snapshots = *p
	}
	if err := c.checkRanges(s); err != nil { // erasure/ranges.go
		return nil, err
	}
	return s, nil
}
