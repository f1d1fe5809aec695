// Package berut2012 reproduces Bérut, Arakelyan, Petrosyan, Ciliberto,
// Dillenschneider & Lutz, "Experimental verification of Landauer's principle
// linking information and thermodynamics", Nature 483, 187 (2012): a bit
// stored in a double well with an ~8 kT barrier is erased by lowering the
// barrier, tilting, raising the barrier and removing the tilt. The mean
// dissipated heat approaches kT ln 2 as ⟨Q⟩(τ) = Q∞ + B/τ at long τ, and the
// success rate (the fraction ending in the target well) rises with τ.
//
// The reproduction samples ⟨Q⟩ and the success rate by Monte Carlo over a
// range of τ, fits Q∞ and B (plots.FitInverse), and solves the same
// erasures by Fokker–Planck as the exact reference.
package berut2012

import (
	"context"
	_ "embed"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/wells"
)

// Config is the embedded study (TOML) at τ = 160; the sweep runs it at every
// τ of Durations.
//
//go:embed berut2012.toml
var Config string

// Barriers: E_b = 8 kT at rest, lowered to LowBarrier = 2.2 kT (README.md).
const (
	Barrier    = 8.0
	LowBarrier = 2.2
)

// GLow is the barrier control at the lowest barrier: the barrier of the
// jun well is E_b g², so g = √(2.2/8).
var GLow = math.Sqrt(LowBarrier / Barrier)

// FitMin is the shortest τ of the fit ⟨Q⟩ = Q∞ + B/τ: below it the
// thermally activated crossing of the lowered barrier adds a slower,
// ln τ/τ-like approach. SuccessMax is the longest τ of the range where the
// success rate is limited by the time the particle needs to cross the
// lowered barrier; at longer τ the retention of the 8 kT barrier (Kramers
// time ≈ 400 t0) takes over and the success falls again (README.md).
const (
	FitMin     = 20.0
	SuccessMax = 10.0
)

// QuickDt is the time step of the quick sweep (and the test): twice the
// config's 2.5 × 10⁻⁴. The Euler–Maruyama stationary state of the 8 kT
// wells has ⟨U⟩ above Boltzmann by about k dt/4, which lowers ⟨Q⟩ = ⟨W⟩ − ⟨ΔU⟩
// by ≈ 0.01 kT at QuickDt and half that at the config's step (README.md).
const QuickDt = 5e-4

// Durations returns the protocol durations τ (t0 = x_m²/D) of the sweep.
func Durations(quick bool) []float64 {
	if quick {
		return []float64{2.5, 5, 10, 20, 40, 80, 160}
	}
	return []float64{1.25, 2.5, 5, 10, 20, 40, 80, 160}
}

// Trajectories is the default ensemble per τ.
func Trajectories(quick bool) int {
	if quick {
		return 2000
	}
	return 20000
}

// Keyframes returns the protocol over duration tau: four equal stages, the
// barrier g 1 → GLow, the tilt f 0 → 1, g GLow → 1, f 1 → 0.
func Keyframes(tau float64) map[string][][2]float64 { return keyframes(tau, GLow) }

func keyframes(tau, gLow float64) map[string][][2]float64 {
	q := tau / 4
	return map[string][][2]float64{
		"g": {{0, 1}, {q, gLow}, {2 * q, gLow}, {3 * q, 1}},
		"f": {{q, 0}, {2 * q, 1}, {3 * q, 1}, {tau, 0}},
	}
}

// Study returns the erasure of duration tau.
func Study(tau float64) (*erasure.Study, error) {
	return StudyVariant(tau, LowBarrier, 0)
}

// MinTilt is the tilt amplitude at which, with the barrier lowered to
// lowBarrier (kT), the wrong well just disappears at full tilt: the force
// 4E_b(g x − x³ + A) of the jun well stays positive for x < 0 when
// A > 2 g^{3/2}/(3√3), g = √(lowBarrier/E_b). 0.146 for 2.2 kT.
func MinTilt(lowBarrier float64) float64 {
	g := math.Sqrt(lowBarrier / Barrier)
	return 2 * math.Pow(g, 1.5) / (3 * math.Sqrt(3))
}

// StudyVariant is Study with the barrier lowered to lowBarrier (kT, in
// (0, Barrier)) and tilt amplitude tilt (0: the config's 0.15): the
// protocol parameters that the paper's text fixes and that could not be
// read here (README.md), varied to show which results depend on them.
func StudyVariant(tau, lowBarrier, tilt float64) (*erasure.Study, error) {
	if !(lowBarrier > 0 && lowBarrier < Barrier) {
		return nil, fmt.Errorf("berut2012: lowered barrier must be in (0, %g) kT, got %v", Barrier, lowBarrier)
	}
	if tilt < 0 || math.IsNaN(tilt) || math.IsInf(tilt, 0) {
		return nil, fmt.Errorf("berut2012: tilt must be finite and ≥ 0, got %v", tilt)
	}
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		return nil, err
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, err
	}
	if tilt > 0 {
		j := s.Potential.(wells.Jun)
		j.Tilt = tilt
		s.Potential = j
	}
	if s.Protocol, err = erasure.NewProtocol(erasure.KindKeyframes, s.Potential, tau, nil, keyframes(tau, math.Sqrt(lowBarrier/Barrier))); err != nil {
		return nil, fmt.Errorf("berut2012: %v", err)
	}
	return s, nil
}

