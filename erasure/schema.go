package erasure

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Type is the TOML type of a config key's value.
type Type int

const (
	TypeString Type = iota + 1
	TypeInt         // a TOML integer
	TypeFloat       // a TOML number (an integer is taken as its float)
	TypeTable       // protocol.keyframes: control = [[t, v], ...]
)

func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeInt:
		return "integer"
	case TypeFloat:
		return "number"
	case TypeTable:
		return "table"
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// ConfigKey describes one key of a study config: its TOML type, default,
// unit, documentation and valid values. ConfigSchema lists them all;
// Config.Study takes every default and every single-key check from there,
// and `landauer help config`, `landauer init`, --set and the sweep's axes
// read them too.
type ConfigKey struct {
	Name string // "table.key", e.g. "ensemble.trajectories"
	Type Type
	// Kind is, for a parameter of a potential or protocol kind, the kind
	// that takes it (wells.Kinds, Protocols); "" for every other key. A
	// parameter several kinds take is listed once per kind, with the same
	// type, unit and range.
	Kind string
	// Required keys have no default: potential.kind, protocol.kind,
	// protocol.duration and the protocol kinds' parameters.
	Required bool
	// Default is the value an absent key takes: a string, int64 or
	// float64; nil for a required key, and for a key whose default depends
	// on other keys (DefaultDoc says how it is chosen).
	Default    any
	DefaultDoc string
	// Example is a value the starter config writes for a key without a
	// default; nil when it writes Default.
	Example any
	// Unit of the value: "kT" (energy), "t0" (time, γL²/kT), "L" (the
	// potential's length unit), "K", "kT/L²", "kT·t0/L²" (friction), or ""
	// for a pure number, a count or a name.
	Unit    string
	Doc     string
	Choices []string // the values a string key takes; nil for any
	// Range is the valid interval of a number (for a table, of its
	// values); nil when any finite number is valid.
	Range *Range
	Flag  string // the command-line flag that sets the key too, if any
}

// Check reports whether v, a value of the key's Type (string, int64 or
// float64; an int64 for a float key is taken as its float), is valid: one
// of Choices, finite, within Range. The error is one line naming the key.
func (k ConfigKey) Check(v any) error {
	name := k.Name
	if k.Flag != "" {
		name += " (" + k.Flag + ")"
	}
	switch k.Type {
	case TypeString:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("config: %s must be a string, got %v", name, v)
		}
		if len(k.Choices) > 0 && !contains(k.Choices, s) {
			return fmt.Errorf("config: %s must be %s, got %q", name, quoteList(k.Choices, "or"), s)
		}
	case TypeInt:
		i, ok := v.(int64)
		if !ok {
			return fmt.Errorf("config: %s must be an integer, got %v", name, v)
		}
		if r := k.Range; r != nil && !r.contains(float64(i)) {
			return fmt.Errorf("config: %s must be in %s, got %d", name, r, i)
		}
	case TypeFloat, TypeTable:
		x, ok := asFloat(v)
		if !ok {
			return fmt.Errorf("config: %s must be a number, got %v", name, v)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("config: %s must be finite, got %v", name, x)
		}
		if r := k.Range; r != nil && !r.contains(x) {
			if r.Min == 0 && r.MinOpen && x <= 0 {
				return fmt.Errorf("config: %s must be > 0, got %v", name, x)
			}
			return fmt.Errorf("config: %s = %v is outside its valid range %s (%s)", name, x, r, r.Why)
		}
	}
	return nil
}

// Range is the valid interval of a numeric config key: [Min, Max], with
// Min excluded when MinOpen and Max when MaxOpen, or exactly 0 when OrZero;
// Why gives the reason for the ends. Config.Study checks every numeric key
// of every study it builds — run, vet, each point of a sweep, a paper's —
// against its range; an out-of-range value is an error naming the key (exit
// 2 in the CLI). The integrator's stability (dt against the potential's
// curvature) is checked elsewhere, where a fixed range cannot.
type Range struct {
	Key              string // the config key ("table.key")
	Min, Max         float64
	MinOpen, MaxOpen bool
	OrZero           bool // 0 is valid too (solver.snapshots: 0 or [2, 64])
	Why              string
}

func (r Range) contains(x float64) bool {
	if r.OrZero && x == 0 {
		return true
	}
	lo := x >= r.Min
	if r.MinOpen {
		lo = x > r.Min
	}
	hi := x <= r.Max
	if r.MaxOpen {
		hi = x < r.Max
	}
	return lo && hi
}

