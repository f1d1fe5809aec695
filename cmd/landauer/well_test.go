package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/wells"
	"github.com/landauer-dev/landauer/wells/storage"
)

// TestWellJSON: `landauer well CONFIG --format json` (positional config)
// reports the barrier, the MFPT and the relaxation rate of the config's
// potential, equal to the library's numbers for the same potential.
func TestWellJSON(t *testing.T) {
	cfg := writeFile(t, "s.toml", small) // jun, barrier 4
	out, errs, code := runCLI(t, "well", cfg, "--format", "json", "--cells", "1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"mfpt", "relaxation_rate", "barrier", "schema_version", "minima", "kramers_rate"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	p := wells.Jun{Barrier: 4, Tilt: 1}
	r, err := storage.Analyze(context.Background(), p, p.Rest(), storage.Options{Cells: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if got := m["barrier"].(float64); got != *r.Barrier {
		t.Errorf("barrier %v, want %v", got, *r.Barrier)
	}
	if got := m["mfpt"].(map[string]any)["value"].(float64); got != r.MFPT.Value {
		t.Errorf("mfpt %v, want %v", got, r.MFPT.Value)
	}
	if got := m["relaxation_rate"].(map[string]any)["value"].(float64); got != r.RelaxationRate.Value {
		t.Errorf("relaxation rate %v, want %v", got, r.RelaxationRate.Value)
	}
	if m["retention"] != nil {
		t.Errorf("retention without --storage: %v", m["retention"])
	}
}

// TestWellControlAndStorage: at g = 0 the jun well has one minimum (no
// barrier: null fields), and with --storage the table reports a
// retention error; -o x.json writes JSON without --format.
func TestWellControlAndStorage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.json")
	_, errs, code := runCLI(t, "well", "--control", "g=0", "--storage", "10", "-o", path, "--cells", "400")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("-o w.json did not write JSON: %v", err)
	}
	if m["barrier"] != nil || m["mfpt"] != nil || len(m["minima"].([]any)) != 1 {
		t.Errorf("one well at g = 0: barrier %v, mfpt %v, minima %v", m["barrier"], m["mfpt"], m["minima"])
	}
	out, errs, code := runCLI(t, "well", "--storage", "50", "--cells", "400")
	if code != 0 || !strings.Contains(out, "retention error after 50 t0") || !strings.Contains(out, "MFPT left → right") {
		t.Errorf("exit %d: %s%s", code, out, errs)
	}
}

// TestWellBarrierFor: --barrier-for finds the barrier whose two-state
// retention error after --storage is the target; the report at that barrier
// says so (to 1e-8 relative).
func TestWellBarrierFor(t *testing.T) {
	out, errs, code := runCLI(t, "well", "--barrier-for", "1e-12", "--storage", "1e6", "--format", "json", "--cells", "400", "--no-fokker-planck")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var m struct {
		Barrier    float64 `json:"barrier"`
		BarrierFor struct {
			Parameter string  `json:"parameter"`
			Value     float64 `json:"value"`
		} `json:"barrier_for"`
		Retention struct {
			Error  float64 `json:"error"`
			Method string  `json:"method"`
		} `json:"retention"`
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	t.Logf("barrier %v kT for 1e-12 after 1e6 t0: ε = %v (%s)", m.Barrier, m.Retention.Error, m.Retention.Method)
	if m.BarrierFor.Parameter != "barrier" || math.Abs(m.BarrierFor.Value-m.Barrier) > 1e-9*m.Barrier {
		t.Errorf("barrier_for = %+v, barrier = %v", m.BarrierFor, m.Barrier)
	}
	if math.Abs(m.Retention.Error/1e-12-1) > 1e-8 || m.Retention.Method != "two-state" {
		t.Errorf("retention %v (%s), want 1e-12 (two-state)", m.Retention.Error, m.Retention.Method)
	}
}

func TestWellBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"well", "--barrier-for", "1e-9"},
		{"well", "--barrier-for", "0.7", "--storage", "1"},
		{"well", "--control", "h=1"},
		{"well", "--control", "g"},
		{"well", "--storage", "-1"},
		{"well", "--format", "csv"},
		{"well", "a.toml", "b.toml"},
		{"well", "/nonexistent/x.toml"},
	} {
		_, errs, code := runCLI(t, args...)
		if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line", args, code, errs)
		}
	}
}
