package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
)

// FitInverse fits ⟨W⟩(τ) = W∞ + B/τ to the points (tau[i], w[i]) by
// weighted linear least squares in x = 1/τ, with weights 1/sem[i]², and
// returns W∞, B and their standard errors.
//
// With standard errors given (all sem[i] > 0), the standard errors of W∞
// and B are the square roots of the diagonal of (XᵀWX)⁻¹: the sems are
// taken as the true standard deviations, not rescaled by the fit's χ²
// (pass them as measured; a poor fit shows as χ²/dof ≫ 1, not as larger
// errors). When sem is nil or all zeros (exact data, e.g. Fokker–Planck
// values), the fit is unweighted and the standard errors come from the
// residual scatter, s² = RSS/(n − 2) (zero for exact data; n ≥ 3 needed for
// them, n ≥ 2 for the fit).
//
// It needs at least two distinct τ > 0, finite values, and sem either all
// positive and finite or all zero.
func FitInverse(tau, w, sem []float64) (wInf, b, wInfSE, bSE float64, err error) {
	n := len(tau)
	if len(w) != n || sem != nil && len(sem) != n {
		return 0, 0, 0, 0, fmt.Errorf("plots: FitInverse: %d durations, %d works and %d standard errors", n, len(w), len(sem))
	}
	if n < 2 {
		return 0, 0, 0, 0, errors.New("plots: FitInverse: need at least two points")
	}
	weighted := false
	for i := range n {
		if !(tau[i] > 0) || math.IsInf(tau[i], 0) || math.IsNaN(w[i]) || math.IsInf(w[i], 0) {
			return 0, 0, 0, 0, fmt.Errorf("plots: FitInverse: point %d: τ = %g, W = %g (need finite W and 0 < τ < ∞)", i, tau[i], w[i])
		}
		if sem != nil && sem[i] != 0 {
			weighted = true
		}
	}
	wt := make([]float64, n)
	for i := range n {
		wt[i] = 1
		if weighted {
			s := sem[i]
			if !(s > 0) || math.IsInf(s, 0) {
				return 0, 0, 0, 0, fmt.Errorf("plots: FitInverse: standard error %d is %g; give all positive or all zero", i, s)
			}
			wt[i] = 1 / (s * s)
		}
	}
	// Centre x = 1/τ on its weighted mean for a well-conditioned solve.
	var sw, swx, swy float64
	for i := range n {
		x := 1 / tau[i]
		sw += wt[i]
		swx += wt[i] * x
		swy += wt[i] * w[i]
	}
	xbar, ybar := swx/sw, swy/sw
	var sxx, sxy float64
	for i := range n {
		dx := 1/tau[i] - xbar
		sxx += wt[i] * dx * dx
		sxy += wt[i] * dx * (w[i] - ybar)
	}
	if !(sxx > 0) {
		return 0, 0, 0, 0, errors.New("plots: FitInverse: all durations are equal; B is undetermined")
	}
	b = sxy / sxx
	wInf = ybar - b*xbar
	varB := 1 / sxx
	varA := 1/sw + xbar*xbar*varB
	if !weighted {
		if n < 3 {
			return wInf, b, math.NaN(), math.NaN(), nil
		}
		var rss float64
		for i := range n {
			r := w[i] - wInf - b/tau[i]
			rss += r * r
		}
		s2 := rss / float64(n-2)
		varA *= s2
		varB *= s2
	}
	return wInf, b, math.Sqrt(varA), math.Sqrt(varB), nil
}

// FitResult is a fit of W∞ + B/τ to one series of a figure.
type FitResult struct {
	Series      string  // label of the fitted series
	WInf, B     float64 // kT, kT·t0
	WInfSE, BSE float64 // standard errors
	N           int     // points used
	TauMin      float64 // smallest τ (x) used
	TauMax      float64 // largest τ (x) used
	// The symbols (LaTeX subset) and units of x and y: \tau and W, t0
	// and kT for a work–duration fit.
	XSym, YSym   string
	XUnit, YUnit string
	ChiSquareDOF float64 // χ²/(N − 2) of a weighted fit (NaN when unweighted or N = 2)
}

func chiSquareDOF(tau, w, sem []float64, wInf, b float64) float64 {
	if len(tau) <= 2 || sem == nil {
		return math.NaN()
	}
	var c float64
	for i := range tau {
		if !(sem[i] > 0) {
			return math.NaN()
		}
		r := (w[i] - wInf - b/tau[i]) / sem[i]
		c += r * r
	}
	return c / float64(len(tau)-2)
}

// FitResults fits y = y∞ + B/τ (FitInverse) to the results with
// Duration ≥ minTau, taking y and its standard error from each result
// (e.g. work_mean and work_sem): weighted when the errors are > 0,
// unweighted when they are 0 (exact Fokker–Planck values). The fit is
// returned in FitResult's W∞ and B fields whatever y is.
func FitResults(rs []erasure.Result, minTau float64, y func(r *erasure.Result) (v, sem float64)) (FitResult, error) {
	var tau, v, sem []float64
	for i := range rs {
		if rs[i].Duration >= minTau {
			a, s := y(&rs[i])
			tau, v, sem = append(tau, rs[i].Duration), append(v, a), append(sem, s)
		}
	}
	yInf, b, yInfSE, bSE, err := FitInverse(tau, v, sem)
	if err != nil {
		return FitResult{}, err
	}
	return FitResult{WInf: yInf, B: b, WInfSE: yInfSE, BSE: bSE, N: len(tau), TauMin: slices.Min(tau), TauMax: slices.Max(tau),
		ChiSquareDOF: chiSquareDOF(tau, v, sem, yInf, b)}, nil
}

// Model writes the fitted model in Unicode, in the figure's symbols:
// "W∞ + B/τ", "Q∞ + B/τ".
func (f FitResult) Model() string {
	y, x := f.YSym, f.XSym
	if y == "" {
		y = "W"
	}
	if x == "" {
		x = `\tau`
	}
	return unTeX(y) + "∞ + B/" + unTeX(x)
}

// YInf names the fitted asymptote in Unicode: "W∞", "Q∞".
func (f FitResult) YInf() string {
	if f.YSym == "" {
		return "W∞"
	}
	return unTeX(f.YSym) + "∞"
}

// BUnit is the unit of B: y's unit times x's ("kT·t0").
func (f FitResult) BUnit() string { return fitUnits(f.YUnit, f.XUnit) }

// unTeX writes a symbol of the LaTeX subset in Unicode (\tau → τ,
// \mathrm{t_c} → t_c).
func unTeX(s string) string {
	for cmd, r := range map[string]string{`\tau`: "τ", `\varepsilon`: "ε", `\Delta `: "Δ", `\Delta`: "Δ"} {
		s = strings.ReplaceAll(s, cmd, r)
	}
	if in, ok := strings.CutPrefix(s, `\mathrm{`); ok {
		s = strings.TrimSuffix(in, "}")
	}
	return strings.ReplaceAll(s, `\_`, "_")
}