// String writes the interval, e.g. "(0, 700]", "[1, 2^50]", "0 or [2, 64]".
func (r Range) String() string {
	open, close := "[", "]"
	if r.MinOpen {
		open = "("
	}
	if r.MaxOpen {
		close = ")"
	}
	s := open + bound(r.Min) + ", " + bound(r.Max) + close
	if r.OrZero {
		s = "0 or " + s
	}
	return s
}

// bound writes a range end: powers of two from 2^16 as 2^k.
func bound(x float64) string {
	if f, e := math.Frexp(x); f == 0.5 && e-1 >= 16 {
		return "2^" + strconv.Itoa(e-1)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// MaxEnergyRatio bounds every energy of the potential and the protocol in
// units of the bath's kT: 700. Beyond about 708, e^{E/kT} overflows and
// e^{−E/kT} (the equilibrium error of a barrier, a Boltzmann weight)
// underflows float64's normal range, so error rates and free energies could
// no longer be represented; a bit that holds its value to e^{−700} ≈ 1e-304
// is past anything a simulation can measure.
const MaxEnergyRatio = 700

// MaxWorkers bounds ensemble.workers and --workers: far above any machine's
// cores, far below what would exhaust memory in goroutine stacks.
const MaxWorkers = 1 << 16

// MaxTrajectories bounds ensemble.trajectories and --trajectories (2^50):
// block counts and trajectory indices stay exact in int64 and float64.
const MaxTrajectories = 1 << 50

// Lengths and shape parameters: 1e-6..1e6 of the unit length (the wells'
// minima sit at |x| ~ 1), so that x², x⁴ and the forces stay many decades
// inside float64 and the automatic span (|x| ≤ 1e6) holds them.
const lengthLo, lengthHi = 1e-6, 1e6

// positiveRange is (0, ∞): any finite number above 0.
func positiveRange(key string) *Range {
	return &Range{Key: key, Min: 0, Max: math.Inf(1), MinOpen: true, Why: "finite and > 0"}
}

// potentialRanges are the valid ranges of the potential parameters by name
// (the same for every kind that takes one); a parameter not here is
// checked by wells.New alone.
func potentialRanges() map[string]Range {
	return map[string]Range{
		"barrier":   {Min: 0, Max: MaxEnergyRatio, MinOpen: true, Why: "kT × dynamics.temperature; E_b/kT ≤ 700 keeps e^{±E_b/kT} representable"},
		"tilt":      {Min: -1e3, Max: 1e3, Why: "|A| ≤ 1e3: the tilted minimum x ≈ A^{1/3} stays within |x| ≤ 10"},
		"width":     {Min: 1e-4, Max: 1e2, Why: "the lift's step or the map's bend: resolved by the 4096-cell sampler grid"},
		"ratio":     {Min: 1e-3, Max: 1e3, Why: "width ratio of the wells"},
		"x1":        {Min: 0, Max: math.Sqrt(2 * MaxEnergyRatio), MinOpen: true, Why: "the barrier x1²/2 (kT) ≤ 700 × dynamics.temperature"},
		"center":    {Min: -lengthHi, Max: lengthHi, Why: "length units"},
		"stiffness": {Min: lengthLo, Max: lengthHi, Why: "kT per length unit²"},
	}
}

// ConfigSchema lists every key of a study config, table by table in file
// order: [potential] (kind, then each kind's parameters from wells.Kinds),
// [protocol] (kind, duration, each kind's parameters from Protocols),
// [dynamics], [initial], [measure], [ensemble], [solver]. The list is built
// afresh on each call.
func ConfigSchema() []ConfigKey {
	var keys []ConfigKey
	add := func(k ConfigKey) {
		if k.Range != nil {
			k.Range.Key = k.Name
		}
		keys = append(keys, k)
	}

	var potentials []string
	for _, k := range wells.Kinds() {
		potentials = append(potentials, k.Name)
	}
	add(ConfigKey{Name: "potential.kind", Type: TypeString, Required: true, Choices: potentials,
		Doc: "the potential U(x, λ); its parameters follow ('landauer help potentials')"})
	ranges := potentialRanges()
	for _, k := range wells.Kinds() {
		for _, p := range k.Params {
			key := ConfigKey{Name: "potential." + p.Name, Type: TypeFloat, Kind: k.Name,
				Default: p.Default, Unit: p.Unit, Doc: p.Doc}
			if r, ok := ranges[p.Name]; ok {
				key.Range = &r
			}
			add(key)
		}
	}

	add(ConfigKey{Name: "protocol.kind", Type: TypeString, Required: true, Choices: ProtocolKinds(),
		Doc: "the protocol λ(t) over [0, τ] ('landauer help protocols')"})
	add(ConfigKey{Name: "protocol.duration", Type: TypeFloat, Required: true, Example: 8.0, Unit: "t0",
		Doc:   "τ, the protocol's duration",
		Range: &Range{Min: 0, Max: 1e9, MinOpen: true, Why: "time units (the step count τ/dt ≤ 1e12 is checked with dynamics.dt)"}})
	for _, k := range Protocols() {
		for _, p := range k.Params {
			r := p.Range
			add(ConfigKey{Name: "protocol." + p.Name, Type: TypeFloat, Kind: k.Name, Required: true,
				Unit: p.Unit, Doc: p.Doc, Range: &r})
		}
	}
	add(ConfigKey{Name: "protocol.keyframes", Type: TypeTable, Kind: KindKeyframes, Required: true,
		Doc:   "per control, [t, value] points: control = [[t0, v0], [t1, v1], ...] (times in t0, non-decreasing, in [0, τ])",
		Range: &Range{Min: -lengthHi, Max: lengthHi, Why: "control values"}})

	add(ConfigKey{Name: "dynamics.kind", Type: TypeString, Default: "overdamped",
		Choices: []string{"overdamped", "underdamped"},
		Doc:     "overdamped (Brownian) or underdamped (inertial, BAOAB) Langevin dynamics"})
	add(ConfigKey{Name: "dynamics.integrator", Type: TypeString,
		Choices:    []string{langevin.Heun.String(), langevin.EulerMaruyama.String(), langevin.BAOAB.String()},
		DefaultDoc: "heun when overdamped, baoab when underdamped", Example: langevin.Heun.String(),
		Doc: "overdamped: heun (weak order 2) or euler-maruyama (weak order 1); underdamped: baoab"})
	add(ConfigKey{Name: "dynamics.dt", Type: TypeFloat, Default: 1e-3, Unit: "t0",
		Doc:   "time step; at most protocol.duration, and refused beyond the stability limit (vet says it)",
		Range: positiveRange("")})
	add(ConfigKey{Name: "dynamics.friction", Type: TypeFloat, Default: 1.0, Unit: "kT·t0/L²",
		Doc:   "γ; overdamped it sets the time unit, underdamped γ/m is the velocity damping rate",
		Range: &Range{Min: lengthLo, Max: lengthHi, Why: "γ: the overdamped step dt·F/γ and noise √(2kT·dt/γ) stay finite"}})
	add(ConfigKey{Name: "dynamics.mass", Type: TypeFloat, Default: 1.0, Unit: "kT·t0²/L²",
		Doc:   "m (underdamped only); quality factor Q = m ω₀/γ, ω₀² = U''(minimum)/m",
		Range: &Range{Min: lengthLo, Max: lengthHi, Why: "m: the velocity scale √(kT/m) stays finite"}})
	add(ConfigKey{Name: "dynamics.temperature", Type: TypeFloat, Default: 1.0, Unit: "kT",
		Doc:   "bath temperature in units of the reference kT",
		Range: &Range{Min: lengthLo, Max: lengthHi, Why: "bath kT in reference units; see potential.barrier for the ratio"}})
	add(ConfigKey{Name: "dynamics.kelvin", Type: TypeFloat, Default: 300.0, Unit: "K",
		Doc:   "reference temperature, only for the eV and J columns",
		Range: &Range{Min: lengthLo, Max: 1e9, Why: "reference temperature of the eV/J columns"}})

	add(ConfigKey{Name: "initial.state", Type: TypeString, Default: "equilibrium",
		Choices: []string{"equilibrium", "left", "right"},
		Doc:     "equilibrium: exact Boltzmann samples of U(x, λ(0)); left or right: the equilibrium restricted to that side of measure.divide"})

	add(ConfigKey{Name: "measure.target", Type: TypeString, Default: "right", Choices: []string{"right", "left"},
		Doc: "the side the bit must end on"})
	add(ConfigKey{Name: "measure.divide", Type: TypeFloat, Default: 0.0, Unit: "L",
		Doc:   "ending on the other side of x = divide is an error",
		Range: &Range{Min: -lengthHi, Max: lengthHi, Why: "length units"}})

	add(ConfigKey{Name: "ensemble.trajectories", Type: TypeInt, Default: int64(10000), Flag: "--trajectories",
		Doc:   "Monte Carlo sample size",
		Range: &Range{Min: 1, Max: MaxTrajectories, Why: "block counts and trajectory indices stay exact"}})
	add(ConfigKey{Name: "ensemble.seed", Type: TypeInt, Default: int64(1), Flag: "--seed",
		Doc:   "never taken from the clock; the same seed gives the same numbers",
		Range: &Range{Min: 0, Max: 1 << 63, MaxOpen: true, Why: "an unsigned 63-bit seed"}})
	add(ConfigKey{Name: "ensemble.workers", Type: TypeInt, Default: int64(0), Flag: "--workers",
		Doc:   "0 = all cores; never changes the numbers",
		Range: &Range{Min: 0, Max: MaxWorkers, Why: "far above any machine's cores"}})
	add(ConfigKey{Name: "ensemble.block_size", Type: TypeInt, Default: int64(langevin.DefaultBlockSize),
		Doc:   "trajectories per random stream (part of a run's identity: it changes the numbers)",
		Range: &Range{Min: 1, Max: 1 << 20, Why: "memory of one block"}})
	var kernels []string
	for k := langevin.KernelAuto; k <= langevin.KernelAVX512; k++ {
		kernels = append(kernels, k.String())
	}
	add(ConfigKey{Name: "ensemble.kernel", Type: TypeString, Default: langevin.KernelAuto.String(), Choices: kernels,
		Doc: "the hot loops' instruction set and with it the normal generator: auto is the fastest this CPU runs; " +
			"scalar gives the same numbers on every machine; avx2 and avx512 the same as each other"})

	add(ConfigKey{Name: "solver.method", Type: TypeString, Default: MonteCarlo, Choices: []string{MonteCarlo, FokkerPlanck},
		Doc: "monte-carlo (Langevin trajectories) or fokker-planck (the exact density; overdamped only)"})
	add(ConfigKey{Name: "solver.cells", Type: TypeInt, Default: int64(fokkerplanck.DefaultCells),
		Doc:   "Fokker–Planck grid cells",
		Range: &Range{Min: 10, Max: 1 << 24, Why: "the grid's memory"}})
	add(ConfigKey{Name: "solver.dt", Type: TypeFloat, Unit: "t0", Example: 1e-3,
		DefaultDoc: "the solver's, from the grid and the drift",
		Doc:        "Fokker–Planck time step; at most protocol.duration",
		Range:      &Range{Min: 1e-12, Max: 1e9, Why: "Fokker–Planck time step"}})
	add(ConfigKey{Name: "solver.snapshots", Type: TypeInt, Default: int64(0),
		Doc:   "keep the Fokker–Planck density at that many evenly spaced times (for plot --kind density); 0 = none",
		Range: &Range{Min: 2, Max: 64, OrZero: true, Why: "snapshots of the density"}})
	return keys
}

// LookupKey returns the schema entry of a config key ("table.key"). For a
// potential or protocol parameter that several kinds take it returns the
// first kind's (type, unit and range are the same for all). A key that is
// not in the schema is an error naming the table's keys.
func LookupKey(name string) (ConfigKey, error) {
	table, key, ok := strings.Cut(name, ".")
	if !ok || table == "" || key == "" || strings.Contains(key, ".") {
		return ConfigKey{}, fmt.Errorf("%q is not of the form table.key", name)
	}
	var have []string
	for _, k := range ConfigSchema() {
		if k.Name == name {
			return k, nil
		}
		if t, n, _ := strings.Cut(k.Name, "."); t == table && !contains(have, n) {
			have = append(have, n)
		}
	}
	if len(have) == 0 {
		return ConfigKey{}, fmt.Errorf("unknown table %q in %s", table, name)
	}
	return ConfigKey{}, fmt.Errorf("unknown key %s ([%s] has %s)", name, table, strings.Join(have, ", "))
}

// Schema is ConfigSchema indexed for building studies. Building the schema
// costs far more than checking a config against it, so code that builds
// many studies (a sweep's points) makes one Schema and passes it to
// Config.StudyWith.
type Schema struct {
	byName map[string]ConfigKey // the keys that are not a kind's parameter
	byKind map[string]ConfigKey // every key, by "kind name"
}

// NewSchema indexes ConfigSchema().
func NewSchema() *Schema {
	sc := &Schema{byName: map[string]ConfigKey{}, byKind: map[string]ConfigKey{}}
	for _, k := range ConfigSchema() {
		if k.Kind == "" {
			sc.byName[k.Name] = k
		}
		sc.byKind[k.Kind+" "+k.Name] = k
	}
	return sc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
