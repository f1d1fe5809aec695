package erasure

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// Protocol is an erasure protocol: the control values λ(t) of a potential
// over t ∈ [0, Duration()]. Before 0 and after Duration() the controls stay
// at their end values. At is pure, safe for concurrent use and does not
// allocate.
type Protocol interface {
	langevin.Schedule
	// Kind is the kind name the protocol was made from, e.g. "four-stage".
	Kind() string
}

// The protocol kinds known to NewProtocol.
const (
	KindFourStage     = "four-stage"
	KindSymmetricTilt = "symmetric-tilt"
	KindLiftOneWell   = "lift-one-well"
	KindHold          = "hold"
	KindKeyframes     = "keyframes"
)

// ProtocolKinds returns the kind names NewProtocol accepts, in the order
// of Protocols.
func ProtocolKinds() []string {
	ks := Protocols()
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.Name
	}
	return names
}

// ProtocolKind describes one kind of protocol, as wells.Kind does a kind
// of potential: for NewProtocol, help texts and the config schema.
type ProtocolKind struct {
	Name  string
	Doc   string   // λ(t) over [0, τ] in words
	Needs []string // the controls it drives; the potential must have them
	// Params are the kind's numeric parameters (keys of the [protocol]
	// table besides kind and duration); each is required.
	Params []ProtocolParam
}

// ProtocolParam is one parameter of a protocol kind.
type ProtocolParam struct {
	Name string
	Unit string // "kT", or "" for a pure number
	Doc  string
	// Range is the valid interval of the value (its Why includes the
	// reason); the config also bounds it against the bath temperature.
	Range Range
}

// Protocols describes every kind NewProtocol makes, in a fixed order. The
// result is freshly built and may be modified by the caller.
func Protocols() []ProtocolKind {
	return []ProtocolKind{
		{Name: KindFourStage, Needs: []string{"g", "f"},
			Doc: "four equal linear stages g 1→0; f 0→1; g 0→1; f 1→0 (lower the barrier, tilt, raise the barrier, untilt: time-asymmetric)"},
		{Name: KindSymmetricTilt, Needs: []string{"g", "f"},
			Doc: "g = 1 throughout; f 0→1 by τ/2, then 1→0 (time-symmetric)"},
		{Name: KindLiftOneWell, Needs: []string{"h"},
			Doc: "h 0→H over τ/3, hold H, H→0 over the last τ/3 (time-symmetric)",
			Params: []ProtocolParam{{Name: "height", Unit: "kT", Doc: "H, the lift",
				Range: Range{Key: "protocol.height", Min: 0, Max: MaxEnergyRatio, MinOpen: true, Why: "kT × dynamics.temperature, as potential.barrier"}}}},
		{Name: KindHold, Doc: "every control stays at the potential's rest value (retention)"},
		{Name: KindKeyframes,
			Doc: "any controls: [protocol.keyframes] control = [[t0, v0], [t1, v1], ...], linear between points, " +
				"held before the first and after the last; two points at one time make a jump"},
	}
}

