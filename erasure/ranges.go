package erasure

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/landauer-dev/landauer/wells"
)

// Range is the valid interval [Min, Max] of a numeric config key (Min
// excluded when MinOpen), with the reason for its ends. Every study that
// Config.Study builds — run, vet, each point of a sweep — has each of its
// numeric keys checked against ValidRanges; an out-of-range value is an error
// naming the key. The integrator's stability (dt against the potential's
// curvature) is checked elsewhere, where a fixed range cannot.
type Range struct {
	Key      string
	Min, Max float64
	MinOpen  bool
	Why      string
}

// MaxEnergyRatio bounds every energy of the potential and the protocol in
// units of the bath's kT: 700. Beyond about 708, e^{E/kT} overflows and
// e^{−E/kT} (the equilibrium error of a barrier, a Boltzmann weight)
// underflows float64's normal range, so error rates and free energies could
// no longer be represented; a bit that holds its value to e^{−700} ≈ 1e-304
// is past anything a simulation can measure.
const MaxEnergyRatio = 700

// ValidRanges lists the valid range of every numeric config key (those not
// listed here have theirs in Config.Study: counts, dynamics.dt). The list
// is built afresh on each call.
func ValidRanges() []Range {
	// Lengths and shape parameters: 1e-6..1e6 of the unit length (the
	// wells' minima sit at |x| ~ 1), so that x², x⁴ and the forces stay many
	// decades inside float64 and the automatic span (|x| ≤ 1e6) holds them.
	const lo, hi = 1e-6, 1e6
	return []Range{
		{"potential.barrier", 0, MaxEnergyRatio, true, "kT × dynamics.temperature; E_b/kT ≤ 700 keeps e^{±E_b/kT} representable"},
		{"potential.tilt", -1e3, 1e3, false, "|A| ≤ 1e3: the tilted minimum x ≈ A^{1/3} stays within |x| ≤ 10"},
		{"potential.width", 1e-4, 1e2, false, "the lift's step or the map's bend: resolved by the 4096-cell sampler grid"},
		{"potential.ratio", 1e-3, 1e3, false, "width ratio of the wells"},
		{"potential.x1", 0, math.Sqrt(2 * MaxEnergyRatio), true, "the barrier x1²/2 (kT) ≤ 700 × dynamics.temperature"},
		{"potential.center", -hi, hi, false, "length units"},
		{"potential.stiffness", lo, hi, false, "kT per length unit²"},
		{"protocol.duration", 0, 1e9, true, "time units (the step count τ/dt ≤ 1e12 is checked with dynamics.dt)"},
		{"protocol.height", 0, MaxEnergyRatio, true, "kT × dynamics.temperature, as potential.barrier"},
		{"protocol.keyframes", -hi, hi, false, "control values"},
		{"dynamics.friction", lo, hi, false, "γ: the overdamped step dt·F/γ and noise √(2kT·dt/γ) stay finite"},
		{"dynamics.mass", lo, hi, false, "m: the velocity scale √(kT/m) stays finite"},
		{"dynamics.temperature", lo, hi, false, "bath kT in reference units; see potential.barrier for the ratio"},
		{"dynamics.kelvin", lo, 1e9, false, "reference temperature of the eV/J columns"},
		{"measure.divide", -hi, hi, false, "length units"},
		{"solver.dt", 1e-12, 1e9, false, "Fokker–Planck time step"},
	}
}

// RangesHelp is the table of ValidRanges for `landauer help config`.
func RangesHelp() string {
	var b strings.Builder
	b.WriteString("Valid ranges (every command checks them the same way; exit 2 naming the key):\n")
	for _, r := range ValidRanges() {
		open := "["
		if r.MinOpen {
			open = "("
		}
		fmt.Fprintf(&b, "  %-22s %s%g, %g]  %s\n", r.Key, open, r.Min, r.Max, r.Why)
	}
	fmt.Fprintf(&b, "  %-22s [1, 2^50]  also --trajectories\n", "ensemble.trajectories")
	fmt.Fprintf(&b, "  %-22s [0, 2^63)  also --seed\n", "ensemble.seed")
	fmt.Fprintf(&b, "  %-22s [0, %d]  also --workers (0 = all cores)\n", "ensemble.workers", MaxWorkers)
	b.WriteString("  Energies over kT: potential.barrier (x1²/2, 12.5·stiffness for the cusp kinds) and\n" +
		"  protocol.height, each divided by dynamics.temperature, at most 700.\n")
	return b.String()
}

