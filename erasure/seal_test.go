package erasure

import (
	"strings"
	"testing"
)

// TestMixedBuildMergeRefused is the regression test of build-dependent
// normals going unrecorded: point files of two normal generators (a simd
// and a scalar build) are refused by Merge instead of merged.
func TestMixedBuildMergeRefused(t *testing.T) {
	dir := t.TempDir()
	pf := func(i int, gen string) PointFile {
		return PointFile{Format: 1, Sweep: "m", SpecHash: "h", Points: 2, Index: i, Generator: gen,
			Axes:   []AxisValue{{"protocol.duration", float64(i) + 0.5}},
			Result: &Result{Method: MonteCarlo, WorkMean: 1, WorkSEM: 0.5, Trajectories: 10}}
	}
	a := writePoint(t, dir, pf(0, "xoshiro256+/ziggurat"))
	b := writePoint(t, dir, pf(1, "xoshiro256+x8/avx512-box-muller"))
	if _, err := Merge([]string{a, b}, MergeOptions{}); err == nil || !strings.Contains(err.Error(), "refusing to mix builds") {
		t.Errorf("mixed generators: %v", err)
	}
	c := writePoint(t, dir, pf(1, "xoshiro256+/ziggurat"))
	if _, err := Merge([]string{a, c}, MergeOptions{}); err != nil {
		t.Errorf("one generator: %v", err)
	}
}
