package headline

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// Fit fits ⟨W⟩ = W∞ + B/τ (stats.FitInverse, weighted by the standard
// errors) to the four-stage Monte Carlo points with τ ≥ FitMinTau (FitData):
// W∞ in kT, B in kT·t0. It is nil, without error, when fewer than three
// points qualify.
func (r *Result) Fit() (*stats.InverseFit, error) {
	tau, w, sem := r.FitData()
	if len(tau) < 3 {
		return nil, nil
	}
	f, err := stats.FitInverse(tau, w, sem)
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// Figure draws the headline figure: ⟨W⟩ against τ for every protocol
// (Monte Carlo points with standard errors, Fokker–Planck curves), the
// kT ln 2 line, the time-symmetric bound at the target error, the fit
// W∞ + B/τ of the four-stage points (fit, when not nil), and the
// Fokker–Planck error rates against τ below, with the target error.
func (r *Result) Figure(fit *stats.InverseFit) (*plots.Figure, error) {
	d := r.Demo
	legend := map[string]string{
		FourStage:     "four-stage (time-asymmetric)",
		SymmetricTilt: "symmetric tilt (time-symmetric)",
		LiftOneWell:   "lift one well (time-symmetric)",
		// The floors.
		OptimalAsymmetric: "least work (time-asymmetric)",
		OptimalSymmetric:  "least work (time-symmetric)",
	}
	var work, errs []plots.Series
	for _, run := range r.Runs {
		mc, fp := deref(run.MC), deref(run.FP)
		if run.Protocol.Optimal {
			// Drawn at the erasure's τ: the results last τ + DemoSettle,
			// a hold at the storage controls that costs no work, after
			// which ε is measured.
			for i := range mc {
				mc[i].Duration = run.Taus[i]
			}
			for i := range fp {
				fp[i].Duration = run.Taus[i]
			}
		}
		label := legend[run.Protocol.Kind]
		if label == "" {
			label = run.Protocol.Kind
		}
		work = append(work, plots.WorkVsDuration(mc, label), plots.WorkVsDuration(fp, ""))
		errs = append(errs, plots.ErrorVsDuration(fp, ""))
	}
	// The fit is drawn here, not by the figure (plots fits every marker
	// series when asked, and the time-symmetric ones do not follow
	// W∞ + B/τ).
	if fit != nil {
		tau, _, _ := r.FitData()
		wInf, b := fit.Inf, fit.B
		c := plots.Curve("", func(t float64) float64 { return wInf + b/t }, tau[0], tau[len(tau)-1], 60)
		c.Group = "fit"
		c.TeX = fmt.Sprintf(`fit $W_\infty + B/\tau$: $W_\infty = %.2f\,kT$`, wInf)
		c.Label = fmt.Sprintf("fit W_inf + B/tau to four-stage, W_inf = %.4g ± %.2g kT, B = %.4g ± %.2g kT t0", wInf, fit.InfSE, b, fit.BSE)
		work = append(work, c)
	}
	lo, hi := d.Durations[0], d.Durations[len(d.Durations)-1]
	land := erasure.LandauerBound(d.TargetError)
	work = append(work, plots.Series{
		Label:  fmt.Sprintf("Landauer bound ln 2 - H(eps) at eps = %.3g", d.TargetError),
		TeX:    fmt.Sprintf(`Landauer $\ln 2 - H(\varepsilon)$, $\varepsilon = %s$`, texPow10(d.TargetError)),
		Group:  "bound",
		Line:   true,
		Bound:  true,
		Dash:   2,
		Points: []plots.Point{{X: lo, Y: land}, {X: hi, Y: land}},
	})
	if fc := d.FullControlBound; fc != nil {
		c := plots.Curve(fmt.Sprintf("full-control bound ln 2 - H(eps) + W2^2/(D tau) at eps = %.3g", d.TargetError),
			func(tau float64) float64 { return fc(d.TargetError, tau) }, lo, hi, 60)
		c.TeX = `full control $\ln 2 - H(\varepsilon) + W_2^2/D\tau$`
		c.Group, c.Bound, c.Dash = "bound", true, 3
		work = append(work, c)
	}
	sym := erasure.SymmetricBound(d.TargetError)
	work = append(work, plots.Series{
		Label:  fmt.Sprintf("time-symmetric bound at eps = %.3g", d.TargetError),
		TeX:    fmt.Sprintf(`time-symmetric bound, $\varepsilon = %s$`, texPow10(d.TargetError)),
		Group:  "bound",
		Line:   true,
		Bound:  true,
		Dash:   1,
		Points: []plots.Point{{X: lo, Y: sym}, {X: hi, Y: sym}},
	})
	return plots.WorkDurationFigure(work, Style(), plots.WorkDurationOptions{
		LogY:        true,
		NoLn2:       true, // drawn as Landauer's bound ln 2 − H(ε) instead
		Errors:      errs,
		TargetError: d.TargetError,
		Legend:      plots.LegendBottomLeft,
		// Room below the curves for the legend, and above the target error
		// for its label.
		Y:      plots.Range{Min: 0.002, Max: math.NaN()},
		ErrorY: plots.Range{Min: math.NaN(), Max: 100 * d.TargetError},
		XLabel: `duration $\tau/t_0$ (points: Monte Carlo, $\pm$ 1 s.e.; curves: Fokker–Planck)`,
	})
}

// FullControlBound returns the finite-time full-control bound
// ln 2 − H(ε) + W₂²/(Dτ) (kT; τ in t0, D = 1) of the demo's bit
// (proesmans2020.FullControlBound), for Demo.FullControlBound.
func FullControlBound(d *Demo) (func(eps, tau float64) float64, error) {
	pot := wells.Jun{Barrier: d.Barrier, Tilt: d.Tilt}
	return proesmans2020.FullControlBound(pot, pot.Rest(), 1, 1, 0, 1)
}

// Style is the headline figure's style: a page wide, at a resolution
// that keeps the PNG small enough for a README.
func Style() plots.Style {
	s := plots.DoubleColumn()
	s.DPI = 200
	return s
}

// texPow10 writes a power of ten as 10^{n} and anything else with %g.
func texPow10(v float64) string {
	if m, e, ok := strings.Cut(strconv.FormatFloat(v, 'e', -1, 64), "e"); ok && m == "1" {
		n, _ := strconv.Atoi(e)
		return fmt.Sprintf("10^{%d}", n)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func deref(rs []*erasure.Result) []erasure.Result {
	out := make([]erasure.Result, len(rs))
	for i, r := range rs {
		out[i] = *r
	}
	return out
}
