package erasure

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// TestSchemaMatchesConfig: the TOML decoder's struct (Config's typed
// tables) and the schema hold the same keys with the same types, so the
// schema describes exactly what ParseConfig decodes; every potential and
// protocol kind has its kind's parameters in the schema.
func TestSchemaMatchesConfig(t *testing.T) {
	typed := map[string]Type{}
	ct := reflect.TypeOf(Config{})
	for i := range ct.NumField() {
		f := ct.Field(i)
		if f.Type.Kind() == reflect.Map {
			continue // [potential] and [protocol]: per kind, below
		}
		for j := range f.Type.NumField() {
			g := f.Type.Field(j)
			tt := g.Type
			if tt.Kind() == reflect.Pointer {
				tt = tt.Elem()
			}
			var want Type
			switch tt.Kind() {
			case reflect.Int, reflect.Int64:
				want = TypeInt
			case reflect.Float64:
				want = TypeFloat
			case reflect.String:
				want = TypeString
			default:
				t.Fatalf("%s.%s: type %v", f.Tag.Get("toml"), g.Tag.Get("toml"), tt)
			}
			typed[f.Tag.Get("toml")+"."+g.Tag.Get("toml")] = want
		}
	}
	seen := map[string]bool{}
	for _, k := range ConfigSchema() {
		if seen[k.Kind+" "+k.Name] {
			t.Errorf("%s (kind %q) listed twice", k.Name, k.Kind)
		}
		seen[k.Kind+" "+k.Name] = true
		table := tableOf(k)
		if table == "potential" || table == "protocol" {
			continue
		}
		want, ok := typed[k.Name]
		if !ok {
			t.Errorf("schema key %s is not in Config", k.Name)
		} else if want != k.Type {
			t.Errorf("%s: schema type %v, Config decodes %v", k.Name, k.Type, want)
		}
		delete(typed, k.Name)
	}
	for name := range typed {
		t.Errorf("Config key %s is not in the schema", name)
	}
	for _, kind := range wells.Kinds() {
		for _, p := range kind.Params {
			if !seen[kind.Name+" potential."+p.Name] {
				t.Errorf("potential %s: parameter %s not in the schema", kind.Name, p.Name)
			}
		}
	}
	for _, kind := range Protocols() {
		for _, p := range kind.Params {
			if !seen[kind.Name+" protocol."+p.Name] {
				t.Errorf("protocol %s: parameter %s not in the schema", kind.Name, p.Name)
			}
		}
	}
	for _, name := range []string{"potential.kind", "protocol.kind", "protocol.duration", "keyframes protocol.keyframes"} {
		if !seen[name] && !seen[" "+name] {
			t.Errorf("%s not in the schema", name)
		}
	}
}

// TestSchemaKeysWellFormed: every key has a doc, a default of its type (or
// is required, or says how its default is chosen), a valid default, and a
// parameter that several kinds take has the same type, unit and range in
// each.
func TestSchemaKeysWellFormed(t *testing.T) {
	first := map[string]ConfigKey{}
	for _, k := range ConfigSchema() {
		if k.Doc == "" {
			t.Errorf("%s: no doc", k.Name)
		}
		switch {
		case k.Required && k.Default != nil:
			t.Errorf("%s: required with a default", k.Name)
		case !k.Required && k.Default == nil && (k.DefaultDoc == "" || k.Example == nil):
			t.Errorf("%s: no default, no DefaultDoc or Example", k.Name)
		case k.Default != nil:
			var ok bool
			switch k.Type {
			case TypeString:
				_, ok = k.Default.(string)
			case TypeInt:
				_, ok = k.Default.(int64)
			case TypeFloat:
				_, ok = k.Default.(float64)
			}
			if !ok {
				t.Errorf("%s: default %v (%T) is not a %v", k.Name, k.Default, k.Default, k.Type)
			} else if err := k.Check(k.Default); err != nil {
				t.Errorf("%s: default invalid: %v", k.Name, err)
			}
		}
		if k.Range != nil && k.Range.Key != k.Name {
			t.Errorf("%s: range names %q", k.Name, k.Range.Key)
		}
		if f, ok := first[k.Name]; ok {
			if f.Type != k.Type || f.Unit != k.Unit || !reflect.DeepEqual(f.Range, k.Range) {
				t.Errorf("%s: kind %s and kind %s differ in type, unit or range", k.Name, f.Kind, k.Kind)
			}
		} else {
			first[k.Name] = k
		}
	}
}

