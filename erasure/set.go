package erasure

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/BurntSushi/toml"
)

// SetValue reads the value of a "key=value" override (--set) as the
// key's type in ConfigSchema: the text is read as a TOML value (12, 1e-3,
// "jun", [[0, 1], [2, 0]]), or taken as a string where it is none (a bare
// word); a string key takes the text as a string, an integer key an
// integral number (1e4 is 10000). A key of a schema table that the schema
// lacks is an error naming the table's keys; potential and protocol
// parameters the schema lacks, and keys of other tables ([sweep],
// [optimize]), are left to their decoder.
func SetValue(key, text string) (any, error) {
	text = strings.TrimSpace(text)
	var val map[string]any
	var v any = text
	if _, err := toml.Decode("v = "+text, &val); err == nil {
		v = val["v"]
	}
	k, err := LookupKey(key)
	if err != nil {
		table, _, _ := strings.Cut(key, ".")
		if table != "potential" && table != "protocol" && contains(tableOrder(), table) {
			return nil, err
		}
		return v, nil
	}
	switch k.Type {
	case TypeString:
		if _, ok := v.(string); !ok {
			v = text
		}
	case TypeInt:
		if x, ok := v.(float64); ok && x == math.Trunc(x) && math.Abs(x) <= 1<<53 {
			v = int64(x)
		}
		if _, ok := v.(int64); !ok {
			return nil, fmt.Errorf("%s takes an integer, got %s", key, text)
		}
	case TypeFloat:
		if _, ok := asFloat(v); !ok {
			return nil, fmt.Errorf("%s takes a number, got %s", key, text)
		}
	}
	return v, nil
}

// ApplySets returns the TOML data with each "table.key=value" override
// applied: the value is typed by SetValue, the key path is created where
// missing, and the result is re-encoded as TOML for the strict decoder,
// which then reports unknown keys and bad values as it does for a file.
// Errors are one line naming the override.
func ApplySets(data []byte, sets []string) ([]byte, error) {
	if len(sets) == 0 {
		return data, nil
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		// The strict decoder words the syntax error (line, one line).
		return nil, fmt.Errorf("config: %v", DecodeTOML(data, &m, nil))
	}
	if m == nil {
		m = map[string]any{}
	}
	for _, kv := range sets {
		k, text, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--set %q is not key=value (e.g. potential.barrier=12)", kv)
		}
		key := strings.TrimSpace(k)
		path := strings.Split(key, ".")
		for _, p := range path {
			if p == "" {
				return nil, fmt.Errorf("--set %s: empty key in %q", kv, k)
			}
		}
		v, err := SetValue(key, text)
		if err != nil {
			return nil, fmt.Errorf("--set %s: %v", kv, err)
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
				return nil, fmt.Errorf("--set %s: %s is a value, not a table", kv, p)
			}
			t = sub
		}
		t[path[len(path)-1]] = v
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(m); err != nil {
		return nil, fmt.Errorf("--set: %v", err)
	}
	return buf.Bytes(), nil
}
