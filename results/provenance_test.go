package results

import (
	"encoding/json"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	tagged := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}
	if v := VersionFrom(tagged); v != "v1.2.3" {
		t.Errorf("tagged module: %q", v)
	}
	clone := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-07T23:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if v := VersionFrom(clone); v != "(devel) git 0123456789ab+dirty 2026-12-07T23:00:00Z" {
		t.Errorf("clone: %q", v)
	}
	if v := VersionFrom(&debug.BuildInfo{}); v != "(devel)" {
		t.Errorf("no info: %q", v)
	}
}

// TestProvenance: the JSON keys are the registry's ProvenanceKey fields in
// order; WithProvenance appends them to an object (empty or not) and
// refuses what is not one; CSV writes one comment line per key and per
// config line.
func TestProvenance(t *testing.T) {
	p := NewProvenance([]byte("[a]\nb = 1\n"), "gen", []string{"landauer", "run"})
	var keys []string
	rt := reflect.TypeOf(p)
	for i := range rt.NumField() {
		keys = append(keys, rt.Field(i).Tag.Get("json"))
	}
	var want []string
	for _, f := range Fields() {
		if f.Where == ProvenanceKey {
			want = append(want, f.Name)
		}
	}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("provenance keys %v, registry %v", keys, want)
	}
	for _, obj := range []string{`{"x":1}`, "{}\n"} {
		b, err := WithProvenance([]byte(obj), p)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil || m["generator"] != "gen" || m["schema_version"] != float64(TableSchemaVersion) {
			t.Errorf("%s → %s (%v)", obj, b, err)
		}
	}
	if _, err := WithProvenance([]byte(`[1]`), p); err == nil {
		t.Error("an array: no error")
	}
	csv := string(p.CSV())
	if !strings.HasPrefix(csv, "# landauer run\n# schema_version: 2\n") || !strings.Contains(csv, "# generator: gen\n") ||
		!strings.Contains(csv, `# command_line: ["landauer","run"]`) || !strings.HasSuffix(csv, "# config: [a]\n# config: b = 1\n") {
		t.Errorf("CSV provenance:\n%s", csv)
	}
}