// minimalFor is a config that Study accepts, with the potential or
// protocol kind that takes the key k.
func minimalFor(k ConfigKey) string {
	pot, proto := "jun", "four-stage\"\nduration = 1.0"
	switch {
	case tableOf(k) == "potential" && k.Kind != "":
		pot, proto = k.Kind, "hold\"\nduration = 1.0"
	case k.Name == "protocol.height":
		pot, proto = "lifted", "lift-one-well\"\nduration = 1.0\nheight = 10.0"
	}
	return "[potential]\nkind = \"" + pot + "\"\n[protocol]\nkind = \"" + proto + "\n"
}

// normalized fills in the defaults Study leaves to the library.
func normalized(s *Study) *Study {
	c := *s
	if c.BlockSize == 0 {
		c.BlockSize = langevin.DefaultBlockSize
	}
	if c.Cells == 0 {
		c.Cells = fokkerplanck.DefaultCells
	}
	return &c
}

func studyOf(t *testing.T, text string, sets ...string) (*Study, error) {
	t.Helper()
	data, err := ApplySets([]byte(text), sets)
	if err != nil {
		return nil, err
	}
	c, err := ParseConfig(data)
	if err != nil {
		return nil, err
	}
	return c.Study()
}

// TestSchemaDefaultsAreStudyDefaults: a key written at its schema default
// gives the same study as the key left out, for every key with a default
// (the potential parameters under each kind that takes them): the schema's
// default is the one Study applies.
func TestSchemaDefaultsAreStudyDefaults(t *testing.T) {
	for _, k := range ConfigSchema() {
		if k.Default == nil {
			continue
		}
		base := minimalFor(k)
		without, err := studyOf(t, base)
		if err != nil {
			t.Fatalf("%s: %v", k.Name, err)
		}
		with, err := studyOf(t, base, k.Name+"="+TOMLValue(k.Default))
		if err != nil {
			t.Fatalf("%s = %v: %v", k.Name, k.Default, err)
		}
		if !reflect.DeepEqual(normalized(without), normalized(with)) {
			t.Errorf("%s = %s changes the study:\n%+v\n%+v", k.Name, TOMLValue(k.Default), without, with)
		}
	}
}

// TestSchemaRangesEnforced: for every numeric key with a range, Study
// refuses the values just outside it (through --set, as a user would
// write them) with an error naming the key, and Check accepts the closed
// ends.
func TestSchemaRangesEnforced(t *testing.T) {
	for _, k := range ConfigSchema() {
		r := k.Range
		if r == nil || k.Type == TypeTable {
			continue
		}
		var outside, ends []string
		format := func(x float64) string {
			if k.Type == TypeInt {
				return strconv.FormatInt(int64(x), 10)
			}
			return TOMLValue(x)
		}
		step := func(x, dir float64) float64 {
			if k.Type == TypeInt {
				return x + dir
			}
			return math.Nextafter(x, dir*math.Inf(1))
		}
		if r.MinOpen {
			outside = append(outside, format(r.Min))
		} else {
			outside = append(outside, format(step(r.Min, -1)))
			ends = append(ends, format(r.Min))
		}
		if r.OrZero {
			outside = append(outside, format(1))
		}
		switch {
		case math.IsInf(r.Max, 1) || k.Type == TypeInt && r.Max >= 1<<63:
		case r.MaxOpen:
			outside = append(outside, format(r.Max))
		default:
			outside = append(outside, format(step(r.Max, 1)))
			ends = append(ends, format(r.Max))
		}
		for _, v := range outside {
			_, err := studyOf(t, minimalFor(k), k.Name+"="+v)
			short := shortName(k)
			if err == nil || !strings.Contains(err.Error(), short) || !strings.Contains(err.Error(), tableOf(k)) {
				t.Errorf("%s = %s: got %v, want an error naming the key", k.Name, v, err)
			}
		}
		for _, v := range ends {
			x, err := SetValue(k.Name, v)
			if err == nil {
				err = k.Check(x)
			}
			if err != nil {
				t.Errorf("%s = %s (an end of %s): %v", k.Name, v, r, err)
			}
		}
	}
}

