package repro

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestReportJSON(t *testing.T) {
	r := &Report{Paper: "x", Values: []Value{{Name: "a", Value: math.NaN()}, {Name: "b", Value: 2}, {Name: "c", Value: "s"}},
		Comparisons: []Comparison{{Quantity: "q", Ours: 1, OursSE: math.NaN(), Reference: 1, ReferenceSE: math.NaN()}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"paper":"x"`, `"a":null`, `"b":2`, `"c":"s"`, `"deviation_se":null`, `"results":[]`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON %s lacks %s", s, want)
		}
	}
	r.Values = append(r.Values, Value{Name: "files", Value: 1.0})
	if _, err := json.Marshal(r); err == nil {
		t.Error("a value named like a report field was accepted")
	}
	c := Comparison{Ours: 1, OursSE: 0.3, Reference: 2, ReferenceSE: 0.4}
	if d := c.Deviation(); math.Abs(d-2) > 1e-12 {
		t.Errorf("Deviation = %v, want 2", d)
	}
}
