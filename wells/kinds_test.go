package wells

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestNewDefaults checks that New with no parameters builds each kind at
// the defaults Kinds documents.
func TestNewDefaults(t *testing.T) {
	want := map[string]Potential{
		"jun":             Jun{Barrier: 8, Tilt: 1},
		"quartic":         Quartic{Barrier: 8},
		"lifted":          Lifted{Barrier: 8, Width: 0.1},
		"double-parabola": DoubleParabola{X1: 4},
		"harmonic":        Harmonic{Center: 0, Stiffness: 1},
		"asymmetric":      Asymmetric{Barrier: 8, Ratio: 2, Tilt: 1, Width: 0.1},
		"stretched":       Stretched{Barrier: 8, Tilt: 1, Stretch: 1},
		"benchmark":       Benchmark{Stiffness: 1},
		"shaped":          Shaped{Barrier: 8, Tilt: 1, Nodes: 16, Lo: -1.6, Hi: 1.6},
	}
	kinds := Kinds()
	if len(kinds) != len(want) {
		t.Errorf("Kinds has %d kinds, want %d", len(kinds), len(want))
	}
	for _, k := range kinds {
		p := mustNew(t, k.Name, nil)
		if p != want[k.Name] {
			t.Errorf("New(%q, nil) = %#v, want %#v", k.Name, p, want[k.Name])
		}
		if p.Name() != k.Name {
			t.Errorf("New(%q).Name() = %q", k.Name, p.Name())
		}
		if !slices.Equal(p.Controls(), k.Controls) {
			t.Errorf("%s: Controls() = %q, Kinds says %q", k.Name, p.Controls(), k.Controls)
		}
		if len(p.Controls()) > MaxControls {
			t.Errorf("%s: %d controls, more than MaxControls", k.Name, len(p.Controls()))
		}
		if k.Formula == "" {
			t.Errorf("%s: no formula", k.Name)
		}
		for _, prm := range k.Params {
			if prm.Doc == "" {
				t.Errorf("%s: parameter %s has no doc", k.Name, prm.Name)
			}
		}
	}
	// Rest values follow the parameters where the doc says so.
	if got := mustNew(t, "harmonic", map[string]float64{"center": 2, "stiffness": 3}).Rest(); got != (Control{2, 3}) {
		t.Errorf("harmonic rest %v, want [2 3 0 0]", got)
	}
	if got := mustNew(t, "double-parabola", map[string]float64{"x1": 6}).Rest(); got != (Control{6}) {
		t.Errorf("double-parabola rest %v, want [6 0 0 0]", got)
	}
	if got := mustNew(t, "benchmark", nil).Rest(); got != (Control{0, 5}) {
		t.Errorf("benchmark rest %v, want [0 5 0 0]", got)
	}
	if got := mustNew(t, "jun", map[string]float64{"barrier": 13}); got != (Jun{Barrier: 13, Tilt: 1}) {
		t.Errorf("jun with barrier 13: %#v", got)
	}
}

