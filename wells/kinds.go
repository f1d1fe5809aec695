package wells

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Kind describes one kind of potential for help texts and the README.
type Kind struct {
	Name     string   // the kind name New accepts, e.g. "jun"
	Formula  string   // U(x, λ) in one line
	Params   []Param  // the parameters New accepts, with their defaults
	Controls []string // the control names, as Potential.Controls returns them
}

// Param is one parameter of a kind of potential.
type Param struct {
	Name    string
	Default float64
	Doc     string
	// Unit of the value: "kT", "L" (the potential's length unit),
	// "kT/L²", or "" for a pure number.
	Unit string
}

// Kinds describes every kind New can build, in a fixed order. The result is
// freshly built and may be modified by the caller.
func Kinds() []Kind {
	barrier := Param{"barrier", 8, "E_b, barrier height at rest (kT)", "kT"}
	return []Kind{
		{
			Name:    "jun",
			Formula: "U = 4 E_b [−g x²/2 + x⁴/4 − A f x]; rest g = 1, f = 0: minima U(±1) = −E_b, barrier U(0) = 0",
			Params: []Param{barrier,
				{"tilt", 1, "A, tilt amplitude; |A| > 2/(3√3) ≈ 0.385 leaves one well when tilted (f = 1)", ""}},
			Controls: []string{"g", "f"},
		},
		{
			Name:    "quartic",
			Formula: "U = E_b (x² − 1)²; minima U(±1) = 0, barrier U(0) = E_b; no controls",
			Params:  []Param{barrier},
		},
		{
			Name:    "lifted",
			Formula: "U = E_b (x² − 1)² + h (1 − tanh(x/w))/2; h raises the left well only; rest h = 0",
			Params: []Param{barrier,
				{"width", 0.1, "w, width of the step that lifts the left well (length units)", "L"}},
			Controls: []string{"h"},
		},
		{
			Name:     "double-parabola",
			Formula:  "U = (|x| − x1)²/2; minima U(±x1) = 0, cusp barrier U(0) = x1²/2",
			Params:   []Param{{"x1", 4, "rest value of the control x1 (length units, √(kT/k)); barrier x1²/2 kT", "L"}},
			Controls: []string{"x1"},
		},
		{
			Name:    "harmonic",
			Formula: "U = k (x − center)²/2, with k = stiffness",
			Params: []Param{
				{"center", 0, "rest value of the control center (length units)", "L"},
				{"stiffness", 1, "rest value of the control stiffness k (kT per length unit²)", "kT/L²"}},
			Controls: []string{"center", "stiffness"},
		},
		{
			Name: "asymmetric",
			Formula: "U = 4 E_b [−g y²/2 + y⁴/4 − A f y], y = α x + β δ ln cosh(x/δ) with y(−1) = −1, y(r) = 1; " +
				"rest g = 1, f = 0: minima U(−1) = U(r) = −E_b, barrier U(0) = 0",
			Params: []Param{barrier,
				{"ratio", 2, "r, position of the right minimum; the right well is about r times as wide as the left", ""},
				{"tilt", 1, "A, tilt amplitude; A > 2/(3√3) erases into the right well, A < −2/(3√3) into the left", ""},
				{"width", 0.1, "δ, width of the change of scale around the barrier (length units)", "L"}},
			Controls: []string{"g", "f"},
		},
		{
			Name: "stretched",
			Formula: "U = 4 E_b [−g x̃²/2 + x̃⁴/4 − A f x̃], x̃ = x (x ≥ 0), x/η (x < 0) (Gavrilov, Chétrite & Bechhoefer 2017); " +
				"rest g = 1, f = 0, η = stretch: minima U(1) = U(−η) = −E_b, barrier U(0) = 0, right-well occupation 1/(1 + η)",
			Params: []Param{barrier,
				{"tilt", 1, "A, tilt amplitude; A > 2/(3√3) erases into the right well, A < −2/(3√3) into the left", ""},
				{"stretch", 1, "rest value of the control eta, the stretch η > 0 of the x < 0 side", ""}},
			Controls: []string{"g", "f", "eta"},
		},
		{
			Name: "benchmark",
			Formula: "U = (k/2)(x − S(x−c0) c1)² + k c0 c1 (S(x−c0) + S(c0)), S = sign; " +
				"rest (c0, c1) = (0, 5): minima U(±5) = 0, cusp barrier 12.5 k",
			Params:   []Param{{"stiffness", 1, "k (kT per length unit²; 1 when x is in units of √(kT/k))", "kT/L²"}},
			Controls: []string{"c0", "c1"},
		},
		{
			Name: "shaped",
			Formula: "U = 4 E_b [−g x²/2 + x⁴/4 − A f x] + Σ_j s_j φ_j(x), φ_j the cubic B-spline on node j of n evenly spaced over [lo, hi], φ_j = 1 at its node; " +
				"rest g = 1, f = 0, s = 0: the jun bit",
			Params: []Param{barrier,
				{"tilt", 1, "A, tilt amplitude (as for jun)", ""},
				{"nodes", 16, "n, shape nodes (integer, 2 … 18); controls s0 … s{n−1} in kT", ""},
				{"lo", -1.6, "a, the first shape node (length units); the correction vanishes below a − 2Δ, Δ = (b − a)/(n − 1)", "L"},
				{"hi", 1.6, "b, the last shape node (length units); the correction vanishes above b + 2Δ", "L"}},
			Controls: Shaped{Nodes: 16}.Controls(),
		},
	}
}

