package langevin_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// hold is a static protocol of a given duration.
type hold struct {
	c   wells.Control
	tau float64
}

func (h hold) At(float64) wells.Control { return h.c }
func (h hold) Duration() float64        { return h.tau }

// fourStage is the jun erasure g 1→0; f 0→1; g 0→1; f 1→0 in four equal
// linear stages (a test-local copy so this package's tests stand alone).
type fourStage struct{ tau float64 }

func (p fourStage) Duration() float64 { return p.tau }
func (p fourStage) At(t float64) wells.Control {
	s := 4 * t / p.tau
	switch {
	case s < 1:
		return wells.Control{1 - s, 0}
	case s < 2:
		return wells.Control{0, s - 1}
	case s < 3:
		return wells.Control{s - 2, 1}
	case s < 4:
		return wells.Control{1, 4 - s}
	}
	return wells.Control{1, 0}
}

func mustNew(t *testing.T, kind string, params map[string]float64) wells.Potential {
	t.Helper()
	p, err := wells.New(kind, params)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// finals runs e and returns the final positions (and velocities) in
// trajectory order.
func finals(t *testing.T, e *langevin.Ensemble) (x, v, w []float64) {
	t.Helper()
	x = make([]float64, e.Trajectories)
	w = make([]float64, e.Trajectories)
	if e.Dynamics.Kind == langevin.Underdamped {
		v = make([]float64, e.Trajectories)
	}
	err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
		copy(x[b.First:], b.X)
		copy(w[b.First:], b.Work)
		if v != nil {
			copy(v[b.First:], b.V)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return x, v, w
}

func meanVar(xs []float64) (m, v float64) {
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, v / float64(len(xs)-1)
}

// Equipartition in a harmonic trap U = k x²/2: Euler–Maruyama's stationary
// variance is kT/(k(1 − k dt/2)) (PHYSICS.md §2), not kT/k. With k dt = 0.1
// the two differ by 5.3 %, about 12 standard errors of the sample variance
// at n = 1e5 (SE of a Gaussian variance: σ²√(2/n)), so the test tells them
// apart and would fail if the integrator's noise or drift were off.
func TestEquipartitionEulerMaruyama(t *testing.T) {
	const k, dt, kT, n = 1.0, 0.1, 1.0, 100000
	e := &langevin.Ensemble{
		Potential:    mustNew(t, "harmonic", map[string]float64{"stiffness": k}),
		Schedule:     hold{wells.Control{0, k}, 20}, // 200 steps: relaxation factor (1−k dt)^400 ≈ 5e-19
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Temperature: kT, Integrator: langevin.EulerMaruyama},
		Trajectories: n,
		Seed:         7,
	}
	x, _, _ := finals(t, e)
	_, v := meanVar(x)
	exact := kT / (k * (1 - k*dt/2))
	se := exact * math.Sqrt(2.0/n)
	if math.Abs(v-exact) > 5*se {
		t.Errorf("variance %.5f, want EM stationary %.5f ± %.5f", v, exact, 5*se)
	}
	if math.Abs(v-kT/k) < 5*se {
		t.Errorf("variance %.5f indistinguishable from the continuous-time kT/k = %.5f: test has no power", v, kT/k)
	}
}

// Stochastic Heun in a harmonic trap k (γ = 1): with z = k dt the step is
// x' = (1 − z + z²/2) x + (1 − z/2) √(2kT dt) ξ, whose stationary variance
// is (kT/k)/(1 + z²/(2(2 − z))): a second-order error, where Euler–Maruyama's
// is first order. At z = 0.5 it is 7.7 % below kT/k, 17 standard errors of
// the sample variance at n = 1e5, so the test tells the two apart.
func TestEquipartitionHeun(t *testing.T) {
	const k, dt, kT, n = 1.0, 0.5, 1.0, 100000
	e := &langevin.Ensemble{
		Potential:    mustNew(t, "harmonic", map[string]float64{"stiffness": k}),
		Schedule:     hold{wells.Control{0, k}, 40}, // 80 steps: relaxation factor 0.625^160 ≈ 1e-33
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Temperature: kT, Integrator: langevin.Heun},
		Trajectories: n,
		Seed:         7,
	}
	x, _, _ := finals(t, e)
	_, v := meanVar(x)
	z := k * dt
	exact := kT / k / (1 + z*z/(2*(2-z)))
	se := exact * math.Sqrt(2.0/n)
	if math.Abs(v-exact) > 5*se {
		t.Errorf("variance %.5f, want Heun stationary %.5f ± %.5f", v, exact, 5*se)
	}
	if math.Abs(v-kT/k) < 5*se {
		t.Errorf("variance %.5f indistinguishable from the continuous-time kT/k = %.5f: test has no power", v, kT/k)
	}
}

