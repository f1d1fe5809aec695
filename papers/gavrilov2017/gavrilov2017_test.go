package gavrilov2017

import (
	"context"
	"math"
	"sync"
	"testing"
)

// The quick sweep (MC at τ = 4, 64 τ0 with 2400 trajectories, dt = 10⁻³;
// Fokker–Planck also at 256 τ0), run once for all tests (≈ 10 s on 2 cores).
var (
	once  sync.Once
	quick []Case
	qerr  error
)

func sweep(t *testing.T) []Case {
	t.Helper()
	once.Do(func() { quick, qerr = Run(context.Background(), Setup{Quick: true, Seed: 1}) })
	if qerr != nil {
		t.Fatal(qerr)
	}
	return quick
}

// k is the tolerance in standard errors.
const k = 5

// TestBoundsAtZeroError: the ε = 0 bound is the Shannon entropy kT H(p0)
// for the local-equilibrium bit in the symmetric well, and −kT ln p_L,eq
// for the equilibrium bit (the stretch η = 1/p0 − 1 makes the occupations
// (1 − p0, p0) the Boltzmann ones); both below kT ln 2 for p0 ≠ ½.
func TestBoundsAtZeroError(t *testing.T) {
	if got, want := SymmetricStorage.Bound(0), Entropy(P0); math.Abs(got-want) > 1e-12 {
		t.Errorf("symmetric storage: bound %v, want H(p0) = %v", got, want)
	}
	if got, want := EquilibriumStorage.Bound(0), -math.Log(1-P0); math.Abs(got-want) > 1e-12 {
		t.Errorf("equilibrium storage: bound %v, want −ln(1 − p0) = %v", got, want)
	}
	if EquilibriumStorage.InitialKL() != 0 {
		t.Errorf("equilibrium storage starts out of equilibrium: D_KL = %v", EquilibriumStorage.InitialKL())
	}
	if !(Entropy(P0) < math.Ln2-0.1) {
		t.Errorf("H(p0) = %v not below ln 2", Entropy(P0))
	}
}

// TestSecondLaw: every run's ⟨W⟩ lies above its own bound, the Monte Carlo
// ones (coarse-grained, from their ε) within k standard errors, the
// Fokker–Planck ones (exact D_KL of the final density) within k times the
// solver's discretisation error; and Monte Carlo agrees with Fokker–Planck.
func TestSecondLaw(t *testing.T) {
	for _, c := range sweep(t) {
		for i, p := range c.MonteCarlo {
			if p.Work < p.Bound-k*p.WorkSE {
				t.Errorf("%s, τ = %g: Monte Carlo ⟨W⟩ = %.4f ± %.4f below the bound %.4f", c.Name(), p.Tau, p.Work, p.WorkSE, p.Bound)
			}
			f := c.FokkerPlanck[i]
			if se := math.Hypot(p.WorkSE, f.WorkSE); math.Abs(p.Work-f.Work) > k*se {
				t.Errorf("%s, τ = %g: Monte Carlo %.4f ± %.4f vs Fokker–Planck %.4f", c.Name(), p.Tau, p.Work, p.WorkSE, f.Work)
			}
		}
		for _, f := range c.FokkerPlanck {
			if f.Work < f.BoundExact-k*f.WorkSE {
				t.Errorf("%s, τ = %g: Fokker–Planck ⟨W⟩ = %.5f below ΔF_neq = %.5f", c.Name(), f.Tau, f.Work, f.BoundExact)
			}
		}
	}
}

// TestBelowLandauer: the time-asymmetric protocol erases the unequal
// occupations for less than kT ln 2 — Monte Carlo at 64 τ0 for the
// equilibrium storage (by more than 4 SE), Fokker–Planck at 256 τ0 for
// both — and its excess over ΔF_neq falls nearly as 1/τ (by more than 3×
// from 64 to 256 τ0); the time-symmetric protocol stays above kT ln 2 by
// more than 1 kT there: the two reach measurably different works.
func TestBelowLandauer(t *testing.T) {
	for _, c := range sweep(t) {
		n := len(c.FokkerPlanck)
		slow, mid := c.FokkerPlanck[n-1], c.FokkerPlanck[n-2]
		if c.Symmetric {
			if !(slow.Work > math.Ln2+1) {
				t.Errorf("%s, τ = %g: ⟨W⟩ = %.4f, expected > ln 2 + 1", c.Name(), slow.Tau, slow.Work)
			}
			continue
		}
		if !(slow.Work < math.Ln2) {
			t.Errorf("%s, τ = %g: Fokker–Planck ⟨W⟩ = %.4f not below ln 2", c.Name(), slow.Tau, slow.Work)
		}
		if r := (mid.Work - mid.BoundExact) / (slow.Work - slow.BoundExact); !(r > 3) {
			t.Errorf("%s: excess over ΔF_neq fell only %.2f× from τ = %g to %g", c.Name(), r, mid.Tau, slow.Tau)
		}
		if c.Storage == EquilibriumStorage {
			p := c.MonteCarlo[len(c.MonteCarlo)-1]
			if !(p.Work < math.Ln2-4*p.WorkSE) {
				t.Errorf("%s, τ = %g: Monte Carlo ⟨W⟩ = %.4f ± %.4f not 4 SE below ln 2", c.Name(), p.Tau, p.Work, p.WorkSE)
			}
		}
	}
}

// TestFigure draws the sweep.
func TestFigure(t *testing.T) {
	if _, err := Figure(sweep(t)); err != nil {
		t.Fatal(err)
	}
}

// The paper's protocol 2 setting (E_b = 10 kT, τ = 2 τ0) with our two
// protocols: every Monte Carlo ⟨W⟩ within k SE of Fokker–Planck and above
// its bound; the Fokker–Planck ⟨W⟩ above the exact ΔF_neq; at this short
// cycle the time-asymmetric protocol is well above the bound (the paper's
// protocol-2 works were not found: README).
func TestProtocol2(t *testing.T) {
	cs, err := RunProtocol2(context.Background(), Setup{Quick: true, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 {
		t.Fatalf("%d cases", len(cs))
	}
	for _, c := range cs {
		m, f := c.MonteCarlo[0], c.FokkerPlanck[0]
		t.Logf("%s: Monte Carlo ⟨W⟩ = %.4f ± %.4f kT, ε = %.3g; Fokker–Planck %.4f ± %.4f kT, ε = %.3g, ΔF_neq = %.4f kT",
			c.Name(), m.Work, m.WorkSE, m.Error, f.Work, f.WorkSE, f.Error, f.BoundExact)
		if se := math.Hypot(m.WorkSE, f.WorkSE); math.Abs(m.Work-f.Work) > k*se {
			t.Errorf("%s: Monte Carlo %.4f ± %.4f vs Fokker–Planck %.4f", c.Name(), m.Work, m.WorkSE, f.Work)
		}
		if m.Work < m.Bound-k*m.WorkSE || f.Work < f.BoundExact-k*f.WorkSE {
			t.Errorf("%s: ⟨W⟩ below the bound (MC %.4f vs %.4f, FP %.4f vs %.4f)", c.Name(), m.Work, m.Bound, f.Work, f.BoundExact)
		}
	}
}
