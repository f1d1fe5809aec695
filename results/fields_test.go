package results

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
)

// TestFieldsMatchResult: the registry names every JSON key of a result's
// flat record (erasure.ResultRecord, the output's form) once, Strict exactly where the
// struct's only:"method" tag forces a field out of the other method's
// output, and each Value returns the field it names.
func TestFieldsMatchResult(t *testing.T) {
	rt := reflect.TypeOf(erasure.ResultRecord{})
	var keys []string
	only := map[string]string{}
	index := map[string]int{}
	for i := range rt.NumField() {
		k, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		keys = append(keys, k)
		only[k] = rt.Field(i).Tag.Get("only")
		index[k] = i
	}
	var got []string
	seen := map[string]bool{}
	for _, f := range Fields() {
		if seen[f.Name] {
			t.Errorf("%s twice", f.Name)
		}
		seen[f.Name] = true
		if f.Doc == "" || f.Type == "" {
			t.Errorf("%s: no doc or type", f.Name)
		}
		if f.Where == ProvenanceKey {
			if f.Value != nil {
				t.Errorf("provenance %s has a Value", f.Name)
			}
			continue
		}
		got = append(got, f.Name)
		if f.Strict != (only[f.Name] != "") || f.Strict && f.Only != only[f.Name] {
			t.Errorf("%s: Strict %v Only %q, struct tag only:%q", f.Name, f.Strict, f.Only, only[f.Name])
		}
		if f.Strict && f.Only == "" {
			t.Errorf("%s: strict without a method", f.Name)
		}
	}
	// The same set as the struct.
	want := slices.Clone(keys)
	var tail []string
	for _, f := range Fields() {
		if f.Where == JSONOnly {
			tail = append(tail, f.Name)
		}
	}
	want = slices.DeleteFunc(want, func(k string) bool { return slices.Contains(tail, k) })
	want = append(want, tail...)
	// The registry's order is the CSV's; the JSON keeps the struct's.
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("registry\n%v\nstruct order\n%v", got, want)
	}
	// Each Value reads its own field: set every field of a Result to a
	// distinct value and compare.
	var r erasure.ResultRecord
	v := reflect.ValueOf(&r).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Float64:
			f.SetFloat(float64(i) + 0.5)
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(i))
		case reflect.Uint64:
			f.SetUint(uint64(i))
		case reflect.String:
			f.SetString(rt.Field(i).Name)
		case reflect.Pointer:
			p := reflect.New(f.Type().Elem())
			if p.Elem().Kind() == reflect.Float64 {
				p.Elem().SetFloat(float64(i) + 0.25)
			}
			f.Set(p)
		}
	}
	for _, f := range Fields() {
		if f.Value == nil {
			continue
		}
		want := v.Field(index[f.Name]).Interface()
		if got := f.Value(&r); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Value gives %v, the struct field %v", f.Name, got, want)
		}
	}
}

// schemaProp is the part of a JSON Schema property the registry fills.
type schemaProp struct {
	Type        string  `json:"type"`
	Description string  `json:"description"`
	Unit        *string `json:"x-unit"`
	Only        string  `json:"x-only"`
}

// TestSchemaMatchesFields: docs/schema/run.schema.json has the registry's
// fields, in its order, each with its type, unit ("1" when dimensionless),
// method (x-only) and doc, and requires exactly the Required ones.
func TestSchemaMatchesFields(t *testing.T) {
	b, err := os.ReadFile("../docs/schema/run.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Required   []string        `json:"required"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	// The properties' order, as written.
	dec := json.NewDecoder(strings.NewReader(string(s.Properties)))
	dec.Token()
	var order []string
	props := map[string]schemaProp{}
	for dec.More() {
		tok, _ := dec.Token()
		var p schemaProp
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		order = append(order, tok.(string))
		props[tok.(string)] = p
	}
	var names, required []string
	for _, f := range Fields() {
		names = append(names, f.Name)
		if f.Required {
			required = append(required, f.Name)
		}
		p, ok := props[f.Name]
		if !ok {
			continue
		}
		unit := f.Unit
		if unit == "" {
			unit = "1"
		}
		if p.Type != f.Type || p.Unit == nil || *p.Unit != unit || p.Only != f.Only || p.Description != f.Doc {
			t.Errorf("%s: schema {%s %v %q %q}, registry {%s %s %q %q}", f.Name, p.Type, p.Unit, p.Only, p.Description, f.Type, unit, f.Only, f.Doc)
		}
	}
	if !slices.Equal(order, names) {
		t.Errorf("schema properties\n%v\nregistry\n%v", order, names)
	}
	if !slices.Equal(s.Required, required) {
		t.Errorf("schema requires\n%v\nregistry\n%v", s.Required, required)
	}
}
