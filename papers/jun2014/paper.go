package jun2014

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper jun2014`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "jun2014",
		Title:     "feedback-trap erasure at E_b = 13 kT, Supplement Table II protocol, A = 0.5 and 0: ⟨W⟩ = W∞ + a/τ (τ in τ0 = 4 t0) against Table I",
		Citation:  "Jun, Gavrilov & Bechhoefer, High-precision test of Landauer's principle in a feedback trap, Phys. Rev. Lett. 113, 190601 (2014)",
		Reproduce: reproduce,
		Studies:   studies,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	out, err := Run(ctx, Setup{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: o.Progress()})
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	paperASE := PaperASE()
	for _, c := range []*Curve{&out.Erasure, &out.NoErasure} {
		name, key := "full erasure (A = 0.5)", "erasure"
		pw, pwse, pa := PaperWInf, PaperWInfSE, PaperA
		if c.Tilt == 0 {
			name, key = "no erasure (A = 0)", "no_erasure"
			pw, pwse, pa = PaperNoWInf, PaperNoWInfSE, PaperNoA
		}
		for i, m := range c.MonteCarlo {
			fp := c.FokkerPlanck[i]
			r.Linef("%s, τ = %-3g τ0: ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), ε = %.4g [%.3g, %.3g], %d trajectories",
				name, m.Duration/Tau0, m.Work.Value, m.Work.StandardError(), fp.Work.Value, m.ErrorRate.Value, m.ErrorInterval.Low, m.ErrorInterval.High, m.Trajectories)
		}
		f, g := c.Fit, c.FPFit
		r.Linef("%s: fit ⟨W⟩ = W∞ + a/τ over τ ≥ %g τ0: W∞ = %.4f ± %.4f kT, a = %.3f ± %.3f kT·τ0, χ²/dof = %.2f; Fokker–Planck W∞ = %.4f, a = %.3f (over τ ≥ %g τ0: W∞ = %.4f, a = %.3f); the paper: W∞ = %.2f ± %.2f, a = %.2f",
			name, FitMin, f.Inf, f.InfSE, f.B, f.BSE, f.ChiSquareDOF, g.Inf, g.B, FitMinSlow, c.FPFitSlow.Inf, c.FPFitSlow.B, pw, pwse, pa)
		for _, v := range c.Variances() {
			r.Linef("%s, τ = %-3g τ0: σ_W² = %.4f ± %.4f kT², 2(⟨W⟩ − ΔF) = %.4f (ΔF = %.4f kT)", name, v.Tau, v.Var, v.VarSE, v.Predicted, v.FreeEnergyChange)
		}
		r.Add(key+"_w_inf", f.Inf, "kT")
		r.Add(key+"_w_inf_se", f.InfSE, "kT")
		r.Add(key+"_a", f.B, "kT tau0")
		r.Add(key+"_a_se", f.BSE, "kT tau0")
		r.Add(key+"_fp_w_inf", g.Inf, "kT")
		r.Add(key+"_fp_a", g.B, "kT tau0")
		r.Comparisons = append(r.Comparisons,
			repro.Comparison{Quantity: "W∞, " + name, Ours: f.Inf, OursSE: f.InfSE, Reference: pw, ReferenceSE: pwse, Source: "Jun et al. 2014, Table I"},
			repro.Comparison{Quantity: "a, " + name, Ours: f.B, OursSE: f.BSE, Reference: pa, ReferenceSE: paperASE, Source: "Jun et al. 2014, Table I (a's SE estimated from ±0.10 kT per point, 16 points over 1–64 τ0)"},
		)
		r.Results = append(append(r.Results, c.MonteCarlo...), c.FokkerPlanck...)
	}
	r.Add("max_error_rate", MaxError(out.Erasure.MonteCarlo), "")
	r.Comparisons = append(r.Comparisons, repro.Comparison{Quantity: "W∞, full erasure, vs kT ln 2", Ours: out.Erasure.Fit.Inf, OursSE: out.Erasure.Fit.InfSE, Reference: math.Ln2, ReferenceSE: repro.NaN(), Source: "Landauer"})
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	return r, r.Save(fig, o.Out, "jun2014")
}

// studies is the plan of reproduce (repro.Paper.Studies).
func studies(o repro.Options) ([][]*erasure.Study, error) {
	return Plan(Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
}
