// Package daemonicsigil reproduces the two-state model of the post "Time
// and Energy Costs to Erase a Bit" (DaemonicSigil, LessWrong, 2023;
// PHYSICS.md §1) and its continuous-well counterpart.
//
// Discrete bit (package erasure/discrete, energies in kT, time in 1/Γ): two
// states with a controlled energy gap E and Glauber rates capped at Γ,
//
//		dp/dt = Γ(1/(1+e^{E}) − p)   (p: occupation of the state being emptied).
//
//	  - Sudden raise by ΔE, a long wait, a sudden drop: ε = 1/(1+e^{ΔE}) and
//	    W = (½ − ε)ΔE exactly: the time-symmetric bound ½(1−2ε)ln((1−ε)/ε),
//	    ≈ ½ ln(1/ε) (17.3 kT at ε = 1e-15).
//	  - Slow raise, sudden drop: W → ln 2 − H(ε) (Landauer with error) with an
//	    excess ΔE(½−ε)/(Γτ): reliability is free in the slow limit.
//	  - No finite-work erasure to error ε is faster than Γτ = ln(1/(2ε)).
//	  - The least work at given (ε, Γτ) (discrete.Optimal).
//
// Continuous counterpart: the "lifted" double well U = E_b(x²−1)² + h s(x),
// s(x) = (1 − tanh(x/w))/2, whose left well is raised by h, solved by the
// Fokker–Planck twin with the same two protocols on h (a sudden raise held
// for τ then dropped, and a slow raise then a sudden drop). The same
// dichotomy appears: the time-symmetric protocol pays at least the
// time-symmetric bound at the reached ε, while the slow raise approaches its
// quasi-static work, a little above ln 2 − H(ε), as 1/τ.
package daemonicsigil

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/erasure/discrete"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/wells"
)

// Options says how much to compute.
type Options struct {
	// Quick uses fewer durations and trajectories (seconds).
	Quick bool
	// Trajectories for the Gillespie check (0: 20000, quick 5000).
	Trajectories int
	// Seed of the Gillespie check.
	Seed uint64
	// Step, when not nil, is called after each step of Steps(o), in
	// order, with a line saying what finished. It never changes the
	// numbers.
	Step func(msg string)
}

// step reports a finished step to o.Step.
func (o Options) step(format string, a ...any) {
	if o.Step != nil {
		o.Step(fmt.Sprintf(format, a...))
	}
}

// Slow-raise durations of the two models (Γτ and τ in γL²/kT) and the
// optimal protocols' Γτ: Steps and Run use the same lists.
func discreteTaus(quick bool) []float64 {
	if quick {
		return []float64{100, 1000}
	}
	return []float64{100, 1000, 10000}
}

func continuousTaus(quick bool) []float64 {
	if quick {
		return []float64{10, 100}
	}
	return []float64{10, 100, 1000}
}

var optimalTaus = []float64{40, 100, 1000}

// gillespieTrajectories is the size of the Gillespie check for o.
func gillespieTrajectories(o Options) int {
	if o.Trajectories != 0 {
		return o.Trajectories
	}
	if o.Quick {
		return 5000
	}
	return 20000
}

// Row is one computed erasure. Energies in kT; Tau in 1/Γ (discrete) or
// in the overdamped time unit γL²/kT (continuous).
type Row struct {
	Model    string  // "two-state" or "lifted well"
	Protocol string  // "sudden raise", "slow raise", "optimal", "sudden raise (Gillespie)"
	Tau      float64 // duration
	Lift     float64 // ΔE (discrete gap) or H (continuous lift), kT
	Work     float64 // ⟨W⟩
	WorkErr  float64 // standard error (Gillespie) or discretisation error (Fokker–Planck); 0 when exact
	Error    float64 // final error ε
	Landauer float64 // ln 2 − H(ε)
	Symmetic float64 // ½(1−2ε) ln((1−ε)/ε)
}

// Check is one comparison of the reproduction with the post's formulas.
type Check struct {
	Name   string
	Pass   bool
	Detail string
}

// Report is what Run computed.
type Report struct {
	Eps         float64 // the reliable error target of the discrete rows
	MinDuration float64 // Γτ_min = ln(1/(2ε))
	QuasiStatic float64 // W_qs of the continuous slow raise (kT)
	Rows        []Row
	Checks      []Check
}

// Failed returns the checks that did not pass.
func (r *Report) Failed() []Check {
	var f []Check
	for _, c := range r.Checks {
		if !c.Pass {
			f = append(f, c)
		}
	}
	return f
}

