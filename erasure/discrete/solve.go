package discrete

import (
	"fmt"
	"math"
)

// Result is the state of the averaged (master-equation) dynamics at time T.
type Result struct {
	// T is the time, in 1/Γ.
	T float64
	// P holds the occupations p_i(T).
	P []float64
	// Error is ε, the probability outside the Target states.
	Error float64
	// Work is W = Σ_i ∫_0^T p_i dE_i (kT), jumps at T included.
	Work float64
	// DeltaE is Σ p_i(T)E_i(T) − Σ p_i(0)E_i(0) (kT), with E(0) the first
	// keyframe (before any jump at t = 0) and E(T) after any jump at T.
	DeltaE float64
	// Heat is Q = W − ΔE (kT), the heat dissipated into the bath.
	Heat float64
}

// defaultRelTol is the relative tolerance of the ramp integrator used by
// Solve and SolveAt.
const defaultRelTol = 1e-12

// Solve integrates the master equation
//
//	dp_i/dt = Σ_j [k_{j→i}(t) p_j − k_{i→j}(t) p_i]
//
// over the protocol, from p0 (nil: Boltzmann at the first keyframe, the
// equilibrium before the protocol starts) and returns the final Result,
// after any jump at τ.
//
// Constant-energy stretches are propagated exactly: for two states
// p_1(t) = p_1(0)e^{−Γt} + π_1(1 − e^{−Γt}) with π_1 = 1/(1+e^{E_1−E_0}); for
// N > 2 by uniformization (a Poisson-weighted sum of powers of the
// non-negative jump matrix, cut where the weights fall below 1e-300). Both
// add only non-negative terms, so small occupations keep their relative
// accuracy. Linear ramps are integrated with adaptive Dormand–Prince 5(4),
// relative tolerance 1e-12 per occupation; the rates are capped by Γ, so the
// system is never stiff in units of 1/Γ. Jumps add Σ p_i ΔE_i to the work.
func (b Bit) Solve(p Protocol, p0 []float64) (Result, error) {
	rs, err := b.SolveAt(p, p0, []float64{p.Duration()})
	if err != nil {
		return Result{}, err
	}
	return rs[0], nil
}

// SolveAt is Solve reporting the state at each of the given times, which
// must lie in [0, τ] and not decrease. At a jump time the state is reported
// after the jump (E(t) is right-continuous).
func (b Bit) SolveAt(p Protocol, p0 []float64, times []float64) ([]Result, error) {
	return b.solveAt(p, p0, times, defaultRelTol)
}

func (b Bit) solveAt(p Protocol, p0 []float64, times []float64, rtol float64) ([]Result, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if err := p.check(b.N); err != nil {
		return nil, err
	}
	tau := p.Duration()
	for k, t := range times {
		if !(t >= 0 && t <= tau) {
			return nil, fmt.Errorf("discrete: report time %g outside [0, τ = %g]", t, tau)
		}
		if k > 0 && t < times[k-1] {
			return nil, fmt.Errorf("discrete: report times must not decrease (%g after %g)", t, times[k-1])
		}
	}
	fr := p.frames
	prob, err := b.initial(p0, fr[0].E)
	if err != nil {
		return nil, err
	}
	s := &solver{b: b, mask: b.targetMask(), rtol: rtol, p: prob, e0: dot(prob, fr[0].E)}
	out := make([]Result, 0, len(times))
	next := 0
	record := func(t float64, e []float64) {
		for next < len(times) && times[next] <= t {
			out = append(out, s.result(times[next], e))
			next++
		}
	}
	for k := 0; k+1 < len(fr); k++ {
		a, c := fr[k], fr[k+1]
		if c.T == a.T {
			for i := range s.p {
				s.w += s.p[i] * (c.E[i] - a.E[i])
			}
			continue
		}
		// Report times before a.T were taken; the ones at a.T see the
		// energies after every jump at a.T.
		record(a.T, a.E)
		t := a.T
		for t < c.T {
			end := c.T
			if next < len(times) && times[next] < c.T {
				end = times[next]
			}
			if end > t {
				if err := s.advance(a, c, t, end); err != nil {
					return nil, err
				}
				t = end
			}
			if end < c.T {
				record(end, p.Energies(end))
			}
		}
	}
	last := fr[len(fr)-1]
	record(last.T, last.E)
	return out, nil
}