// TestNewErrors checks every error path of New, and that each message is
// one line naming the offending field.
func TestNewErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		kind   string
		params map[string]float64
		want   string
	}{
		{"foo", nil, `wells: unknown kind "foo" (have jun, quartic, lifted, double-parabola, harmonic, asymmetric, stretched, benchmark, shaped)`},
		{"", nil, `wells: unknown kind ""`},
		{"Jun", nil, `wells: unknown kind "Jun"`},
		{"jun", map[string]float64{"barier": 3}, `wells: jun: unknown parameter "barier" (have barrier, tilt)`},
		{"jun", map[string]float64{"zz": 1, "aa": 1}, `wells: jun: unknown parameter "aa"`},
		{"jun", map[string]float64{"barrier": nan}, `wells: jun: barrier must be finite and > 0, got NaN`},
		{"jun", map[string]float64{"barrier": inf}, `wells: jun: barrier must be finite and > 0, got +Inf`},
		{"jun", map[string]float64{"barrier": -2}, `wells: jun: barrier must be finite and > 0, got -2`},
		{"jun", map[string]float64{"barrier": 0}, `wells: jun: barrier must be finite and > 0, got 0`},
		{"jun", map[string]float64{"tilt": nan}, `wells: jun: tilt must be finite, got NaN`},
		{"jun", map[string]float64{"tilt": -inf}, `wells: jun: tilt must be finite, got -Inf`},
		{"quartic", map[string]float64{"barrier": -1}, `wells: quartic: barrier must be finite and > 0`},
		{"quartic", map[string]float64{"tilt": 1}, `wells: quartic: unknown parameter "tilt" (have barrier)`},
		{"lifted", map[string]float64{"width": 0}, `wells: lifted: width must be finite and > 0, got 0`},
		{"lifted", map[string]float64{"barrier": nan}, `wells: lifted: barrier must be finite and > 0`},
		{"double-parabola", map[string]float64{"x1": -4}, `wells: double-parabola: x1 must be finite and > 0, got -4`},
		{"harmonic", map[string]float64{"center": inf}, `wells: harmonic: center must be finite, got +Inf`},
		{"harmonic", map[string]float64{"stiffness": 0}, `wells: harmonic: stiffness must be finite and > 0, got 0`},
		{"asymmetric", map[string]float64{"ratio": -1}, `wells: asymmetric: ratio must be finite and > 0, got -1`},
		{"asymmetric", map[string]float64{"width": nan}, `wells: asymmetric: width must be finite and > 0, got NaN`},
		{"asymmetric", map[string]float64{"barrier": -8}, `wells: asymmetric: barrier must be finite and > 0, got -8`},
		{"asymmetric", map[string]float64{"tilt": nan}, `wells: asymmetric: tilt must be finite, got NaN`},
		{"asymmetric", map[string]float64{"width": 10}, `wells: asymmetric: width 10 is too large for ratio 2`},
		{"benchmark", map[string]float64{"stiffness": -1}, `wells: benchmark: stiffness must be finite and > 0, got -1`},
		{"shaped", map[string]float64{"nodes": 2.5}, `wells: shaped: nodes must be an integer in [2, 18], got 2.5`},
		{"shaped", map[string]float64{"nodes": 19}, `wells: shaped: nodes must be an integer in [2, 18], got 19`},
		{"shaped", map[string]float64{"lo": 1, "hi": 1}, `wells: shaped: lo = 1 must be below hi = 1`},
		{"shaped", map[string]float64{"hi": nan}, `wells: shaped: hi must be finite, got NaN`},
		{"benchmark", map[string]float64{"c1": 5}, `wells: benchmark: unknown parameter "c1" (have stiffness)`},
	}
	for _, tc := range cases {
		p, err := New(tc.kind, tc.params)
		if err == nil {
			t.Errorf("New(%q, %v) = %v, want an error", tc.kind, tc.params, p)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("New(%q, %v): error %q, want %q…", tc.kind, tc.params, msg, tc.want)
		}
	}
}

// TestKindsIsFresh checks that Kinds returns a copy: changing it does not
// change New's defaults.
func TestKindsIsFresh(t *testing.T) {
	k := Kinds()
	k[0].Params[0].Default = -1
	k[0].Name = "changed"
	if p := mustNew(t, "jun", nil); p != (Jun{8, 1}) {
		t.Errorf("after editing Kinds(), New(jun) = %#v", p)
	}
}

// TestParamUnits: every parameter's unit is one the config schema and the
// help texts know, and a parameter documented in length units or kT says so.
func TestParamUnits(t *testing.T) {
	for _, k := range Kinds() {
		for _, p := range k.Params {
			switch p.Unit {
			case "", "kT", "L", "kT/L²":
			default:
				t.Errorf("%s.%s: unit %q", k.Name, p.Name, p.Unit)
			}
			if strings.Contains(p.Doc, "(length units") != (p.Unit == "L") {
				t.Errorf("%s.%s: doc %q but unit %q", k.Name, p.Name, p.Doc, p.Unit)
			}
			if strings.HasSuffix(p.Doc, "(kT)") && p.Unit != "kT" {
				t.Errorf("%s.%s: doc %q but unit %q", k.Name, p.Name, p.Doc, p.Unit)
			}
		}
	}
}
