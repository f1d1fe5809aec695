package dago2021

import (
	"context"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper dago2021`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "dago2021",
		Title:     "underdamped cantilever: work and kinetic temperature of fast erasure vs quality factor",
		Citation:  "Dago, Pereda, Barros, Ciliberto & Bellon, Information and thermodynamics: fast and precise approach to Landauer's bound in an underdamped micromechanical oscillator, Phys. Rev. Lett. 126, 170601 (2021)",
		Reproduce: reproduce,
		Studies:   studies,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	opt := DefaultOptions()
	if o.Quick {
		opt = QuickOptions()
	}
	if o.Trajectories > 0 {
		opt.Trajectories = o.Trajectories
	}
	opt.Seed, opt.Workers = o.Seed, o.Workers
	out, err := Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	for _, row := range out.Rows {
		r.Linef("Q = %g, τ = %g/ω₀: ⟨W⟩ = %.4f ± %.4f kT, kinetic temperature %.3f ± %.3f kT, ε = %.3g",
			row.Quality, row.Tau, row.Work, row.WorkSEM, row.KineticTemperature, row.KineticTemperatureSEM, row.ErrorRate)
	}
	for _, c := range out.Checks {
		r.Linef("%s", repro.CheckLine(c.Name, c.Pass, c.Detail))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.Save(fig, o.Out, "dago2021"); err != nil {
		return nil, err
	}
	wfig, err := out.WorkFigure()
	if err != nil {
		return nil, err
	}
	return r, r.Save(wfig, o.Out, "dago2021-work")
}

// studies is the plan of reproduce (repro.Paper.Studies).
func studies(o repro.Options) ([][]*erasure.Study, error) {
	opt := DefaultOptions() // as reproduce
	if o.Quick {
		opt = QuickOptions()
	}
	if o.Trajectories > 0 {
		opt.Trajectories = o.Trajectories
	}
	opt.Workers = o.Workers
	return Plan(opt)
}