type solver struct {
	b    Bit
	mask []bool
	rtol float64
	p    []float64
	w    float64 // work so far
	e0   float64 // mean energy at the start
}

func (s *solver) result(t float64, e []float64) Result {
	de := dot(s.p, e) - s.e0
	return Result{
		T:      t,
		P:      append([]float64(nil), s.p...),
		Error:  errorOf(s.p, s.mask),
		Work:   s.w,
		DeltaE: de,
		Heat:   s.w - de,
	}
}

// advance propagates s from t0 to t1 inside the keyframe segment [a, c].
func (s *solver) advance(a, c Keyframe, t0, t1 float64) error {
	constant := true
	for i := range a.E {
		if a.E[i] != c.E[i] {
			constant = false
			break
		}
	}
	if constant {
		s.relax(a.E, t1-t0)
		return nil
	}
	return s.ramp(a, c, t0, t1)
}

// relax propagates exactly at the constant energies e for the time dt.
func (s *solver) relax(e []float64, dt float64) {
	b := s.b
	if b.N == 2 {
		pi := boltzmann(e)
		d := math.Exp(-b.Gamma * dt)
		g := -math.Expm1(-b.Gamma * dt)
		s.p[0] = s.p[0]*d + pi[0]*g
		s.p[1] = s.p[1]*d + pi[1]*g
		return
	}
	n := b.N
	// Jump matrix P = I + R/Λ, column i the source state.
	out := make([]float64, n)
	pm := make([]float64, n*n)
	lam := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if b.connected(i, j) {
				k := glauber(b.Gamma, e[j]-e[i])
				pm[j*n+i] = k
				out[i] += k
			}
		}
		lam = math.Max(lam, out[i])
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			pm[j*n+i] /= lam
		}
		pm[i*n+i] = math.Max(0, 1-out[i]/lam)
	}
	const chunk = 30.0 // Λh per chunk: e^{−30} does not underflow
	steps := math.Ceil(lam * dt / chunk)
	m := lam * dt / steps
	v := make([]float64, n)
	nv := make([]float64, n)
	acc := make([]float64, n)
	for step := 0; step < int(steps); step++ {
		copy(v, s.p)
		wk := math.Exp(-m)
		for i := range acc {
			acc[i] = wk * v[i]
		}
		for k := 1; k < 100000; k++ {
			for j := 0; j < n; j++ {
				x := 0.0
				for i := 0; i < n; i++ {
					x += pm[j*n+i] * v[i]
				}
				nv[j] = x
			}
			v, nv = nv, v
			wk *= m / float64(k)
			for i := range acc {
				acc[i] += wk * v[i]
			}
			if float64(k) > m && wk < 1e-300 {
				break
			}
		}
		copy(s.p, acc)
	}
}

// maxRampSteps bounds the accepted plus rejected steps of one ramp.
const maxRampSteps = 50_000_000

