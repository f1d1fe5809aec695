// Package proesmans2020 reproduces the finite-time, full-control bound on
// the work to erase a bit of Proesmans, Ehrich & Bechhoefer, "Finite-time
// Landauer principle", Phys. Rev. Lett. 125, 100602 (2020), and "Optimal
// finite-time bit erasure under full control", Phys. Rev. E 102, 032105
// (2020), and measures the four-stage protocol against it.
//
// # The bound
//
// Energies in kT, entropies in nats, lengths in x_m, time in
// t0 = x_m²/D (kT = D = γ = 1). For an overdamped bit whose potential can
// be shaped at will, started in the equilibrium density p_i and required to
// end, after a time τ, in a locally equilibrated state with error ε,
//
//	W_min = kT [ln 2 − H(ε)] + kT W₂²(p_i, p_f) / (D τ),
//
// where p_f = 2(1 − ε) p_i on the target side and 2ε p_i on the other
// (LocalEquilibrium) and W₂ is the L2-Wasserstein distance, which on the
// line is a distance between quantile functions:
//
//	W₂²(p, q) = ∫₀¹ (F_p⁻¹(u) − F_q⁻¹(u))² du          (W2Squared).
//
// p_i is the Boltzmann density of the jun bit at rest (U = 4E_b[x⁴/4 −
// x²/2], wells.Jun), computed by 3-point Gauss–Legendre quadrature on a
// fine grid (Boltzmann), symmetric about the divide at 0.
//
// # The protocol measured against it
//
// The four-stage protocol of Jun, Gavrilov & Bechhoefer, PRL 113, 190601
// (2014) (lower the barrier, tilt, raise the barrier, untilt; E_b ≈ 13 kT
// as in PHYSICS.md §5; tilt amplitude A = 1, the engine's default), solved
// by Fokker–Planck at each τ for ⟨W⟩ and ε: ⟨W⟩ must lie above W_min(ε, τ)
// at every τ, and the report gives the excess and the ratio of the
// protocol's dissipation ⟨W⟩ − [ln 2 − H(ε)] to the bound's W₂²/τ. A second,
// exact check holds for any protocol (Aurell, Mejía-Monasterio &
// Muratore-Ginanneschi, PRL 106, 250601 (2011)): the entropy production
// ⟨W⟩ − ΔF_neq is at least W₂²(p_0, p_τ)/(Dτ), with p_τ the protocol's
// actual final density.
package proesmans2020

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/wells"
)

// Name is the paper's key for `landauer paper`.
const Name = "proesmans2020"

// DefaultConfig is the embedded configuration (TOML) that DefaultOptions
// reads.
//
//go:embed config.toml
var DefaultConfig []byte

// Options are the parameters of the reproduction (TOML keys in brackets).
type Options struct {
	Barrier   float64   `toml:"barrier" json:"barrier"`     // E_b of the jun bit (kT)
	Tilt      float64   `toml:"tilt" json:"tilt"`           // A, the tilt amplitude of the four-stage protocol
	Durations []float64 `toml:"durations" json:"durations"` // τ values (t0)
	// Cells and Steps set the Fokker–Planck grid (cells, time steps per
	// protocol); QuadratureCells the grid of p_i for the bound.
	Cells           int `toml:"cells" json:"cells"`
	Steps           int `toml:"steps" json:"steps"`
	QuadratureCells int `toml:"quadrature_cells" json:"quadrature_cells"`
}

// QuickOptions is DefaultOptions at τ = 1, 10, 100 and 1000 only.
func QuickOptions() Options {
	o := DefaultOptions()
	o.Durations = []float64{1, 10, 100, 1000}
	return o
}

// DefaultOptions returns the options of the embedded config.toml.
func DefaultOptions() Options {
	o, err := ParseOptions(DefaultConfig)
	if err != nil {
		panic("proesmans2020: embedded config: " + err.Error())
	}
	return o
}

// ParseOptions decodes a TOML configuration with the keys of config.toml;
// a key left out is zero, which Validate rejects, and unknown keys are
// errors.
func ParseOptions(data []byte) (Options, error) {
	var o Options
	if err := erasure.DecodeTOML(data, &o, nil); err != nil {
		return Options{}, fmt.Errorf("%s config: %v", Name, err)
	}
	return o, o.Validate()
}

