package proesmans2020

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/landauer-dev/landauer/wells"
)

// gaussian is N(μ, σ²) discretised on n cells over μ ± 12σ, each cell's
// mass from the distribution function.
func gaussian(mu, sigma float64, n int) Density {
	d := distuv.Normal{Mu: mu, Sigma: sigma}
	e := Grid(mu-12*sigma, mu+12*sigma, n)
	m := make([]float64, n)
	for i := range m {
		m[i] = d.CDF(e[i+1]) - d.CDF(e[i])
	}
	return Density{Edges: e, Mass: m}
}

// Two Gaussians: W₂² = (μ₁ − μ₂)² + (σ₁ − σ₂)². The cell densities differ
// from the Gaussians by O(h²) in W₂², h = 24σ/n: with 20000 cells the
// relative error is below 1e-5.
func TestW2Gaussians(t *testing.T) {
	for _, c := range []struct{ m1, s1, m2, s2 float64 }{
		{0, 1, 0, 1}, {0, 1, 3, 1}, {0, 1, 0, 2}, {-1, 0.1, 2, 0.7}, {5, 3, -4, 0.5},
	} {
		got, err := W2Squared(gaussian(c.m1, c.s1, 20000), gaussian(c.m2, c.s2, 17000))
		if err != nil {
			t.Fatal(err)
		}
		want := (c.m1-c.m2)*(c.m1-c.m2) + (c.s1-c.s2)*(c.s1-c.s2)
		if math.Abs(got-want) > 1e-5*math.Max(want, 1) {
			t.Errorf("N(%g, %g²) vs N(%g, %g²): W₂² = %.8f, want %.8f", c.m1, c.s1, c.m2, c.s2, got, want)
		}
	}
}

// Piecewise-uniform densities are represented exactly, so W₂² is exact to
// rounding. p_i uniform on [−2, −1] ∪ [1, 2]; its local-equilibrium final
// density at error ε puts 2ε p_i on the left and 2(1 − ε) p_i on the right.
// Quantiles: F_i⁻¹(u) = −2 + 2u (u < ½), 2u (u > ½); F_f⁻¹(u) = −2 + u/ε
// (u < ε), 1 + (u − ε)/(1 − ε) (u > ε). For ε = 0, W₂² = 23/6.
func TestW2PiecewiseUniformExact(t *testing.T) {
	e := []float64{-2, -1, 0, 1, 2}
	pi2 := Density{Edges: e, Mass: []float64{0.5, 0, 0, 0.5}}
	for _, eps := range []float64{0, 0.01, 0.2, 0.5} {
		pf, err := LocalEquilibrium(pi2, 0, 1, eps)
		if err != nil {
			t.Fatal(err)
		}
		got, err := W2Squared(pi2, pf)
		if err != nil {
			t.Fatal(err)
		}
		// On each piece between the breakpoints ε and ½ both quantiles are
		// linear: 3-point Gauss–Legendre (no end points) is exact there.
		qi := func(u float64) float64 {
			if u > 0.5 {
				return 2 * u
			}
			return -2 + 2*u
		}
		qf := func(u float64) float64 {
			if u < eps {
				return -2 + u/eps
			}
			return 1 + (u-eps)/(1-eps)
		}
		var want float64
		cuts := []float64{0, eps, 0.5, 1}
		for k := 0; k+1 < len(cuts); k++ {
			a, b := cuts[k], cuts[k+1]
			if b <= a {
				continue
			}
			want += gauss3().Integrate(func(x float64) float64 {
				d := qi(x) - qf(x)
				return d * d
			}, a, b)
		}
		if eps == 0 && math.Abs(want-23.0/6) > 1e-12 {
			t.Fatalf("reference integral %.15f, want 23/6", want)
		}
		if math.Abs(got-want) > 1e-8 {
			t.Errorf("ε = %g: W₂² = %.12f, want %.12f", eps, got, want)
		}
	}
}

// W₂ is a distance: zero between a density and itself, symmetric, a² for a
// translation by a, and the local-equilibrium final density at ε = ½ is the
// initial one.
func TestW2Properties(t *testing.T) {
	pot := wells.Jun{Barrier: 5, Tilt: 1}
	pi, err := Boltzmann(pot, pot.Rest(), 1, -2, 2, 4000)
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := W2Squared(pi, pi); w > 1e-14 {
		t.Errorf("W₂²(p, p) = %g", w)
	}
	half, _ := LocalEquilibrium(pi, 0, 1, 0.5)
	if w, _ := W2Squared(pi, half); w > 1e-14 {
		t.Errorf("W₂²(p_i, p_f(½)) = %g", w)
	}
	shifted := Density{Edges: make([]float64, len(pi.Edges)), Mass: pi.Mass}
	for i, e := range pi.Edges {
		shifted.Edges[i] = e + 0.7
	}
	if w, _ := W2Squared(pi, shifted); math.Abs(w-0.49) > 1e-12 {
		t.Errorf("translation by 0.7: W₂² = %.15f, want 0.49", w)
	}
	pf, _ := LocalEquilibrium(pi, 0, 1, 1e-3)
	a, _ := W2Squared(pi, pf)
	b, _ := W2Squared(pf, pi)
	if math.Abs(a-b) > 1e-12 {
		t.Errorf("not symmetric: %.15f vs %.15f", a, b)
	}
	if _, err := W2Squared(Density{Edges: []float64{0, 1}, Mass: []float64{0}}, pi); err == nil {
		t.Error("an empty density was accepted")
	}
	if _, err := LocalEquilibrium(pi, 0.0001, 1, 0.1); err == nil {
		t.Error("a divide off the grid's edges was accepted")
	}
}