func (r *Report) check(name string, pass bool, format string, a ...any) {
	r.Checks = append(r.Checks, Check{name, pass, fmt.Sprintf(format, a...)})
}

func row(model, proto string, tau, lift, w, werr, eps float64) Row {
	return Row{model, proto, tau, lift, w, werr, eps, erasure.LandauerBound(eps), erasure.SymmetricBound(eps)}
}

// Eps is the reliable error of the discrete rows: a bit that must hold
// its value with error 1e-15 (PHYSICS.md §1).
const Eps = 1e-15

// Run computes the discrete and the continuous rows and checks them.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Trajectories < 0 {
		return nil, fmt.Errorf("daemonicsigil: trajectories must be >= 0, got %d", o.Trajectories)
	}
	r := &Report{Eps: Eps}
	if err := discreteRows(ctx, r, o); err != nil {
		return nil, err
	}
	if err := continuousRows(ctx, r, o); err != nil {
		return nil, err
	}
	return r, nil
}

func discreteRows(ctx context.Context, r *Report, o Options) error {
	bit := discrete.TwoState(1)
	half := []float64{0.5, 0.5}
	dE := math.Log((1 - Eps) / Eps) // the gap whose equilibrium error is ε
	var err error
	if r.MinDuration, err = discrete.MinDuration(Eps); err != nil {
		return err
	}

	// Sudden raise, a wait of 60/Γ (e^{−60} ≈ 1e-26 of the relaxation left), drop.
	p, err := discrete.SuddenRaiseProtocol(dE, 60)
	if err != nil {
		return err
	}
	s, err := bit.Solve(p, half)
	if err != nil {
		return err
	}
	r.Rows = append(r.Rows, row("two-state", "sudden raise", 60, dE, s.Work, 0, s.Error))
	o.step("two-state sudden raise solved")
	_, want := discrete.SuddenRaise(dE)
	r.check("sudden raise: W = (½ − ε)ΔE", math.Abs(s.Work-want) < 1e-9*want,
		"W = %.10f kT, (½ − ε)ΔE = %.10f kT, ε = %.3g", s.Work, want, s.Error)

	// Slow raise then sudden drop: the excess over ln2 − H(ε) falls as 1/τ.
	prev := math.Inf(1)
	for _, tau := range discreteTaus(o.Quick) {
		p, err := discrete.SlowRaiseProtocol(dE, tau)
		if err != nil {
			return err
		}
		s, err := bit.Solve(p, half)
		if err != nil {
			return err
		}
		rw := row("two-state", "slow raise", tau, dE, s.Work, 0, s.Error)
		r.Rows = append(r.Rows, rw)
		excess := s.Work - rw.Landauer
		coef := dE * (0.5 - s.Error) // the post's linear-response excess ΔE(½−ε)/(Γτ)
		r.check(fmt.Sprintf("slow raise Γτ = %g: excess ≈ ΔE(½−ε)/(Γτ)", tau),
			excess > 0 && excess < prev && math.Abs(excess*tau/coef-1) < 20/tau,
			"W = %.6f kT, ln2 − H(ε) = %.6f kT, excess·Γτ = %.4f vs ΔE(½−ε) = %.4f", s.Work, rw.Landauer, excess*tau, coef)
		prev = excess
		o.step("two-state slow raise Γτ = %g solved", tau)
	}

	// The least work at (ε, Γτ), from the exact variational optimum.
	for _, tau := range optimalTaus {
		x, err := bit.Optimal(Eps, tau)
		if err != nil {
			return err
		}
		r.Rows = append(r.Rows, row("two-state", "optimal", tau, math.NaN(), x.Work, 0, Eps))
		r.check(fmt.Sprintf("optimal Γτ = %g: ln2 − H(ε) ≤ W* < sudden raise", tau),
			x.Work >= x.Bound && x.Work < want,
			"W* = %.5f kT, bound %.5f kT, sudden raise %.3f kT", x.Work, x.Bound, want)
		o.step("two-state optimal Γτ = %g found", tau)
	}
	if _, err := bit.Optimal(Eps, 0.99*r.MinDuration); err == nil {
		r.check("speed limit", false, "an erasure faster than Γτ = ln(1/(2ε)) = %.3f was accepted", r.MinDuration)
	} else {
		r.check("speed limit", true, "Γτ = %.2f < ln(1/(2ε)) = %.3f refused: %v", 0.99*r.MinDuration, r.MinDuration, err)
	}

	// Gillespie sampling of the sudden raise at a sampleable error (ΔE = 4.6).
	n := gillespieTrajectories(o)
	ps, err := gillespieProtocol()
	if err != nil {
		return err
	}
	est, err := bit.SampleContext(ctx, ps, half, discrete.SampleOptions{Trajectories: n, Seed: o.Seed})
	if err != nil {
		return err
	}
	o.step("Gillespie sudden raise: %d trajectories", n)
	r.Rows = append(r.Rows, row("two-state", "sudden raise (Gillespie)", 30, dEs, est.Work.Value, est.Work.Uncertainty, est.ErrorRate.Value))
	epsS, wS := discrete.SuddenRaise(dEs)
	r.check("Gillespie sudden raise within 5 SE of (½ − ε)ΔE", math.Abs(est.Work.Value-wS) <= 5*est.Work.Uncertainty,
		"W = %.4f ± %.4f kT vs %.4f kT; ε = %.4f [%.4f, %.4f] vs %.4f", est.Work.Value, est.Work.Uncertainty, wS, est.ErrorRate.Value, est.ErrorInterval.Low, est.ErrorInterval.High, epsS)
	return nil
}