// Setup says how to run the sweep.
type Setup struct {
	Quick        bool      // QuickDt, Durations(true), Trajectories(true)
	Durations    []float64 // nil: Durations(Quick)
	Trajectories int       // per τ; 0: Trajectories(Quick)
	Seed         uint64    // point i runs with erasure.PointSeed(Seed, i)
	Workers      int       // 0: all cores
	Progress     func(msg string)
}

// Fit is a fit of ⟨Q⟩ = Q∞ + B/τ.
type Fit struct {
	QInf, QInfSE float64 // kT
	B, BSE       float64 // kT·t0
	N            int
}

// Outcome is the sweep's result.
type Outcome struct {
	MonteCarlo   []erasure.Result // one per τ, in order
	FokkerPlanck []erasure.Result
	Fit          Fit // Monte Carlo heats, τ ≥ FitMin
	FPFit        Fit // Fokker–Planck heats, τ ≥ FitMin
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
	var err error
	out.MonteCarlo, out.FokkerPlanck, err = erasure.RunBothAt(ctx, taus, func(i int, tau float64) (*erasure.Study, error) {
		s, err := Study(tau)
		if err != nil {
			return nil, err
		}
		s.Trajectories, s.Seed, s.Workers = n, erasure.PointSeed(su.Seed, i), su.Workers
		if su.Quick {
			s.Dynamics.Dt = QuickDt
		}
		return s, nil
	}, func(tau float64, mc, fp *erasure.Result) {
		if su.Progress != nil {
			su.Progress(fmt.Sprintf("berut2012: τ = %g: ⟨Q⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), success %.4f",
				tau, mc.HeatMean, mc.HeatSEM, fp.HeatMean, 1-mc.ErrorRate))
		}
	})
	if err != nil {
		return nil, err
	}
	if out.Fit, err = FitHeat(out.MonteCarlo, FitMin); err != nil {
		return nil, err
	}
	if out.FPFit, err = FitHeat(out.FokkerPlanck, FitMin); err != nil {
		return nil, err
	}
	return out, nil
}

// FitHeat fits ⟨Q⟩ = Q∞ + B/τ to the results with τ ≥ minTau, weighted by
// heat_sem (unweighted for exact Fokker–Planck values).
func FitHeat(rs []erasure.Result, minTau float64) (Fit, error) {
	f, err := plots.FitResults(rs, minTau, func(r *erasure.Result) (float64, float64) { return r.HeatMean, r.HeatSEM })
	if err != nil {
		return Fit{}, fmt.Errorf("berut2012: %v", err)
	}
	return Fit{QInf: f.WInf, QInfSE: f.WInfSE, B: f.B, BSE: f.BSE, N: f.N}, nil
}

// heatSeries is ⟨Q⟩ against τ, with ± heat_sem bars for Monte Carlo.
func heatSeries(rs []erasure.Result, label string, line bool) plots.Series {
	s := plots.Series{Label: label, Group: "berut", Line: line}
	for _, r := range rs {
		p := plots.Point{X: r.Duration, Y: r.HeatMean}
		if !line {
			p.YLow, p.YHigh = r.HeatMean-r.HeatSEM, r.HeatMean+r.HeatSEM
		}
		s.Points = append(s.Points, p)
	}
	return s
}

// Figure draws ⟨Q⟩ against τ (Monte Carlo points with the fit Q∞ + B/τ,
// the Fokker–Planck curve, the kT ln 2 line) above the error rate
// 1 − success.
func (o *Outcome) Figure() (*plots.Figure, error) {
	errs := []plots.Series{
		plots.ErrorVsDuration(o.MonteCarlo, "1 − success, Monte Carlo"),
		plots.ErrorVsDuration(o.FokkerPlanck, "1 − success, Fokker–Planck"),
	}
	for i := range errs {
		errs[i].Group = "berut"
	}
	return plots.WorkDurationFigure(
		[]plots.Series{heatSeries(o.MonteCarlo, "Monte Carlo", false), heatSeries(o.FokkerPlanck, "Fokker–Planck", true)},
		plots.SingleColumn(),
		plots.WorkDurationOptions{
			Fit:       true,
			FitMinTau: FitMin,
			YLabel:    `$\langle Q\rangle/kT$`,
			Errors:    errs,
		})
}
