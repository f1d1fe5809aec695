package gavrilov2016

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper gavrilov2016`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "gavrilov2016",
		Title:     "asymmetric double well: erasing into the wide well costs −kT ln p0_eq < kT ln 2",
		Citation:  "Gavrilov & Bechhoefer, Erasure without work in an asymmetric double-well potential, Phys. Rev. Lett. 117, 200601 (2016)",
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
	sweepLines(r, out.MonteCarlo, out.FokkerPlanck)
	f, g := out.Fit, out.FPFit
	slow := out.MonteCarlo[len(out.MonteCarlo)-1]
	r.Linef("p0_eq (wide well) = %.6f exactly; bound −kT ln p0_eq = %.4f kT < kT ln 2 = %.4f", out.P0, out.Bound, math.Ln2)
	r.Linef("slowest τ = %g: ⟨W⟩ = %.4f ± %.4f kT, %.1f SE below kT ln 2 and %.1f SE above the bound",
		slow.Duration, slow.Work.Value, slow.Work.StandardError(), (math.Ln2-slow.Work.Value)/slow.Work.StandardError(), (slow.Work.Value-out.Bound)/slow.Work.StandardError())
	r.Linef("fit ⟨W⟩ = W∞ + B/τ over τ ≥ %g: W∞ = %.4f ± %.4f kT, B = %.2f ± %.2f kT·t0; Fokker–Planck: W∞ = %.4f kT, B = %.2f kT·t0",
		FitMin, f.Inf, f.InfSE, f.B, f.BSE, g.Inf, g.B)
	r.Add("p0_eq", out.P0, "")
	r.Add("bound", out.Bound, "kT")
	r.Add("slowest_tau", slow.Duration, "t0")
	r.Add("slowest_work_mean", slow.Work.Value, "kT")
	r.Add("slowest_work_sem", slow.Work.StandardError(), "kT")
	r.Add("w_inf", f.Inf, "kT")
	r.Add("w_inf_se", f.InfSE, "kT")
	r.Add("b", f.B, "kT t0")
	r.Add("b_se", f.BSE, "kT t0")
	r.Add("fp_w_inf", g.Inf, "kT")
	r.Add("fp_b", g.B, "kT t0")
	r.Comparisons = append(r.Comparisons,
		repro.Comparison{Quantity: "W∞ vs −kT ln p0_eq", Ours: f.Inf, OursSE: f.InfSE, Reference: out.Bound, ReferenceSE: repro.NaN(), Source: "Gavrilov & Bechhoefer 2016 (exact p0_eq from the partition functions)"},
		repro.Comparison{Quantity: "slowest ⟨W⟩ vs kT ln 2", Ours: slow.Work.Value, OursSE: slow.Work.StandardError(), Reference: math.Ln2, ReferenceSE: repro.NaN(), Source: "below kT ln 2 (Gavrilov & Bechhoefer 2016)"},
	)
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	return r, r.Save(fig, o.Out, "gavrilov2016")
}

// sweepLines adds one summary line per point of a Monte Carlo sweep with its
// Fokker–Planck twin, and the results to the report.
func sweepLines(r *repro.Report, mc, fp []erasure.Result) {
	for i, m := range mc {
		r.Linef("τ = %-5g ⟨W⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f), success %.4f [%.4f, %.4f], %d trajectories",
			m.Duration, m.Work.Value, m.Work.StandardError(), fp[i].Work.Value, 1-m.ErrorRate.Value, 1-m.ErrorInterval.High, 1-m.ErrorInterval.Low, m.Trajectories)
	}
	r.Results = append(append(r.Results, mc...), fp...)
}

// studies is the plan of reproduce (repro.Paper.Studies).
func studies(o repro.Options) ([][]*erasure.Study, error) {
	return Plan(Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
}
