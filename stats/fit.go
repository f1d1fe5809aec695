package stats

import (
	"errors"
	"fmt"
	"math"
)

// InverseFit is a fit of y(τ) = Y∞ + B/τ: the finite-time cost of erasure
// (⟨W⟩ or ⟨Q⟩ against the protocol's duration τ), whose 1/τ term is the
// leading dissipation of a slow protocol. Y∞ has y's unit (kT for a work),
// B has y's unit times τ's (kT·t0 when τ is in t0).
type InverseFit struct {
	Inf, InfSE float64 // Y∞ and its standard error, y's unit
	B, BSE     float64 // B and its standard error, y's unit × τ's unit
	// ChiSquareDOF is χ²/(N − 2) = Σ ((y − Y∞ − B/τ)/se)²/(N − 2) of a
	// weighted fit; NaN when the fit is unweighted or N = 2.
	ChiSquareDOF float64
	N            int     // points used
	TauMin       float64 // smallest τ used
	TauMax       float64 // largest τ used
}

// At is the fitted Y∞ + B/τ at τ.
func (f InverseFit) At(tau float64) float64 { return f.Inf + f.B/tau }

// FitInverse fits y(τ) = Y∞ + B/τ to the points (tau[i], y[i]) by
// weighted linear least squares in x = 1/τ, with weights 1/se[i]².
//
// With standard errors given (all se[i] > 0), the standard errors of Y∞
// and B are the square roots of the diagonal of (XᵀWX)⁻¹:
//
//	Var B = 1/Sxx,  Var Y∞ = 1/Sw + x̄² Var B,
//	Sw = Σ wᵢ,  x̄ = Σ wᵢxᵢ/Sw,  Sxx = Σ wᵢ(xᵢ − x̄)²,
//
// taking the se as the true standard deviations, not rescaled by the fit's
// χ² (a poor fit shows as ChiSquareDOF ≫ 1, not as larger errors). When se
// is nil or all zeros (exact data, e.g. Fokker–Planck values), the fit is
// unweighted and the standard errors come from the residual scatter,
// s² = RSS/(N − 2) (zero for exact data; N ≥ 3 needed for them, NaN with
// N = 2).
//
// It needs at least two distinct τ > 0, finite values, and se either all
// positive and finite or all zero.
func FitInverse(tau, y, se []float64) (InverseFit, error) {
	n := len(tau)
	if len(y) != n || se != nil && len(se) != n {
		return InverseFit{}, fmt.Errorf("stats: FitInverse: %d durations, %d values and %d standard errors", n, len(y), len(se))
	}
	if n < 2 {
		return InverseFit{}, errors.New("stats: FitInverse: need at least two points")
	}
	weighted := false
	for i := range n {
		if !(tau[i] > 0) || math.IsInf(tau[i], 0) || math.IsNaN(y[i]) || math.IsInf(y[i], 0) {
			return InverseFit{}, fmt.Errorf("stats: FitInverse: point %d: τ = %g, y = %g (need finite y and 0 < τ < ∞)", i, tau[i], y[i])
		}
		if se != nil && se[i] != 0 {
			weighted = true
		}
	}
	wt := make([]float64, n)
	for i := range n {
		wt[i] = 1
		if weighted {
			s := se[i]
			if !(s > 0) || math.IsInf(s, 0) {
				return InverseFit{}, fmt.Errorf("stats: FitInverse: standard error %d is %g; give all positive or all zero", i, s)
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
		swy += wt[i] * y[i]
	}
	xbar, ybar := swx/sw, swy/sw
	var sxx, sxy float64
	for i := range n {
		dx := 1/tau[i] - xbar
		sxx += wt[i] * dx * dx
		sxy += wt[i] * dx * (y[i] - ybar)
	}
	if !(sxx > 0) {
		return InverseFit{}, errors.New("stats: FitInverse: all durations are equal; B is undetermined")
	}
	f := InverseFit{N: n, TauMin: tau[0], TauMax: tau[0], ChiSquareDOF: math.NaN()}
	for _, t := range tau {
		f.TauMin, f.TauMax = math.Min(f.TauMin, t), math.Max(f.TauMax, t)
	}
	f.B = sxy / sxx
	f.Inf = ybar - f.B*xbar
	varB := 1 / sxx
	varA := 1/sw + xbar*xbar*varB
	switch {
	case weighted && n > 2:
		var c float64
		for i := range n {
			r := (y[i] - f.Inf - f.B/tau[i]) / se[i]
			c += r * r
		}
		f.ChiSquareDOF = c / float64(n-2)
	case !weighted && n < 3:
		f.InfSE, f.BSE = math.NaN(), math.NaN()
		return f, nil
	case !weighted:
		var rss float64
		for i := range n {
			r := y[i] - f.Inf - f.B/tau[i]
			rss += r * r
		}
		s2 := rss / float64(n-2)
		varA *= s2
		varB *= s2
	}
	f.InfSE, f.BSE = math.Sqrt(varA), math.Sqrt(varB)
	return f, nil
}

// FitInverseFrom fits Y∞ + B/τ (FitInverse) to the points with τ ≥ minTau:
// the range where the 1/τ law holds. se may be nil (unweighted).
func FitInverseFrom(tau, y, se []float64, minTau float64) (InverseFit, error) {
	if len(y) != len(tau) || se != nil && len(se) != len(tau) {
		return InverseFit{}, fmt.Errorf("stats: FitInverse: %d durations, %d values and %d standard errors", len(tau), len(y), len(se))
	}
	var t, v, s []float64
	for i := range tau {
		if tau[i] >= minTau {
			t, v = append(t, tau[i]), append(v, y[i])
			if se != nil {
				s = append(s, se[i])
			}
		}
	}
	if se == nil {
		s = nil
	}
	if len(t) < 2 {
		return InverseFit{}, fmt.Errorf("stats: FitInverse: %d points with τ ≥ %g, need at least two", len(t), minTau)
	}
	return FitInverse(t, v, s)
}
