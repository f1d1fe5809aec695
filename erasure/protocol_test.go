package erasure

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

// stubWell is a potential with the named controls and rest values; only its
// controls matter to protocols.
type stubWell struct {
	name     string
	controls []string
	rest     wells.Control
}

func (s stubWell) Name() string                                     { return s.name }
func (s stubWell) Controls() []string                               { return s.controls }
func (s stubWell) Rest() wells.Control                              { return s.rest }
func (s stubWell) Eval(c wells.Control, x, u, f []float64)          {}
func (s stubWell) Step(prev, next wells.Control, x, w, f []float64) {}

var (
	liftWell  = stubWell{name: "lift", controls: []string{"h"}}
	threeWell = stubWell{name: "three", controls: []string{"g", "f", "h"}, rest: wells.Control{1, 0, 7}}
)

func mustProtocol(t *testing.T, kind string, p wells.Potential, T float64, params map[string]float64, kf map[string][][2]float64) Protocol {
	t.Helper()
	pr, err := NewProtocol(kind, p, T, params, kf)
	if err != nil {
		t.Fatalf("NewProtocol(%q): %v", kind, err)
	}
	if pr.Kind() != kind || pr.Duration() != T {
		t.Fatalf("Kind, Duration = %q, %v; want %q, %v", pr.Kind(), pr.Duration(), kind, T)
	}
	return pr
}

// checkAt compares pr.At(t) with want at each time, within 1e-14.
func checkAt(t *testing.T, pr Protocol, cases map[float64]wells.Control) {
	t.Helper()
	for tm, want := range cases {
		got := pr.At(tm)
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-14 {
				t.Errorf("%s: At(%v) = %v, want %v", pr.Kind(), tm, got, want)
				break
			}
		}
	}
}

func TestFourStage(t *testing.T) {
	pr := mustProtocol(t, "four-stage", wells.Jun{Barrier: 13, Tilt: 0.5}, 8, nil, nil)
	checkAt(t, pr, map[float64]wells.Control{
		-1: {1, 0}, 0: {1, 0}, // before the start: the start
		1: {0.5, 0}, 2: {0, 0}, // lower the barrier
		3: {0, 0.5}, 4: {0, 1}, // tilt
		5: {0.5, 1}, 6: {1, 1}, // raise the barrier
		7: {1, 0.5}, 8: {1, 0}, // remove the tilt
		9: {1, 0},
	})
	// Extra controls stay at rest.
	pr3 := mustProtocol(t, "four-stage", threeWell, 4, map[string]float64{}, nil)
	checkAt(t, pr3, map[float64]wells.Control{0: {1, 0, 7}, 1.5: {0, 0.5, 7}, 4: {1, 0, 7}})
}

func TestSymmetricTilt(t *testing.T) {
	pr := mustProtocol(t, "symmetric-tilt", wells.Jun{Barrier: 13, Tilt: 0.5}, 2, nil, nil)
	checkAt(t, pr, map[float64]wells.Control{
		0: {1, 0}, 0.5: {1, 0.5}, 1: {1, 1}, 1.5: {1, 0.5}, 2: {1, 0}, 3: {1, 0},
	})
	// The path reads the same backwards.
	for _, tm := range []float64{0.1, 0.3, 0.77, 0.95} {
		if a, b := pr.At(tm), pr.At(2-tm); math.Abs(a[1]-b[1]) > 1e-15 {
			t.Errorf("At(%v) = %v but At(%v) = %v", tm, a, 2-tm, b)
		}
	}
}

func TestLiftOneWell(t *testing.T) {
	pr := mustProtocol(t, "lift-one-well", liftWell, 3, map[string]float64{"height": 50}, nil)
	checkAt(t, pr, map[float64]wells.Control{
		0: {0}, 0.5: {25}, 1: {50}, 1.5: {50}, 2: {50}, 2.5: {25}, 3: {0}, 4: {0},
	})
	pr3 := mustProtocol(t, "lift-one-well", threeWell, 3, map[string]float64{"height": 10}, nil)
	checkAt(t, pr3, map[float64]wells.Control{0: {1, 0, 0}, 1.5: {1, 0, 10}})
}