// BAOAB samples the configurational distribution of a harmonic oscillator
// exactly for any stable dt (Leimkuhler & Matthews, Appl. Math. Res. Express
// 2013), so ⟨x²⟩ = kT/k within 5 SE even at ω dt = 0.5. The kinetic
// temperature ⟨m v²⟩ is kT only up to O(ω²dt²) ≈ 6 %, so it is bounded
// within 10 %.
func TestUnderdampedHarmonic(t *testing.T) {
	const k, dt, n = 1.0, 0.5, 100000
	e := &langevin.Ensemble{
		Potential:    mustNew(t, "harmonic", map[string]float64{"stiffness": k}),
		Schedule:     hold{wells.Control{0, k}, 50}, // γ = 1: velocity relaxes in 1, position in ~1
		Dynamics:     langevin.Dynamics{Kind: langevin.Underdamped, Dt: dt, Friction: 1, Mass: 1, Temperature: 1},
		Trajectories: n,
		Seed:         11,
	}
	x, v, _ := finals(t, e)
	_, vx := meanVar(x)
	se := math.Sqrt(2.0 / n)
	if math.Abs(vx-1) > 5*se {
		t.Errorf("BAOAB ⟨x²⟩ = %.5f, want exactly kT/k = 1 ± %.4f", vx, 5*se)
	}
	_, vv := meanVar(v)
	if math.Abs(vv-1) > 0.1 {
		t.Errorf("BAOAB ⟨v²⟩ = %.4f, want ≈ 1 (O(dt²))", vv)
	}
}

// Boltzmann: particles started in the left well of a low-barrier quartic
// well (E_b = 1) relax to e^{−U}/Z over both wells. χ² of a 30-bin histogram
// against the exact bin probabilities (quadrature), p-value > 1e-4.
// The slowest relaxation time is ~1.5 (rate 2k ≈ 0.66), so after t = 12 the
// left/right imbalance is e^{−8} ≈ 3e-4, below the 0.5 % statistical
// resolution; the Euler–Maruyama bias at dt = 1e-3 (~k dt/2 = 0.4 % in the
// well widths) is below the ~4 % per-bin resolution.
func TestBoltzmannRelaxation(t *testing.T) {
	const eb, n = 1.0, 20000
	pot := mustNew(t, "quartic", map[string]float64{"barrier": eb})
	e := &langevin.Ensemble{
		Potential:    pot,
		Schedule:     hold{tau: 12},
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1, Integrator: langevin.EulerMaruyama},
		Start:        langevin.Start{Side: -1},
		Trajectories: n,
		Seed:         3,
	}
	if testing.Short() {
		e.Trajectories = 5000
	}
	x, _, _ := finals(t, e)
	const bins, lo, hi = 30, -2.2, 2.2
	boltz := func(y float64) float64 { return math.Exp(-eb * (y*y - 1) * (y*y - 1)) }
	z := quad.Fixed(boltz, -4, 4, 2000, nil, 0)
	counts := make([]float64, bins+2) // underflow, bins, overflow
	for _, xi := range x {
		i := int(math.Floor((xi-lo)/(hi-lo)*bins)) + 1
		counts[min(max(i, 0), bins+1)]++
	}
	chi2, dof := 0.0, 0
	for i := range counts {
		a, b := -4.0, 4.0
		if i > 0 {
			a = lo + float64(i-1)*(hi-lo)/bins
		}
		if i <= bins {
			b = lo + float64(i)*(hi-lo)/bins
		}
		if i == 0 {
			b = lo
		}
		p := quad.Fixed(boltz, a, b, 200, nil, 0) / z
		want := p * float64(len(x))
		if want < 5 {
			continue
		}
		chi2 += (counts[i] - want) * (counts[i] - want) / want
		dof++
	}
	pval := 1 - distuv.ChiSquared{K: float64(dof - 1)}.CDF(chi2)
	if pval < 1e-4 {
		t.Errorf("χ² = %.1f with %d dof, p = %.2g: final positions are not Boltzmann", chi2, dof-1, pval)
	}
}