// TestLookupKey: the sweep's axis typing reads type and unit here; tables
// and unknown keys are errors naming what there is.
func TestLookupKey(t *testing.T) {
	for _, c := range []struct {
		name string
		typ  Type
		unit string
	}{
		{"protocol.duration", TypeFloat, "t0"},
		{"protocol.height", TypeFloat, "kT"},
		{"potential.barrier", TypeFloat, "kT"},
		{"potential.kind", TypeString, ""},
		{"dynamics.dt", TypeFloat, "t0"},
		{"dynamics.temperature", TypeFloat, "kT"},
		{"dynamics.kelvin", TypeFloat, "K"},
		{"solver.dt", TypeFloat, "t0"},
		{"ensemble.trajectories", TypeInt, ""},
		{"ensemble.kernel", TypeString, ""},
		{"solver.snapshots", TypeInt, ""},
		{"protocol.keyframes", TypeTable, ""},
	} {
		k, err := LookupKey(c.name)
		if err != nil || k.Type != c.typ || k.Unit != c.unit {
			t.Errorf("LookupKey(%s) = %v %q, %v; want %v %q", c.name, k.Type, k.Unit, err, c.typ, c.unit)
		}
	}
	for name, want := range map[string]string{
		"dynamics.dtt":  "[dynamics] has kind, integrator, dt,",
		"dynamic.dt":    `unknown table "dynamic"`,
		"ensemble":      "not of the form table.key",
		"potential.foo": "[potential] has kind, barrier, tilt,",
		"solver.dt.x":   "not of the form table.key",
	} {
		if _, err := LookupKey(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LookupKey(%s): %v, want %q", name, err, want)
		}
	}
}

// TestConfigHelpEveryKey: `landauer help config` shows every key with its
// default (or example), type and unit, under its table and kind.
func TestConfigHelpEveryKey(t *testing.T) {
	var b bytes.Buffer
	if err := WriteConfigHelp(&b); err != nil {
		t.Fatal(err)
	}
	help := b.String()
	sections := map[string]string{}
	table, kind := "", ""
	for _, line := range strings.Split(help, "\n") {
		switch {
		case strings.HasPrefix(line, "["):
			table, kind = strings.Trim(line, "[]"), ""
		case strings.HasPrefix(line, "  with kind = "):
			kind, _ = strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(line, "  with kind = "), ":"))
		case table != "":
			sections[table+" "+kind] += line + "\n"
		}
	}
	for _, k := range ConfigSchema() {
		lhs := shortName(k)
		if v := k.Default; v != nil {
			lhs += " = " + TOMLValue(v)
		} else if k.Example != nil {
			lhs += " = " + TOMLValue(k.Example)
		}
		found := false
		for _, line := range strings.Split(sections[tableOf(k)+" "+k.Kind], "\n") {
			f := strings.Fields(line)
			if len(f) == 0 || !strings.HasPrefix(strings.TrimSpace(line), lhs+" ") {
				continue
			}
			facts := strings.Split(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), lhs)), ", ")
			found = facts[0] == k.Type.String() && (k.Unit == "" || facts[1] == k.Unit)
			if k.Required {
				found = found && strings.Contains(line, "required")
			}
		}
		if !found {
			t.Errorf("help config lacks %q with type %v and unit %q (kind %q)", lhs, k.Type, k.Unit, k.Kind)
		}
	}
}

