package main

import (
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionFrom(t *testing.T) {
	tagged := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}
	if v := versionFrom(tagged); v != "v1.2.3" {
		t.Errorf("tagged module: %q", v)
	}
	clone := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-07T23:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if v := versionFrom(clone); v != "(devel) git 0123456789ab+dirty 2026-12-07T23:00:00Z" {
		t.Errorf("clone: %q", v)
	}
	if v := versionFrom(&debug.BuildInfo{}); v != "(devel)" {
		t.Errorf("no info: %q", v)
	}
}

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
	if m["schema_version"] != float64(runSchemaVersion) || m["version"] == "" || m["command_line"] == nil {
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
