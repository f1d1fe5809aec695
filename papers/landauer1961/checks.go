package landauer1961

import (
	"fmt"
	"math"
)

// Tolerances of the checks (where each comes from):
const (
	// kSE is the number of standard (or discretisation) errors a measured
	// number may lie from its reference.
	kSE = 4.0
	// twoStateTol bounds the relative difference between the measured
	// relaxation rate and the exact k_f + k_b: the single-exponential
	// reading of p(T) neglects the intra-well transient and the difference
	// between k_f + k_b from first-passage times and the relaxation
	// eigenvalue; both vanish as the barrier grows (measured: < 1e-4 at
	// E_b = 50, 0.6 % and 1.1 % at E_b = 6, Δ = 0 and 2), so 2 %.
	twoStateTol = 0.02
	// formulaRegime is the largest relative next-order term of Eq. (5.4),
	// |LandauerRateCorrected/LandauerRate − 1|, at which the formula itself
	// is tested: 3 % (Δ ≲ 2.4 kT at E_b = 50).
	formulaRegime = 0.03
)

func (o *Outcome) add(name string, pass bool, format string, a ...any) {
	o.Checks = append(o.Checks, Check{Name: name, Pass: pass, Detail: fmt.Sprintf(format, a...)})
}

// check fills Checks: every claim of the reproduction, tested.
func (o *Outcome) check() {
	// Eq. (5.4): measured rate vs Landauer's formula within the measurement
	// error plus what the formula leaves out (ModelError), and vs the
	// corrected formula and the exact rates.
	for _, r := range o.Rates {
		// Where the formula's own error (the next order, ModelError) is
		// small, the measured rate must match it within the measurement
		// error, twice that estimate and the 1 % of the two-state reading.
		if r.ModelError <= formulaRegime {
			tol := kSE*r.MeasuredErr + (2*r.ModelError+twoStateTol)*r.Landauer
			o.add(fmt.Sprintf("Eq. 5.4 at E_b = %g, Δ = %g (%s)", r.Barrier, r.Delta, r.Method), math.Abs(r.Measured-r.Landauer) <= tol,
				"1/τ measured %.5g ± %.2g /t0, (1/τ0)cosh Δ = %.5g (ratio %.4f), the formula's next order %.2g %%",
				r.Measured, r.MeasuredErr, r.Landauer, r.Measured/r.Landauer, 100*r.ModelError)
		}
		// Everywhere, the measured rate is the exact k_f + k_b.
		o.add(fmt.Sprintf("relaxation rate at E_b = %g, Δ = %g (%s) vs the exact k_f + k_b", r.Barrier, r.Delta, r.Method),
			math.Abs(r.Measured-r.Exact) <= kSE*r.MeasuredErr+twoStateTol*r.Exact,
			"1/τ measured %.5g ± %.2g, exact %.5g (ratio %.4f); Landauer's (1/τ0)cosh Δ %.5g (ratio %.4f), corrected %.5g (ratio %.4f)",
			r.Measured, r.MeasuredErr, r.Exact, r.Measured/r.Exact, r.Landauer, r.Measured/r.Landauer, r.Corrected, r.Measured/r.Corrected)
	}
	// Cost: switching bit ⟨W⟩ ≈ ln(1/ε) (slope 1), unknown bit (1−2ε)Δ (slope ½),
	// on the time-symmetric bound.
	// The two-state picture holds up to the double well's relative
	// corrections of order 3Δ/(16E_b) (the tilt also shifts the minima and
	// raises the barrier, see LandauerRateCorrected): that, at the largest
	// Δ of the sweep, is the tolerance of the slopes.
	dmax := 0.0
	for _, c := range o.Cost {
		dmax = math.Max(dmax, c.Delta)
	}
	rel := 3 * dmax / (16 * Barrier)
	o.add("switching bit: slope of ⟨W⟩ against ln(1/ε)", math.Abs(o.SlopeSw.Slope-1) <= rel,
		"%.4f (Landauer: 2Δ ≈ kT ln(1/ε), slope 1, within the double well's %.3f)", o.SlopeSw.Slope, rel)
	o.add("unknown bit: slope of ⟨W⟩ against ln(1/ε)", math.Abs(o.SlopeRand.Slope-0.5) <= rel/2,
		"%.4f (half the bits switch: slope ½, the time-symmetric bound, within %.3f)", o.SlopeRand.Slope, rel/2)
	for _, c := range o.Cost {
		// The tilt works only at its jumps: ⟨W⟩ = 4E_b a(⟨x⟩_end − ⟨x⟩_0).
		if c.Eps < 0.4 {
			ratio := c.Work / c.Symmetric
			o.add(fmt.Sprintf("unknown bit at Δ = %g on the time-symmetric bound", c.Delta), c.Work >= c.Symmetric-kSE*c.WorkErr && ratio < 1.1,
				"⟨W⟩ = %.5f kT, ½(1−2ε)ln((1−ε)/ε) = %.5f kT (ratio %.4f), ε = %.4g", c.Work, c.Symmetric, ratio, c.Eps)
		}
		// Boltzmann error: the FP error after full relaxation is Z_high/Z.
		o.add(fmt.Sprintf("Boltzmann error at Δ = %g", c.Delta), math.Abs(c.Eps-c.Boltzmann) <= kSE*c.EpsErr+1e-3*c.Boltzmann,
			"ε = %.5g ± %.1g, Z_high/Z = %.5g, two-state 1/(1+e^{2Δ}) = %.5g", c.Eps, c.EpsErr, c.Boltzmann, c.TwoState)
	}
	for _, s := range o.Switching {
		o.add(fmt.Sprintf("incomplete switching at T_s = %gτ", s.Ts), math.Abs(s.Eps-s.Predicted) <= kSE*s.EpsErr+twoStateTol*s.Predicted,
			"ε = %.5g, ε_B + (½ − ε_B)e^{−T_s/τ} = %.5g", s.Eps, s.Predicted)
	}
	for _, d := range o.Decay {
		o.add(fmt.Sprintf("decay of the stored bit at E_b = %g", d.Barrier), math.Abs(d.Eps-d.Predicted) <= kSE*d.EpsErr+0.03*d.Predicted,
			"ε(%g t0) = %.5g, ½(1 − e^{−t/τ0}) = %.5g (τ0 = %.4g t0)", d.T, d.Eps, d.Predicted, d.Tau0)
	}
	// Four-stage: near ln 2 − H(ε) at every ε, far below the reset at the
	// same ε.
	for _, f := range o.FourStage {
		reset := o.resetWorkAt(f.Eps)
		o.add(fmt.Sprintf("four-stage at A = %g near kT ln 2", f.Tilt), f.Work-f.LandauerBound < 0.05 && f.Work >= f.LandauerBound-kSE*f.WorkErr,
			"⟨W⟩ = %.4f kT at ε = %.3g (ln 2 − H(ε) = %.4f); Landauer's reset at the same ε: %.2f kT (unknown bit), %.2f kT per switch",
			f.Work, f.Eps, f.LandauerBound, reset/2, reset)
	}
	for i, m := range o.MonteCarlo {
		fp := o.MCTwins[i]
		se := math.Sqrt(m.ErrorRate.Value*(1-m.ErrorRate.Value)/float64(m.Trajectories)) + 1/float64(m.Trajectories)
		o.add(fmt.Sprintf("Monte Carlo reset (E_b = %g, Δ = %g, start %s) vs Fokker–Planck", CountableBarrier, MCDelta, []string{"unknown", "ZERO"}[i]),
			math.Abs(m.Work.Value-fp.Work.Value) <= kSE*m.Work.StandardError() && math.Abs(m.ErrorRate.Value-fp.ErrorRate.Value) <= kSE*se,
			"⟨W⟩ = %.4f ± %.4f kT (FP %.4f), ε = %.4f ± %.4f (FP %.4f)", m.Work.Value, m.Work.StandardError(), fp.Work.Value, m.ErrorRate.Value, se, fp.ErrorRate.Value)
	}
}

// resetWorkAt is 2Δ at the ε of the reset sweep nearest in ln ε (linear
// interpolation of the switching bit's ⟨W⟩ in ln(1/ε)); NaN outside.
func (o *Outcome) resetWorkAt(eps float64) float64 {
	x := -math.Log(eps)
	for i := 1; i < len(o.Cost); i++ {
		x0, x1 := -math.Log(o.Cost[i-1].Eps), -math.Log(o.Cost[i].Eps)
		if x >= x0 && x <= x1 {
			w0, w1 := o.Cost[i-1].Switch, o.Cost[i].Switch
			return w0 + (w1-w0)*(x-x0)/(x1-x0)
		}
	}
	return math.NaN()
}