// ramp integrates (p, W) over [t0, t1] with energies linear between the
// keyframes a and c, by adaptive Dormand–Prince 5(4).
func (s *solver) ramp(a, c Keyframe, t0, t1 float64) error {
	b := s.b
	n := b.N
	span := c.T - a.T
	slope := make([]float64, n)
	wscale := 0.0
	for i := range slope {
		slope[i] = (c.E[i] - a.E[i]) / span
		wscale = math.Max(wscale, math.Abs(c.E[i]-a.E[i]))
	}
	// Dormand–Prince 5(4) tableau; dpE = b(5th order) − b*(4th order).
	dpC := [7]float64{0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1}
	dpA := [7][6]float64{
		{},
		{1.0 / 5},
		{3.0 / 40, 9.0 / 40},
		{44.0 / 45, -56.0 / 15, 32.0 / 9},
		{19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
		{9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
		{35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
	}
	dpE := [7]float64{71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40}
	e := make([]float64, n)
	// f writes dp/dt into dy[:n] and dW/dt into dy[n].
	f := func(t float64, y, dy []float64) {
		u := (t - a.T) / span
		for i := range e {
			e[i] = a.E[i] + u*(c.E[i]-a.E[i])
		}
		for i := 0; i <= n; i++ {
			dy[i] = 0
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if !b.connected(i, j) {
					continue
				}
				kij := glauber(b.Gamma, e[j]-e[i])
				kji := glauber(b.Gamma, e[i]-e[j])
				flow := kij*y[i] - kji*y[j]
				dy[i] -= flow
				dy[j] += flow
			}
			dy[n] += y[i] * slope[i]
		}
	}
	y := make([]float64, n+1)
	copy(y, s.p)
	y[n] = s.w
	var k [7][]float64
	for i := range k {
		k[i] = make([]float64, n+1)
	}
	tmp := make([]float64, n+1)
	yn := make([]float64, n+1)
	rtol := s.rtol
	const atol = 1e-250
	t := t0
	h := math.Min(t1-t0, 1e-2/b.Gamma)
	f(t, y, k[0])
	for steps := 0; t < t1; steps++ {
		if steps > maxRampSteps {
			return fmt.Errorf("discrete: ramp integration did not finish in %d steps at t = %g", maxRampSteps, t)
		}
		last := false
		if t+h >= t1 {
			h = t1 - t
			last = true
		}
		for st := 1; st < 7; st++ {
			for i := range tmp {
				x := y[i]
				for m := 0; m < st; m++ {
					x += h * dpA[st][m] * k[m][i]
				}
				tmp[i] = x
			}
			if st == 6 {
				copy(yn, tmp)
			}
			f(t+dpC[st]*h, tmp, k[st])
		}
		// Error norm: relative per occupation, relative to the work scale
		// of the segment for W.
		errn := 0.0
		for i := 0; i <= n; i++ {
			d := 0.0
			for m := 0; m < 7; m++ {
				d += dpE[m] * k[m][i]
			}
			d *= h
			var sc float64
			if i < n {
				sc = atol + rtol*math.Max(math.Abs(y[i]), math.Abs(yn[i]))
			} else {
				sc = rtol * (math.Max(math.Abs(y[i]), math.Abs(yn[i])) + wscale + 1)
			}
			if r := math.Abs(d) / sc; math.IsNaN(r) || r > errn {
				errn = r // NaN propagates and rejects the step
			}
		}
		if errn <= 1 || (!math.IsNaN(errn) && h < 1e-14*math.Max(1, math.Abs(t))) {
			if last {
				t = t1
			} else {
				t += h
			}
			copy(y, yn)
			k[0], k[6] = k[6], k[0]
		}
		h *= stepFactor(errn)
		if !(h > 1e-300) {
			return fmt.Errorf("discrete: ramp integration step size underflow at t = %g", t)
		}
	}
	copy(s.p, y[:n])
	for i := range s.p {
		s.p[i] = math.Max(0, s.p[i])
	}
	s.w = y[n]
	return nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// stepFactor returns the step-size factor for the error norm errn (≤ 1:
// accepted), bounded to [0.2, 5]; NaN shrinks the step.
func stepFactor(errn float64) float64 {
	switch {
	case math.IsNaN(errn):
		return 0.2
	case errn == 0:
		return 5
	}
	return math.Min(5, math.Max(0.2, 0.9*math.Pow(errn, -0.2)))
}
