package proesmans2020

import (
	"context"
	"math"

	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper proesmans2020`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "proesmans2020",
		Title:     "finite-time full-control bound W ≥ kT[ln 2 − H(ε)] + kT W₂²/(Dτ) against four-stage erasure",
		Citation:  "Proesmans, Ehrich & Bechhoefer, Finite-time Landauer principle, Phys. Rev. Lett. 125, 100602 (2020); Phys. Rev. E 102, 032105 (2020)",
		Reproduce: reproduce,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	opt := DefaultOptions()
	if o.Quick {
		opt = QuickOptions()
	}
	out, err := Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	r.Add("w2_squared_zero", out.W2SquaredZero, "x_m^2")
	for _, row := range out.Rows {
		r.Linef("τ = %g: four-stage ⟨W⟩ = %.4f ± %.1g kT (Fokker–Planck), ε = %.3g; bound ln2 − H(ε) + W₂²/τ = %.4f kT; excess %.4f kT, %.1f× the least finite-time dissipation",
			row.Tau, row.Work, row.WorkErr, row.Error, row.Bound, row.Excess, row.DissipationRatio)
	}
	for _, c := range out.Checks {
		r.Linef("%s", repro.CheckLine(c.Name, c.Pass, c.Detail))
	}
	rows, err := TableI(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range rows {
		r.Linef("Table I, %s (E_b = %g kT): Var(x) = %.5f x_m², W₂² = %.5f x_m², full-control optimum W₂²/Var = %.4f (paper %.2f); experiment's protocol: paper %.2f, its published fit converted %.3f, run in landauer %.3f (%s)",
			t.System, t.Barrier, t.Var, t.W2, t.Optimum, t.PaperOptimum, t.PaperProtocol, t.ProtocolFromPaper, t.Protocol, t.ProtocolSource)
		r.Comparisons = append(r.Comparisons, repro.Comparison{Quantity: "Table I optimum, " + t.System, Ours: t.Optimum, OursSE: repro.NaN(), Reference: t.PaperOptimum, ReferenceSE: 0.005, Source: "Proesmans et al. 2020, Table I (3 digits)"})
		if !math.IsNaN(t.Protocol) {
			r.Comparisons = append(r.Comparisons, repro.Comparison{Quantity: "Table I protocol, " + t.System, Ours: t.Protocol, OursSE: repro.NaN(), Reference: t.PaperProtocol, ReferenceSE: repro.NaN(), Source: "Proesmans et al. 2020, Table I (from the experiment's fit)"})
		}
	}
	// Fig. 3: W_min − ln 2 against τ for E_b = 0 … 8 (Var = 1)
	taus, nodes := Fig3Durations(o.Quick), Fig3Nodes
	if o.Quick {
		nodes = Fig3QuickNodes
	}
	pts, err := Fig3(ctx, taus, nodes)
	if err != nil {
		return nil, err
	}
	for _, p := range pts {
		r.Linef("Fig. 3, E_b = %g kT, τ = %g Var/D: W_min − ln 2 = %.5f ± %.1g kT (τ(W_min − ln 2) = %.4f, between ½ and 2; local-equilibrium optimum %.4f)",
			p.Barrier, p.Tau, p.WMin-math.Ln2, p.WErr, p.Tau*(p.WMin-math.Ln2), p.Tau*(p.WLeq-math.Ln2))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.Save(fig, o.Out, "proesmans2020"); err != nil {
		return nil, err
	}
	fig3, err := Fig3Figure(pts)
	if err != nil {
		return nil, err
	}
	return r, r.Save(fig3, o.Out, "proesmans2020-fig3")
}