// For a high barrier each well of the jun bit is nearly Gaussian with
// σ² = kT/U”(±1) = 1/(8E_b), and W₂²(p_i, p_f(0)) = 2 − 4σφ(0) + cσ² + …
// (the left half maps onto the right well: a shift by 2 less the spread,
// ∫₀^½ Φ⁻¹(u) du = −φ(0)). The O(σ²) term holds the anharmonic shift of
// the wells' means inward by 1.5σ² (−6σ²) and a positive shape term; the
// quadrature gives c = −5.28, −5.21, −5.18 at E_b = 100, 400, 10⁴. The
// test asks for c in [−6, 0] at E_b = 400 and 10⁴ and for the two to agree
// within 2 %, i.e. for the expansion to hold through O(σ).
func TestW2JunHighBarrier(t *testing.T) {
	var cs []float64
	for _, eb := range []float64{400, 10000} {
		pot := wells.Jun{Barrier: eb, Tilt: 1}
		pi, err := restDensity(pot, 40000)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w2Final(pi, 0)
		if err != nil {
			t.Fatal(err)
		}
		sigma := 1 / math.Sqrt(8*eb)
		c := (got - (2 - 4*sigma/math.Sqrt(2*math.Pi))) / (sigma * sigma)
		t.Logf("E_b = %g: W₂² = %.8f, 2 − 4σφ(0) = %.8f, c = %.4f", eb, got, 2-4*sigma/math.Sqrt(2*math.Pi), c)
		if c < -6 || c > 0 {
			t.Errorf("E_b = %g: O(σ²) coefficient %.3f outside [−6, 0]", eb, c)
		}
		cs = append(cs, c)
	}
	if math.Abs(cs[0]-cs[1]) > 0.02*math.Abs(cs[1]) {
		t.Errorf("O(σ²) coefficient not converged: %.4f, %.4f", cs[0], cs[1])
	}
}

// The reproduction: at every duration of the default configuration
// (E_b = 13, A = 1, τ = 1 … 1000) the four-stage protocol's ⟨W⟩ lies above
// the full-control bound at its own error; the exact inequality Σ ≥
// W₂²(p_0, p_τ)/τ holds; and the protocol dissipates 5–7.5 times the
// minimal finite-time cost (the PRL finds heuristic protocols dissipating
// up to an order of magnitude more than its bound). W₂²(p_i, p_f(0)) =
// 1.7877 x_m² for E_b = 13; W₂² changes with ε by less than 1e-3 here.
func TestReproduction(t *testing.T) {
	rep, err := Run(context.Background(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Checks {
		if !c.Pass {
			t.Errorf("check failed: %s: %s", c.Name, c.Detail)
		}
	}
	if math.Abs(rep.W2SquaredZero-1.7877) > 1e-3 {
		t.Errorf("W₂²(ε → 0) = %.5f, want 1.7877", rep.W2SquaredZero)
	}
	for _, r := range rep.Rows {
		t.Logf("τ = %6g: ⟨W⟩ = %.5f ± %.1g, ε = %.3g, bound = %.5f, excess = %.5f, ratio %.2f", r.Tau, r.Work, r.WorkErr, r.Error, r.Bound, r.Excess, r.DissipationRatio)
		if !(r.Work-r.WorkErr > r.Bound) {
			t.Errorf("τ = %g: ⟨W⟩ = %.5f is not above the bound %.5f", r.Tau, r.Work, r.Bound)
		}
		if r.DissipationRatio < 3 || r.DissipationRatio > 30 {
			t.Errorf("τ = %g: dissipation ratio %.2f outside [3, 30]", r.Tau, r.DissipationRatio)
		}
		if math.Abs(r.W2Squared-rep.W2SquaredZero) > 1e-3 {
			t.Errorf("τ = %g: W₂² = %.5f moved from its ε → 0 value", r.Tau, r.W2Squared)
		}
	}
	// The excess over the bound falls as 1/τ at long τ, like the bound's own
	// finite-time term: (⟨W⟩ − bound)·τ = 10.68 at τ = 100 and 10.99 at 500
	// (test: within 5 %; at 1000 it is 11.69, as hops back over the 13 kT
	// barrier start to raise ε).
	at := map[float64]Row{}
	for _, r := range rep.Rows {
		at[r.Tau] = r
	}
	if a, b := at[100].Excess*100, at[500].Excess*500; math.Abs(a-b) > 0.05*a {
		t.Errorf("excess·τ = %.3f at τ = 100 and %.3f at 500", a, b)
	}
}

// The figure has both curves and its CSV holds their numbers.
func TestFigure(t *testing.T) {
	opt := DefaultOptions()
	opt.Durations = []float64{2, 20, 200}
	rep, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := rep.Figure()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "proesmans2020.svg")
	if err := fig.Save(path); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(strings.TrimSuffix(path, ".svg") + ".csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"four-stage", "full-control bound", "kT ln 2"} {
		if !strings.Contains(string(csv), s) {
			t.Errorf("CSV lacks %q", s)
		}
	}
}

func TestOptions(t *testing.T) {
	if err := QuickOptions().Validate(); err != nil {
		t.Error(err)
	}
	o := DefaultOptions()
	if o.Barrier != 13 || len(o.Durations) == 0 {
		t.Errorf("default options %+v", o)
	}
	if _, err := ParseOptions(append([]byte("bogus = 1\n"), DefaultConfig...)); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := ParseOptions([]byte("barrier = 13.0\n")); err == nil {
		t.Error("a config without durations was accepted")
	}
}
