package erasure

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

func runStudy(t *testing.T, s *Study) *Result {
	t.Helper()
	r, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func newPot(t *testing.T, kind string, params map[string]float64) wells.Potential {
	t.Helper()
	p, err := wells.New(kind, params)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func overdamped(dt float64) langevin.Dynamics {
	return langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Mass: 1, Temperature: 1}
}

// Schmiedl & Seifert, PRL 98, 108301 (2007): a trap U = k(x − λ)²/2 dragged
// from 0 to λ_f in t_f. Linear ramp: ⟨W⟩ = γλ_f²(t_f − τ_r + τ_r e^{−t_f/τ_r})/t_f²
// with τ_r = γ/k, and W is Gaussian with Var W = 2kT⟨W⟩. Optimal protocol
// (jumps of λ_f(γ/k)/(t_f + 2γ/k) at both ends, linear between, given here as
// keyframes): W* = γλ_f²/(t_f + 2γ/k). With k = γ = λ_f = t_f = 1 these are
// e^{−1} = 0.3679 and 1/3, 9 standard errors apart at n = 5e4, so each
// check can fail. Tolerance 5 SE (the Euler–Maruyama bias at dt = 1e-3 is
// O(k dt) relative ≈ 1e-3, well below).
func TestSchmiedlSeifert(t *testing.T) {
	const k, lf, tf, n = 1.0, 1.0, 1.0, 50000
	pot := newPot(t, "harmonic", map[string]float64{"stiffness": k})
	study := func(kind string, kf map[string][][2]float64) *Result {
		var proto Protocol
		var err error
		if kind == "keyframes" {
			proto, err = NewProtocol("keyframes", pot, tf, nil, kf)
		} else {
			proto, err = NewProtocol("keyframes", pot, tf, nil, map[string][][2]float64{"center": {{0, 0}, {tf, lf}}})
		}
		if err != nil {
			t.Fatal(err)
		}
		return runStudy(t, &Study{Potential: pot, Protocol: proto, Dynamics: overdamped(1e-3),
			Target: 1, Divide: 0.5, Trajectories: n, Seed: 21})
	}
	lin := study("linear", nil)
	wantLin := lf * lf * (tf - 1/k + math.Exp(-tf*k)/k) / (tf * tf)
	if d := math.Abs(lin.Work.Value - wantLin); d > 5*lin.Work.StandardError() {
		t.Errorf("linear ramp ⟨W⟩ = %.4f ± %.4f, want %.4f", lin.Work.Value, lin.Work.StandardError(), wantLin)
	}
	// Var W = 2kT⟨W⟩; the sample variance is n·SEM², its SE ≈ Var·√(2/n).
	v := lin.Work.StandardError() * lin.Work.StandardError() * n
	if d := math.Abs(v - 2*wantLin); d > 5*2*wantLin*math.Sqrt(2.0/n) {
		t.Errorf("linear ramp Var W = %.4f, want 2⟨W⟩ = %.4f", v, 2*wantLin)
	}
	jump := lf / (tf*k + 2)
	opt := study("keyframes", map[string][][2]float64{"center": {{0, 0}, {0, jump}, {tf, lf - jump}, {tf, lf}}})
	wantOpt := lf * lf / (tf + 2/k)
	if d := math.Abs(opt.Work.Value - wantOpt); d > 5*opt.Work.StandardError() {
		t.Errorf("optimal protocol ⟨W⟩ = %.4f ± %.4f, want %.4f", opt.Work.Value, opt.Work.StandardError(), wantOpt)
	}
	if lin.Work.Value-opt.Work.Value < 3*math.Hypot(lin.Work.StandardError(), opt.Work.StandardError()) {
		t.Errorf("optimal protocol (%.4f) not clearly cheaper than the linear ramp (%.4f)", opt.Work.Value, lin.Work.Value)
	}
	// Free energy change of a dragged trap is zero.
	if lin.FreeEnergyChange == nil || math.Abs(*lin.FreeEnergyChange) > 1e-8 {
		t.Errorf("ΔF = %v, want 0", lin.FreeEnergyChange)
	}
}

// The quasi-static limit of four-stage erasure (PHYSICS.md §1): ⟨W⟩ falls
// toward kT[ln 2 − H(ε)] from above as τ grows and never goes below it
// (second law, within 5 SE). At E_b = 8 the excess falls roughly as B/τ;
// we require it to shrink with each fourfold increase of τ and to be below
// 0.3 kT at τ = 160 (the measured excess there is ~0.1 kT: B ≈ 15 kT·t0).
func TestFourStageQuasiStatic(t *testing.T) {
	pot := wells.Jun{Barrier: 8, Tilt: 1}
	taus := []float64{10, 40, 160}
	n := 3000
	if testing.Short() {
		taus, n = []float64{10, 40}, 1500
	}
	prev := math.Inf(1)
	for _, tau := range taus {
		proto, err := NewProtocol("four-stage", pot, tau, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := runStudy(t, &Study{Potential: pot, Protocol: proto, Dynamics: overdamped(1e-3),
			Target: 1, Trajectories: n, Seed: 31})
		excess := r.Work.Value - r.LandauerBound
		t.Logf("τ = %g: ⟨W⟩ = %.4f ± %.4f kT, ε = %.3g, bound %.4f, excess %.4f", tau, r.Work.Value, r.Work.StandardError(), r.ErrorRate.Value, r.LandauerBound, excess)
		if excess < -5*r.Work.StandardError() {
			t.Errorf("τ = %g: ⟨W⟩ = %.4f ± %.4f below the Landauer bound %.4f", tau, r.Work.Value, r.Work.StandardError(), r.LandauerBound)
		}
		if excess > prev {
			t.Errorf("τ = %g: excess %.4f did not shrink (was %.4f)", tau, excess, prev)
		}
		prev = excess
		if tau == 160 && excess > 0.3 {
			t.Errorf("τ = 160: excess %.4f kT, want < 0.3 kT (quasi-static limit)", excess)
		}
	}
}

// The detailed Jarzynski equality ⟨e^{−W} 1[x_τ ∈ target]⟩ = Z_target/Z
// (PHYSICS.md §3) for a fast erasure of a 3 kT bit, where failures are
// common enough to sample. Tolerance 5 SE of the estimator.
func TestDetailedJarzynski(t *testing.T) {
	pot := wells.Jun{Barrier: 3, Tilt: 1}
	proto, err := NewProtocol("four-stage", pot, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := runStudy(t, &Study{Potential: pot, Protocol: proto, Dynamics: overdamped(1e-3),
		Target: 1, Trajectories: 40000, Seed: 41})
	if r.DetailedExact == nil {
		t.Fatal("no exact detailed value")
	}
	if d := math.Abs(r.JarzynskiDetailed.Value - *r.DetailedExact); d > 5*r.JarzynskiDetailed.StandardError() {
		t.Errorf("⟨e^−W 1[target]⟩ = %.4f ± %.4f, exact Z_target/Z = %.4f", r.JarzynskiDetailed.Value, r.JarzynskiDetailed.StandardError(), *r.DetailedExact)
	}
	if math.Abs(*r.FreeEnergyChange) > 1e-8 {
		t.Errorf("cyclic protocol: ΔF = %g, want 0", *r.FreeEnergyChange)
	}
}

// The study's numbers do not depend on the worker count.
func TestStudyWorkerIndependence(t *testing.T) {
	pot := wells.Jun{Barrier: 4, Tilt: 1}
	proto, err := NewProtocol("four-stage", pot, 1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var first *Result
	for _, w := range []int{1, 2, 7} {
		r := runStudy(t, &Study{Potential: pot, Protocol: proto, Dynamics: overdamped(1e-3),
			Target: 1, Trajectories: 3000, BlockSize: 100, Seed: 5, Workers: w})
		r.Seconds = 0
		if first == nil {
			first = r
			continue
		}
		if !reflect.DeepEqual(r, first) {
			t.Errorf("workers = %d: %+v\ndiffers from workers = 1: %+v", w, r, first)
		}
	}
}