// NewProtocol makes the protocol of the given kind for the potential p,
// lasting duration (> 0, in the time unit of the dynamics). All times
// below are fractions of duration T; controls a kind does not mention stay
// at p.Rest().
//
//   - "four-stage" (controls g and f; Bérut et al. 2012, Jun et al. 2014):
//     four equal linear stages, lower the barrier g 1→0, tilt f 0→1, raise
//     the barrier g 0→1, remove the tilt f 1→0. Time-asymmetric.
//   - "symmetric-tilt" (controls g and f): g = 1 throughout, f rises
//     linearly 0→1 to its peak at T/2 and falls back 1→0. Time-symmetric.
//   - "lift-one-well" (control h): h rises linearly 0→H over the first
//     third, holds H over the second, falls H→0 over the last. Needs the
//     parameter "height" (H > 0, kT). Time-symmetric.
//   - "hold": every control stays at p.Rest() (any potential, even one with
//     no controls); a retention run.
//   - "keyframes": for each control named in keyframes, a list of
//     (time, value) points with non-decreasing times in [0, T]. Values are
//     interpolated linearly between points and held constant before the
//     first and after the last; two points at the same time make a jump, and
//     At at that time gives the later value (right-continuous), except at
//     the first point's time, which gives the first value: a jump at t = 0
//     leaves λ(0), the starting state, before the jump.
//
// params holds the kind's numeric parameters (only "height", for
// lift-one-well); keyframes is only for the kind "keyframes". Errors are one
// line that names the offending field.
func NewProtocol(kind string, p wells.Potential, duration float64, params map[string]float64, keyframes map[string][][2]float64) (Protocol, error) {
	if !slices.Contains(ProtocolKinds(), kind) {
		return nil, fmt.Errorf("protocol.kind: unknown kind %q; want one of %s", kind, quoteList(ProtocolKinds(), "or"))
	}
	if p == nil {
		return nil, fmt.Errorf("protocol: %s needs a potential, got none", kind)
	}
	if math.IsInf(duration, 0) {
		return nil, fmt.Errorf("protocol.duration must be finite, got %v", duration)
	}
	if !(duration > 0) {
		return nil, fmt.Errorf("protocol.duration must be > 0, got %v", duration)
	}
	if len(keyframes) > 0 && kind != KindKeyframes {
		return nil, fmt.Errorf("protocol.keyframes: given for kind %q; keyframes need kind %q", kind, KindKeyframes)
	}

	var need, allowed []string
	for _, k := range Protocols() {
		if k.Name == kind {
			need = k.Needs
			for _, p := range k.Params {
				allowed = append(allowed, p.Name)
			}
		}
	}
	if err := checkParams(kind, params, allowed); err != nil {
		return nil, err
	}
	idx, err := controlIndex(kind, p, need)
	if err != nil {
		return nil, err
	}

	pr := &protocol{kind: kind, duration: duration, rest: p.Rest()}
	T := duration
	switch kind {
	case KindFourStage:
		pr.add(idx["g"], [][2]float64{{0, 1}, {T / 4, 0}, {T / 2, 0}, {3 * T / 4, 1}})
		pr.add(idx["f"], [][2]float64{{T / 4, 0}, {T / 2, 1}, {3 * T / 4, 1}, {T, 0}})
	case KindSymmetricTilt:
		pr.add(idx["g"], [][2]float64{{0, 1}})
		pr.add(idx["f"], [][2]float64{{0, 0}, {T / 2, 1}, {T, 0}})
	case KindLiftOneWell:
		H, ok := params["height"]
		switch {
		case !ok:
			return nil, fmt.Errorf("protocol.params: %s needs \"height\" (kT, > 0)", kind)
		case math.IsInf(H, 0):
			return nil, fmt.Errorf("protocol.params.height must be finite, got %v", H)
		case !(H > 0):
			return nil, fmt.Errorf("protocol.params.height must be > 0, got %v", H)
		}
		pr.add(idx["h"], [][2]float64{{0, 0}, {T / 3, H}, {2 * T / 3, H}, {T, 0}})
	case KindKeyframes:
		if err := pr.addKeyframes(p, keyframes); err != nil {
			return nil, err
		}
	}
	return pr, nil
}

// checkParams reports a parameter that the kind does not take.
func checkParams(kind string, params map[string]float64, allowed []string) error {
	for _, name := range slices.Sorted(maps.Keys(params)) {
		if slices.Contains(allowed, name) {
			continue
		}
		takes := "none"
		if len(allowed) > 0 {
			takes = quoteList(allowed, "and")
		}
		return fmt.Errorf("protocol.params: unknown parameter %q for kind %q (it takes %s)", name, kind, takes)
	}
	return nil
}

// controlIndex finds the named controls of p, or reports the ones missing.
func controlIndex(kind string, p wells.Potential, need []string) (map[string]int, error) {
	have := p.Controls()
	idx := make(map[string]int, len(need))
	for _, name := range need {
		i := slices.Index(have, name)
		if i < 0 {
			word := "control"
			if len(need) > 1 {
				word = "controls"
			}
			return nil, fmt.Errorf("protocol: %s needs %s %s; potential %q has %s",
				kind, word, quoteList(need, "and"), p.Name(), haveList(have))
		}
		idx[name] = i
	}
	return idx, nil
}

