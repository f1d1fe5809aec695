package erasure

import (
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"

	"github.com/landauer-dev/landauer/internal/root"
	"github.com/landauer-dev/landauer/wells"
)

// The shipped least-work protocols of the headline demo's bit
// (papers/headline), by kind: found by `landauer optimize` (issue 11), the
// jun controls g and f as keyframes, optimised ahead and shipped in
// demodata/ (see docs/optimal/regenerate.sh).
const (
	DemoOptimalAsymmetric = "optimal-asymmetric"
	DemoOptimalSymmetric  = "optimal-symmetric"
)

// demoData holds the shipped least-work protocols: demodata/CLASS-tauT.toml
// is the optimum.toml that `landauer optimize --config
// docs/optimal/CLASS-tauT.toml --out docs/optimal/CLASS-tauT` wrote (a
// complete study config whose protocol is the optimum as keyframes, τ +
// DemoSettle long).
//
//go:embed demodata/*.toml
var demoData embed.FS

// DemoSettle is the hold at the storage controls after τ with which the
// shipped optimal protocols were optimised and are measured (optimize.settle
// in docs/optimal/*.toml): ε counts only mass that has settled into a well,
// 0.1 t0 ≈ 30 relaxation times 1/U″(±1) = 1/(8E_b) of the resting wells.
// The controls are at rest during the hold, so it costs no work.
const DemoSettle = 0.1

// ShippedOptimal returns the shipped least-work protocol of kind
// (DemoOptimalAsymmetric or DemoOptimalSymmetric) at duration tau (the
// erasure's τ; the protocol returned lasts τ + DemoSettle), with the
// potential it was optimised on; ok is false when none was shipped for this
// potential and τ (relative tolerance 1e-9).
func ShippedOptimal(kind string, pot wells.Potential, tau float64) (proto Protocol, ok bool, err error) {
	class := strings.TrimPrefix(kind, "optimal-")
	if class == kind {
		return nil, false, fmt.Errorf("demo: %q is not an optimal protocol", kind)
	}
	names, err := fs.Glob(demoData, "demodata/"+class+"-tau*.toml")
	if err != nil {
		return nil, false, err
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := demoData.ReadFile(name)
		if err != nil {
			return nil, false, err
		}
		c, err := ParseConfig(data)
		if err != nil {
			return nil, false, fmt.Errorf("demo: %s: %v", name, err)
		}
		s, err := c.Study()
		if err != nil {
			return nil, false, fmt.Errorf("demo: %s: %v", name, err)
		}
		if j, ok := s.Potential.(wells.Jun); !ok || wells.Potential(j) != pot {
			continue
		}
		if got := s.Protocol.Duration() - DemoSettle; math.Abs(got-tau) <= 1e-9*tau {
			return s.Protocol, true, nil
		}
	}
	return nil, false, nil
}

// LiftVanishHeight returns the lift h at which the left well of the lifted
// potential p disappears (for larger h the particle slides down to the
// right without crossing a barrier), found by bisection on a grid over
// [−1.5, 0]; +Inf when it does not vanish below 100 E_b.
func LiftVanishHeight(p wells.Lifted) float64 {
	hasLeftWell := func(h float64) bool {
		const n = 3000
		x := make([]float64, n+1)
		u := make([]float64, n+1)
		for i := range x {
			x[i] = -1.5 + 1.5*float64(i)/n
		}
		p.Eval(wells.Control{h}, x, u, nil)
		for i := 1; i < n; i++ {
			if u[i] < u[i-1] && u[i] <= u[i+1] {
				return true
			}
		}
		return false
	}
	lo, hi := 0.0, 100*p.Barrier
	if hasLeftWell(hi) {
		return math.Inf(1)
	}
	_, hi, err := root.Bisect(lo, hi, 0, 50, func(h float64) (bool, error) { return hasLeftWell(h), nil })
	if err != nil {
		return math.NaN() // a barrier that is not finite and ≥ 0
	}
	return hi
}
