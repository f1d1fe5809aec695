package berut2012

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper berut2012`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "berut2012",
		Title:     "colloid in a laser double well (cited setup, τ in s): heat during the tilt against ln 2 + 8.15 s/τ, success saturating near 95 %, success-rate bound",
		Citation:  "Bérut, Arakelyan, Petrosyan, Ciliberto, Dillenschneider & Lutz, Experimental verification of Landauer's principle linking information and thermodynamics, Nature 483, 187 (2012)",
		Reproduce: reproduce,
		Studies:   studies,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	r := &repro.Report{}
	u := SetupUnits()
	r.Add("gamma", u.Gamma, "N s/m")
	r.Add("D", u.D*1e12, "um^2/s")
	r.Add("t0", u.T0, "s")
	r.Linef("setup: Stokes γ = %.4g N·s/m, D = %.4f µm²/s, t0 = x_m²/D = %.4f s, kT/x_m = %.4g N; F_max = 1.89e-14 N = %.4f kT/x_m",
		u.Gamma, u.D*1e12, u.T0, u.ForceUnit, FmaxNewton/u.ForceUnit)
	for _, sched := range []string{FixedForce, FixedImpulse} {
		out, err := Run(ctx, Setup{Quick: o.Quick, Schedule: sched, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: o.Progress()})
		if err != nil {
			return nil, err
		}
		prefix := ""
		if sched == FixedImpulse {
			prefix = "impulse_"
		}
		for _, p := range out.Points {
			s, lo, hi := p.Success()
			h := p.HeatMC
			r.Linef("%s, τ = %-4g s (F_max = %.3f kT/x_m): ⟨Q⟩ during the tilt = %.4f ± %.4f kT (Fokker–Planck %.4f; ln 2 + 8.15/τ = %.4f); success %.4f [%.4f, %.4f] (Fokker–Planck %.4f); bound %.4f kT",
				sched, p.TauS, p.Fmax, h.Work.Value, h.Work.StandardError(), p.HeatFP.Work.Value, math.Ln2+PaperB/p.TauS, s, lo, hi, 1-p.CycleFP.ErrorRate.Value, SuccessBound(s))
			r.Comparisons = append(r.Comparisons, repro.Comparison{
				Quantity: sched + ", ⟨Q⟩ at τ = " + repro.Ftoa(p.TauS) + " s", Ours: h.Work.Value, OursSE: h.Work.StandardError(),
				Reference: math.Ln2 + PaperB/p.TauS, ReferenceSE: repro.NaN(), Source: "ln 2 + B/τ, B = 8.15 kT·s (Proesmans et al. 2020, SI Eq. S3)",
			})
			r.Results = append(r.Results, p.HeatMC, p.CycleMC, p.HeatFP, p.CycleFP)
		}
		f, g := out.Fit, out.FPFit
		r.Linef("%s: fit ⟨Q⟩ = Q∞ + B/τ over %g–%g s: Q∞ = %.4f ± %.4f kT, B = %.3f ± %.3f kT·s; Fokker–Planck Q∞ = %.4f, B = %.3f (paper: ln 2, 8.15)",
			sched, out.Points[0].TauS, out.Points[len(out.Points)-1].TauS, f.Inf, f.InfSE, f.B, f.BSE, g.Inf, g.B)
		last := out.Points[len(out.Points)-1]
		s, _, _ := last.Success()
		r.Add(prefix+"q_inf", f.Inf, "kT")
		r.Add(prefix+"b", f.B, "kT s")
		r.Add(prefix+"fp_q_inf", g.Inf, "kT")
		r.Add(prefix+"fp_b", g.B, "kT s")
		r.Add(prefix+"success_longest", s, "")
		r.Comparisons = append(r.Comparisons,
			repro.Comparison{Quantity: sched + ", B", Ours: f.B, OursSE: f.BSE, Reference: PaperB, ReferenceSE: repro.NaN(), Source: "Proesmans et al. 2020, SI Eq. S3 (restating Bérut et al.)"},
			repro.Comparison{Quantity: sched + ", success at τ = " + repro.Ftoa(last.TauS) + " s", Ours: s, OursSE: math.Sqrt(s * (1 - s) / float64(last.CycleMC.Trajectories)), Reference: PaperSuccess, ReferenceSE: repro.NaN(), Source: "Bérut et al. 2012: saturates near 95 %"},
		)
		fig, err := out.Figure()
		if err != nil {
			return nil, err
		}
		base := "berut2012"
		if prefix != "" {
			base = "berut2012-impulse"
		}
		if err := r.Save(fig, o.Out, base); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// studies is the plan of reproduce (repro.Paper.Studies): both schedules.
func studies(o repro.Options) ([][]*erasure.Study, error) {
	var plan [][]*erasure.Study
	for _, sched := range []string{FixedForce, FixedImpulse} { // as reproduce
		p, err := Plan(Setup{Quick: o.Quick, Schedule: sched, Trajectories: o.Trajectories, Workers: o.Workers})
		if err != nil {
			return nil, err
		}
		plan = append(plan, p...)
	}
	return plan, nil
}
