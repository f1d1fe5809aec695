package papers

import (
	"context"
	"math"
	"strconv"

	"github.com/landauer-dev/landauer/erasure"

	"github.com/landauer-dev/landauer/papers/landauer1961"
)

func runLandauer1961(ctx context.Context, o Options) (*Report, error) {
	out, err := landauer1961.Run(ctx, landauer1961.Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: progress(o)})
	if err != nil {
		return nil, err
	}
	r := &Report{Results: append(append([]erasure.Result{}, out.MonteCarlo...), out.MCTwins...)}
	r.add("barrier", landauer1961.Barrier, "kT")
	r.add("tau0", out.Tau0, "t0")
	r.add("slope_switching_bit", out.SlopeSw.Slope, "kT per ln(1/eps)")
	r.add("slope_unknown_bit", out.SlopeRand.Slope, "kT per ln(1/eps)")
	for _, c := range out.Cost {
		r.linef("reset, Δ = %5g kT (E_b = %g): ε = %.4g (Z_high/Z %.4g, e^{−2Δ} %.4g); ⟨W⟩ unknown bit %.4f kT (time-symmetric bound %.4f), switching bit %.4f kT (ln(1/ε) = %.4f)",
			c.Delta, landauer1961.Barrier, c.Eps, c.Boltzmann, math.Exp(-2*c.Delta), c.Work, c.Symmetric, c.Switch, -math.Log(c.Eps))
	}
	r.linef("slopes of ⟨W⟩ against ln(1/ε) over Δ ≥ 2: switching bit %.4f, unknown bit %.4f", out.SlopeSw.Slope, out.SlopeRand.Slope)
	for _, x := range out.Rates {
		r.linef("relaxation rate, E_b = %g, Δ = %g (%s): τ0/τ = %.5g ± %.2g; Landauer cosh Δ = %.5g; next order %.5g; exact %.5g",
			x.Barrier, x.Delta, x.Method, x.Measured/x.Landauer*math.Cosh(x.Delta), x.MeasuredErr/x.Landauer*math.Cosh(x.Delta), math.Cosh(x.Delta), x.Corrected/x.Landauer*math.Cosh(x.Delta), x.Exact/x.Landauer*math.Cosh(x.Delta))
		r.Comparisons = append(r.Comparisons, Comparison{
			Quantity: "τ0/τ at E_b = " + ftoa(x.Barrier) + ", Δ = " + ftoa(x.Delta) + " (" + x.Method + ")",
			Ours:     x.Measured / x.Landauer * math.Cosh(x.Delta), OursSE: x.MeasuredErr / x.Landauer * math.Cosh(x.Delta),
			Reference: math.Cosh(x.Delta), ReferenceSE: nan(), Source: "Landauer 1961, Eq. 5.4: (1/τ0) cosh(Δ/kT)",
		})
	}
	for _, s := range out.Switching {
		r.linef("incomplete switching, Δ = %g: T_s = %gτ: ε = %.5g, ε_B + (½ − ε_B)e^{−T_s/τ} = %.5g", landauer1961.SwitchDelta, s.Ts, s.Eps, s.Predicted)
	}
	for _, d := range out.Decay {
		r.linef("decay of the stored bit, E_b = %g kT, t = %g t0: ε = %.5g, ½(1 − e^{−t/τ0}) = %.5g (τ0 = %.4g t0)", d.Barrier, d.T, d.Eps, d.Predicted, d.Tau0)
	}
	for _, f := range out.FourStage {
		r.linef("four-stage, A = %g, τ = %g t0: ε = %.4g, ⟨W⟩ = %.4f kT (ln 2 − H(ε) = %.4f)", f.Tilt, landauer1961.FourStageTau, f.Eps, f.Work, f.LandauerBound)
	}
	for _, c := range out.Checks {
		r.linef("%s", checkLine(c.Name, c.Pass, c.Detail))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.save(fig, o.Out, "landauer1961"); err != nil {
		return nil, err
	}
	rf, err := out.RateFigure()
	if err != nil {
		return nil, err
	}
	return r, r.save(rf, o.Out, "landauer1961-rate")
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
