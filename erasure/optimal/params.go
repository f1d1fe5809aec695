package optimal

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// family is a protocol family: for each optimised control c, values
// y[c][i] at the K + 2 evenly spaced node times T_i = τ i/(K + 1),
// i = 0 … K + 1, joined linearly, with the fixed start value at t = 0 and
// the fixed end value at t = τ: y[c][0] is the value right after the jump
// at 0⁺ and y[c][K+1] the value right before the jump at τ⁻.
//
// The free parameters θ map to the values by
//
//	y = lo + (hi − lo) σ(θ),  σ(θ) = 1/(1 + e^{−θ})   (control bounded to [lo, hi])
//	y = θ                                              (unbounded)
//
// The logistic keeps every protocol the optimiser tries inside the bounds
// (no Fokker–Planck solve ever sees, say, a negative stiffness) and is
// smooth, so the quasi-Newton model of L-BFGS holds everywhere; the price
// is that an optimum on a bound is approached asymptotically (∂y/∂θ → 0),
// which the convergence tests of the optimiser absorb.
//
// In the symmetric class the values are tied, y[c][i] = y[c][K+1−i], so
// that λ(t) = λ(τ − t); each control then has ⌈(K+2)/2⌉ parameters.
type family struct {
	pot       wells.Potential
	tau       float64
	settle    float64   // hold at the end values after τ before ε is measured
	k         int       // K, interior nodes
	symmetric bool      // tie y[i] and y[K+1−i]
	ctl       []int     // indices (in pot.Controls()) of the optimised controls
	names     []string  // their names
	lo, hi    []float64 // bounds (±Inf when none)
	start     []float64 // λ(0)
	end       []float64 // λ(τ)
	times     []float64 // T_i
}

// values per control and parameters per control
func (f *family) nv() int { return f.k + 2 }
func (f *family) np() int {
	if f.symmetric {
		return (f.nv() + 1) / 2
	}
	return f.nv()
}

// dim is the number of free parameters.
func (f *family) dim() int { return len(f.ctl) * f.np() }

// param is the index in θ of value i of control c.
func (f *family) param(c, i int) int {
	if f.symmetric {
		i = min(i, f.nv()-1-i)
	}
	return c*f.np() + i
}

func (f *family) bounded(c int) bool { return !math.IsInf(f.lo[c], 0) }

// values sets y from θ.
func (f *family) values(theta []float64, y [][]float64) {
	for c := range f.ctl {
		for i := range f.nv() {
			t := theta[f.param(c, i)]
			if f.bounded(c) {
				y[c][i] = f.lo[c] + (f.hi[c]-f.lo[c])/(1+math.Exp(-t))
			} else {
				y[c][i] = t
			}
		}
	}
}

// pull sets g = ∂J/∂θ from gy = ∂J/∂y at θ.
func (f *family) pull(theta []float64, gy [][]float64, g []float64) {
	clear(g)
	for c := range f.ctl {
		for i := range f.nv() {
			j := f.param(c, i)
			d := 1.0
			if f.bounded(c) {
				s := 1 / (1 + math.Exp(-theta[j]))
				d = (f.hi[c] - f.lo[c]) * s * (1 - s)
			}
			g[j] += d * gy[c][i]
		}
	}
}

// theta returns the parameters of the values y (averaging tied values in
// the symmetric class), pulled inside the bounds by 2% of their width so
// that the logistic's slope is not negligible at the start.
func (f *family) theta(y [][]float64) []float64 {
	th := make([]float64, f.dim())
	cnt := make([]float64, f.dim())
	for c := range f.ctl {
		for i := range f.nv() {
			v := y[c][i]
			if f.bounded(c) {
				w := f.hi[c] - f.lo[c]
				v = min(max(v, f.lo[c]+0.02*w), f.hi[c]-0.02*w)
			}
			j := f.param(c, i)
			th[j] += v
			cnt[j]++
		}
	}
	for j := range th {
		th[j] /= cnt[j]
		if c := j / f.np(); f.bounded(c) {
			s := (th[j] - f.lo[c]) / (f.hi[c] - f.lo[c])
			th[j] = math.Log(s / (1 - s))
		}
	}
	return th
}

// newValues allocates y.
func (f *family) newValues() [][]float64 {
	y := make([][]float64, len(f.ctl))
	for c := range y {
		y[c] = make([]float64, f.nv())
	}
	return y
}

