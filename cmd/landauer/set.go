package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/sweep"
)

// setFlags collects --set key=value overrides (repeatable).
type setFlags []string

func (s *setFlags) String() string { return strings.Join(*s, " ") }

func (s *setFlags) Set(v string) error {
	if k, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("%q is not key=value (e.g. potential.barrier=12)", v)
	}
	*s = append(*s, v)
	return nil
}

// applySets returns the TOML config data with each "table.key=value"
// override applied: the value is read as a TOML value (12, 1e-3, "jun",
// [[0, 1], [2, 0]]; a bare word that is not TOML is taken as a string), the
// key path is created where missing, and the result is re-encoded as TOML
// for the strict decoder, which then reports unknown keys and bad values
// as it does for a file.
func applySets(data []byte, sets []string) ([]byte, error) {
	if len(sets) == 0 {
		return data, nil
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		// The strict decoder words the syntax error (line, one line).
		return nil, badInput("config: %v", erasure.DecodeTOML(data, &m, nil))
	}
	if m == nil {
		m = map[string]any{}
	}
	for _, kv := range sets {
		k, v, _ := strings.Cut(kv, "=")
		path := strings.Split(strings.TrimSpace(k), ".")
		for _, p := range path {
			if p == "" {
				return nil, badInput("--set %s: empty key in %q", kv, k)
			}
		}
		var val map[string]any
		if _, err := toml.Decode("v = "+strings.TrimSpace(v), &val); err != nil {
			val = map[string]any{"v": strings.TrimSpace(v)}
		}
		t := m
		for _, p := range path[:len(path)-1] {
			next, ok := t[p]
			if !ok {
				sub := map[string]any{}
				t[p] = sub
				t = sub
				continue
			}
			sub, ok := next.(map[string]any)
			if !ok {
				return nil, badInput("--set %s: %s is a value, not a table", kv, p)
			}
			t = sub
		}
		t[path[len(path)-1]] = val["v"]
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		return nil, badInput("--set: %v", err)
	}
	return buf.Bytes(), nil
}

// sweepWithSets applies --set overrides to a loaded sweep spec and parses
// it again (sw itself when there are none).
func sweepWithSets(path string, sw *sweep.Spec, sets []string) (*sweep.Spec, error) {
	if len(sets) == 0 {
		return sw, nil
	}
	data, err := applySets(sw.Text, sets)
	if err != nil {
		return nil, err
	}
	out, err := sweep.Parse(data)
	if err != nil {
		return nil, badInput("%s with --set: %v", path, err)
	}
	return out, nil
}