// protocol is a set of piecewise-linear tracks, one per driven control, on
// top of the potential's rest controls. Every kind is built this way.
type protocol struct {
	kind     string
	duration float64
	rest     wells.Control
	tracks   []track
}

// track drives control c through the points (t[i], v[i]); t is
// non-decreasing.
type track struct {
	c    int
	t, v []float64
}

func (p *protocol) add(c int, pts [][2]float64) {
	tr := track{c: c, t: make([]float64, len(pts)), v: make([]float64, len(pts))}
	for i, pt := range pts {
		tr.t[i], tr.v[i] = pt[0], pt[1]
	}
	p.tracks = append(p.tracks, tr)
}

// addKeyframes checks the user's keyframes and adds them as tracks, in
// control order.
func (p *protocol) addKeyframes(pot wells.Potential, keyframes map[string][][2]float64) error {
	if len(keyframes) == 0 {
		return fmt.Errorf("protocol.keyframes: none given; kind %q needs points for at least one control", KindKeyframes)
	}
	have := pot.Controls()
	for _, name := range slices.Sorted(maps.Keys(keyframes)) {
		if !slices.Contains(have, name) {
			return fmt.Errorf("protocol.keyframes: unknown control %q; potential %q has %s", name, pot.Name(), haveList(have))
		}
	}
	for c, name := range have {
		pts, ok := keyframes[name]
		if !ok {
			continue
		}
		if len(pts) == 0 {
			return fmt.Errorf("protocol.keyframes[%q]: no points", name)
		}
		for i, pt := range pts {
			t, v := pt[0], pt[1]
			switch {
			case math.IsNaN(t) || math.IsInf(t, 0):
				return fmt.Errorf("protocol.keyframes[%q][%d]: time is %v", name, i, t)
			case math.IsNaN(v) || math.IsInf(v, 0):
				return fmt.Errorf("protocol.keyframes[%q][%d]: value is %v", name, i, v)
			case t < 0 || t > p.duration:
				return fmt.Errorf("protocol.keyframes[%q][%d]: time %v is outside [0, %v]", name, i, t, p.duration)
			case i > 0 && t < pts[i-1][0]:
				return fmt.Errorf("protocol.keyframes[%q][%d]: time %v is before the previous point's %v", name, i, t, pts[i-1][0])
			}
		}
		p.add(c, pts)
	}
	return nil
}

func (p *protocol) Kind() string      { return p.kind }
func (p *protocol) Duration() float64 { return p.duration }

// At returns the controls at time t.
func (p *protocol) At(t float64) wells.Control {
	c := p.rest
	for i := range p.tracks {
		tr := &p.tracks[i]
		c[tr.c] = tr.at(t)
	}
	return c
}

// at interpolates linearly; at a jump (equal times) it takes the last point
// with time ≤ t, so it is right-continuous, except at t ≤ the first point's
// time, where it gives the first point's value: λ(0) is the state the system
// starts in (sampled in equilibrium), and a jump at t = 0 is done by the
// first time step, which pays its work.
func (tr *track) at(t float64) float64 {
	if t <= tr.t[0] {
		return tr.v[0]
	}
	// i = the number of points with time ≤ t.
	i, j := 0, len(tr.t)
	for i < j {
		h := int(uint(i+j) >> 1)
		if tr.t[h] <= t {
			i = h + 1
		} else {
			j = h
		}
	}
	switch {
	case i == 0:
		return tr.v[0]
	case i == len(tr.t):
		return tr.v[i-1]
	}
	t0, t1 := tr.t[i-1], tr.t[i] // t0 ≤ t < t1
	v0, v1 := tr.v[i-1], tr.v[i]
	return v0 + (v1-v0)*((t-t0)/(t1-t0))
}

// quoteList writes `"a"`, `"a" and "b"`, `"a", "b" and "c"` (or "or").
func quoteList(names []string, conj string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " " + conj + " " + q[len(q)-1]
}

// haveList names a potential's controls for an error message.
func haveList(have []string) string {
	if len(have) == 0 {
		return "none"
	}
	return quoteList(have, "and")
}
