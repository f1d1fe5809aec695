package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/results"
)

// TestRunJSONProvenance: run's JSON carries schema_version, version, the
// command line and the config as run (with --set applied), and the
// config reproduces the run's potential.
func TestRunJSONProvenance(t *testing.T) {
	out, errs, code := runCLI(t, "run", "--set", "potential.barrier=6", "--trajectories", "100", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	if m["schema_version"] != float64(results.TableSchemaVersion) || m["version"] == "" || m["command_line"] == nil {
		t.Errorf("provenance: schema_version %v, version %v, command_line %v", m["schema_version"], m["version"], m["command_line"])
	}
	cfg, _ := m["config"].(string)
	if !strings.Contains(cfg, "barrier = 6") || !strings.Contains(cfg, "[protocol]") {
		t.Errorf("config as run: %q", cfg)
	}
	if m["work_mean"] == nil {
		t.Error("the result fields are gone")
	}
}
