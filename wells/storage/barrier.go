package storage

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landauer-dev/landauer/internal/root"
	"github.com/landauer-dev/landauer/wells"
)

// BarrierParam names the parameter of a kind of potential that sets its
// barrier at rest: "barrier" (E_b) for jun, quartic, lifted and asymmetric,
// "x1" (barrier x1²/2) for double-parabola and "stiffness" (barrier 12.5 k)
// for benchmark. ok is false for kinds without a barrier (harmonic).
func BarrierParam(kind string) (name string, ok bool) {
	switch kind {
	case "jun", "quartic", "lifted", "asymmetric":
		return "barrier", true
	case "double-parabola":
		return "x1", true
	case "benchmark":
		return "stiffness", true
	}
	return "", false
}

// ControlOf returns p's rest control with the named entries replaced by
// the values in set; an unknown name is an error.
func ControlOf(p wells.Potential, set map[string]float64) (wells.Control, error) {
	c := p.Rest()
	names := p.Controls()
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		i := slices.Index(names, k)
		if i < 0 {
			have := "none"
			if len(names) > 0 {
				have = strings.Join(names, ", ")
			}
			return c, fmt.Errorf("storage: %s potential has no control %q (controls: %s)", p.Name(), k, have)
		}
		v := set[k]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return c, fmt.Errorf("storage: control %s must be finite, got %v", k, v)
		}
		c[i] = v
	}
	return c, nil
}

// logRetention returns ln ε of the two-state retention error after
// o.Storage (the larger of the two starts) for p at control set, ln ½ when
// the control leaves no well on one side of the divide.
func logRetention(p wells.Potential, set map[string]float64, o Options) (float64, error) {
	c, err := ControlOf(p, set)
	if err != nil {
		return 0, err
	}
	lo, hi, err := wells.Span(p, []wells.Control{c}, o.Temperature, 80)
	if err != nil {
		return 0, fmt.Errorf("storage: %v", err)
	}
	land, err := FindLandscape(p, c, lo, hi)
	if err != nil {
		return 0, err
	}
	r := &Report{Minima: land.Minima, Maxima: land.Maxima, Domain: [2]float64{lo, hi}}
	if err := r.bit(p, c, o, false); err != nil {
		return 0, err
	}
	if r.MFPT == nil {
		return math.Log(0.5), nil
	}
	return max(logTwoState(r.MFPT.Log, r.MFPTBack.Log, o.Storage), logTwoState(r.MFPTBack.Log, r.MFPT.Log, o.Storage)), nil
}

// BarrierFor returns the value of the parameter param of the potential
// kind (built by wells.New with params, param replaced) at which the
// two-state retention error after the storage time o.Storage, from the
// worse of the two wells, equals target, at the control given by set (rest
// values for the controls not named). The retention error falls as the
// barrier rises, so the value is found by bisection on ln(value): bracketed
// by doubling or halving from the given (or default) value, then halved
// until the bracket is 1e-12 wide relative. The two-state error rests on the
// exact MFPTs; Analyze at the answer gives the Fokker–Planck check.
func BarrierFor(kind string, params map[string]float64, param string, set map[string]float64, target float64, o Options) (float64, error) {
	if err := o.defaults(); err != nil {
		return 0, err
	}
	if !(target > 0 && target < 0.5) {
		return 0, fmt.Errorf("storage: barrier-for: the target error must be in (0, 0.5), got %v", target)
	}
	if !(o.Storage > 0) {
		return 0, fmt.Errorf("storage: barrier-for: the storage time must be > 0, got %v", o.Storage)
	}
	pp := make(map[string]float64, len(params)+1)
	for k, v := range params {
		pp[k] = v
	}
	lnTarget := math.Log(target)
	// f > 0: the bit leaks more than the target.
	f := func(v float64) (float64, error) {
		pp[param] = v
		p, err := wells.New(kind, pp)
		if err != nil {
			return 0, fmt.Errorf("storage: barrier-for: %v", err)
		}
		l, err := logRetention(p, set, o)
		return l - lnTarget, err
	}
	v := params[param]
	if v == 0 {
		for _, k := range wells.Kinds() {
			for _, q := range k.Params {
				if k.Name == kind && q.Name == param {
					v = q.Default
				}
			}
		}
	}
	if !(v > 0) {
		return 0, fmt.Errorf("storage: barrier-for: %s: no positive starting value for %q", kind, param)
	}
	fv, err := f(v)
	if err != nil {
		return 0, err
	}
	lo, hi := v, v
	for i := 0; ; i++ {
		if i == 60 {
			return 0, fmt.Errorf("storage: barrier-for: %s %s = %v…%v does not bracket the target %v", kind, param, lo, hi, target)
		}
		if fv > 0 {
			lo, hi = hi, hi*2
			if fv, err = f(hi); err != nil {
				return 0, err
			}
			if fv <= 0 {
				break
			}
		} else {
			lo, hi = lo/2, lo
			if fv, err = f(lo); err != nil {
				return 0, err
			}
			if fv > 0 {
				break
			}
		}
	}
	// 1e-12 relative; 200 splits cover any positive bracket.
	lo, hi, err = root.Geometric(lo, hi, 1e-12, 200, func(v float64) (bool, error) {
		fv, err := f(v)
		return fv > 0, err
	})
	if err != nil {
		return 0, err
	}
	return math.Sqrt(lo * hi), nil
}
