package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/landauer-dev/landauer/results"
)

// schemaNode is the subset of JSON Schema 2020-12 that
// docs/schema/run.schema.json uses.
type schemaNode struct {
	Type                 string                 `json:"type"`
	Description          string                 `json:"description"`
	Unit                 *string                `json:"x-unit"`
	Only                 string                 `json:"x-only"`
	Required             []string               `json:"required"`
	Properties           map[string]*schemaNode `json:"properties"`
	Items                *schemaNode            `json:"items"`
	AdditionalProperties json.RawMessage        `json:"additionalProperties"`
}

// validate checks v against n: the type, the required keys, the properties
// (and no others when additionalProperties is false), the items.
func (n *schemaNode) validate(t *testing.T, path string, v any) {
	t.Helper()
	ok := false
	switch x := v.(type) {
	case float64:
		ok = n.Type == "number" || n.Type == "integer" && x == float64(int64(x))
	case string:
		ok = n.Type == "string"
	case bool:
		ok = n.Type == "boolean"
	case []any:
		ok = n.Type == "array"
		if ok && n.Items != nil {
			for _, e := range x {
				n.Items.validate(t, path+"[]", e)
			}
		}
	case map[string]any:
		ok = n.Type == "object"
		for _, k := range n.Required {
			if _, has := x[k]; !has {
				t.Errorf("%s: required key %q missing", path, k)
			}
		}
		var extra *schemaNode
		if len(n.AdditionalProperties) > 0 && string(n.AdditionalProperties) != "false" {
			extra = new(schemaNode)
			if err := json.Unmarshal(n.AdditionalProperties, extra); err != nil {
				t.Fatal(err)
			}
		}
		for k, e := range x {
			switch p := n.Properties[k]; {
			case p != nil:
				p.validate(t, path+"."+k, e)
			case extra != nil:
				extra.validate(t, path+"."+k, e)
			case string(n.AdditionalProperties) == "false":
				t.Errorf("%s: key %q is not in the schema", path, k)
			}
		}
	case nil:
		ok = false
	}
	if !ok {
		t.Errorf("%s: %v (%T) is not of type %s", path, v, v, n.Type)
	}
}

func loadRunSchema(t *testing.T) *schemaNode {
	b, err := os.ReadFile("../../docs/schema/run.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var s schemaNode
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// TestRunSchema: real run JSON (Monte Carlo over- and underdamped,
// Fokker–Planck with snapshots) validates against docs/schema/run.schema.json,
// every field the output writes (CSV columns included) is in the schema
// with a description and a unit that matches the CSV's, and a key that
// does not apply to the method is absent.
func TestRunSchema(t *testing.T) {
	s := loadRunSchema(t)
	names, units := results.ResultFields()
	for i, n := range names {
		p := s.Properties[n]
		if p == nil {
			t.Errorf("output field %q is not in the schema", n)
			continue
		}
		want := units[i]
		if want == "" {
			want = "1"
		}
		if p.Unit == nil || *p.Unit != want {
			t.Errorf("schema unit of %q: %v, the CSV says %q", n, p.Unit, want)
		}
	}
	for k, p := range s.Properties {
		if p.Description == "" || p.Unit == nil {
			t.Errorf("schema property %q lacks a description or an x-unit", k)
		}
	}
	for _, args := range [][]string{
		{"--trajectories", "200"},
		{"--trajectories", "200", "--set", "dynamics.kind=underdamped"},
		{"--method", "fokker-planck", "--snapshots", "2", "--set", "solver.cells=100"},
	} {
		out, errs, code := runCLI(t, append([]string{"run", "--quiet", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		s.validate(t, "run "+args[1], m)
		for k := range m {
			if p := s.Properties[k]; p != nil && p.Only != "" && p.Only != m["method"] {
				t.Errorf("%v: %q is %s only but present", args, k, p.Only)
			}
		}
		if m["schema_version"] != float64(results.TableSchemaVersion) {
			t.Errorf("schema_version %v", m["schema_version"])
		}
	}
}