// Validate reports the first bad option.
func (o Options) Validate() error {
	pos := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	switch {
	case !pos(o.Barrier):
		return fmt.Errorf("%s: barrier must be finite and > 0, got %v", Name, o.Barrier)
	case !pos(o.Tilt):
		return fmt.Errorf("%s: tilt must be finite and > 0, got %v", Name, o.Tilt)
	case len(o.Durations) == 0:
		return fmt.Errorf("%s: no durations", Name)
	case o.Cells < 10 || o.Steps < 4:
		return fmt.Errorf("%s: need cells ≥ 10 and steps ≥ 4, got %d and %d", Name, o.Cells, o.Steps)
	case o.QuadratureCells < 100:
		return fmt.Errorf("%s: need quadrature_cells ≥ 100, got %d", Name, o.QuadratureCells)
	}
	for _, t := range o.Durations {
		if !pos(t) {
			return fmt.Errorf("%s: durations must be finite and > 0, got %v", Name, t)
		}
	}
	return nil
}

// Row is the result at one duration. Energies in kT, τ in t0.
type Row struct {
	Tau      float64 `json:"tau"`
	Work     float64 `json:"work_mean"` // ⟨W⟩ of the four-stage protocol (Fokker–Planck)
	WorkErr  float64 `json:"work_err"`  // its discretisation error estimate
	Error    float64 `json:"error_rate"`
	Landauer float64 `json:"landauer_bound"` // ln 2 − H(ε)
	// W2Squared is W₂²(p_i, p_f) with p_f the local-equilibrium final
	// density at the measured ε (x_m²).
	W2Squared float64 `json:"w2_squared"`
	Bound     float64 `json:"bound"`  // ln 2 − H(ε) + W₂²/τ
	Excess    float64 `json:"excess"` // ⟨W⟩ − Bound
	// DissipationRatio is (⟨W⟩ − [ln 2 − H(ε)]) / (W₂²/τ): how many times
	// the least finite-time cost the protocol pays.
	DissipationRatio float64 `json:"dissipation_ratio"`
	// EntropyProduction is ⟨W⟩ − ΔF_neq (Fokker–Planck), and
	// W2SquaredActual is W₂²(p_0, p_τ) between the initial and the
	// protocol's actual final density on the Fokker–Planck grid; the first
	// is at least the second over τ for any protocol.
	EntropyProduction float64 `json:"entropy_production"`
	W2SquaredActual   float64 `json:"w2_squared_actual"`
}

// Check is one comparison of the reproduction with the paper or with
// exact numbers.
type Check struct {
	Name   string `json:"name"`
	Pass   bool   `json:"pass"`
	Detail string `json:"detail"`
}

// Report is the outcome of Run.
type Report struct {
	Paper   string  `json:"paper"`
	Options Options `json:"options"`
	// W2SquaredZero is W₂²(p_i, p_f) for ε → 0 (x_m²): the bound is then
	// ln 2 + W2SquaredZero/τ.
	W2SquaredZero float64 `json:"w2_squared_zero"`
	Rows          []Row   `json:"rows"`
	Checks        []Check `json:"checks"`
}

// Failed returns the checks that did not pass.
func (r *Report) Failed() []Check {
	var f []Check
	for _, c := range r.Checks {
		if !c.Pass {
			f = append(f, c)
		}
	}
	return f
}

// Run computes the bound and the four-stage protocol's work at each
// duration and checks them against each other.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	pot := wells.Jun{Barrier: opt.Barrier, Tilt: opt.Tilt}
	pi, err := restDensity(pot, opt.QuadratureCells)
	if err != nil {
		return nil, err
	}
	rep := &Report{Paper: Name, Options: opt}
	if rep.W2SquaredZero, err = w2Final(pi, 0); err != nil {
		return nil, err
	}
	for _, tau := range opt.Durations {
		proto, err := erasure.NewProtocol(erasure.KindFourStage, pot, tau, nil, nil)
		if err != nil {
			return nil, err
		}
		sol, est, err := fokkerplanck.SolveWithError(ctx, fokkerplanck.Problem{
			Potential: pot, Schedule: proto, Cells: opt.Cells, Dt: tau / float64(opt.Steps),
		})
		if err != nil {
			return nil, err
		}
		eps := sol.Left
		w2, err := w2Final(pi, eps)
		if err != nil {
			return nil, err
		}
		edges := Grid(sol.Lo, sol.Hi, sol.Cells)
		w2a, err := W2Squared(Density{edges, sol.P0}, Density{edges, sol.P})
		if err != nil {
			return nil, err
		}
		land := erasure.LandauerBound(eps)
		rep.Rows = append(rep.Rows, Row{
			Tau: tau, Work: sol.Work, WorkErr: est.Work, Error: eps,
			Landauer: land, W2Squared: w2, Bound: land + w2/tau,
			Excess: sol.Work - land - w2/tau, DissipationRatio: (sol.Work - land) / (w2 / tau),
			EntropyProduction: sol.EntropyProduction, W2SquaredActual: w2a,
		})
	}
	rep.check()
	return rep, nil
}