// MaxWorkers bounds ensemble.workers and --workers: far above any machine's
// cores, far below what would exhaust memory in goroutine stacks.
const MaxWorkers = 1 << 16

// MaxTrajectories bounds ensemble.trajectories and --trajectories (2^50):
// block counts and trajectory indices stay exact in int64 and float64.
const MaxTrajectories = 1 << 50

func rangeOf(key string) (Range, bool) {
	for _, r := range ValidRanges() {
		if r.Key == key {
			return r, true
		}
	}
	return Range{}, false
}

// inRange checks value v of key against its range, if it has one.
func inRange(key string, v float64) error {
	r, ok := rangeOf(key)
	if !ok {
		return nil
	}
	low := v >= r.Min
	if r.MinOpen {
		low = v > r.Min
	}
	if !low || !(v <= r.Max) {
		open := "["
		if r.MinOpen {
			open = "("
		}
		return fmt.Errorf("config: %s = %v is outside its valid range %s%g, %g] (%s)", key, v, open, r.Min, r.Max, r.Why)
	}
	return nil
}

// checkRanges checks every numeric key of c against ValidRanges, and the
// energies of s's potential and protocol against MaxEnergyRatio kT.
func (c *Config) checkRanges(s *Study) error {
	for _, table := range []struct {
		name string
		m    map[string]any
	}{{"potential", c.Potential}, {"protocol", c.Protocol}} {
		keys := make([]string, 0, len(table.m))
		for k := range table.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "keyframes" {
				continue
			}
			if x, ok := asFloat(table.m[k]); ok {
				if err := inRange(table.name+"."+k, x); err != nil {
					return err
				}
			}
		}
	}
	if kf, ok := c.Protocol["keyframes"]; ok {
		pts, err := keyframes(kf)
		if err != nil {
			return err
		}
		names := make([]string, 0, len(pts))
		for n := range pts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for i, p := range pts[n] {
				if err := inRange("protocol.keyframes", p[1]); err != nil {
					return fmt.Errorf("config: protocol.keyframes.%s[%d] value %v is outside [-1e6, 1e6]", n, i, p[1])
				}
			}
		}
	}
	d := c.Dynamics
	for _, f := range []struct {
		key string
		p   *float64
	}{{"dynamics.friction", d.Friction}, {"dynamics.mass", d.Mass}, {"dynamics.temperature", d.Temperature},
		{"dynamics.kelvin", d.Kelvin}, {"measure.divide", c.Measure.Divide}, {"solver.dt", c.Solver.Dt}} {
		if f.p != nil {
			if err := inRange(f.key, *f.p); err != nil {
				return err
			}
		}
	}
	if e := c.Ensemble.Workers; e != nil && *e > MaxWorkers {
		return fmt.Errorf("config: ensemble.workers must be in [0, %d], got %d", MaxWorkers, *e)
	}
	if c.Solver.Dt != nil && *c.Solver.Dt > s.Protocol.Duration() {
		return fmt.Errorf("config: solver.dt = %v exceeds protocol.duration = %v", *c.Solver.Dt, s.Protocol.Duration())
	}
	// Energies against the bath's kT.
	kT := s.Dynamics.Temperature
	if key, e := barrierEnergy(s.Potential); key != "" && e/kT > MaxEnergyRatio {
		return fmt.Errorf("config: %s: the barrier %.4g kT at dynamics.temperature = %v is %.4g kT, above %d (e^{E/kT} would overflow)",
			key, e, kT, e/kT, MaxEnergyRatio)
	}
	if v, ok := asFloat(c.Protocol["height"]); ok && v/kT > MaxEnergyRatio {
		return fmt.Errorf("config: protocol.height = %v at dynamics.temperature = %v is %.4g kT, above %d", v, kT, v/kT, MaxEnergyRatio)
	}
	return nil
}

// barrierEnergy is the rest barrier of a potential (kT) and the key that
// sets it; "" for a potential without one.
func barrierEnergy(p wells.Potential) (string, float64) {
	switch q := p.(type) {
	case wells.Jun:
		return "potential.barrier", q.Barrier
	case wells.Quartic:
		return "potential.barrier", q.Barrier
	case wells.Lifted:
		return "potential.barrier", q.Barrier
	case wells.Asymmetric:
		return "potential.barrier", q.Barrier
	case wells.DoubleParabola:
		return "potential.x1", q.X1 * q.X1 / 2
	case wells.Benchmark:
		return "potential.stiffness", 12.5 * q.Stiffness
	}
	return "", 0
}

func asFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case int64:
		return float64(t), true
	case float64:
		return t, true
	}
	return 0, false
}
