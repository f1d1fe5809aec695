// Package jun2014 reproduces Jun, Gavrilov & Bechhoefer, "High-precision
// test of Landauer's principle in a feedback trap", PRL 113, 190601 (2014):
// a bit in the double well U = 4E_b[−g x²/2 + x⁴/4 − A f x] with E_b = 13 kT
// is erased by four equal stages (lower the barrier, tilt, raise the
// barrier, untilt) of total duration t_c, and the mean work follows
// ⟨W⟩ = W∞ + B/t_c with W∞ = kT ln 2.
//
// The reproduction samples ⟨W⟩ by Monte Carlo over a range of t_c, fits W∞
// and B (plots.FitInverse, weighted by the standard errors), and solves the
// same erasures by Fokker–Planck as the exact reference for B.
package jun2014

import (
	"context"
	_ "embed"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
)

// Config is the embedded study (TOML) at t_c = 80; the sweep runs it at
// every t_c of Durations.
//
//go:embed jun2014.toml
var Config string

// The paper's numbers.
const (
	// Barrier is E_b = 13 kT, the paper's barrier height.
	Barrier = 13.0
	// PaperWInf is the asymptotic work of full erasure reported in the
	// paper's Table I, 0.71 ± 0.03 kT (PaperWInfSE).
	PaperWInf   = 0.71
	PaperWInfSE = 0.03
)

// FitMin is the shortest t_c used in the fit of W∞ + B/t_c: from t_c = 10
// on, the Fokker–Planck (W − ln 2) t_c is within 3 % of its limit, and the
// curvature left biases the fitted W∞ by less than 0.01 kT (README.md).
const FitMin = 10.0

// Durations returns the cycle times t_c (t0 = x_m²/D) of the sweep.
func Durations(quick bool) []float64 {
	if quick {
		return []float64{10, 20, 40, 80}
	}
	return []float64{5, 10, 20, 40, 80, 160}
}

// Trajectories is the default ensemble per t_c.
func Trajectories(quick bool) int {
	if quick {
		return 4000
	}
	return 20000
}

// Setup says how to run the sweep.
type Setup struct {
	Quick        bool
	Durations    []float64 // nil: Durations(Quick)
	Trajectories int       // per t_c; 0: Trajectories(Quick)
	Seed         uint64    // point i runs with erasure.PointSeed(Seed, i)
	Workers      int       // 0: all cores
	// Progress, when not nil, is told about each point as it finishes.
	Progress func(msg string)
}

// Fit is a fit of ⟨W⟩ = W∞ + B/t_c.
type Fit struct {
	WInf, WInfSE float64 // kT
	B, BSE       float64 // kT·t0
	ChiSquareDOF float64 // NaN for an unweighted fit
	N            int
}

// Outcome is the sweep's result.
type Outcome struct {
	MonteCarlo   []erasure.Result // one per t_c, in order
	FokkerPlanck []erasure.Result // the same erasures solved for the density
	Fit          Fit              // of the Monte Carlo works, t_c ≥ FitMin
	FPFit        Fit              // of the Fokker–Planck works, t_c ≥ FitMin
}

// Study returns the paper's erasure at cycle time tc.
func Study(tc float64) (*erasure.Study, error) {
	cfg, err := erasure.ParseConfig([]byte(Config))
	if err != nil {
		return nil, err
	}
	s, err := cfg.Study()
	if err != nil {
		return nil, err
	}
	if s.Protocol, err = erasure.NewProtocol(erasure.KindFourStage, s.Potential, tc, nil, nil); err != nil {
		return nil, fmt.Errorf("jun2014: %v", err)
	}
	return s, nil
}

// Run runs the sweep: Monte Carlo and Fokker–Planck at each t_c, and the
// fits.
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
	out.MonteCarlo, out.FokkerPlanck, err = erasure.RunBothAt(ctx, taus, func(i int, tc float64) (*erasure.Study, error) {
		s, err := Study(tc)
		if err != nil {
			return nil, err
		}
		s.Trajectories, s.Seed, s.Workers = n, erasure.PointSeed(su.Seed, i), su.Workers
		return s, nil
	}, func(tc float64, mc, fp *erasure.Result) {
		if su.Progress != nil {
			su.Progress(fmt.Sprintf("jun2014: t_c = %g: ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), ε = %.3g",
				tc, mc.WorkMean, mc.WorkSEM, fp.WorkMean, mc.ErrorRate))
		}
	})
	if err != nil {
		return nil, err
	}
	if out.Fit, err = FitWork(out.MonteCarlo, FitMin); err != nil {
		return nil, err
	}
	if out.FPFit, err = FitWork(out.FokkerPlanck, FitMin); err != nil {
		return nil, err
	}
	return out, nil
}

// FitWork fits ⟨W⟩ = W∞ + B/τ to the results with τ ≥ minTau, weighted by
// work_sem (Monte Carlo) or unweighted (Fokker–Planck, exact).
func FitWork(rs []erasure.Result, minTau float64) (Fit, error) {
	f, err := plots.FitResults(rs, minTau, func(r *erasure.Result) (float64, float64) { return r.WorkMean, r.WorkSEM })
	if err != nil {
		return Fit{}, fmt.Errorf("jun2014: %v", err)
	}
	return Fit{WInf: f.WInf, WInfSE: f.WInfSE, B: f.B, BSE: f.BSE, ChiSquareDOF: f.ChiSquareDOF, N: f.N}, nil
}

// MaxError is the largest error rate of the results.
func MaxError(rs []erasure.Result) float64 {
	m := 0.0
	for _, r := range rs {
		m = math.Max(m, r.ErrorRate)
	}
	return m
}

// Figure draws ⟨W⟩ against t_c: the Monte Carlo points with their fit
// W∞ + B/t_c, the Fokker–Planck curve and the kT ln 2 line.
func (o *Outcome) Figure() (*plots.Figure, error) {
	series := []plots.Series{
		plots.WorkVsDuration(o.MonteCarlo, "Monte Carlo"),
		plots.WorkVsDuration(o.FokkerPlanck, "Fokker–Planck"),
	}
	series[0].Group, series[1].Group = "jun", "jun"
	return plots.WorkDurationFigure(series, plots.SingleColumn(), plots.WorkDurationOptions{
		Fit:       true,
		FitMinTau: FitMin,
		XLabel:    `cycle time $t_c/t_0$`,
	})
}
