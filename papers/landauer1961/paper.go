package landauer1961

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper landauer1961`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "landauer1961",
		Title:     "Landauer's reset with the barrier kept: ε ≈ e^{−2Δ}, ⟨W⟩ ≈ kT ln(1/ε) per switch, relaxation (1/τ0)cosh Δ, three error sources; four-stage ≈ kT ln 2",
		Citation:  "Landauer, Irreversibility and heat generation in the computing process, IBM J. Res. Dev. 5, 183 (1961)",
		Reproduce: reproduce,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	out, err := Run(ctx, Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: o.Progress()})
	if err != nil {
		return nil, err
	}
	r := &repro.Report{Results: append(append([]erasure.Result{}, out.MonteCarlo...), out.MCTwins...)}
	r.Add("barrier", Barrier, "kT")
	r.Add("tau0", out.Tau0, "t0")
	r.Add("slope_switching_bit", out.SlopeSw.Slope, "kT per ln(1/eps)")
	r.Add("slope_unknown_bit", out.SlopeRand.Slope, "kT per ln(1/eps)")
	for _, c := range out.Cost {
		r.Linef("reset, Δ = %5g kT (E_b = %g): ε = %.4g (Z_high/Z %.4g, e^{−2Δ} %.4g); ⟨W⟩ unknown bit %.4f kT (time-symmetric bound %.4f), switching bit %.4f kT (ln(1/ε) = %.4f)",
			c.Delta, Barrier, c.Eps, c.Boltzmann, math.Exp(-2*c.Delta), c.Work, c.Symmetric, c.Switch, -math.Log(c.Eps))
	}
	r.Linef("slopes of ⟨W⟩ against ln(1/ε) over Δ ≥ 2: switching bit %.4f, unknown bit %.4f", out.SlopeSw.Slope, out.SlopeRand.Slope)
	for _, x := range out.Rates {
		r.Linef("relaxation rate, E_b = %g, Δ = %g (%s): τ0/τ = %.5g ± %.2g; Landauer cosh Δ = %.5g; next order %.5g; exact %.5g",
			x.Barrier, x.Delta, x.Method, x.Measured/x.Landauer*math.Cosh(x.Delta), x.MeasuredErr/x.Landauer*math.Cosh(x.Delta), math.Cosh(x.Delta), x.Corrected/x.Landauer*math.Cosh(x.Delta), x.Exact/x.Landauer*math.Cosh(x.Delta))
		r.Comparisons = append(r.Comparisons, repro.Comparison{
			Quantity: "τ0/τ at E_b = " + repro.Ftoa(x.Barrier) + ", Δ = " + repro.Ftoa(x.Delta) + " (" + x.Method + ")",
			Ours:     x.Measured / x.Landauer * math.Cosh(x.Delta), OursSE: x.MeasuredErr / x.Landauer * math.Cosh(x.Delta),
			Reference: math.Cosh(x.Delta), ReferenceSE: repro.NaN(), Source: "Landauer 1961, Eq. 5.4: (1/τ0) cosh(Δ/kT)",
		})
	}
	for _, s := range out.Switching {
		r.Linef("incomplete switching, Δ = %g: T_s = %gτ: ε = %.5g, ε_B + (½ − ε_B)e^{−T_s/τ} = %.5g", SwitchDelta, s.Ts, s.Eps, s.Predicted)
	}
	for _, d := range out.Decay {
		r.Linef("decay of the stored bit, E_b = %g kT, t = %g t0: ε = %.5g, ½(1 − e^{−t/τ0}) = %.5g (τ0 = %.4g t0)", d.Barrier, d.T, d.Eps, d.Predicted, d.Tau0)
	}
	for _, f := range out.FourStage {
		r.Linef("four-stage, A = %g, τ = %g t0: ε = %.4g, ⟨W⟩ = %.4f kT (ln 2 − H(ε) = %.4f)", f.Tilt, FourStageTau, f.Eps, f.Work, f.LandauerBound)
	}
	for _, c := range out.Checks {
		r.Linef("%s", repro.CheckLine(c.Name, c.Pass, c.Detail))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.Save(fig, o.Out, "landauer1961"); err != nil {
		return nil, err
	}
	rf, err := out.RateFigure()
	if err != nil {
		return nil, err
	}
	return r, r.Save(rf, o.Out, "landauer1961-rate")
}
