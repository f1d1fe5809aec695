package gavrilov2017

import (
	"math"

	"github.com/landauer-dev/landauer/plots"
)

// Figure draws ⟨W⟩ against τ (τ0) for the four cases: Monte Carlo points
// with error bars, Fokker–Planck curves, the two ε = 0 bounds kT H(p0)
// (symmetric storage) and −kT ln(1 − p0) (equilibrium storage), and the
// kT ln 2 line.
func Figure(cases []Case) (*plots.Figure, error) {
	var ss []plots.Series
	lo, hi := math.Inf(1), 0.0
	for _, c := range cases {
		g := c.Name()
		mc := plots.Series{Label: g + " (Monte Carlo)", Group: g, XUnit: "τ0", YUnit: "kT"}
		for _, p := range c.MonteCarlo {
			mc.Points = append(mc.Points, plots.Point{X: p.Tau, Y: p.Work, YLow: p.Work - p.WorkSE, YHigh: p.Work + p.WorkSE})
		}
		fp := plots.Series{Label: g + " (Fokker–Planck)", Group: g, Line: true, XUnit: "τ0", YUnit: "kT"}
		for _, p := range c.FokkerPlanck {
			fp.Points = append(fp.Points, plots.Point{X: p.Tau, Y: p.Work})
			lo, hi = math.Min(lo, p.Tau), math.Max(hi, p.Tau)
		}
		ss = append(ss, mc, fp)
	}
	h := plots.Curve("kT H(p₀), η = 1", func(float64) float64 { return Entropy(P0) }, lo, hi, 2)
	e := plots.Curve("−kT ln(1 − p₀), η = 3", func(float64) float64 { return -math.Log(1 - P0) }, lo, hi, 2)
	h.Dash, e.Dash, h.Bound, e.Bound = 2, 3, true, true
	h.XUnit, h.YUnit, e.XUnit, e.YUnit = "τ0", "kT", "τ0", "kT"
	ss = append(ss, h, e)
	return plots.WorkDurationFigure(ss, plots.SingleColumn(), plots.WorkDurationOptions{
		XLabel: `$\tau$ ($\tau_0$)`,
		LogY:   true,
	})
}