func TestHold(t *testing.T) {
	pr := mustProtocol(t, "hold", wells.Quartic{Barrier: 5}, 10, nil, nil)
	checkAt(t, pr, map[float64]wells.Control{0: {}, 5: {}, 10: {}})
	pr3 := mustProtocol(t, "hold", threeWell, 10, nil, nil)
	checkAt(t, pr3, map[float64]wells.Control{0: threeWell.rest, 5: threeWell.rest})
}

func TestKeyframes(t *testing.T) {
	kf := map[string][][2]float64{
		// c₀ of NESTbench-like shape: hold, ramp, a jump at t = 2, ramp, hold.
		"g": {{0.5, 2}, {1, 4}, {2, 4}, {2, 10}, {3, 0}},
		"h": {{1, -1}}, // a single point: constant
	}
	pr := mustProtocol(t, "keyframes", threeWell, 4, nil, kf)
	checkAt(t, pr, map[float64]wells.Control{
		0:                    {2, 0, -1},
		0.5:                  {2, 0, -1},
		0.75:                 {3, 0, -1},
		1.5:                  {4, 0, -1},
		math.Nextafter(2, 0): {4, 0, -1},  // just before the jump: the earlier value
		2:                    {10, 0, -1}, // at the jump: the later value
		2.5:                  {5, 0, -1},
		3:                    {0, 0, -1},
		4:                    {0, 0, -1},
	})

	// Three points at one time: the last wins; a jump at t = 0 and at t = T.
	// At t = 0 itself the first value holds: λ(0) is the starting state,
	// and the first time step makes the jump.
	pr2 := mustProtocol(t, "keyframes", threeWell, 1, nil, map[string][][2]float64{
		"f": {{0, 5}, {0, 6}, {0.5, 6}, {0.5, 7}, {0.5, 8}, {1, 8}, {1, 9}},
	})
	checkAt(t, pr2, map[float64]wells.Control{
		-1: {1, 5, 7}, 0: {1, 5, 7}, 1e-12: {1, 6, 7}, 0.25: {1, 6, 7}, 0.5: {1, 8, 7}, 0.99: {1, 8, 7}, 1: {1, 9, 7},
	})

	// The caller's slices are copied: changing them later changes nothing.
	pts := [][2]float64{{0, 1}, {1, 3}}
	pr3 := mustProtocol(t, "keyframes", threeWell, 1, nil, map[string][][2]float64{"g": pts})
	pts[1][1] = 100
	checkAt(t, pr3, map[float64]wells.Control{0.5: {2, 0, 7}})
}

