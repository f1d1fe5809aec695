package landauer1961

import (
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
)

// Figure draws ⟨W⟩ against ε: Landauer's reset (barrier kept, tilt 2Δ) for
// an unknown bit and for a bit that must switch, the four-stage protocol on
// the same element, the Monte Carlo resets at E_b = 6 kT, and the bounds
// kT[ln 2 − H(ε)], the time-symmetric ½(1−2ε)ln((1−ε)/ε) and kT ln(1/ε).
func (o *Outcome) Figure() (*plots.Figure, error) {
	var rnd, sw, fs plots.Series
	rnd = plots.Series{Label: "Landauer's reset, unknown bit", Line: true}
	sw = plots.Series{Label: "Landauer's reset, bit that switches (2Δ)", Line: true}
	for _, c := range o.Cost {
		rnd.Points = append(rnd.Points, plots.Point{X: c.Eps, Y: c.Work})
		sw.Points = append(sw.Points, plots.Point{X: c.SwitchEps, Y: c.Switch})
	}
	fs = plots.Series{Label: "four-stage, τ = 1000 t0", TeX: `four-stage, $\tau = 1000\,t_0$`, Line: true}
	for _, f := range o.FourStage {
		fs.Points = append(fs.Points, plots.Point{X: f.Eps, Y: f.Work})
	}
	series := []plots.Series{rnd, sw, fs}
	if len(o.MonteCarlo) > 0 {
		m := plots.WorkVsError(o.MonteCarlo, "Monte Carlo, E_b = 6 kT")
		m.TeX = `Monte Carlo, $E_b = 6\,kT$`
		series = append(series, m)
	}
	return plots.WorkErrorFigure(series, plots.SingleColumn(), plots.WorkErrorOptions{EpsMin: 1e-23})
}

// RateFigure draws the relaxation rate in units of 1/τ0 against Δ: the
// measured rates (Fokker–Planck at E_b = 50 kT, Monte Carlo at 6 kT),
// Landauer's cosh Δ and the next-order formula at E_b = 50 kT.
func (o *Outcome) RateFigure() (*plots.Figure, error) {
	var fp, mc plots.Series
	fp = plots.Series{Label: "measured, E_b = 50 kT (Fokker–Planck)", TeX: `measured, $E_b = 50\,kT$ (Fokker–Planck)`}
	mc = plots.Series{Label: "measured, E_b = 6 kT (Monte Carlo)", TeX: `measured, $E_b = 6\,kT$ (Monte Carlo)`}
	tau0 := map[float64]float64{}
	for _, r := range o.Rates {
		if r.Delta == 0 {
			tau0[r.Barrier] = 1 / r.Landauer
		}
	}
	dmax := 0.0
	for _, r := range o.Rates {
		t0 := tau0[r.Barrier]
		p := plots.Point{X: r.Delta, Y: r.Measured * t0, YLow: (r.Measured - r.MeasuredErr) * t0, YHigh: (r.Measured + r.MeasuredErr) * t0}
		switch {
		case r.Method == erasure.MonteCarlo:
			mc.Points = append(mc.Points, p)
		case r.Barrier == Barrier:
			fp.Points = append(fp.Points, p)
		}
		dmax = math.Max(dmax, r.Delta)
	}
	cosh := linearCurve("Landauer (1961) Eq. 5.4: cosh Δ", math.Cosh, dmax)
	corr := linearCurve("next order, E_b = 50 kT", func(d float64) float64 { return LandauerRateCorrected(1, d, Barrier) }, dmax)
	corr.TeX = `next order, $E_b = 50\,kT$`
	series := []plots.Series{cosh, corr, fp}
	if len(mc.Points) > 0 {
		series = append(series, mc)
	}
	return plots.SeriesFigure(series, plots.SingleColumn(), plots.SeriesOptions{
		XLabel: `half splitting $\Delta/kT$`, YLabel: `relaxation rate $\tau_0/\tau$`,
		XName: "delta", XUnit: "kT", YName: "rate_tau0", LogY: true,
	})
}

// linearCurve samples f at 200 evenly spaced points of [0, max].
func linearCurve(label string, f func(float64) float64, max float64) plots.Series {
	s := plots.Series{Label: label, Line: true}
	for i := range 201 {
		x := max * float64(i) / 200
		s.Points = append(s.Points, plots.Point{X: x, Y: f(x)})
	}
	return s
}
