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
// optional except potential.kind, protocol.kind and protocol.duration.
// ConfigSchema describes every key — type, default, unit, valid range,
// doc — and Study applies the defaults and checks from there; the typed
// tables below are the decoder's destination (TestSchemaMatchesConfig keeps
// them and the schema the same). Unknown keys are errors.
type Config struct {
	// Potential: kind plus the kind's parameters (see wells.Kinds).
	Potential map[string]any `toml:"potential"`
	// Protocol: kind, duration, the kind's parameters (see Protocols), and
	// for kind = "keyframes" a table keyframes = { control = [[t, v], ...] }.
	Protocol map[string]any `toml:"protocol"`
	Dynamics DynamicsConfig `toml:"dynamics"`
	Initial  InitialConfig  `toml:"initial"`
	Measure  MeasureConfig  `toml:"measure"`
	Ensemble EnsembleConfig `toml:"ensemble"`
	Solver   SolverConfig   `toml:"solver"`
}

// DynamicsConfig is the [dynamics] table (keys dynamics.* of ConfigSchema);
// nil and "" mean absent.
type DynamicsConfig struct {
	Kind        string   `toml:"kind"`
	Integrator  string   `toml:"integrator"`
	Dt          *float64 `toml:"dt"`
	Friction    *float64 `toml:"friction"`
	Mass        *float64 `toml:"mass"`
	Temperature *float64 `toml:"temperature"`
	Kelvin      *float64 `toml:"kelvin"`
}

// InitialConfig is the [initial] table (initial.state of ConfigSchema).
type InitialConfig struct {
	State string `toml:"state"`
}

// MeasureConfig is the [measure] table (measure.* of ConfigSchema).
type MeasureConfig struct {
	Target string   `toml:"target"`
	Divide *float64 `toml:"divide"`
}

// EnsembleConfig is the [ensemble] table (ensemble.* of ConfigSchema).
type EnsembleConfig struct {
	Trajectories *int64 `toml:"trajectories"`
	Seed         *int64 `toml:"seed"`
	Workers      *int   `toml:"workers"`
	BlockSize    *int   `toml:"block_size"`
	Kernel       string `toml:"kernel"`
}

