// Package berut2012 reproduces Bérut, Arakelyan, Petrosyan, Ciliberto,
// Dillenschneider & Lutz, "Experimental verification of Landauer's principle
// linking information and thermodynamics", Nature 483, 187 (2012), with the
// setup it cites (LITERATURE.md): a 2 µm silica bead (radius 1 µm) in water,
// a double well with minima 0.9 µm apart (x_m = 0.45 µm), a storage barrier
// of 8 kT lowered to 2.2 kT in 1 s, a linear tilt F(t) = F_max t/τ applied for
// τ while the barrier is low, then the tilt removed and the barrier raised in
// 1 s (cycle τ + 2 s). The heat is counted during the tilt only,
// Q = ∫ F(t) ẋ dt, and τ is in seconds through D = kT/(6πηr) (Stokes).
//
// The paper's 8th-order polynomial potential is not published; the model is
// the quartic U = 4E_b[−g x̃²/2 + x̃⁴/4] − F x (x̃ = x/x_m), a stated
// approximation with the paper's barriers and well separation. A second
// model, PowerScaled (the whole quartic scaled with the laser power, minima
// kept at ±x_m), and both F_max schedules are solved by Sensitivity, which
// shows what B depends on (README).
//
// Claims tested: ⟨Q⟩(τ) against ln 2 + B/τ with B = 8.15 kT·s (Proesmans et
// al. 2020 SI Eq. S3), the success rate's saturation near 95 %, and the
// success-rate bound ⟨Q⟩ ≥ kT[ln 2 + r ln r + (1 − r) ln(1 − r)].
package berut2012