// TestStarterConfig: the starter config of every potential kind parses,
// builds a study, writes every key of its tables (live or commented), and
// the sweep spec leaves out ensemble.seed.
func TestStarterConfig(t *testing.T) {
	for _, kind := range wells.Kinds() {
		text, err := StarterConfig(kind.Name, false)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := ParseConfig([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v\n%s", kind.Name, err, text)
		}
		s, err := cfg.Study()
		if err != nil {
			t.Fatalf("%s: %v\n%s", kind.Name, err, text)
		}
		if s.Potential.Name() != kind.Name {
			t.Errorf("%s: potential %s", kind.Name, s.Potential.Name())
		}
		for _, k := range ConfigSchema() {
			if k.Kind != "" && k.Kind != kind.Name && k.Kind != s.Protocol.Kind() {
				continue
			}
			if k.Name == "protocol.keyframes" {
				continue
			}
			if !strings.Contains(text, "\n"+shortName(k)+" = ") && !strings.Contains(text, "\n# "+shortName(k)+" = ") {
				t.Errorf("%s: starter config lacks %s", kind.Name, k.Name)
			}
		}
	}
	spec, err := StarterConfig("jun", true)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(spec, "\nseed = 1") || !strings.Contains(spec, "[[sweep.axis]]") {
		t.Errorf("sweep starter:\n%s", spec)
	}
	if _, err := StarterConfig("nosuchwell", false); err == nil || !strings.Contains(err.Error(), "nosuchwell") {
		t.Errorf("unknown kind: %v", err)
	}
}

// TestSetValue: --set values take the key's type.
func TestSetValue(t *testing.T) {
	for _, c := range []struct {
		key, text string
		want      any
	}{
		{"ensemble.trajectories", "1e4", int64(10000)},
		{"ensemble.trajectories", "300", int64(300)},
		{"dynamics.dt", "1", int64(1)}, // the decoder takes an integer for a number
		{"dynamics.dt", "1e-3", 1e-3},
		{"potential.barrier", "5", int64(5)},
		{"initial.state", "left", "left"},
		{"initial.state", "1", "1"},
		{"solver.method", `"monte-carlo"`, "monte-carlo"},
		{"potential.kind", "jun", "jun"},
		{"sweep.seed", "7", int64(7)}, // not a study key: TOML's reading
		{"potential.bogus", "x", "x"}, // a kind's parameter: Study names it
		{"protocol.keyframes.g", "[[0, 1]]", []any{[]any{int64(0), int64(1)}}},
	} {
		got, err := SetValue(c.key, c.text)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("SetValue(%s, %s) = %#v, %v; want %#v", c.key, c.text, got, err, c.want)
		}
	}
	for _, c := range []struct{ key, text, want string }{
		{"ensemble.trajectories", "1.5", "takes an integer"},
		{"ensemble.trajectories", "many", "takes an integer"},
		{"dynamics.dt", "small", "takes a number"},
		{"dynamics.dtt", "1", "[dynamics] has"},
	} {
		if _, err := SetValue(c.key, c.text); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetValue(%s, %s): %v, want %q", c.key, c.text, err, c.want)
		}
	}
	for _, c := range []struct {
		sets []string
		want string
	}{
		{[]string{"nonsense"}, "is not key=value"},
		{[]string{"potential..x=1"}, "empty key"},
		{[]string{"potential.kind.x=1"}, "not a table"},
	} {
		if _, err := ApplySets([]byte(DefaultStudy), c.sets); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ApplySets(%q): %v, want %q", c.sets, err, c.want)
		}
	}
}

func ExampleLookupKey() {
	k, err := LookupKey("ensemble.trajectories")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(k.Type, k.Default, k.Range, k.Doc)
	k, _ = LookupKey("protocol.duration")
	fmt.Println(k.Type, k.Unit, k.Required, k.Range)
	fmt.Println(k.Check(-1.0))
	_, err = LookupKey("dynamics.step")
	fmt.Println(err)
	// Output:
	// integer 10000 [1, 2^50] Monte Carlo sample size
	// number t0 true (0, 1e+09]
	// config: protocol.duration must be > 0, got -1
	// unknown key dynamics.step ([dynamics] has kind, integrator, dt, friction, mass, temperature, kelvin)
}