// SolverConfig is the [solver] table (solver.* of ConfigSchema).
type SolverConfig struct {
	Method    string   `toml:"method"`
	Cells     *int     `toml:"cells"`
	Dt        *float64 `toml:"dt"`
	Snapshots *int     `toml:"snapshots"`
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
func (c *Config) Study() (*Study, error) { return c.StudyWith(NewSchema()) }

// StudyWith is Study with the schema sc (NewSchema), made once for many
// studies.
func (c *Config) StudyWith(sc *Schema) (*Study, error) {
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
	keys := sc.byName // every default and single-key check: erasure/schema.go
	if err := keys["protocol.duration"].Check(duration); err != nil {
		return nil, err
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
	kind, err := stringValue(keys, "dynamics.kind", d.Kind)
	if err != nil {
		return nil, err
	}
	s.Dynamics.Kind = langevin.Overdamped
	if kind == "underdamped" {
		s.Dynamics.Kind = langevin.Underdamped
	}
	if d.Integrator != "" {
		if err := keys["dynamics.integrator"].Check(d.Integrator); err != nil {
			return nil, err
		}
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
	if s.Dynamics.Dt, err = floatValue(keys, "dynamics.dt", d.Dt); err != nil {
		return nil, err
	}
	if s.Dynamics.Dt > duration {
		return nil, fmt.Errorf("config: dynamics.dt = %v exceeds protocol.duration = %v", s.Dynamics.Dt, duration)
	}
	if s.Dynamics.Friction, err = floatValue(keys, "dynamics.friction", d.Friction); err != nil {
		return nil, err
	}
	if s.Dynamics.Mass, err = floatValue(keys, "dynamics.mass", d.Mass); err != nil {
		return nil, err
	}
	if s.Dynamics.Temperature, err = floatValue(keys, "dynamics.temperature", d.Temperature); err != nil {
		return nil, err
	}
	if s.Kelvin, err = floatValue(keys, "dynamics.kelvin", d.Kelvin); err != nil {
		return nil, err
	}

	state, err := stringValue(keys, "initial.state", c.Initial.State)
	if err != nil {
		return nil, err
	}
	s.Side = map[string]int{"left": -1, "right": 1}[state] // equilibrium: 0
	target, err := stringValue(keys, "measure.target", c.Measure.Target)
	if err != nil {
		return nil, err
	}
	s.Target = map[string]int{"left": -1, "right": 1}[target]
	if s.Divide, err = floatValue(keys, "measure.divide", c.Measure.Divide); err != nil {
		return nil, err
	}

	e := c.Ensemble
	n, err := intValue(keys, "ensemble.trajectories", e.Trajectories)
	if err != nil {
		return nil, err
	}
	s.Trajectories = int(n)
	seed, err := intValue(keys, "ensemble.seed", e.Seed)
	if err != nil {
		return nil, err
	}
	s.Seed = uint64(seed)
	workers, err := intValue(keys, "ensemble.workers", intPtr(e.Workers))
	if err != nil {
		return nil, err
	}
	s.Workers = int(workers)
	// block_size and solver.cells stay 0 when absent: the library applies
	// the default the schema names (langevin.DefaultBlockSize,
	// fokkerplanck.DefaultCells), and checkpoints record the field as given.
	if e.BlockSize != nil {
		if err := keys["ensemble.block_size"].Check(int64(*e.BlockSize)); err != nil {
			return nil, err
		}
		s.BlockSize = *e.BlockSize
	}
	kernel, err := stringValue(keys, "ensemble.kernel", e.Kernel)
	if err != nil {
		return nil, err
	}
	if s.Kernel, err = langevin.ParseKernel(kernel); err != nil {
		return nil, fmt.Errorf("config: ensemble.kernel: %v", err)
	}
	if !s.Kernel.Supported() {
		return nil, fmt.Errorf("config: ensemble.kernel = %q is not supported by this CPU (use auto or scalar)", e.Kernel)
	}

	method, err := stringValue(keys, "solver.method", c.Solver.Method)
	if err != nil {
		return nil, err
	}
	s.Method = method
	if s.Method == FokkerPlanck && s.Dynamics.Kind != langevin.Overdamped {
		return nil, errors.New("config: solver.method = \"fokker-planck\" needs dynamics.kind = \"overdamped\"")
	}
	if p := c.Solver.Cells; p != nil {
		if err := keys["solver.cells"].Check(int64(*p)); err != nil {
			return nil, err
		}
		s.Cells = *p
	}
	if p := c.Solver.Dt; p != nil {
		if err := keys["solver.dt"].Check(*p); err != nil {
			return nil, err
		}
		s.FPDt = *p
	}
	snapshots, err := intValue(keys, "solver.snapshots", intPtr(c.Solver.Snapshots))
	if err != nil {
		return nil, err
	}
	s.Snapshots = int(snapshots)
	if err := c.checkRanges(s, sc); err != nil { // erasure/ranges.go
		return nil, err
	}
	return s, nil
}

// floatValue is the value of a float key: *p after its check, or the
// schema's default when p is nil (0 for a key without one).
func floatValue(keys map[string]ConfigKey, name string, p *float64) (float64, error) {
	k := keys[name]
	if p == nil {
		x, _ := k.Default.(float64)
		return x, nil
	}
	return *p, k.Check(*p)
}

// intValue is the value of an integer key: *p after its check, or the
// schema's default when p is nil.
func intValue(keys map[string]ConfigKey, name string, p *int64) (int64, error) {
	k := keys[name]
	if p == nil {
		i, _ := k.Default.(int64)
		return i, nil
	}
	return *p, k.Check(*p)
}

// stringValue is the value of a string key: s after its check, or the
// schema's default when s is empty.
func stringValue(keys map[string]ConfigKey, name, s string) (string, error) {
	k := keys[name]
	if s == "" {
		d, _ := k.Default.(string)
		return d, nil
	}
	return s, k.Check(s)
}

func intPtr(p *int) *int64 {
	if p == nil {
		return nil
	}
	i := int64(*p)
	return &i
}