import (
	"context"
	_ "embed"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/papers/repro"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// Config is the embedded study (TOML): the four-stage linear approximation
// that `landauer run --config` reads. The package builds the cited protocol
// in code (Protocols).
//
//go:embed berut2012.toml
var Config string

// The cited setup (Bérut et al. 2012, main text and Fig. 3; LITERATURE.md).
const (
	Barrier      = 8.0      // storage barrier E_b, kT (> 8 kT at 48 mW)
	LowBarrier   = 2.2      // lowered barrier, kT (15 mW)
	XmMicron     = 0.45     // half the distance between the minima, µm (0.9 µm apart)
	RadiusMicron = 1.0      // bead radius, µm (2 µm silica bead)
	Viscosity    = 1.0e-3   // water, Pa·s (room temperature)
	Kelvin       = 300.0    // bath temperature, K
	StageSeconds = 1.0      // lowering and raising the barrier, s each
	FmaxNewton   = 1.89e-14 // F_max of Fig. 3b, N
	FmaxTau      = 25.0     // the τ of Fig. 3b, s
	// PaperB is B of ⟨Q⟩ = kT ln 2 + B/τ, 8.15 kT·s, as restated by
	// Proesmans et al. 2020, SI Eq. S3 (secondary).
	PaperB = 8.15
	// PaperSuccess is the success rate at which the paper's saturates,
	// "near 95 %" (no uncertainty stated).
	PaperSuccess = 0.95
)

// GLow is the barrier control at the lowered barrier: the barrier of the
// quartic is E_b g², so g = √(2.2/8).
var GLow = math.Sqrt(LowBarrier / Barrier)

// Units of the model: kT = 1, length x_m, time t0 = x_m²/D.
type Units struct {
	KT        float64 // J
	Gamma     float64 // Stokes drag 6πηr, N·s/m
	D         float64 // m²/s
	T0        float64 // x_m²/D, s
	ForceUnit float64 // kT/x_m, N
}

// SetupUnits returns the units of the cited setup: γ = 1.885e-8 N·s/m,
// D = 0.2197 µm²/s, t0 = 0.9216 s, kT/x_m = 9.204e-15 N. (The paper's
// printed friction 1.89e-10 N·s/m contradicts Stokes drag and its own D;
// LITERATURE.md treats it as a misprint.)
func SetupUnits() Units {
	kT := erasure.KT(Kelvin)
	g := 6 * math.Pi * Viscosity * RadiusMicron * 1e-6
	d := kT / g
	xm := XmMicron * 1e-6
	return Units{KT: kT, Gamma: g, D: d, T0: xm * xm / d, ForceUnit: kT / xm}
}

// Schedules of F_max against τ: the paper fixes F_max at Fig. 3b's value
// (FixedForce, the default reading) or, in the other reading of its text,
// holds F_max·τ at Fig. 3b's 1.89e-14 N × 25 s (FixedImpulse).
const (
	FixedForce   = "fixed-force"
	FixedImpulse = "fixed-impulse"
)

// Fmax returns F_max (kT/x_m) at cycle time tauS (s) under the schedule.
func Fmax(schedule string, tauS float64) (float64, error) {
	f := FmaxNewton / SetupUnits().ForceUnit
	switch schedule {
	case FixedForce:
		return f, nil
	case FixedImpulse:
		return f * FmaxTau / tauS, nil
	}
	return 0, fmt.Errorf("berut2012: unknown F_max schedule %q (have %s, %s)", schedule, FixedForce, FixedImpulse)
}

// Potential is the quartic with the tilt control f in kT/x_m:
// U = 4E_b[−g x̃²/2 + x̃⁴/4] − f x̃ (A = 1/(4E_b) in wells.Jun).
func Potential() wells.Jun { return wells.Jun{Barrier: Barrier, Tilt: 1 / (4 * Barrier)} }

// Models of the lowered barrier. The paper lowers the barrier by lowering
// the laser power (48 mW → 15 mW); its polynomial fit is not published.
//
//   - BarrierG (the default; the one jun2014.toml-style configs can
//     express): the jun quartic 4E_b[−g x̃²/2 + x̃⁴/4] − f x̃ with g lowered
//     to √(2.2/8): the barrier falls to 2.2 kT and the minima move in to
//     ±√g x_m = ±0.52 x_m;
//   - PowerScaled: the whole quartic scaled, s E_b(x̃² − 1)² − f x̃ with s
//     lowered to 2.2/8 (Scaled): an optical potential is proportional to
//     the power (15/48 × 8 kT = 2.5 kT, the paper's 2.2 kT), and the
//     minima stay at ±x_m, 0.9 µm apart, where the two foci put them.
const (
	BarrierG    = "g-lowered"
	PowerScaled = "power-scaled"
)

// Models lists the barrier models.
func Models() []string { return []string{BarrierG, PowerScaled} }

// Scaled is the power-scaled quartic U(x; s, f) = s E_b (x̃² − 1)² − f x̃
// (kT; x̃ = x/x_m, f the tilt force in kT/x_m), controls "s" and "f", at
// rest s = 1, f = 0. It implements wells.Potential.
type Scaled struct {
	Barrier float64 // E_b at s = 1, kT
}

func (Scaled) Name() string        { return "berut-power-scaled" }
func (Scaled) Controls() []string  { return []string{"s", "f"} }
func (Scaled) Rest() wells.Control { return wells.Control{1, 0} }

// Eval sets u = s E_b (x² − 1)² − f x and f = −∂U/∂x = −4 s E_b x (x² − 1) + f.
func (p Scaled) Eval(c wells.Control, x, u, f []float64) {
	b := c[0] * p.Barrier
	u = u[:len(x)]
	if f == nil {
		for i, xi := range x {
			d := xi*xi - 1
			u[i] = b*d*d - c[1]*xi
		}
		return
	}
	f = f[:len(x)]
	for i, xi := range x {
		d := xi*xi - 1
		u[i] = b*d*d - c[1]*xi
		f[i] = -4*b*xi*d + c[1]
	}
}

// Step adds U(x; next) − U(x; prev) = Δs E_b (x² − 1)² − Δf x to w and sets
// f = −∂U/∂x at next.
func (p Scaled) Step(prev, next wells.Control, x, w, f []float64) {
	ds, df, b := (next[0]-prev[0])*p.Barrier, next[1]-prev[1], next[0]*p.Barrier
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		d := xi*xi - 1
		w[i] += ds*d*d - df*xi
		f[i] = -4*b*xi*d + next[1]
	}
}

// ModelPotential returns the potential of a barrier model, its barrier
// control's name and the control's lowered value (2.2 kT barrier).
func ModelPotential(model string) (pot wells.Potential, control string, low float64, err error) {
	switch model {
	case "", BarrierG:
		return Potential(), "g", GLow, nil
	case PowerScaled:
		return Scaled{Barrier: Barrier}, "s", LowBarrier / Barrier, nil
	}
	return nil, "", 0, fmt.Errorf("berut2012: unknown barrier model %q (have %s, %s)", model, BarrierG, PowerScaled)
}

