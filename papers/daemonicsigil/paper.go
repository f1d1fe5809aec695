package daemonicsigil

import (
	"context"
	"strings"
	"time"

	"github.com/landauer-dev/landauer/erasure/discrete"

	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper daemonicsigil`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "daemonicsigil",
		Title:     "two-state bit: sudden vs slow raise, speed limit Γτ = ln(1/(2ε)), least work; and the lifted-well counterpart",
		Citation:  "DaemonicSigil, Time and Energy Costs to Erase a Bit, LessWrong (2023)",
		Reproduce: reproduce,
		Work:      work,
	}
}

// Fixed step times in seconds, measured on the development machine (one
// core of a shared 2-core box, `landauer paper daemonicsigil`, Dec 2026):
// only their ratios matter to the ETA, which the progress meter calibrates
// with the measured rate, and they are far under the minute at which the
// cost gate speaks.
const (
	secODE     = 0.003 // a two-state master-equation solve (0.2–29 ms)
	secOptimal = 0.002 // a two-state variational optimum (0.8–1.6 ms)
	secFP      = 0.5   // a lifted-well Fokker–Planck solve (0.16–0.55 s)
)

// rateTrajectories is the number of trajectories timed to measure the
// Gillespie rate (about 3 ms at 1.5 µs a trajectory).
const rateTrajectories = 2000

// work lists Run's steps with their costs: the Gillespie ensemble, whose
// cost grows with --trajectories, at the rate measured on rateTrajectories
// of the same protocol (sequential: one core); the solves at secODE,
// secOptimal, secFP.
func work(ctx context.Context, o repro.Options) ([]repro.Step, error) {
	do := Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed}
	var steps []repro.Step
	fixed := func(note string, sec float64) { steps = append(steps, repro.Step{Note: note, Units: 1, Rate: 1 / sec}) }
	fixed("two-state sudden raise", secODE)
	for range discreteTaus(o.Quick) {
		fixed("two-state slow raise", secODE)
	}
	for range optimalTaus {
		fixed("two-state optimal", secOptimal)
	}
	rate, err := gillespieRate(ctx, o.Seed)
	if err != nil {
		return nil, err
	}
	steps = append(steps, repro.Step{Note: "Gillespie trajectories", Units: float64(gillespieTrajectories(do)), Rate: rate})
	fixed("lifted-well sudden raise", secFP)
	for range continuousTaus(o.Quick) {
		fixed("lifted-well slow raise", secFP)
	}
	return steps, nil
}

// gillespieRate times rateTrajectories of the Gillespie check and returns
// trajectories per second.
func gillespieRate(ctx context.Context, seed uint64) (float64, error) {
	ps, err := gillespieProtocol()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := discrete.TwoState(1).SampleContext(ctx, ps, []float64{0.5, 0.5},
		discrete.SampleOptions{Trajectories: rateTrajectories, Seed: seed}); err != nil {
		return 0, err
	}
	return rateTrajectories / max(time.Since(start).Seconds(), 1e-6), nil
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	out, err := Run(ctx, Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed, Step: o.Step})
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