// dEs is the gap of the Gillespie check: a sampleable error e^{−4.6} ≈ 1%.
const dEs = 4.6

// gillespieProtocol is the sudden raise the Gillespie check samples: the
// gap dEs held for 30/Γ.
func gillespieProtocol() (discrete.Protocol, error) { return discrete.SuddenRaiseProtocol(dEs, 30) }

// Continuous counterpart parameters: a 3 kT bit (hops in a few time units)
// with the lift step widened to w = 0.7 so that raising h empties the left
// well (with the default w = 0.1 the step sits on the barrier top and lifts
// the barrier's left flank with the well), lifted by H = 12 kT.
const (
	liftBarrier = 3.0
	liftWidth   = 0.7
	liftHeight  = 12.0
)

func continuousRows(ctx context.Context, r *Report, o Options) error {
	pot, err := wells.New("lifted", map[string]float64{"barrier": liftBarrier, "width": liftWidth})
	if err != nil {
		return err
	}
	solve := func(name string, tau float64, kf [][2]float64) (*erasure.Result, error) {
		proto, err := erasure.NewProtocol(erasure.KindKeyframes, pot, tau, nil, map[string][][2]float64{"h": kf})
		if err != nil {
			return nil, err
		}
		s := &erasure.Study{Potential: pot, Protocol: proto, Target: 1, Method: erasure.FokkerPlanck, FPDt: tau / 8000,
			Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: tau / 8000, Friction: 1, Temperature: 1}}
		res, err := s.Run(ctx)
		if err != nil {
			return nil, fmt.Errorf("daemonicsigil: %s τ = %g: %w", name, tau, err)
		}
		r.Rows = append(r.Rows, row("lifted well", name, tau, liftHeight, res.Work.Value, res.Work.DiscretisationError(), res.ErrorRate.Value))
		return res, nil
	}
	const H = liftHeight
	sud, err := solve("sudden raise", 50, [][2]float64{{0, 0}, {0, H}, {50, H}, {50, 0}})
	if err != nil {
		return err
	}
	sym := erasure.SymmetricBound(sud.ErrorRate.Value)
	o.step("lifted well sudden raise solved")
	r.check("lifted well, sudden raise ≥ time-symmetric bound", sud.Work.Value >= sym-sud.Work.DiscretisationError(),
		"W = %.4f kT ≥ ½(1−2ε)ln((1−ε)/ε) = %.4f kT at ε = %.3g", sud.Work.Value, sym, sud.ErrorRate.Value)

	// The slow limit of "raise slowly, drop suddenly" is the quasi-static
	// work W_qs = −ln(Z_H/Z_0) − H⟨s⟩_H: the equilibrium free-energy change
	// of the raise plus the sudden drop at the density of h = H, with
	// ⟨s⟩_H = −∂ ln Z/∂h at H. It is ln 2 − H(ε) only if the lift were a pure
	// offset of the left well; this s(x) also tilts the barrier and the
	// right well, so W_qs lies above ln 2 − H(ε_eq), and the approach to it
	// falls as 1/τ.
	inf := math.Inf(1)
	lnZ := func(h float64) (float64, error) { return wells.LogPartition(pot, wells.Control{h}, 1, -inf, inf) }
	z0, err0 := lnZ(0)
	zH, errH := lnZ(H)
	const dh = 1e-4
	zp, errP := lnZ(H + dh)
	zm, errM := lnZ(H - dh)
	if err := errors.Join(err0, errH, errP, errM); err != nil {
		return err
	}
	sH := -(zp - zm) / (2 * dh)
	wqs := -(zH - z0) - H*sH
	r.QuasiStatic = wqs
	taus := continuousTaus(o.Quick)
	var prev, prevTau float64
	for i, tau := range taus {
		res, err := solve("slow raise", tau, [][2]float64{{0, 0}, {tau, H}, {tau, 0}})
		if err != nil {
			return err
		}
		excess := res.Work.Value - wqs
		pass := excess > -res.Work.DiscretisationError() && res.Work.Value >= res.LandauerBound
		if i > 0 {
			// 1/τ: a tenfold longer raise cuts the excess 5–20 fold.
			ratio := prev / excess * prevTau / tau * 10
			pass = pass && ratio > 5 && ratio < 20
		}
		r.check(fmt.Sprintf("lifted well, slow raise τ = %g: W → W_qs from above as 1/τ", tau), pass,
			"W = %.5f kT, W_qs = %.5f kT, excess %.5f kT (ln2 − H(ε) = %.5f kT at ε = %.3g)", res.Work.Value, wqs, excess, res.LandauerBound, res.ErrorRate.Value)
		prev, prevTau = excess, tau
		o.step("lifted well slow raise τ = %g solved", tau)
	}
	return nil
}

