package majority

import (
	"context"
	"errors"
	"math"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// Stationary statistics of coupled harmonic units. For U = k x²/2 and the
// coupling (κ/2) Σ (x_i − x̄)², H = (k/2) N x̄² + ((k+κ)/2) Σ_i (x_i − x̄)²
// (because Σ x_i² = N x̄² + Σ (x_i − x̄)²): the mean is a mode of stiffness
// N k, the N−1 relative coordinates modes of stiffness k + κ. So in
// equilibrium Var x̄ = kT/(N k) and E Σ_i (x_i − x̄)² = (N−1) kT/(k+κ), i.e.
// Var(x_i − x̄) = (N−1)/(N (k+κ)). Euler–Maruyama with step dt maps a mode
// of rate a to y' = (1 − a dt) y + √(2 dt) ξ (noise projected on the mode),
// whose stationary variance is exactly the continuous one divided by
// (1 − a dt/2) (PHYSICS.md §2), with a = k for x̄ and a = k + κ for the
// relative coordinates. The test compares with these discrete-time values
// (the Monte Carlo's own dynamics, so the tolerance is purely statistical)
// and logs the continuous ones: at dt = 0.02, (k+κ) dt/2 = 5 % is about 10
// standard errors of E Σ(x_i − x̄)², so a run with the continuous value
// would fail: the test resolves the coupling, not just the wells.
//
// Each bit is one independent sample (final positions of a hold protocol
// after a burn-in of 10 relaxation times of the slowest mode, 1/k, from all
// units on one side: the initial offset of x̄, ≈ 0.8, decays to e^{−11}·0.8).
// Tolerances: 5 standard errors; SE of a sample variance of M Gaussian
// values v√(2/(M−1)), SE of the mean of Σ(x_i − x̄)² from its sample spread.
func TestCoupledBoltzmannHarmonic(t *testing.T) {
	const (
		k, kappa, dt = 1.0, 4.0, 0.02
		n, m         = 5, 20000
	)
	pot := wells.Harmonic{Stiffness: k}
	hold, err := erasure.NewProtocol(erasure.KindHold, pot, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := Coupled{Bit: Bit{Units: n, Potential: pot, Protocol: hold, Target: 1,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Temperature: 1}}, Kappa: kappa}
	var mu sync.Mutex
	var mean, rel stats.Moments
	perBlock := make(map[int][2]stats.Moments)
	_, err = runCoupled(context.Background(), c, CoupledOptions{Options: Options{Bits: m, Seed: 11}, BurnIn: 10},
		func(b int, x []float64) {
			var mb, rb stats.Moments
			for g := 0; g+n <= len(x); g += n {
				var s float64
				for _, v := range x[g : g+n] {
					s += v
				}
				xb := s / n
				var ss float64
				for _, v := range x[g : g+n] {
					ss += (v - xb) * (v - xb)
				}
				mb.Add(xb)
				rb.Add(ss)
			}
			mu.Lock()
			perBlock[b] = [2]stats.Moments{mb, rb}
			mu.Unlock()
		})
	if err != nil {
		t.Fatal(err)
	}
	for b := range len(perBlock) { // merge in block order
		mean.Merge(perBlock[b][0])
		rel.Merge(perBlock[b][1])
	}
	if mean.N() != m {
		t.Fatalf("observed %d bits, want %d", mean.N(), m)
	}
	wantMean := 1 / (n * k * (1 - k*dt/2))
	wantRel := (n - 1) / ((k + kappa) * (1 - (k+kappa)*dt/2))
	seMean := wantMean * math.Sqrt(2/float64(m-1))
	seRel := rel.SEM()
	t.Logf("Var x̄ = %.5f ± %.5f (Euler–Maruyama %.5f, continuous 1/(Nk) = %.5f)", mean.Var(), seMean, wantMean, 1/(n*k))
	t.Logf("E Σ(x_i − x̄)² = %.5f ± %.5f (Euler–Maruyama %.5f, continuous (N−1)/(k+κ) = %.5f); Var(x_i − x̄) = %.5f",
		rel.Mean(), seRel, wantRel, (n-1)/(k+kappa), rel.Mean()/n)
	if d := math.Abs(mean.Var() - wantMean); d > 5*seMean {
		t.Errorf("Var x̄ = %.5f, want %.5f ± 5 × %.5f", mean.Var(), wantMean, seMean)
	}
	if d := math.Abs(rel.Mean() - wantRel); d > 5*seRel {
		t.Errorf("E Σ(x_i − x̄)² = %.5f, want %.5f ± 5 × %.5f", rel.Mean(), wantRel, seRel)
	}
	if d := math.Abs(mean.Mean()); d > 5*math.Sqrt(wantMean/m) {
		t.Errorf("E x̄ = %.5f, want 0 ± 5 × %.5f", mean.Mean(), math.Sqrt(wantMean/m))
	}
}

// With κ = 0 the coupled integrator must agree with the independent units
// of Run and Exact (Fokker–Planck): the 5-unit test bit of
// TestRunMatchesExact, 6000 bits.
//
// From StartEquilibrium (at κ = 0 every unit an independent equilibrium
// bit, as in Run) the unit error, the logical error and the work per bit
// agree with Fokker–Planck within 5 standard errors (plus FP's
// discretisation error and 0.01 kT per unit for Euler–Maruyama at
// dt = 1e-4, as in TestRunMatchesExact), and the wrong-unit histogram is
// binomial (χ² with 3 degrees of freedom below 21.1, p = 1e-4).
//
// From StartLogical (all units of a bit start in the same well) the unit
// error and the work still agree (each unit's own start is still the
// equilibrium of one unit, by symmetry), but the units' errors are
// correlated: this fast, 3 kT erasure does not forget the start, so the
// logical error exceeds LogicalError(N, ε_u) and the histogram is far from
// binomial. The test asks for both, so it shows that the histogram check
// can fail.
func TestCoupledIndependentMatchesExact(t *testing.T) {
	ctx := context.Background()
	b := testBit(t, 5)
	const m = 6000
	ex, err := Exact(ctx, b, 1000, 0.3/4000)
	if err != nil {
		t.Fatal(err)
	}
	nu := float64(5 * m)
	seU := math.Sqrt(ex.UnitError.Value * (1 - ex.UnitError.Value) / nu)
	seL := math.Sqrt(ex.LogicalError.Value * (1 - ex.LogicalError.Value) / m)
	for _, start := range []StartMode{StartEquilibrium, StartLogical} {
		mc, err := RunCoupled(ctx, Coupled{Bit: b}, CoupledOptions{Options: Options{Bits: m, Seed: 5}, Start: start})
		if err != nil {
			t.Fatal(err)
		}
		chi2 := binomialChi2(mc)
		t.Logf("%v: ε_u %.4f [%.4f, %.4f] (FP %.4f); ε_L %.4f [%.4f, %.4f] (FP %.4f, independent fit %.4f); W_bit %.3f ± %.3f (FP %.3f); χ²₃ %.1f; agree %.3f, pair correlation %.3f; burn-in %.3g",
			start, mc.UnitError.Value, mc.UnitErrorInterval.Low, mc.UnitErrorInterval.High, ex.UnitError.Value, mc.LogicalError.Value, mc.LogicalErrorInterval.Low, mc.LogicalErrorInterval.High,
			ex.LogicalError.Value, mc.IndependentFit, mc.WorkPerBit.Value, mc.WorkPerBit.Uncertainty, ex.WorkPerBit.Value, chi2, mc.AgreeFraction.Value, mc.PairCorrelation, mc.BurnIn)
		if d := math.Abs(mc.UnitError.Value - ex.UnitError.Value); d > 5*seU+ex.UnitError.Uncertainty {
			t.Errorf("%v: unit error %.5f, FP %.5f (SE %.5f)", start, mc.UnitError.Value, ex.UnitError.Value, seU)
		}
		if d := math.Abs(mc.WorkPerBit.Value - ex.WorkPerBit.Value); d > 5*mc.WorkPerBit.Uncertainty+ex.WorkPerBit.Uncertainty+5*0.01 {
			t.Errorf("%v: work per bit %.4f ± %.4f, FP %.4f", start, mc.WorkPerBit.Value, mc.WorkPerBit.Uncertainty, ex.WorkPerBit.Value)
		}
		switch start {
		case StartEquilibrium:
			if d := math.Abs(mc.LogicalError.Value - ex.LogicalError.Value); d > 5*seL {
				t.Errorf("logical error %.5f, FP %.5f (SE %.5f)", mc.LogicalError.Value, ex.LogicalError.Value, seL)
			}
			if chi2 > 21.1 {
				t.Errorf("wrong-unit histogram %v is not binomial: χ²₃ = %.1f", mc.WrongUnits, chi2)
			}
		case StartLogical:
			if !(mc.LogicalErrorInterval.Low > mc.IndependentFit) || chi2 < 21.1 {
				t.Errorf("logical start: ε_L %.4f [%.4f, %.4f] vs independent %.4f, χ²₃ = %.1f: the correlated start left no trace",
					mc.LogicalError.Value, mc.LogicalErrorInterval.Low, mc.LogicalErrorInterval.High, mc.IndependentFit, chi2)
			}
		}
	}
}

// binomialChi2 is the χ² of a 5-unit wrong-unit histogram against
// binomial(5, ε̂_u), classes 0, 1, 2, 3, ≥ 4 (3 degrees of freedom).
func binomialChi2(r *CoupledResult) float64 {
	m := float64(r.Bits)
	obs := append([]int64(nil), r.WrongUnits[:4]...)
	obs = append(obs, r.WrongUnits[4]+r.WrongUnits[5])
	var chi2 float64
	for k, o := range obs {
		p := binomPMF(5, k, r.UnitError.Value)
		if k == 4 {
			p += binomPMF(5, 5, r.UnitError.Value)
		}
		e := p * m
		chi2 += (float64(o) - e) * (float64(o) - e) / e
	}
	return chi2
}

// Coupling ties the units together: the same fast erasure with κ = 10 from
// the equilibrium start ends with more bits whose units all agree, a
// positive pair correlation of the unit errors and a logical error above
// the independent-unit prediction at the measured ε_u. The checks are
// against the 95 % Wilson intervals of the κ = 0 run (agreement) and the
// κ = 10 run (logical error).
func TestCoupledCorrelation(t *testing.T) {
	ctx := context.Background()
	b := testBit(t, 5)
	b.Dynamics.Dt = 2e-4
	opt := CoupledOptions{Options: Options{Bits: 3000, Seed: 9}, Start: StartEquilibrium}
	free, err := RunCoupled(ctx, Coupled{Bit: b}, opt)
	if err != nil {
		t.Fatal(err)
	}
	tied, err := RunCoupled(ctx, Coupled{Bit: b, Kappa: 10}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*CoupledResult{free, tied} {
		t.Logf("κ = %g: agree at start %.3f (equilibrium %.3f), at end %.3f [%.3f, %.3f]; ε_u %.4f, ε_L %.4f [%.4f, %.4f] (independent %.4f); pair correlation %.3f; W_bit %.2f",
			r.Kappa, r.StartAgreeFraction, r.EquilibriumAgree, r.AgreeFraction.Value, r.AgreeInterval.Low, r.AgreeInterval.High,
			r.UnitError.Value, r.LogicalError.Value, r.LogicalErrorInterval.Low, r.LogicalErrorInterval.High, r.IndependentFit, r.PairCorrelation, r.WorkPerBit.Value)
	}
	if !(tied.AgreeInterval.Low > free.AgreeInterval.High) {
		t.Errorf("κ = 10 agreement %.3f [%.3f, %.3f] not above κ = 0's [%.3f, %.3f]", tied.AgreeFraction.Value, tied.AgreeInterval.Low, tied.AgreeInterval.High, free.AgreeInterval.Low, free.AgreeInterval.High)
	}
	if !(tied.LogicalErrorInterval.Low > tied.IndependentFit) || !(tied.PairCorrelation > 0.1) {
		t.Errorf("κ = 10: ε_L [%.4f, %.4f] vs independent %.4f, pair correlation %.3f: no correlation seen",
			tied.LogicalErrorInterval.Low, tied.LogicalErrorInterval.High, tied.IndependentFit, tied.PairCorrelation)
	}
	if !(tied.EquilibriumAgree > free.EquilibriumAgree) || math.Abs(free.EquilibriumAgree-2.0/32) > 1e-9 {
		t.Errorf("P_eq(all agree): κ = 0 %.6f (want 2/32), κ = 10 %.6f", free.EquilibriumAgree, tied.EquilibriumAgree)
	}
}

// threeStage is the four-stage protocol without its first stage: from the
// barrier-free well (g = 0, f = 0), tilt f 0 → 1, raise the barrier g 0 → 1,
// remove the tilt f 1 → 0, each over τ/3.
func threeStage(t *testing.T, pot wells.Potential, tau float64) erasure.Protocol {
	t.Helper()
	p, err := erasure.NewProtocol(erasure.KindKeyframes, pot, tau, nil, map[string][][2]float64{
		"g": {{0, 0}, {tau / 3, 0}, {2 * tau / 3, 1}, {tau, 1}},
		"f": {{0, 0}, {tau / 3, 1}, {2 * tau / 3, 1}, {tau, 0}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The slow-limit cost of erasing three coupled units. Erasing the coupled
// 50/50 equilibrium at rest (jun, E_b = 8 kT) to "all units right" costs at
// least W_qs = −ln P_eq(all right) (CoupledEquilibrium; 3 ln 2 = 2.079 kT
// at κ = 0, 0.927 kT at κ = 2).
//
// Which start, and why not the plain four-stage protocol: at κ > 0 the
// equilibrium weight of configurations with units in different wells
// depends on the barrier control g (the coupling energy of a split
// configuration grows with the well separation): P_eq(all right) is 0.396
// at g = 1 but 0.264 at g = 0.6 for κ = 2. While the barrier is still high
// during the lowering stage the units cannot hop to follow, and the lag is
// dissipated, so a four-stage protocol from the rest equilibrium approaches
// W_qs only as fast as hopping over a high barrier allows (README). The
// lowering stage is reversible in principle: its quasi-static work is
// F_eq(g=0) − F_eq(g=1) = ln Z_rest − ln Z_flat (Equilibrium.LogZ). The
// test therefore starts from the exact equilibrium of the barrier-free
// well (StartEquilibrium at g = 0, where hopping is free), runs the other
// three stages (threeStage, tilt amplitude A = 0.5, so the error when the
// barrier rises under the tilt, ~e^{−8E_bA} per unit, is negligible) and
// adds that exact work:
//
//	C(τ) = ⟨W_three-stage⟩ + ln Z_rest − ln Z_flat  →  W_qs  as τ → ∞.
//
// The 8 kT barrier keeps the units from hopping back while the tilt is
// removed (ε_u ≤ 0.1 % up to τ = 20; at E_b = 6 such errors reach 1 % and
// pull ⟨W⟩ below W_qs toward Bound at long τ).
//
// Checks, at κ = 0 and κ = 2, τ = 5, 10, 20 (4000 bits each, dt = 1e-3):
//   - the second law at every τ: ⟨W⟩ ≥ Bound − 5 SE (Bound: the least work
//     to the measured final distribution of wrong units) and C(τ) ≥ W_qs −
//     5 SE: the approach is from above;
//   - QuasiStatic = W_qs − (ln Z_rest − ln Z_flat), to 1e-9;
//   - the fit C(τ) = C∞ + B/τ (stats.FitInverse, weighted by the SEs) gives
//     C∞ within 5 SE(C∞) + 0.05 kT of W_qs. The 0.05 kT is the
//     Euler–Maruyama bias: with 10⁴ bits a τ, C∞ falls by 0.019 kT when dt
//     is halved (2.120 → 2.101 at κ = 0, 0.974 → 0.955 at κ = 2, fits over
//     τ = 5…40), i.e. the bias at dt = 1e-3 is about +0.04 kT, and the dt → 0
//     extrapolations 2.082 and 0.936 match W_qs to 0.01 (README);
//   - coupling lowers the cost: C(20) at κ = 2 lies below 3 ln 2 (the κ = 0
//     W_qs) by more than 5 SE.
func TestCoupledSlowErasure(t *testing.T) {
	const (
		eb, tilt, dt = 8.0, 0.5, 1e-3
		bits         = 4000
	)
	ctx := context.Background()
	pot := wells.Jun{Barrier: eb, Tilt: tilt}
	taus := []float64{5, 10, 20}
	for _, kappa := range []float64{0, 2} {
		rest, err := CoupledEquilibrium(pot, pot.Rest(), 3, kappa, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		flat, err := CoupledEquilibrium(pot, wells.Control{0, 0}, 3, kappa, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		lower := rest.LogZ - flat.LogZ
		wqs := rest.QuasiStaticWork(1)
		cost, sem := make([]float64, len(taus)), make([]float64, len(taus))
		for i, tau := range taus {
			c := Coupled{Bit: Bit{Units: 3, Potential: pot, Protocol: threeStage(t, pot, tau), Target: 1,
				Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Temperature: 1}}, Kappa: kappa}
			r, err := RunCoupled(ctx, c, CoupledOptions{Options: Options{Bits: bits, Seed: uint64(100 + i)}, Start: StartEquilibrium})
			if err != nil {
				t.Fatal(err)
			}
			cost[i], sem[i] = r.WorkPerBit.Value+lower, r.WorkPerBit.Uncertainty
			t.Logf("κ = %g, τ = %g: ⟨W⟩ = %.3f ± %.3f, C = %.3f (W_qs %.3f, excess %.3f); Bound %.3f, QuasiStatic %.3f; ε_u %.4f, ε_L %.4f",
				kappa, tau, r.WorkPerBit.Value, r.WorkPerBit.Uncertainty, cost[i], wqs, cost[i]-wqs, r.Bound, r.QuasiStatic, r.UnitError.Value, r.LogicalError.Value)
			if r.WorkPerBit.Value < r.Bound-5*r.WorkPerBit.Uncertainty || cost[i] < wqs-5*sem[i] {
				t.Errorf("κ = %g, τ = %g: ⟨W⟩ = %.3f ± %.3f below the second-law bound %.3f, or C = %.3f below W_qs = %.3f",
					kappa, tau, r.WorkPerBit.Value, r.WorkPerBit.Uncertainty, r.Bound, cost[i], wqs)
			}
			if d := math.Abs(r.QuasiStatic - (wqs - lower)); d > 1e-9 {
				t.Errorf("κ = %g: QuasiStatic %.12f, want W_qs − lowering work = %.12f", kappa, r.QuasiStatic, wqs-lower)
			}
		}
		fit, err := stats.FitInverse(taus, cost, sem)
		cInf, b, cInfSE := fit.Inf, fit.B, fit.InfSE
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("κ = %g: C(τ) = %.3f ± %.3f + %.2f/τ; W_qs = −ln P_eq(all right) = %.4f", kappa, cInf, cInfSE, b, wqs)
		if d := math.Abs(cInf - wqs); d > 5*cInfSE+0.05 {
			t.Errorf("κ = %g: C∞ = %.3f ± %.3f, want W_qs = %.3f", kappa, cInf, cInfSE, wqs)
		}
		if kappa > 0 && !(cost[2]+5*sem[2] < 3*math.Ln2) {
			t.Errorf("κ = %g: C(20) = %.3f ± %.3f is not below the uncoupled 3 ln 2", kappa, cost[2], sem[2])
		}
	}
}

// The numbers depend on the seed, the sizes and the settings only, not on
// the number of workers; a different seed gives different numbers; the
// quasi-static reference of each start is what its formula says.
func TestCoupledReproducible(t *testing.T) {
	ctx := context.Background()
	b := testBit(t, 3)
	b.Dynamics.Dt = 1e-3
	c := Coupled{Bit: b, Kappa: 3}
	first := map[StartMode]*CoupledResult{}
	for _, w := range []int{1, 2, 3} {
		for _, start := range []StartMode{StartLogical, StartEquilibrium} {
			r, err := RunCoupled(ctx, c, CoupledOptions{Options: Options{Bits: 700, Seed: 3, Workers: w}, Start: start})
			if err != nil {
				t.Fatal(err)
			}
			if first[start] == nil {
				first[start] = r
				continue
			}
			if !reflect.DeepEqual(first[start], r) {
				t.Errorf("%v: %d workers changed the result:\n%+v\n%+v", start, w, first[start], r)
			}
		}
	}
	other, err := RunCoupled(ctx, c, CoupledOptions{Options: Options{Bits: 700, Seed: 4}})
	if err != nil {
		t.Fatal(err)
	}
	// The four-stage protocol ends where it started and the jun well is
	// symmetric: QuasiStatic is ln 2 from the logical start and
	// −ln P_eq(all right) from the equilibrium one.
	eq, err := CoupledEquilibrium(b.Potential, b.Potential.Rest(), 3, c.Kappa, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if q := first[StartLogical].QuasiStatic; math.Abs(q-math.Ln2) > 1e-9 {
		t.Errorf("logical start: QuasiStatic %.12f, want ln 2", q)
	}
	if q, want := first[StartEquilibrium].QuasiStatic, -math.Log(eq.AllRight()); math.Abs(q-want) > 1e-9 {
		t.Errorf("equilibrium start: QuasiStatic %.12f, want −ln P_eq(all right) = %.12f", q, want)
	}
	r := first[StartLogical]
	if other.WorkPerBit.Value == r.WorkPerBit.Value {
		t.Error("seeds 3 and 4 gave the same work")
	}
	if r.Bits != 700 || r.Units != 3 || len(r.WrongUnits) != 4 {
		t.Errorf("counted %d bits of %d units, histogram %v", r.Bits, r.Units, r.WrongUnits)
	}
}

// One block of the coupled integrator (start, burn-in, protocol) does not
// allocate once the worker exists.
func TestCoupledNoAllocs(t *testing.T) {
	b := testBit(t, 3)
	b.Dynamics.Dt = 1e-3
	for _, start := range []StartMode{StartLogical, StartEquilibrium} {
		r, _, _, err := newCoupledRun(Coupled{Bit: b, Kappa: 2}, CoupledOptions{Options: Options{Bits: 400}, Start: start})
		if err != nil {
			t.Fatal(err)
		}
		w := r.newWorker()
		ctx := context.Background()
		if a := testing.AllocsPerRun(3, func() { w.block(ctx, 0) }); a != 0 {
			t.Errorf("%v: %v allocations per block", start, a)
		}
	}
}

// A cancelled context stops a long run promptly with its error.
func TestCoupledCancel(t *testing.T) {
	b := testBit(t, 3)
	proto, err := erasure.NewProtocol(erasure.KindFourStage, b.Potential, 1000, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Protocol = proto // 1e7 steps a block: minutes if not stopped
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = RunCoupled(ctx, Coupled{Bit: b, Kappa: 1}, CoupledOptions{Options: Options{Bits: 1000}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("cancellation took %v", d)
	}
}

// Bad settings are errors, named in one line; the default burn-in is
// DefaultBurnIn relaxation times (1/k for a harmonic trap).
func TestCoupledValidation(t *testing.T) {
	ctx := context.Background()
	good := Coupled{Bit: testBit(t, 3), Kappa: 1}
	good.Dynamics.Dt = 1e-3
	opt := CoupledOptions{Options: Options{Bits: 10}}
	cases := map[string]func(c *Coupled, o *CoupledOptions){
		"even units":       func(c *Coupled, o *CoupledOptions) { c.Units = 4 },
		"negative κ":       func(c *Coupled, o *CoupledOptions) { c.Kappa = -1 },
		"NaN κ":            func(c *Coupled, o *CoupledOptions) { c.Kappa = math.NaN() },
		"infinite κ":       func(c *Coupled, o *CoupledOptions) { c.Kappa = math.Inf(1) },
		"underdamped":      func(c *Coupled, o *CoupledOptions) { c.Dynamics.Kind, c.Dynamics.Mass = langevin.Underdamped, 1 },
		"no bits":          func(c *Coupled, o *CoupledOptions) { o.Bits = 0 },
		"bad start":        func(c *Coupled, o *CoupledOptions) { o.Start = 7 },
		"NaN burn-in":      func(c *Coupled, o *CoupledOptions) { o.BurnIn = math.NaN() },
		"dt over duration": func(c *Coupled, o *CoupledOptions) { c.Dynamics.Dt = 1 },
		"zero friction":    func(c *Coupled, o *CoupledOptions) { c.Dynamics.Friction = 0 },
		"no potential":     func(c *Coupled, o *CoupledOptions) { c.Potential = nil },
		"target 2":         func(c *Coupled, o *CoupledOptions) { c.Target = 2 },
	}
	for name, mutate := range cases {
		c, o := good, opt
		mutate(&c, &o)
		if _, err := RunCoupled(ctx, c, o); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if _, err := RunCoupled(ctx, good, opt); err != nil {
		t.Errorf("good settings: %v", err)
	}
	r, err := RunCoupled(ctx, good, CoupledOptions{Options: Options{Bits: 10}, BurnIn: NoBurnIn})
	if err != nil || r.BurnIn != 0 {
		t.Errorf("NoBurnIn: burn-in %v, err %v", r.BurnIn, err)
	}
	const k = 4
	pot := wells.Harmonic{Stiffness: k}
	hold, _ := erasure.NewProtocol(erasure.KindHold, pot, 0.1, nil, nil)
	h := Coupled{Bit: Bit{Units: 3, Potential: pot, Protocol: hold,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}}}
	r, err = RunCoupled(ctx, h, CoupledOptions{Options: Options{Bits: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if want := DefaultBurnIn / float64(k); math.Abs(r.BurnIn-want) > 1e-6 {
		t.Errorf("harmonic k = %v: default burn-in %.6g, want %v/k = %.6g", k, r.BurnIn, DefaultBurnIn, want)
	}
}
