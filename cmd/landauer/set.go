package main

import (
	"fmt"
	"strings"

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

// applySets applies --set overrides (erasure.ApplySets); errors exit 2.
func applySets(data []byte, sets []string) ([]byte, error) {
	out, err := erasure.ApplySets(data, sets)
	if err != nil {
		return nil, badInput("%v", err)
	}
	return out, nil
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
