package discrete

import (
	"math"
	"math/rand/v2"
	"testing"
)

// within5SE reports whether x lies within 5 standard errors of want.
func within5SE(x, se, want float64) bool {
	return math.Abs(x-want) <= 5*se
}

// Sudden raise by ΔE, long wait, sudden drop: ε = 1/(1+e^{ΔE}) and
// W = (½ − ε)ΔE. With Γτ = 80 the residual (½ − ε)e^{−80} ≈ 1e-35 is far
// below the tolerances (even against ε(50 kT) ≈ 2e-22): 1e-10 relative on ε (exact exponential propagation,
// so only rounding remains) and 1e-10 on W. A wrong rate (e.g. k01 + k10 ≠
// Γ) or a wrong work sign fails by O(1).
func TestSuddenRaiseODE(t *testing.T) {
	b := TwoState(1)
	for _, dE := range []float64{0.5, 2, 5, 10, 34.5, 50} {
		p, err := SuddenRaiseProtocol(dE, 80)
		if err != nil {
			t.Fatal(err)
		}
		r, err := b.Solve(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		eps := 1 / (1 + math.Exp(dE))
		w := (0.5 - eps) * dE
		if math.Abs(r.Error/eps-1) > 1e-10 {
			t.Errorf("ΔE = %g: ε = %.15g, want %.15g", dE, r.Error, eps)
		}
		if math.Abs(r.Work-w) > 1e-10 {
			t.Errorf("ΔE = %g: W = %.15g, want %.15g", dE, r.Work, w)
		}
		// Cyclic protocol: ΔE = 0, so all the work is dissipated.
		if math.Abs(r.DeltaE) > 1e-12 || math.Abs(r.Heat-r.Work) > 1e-12 {
			t.Errorf("ΔE = %g: ΔE_mean = %g, Q − W = %g, want 0", dE, r.DeltaE, r.Heat-r.Work)
		}
		if e2, w2 := SuddenRaise(dE); math.Abs(e2/eps-1) > 1e-14 || math.Abs(w2-w) > 1e-12 {
			t.Errorf("SuddenRaise(%g) = %g, %g; want %g, %g", dE, e2, w2, eps, w)
		}
	}
	// At ε = 1e-15 (ΔE ≈ 34.5 kT) the cost is ≈ ΔE/2, as in PHYSICS.md §1.
	if _, w := SuddenRaise(34.5); math.Abs(w-17.25) > 1e-12 {
		t.Errorf("W(34.5) = %g, want 17.25", w)
	}
}

// A finite wait at Γ = 2: p_1(τ) = ε + (½ − ε)e^{−Γτ} and W = (½ − p_1(τ))ΔE in
// closed form; this checks that time is measured in 1/Γ. Tolerance 1e-13:
// rounding only.
func TestSuddenRaiseFiniteWait(t *testing.T) {
	b := TwoState(2)
	dE, tau := 3.0, 0.65
	p, _ := SuddenRaiseProtocol(dE, tau)
	r, err := b.Solve(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	eps := 1 / (1 + math.Exp(dE))
	p1 := eps + (0.5-eps)*math.Exp(-2*tau)
	if math.Abs(r.Error-p1) > 1e-13 || math.Abs(r.Work-(0.5-p1)*dE) > 1e-13 {
		t.Errorf("ε = %.15g, W = %.15g; want %.15g, %.15g", r.Error, r.Work, p1, (0.5-p1)*dE)
	}
}

// Gillespie sampling of the sudden raise agrees with the exact values within
// 5 standard errors (work) and 5 binomial standard deviations (error); the
// Wilson interval at 95 % contains ε. 40000 trajectories give SE(W) ≈ 0.013
// kT, so a bias of ~0.07 kT fails.
func TestSuddenRaiseGillespie(t *testing.T) {
	n := 40000
	if testing.Short() {
		n = 10000
	}
	b := TwoState(1)
	dE := 5.0
	p, _ := SuddenRaiseProtocol(dE, 30)
	est, err := b.Sample(p, nil, SampleOptions{Trajectories: n, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	eps, w := SuddenRaise(dE)
	if !within5SE(est.Work.Value, est.Work.Uncertainty, w) {
		t.Errorf("Gillespie W = %g ± %g, exact %g", est.Work.Value, est.Work.Uncertainty, w)
	}
	if !within5SE(est.Heat.Value, est.Heat.Uncertainty, w) {
		t.Errorf("Gillespie Q = %g ± %g, exact %g", est.Heat.Value, est.Heat.Uncertainty, w)
	}
	sd := math.Sqrt(eps * (1 - eps) / float64(n))
	if !within5SE(est.ErrorRate.Value, sd, eps) {
		t.Errorf("Gillespie ε = %g, exact %g (sd %g)", est.ErrorRate.Value, eps, sd)
	}
	if !(est.ErrorInterval.Low <= eps && eps <= est.ErrorInterval.High) {
		t.Logf("note: 95%% Wilson interval [%g, %g] misses ε = %g (happens 5%% of seeds)", est.ErrorInterval.Low, est.ErrorInterval.High, eps)
	}
}

// Slow linear raise to ΔE over τ, then a sudden drop: W → ln 2 − H(ε) from
// above. Linear response gives the excess over the bound at the reached
// error exactly as ΔE(½ − ε_eq)/(Γτ) + O((Γτ)⁻²) (lag p − p_eq ≈
// p_eq(1−p_eq)Ė/Γ, integrated; the lag in ε cancels between the drop work
// and the bound). The test checks that the excess is positive, shrinks, and
// that Γτ·excess matches the coefficient to 1 % at Γτ ≥ 1000 (the O(1/τ²)
// term is ≈ 1e-4 relative there); a wrong work bookkeeping or rate changes
// the coefficient by O(1).
func TestSlowRaiseApproachesLandauer(t *testing.T) {
	b := TwoState(1)
	dE := 10.0
	epsEq := 1 / (1 + math.Exp(dE))
	coef := dE * (0.5 - epsEq)
	prev := math.Inf(1)
	for _, gt := range []float64{10, 100, 1000, 10000} {
		p, _ := SlowRaiseProtocol(dE, gt)
		r, err := b.Solve(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		ex := r.Work - LandauerBound(r.Error)
		if !(ex > 0) || !(ex < prev) {
			t.Errorf("Γτ = %g: excess %g not positive and shrinking (previous %g)", gt, ex, prev)
		}
		prev = ex
		if gt >= 1000 && math.Abs(gt*ex/coef-1) > 0.01 {
			t.Errorf("Γτ = %g: Γτ·excess = %g, want ΔE(½−ε) = %g", gt, gt*ex, coef)
		}
		if gt == 10000 {
			if math.Abs(r.Error/epsEq-1) > 0.01 {
				t.Errorf("ε = %g, want → %g", r.Error, epsEq)
			}
			if math.Abs(r.Work-LandauerBound(epsEq)) > 1e-3 {
				t.Errorf("W = %g, want → ln2 − H(ε) = %g", r.Work, LandauerBound(epsEq))
			}
		}
	}
}

// The ramp integrator against an independent method: midpoint-staircase
// splitting with exact relaxation on each step, which is second order, and
// its Richardson extrapolation (4A(2n) − A(n))/3, accurate to ~1e-11 here.
// Tolerance 1e-9 on ε and W; the unextrapolated staircase misses by ~1e-7,
// so this also confirms that the test can tell.
func TestRampAgainstSplitting(t *testing.T) {
	split := func(n int, dE, tau float64) (float64, float64) {
		p1, w, prev := 0.5, 0.0, 0.0
		h := tau / float64(n)
		d := math.Exp(-h)
		for k := 0; k < n; k++ {
			em := dE * (float64(k) + 0.5) / float64(n)
			w += p1 * (em - prev)
			prev = em
			pi := 1 / (1 + math.Exp(em))
			p1 = p1*d + pi*(1-d)
		}
		return p1, w + p1*(dE-prev) - p1*dE
	}
	b := TwoState(1)
	dE, tau := 8.0, 3.0
	p, _ := SlowRaiseProtocol(dE, tau)
	r, err := b.Solve(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	pa, wa := split(400, dE, tau)
	pb, wb := split(800, dE, tau)
	pr, wr := (4*pb-pa)/3, (4*wb-wa)/3
	if math.Abs(r.Error-pr) > 1e-9 || math.Abs(r.Work-wr) > 1e-9 {
		t.Errorf("RK: ε = %.12g, W = %.12g; Richardson: %.12g, %.12g", r.Error, r.Work, pr, wr)
	}
	if math.Abs(r.Work-wb) < 1e-8 {
		t.Errorf("staircase already within 1e-8 (%g): the comparison has no power", r.Work-wb)
	}
}

// The rate cap sets a speed limit. With the gap jumping at once to 800 kT
// (Glauber refilling rate e^{−800}Γ underflows to 0) state 1 empties as
// p(t) = ½e^{−Γt} exactly, and that is the fastest possible: for random
// protocols, however extreme, ε(τ) ≥ ½e^{−Γτ}. Since the dynamics obeys
// dp/dt ≥ −Γp, a violation beyond rounding (1e-12 relative) would mean a
// rate above the cap.
func TestRateCapSpeedLimit(t *testing.T) {
	gamma := 2.5
	b := TwoState(gamma)
	tau := 4.0
	p, _ := SuddenRaiseProtocol(800, tau)
	ts := []float64{0, 0.1, 0.5, 1, 2, 3, 4}
	rs, err := b.SolveAt(p, nil, ts)
	if err != nil {
		t.Fatal(err)
	}
	for k, r := range rs[:len(rs)-1] {
		want := 0.5 * math.Exp(-gamma*ts[k])
		if math.Abs(r.P[1]/want-1) > 1e-12 {
			t.Errorf("t = %g: p_1 = %.15g, want ½e^{−Γt} = %.15g", ts[k], r.P[1], want)
		}
	}
	if got := rs[len(rs)-1].Error; math.Abs(got/(0.5*math.Exp(-gamma*tau))-1) > 1e-12 {
		t.Errorf("ε(τ) = %g, want %g", got, 0.5*math.Exp(-gamma*tau))
	}
	// Random piecewise-linear protocols with gaps up to ±1000 kT.
	rng := rand.New(rand.NewPCG(3, 4))
	floor := 0.5 * math.Exp(-gamma*tau)
	for trial := 0; trial < 40; trial++ {
		k := 2 + rng.IntN(6)
		times := []float64{0}
		gaps := []float64{0}
		for i := 0; i < k; i++ {
			times = append(times, tau*float64(i)/float64(k-1))
			gaps = append(gaps, (rng.Float64()*2-0.5)*math.Pow(10, 3*rng.Float64()))
		}
		times = append(times, tau)
		gaps = append(gaps, 0)
		pr, err := TwoStateProtocol(times, gaps)
		if err != nil {
			t.Fatal(err)
		}
		r, err := b.Solve(pr, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Error < floor*(1-1e-12) {
			t.Errorf("protocol %v: ε = %g below the speed limit ½e^{−Γτ} = %g", gaps, r.Error, floor)
		}
	}
	// MinDuration is the inverse.
	if d, _ := MinDuration(floor); math.Abs(d-gamma*tau) > 1e-12 {
		t.Errorf("MinDuration(%g) = %g, want Γτ = %g", floor, d, gamma*tau)
	}
	// Gillespie: the fraction still in state 1 at τ = 0.4 is ½e^{−Γτ}
	// within 5 binomial standard deviations.
	p2, _ := SuddenRaiseProtocol(800, 0.4)
	n := 20000
	est, err := b.Sample(p2, nil, SampleOptions{Trajectories: n, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := 0.5 * math.Exp(-gamma*0.4)
	if !within5SE(est.ErrorRate.Value, math.Sqrt(want*(1-want)/float64(n)), want) {
		t.Errorf("Gillespie ε(0.4) = %g, want %g", est.ErrorRate.Value, want)
	}
}

// Rates: detailed balance k_ij/k_ji = e^{−(E_j−E_i)}, k_ij + k_ji = Γ, all ≤ Γ,
// including gaps where e^{ΔE} overflows; unconnected pairs have rate 0.
func TestRates(t *testing.T) {
	b := Bit{N: 4, Gamma: 3, Graph: Line}
	for _, e := range [][]float64{{0, 1, -2, 5}, {0, 700, 1500, -800}} {
		for i := 0; i < 3; i++ {
			kf, _ := b.Rate(e, i, i+1)
			kb, _ := b.Rate(e, i+1, i)
			if kf > 3 || kb > 3 || kf < 0 || kb < 0 || math.Abs(kf+kb-3) > 1e-15*3 {
				t.Errorf("E = %v: k = %g, %g break the cap or the sum", e, kf, kb)
			}
			d := e[i+1] - e[i]
			if math.Abs(d) < 700 && math.Abs(math.Log(kf/kb)+d) > 1e-12 {
				t.Errorf("E = %v: ln(k_ij/k_ji) = %g, want %g", e, math.Log(kf/kb), -d)
			}
		}
		if k, _ := b.Rate(e, 0, 2); k != 0 {
			t.Errorf("line graph: k_02 = %g, want 0", k)
		}
	}
	bc := Bit{N: 4, Gamma: 3, Graph: Complete}
	if k, _ := bc.Rate([]float64{0, 0, 0, 0}, 0, 3); k != 1.5 {
		t.Errorf("complete graph: k_03 = %g, want Γ/2", k)
	}
}

// N-state equilibrium, with probabilities far below 1e-15: the exact
// propagation (uniformization: non-negative terms only) relaxes a line of
// energies (0, 20, 40) to Boltzmann with 1e-10 relative accuracy in every
// entry, e^{−40}/Z ≈ 4e-18 included. An eigen-decomposition or 1 − Σ would
// lose this by orders of magnitude.
func TestNStateTinyProbabilities(t *testing.T) {
	b := Bit{N: 3, Gamma: 1, Graph: Line}
	e := []float64{0, 20, 40}
	p, err := NewProtocol([]Keyframe{{0, []float64{0, 0, 0}}, {0, e}, {400, e}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.Solve(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := b.Equilibrium(e)
	for i := range want {
		if math.Abs(r.P[i]/want[i]-1) > 1e-10 {
			t.Errorf("p_%d = %.15g, want %.15g", i, r.P[i], want[i])
		}
	}
	if math.Abs(r.Error/(want[1]+want[2])-1) > 1e-10 {
		t.Errorf("ε = %g, want %g", r.Error, want[1]+want[2])
	}
}

// Uniformization against the adaptive Runge–Kutta integrator on the same
// constant energies (two independent methods), N = 4, both graphs:
// agreement to 1e-9 relative per entry.
func TestNStateUniformizationVsRK(t *testing.T) {
	for _, g := range []Graph{Line, Complete} {
		b := Bit{N: 4, Gamma: 1.7, Graph: g}
		e := []float64{0.3, -1, 2.5, 4}
		a := Keyframe{T: 0, E: e}
		c := Keyframe{T: 2.2, E: e}
		p0 := []float64{0.1, 0.2, 0.3, 0.4}
		s1 := &solver{b: b, rtol: 1e-13, p: append([]float64(nil), p0...)}
		s1.relax(e, 2.2)
		s2 := &solver{b: b, rtol: 1e-13, p: append([]float64(nil), p0...)}
		if err := s2.ramp(a, c, 0, 2.2); err != nil {
			t.Fatal(err)
		}
		for i := range p0 {
			if math.Abs(s1.p[i]/s2.p[i]-1) > 1e-9 {
				t.Errorf("%v: p_%d uniformization %.15g, RK %.15g", g, i, s1.p[i], s2.p[i])
			}
		}
	}
}

// N-state Gillespie against the ODE, with ramps and jumps on both graphs
// and a two-state target set: work and heat within 5 SE, error within 5
// binomial standard deviations.
func TestNStateGillespie(t *testing.T) {
	n := 30000
	if testing.Short() {
		n = 10000
	}
	frames := []Keyframe{
		{0, []float64{0, 0, 0, 0}},
		{0, []float64{0, 1, 3, 3}},
		{1.5, []float64{-1, 2, 6, 4}},
		{3, []float64{0, 0.5, 4, 8}},
		{3, []float64{0, 0, 0, 0}},
	}
	p, err := NewProtocol(frames)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []Graph{Line, Complete} {
		b := Bit{N: 4, Gamma: 2, Graph: g, Target: []int{0, 1}}
		r, err := b.Solve(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		est, err := b.Sample(p, nil, SampleOptions{Trajectories: n, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if !within5SE(est.Work.Value, est.Work.Uncertainty, r.Work) || !within5SE(est.Heat.Value, est.Heat.Uncertainty, r.Heat) {
			t.Errorf("%v: Gillespie W = %g ± %g, Q = %g ± %g; ODE %g, %g", g, est.Work.Value, est.Work.Uncertainty, est.Heat.Value, est.Heat.Uncertainty, r.Work, r.Heat)
		}
		sd := math.Sqrt(r.Error * (1 - r.Error) / float64(n))
		if !within5SE(est.ErrorRate.Value, sd, r.Error) {
			t.Errorf("%v: Gillespie ε = %g, ODE %g (sd %g)", g, est.ErrorRate.Value, r.Error, sd)
		}
	}
}

// Slow-raise Gillespie at a finite ramp (where the lag matters) against the
// ODE, within 5 SE; and a non-cyclic protocol (ΔE ≠ 0) for the heat.
func TestRampGillespie(t *testing.T) {
	n := 30000
	if testing.Short() {
		n = 10000
	}
	b := TwoState(1)
	p, _ := SlowRaiseProtocol(5, 4)
	q, _ := TwoStateProtocol([]float64{0, 1, 2, 2, 3}, []float64{0, 3, -1, 2, 1})
	for _, pr := range []Protocol{p, q} {
		r, _ := b.Solve(pr, nil)
		est, err := b.Sample(pr, nil, SampleOptions{Trajectories: n, Seed: 9})
		if err != nil {
			t.Fatal(err)
		}
		if !within5SE(est.Work.Value, est.Work.Uncertainty, r.Work) || !within5SE(est.Heat.Value, est.Heat.Uncertainty, r.Heat) {
			t.Errorf("Gillespie W = %g ± %g, Q = %g ± %g; ODE %g, %g", est.Work.Value, est.Work.Uncertainty, est.Heat.Value, est.Heat.Uncertainty, r.Work, r.Heat)
		}
		sd := math.Sqrt(r.Error * (1 - r.Error) / float64(n))
		if !within5SE(est.ErrorRate.Value, sd, r.Error) {
			t.Errorf("Gillespie ε = %g, ODE %g", est.ErrorRate.Value, r.Error)
		}
	}
}

// Per-trajectory bookkeeping: Q = W − [E_end(τ) − E_start(0)] exactly, and
// the jumps chain from Start to End in time order.
func TestPathBookkeeping(t *testing.T) {
	b := Bit{N: 3, Gamma: 1, Graph: Complete}
	p, _ := NewProtocol([]Keyframe{{0, []float64{0, 1, 2}}, {1, []float64{2, -1, 0}}, {1, []float64{1, 1, 3}}, {2, []float64{0, 0.5, -2}}})
	rng := rand.New(rand.NewPCG(1, 2))
	first, last := p.frames[0].E, p.frames[len(p.frames)-1].E
	for k := 0; k < 200; k++ {
		path, err := b.SamplePath(p, k%3, rng)
		if err != nil {
			t.Fatal(err)
		}
		s := path.Start
		tp := 0.0
		for _, j := range path.Jumps {
			if j.From != s || j.T < tp || j.T > 2 {
				t.Fatalf("broken jump chain %+v", path)
			}
			s, tp = j.To, j.T
		}
		if s != path.End {
			t.Fatalf("end %d, chain ends in %d", path.End, s)
		}
		if d := path.Heat - (path.Work - (last[path.End] - first[path.Start])); math.Abs(d) > 1e-12 {
			t.Errorf("Q − (W − ΔE) = %g", d)
		}
	}
}

// Equal seeds give identical estimates; different seeds differ.
func TestSampleDeterministic(t *testing.T) {
	b := TwoState(1)
	p, _ := SlowRaiseProtocol(4, 2)
	a, _ := b.Sample(p, nil, SampleOptions{Trajectories: 2000, Seed: 42})
	c, _ := b.Sample(p, nil, SampleOptions{Trajectories: 2000, Seed: 42})
	d, _ := b.Sample(p, nil, SampleOptions{Trajectories: 2000, Seed: 43})
	if a != c {
		t.Errorf("same seed, different estimates: %+v vs %+v", a, c)
	}
	if a == d {
		t.Errorf("different seeds, identical estimates")
	}
}