// Protocols returns, for cycle time tauS (s), the whole cycle (lower in
// 1 s, tilt for τ, untilt and raise together in 1 s; for the success rate)
// and the tilt alone (barrier low, f 0 → F_max over τ, then a sudden untilt,
// for the heat), on the default model (BarrierG). In the tilt-alone
// protocol the engine's work is exactly Bérut's heat:
// W = −∫ḟ x dt + F_max x(τ) = ∫ f ẋ dt. It starts in equilibrium of the
// lowered well, which the 1 s lowering reaches to within the test's
// tolerance (the wells relax in 0.03 t0; the 50/50 split is exact by
// symmetry).
func Protocols(schedule string, tauS float64) (full, tilt erasure.Protocol, err error) {
	return ModelProtocols(BarrierG, schedule, tauS)
}

// ModelProtocols is Protocols on the barrier model's potential
// (ModelPotential).
func ModelProtocols(model, schedule string, tauS float64) (full, tilt erasure.Protocol, err error) {
	if !(tauS > 0) || math.IsInf(tauS, 0) {
		return nil, nil, fmt.Errorf("berut2012: τ must be finite and > 0 s, got %v", tauS)
	}
	F, err := Fmax(schedule, tauS)
	if err != nil {
		return nil, nil, err
	}
	pot, ctl, low, err := ModelPotential(model)
	if err != nil {
		return nil, nil, err
	}
	u := SetupUnits()
	tau, one := tauS/u.T0, StageSeconds/u.T0
	full, err = erasure.NewProtocol(erasure.KindKeyframes, pot, tau+2*one, nil, map[string][][2]float64{
		ctl: {{0, 1}, {one, low}, {one + tau, low}, {2*one + tau, 1}},
		"f": {{one, 0}, {one + tau, F}, {2*one + tau, 0}},
	})
	if err != nil {
		return nil, nil, err
	}
	// The untilt jump sits TailSteps Monte Carlo steps before the end: a
	// jump at exactly the duration can be missed by the Monte Carlo
	// integrator, whose last step time n·(τ/n) may round to just below τ.
	tilt, err = erasure.NewProtocol(erasure.KindKeyframes, pot, tau+TailSteps*Dt, nil, map[string][][2]float64{
		ctl: {{0, low}},
		"f": {{0, 0}, {tau, F}, {tau, 0}},
	})
	return full, tilt, err
}

// Dt is the Monte Carlo step (t0): the stored wells' curvature 8E_b = 64
// gives k dt = 0.032. TailSteps is the number of steps the tilt-alone
// protocol runs after its untilt jump (no work is done there).
const (
	Dt        = 5e-4
	TailSteps = 10
)

// Study returns a study of the protocol p on the default model
// (BarrierG), erased to the right.
func Study(p erasure.Protocol) *erasure.Study { return ModelStudy(Potential(), p) }

// ModelStudy returns a study of the protocol p on the potential pot,
// erased to the right.
func ModelStudy(pot wells.Potential, p erasure.Protocol) *erasure.Study {
	d := p.Duration()
	return &erasure.Study{
		Potential: pot, Protocol: p, Target: 1,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: math.Min(Dt, d), Friction: 1, Temperature: 1},
		Cells:    800, FPDt: 0.005, Kelvin: Kelvin,
	}
}

// Durations returns the cycle times τ (s): the paper's 5 … 40 s.
func Durations(quick bool) []float64 {
	if quick {
		return []float64{5, 10, 20, 40}
	}
	return []float64{5, 7.5, 10, 15, 20, 25, 30, 40}
}

// Trajectories per Monte Carlo point (the paper: > 600 cycles per point).
func Trajectories(quick bool) int {
	if quick {
		return 1000
	}
	return 4000
}

// Setup says how to run it.
type Setup struct {
	Quick        bool
	Schedule     string    // "" = FixedForce
	Model        string    // "" = BarrierG
	Durations    []float64 // s; nil: Durations(Quick)
	Trajectories int
	Seed         uint64 // point i (heat) and 100 + i (success) use erasure.PointSeed(Seed, ·)
	Workers      int
	Progress     func(string)
}

