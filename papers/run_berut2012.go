package papers

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/papers/berut2012"
)

func runBerut2012(ctx context.Context, o Options) (*Report, error) {
	r := &Report{}
	u := berut2012.SetupUnits()
	r.add("gamma", u.Gamma, "N s/m")
	r.add("D", u.D*1e12, "um^2/s")
	r.add("t0", u.T0, "s")
	r.linef("setup: Stokes γ = %.4g N·s/m, D = %.4f µm²/s, t0 = x_m²/D = %.4f s, kT/x_m = %.4g N; F_max = 1.89e-14 N = %.4f kT/x_m",
		u.Gamma, u.D*1e12, u.T0, u.ForceUnit, berut2012.FmaxNewton/u.ForceUnit)
	for _, sched := range []string{berut2012.FixedForce, berut2012.FixedImpulse} {
		out, err := berut2012.Run(ctx, berut2012.Setup{Quick: o.Quick, Schedule: sched, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: progress(o)})
		if err != nil {
			return nil, err
		}
		prefix := ""
		if sched == berut2012.FixedImpulse {
			prefix = "impulse_"
		}
		for _, p := range out.Points {
			s, lo, hi := p.Success()
			h := p.HeatMC
			r.linef("%s, τ = %-4g s (F_max = %.3f kT/x_m): ⟨Q⟩ during the tilt = %.4f ± %.4f kT (Fokker–Planck %.4f; ln 2 + 8.15/τ = %.4f); success %.4f [%.4f, %.4f] (Fokker–Planck %.4f); bound %.4f kT",
				sched, p.TauS, p.Fmax, h.Work.Value, h.Work.StandardError(), p.HeatFP.Work.Value, math.Ln2+berut2012.PaperB/p.TauS, s, lo, hi, 1-p.CycleFP.ErrorRate.Value, berut2012.SuccessBound(s))
			r.Comparisons = append(r.Comparisons, Comparison{
				Quantity: sched + ", ⟨Q⟩ at τ = " + ftoa(p.TauS) + " s", Ours: h.Work.Value, OursSE: h.Work.StandardError(),
				Reference: math.Ln2 + berut2012.PaperB/p.TauS, ReferenceSE: nan(), Source: "ln 2 + B/τ, B = 8.15 kT·s (Proesmans et al. 2020, SI Eq. S3)",
			})
			r.Results = append(r.Results, p.HeatMC, p.CycleMC, p.HeatFP, p.CycleFP)
		}
		f, g := out.Fit, out.FPFit
		r.linef("%s: fit ⟨Q⟩ = Q∞ + B/τ over %g–%g s: Q∞ = %.4f ± %.4f kT, B = %.3f ± %.3f kT·s; Fokker–Planck Q∞ = %.4f, B = %.3f (paper: ln 2, 8.15)",
			sched, out.Points[0].TauS, out.Points[len(out.Points)-1].TauS, f.QInf, f.QInfSE, f.B, f.BSE, g.QInf, g.B)
		last := out.Points[len(out.Points)-1]
		s, _, _ := last.Success()
		r.add(prefix+"q_inf", f.QInf, "kT")
		r.add(prefix+"b", f.B, "kT s")
		r.add(prefix+"fp_q_inf", g.QInf, "kT")
		r.add(prefix+"fp_b", g.B, "kT s")
		r.add(prefix+"success_longest", s, "")
		r.Comparisons = append(r.Comparisons,
			Comparison{sched + ", B", f.B, f.BSE, berut2012.PaperB, nan(), "Proesmans et al. 2020, SI Eq. S3 (restating Bérut et al.)"},
			Comparison{sched + ", success at τ = " + ftoa(last.TauS) + " s", s, math.Sqrt(s * (1 - s) / float64(last.CycleMC.Trajectories)), berut2012.PaperSuccess, nan(), "Bérut et al. 2012: saturates near 95 %"},
		)
		fig, err := out.Figure()
		if err != nil {
			return nil, err
		}
		base := "berut2012"
		if prefix != "" {
			base = "berut2012-impulse"
		}
		if err := r.save(fig, o.Out, base); err != nil {
			return nil, err
		}
	}
	return r, nil
}
