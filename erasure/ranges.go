package erasure

import (
	"fmt"
	"sort"

	"github.com/landauer-dev/landauer/wells"
)

// checkRanges checks the potential's and protocol's parameters and the
// keyframe values against their ranges in ConfigSchema, and the checks
// that involve two keys: ensemble.workers, solver.dt against the duration,
// and the energies of s's potential and protocol against MaxEnergyRatio
// times the bath's kT. The other keys are checked as Config.Study reads
// them.
func (c *Config) checkRanges(s *Study, sc *Schema) error {
	pkind, _ := c.Potential["kind"].(string) // Study has checked both kinds
	qkind, _ := c.Protocol["kind"].(string)
	kinds := map[string]string{"potential": pkind, "protocol": qkind}
	byKind := sc.byKind
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
			key, ok := byKind[kinds[table.name]+" "+table.name+"."+k]
			if !ok || key.Type != TypeFloat {
				continue // kind and duration: checked in Study
			}
			if err := key.Check(table.m[k]); err != nil {
				return err
			}
		}
	}
	if kf, ok := c.Protocol["keyframes"]; ok {
		pts, err := keyframes(kf)
		if err != nil {
			return err
		}
		r := byKind[KindKeyframes+" protocol.keyframes"].Range
		names := make([]string, 0, len(pts))
		for n := range pts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			for i, p := range pts[n] {
				if !r.contains(p[1]) {
					return fmt.Errorf("config: protocol.keyframes.%s[%d] value %v is outside %s (%s)", n, i, p[1], r, r.Why)
				}
			}
		}
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