// restDensity is the Boltzmann density of the jun bit at rest on a grid
// symmetric about 0 with an even number of cells (so 0 is an edge),
// reaching 60 kT above the minimum.
func restDensity(pot wells.Jun, n int) (Density, error) {
	lo, hi, err := wells.Span(pot, []wells.Control{pot.Rest()}, 1, 60)
	if err != nil {
		return Density{}, err
	}
	x := math.Max(-lo, hi)
	n += n % 2
	return Boltzmann(pot, pot.Rest(), 1, -x, x, n)
}

// w2Final is W₂²(p_i, p_f(ε)) for the erasure to the right well.
func w2Final(pi Density, eps float64) (float64, error) {
	pf, err := LocalEquilibrium(pi, 0, 1, eps)
	if err != nil {
		return 0, err
	}
	return W2Squared(pi, pf)
}

// check fills the report's checks.
func (r *Report) check() {
	above, exact := true, true
	var worstAbove, worstExact string
	minRatio := math.Inf(1)
	for _, row := range r.Rows {
		if row.Work+row.WorkErr < row.Bound {
			above = false
			worstAbove = fmt.Sprintf("τ = %g: ⟨W⟩ = %.5f < bound %.5f", row.Tau, row.Work, row.Bound)
		}
		// A 1e-3 relative allowance for the finite-volume grid.
		if row.EntropyProduction+row.WorkErr < row.W2SquaredActual/row.Tau*(1-1e-3) {
			exact = false
			worstExact = fmt.Sprintf("τ = %g: Σ = %.5f < W₂²/τ = %.5f", row.Tau, row.EntropyProduction, row.W2SquaredActual/row.Tau)
		}
		minRatio = math.Min(minRatio, row.DissipationRatio)
	}
	if worstAbove == "" {
		worstAbove = fmt.Sprintf("at all %d durations", len(r.Rows))
	}
	if worstExact == "" {
		worstExact = fmt.Sprintf("at all %d durations", len(r.Rows))
	}
	r.Checks = append(r.Checks,
		Check{"four-stage ⟨W⟩ ≥ ln 2 − H(ε) + W₂²/τ", above, worstAbove},
		Check{"entropy production ≥ W₂²(p_0, p_τ)/τ", exact, worstExact},
		Check{"four-stage dissipates more than the full-control minimum", minRatio > 1,
			fmt.Sprintf("smallest (⟨W⟩ − [ln 2 − H])/(W₂²/τ) = %.2f", minRatio)},
	)
}

// Figure draws ⟨W⟩ against τ for the four-stage protocol and the
// full-control bound at the same error, with kT ln 2 (log τ, log ⟨W⟩).
// Saving it writes the figure's data as CSV beside the image.
func (r *Report) Figure() (*plots.Figure, error) {
	if len(r.Rows) == 0 {
		return nil, errors.New(Name + ": no rows to plot")
	}
	four := plots.Series{Label: "four-stage protocol (Fokker–Planck)", Line: true}
	bound := plots.Series{Label: "full-control bound ln 2 − H(ε) + W₂²/τ",
		TeX: `full-control bound $\ln 2 - H(\varepsilon) + W_2^2/\tau$`, Line: true}
	for _, row := range r.Rows {
		four.Points = append(four.Points, plots.Point{X: row.Tau, Y: row.Work, YLow: row.Work - row.WorkErr, YHigh: row.Work + row.WorkErr})
		bound.Points = append(bound.Points, plots.Point{X: row.Tau, Y: row.Bound})
	}
	return plots.WorkDurationFigure([]plots.Series{four, bound}, plots.SingleColumn(), plots.WorkDurationOptions{LogY: true})
}
