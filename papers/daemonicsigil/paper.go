package daemonicsigil

import (
	"context"
	"strings"

	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper daemonicsigil`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "daemonicsigil",
		Title:     "two-state bit: sudden vs slow raise, speed limit Γτ = ln(1/(2ε)), least work; and the lifted-well counterpart",
		Citation:  "DaemonicSigil, Time and Energy Costs to Erase a Bit, LessWrong (2023)",
		Reproduce: reproduce,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	out, err := Run(ctx, Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed})
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	r.Add("eps", out.Eps, "")
	r.Add("min_duration", out.MinDuration, "1/Gamma")
	r.Add("quasi_static_work", out.QuasiStatic, "kT")
	for _, row := range out.Rows {
		r.Linef("%s, %s, τ = %g: ⟨W⟩ = %.5g kT, ε = %.3g (ln2 − H(ε) = %.4f, time-symmetric bound %.4f kT)",
			row.Model, row.Protocol, row.Tau, row.Work, row.Error, row.Landauer, row.Symmetic)
	}
	for _, c := range out.Checks {
		r.Linef("%s", repro.CheckLine(c.Name, c.Pass, c.Detail))
	}
	// one figure per model: their durations are in different units
	for _, m := range Models {
		fig, err := out.Figure(m.Name)
		if err != nil {
			return nil, err
		}
		if err := r.Save(fig, o.Out, "daemonicsigil-"+strings.ReplaceAll(m.Name, " ", "-")); err != nil {
			return nil, err
		}
	}
	return r, nil
}