// Point is one cycle time.
type Point struct {
	TauS, Fmax float64 // s, kT/x_m
	// Heat during the tilt (Bérut's Q), Monte Carlo and Fokker–Planck.
	HeatMC, HeatFP erasure.Result
	// The whole cycle: success = 1 − error rate.
	CycleMC, CycleFP erasure.Result
}

// Success returns the Monte Carlo success rate with its Wilson interval.
func (p *Point) Success() (r, lo, hi float64) {
	return 1 - p.CycleMC.ErrorRate.Value, 1 - p.CycleMC.ErrorInterval.High, 1 - p.CycleMC.ErrorInterval.Low
}

// SuccessBound is kT[ln 2 + r ln r + (1 − r) ln(1 − r)] (kT = 1).
func SuccessBound(r float64) float64 {
	return math.Ln2 - erasure.BinaryEntropy(r)
}

// Outcome is the sweep.
type Outcome struct {
	Schedule string
	Model    string
	Units    Units
	Points   []Point
	// ⟨Q⟩ = Q∞ + B/τ over all durations (τ in s, B in kT·s): Monte Carlo
	// heat weighted by its standard errors, Fokker–Planck unweighted.
	Fit, FPFit stats.InverseFit
}

// Run runs the sweep: at every τ the tilt (heat) and the whole cycle
// (success), each by Monte Carlo and Fokker–Planck.
func Run(ctx context.Context, su Setup) (*Outcome, error) {
	sched := su.Schedule
	if sched == "" {
		sched = FixedForce
	}
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	n := su.Trajectories
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	model := su.Model
	if model == "" {
		model = BarrierG
	}
	pot, _, _, err := ModelPotential(model)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Schedule: sched, Model: model, Units: SetupUnits()}
	// Two sweeps over the same durations: the tilt (heat, seeds i) and the
	// whole cycle (success, seeds 100 + i).
	var sweeps [2]*repro.SweepResult
	for k := range sweeps {
		sw := repro.Sweep{
			Name: "berut2012", Durations: taus,
			Trajectories: n, Seed: su.Seed, SeedOffset: 100 * k, Workers: su.Workers,
			Study: func(_ int, tauS float64) (*erasure.Study, error) {
				full, tilt, err := ModelProtocols(model, sched, tauS)
				if err != nil {
					return nil, err
				}
				return ModelStudy(pot, []erasure.Protocol{tilt, full}[k]), nil
			},
			Done: func(tauS float64, mc, fp *erasure.Result) {
				if su.Progress == nil {
					return
				}
				F, _ := Fmax(sched, tauS)
				if k == 0 {
					su.Progress(fmt.Sprintf("berut2012 (%s): τ = %g s, F_max = %.3g kT/x_m: tilt ⟨Q⟩ = %.4f ± %.4f kT (Fokker–Planck %.4f)",
						sched, tauS, F, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value))
				} else {
					su.Progress(fmt.Sprintf("berut2012 (%s): τ = %g s, F_max = %.3g kT/x_m: whole cycle, success %.4f (Fokker–Planck %.4f)",
						sched, tauS, F, 1-mc.ErrorRate.Value, 1-fp.ErrorRate.Value))
				}
			},
		}
		if sweeps[k], err = sw.Run(ctx); err != nil {
			return nil, err
		}
	}
	heat, cycle := sweeps[0], sweeps[1]
	for i, tauS := range taus {
		F, _ := Fmax(sched, tauS)
		out.Points = append(out.Points, Point{TauS: tauS, Fmax: F,
			HeatMC: heat.MonteCarlo[i], HeatFP: heat.FokkerPlanck[i], CycleMC: cycle.MonteCarlo[i], CycleFP: cycle.FokkerPlanck[i]})
	}
	out.Fit, out.FPFit = heat.Fit, heat.FPFit
	return out, nil
}