// The first law per trajectory, recomputed independently from recorded
// paths: with s_n the control the particles feel during step n (λ_{n+1}
// for Euler–Maruyama, the midpoint λ_{n+½} for Heun, and s_{−1} = λ_0,
// s_N = λ_N the final control), W = Σ U(x_n, s_n) − U(x_n, s_{n−1}) must
// equal the engine's work, and Q_in = Σ U(x_{n+1}, s_n) − U(x_n, s_n) must
// satisfy ΔU = W + Q_in, to rounding (1e-9 relative to the energy scale).
func TestFirstLawPerTrajectory(t *testing.T) {
	for _, scheme := range []langevin.Integrator{langevin.EulerMaruyama, langevin.Heun} {
		t.Run(scheme.String(), func(t *testing.T) { firstLaw(t, scheme) })
	}
}

func firstLaw(t *testing.T, scheme langevin.Integrator) {
	pot := wells.Jun{Barrier: 5, Tilt: 1}
	sched := fourStage{2}
	e := &langevin.Ensemble{
		Potential:    pot,
		Schedule:     sched,
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1, Integrator: scheme},
		Trajectories: 40,
		BlockSize:    16,
		Seed:         5,
	}
	var mu sync.Mutex
	paths := map[int][][]float64{}
	e.Trace = func(b, n int, c wells.Control, x, _ []float64) {
		mu.Lock()
		paths[b] = append(paths[b], slices.Clone(x))
		mu.Unlock()
	}
	steps, dt := e.Steps(), e.Step()
	seen := make([]wells.Control, steps+1) // seen[n] = s_n; seen[steps] = λ_N
	for n := range steps {
		if scheme == langevin.Heun {
			seen[n] = sched.At((float64(n) + 0.5) * dt)
		} else {
			seen[n] = sched.At(float64(n+1) * dt)
		}
	}
	seen[steps] = sched.At(sched.Duration())
	err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
		mu.Lock()
		p := paths[b.Index]
		mu.Unlock()
		if len(p) != steps+1 {
			t.Errorf("block %d: %d traced states, want %d", b.Index, len(p), steps+1)
			return nil
		}
		u := func(c wells.Control, x float64) float64 {
			var out [1]float64
			pot.Eval(c, []float64{x}, out[:], nil)
			return out[0]
		}
		for i := range b.X {
			var w, q float64
			prev := sched.At(0)
			for n := 0; n < steps; n++ {
				x0, x1 := p[n][i], p[n+1][i]
				w += u(seen[n], x0) - u(prev, x0)
				q += u(seen[n], x1) - u(seen[n], x0)
				prev = seen[n]
			}
			w += u(seen[steps], p[steps][i]) - u(prev, p[steps][i])
			du := b.U1[i] - b.U0[i]
			if d := math.Abs(w - b.Work[i]); d > 1e-9*(1+math.Abs(w)) {
				t.Errorf("traj %d: engine work %.12g, recomputed %.12g", b.First+i, b.Work[i], w)
			}
			if d := math.Abs(du - w - q); d > 1e-8 {
				t.Errorf("traj %d: ΔU = %.12g but W + Q_in = %.12g", b.First+i, du, w+q)
			}
			if d := math.Abs(q - b.HeatIn[i]); d > 1e-8 {
				t.Errorf("traj %d: engine heat %.12g, recomputed %.12g", b.First+i, b.HeatIn[i], q)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Underdamped first law: ΔU + ΔK = W + Q_in + W_shadow holds by definition
// of the shadow work, so the check is that the shadow work vanishes as
// dt → 0: BAOAB is second order, so its mean shadow work per unit time
// scales as dt²; halving dt must shrink it by ≈ 4 (we accept 2.5–6.5,
// the band covering sampling noise at these sizes).
func TestShadowWorkVanishes(t *testing.T) {
	mean := func(dt float64) float64 {
		e := &langevin.Ensemble{
			Potential:    wells.Jun{Barrier: 3, Tilt: 1},
			Schedule:     fourStage{4},
			Dynamics:     langevin.Dynamics{Kind: langevin.Underdamped, Dt: dt, Friction: 1, Mass: 1, Temperature: 1},
			Trajectories: 4000,
			Seed:         9,
		}
		var sum float64
		var mu sync.Mutex
		err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
			s := 0.0
			for _, w := range b.Shadow {
				s += w
			}
			mu.Lock()
			sum += s
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return sum / float64(e.Trajectories)
	}
	a, b := mean(0.02), mean(0.01)
	if r := a / b; r < 2.5 || r > 6.5 {
		t.Errorf("shadow work %.3g at dt = 0.02 and %.3g at dt = 0.01: ratio %.2f, want ≈ 4", a, b, r)
	}
}

// Same seed, same numbers, for any number of workers, for every
// integrator, the 2dt path of the bias estimate included.
func TestWorkerIndependence(t *testing.T) {
	for _, c := range []struct {
		kind   langevin.Kind
		scheme langevin.Integrator
	}{{langevin.Overdamped, langevin.Heun}, {langevin.Overdamped, langevin.EulerMaruyama}, {langevin.Underdamped, langevin.BAOAB}} {
		kind := c.kind
		run := func(workers int) ([]float64, []float64) {
			e := &langevin.Ensemble{
				Potential:    wells.Jun{Barrier: 4, Tilt: 1},
				Schedule:     fourStage{1},
				Dynamics:     langevin.Dynamics{Kind: kind, Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1, Integrator: c.scheme},
				Trajectories: 1000,
				BlockSize:    64,
				Seed:         42,
				Workers:      workers,
				Coarse:       true,
			}
			x := make([]float64, 2*e.Trajectories)
			w := make([]float64, 2*e.Trajectories)
			err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
				copy(x[b.First:], b.X)
				copy(w[b.First:], b.Work)
				copy(x[e.Trajectories+b.First:], b.Coarse.X) // the 2dt path too
				copy(w[e.Trajectories+b.First:], b.Coarse.Work)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return x, w
		}
		x1, w1 := run(1)
		for _, workers := range []int{2, 7} {
			x, w := run(workers)
			if !slices.Equal(x, x1) || !slices.Equal(w, w1) {
				t.Errorf("%v: results with %d workers differ from 1 worker", c.scheme, workers)
			}
		}
		if kind == langevin.Overdamped {
			e := &langevin.Ensemble{Potential: wells.Jun{Barrier: 4, Tilt: 1}, Schedule: fourStage{1},
				Dynamics: langevin.Dynamics{Dt: 1e-3, Friction: 1, Temperature: 1, Integrator: c.scheme}, Trajectories: 1000, BlockSize: 64, Seed: 43}
			x, _, _ := finals(t, e)
			if slices.Equal(x, x1[:1000]) {
				t.Error("a different seed gave the same numbers")
			}
		}
	}
}

// Kramers: the fraction of particles started in the left well of
// U = E_b(x² − 1)² found right of the barrier after a hold of length t is
// the two-state prediction ½(1 − e^{−2kt}) with the exact rate
// k = 1/MFPT(−1 → +1), MFPT(a→b) = (1/D)∫_a^b dy e^{U(y)} ∫_{−∞}^y dz e^{−U(z)}
// (PHYSICS.md §3). At E_b = 5 the two-state model's own error (the
// initial state's overlap with faster modes, O(e^{−E_b}) ≈ 0.7 %, and the
// barrier-to-well transit in the MFPT, O(1/(E_b k t))) is below 1 % of P;
// dt = 2e-4 keeps the Euler–Maruyama rate bias (O(U” dt) ≈ 0.8 % in the
// well curvature) at the same level. Tolerance: 5 binomial SE plus 2 % of P
// for those model errors.
func TestKramersHopProbability(t *testing.T) {
	const eb = 5.0
	u := func(y float64) float64 { return eb * (y*y - 1) * (y*y - 1) }
	inner := func(y float64) float64 {
		return quad.Fixed(func(z float64) float64 { return math.Exp(-u(z)) }, -3, y, 400, nil, 0)
	}
	mfpt := quad.Fixed(func(y float64) float64 { return math.Exp(u(y)) * inner(y) }, -1, 1, 400, nil, 0)
	k := 1 / mfpt
	tau := 0.15 / k // P ≈ 0.13
	n := 20000
	if testing.Short() {
		n = 6000
	}
	e := &langevin.Ensemble{
		Potential:    mustNew(t, "quartic", map[string]float64{"barrier": eb}),
		Schedule:     hold{tau: tau},
		Dynamics:     langevin.Dynamics{Kind: langevin.Overdamped, Dt: 2e-4, Friction: 1, Temperature: 1, Integrator: langevin.EulerMaruyama},
		Start:        langevin.Start{Side: -1},
		Trajectories: n,
		Seed:         13,
	}
	x, _, _ := finals(t, e)
	hits := 0
	for _, xi := range x {
		if xi > 0 {
			hits++
		}
	}
	p := float64(hits) / float64(n)
	want := 0.5 * (1 - math.Exp(-2*k*tau))
	se := math.Sqrt(want * (1 - want) / float64(n))
	if math.Abs(p-want) > 5*se+0.02*want {
		t.Errorf("hop probability after t = %.1f: %.4f, two-state/MFPT prediction %.4f ± %.4f", tau, p, want, 5*se+0.02*want)
	}
	t.Logf("MFPT = %.2f, hop probability %.4f vs %.4f (SE %.4f)", mfpt, p, want, se)
}

func TestValidate(t *testing.T) {
	good := func() *langevin.Ensemble {
		return &langevin.Ensemble{Potential: wells.Jun{Barrier: 4, Tilt: 1}, Schedule: fourStage{1},
			Dynamics: langevin.Dynamics{Dt: 1e-3, Friction: 1, Mass: 1, Temperature: 1}, Trajectories: 10}
	}
	cases := map[string]func(e *langevin.Ensemble){
		"dt":           func(e *langevin.Ensemble) { e.Dynamics.Dt = -1 },
		"dt NaN":       func(e *langevin.Ensemble) { e.Dynamics.Dt = math.NaN() },
		"exceeds":      func(e *langevin.Ensemble) { e.Dynamics.Dt = 2 },
		"friction":     func(e *langevin.Ensemble) { e.Dynamics.Friction = 0 },
		"temperature":  func(e *langevin.Ensemble) { e.Dynamics.Temperature = math.Inf(1) },
		"mass":         func(e *langevin.Ensemble) { e.Dynamics.Kind = langevin.Underdamped; e.Dynamics.Mass = -1 },
		"trajectories": func(e *langevin.Ensemble) { e.Trajectories = 0 },
		"potential":    func(e *langevin.Ensemble) { e.Potential = nil },
		"protocol":     func(e *langevin.Ensemble) { e.Schedule = nil },
		"side":         func(e *langevin.Ensemble) { e.Start.Side = 2 },
		"duration":     func(e *langevin.Ensemble) { e.Schedule = fourStage{math.NaN()} },
	}
	for name, mutate := range cases {
		e := good()
		mutate(e)
		if err := e.Run(context.Background(), nil, func(*langevin.Block) error { return nil }); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := good().Validate(); err != nil {
		t.Errorf("good ensemble: %v", err)
	}
}

// A cancelled context stops the run with its error.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e := &langevin.Ensemble{Potential: wells.Jun{Barrier: 4, Tilt: 1}, Schedule: fourStage{100},
		Dynamics: langevin.Dynamics{Dt: 1e-3, Friction: 1, Temperature: 1}, Trajectories: 10000}
	if err := e.Run(ctx, nil, func(*langevin.Block) error { return nil }); err == nil {
		t.Error("cancelled run returned no error")
	}
}

// flip is a harmonic trap whose stiffness turns from +1 to −5000 at
// t = 0.1: an inverted parabola that throws every particle out at a rate
// of 5000 (overdamped) or ≈ 70 (underdamped, m = γ = 1), past the largest
// float64 (e^{709}) well before t = 20, whatever the time step.
type flip struct{ tau float64 }

func (f flip) Duration() float64 { return f.tau }
func (f flip) At(t float64) wells.Control {
	if t < 0.1 {
		return wells.Control{0, 1}
	}
	return wells.Control{0, -5000}
}

// A run whose trajectories become non-finite stops with a *NonFiniteError
// that counts them, and never hands a non-finite state to the observer;
// for every integrator, with and without the coarse path.
func TestNonFiniteStops(t *testing.T) {
	for _, c := range []struct {
		kind   langevin.Kind
		scheme langevin.Integrator
		coarse bool
	}{
		{langevin.Overdamped, langevin.EulerMaruyama, false},
		{langevin.Overdamped, langevin.Heun, true},
		{langevin.Underdamped, langevin.BAOAB, true},
	} {
		e := &langevin.Ensemble{
			Potential:    mustNew(t, "harmonic", nil),
			Schedule:     flip{20},
			Dynamics:     langevin.Dynamics{Kind: c.kind, Dt: 0.01, Friction: 1, Mass: 1, Temperature: 1, Integrator: c.scheme},
			Trajectories: 3000,
			BlockSize:    1000,
			Workers:      2,
			Seed:         1,
			Coarse:       c.coarse,
		}
		err := e.Run(context.Background(), nil, func(b *langevin.Block) error {
			t.Errorf("%v: observed block %d", c.scheme, b.Index)
			return nil
		})
		var nf *langevin.NonFiniteError
		if !errors.As(err, &nf) {
			t.Fatalf("%v: error %v, want a *NonFiniteError", c.scheme, err)
		}
		if nf.Trajectories < 1000 || nf.Trajectories != nf.Integrated || nf.CoarseOnly {
			t.Errorf("%v: %+v: want every integrated trajectory (≥ one block of 1000) counted, on the fine path", c.scheme, nf)
		}
		if !strings.Contains(err.Error(), "reduce dynamics.dt") {
			t.Errorf("%v: message %q does not name dynamics.dt", c.scheme, err)
		}
	}
}