// Models are the two models of Rows with the time units of their τ
// (plots.Series.XUnit): one figure each, since one axis takes one unit.
var Models = []struct{ Name, TimeUnit, TeXUnit string }{
	{"two-state", "1/Γ", `$1/\Gamma$`},
	{"lifted well", "γL²/kT", `$\gamma L^2/kT$`},
}

// Series returns the slow-raise and optimal rows of every model as curves,
// each with its model's time unit (XUnit) and kT (YUnit); for the two-state
// model first the sudden raise's cost at ε = 1e-15, (½ − ε)ΔE, a horizontal
// line computed from its formula.
func (r *Report) Series() []plots.Series {
	unit := map[string]string{}
	for _, m := range Models {
		unit[m.Name] = m.TimeUnit
	}
	series := map[string]*plots.Series{}
	var order []string
	lo, hi := map[string]float64{}, map[string]float64{}
	for _, row := range r.Rows {
		if row.Protocol != "slow raise" && row.Protocol != "optimal" {
			continue
		}
		key := row.Model + ", " + row.Protocol
		s, ok := series[key]
		if !ok {
			s = &plots.Series{Label: key, Line: true, XUnit: unit[row.Model], YUnit: "kT"}
			series[key] = s
			order = append(order, key)
			lo[row.Model], hi[row.Model] = row.Tau, row.Tau
		}
		s.Points = append(s.Points, plots.Point{X: row.Tau, Y: row.Work})
		lo[row.Model], hi[row.Model] = math.Min(lo[row.Model], row.Tau), math.Max(hi[row.Model], row.Tau)
	}
	var out []plots.Series
	if l, ok := lo["two-state"]; ok {
		_, sudden := discrete.SuddenRaise(math.Log((1 - Eps) / Eps))
		out = append(out, plots.Series{Label: "two-state, sudden raise (½ − ε)ΔE at ε = 1e-15", Line: true,
			XUnit: unit["two-state"], YUnit: "kT",
			Points: []plots.Point{{X: l, Y: sudden}, {X: hi["two-state"], Y: sudden}}})
	}
	for _, k := range order {
		out = append(out, *series[k])
	}
	return out
}

// Figure draws ⟨W⟩ against τ for one model of Models (by name): its slow
// raise and, for the two-state bit, the optimal protocol and the sudden
// raise's cost, with the kT ln 2 line. The two models' durations are in
// different units (1/Γ and γL²/kT), so they are never drawn on one axis:
// plots refuses series whose XUnit differ.
func (r *Report) Figure(model string) (*plots.Figure, error) {
	i := slices.IndexFunc(Models, func(m struct{ Name, TimeUnit, TeXUnit string }) bool { return m.Name == model })
	if i < 0 {
		return nil, fmt.Errorf("daemonicsigil: no model %q", model)
	}
	var ss []plots.Series
	for _, s := range r.Series() {
		if s.XUnit == Models[i].TimeUnit {
			ss = append(ss, s)
		}
	}
	if len(ss) == 0 {
		return nil, fmt.Errorf("daemonicsigil: nothing to draw for %s", model)
	}
	return plots.WorkDurationFigure(ss, plots.SingleColumn(), plots.WorkDurationOptions{LogY: true,
		XLabel: `duration $\tau$ (` + Models[i].TeXUnit + `)`})
}