// New builds a potential of the given kind. Parameters missing from params
// take their defaults (see Kinds); unknown parameter names and invalid
// values are errors, reported in one line that names the field.
func New(kind string, params map[string]float64) (Potential, error) {
	kinds := Kinds()
	i := slices.IndexFunc(kinds, func(k Kind) bool { return k.Name == kind })
	if i < 0 {
		names := make([]string, len(kinds))
		for j, k := range kinds {
			names[j] = k.Name
		}
		return nil, fmt.Errorf("wells: unknown kind %q (have %s)", kind, strings.Join(names, ", "))
	}
	v, err := kinds[i].values(params)
	if err != nil {
		return nil, err
	}
	check := func(name string, positive bool) error {
		x := v[name]
		switch {
		case positive && !(x > 0 && !math.IsInf(x, 1)):
			return fmt.Errorf("wells: %s: %s must be finite and > 0, got %v", kind, name, x)
		case math.IsNaN(x) || math.IsInf(x, 0):
			return fmt.Errorf("wells: %s: %s must be finite, got %v", kind, name, x)
		}
		return nil
	}
	var p Potential
	switch kind {
	case "jun":
		err = firstError(check("barrier", true), check("tilt", false))
		p = Jun{Barrier: v["barrier"], Tilt: v["tilt"]}
	case "quartic":
		err = check("barrier", true)
		p = Quartic{Barrier: v["barrier"]}
	case "lifted":
		err = firstError(check("barrier", true), check("width", true))
		p = Lifted{Barrier: v["barrier"], Width: v["width"]}
	case "double-parabola":
		err = check("x1", true)
		p = DoubleParabola{X1: v["x1"]}
	case "harmonic":
		err = firstError(check("center", false), check("stiffness", true))
		p = Harmonic{Center: v["center"], Stiffness: v["stiffness"]}
	case "asymmetric":
		err = firstError(check("barrier", true), check("ratio", true), check("tilt", false), check("width", true))
		a := Asymmetric{Barrier: v["barrier"], Ratio: v["ratio"], Tilt: v["tilt"], Width: v["width"]}
		if alpha, beta := a.Map(); err == nil && !(alpha > math.Abs(beta)) {
			err = fmt.Errorf("wells: asymmetric: width %v is too large for ratio %v (the map x → y would not be increasing)", a.Width, a.Ratio)
		}
		p = a
	case "stretched":
		err = firstError(check("barrier", true), check("tilt", false), check("stretch", true))
		p = Stretched{Barrier: v["barrier"], Tilt: v["tilt"], Stretch: v["stretch"]}
	case "shaped":
		err = firstError(check("barrier", true), check("tilt", false), check("nodes", true), check("lo", false), check("hi", false))
		if err == nil {
			p, err = newShaped(v["barrier"], v["tilt"], v["nodes"], v["lo"], v["hi"])
		}
	case "benchmark":
		err = check("stiffness", true)
		p = Benchmark{Stiffness: v["stiffness"]}
	default:
		panic("wells: kind " + kind + " is described by Kinds but not built by New")
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// values returns the kind's parameter values: params over the defaults.
// An unknown name is an error (the first in sorted order, for a stable
// message).
func (k Kind) values(params map[string]float64) (map[string]float64, error) {
	v := make(map[string]float64, len(k.Params))
	names := make([]string, len(k.Params))
	for i, p := range k.Params {
		v[p.Name] = p.Default
		names[i] = p.Name
	}
	given := make([]string, 0, len(params))
	for name := range params {
		given = append(given, name)
	}
	slices.Sort(given)
	for _, name := range given {
		if _, ok := v[name]; !ok {
			return nil, fmt.Errorf("wells: %s: unknown parameter %q (have %s)", k.Name, name, strings.Join(names, ", "))
		}
		v[name] = params[name]
	}
	return v, nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
