package papers

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/landauer-dev/landauer/papers/daemonicsigil"
	"github.com/landauer-dev/landauer/papers/dago2021"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
)

// checkLine is a summary line for one pass/fail check of a reproduction.
func checkLine(name string, pass bool, detail string) string {
	mark := "ok"
	if !pass {
		mark = "FAILED"
	}
	return fmt.Sprintf("%s %s: %s", mark, name, detail)
}

func runProesmans2020(ctx context.Context, o Options) (*Report, error) {
	opt := proesmans2020.DefaultOptions()
	if o.Quick {
		opt = proesmans2020.QuickOptions()
	}
	out, err := proesmans2020.Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := &Report{}
	r.add("w2_squared_zero", out.W2SquaredZero, "x_m^2")
	for _, row := range out.Rows {
		r.linef("τ = %g: four-stage ⟨W⟩ = %.4f ± %.1g kT (Fokker–Planck), ε = %.3g; bound ln2 − H(ε) + W₂²/τ = %.4f kT; excess %.4f kT, %.1f× the least finite-time dissipation",
			row.Tau, row.Work, row.WorkErr, row.Error, row.Bound, row.Excess, row.DissipationRatio)
	}
	for _, c := range out.Checks {
		r.linef("%s", checkLine(c.Name, c.Pass, c.Detail))
	}
	rows, err := proesmans2020.TableI(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range rows {
		r.linef("Table I, %s (E_b = %g kT): Var(x) = %.5f x_m², W₂² = %.5f x_m², full-control optimum W₂²/Var = %.4f (paper %.2f); experiment's protocol: paper %.2f, its published fit converted %.3f, run in landauer %.3f (%s)",
			t.System, t.Barrier, t.Var, t.W2, t.Optimum, t.PaperOptimum, t.PaperProtocol, t.ProtocolFromPaper, t.Protocol, t.ProtocolSource)
		r.Comparisons = append(r.Comparisons, Comparison{"Table I optimum, " + t.System, t.Optimum, nan(), t.PaperOptimum, 0.005, "Proesmans et al. 2020, Table I (3 digits)"})
		if !math.IsNaN(t.Protocol) {
			r.Comparisons = append(r.Comparisons, Comparison{"Table I protocol, " + t.System, t.Protocol, nan(), t.PaperProtocol, nan(), "Proesmans et al. 2020, Table I (from the experiment's fit)"})
		}
	}
	// Fig. 3: W_min − ln 2 against τ for E_b = 0 … 8 (Var = 1)
	taus, nodes := proesmans2020.Fig3Durations(o.Quick), proesmans2020.Fig3Nodes
	if o.Quick {
		nodes = proesmans2020.Fig3QuickNodes
	}
	pts, err := proesmans2020.Fig3(ctx, taus, nodes)
	if err != nil {
		return nil, err
	}
	for _, p := range pts {
		r.linef("Fig. 3, E_b = %g kT, τ = %g Var/D: W_min − ln 2 = %.5f ± %.1g kT (τ(W_min − ln 2) = %.4f, between ½ and 2; local-equilibrium optimum %.4f)",
			p.Barrier, p.Tau, p.WMin-math.Ln2, p.WErr, p.Tau*(p.WMin-math.Ln2), p.Tau*(p.WLeq-math.Ln2))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.save(fig, o.Out, "proesmans2020"); err != nil {
		return nil, err
	}
	fig3, err := proesmans2020.Fig3Figure(pts)
	if err != nil {
		return nil, err
	}
	return r, r.save(fig3, o.Out, "proesmans2020-fig3")
}

func runDago2021(ctx context.Context, o Options) (*Report, error) {
	opt := dago2021.DefaultOptions()
	if o.Quick {
		opt = dago2021.QuickOptions()
	}
	if o.Trajectories > 0 {
		opt.Trajectories = o.Trajectories
	}
	opt.Seed, opt.Workers = o.Seed, o.Workers
	out, err := dago2021.Run(ctx, opt)
	if err != nil {
		return nil, err
	}
	r := &Report{}
	for _, row := range out.Rows {
		r.linef("Q = %g, τ = %g/ω₀: ⟨W⟩ = %.4f ± %.4f kT, kinetic temperature %.3f ± %.3f kT, ε = %.3g",
			row.Quality, row.Tau, row.Work, row.WorkSEM, row.KineticTemperature, row.KineticTemperatureSEM, row.ErrorRate)
	}
	for _, c := range out.Checks {
		r.linef("%s", checkLine(c.Name, c.Pass, c.Detail))
	}
	fig, err := out.Figure()
	if err != nil {
		return nil, err
	}
	if err := r.save(fig, o.Out, "dago2021"); err != nil {
		return nil, err
	}
	wfig, err := out.WorkFigure()
	if err != nil {
		return nil, err
	}
	return r, r.save(wfig, o.Out, "dago2021-work")
}

func runDaemonicSigil(ctx context.Context, o Options) (*Report, error) {
	out, err := daemonicsigil.Run(ctx, daemonicsigil.Options{Quick: o.Quick, Trajectories: o.Trajectories, Seed: o.Seed})
	if err != nil {
		return nil, err
	}
	r := &Report{}
	r.add("eps", out.Eps, "")
	r.add("min_duration", out.MinDuration, "1/Gamma")
	r.add("quasi_static_work", out.QuasiStatic, "kT")
	for _, row := range out.Rows {
		r.linef("%s, %s, τ = %g: ⟨W⟩ = %.5g kT, ε = %.3g (ln2 − H(ε) = %.4f, time-symmetric bound %.4f kT)",
			row.Model, row.Protocol, row.Tau, row.Work, row.Error, row.Landauer, row.Symmetic)
	}
	for _, c := range out.Checks {
		r.linef("%s", checkLine(c.Name, c.Pass, c.Detail))
	}
	// one figure per model: their durations are in different units
	for _, m := range daemonicsigil.Models {
		fig, err := out.Figure(m.Name)
		if err != nil {
			return nil, err
		}
		if err := r.save(fig, o.Out, "daemonicsigil-"+strings.ReplaceAll(m.Name, " ", "-")); err != nil {
			return nil, err
		}
	}
	return r, nil
}