// keyframes writes the protocol of the values y as erasure keyframes: per
// control (0, start), (0, y_0), (T_1, y_1), …, (τ, y_{K+1}), (τ, end).
func (f *family) keyframes(y [][]float64) map[string][][2]float64 {
	kf := make(map[string][][2]float64, len(f.ctl))
	for c, name := range f.names {
		pts := make([][2]float64, 0, f.nv()+2)
		pts = append(pts, [2]float64{0, f.start[c]})
		for i, t := range f.times {
			pts = append(pts, [2]float64{t, y[c][i]})
		}
		pts = append(pts, [2]float64{f.tau, f.end[c]})
		kf[name] = pts
	}
	return kf
}

// protocol builds the keyframes protocol of the values y, lasting
// τ + settle (the end values held after τ).
func (f *family) protocol(y [][]float64) (erasure.Protocol, error) {
	return erasure.NewProtocol(erasure.KindKeyframes, f.pot, f.tau+f.settle, nil, f.keyframes(y))
}

// weights returns the node i and the weight w with
// λ(t) = (1 − w) y_i + w y_{i+1} for 0 < t < τ (as erasure's keyframes
// interpolate), and ok = false at t ≤ 0 and t ≥ τ, where λ is the fixed
// start or end value.
func (f *family) weights(t float64) (i int, w float64, ok bool) {
	if !(t > 0 && t < f.tau) {
		return 0, 0, false
	}
	// the last node time ≤ t
	i = min(int(t/f.tau*float64(f.k+1)), f.k)
	for i > 0 && f.times[i] > t {
		i--
	}
	for i < f.k && f.times[i+1] <= t {
		i++
	}
	t0, t1 := f.times[i], f.times[i+1]
	return i, (t - t0) / (t1 - t0), true
}

// chain adds to gy the derivative of J with respect to the values, given
// dJ[k][j] = ∂J/∂λ_j(t_k) at the step times t_k.
func (f *family) chain(times []float64, dJ [][]float64, gy [][]float64) {
	for k, t := range times {
		i, w, ok := f.weights(t)
		if !ok {
			continue
		}
		for c, j := range f.ctl {
			d := dJ[k][j]
			gy[c][i] += (1 - w) * d
			gy[c][i+1] += w * d
		}
	}
}

// newFamily checks the class's parameters against the potential.
func newFamily(pot wells.Potential, tau float64, k int, symmetric bool, names []string,
	bounds map[string][2]float64, start, end map[string]float64) (*family, error) {
	have := pot.Controls()
	f := &family{pot: pot, tau: tau, k: k, symmetric: symmetric}
	if k < 1 {
		return nil, fmt.Errorf("optimize.nodes must be >= 1, got %d", k)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("optimize.controls: none given; potential %q has %v", pot.Name(), have)
	}
	rest := pot.Rest()
	seen := map[string]bool{}
	for _, name := range names {
		j := -1
		for i, h := range have {
			if h == name {
				j = i
			}
		}
		if j < 0 {
			return nil, fmt.Errorf("optimize.controls: unknown control %q; potential %q has %v", name, pot.Name(), have)
		}
		if seen[name] {
			return nil, fmt.Errorf("optimize.controls: %q given twice", name)
		}
		seen[name] = true
		lo, hi := math.Inf(-1), math.Inf(1)
		if b, ok := bounds[name]; ok {
			lo, hi = b[0], b[1]
			if !finite(lo) || !finite(hi) || !(lo < hi) {
				return nil, fmt.Errorf("optimize.bounds.%s: want finite [low, high] with low < high, got [%v, %v]", name, lo, hi)
			}
		}
		s, e := rest[j], rest[j]
		if v, ok := start[name]; ok {
			s = v
		}
		if v, ok := end[name]; ok {
			e = v
		}
		if !finite(s) || !finite(e) {
			return nil, fmt.Errorf("optimize: start or end of %q is not finite (%v, %v)", name, s, e)
		}
		if symmetric && s != e {
			return nil, fmt.Errorf("optimize: the symmetric class needs start = end, but %q starts at %v and ends at %v", name, s, e)
		}
		f.ctl = append(f.ctl, j)
		f.names = append(f.names, name)
		f.lo, f.hi = append(f.lo, lo), append(f.hi, hi)
		f.start, f.end = append(f.start, s), append(f.end, e)
	}
	for name := range bounds {
		if !seen[name] {
			return nil, fmt.Errorf("optimize.bounds: %q is not an optimised control (controls %v)", name, names)
		}
	}
	for _, m := range []map[string]float64{start, end} {
		for name := range m {
			if !seen[name] {
				return nil, fmt.Errorf("optimize: start/end of %q, which is not an optimised control (controls %v)", name, names)
			}
		}
	}
	f.times = make([]float64, k+2)
	for i := range f.times {
		f.times[i] = tau * float64(i) / float64(k+1)
	}
	f.times[k+1] = tau
	return f, nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
