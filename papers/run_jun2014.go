package papers

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/papers/jun2014"
)

func runJun2014(ctx context.Context, o Options) (*Report, error) {
	out, err := jun2014.Run(ctx, jun2014.Setup{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: progress(o)})
	if err != nil {
		return nil, err
	}
	r := &Report{}
	paperASE := jun2014.PaperASE()
	for _, c := range []*jun2014.Curve{&out.Erasure, &out.NoErasure} {
		name, key := "full erasure (A = 0.5)", "erasure"
		pw, pwse, pa := jun2014.PaperWInf, jun2014.PaperWInfSE, jun2014.PaperA
		if c.Tilt == 0 {
			name, key = "no erasure (A = 0)", "no_erasure"
			pw, pwse, pa = jun2014.PaperNoWInf, jun2014.PaperNoWInfSE, jun2014.PaperNoA
		}
		for i, m := range c.MonteCarlo {
			fp := c.FokkerPlanck[i]
			r.linef("%s, τ = %-3g τ0: ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), ε = %.4g [%.3g, %.3g], %d trajectories",
				name, m.Duration/jun2014.Tau0, m.Work.Value, m.Work.StandardError(), fp.Work.Value, m.ErrorRate.Value, m.ErrorInterval.Low, m.ErrorInterval.High, m.Trajectories)
		}
		f, g := c.Fit, c.FPFit
		r.linef("%s: fit ⟨W⟩ = W∞ + a/τ over τ ≥ %g τ0: W∞ = %.4f ± %.4f kT, a = %.3f ± %.3f kT·τ0, χ²/dof = %.2f; Fokker–Planck W∞ = %.4f, a = %.3f (over τ ≥ %g τ0: W∞ = %.4f, a = %.3f); the paper: W∞ = %.2f ± %.2f, a = %.2f",
			name, jun2014.FitMin, f.WInf, f.WInfSE, f.A, f.ASE, f.ChiSquareDOF, g.WInf, g.A, jun2014.FitMinSlow, c.FPFitSlow.WInf, c.FPFitSlow.A, pw, pwse, pa)
		for _, v := range c.Variances() {
			r.linef("%s, τ = %-3g τ0: σ_W² = %.4f ± %.4f kT², 2(⟨W⟩ − ΔF) = %.4f (ΔF = %.4f kT)", name, v.Tau, v.Var, v.VarSE, v.Predicted, v.FreeEnergyChange)
		}
		r.add(key+"_w_inf", f.WInf, "kT")
		r.add(key+"_w_inf_se", f.WInfSE, "kT")
		r.add(key+"_a", f.A, "kT tau0")
		r.add(key+"_a_se", f.ASE, "kT tau0")
		r.add(key+"_fp_w_inf", g.WInf, "kT")
		r.add(key+"_fp_a", g.A, "kT tau0")
		r.Comparisons = append(r.Comparisons,
			Comparison{"W∞, " + name, f.WInf, f.WInfSE, pw, pwse, "Jun et al. 2014, Table I"},
			Comparison{"a, " + name, f.A, f.ASE, pa, paperASE, "Jun et al. 2014, Table I (a's SE estimated from ±0.10 kT per point, 16 points over 1–64 τ0)"},
		)
		r.Results = append(append(r.Results, c.MonteCarlo...), c.FokkerPlanck...)
	}
	r.add("max_error_rate", jun2014.MaxError(out.Erasure.MonteCarlo), "")
	r.Comparisons = append(r.Comparisons, Comparison{"W∞, full erasure, vs kT ln 2", out.Erasure.Fit.WInf, out.Erasure.Fit.WInfSE, math.Ln2, nan(), "Landauer"})
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	return r, r.save(fig, o.Out, "jun2014")
}
