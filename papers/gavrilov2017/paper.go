package gavrilov2017

import (
	"context"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper gavrilov2017`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "gavrilov2017",
		Title:     "stretched Jun well (E_b = 13 kT, p0 = 1/4): time-asymmetric erasure below kT ln 2 towards ΔF_neq = kT H(p0) or −kT ln(1 − p0), time-symmetric stuck above; W ≥ ΔF_neq per run",
		Citation:  "Gavrilov, Chétrite & Bechhoefer, Direct measurement of weakly nonequilibrium system entropy is consistent with Gibbs–Shannon form, Proc. Natl. Acad. Sci. USA 114, 11097 (2017)",
		Reproduce: reproduce,
		Studies:   studies,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	cases, err := Run(ctx, Setup{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers, Progress: o.Progress()})
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	h, e := Entropy(P0), -math.Log(1-P0)
	r.Linef("p0 = %g in the right well, erased into the left; ε = 0 bounds: kT H(p0) = %.4f kT (η = 1), −kT ln(1 − p0) = %.4f kT (η = 3); kT ln 2 = %.4f", P0, h, e, math.Ln2)
	r.Add("p0", P0, "")
	r.Add("bound_symmetric_storage", h, "kT")
	r.Add("bound_equilibrium_storage", e, "kT")
	keys := []string{"asym_eta1", "sym_eta1", "asym_eta3", "sym_eta3"}
	for ci, c := range cases {
		for _, p := range c.MonteCarlo {
			r.Linef("%s, τ = %g τ0: Monte Carlo ⟨W⟩ = %.4f ± %.4f kT, ε = %.2g [%.2g, %.2g] (95 %%, strata mixed conservatively), bound %.4f kT (%d trajectories)",
				c.Name(), p.Tau, p.Work, p.WorkSE, p.Error, p.ErrorLow, p.ErrorHigh, p.Bound, p.Trajectories)
			r.Results = append(r.Results, p.Results...)
		}
		for _, p := range c.FokkerPlanck {
			r.Linef("%s, τ = %g τ0: Fokker–Planck ⟨W⟩ = %.4f kT (±%.1g), ε = %.2g, ΔF_neq = %.4f kT, excess %.4f kT",
				c.Name(), p.Tau, p.Work, p.WorkSE, p.Error, p.BoundExact, p.Work-p.BoundExact)
			r.Results = append(r.Results, p.Results...)
		}
		slow := c.FokkerPlanck[len(c.FokkerPlanck)-1]
		r.Add(keys[ci]+"_slowest_tau", slow.Tau, "tau0")
		r.Add(keys[ci]+"_slowest_fp_work", slow.Work, "kT")
		r.Add(keys[ci]+"_slowest_fp_bound", slow.BoundExact, "kT")
		if n := len(c.MonteCarlo); n > 0 {
			m := c.MonteCarlo[n-1]
			r.Add(keys[ci]+"_mc_work", m.Work, "kT")
			r.Add(keys[ci]+"_mc_work_se", m.WorkSE, "kT")
			r.Comparisons = append(r.Comparisons, repro.Comparison{
				Quantity: fmt.Sprintf("%s, τ = %g τ0: ⟨W⟩ vs its bound", c.Name(), m.Tau), Ours: m.Work, OursSE: m.WorkSE,
				Reference: m.Bound, ReferenceSE: repro.NaN(), Source: "second law with D_KL (Gavrilov, Chétrite & Bechhoefer 2017)",
			})
		}
	}
	fig, err := Figure(cases)
	if err != nil {
		return nil, err
	}
	return r, r.Save(fig, o.Out, "gavrilov2017")
}

// studies is the plan of reproduce (repro.Paper.Studies).
func studies(o repro.Options) ([][]*erasure.Study, error) {
	return Plan(Setup{Quick: o.Quick, Trajectories: o.Trajectories, Workers: o.Workers})
}