func TestProtocolErrors(t *testing.T) {
	jun := wells.Jun{Barrier: 13, Tilt: 0.5}
	quartic := wells.Quartic{Barrier: 5}
	gOnly := stubWell{name: "gonly", controls: []string{"g"}}
	ok := map[string][][2]float64{"g": {{0, 1}}}
	for _, c := range []struct {
		kind   string
		p      wells.Potential
		T      float64
		params map[string]float64
		kf     map[string][][2]float64
		want   string
	}{
		{"warp", jun, 1, nil, nil, `protocol.kind: unknown kind "warp"; want one of "four-stage", "symmetric-tilt", "lift-one-well", "hold" or "keyframes"`},
		{"", jun, 1, nil, nil, `protocol.kind: unknown kind ""`},
		{"hold", nil, 1, nil, nil, `protocol: hold needs a potential, got none`},
		{"four-stage", jun, -1, nil, nil, `protocol.duration must be > 0, got -1`},
		{"four-stage", jun, 0, nil, nil, `protocol.duration must be > 0, got 0`},
		{"four-stage", jun, math.NaN(), nil, nil, `protocol.duration must be > 0, got NaN`},
		{"four-stage", jun, math.Inf(1), nil, nil, `protocol.duration must be finite, got +Inf`},
		{"four-stage", quartic, 1, nil, nil, `protocol: four-stage needs controls "g" and "f"; potential "quartic" has none`},
		{"symmetric-tilt", gOnly, 1, nil, nil, `protocol: symmetric-tilt needs controls "g" and "f"; potential "gonly" has "g"`},
		{"lift-one-well", jun, 1, map[string]float64{"height": 5}, nil, `protocol: lift-one-well needs control "h"; potential "jun" has "g" and "f"`},
		{"lift-one-well", liftWell, 1, nil, nil, `protocol.params: lift-one-well needs "height" (kT, > 0)`},
		{"lift-one-well", liftWell, 1, map[string]float64{"height": -2}, nil, `protocol.params.height must be > 0, got -2`},
		{"lift-one-well", liftWell, 1, map[string]float64{"height": math.NaN()}, nil, `protocol.params.height must be > 0, got NaN`},
		{"lift-one-well", liftWell, 1, map[string]float64{"height": math.Inf(1)}, nil, `protocol.params.height must be finite, got +Inf`},
		{"lift-one-well", liftWell, 1, map[string]float64{"height": 5, "width": 1}, nil, `protocol.params: unknown parameter "width" for kind "lift-one-well" (it takes "height")`},
		{"four-stage", jun, 1, map[string]float64{"height": 5}, nil, `protocol.params: unknown parameter "height" for kind "four-stage" (it takes none)`},
		{"hold", jun, 1, nil, ok, `protocol.keyframes: given for kind "hold"; keyframes need kind "keyframes"`},
		{"keyframes", jun, 1, nil, nil, `protocol.keyframes: none given; kind "keyframes" needs points for at least one control`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"q": {{0, 1}}}, `protocol.keyframes: unknown control "q"; potential "jun" has "g" and "f"`},
		{"keyframes", quartic, 1, nil, ok, `protocol.keyframes: unknown control "g"; potential "quartic" has none`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"g": {}}, `protocol.keyframes["g"]: no points`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"f": {{0, 1}, {0.5, math.NaN()}}}, `protocol.keyframes["f"][1]: value is NaN`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"f": {{0, math.Inf(-1)}}}, `protocol.keyframes["f"][0]: value is -Inf`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"f": {{math.NaN(), 1}}}, `protocol.keyframes["f"][0]: time is NaN`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"g": {{0, 1}, {0.5, 1}, {0.25, 0}}}, `protocol.keyframes["g"][2]: time 0.25 is before the previous point's 0.5`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"g": {{0, 1}, {1.5, 0}}}, `protocol.keyframes["g"][1]: time 1.5 is outside [0, 1]`},
		{"keyframes", jun, 1, nil, map[string][][2]float64{"g": {{-0.1, 1}}}, `protocol.keyframes["g"][0]: time -0.1 is outside [0, 1]`},
	} {
		pr, err := NewProtocol(c.kind, c.p, c.T, c.params, c.kf)
		if err == nil {
			t.Errorf("NewProtocol(%q, T=%v, %v, %v): no error, want %q", c.kind, c.T, c.params, c.kf, c.want)
			continue
		}
		if pr != nil {
			t.Errorf("NewProtocol(%q) returned a protocol with error %v", c.kind, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, c.want) || strings.Contains(msg, "\n") {
			t.Errorf("NewProtocol(%q, T=%v, %v, %v):\n got  %s\n want %s", c.kind, c.T, c.params, c.kf, msg, c.want)
		}
	}
}

func TestProtocolAtNoAllocConcurrent(t *testing.T) {
	prs := []Protocol{
		mustProtocol(t, "four-stage", wells.Jun{Barrier: 13, Tilt: 0.5}, 1, nil, nil),
		mustProtocol(t, "hold", wells.Quartic{Barrier: 5}, 1, nil, nil),
		mustProtocol(t, "keyframes", threeWell, 1, nil, map[string][][2]float64{
			"g": {{0, 1}, {0.3, 0}, {0.3, 2}, {1, 0}}, "h": {{0.5, 1}},
		}),
	}
	for _, pr := range prs {
		var sink wells.Control
		if n := testing.AllocsPerRun(100, func() { sink = pr.At(0.37) }); n != 0 {
			t.Errorf("%s: At allocates %v times per call", pr.Kind(), n)
		}
		_ = sink
	}
	// Concurrent readers (meaningful under -race).
	pr := prs[2]
	want := pr.At(0.42)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				if got := pr.At(0.42); got != want {
					t.Errorf("concurrent At = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestProtocolKinds(t *testing.T) {
	kinds := ProtocolKinds()
	kinds[0] = "changed" // a fresh slice each call
	if ProtocolKinds()[0] != KindFourStage || len(kinds) != 5 {
		t.Errorf("ProtocolKinds() = %v", ProtocolKinds())
	}
}
