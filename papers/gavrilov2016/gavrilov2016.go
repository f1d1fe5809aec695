// Package gavrilov2016 reproduces the central claim of Gavrilov &
// Bechhoefer, "Erasure without work in an asymmetric double-well
// potential", PRL 117, 200601 (2016): when the two wells of a bit have
// unequal widths, the equilibrated bit has probability p0_eq > ½ in the wide
// well (macrostate 0), and erasing it into that well costs on average at
// least −kT ln p0_eq, less than kT ln 2. Slow erasures approach this bound
// from above.
//
// The bit is the engine's asymmetric well (wells.Asymmetric), erased into
// its wide (right) well by the four-stage protocol. p0_eq is computed
// exactly from the partition functions (wells.LogPartition); ⟨W⟩ is sampled
// by Monte Carlo over a range of τ, fitted by W∞ + B/τ, and checked against
// the Fokker–Planck solution.
package gavrilov2016

import (
	"context"
	_ "embed"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// Config is the embedded study (TOML) at τ = 160; the sweep runs it at
// every τ of Durations.
//
//go:embed gavrilov2016.toml
var Config string

// FitMin is the shortest τ of the fit ⟨W⟩ = W∞ + B/τ (README.md).
const FitMin = 20.0

// QuickDt is the time step of the quick sweep (and the test), four times
// the config's 5 × 10⁻⁴: the asymmetric well costs ≈ 50 ns per
// particle-step. It lowers ⟨W⟩ by 0.013 ± 0.003 kT (τ = 80, 4 × 10⁴
// trajectories, against Fokker–Planck; none measurable at 5 × 10⁻⁴), less
// than the quick sweep's standard errors (README.md).
const QuickDt = 2e-3

// Durations returns the protocol durations τ (t0 = x_m²/D, x_m = 1 the
// position of the narrow well) of the sweep.
func Durations(quick bool) []float64 {
	if quick {
		return []float64{20, 40, 80, 160}
	}
	return []float64{10, 20, 40, 80, 160}
}

// Trajectories is the default ensemble per τ.
func Trajectories(quick bool) int {
	if quick {
		return 1000
	}
	return 5000
}

// Study returns the erasure of duration tau.
func Study(tau float64) (*erasure.Study, error) {
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		return nil, err
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, err
	}
	if s.Protocol, err = erasure.NewProtocol(erasure.KindFourStage, s.Potential, tau, nil, nil); err != nil {
		return nil, fmt.Errorf("gavrilov2016: %v", err)
	}
	return s, nil
}

// P0 returns p0_eq, the equilibrium probability of the target side of the
// study's divide at λ(0) (the wide well), from the partition functions:
// p0_eq = Z_target/Z.
func P0(s *erasure.Study) (float64, error) {
	kT, c := s.Dynamics.Temperature, s.Protocol.At(0)
	inf := math.Inf(1)
	z, err := wells.LogPartition(s.Potential, c, kT, -inf, inf)
	if err != nil {
		return 0, err
	}
	lo, hi := s.Divide, inf
	if s.Target < 0 {
		lo, hi = -inf, s.Divide
	}
	zt, err := wells.LogPartition(s.Potential, c, kT, lo, hi)
	if err != nil {
		return 0, err
	}
	return math.Exp(zt - z), nil
}

// Bound is the least mean work of erasing into macrostate 0 (kT):
// −ln p0_eq.
func Bound(p0 float64) float64 { return -math.Log(p0) }

// Setup says how to run the sweep.
type Setup struct {
	Quick        bool      // QuickDt, Durations(true), Trajectories(true)
	Durations    []float64 // nil: Durations(Quick)
	Trajectories int       // per τ; 0: Trajectories(Quick)
	Seed         uint64    // point i runs with erasure.PointSeed(Seed, i)
	Workers      int       // 0: all cores
	Progress     func(msg string)
}

// Outcome is the sweep's result.
type Outcome struct {
	P0           float64          // p0_eq of the wide well
	Bound        float64          // −ln p0_eq (kT)
	MonteCarlo   []erasure.Result // one per τ, in order
	FokkerPlanck []erasure.Result
	// ⟨W⟩ = W∞ + B/τ (B in kT·t0) over τ ≥ FitMin: Monte Carlo works
	// weighted by their standard errors, Fokker–Planck unweighted.
	Fit, FPFit stats.InverseFit
}

// Run runs the sweep.
func Run(ctx context.Context, su Setup) (*Outcome, error) {
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	n := su.Trajectories
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	out := &Outcome{}
	sw, err := repro.Sweep{
		Name: "gavrilov2016", Durations: taus, FitMin: FitMin,
		Trajectories: n, Seed: su.Seed, Workers: su.Workers,
		Study: func(i int, tau float64) (*erasure.Study, error) {
			s, err := Study(tau)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				if out.P0, err = P0(s); err != nil {
					return nil, fmt.Errorf("gavrilov2016: p0_eq: %v", err)
				}
				out.Bound = Bound(out.P0)
			}
			if su.Quick {
				s.Dynamics.Dt = QuickDt
			}
			return s, nil
		},
		Done: func(tau float64, mc, fp *erasure.Result) {
			if su.Progress != nil {
				su.Progress(fmt.Sprintf("gavrilov2016: τ = %g: ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f; bound −ln p0_eq = %.4f), ε = %.3g",
					tau, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, out.Bound, mc.ErrorRate.Value))
			}
		},
	}.Run(ctx)
	if err != nil {
		return nil, err
	}
	out.MonteCarlo, out.FokkerPlanck, out.Fit, out.FPFit = sw.MonteCarlo, sw.FokkerPlanck, sw.Fit, sw.FPFit
	return out, nil
}

// Figure draws ⟨W⟩ against τ: the Monte Carlo points with their fit, the
// Fokker–Planck curve, the −kT ln p0_eq bound and the kT ln 2 line.
func (o *Outcome) Figure() (*plots.Figure, error) {
	mc := plots.WorkVsDuration(o.MonteCarlo, "Monte Carlo")
	fp := plots.WorkVsDuration(o.FokkerPlanck, "Fokker–Planck")
	mc.Group, fp.Group = "gavrilov", "gavrilov"
	lo, hi := math.Inf(1), 0.0
	for _, r := range o.MonteCarlo {
		lo, hi = math.Min(lo, r.Duration), math.Max(hi, r.Duration)
	}
	bound := plots.Curve("−kT ln p₀,eq", func(float64) float64 { return o.Bound }, lo, hi, 2)
	bound.TeX = `$-kT\ln p_{0,\mathrm{eq}}$`
	return plots.WorkDurationFigure([]plots.Series{mc, fp, bound}, plots.SingleColumn(), plots.WorkDurationOptions{
		Fit:       true,
		FitMinTau: FitMin,
	})
}