// Figure draws ⟨Q⟩ (heat during the tilt) against τ in seconds: Monte Carlo
// points, Fokker–Planck curve, kT ln 2 + 8.15/τ and the success-rate bound
// at the measured success, above the failure rate 1 − success.
func (o *Outcome) Figure() (*plots.Figure, error) {
	mc := plots.Series{Label: "Monte Carlo", Group: "berut"}
	fp := plots.Series{Label: "Fokker–Planck", Group: "berut", Line: true}
	ref := plots.Series{Label: "ln 2 + 8.15/τ (Proesmans et al.)", TeX: `$\ln 2 + 8.15\,\mathrm{s}/\tau$ (Proesmans et al.)`, Line: true}
	bound := plots.Series{Label: "ln 2 + r ln r + (1−r) ln(1−r)", TeX: `$\ln 2 + r\ln r + (1-r)\ln(1-r)$`, Line: true}
	emc := plots.Series{Label: "1 − success, Monte Carlo", Group: "berut"}
	efp := plots.Series{Label: "1 − success, Fokker–Planck", Group: "berut", Line: true}
	for _, p := range o.Points {
		h := p.HeatMC
		mc.Points = append(mc.Points, plots.Point{X: p.TauS, Y: h.Work.Value, YLow: h.Work.Value - h.Work.StandardError(), YHigh: h.Work.Value + h.Work.StandardError()})
		fp.Points = append(fp.Points, plots.Point{X: p.TauS, Y: p.HeatFP.Work.Value})
		ref.Points = append(ref.Points, plots.Point{X: p.TauS, Y: math.Ln2 + PaperB/p.TauS})
		bound.Points = append(bound.Points, plots.Point{X: p.TauS, Y: SuccessBound(1 - p.CycleFP.ErrorRate.Value)})
		c := p.CycleMC
		emc.Points = append(emc.Points, plots.Point{X: p.TauS, Y: c.ErrorRate.Value, YLow: c.ErrorInterval.Low, YHigh: c.ErrorInterval.High})
		efp.Points = append(efp.Points, plots.Point{X: p.TauS, Y: p.CycleFP.ErrorRate.Value})
	}
	return plots.WorkDurationFigure([]plots.Series{mc, fp, ref, bound}, plots.SingleColumn(), plots.WorkDurationOptions{
		YLabel: `heat during the tilt $\langle Q\rangle/kT$`,
		XLabel: `tilt duration $\tau$ (s)`,
		Errors: []plots.Series{emc, efp},
	})
}

// SensitivityRow is one (barrier model, F_max schedule) of Sensitivity:
// Fokker–Planck heats and success rates over the durations, the free fit
// ⟨Q⟩ = Q∞ + B/τ and the paper's form with Q∞ held at ln 2.
type SensitivityRow struct {
	Model, Schedule string
	TauS            []float64        // s
	Heat, Success   []float64        // kT; 1 − error rate of the whole cycle
	Fit             stats.InverseFit // free Q∞ and B (unweighted; no standard errors)
	BLn2            float64          // B (kT·s) of the least-squares fit of ln 2 + B/τ
}

// Sensitivity solves every barrier model under both F_max schedules by
// Fokker–Planck at the durations (s; nil: Durations(false)): what B of
// ⟨Q⟩ = ln 2 + B/τ depends on.
func Sensitivity(ctx context.Context, taus []float64) ([]SensitivityRow, error) {
	if taus == nil {
		taus = Durations(false)
	}
	var rows []SensitivityRow
	for _, model := range Models() {
		pot, _, _, err := ModelPotential(model)
		if err != nil {
			return nil, err
		}
		for _, sched := range []string{FixedForce, FixedImpulse} {
			row := SensitivityRow{Model: model, Schedule: sched, TauS: taus}
			var sxy, sxx float64
			for _, tauS := range taus {
				full, tilt, err := ModelProtocols(model, sched, tauS)
				if err != nil {
					return nil, err
				}
				var res [2]*erasure.Result
				for k, p := range []erasure.Protocol{tilt, full} {
					s := ModelStudy(pot, p)
					s.Method = erasure.FokkerPlanck
					if res[k], err = s.Run(ctx); err != nil {
						return nil, err
					}
				}
				row.Heat = append(row.Heat, res[0].Work.Value)
				row.Success = append(row.Success, 1-res[1].ErrorRate.Value)
				sxy += (res[0].Work.Value - math.Ln2) / tauS
				sxx += 1 / (tauS * tauS)
			}
			if row.Fit, err = stats.FitInverse(taus, row.Heat, nil); err != nil {
				return nil, fmt.Errorf("berut2012: %v", err)
			}
			// Exact values: the scatter about the fit is the model's
			// misfit, not a standard error.
			row.Fit.InfSE, row.Fit.BSE = math.NaN(), math.NaN()
			row.BLn2 = sxy / sxx
			rows = append(rows, row)
		}
	}
	return rows, nil
}
