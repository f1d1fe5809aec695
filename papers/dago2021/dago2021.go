// Package dago2021 reproduces the heating of an underdamped memory during
// fast erasure: Dago, Pereda, Barros, Ciliberto & Bellon, "Information and
// thermodynamics: fast and precise approach to Landauer's bound in an
// underdamped micromechanical oscillator", Phys. Rev. Lett. 126, 170601
// (2021), arXiv:2102.09925; Dago & Bellon, "Dynamics of information
// erasure and extension of Landauer's bound to fast processes",
// arXiv:2105.12023; Dago, Ciliberto & Bellon,
// "Adiabatic computing for optimal thermodynamic efficiency of information
// processing", PNAS 120, e2301742120 (2023), arXiv:2302.09957; Dago,
// Ciliberto & Bellon, "Reliability and operation cost of underdamped
// memories during cyclic erasures", arXiv:2306.15573 ("Q ≃ 10 is optimal").
//
// # Model
//
// A cantilever (mass m, stiffness k, resonance ω₀ = √(k/m), quality factor
// Q = mω₀/γ) in the feedback double well U = ½k(|x − x₀| − x₁)², in a bath
// of temperature T₀. Units: kT₀ = 1, x in σ = √(kT₀/k), time in 1/ω₀, so
// m = k = 1 and γ = 1/Q; underdamped Langevin dynamics integrated by BAOAB
// (package langevin):
//
//	dx = v dt,   dv = −∂ₓU dt − v/Q dt + √(2/Q) dW.
//
// The bit starts in equilibrium in the rest double well (x₀, x₁) = (0, X1)
// (barrier ½X1²) and is erased to the right well by DoubleWell.Erasure:
// merge the wells (x₁ → 0), translate the single well to +X1, re-create
// the double well.
//
// # What is measured
//
// Per (Q, τ): the mean work ⟨W⟩ and heat, the kinetic temperature
// T_kin = m Var(v) and the potential temperature T_pot = k Var(x) (over the
// trajectories that end in the right well, whose potential is then
// ½k(x − X1)²) at the end of the protocol, in units of kT₀, with standard
// errors, the mean velocity (the lag behind the moving well) and the error
// rate with its Wilson interval. At equilibrium both temperatures are 1.
// Variances, not second moments: the well stops moving at τ, and the lag
// velocity (≈ 2X1/τ at low Q) is drift, not heat.
//
// Limits. When τ is long compared with the energy relaxation time Q/ω₀
// the memory stays at T₀ and ⟨W⟩ → ln 2 (plus a dissipative term ∝ 1/(Qτ)
// that dominates at low Q). When 2π ≪ τ ≪ Q the erasure is adiabatic: the
// action of each orbit is conserved, an orbit leaving one well for the
// merged well doubles its action, so the energy in the final harmonic well
// is twice the initial one: T_kin → 2, and ⟨W⟩ → kT₀ (the energy gained),
// above ln 2 but bounded — Dago et al.'s "adiabatic computing" (PNAS 2023).
package dago2021

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/plots"
)

// Name is the paper's key for `landauer paper`.
const Name = "dago2021"

// DefaultConfig is the embedded configuration (TOML) that DefaultOptions
// reads.
//
//go:embed config.toml
var DefaultConfig []byte

// Options are the parameters of the reproduction (TOML keys in brackets).
// Every (quality, duration) pair is run.
type Options struct {
	X1           float64   `toml:"x1" json:"x1"`                     // X1 (σ): wells at ±X1, barrier ½X1² kT₀
	Qualities    []float64 `toml:"qualities" json:"qualities"`       // quality factors Q (γ = 1/Q)
	Durations    []float64 `toml:"durations" json:"durations"`       // protocol durations τ (1/ω₀)
	Trajectories int       `toml:"trajectories" json:"trajectories"` // per (Q, τ)
	Dt           float64   `toml:"dt" json:"dt"`                     // BAOAB time step (1/ω₀)
	// Seed is the random seed; row i (qualities outer, durations inner)
	// runs with erasure.PointSeed(Seed, i).
	Seed uint64 `toml:"seed" json:"seed"`
	// Workers is the number of goroutines per ensemble (0, the default
	// when absent: all cores); it never changes the numbers.
	Workers int `toml:"workers" json:"workers"`
}

// QuickOptions is DefaultOptions with 1000 trajectories and τ = 30 and
// 300/ω₀ only (about 0.5 s), as TestReportChecksAndFigures runs it.
func QuickOptions() Options {
	o := DefaultOptions()
	o.Trajectories = 1000
	o.Durations = []float64{30, 300}
	return o
}

// DefaultOptions returns the options of the embedded config.toml.
func DefaultOptions() Options {
	o, err := ParseOptions(DefaultConfig)
	if err != nil {
		panic("dago2021: embedded config: " + err.Error())
	}
	return o
}

// ParseOptions decodes a TOML configuration with the keys of config.toml;
// a key left out is zero (which Validate rejects, except for workers), and
// unknown keys are errors.
func ParseOptions(data []byte) (Options, error) {
	var o Options
	if err := erasure.DecodeTOML(data, &o, nil); err != nil {
		return Options{}, fmt.Errorf("%s config: %v", Name, err)
	}
	return o, o.Validate()
}

// Validate reports the first bad option.
func (o Options) Validate() error {
	pos := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	switch {
	case !pos(o.X1):
		return fmt.Errorf("%s: x1 must be finite and > 0, got %v", Name, o.X1)
	case len(o.Qualities) == 0 || len(o.Durations) == 0:
		return fmt.Errorf("%s: need at least one quality factor and one duration", Name)
	case o.Trajectories < 2:
		return fmt.Errorf("%s: need at least 2 trajectories, got %d", Name, o.Trajectories)
	case !pos(o.Dt) || o.Dt > 0.2:
		return fmt.Errorf("%s: dt must be in (0, 0.2] (1/ω₀), got %v", Name, o.Dt)
	case o.Workers < 0:
		return fmt.Errorf("%s: workers must be ≥ 0, got %d", Name, o.Workers)
	}
	for _, q := range o.Qualities {
		if !pos(q) {
			return fmt.Errorf("%s: quality factors must be finite and > 0, got %v", Name, q)
		}
	}
	for _, t := range o.Durations {
		if !pos(t) || t < o.Dt {
			return fmt.Errorf("%s: durations must be finite and ≥ dt, got %v", Name, t)
		}
	}
	return nil
}

// Row is the result at one (Q, τ). Energies and temperatures in kT₀;
// _sem fields are standard errors.
type Row struct {
	Quality float64 `json:"quality"`
	Tau     float64 `json:"tau"`

	Work    float64 `json:"work_mean"`
	WorkSEM float64 `json:"work_sem"`
	Heat    float64 `json:"heat_mean"` // heat dissipated into the bath, −Q_in
	HeatSEM float64 `json:"heat_sem"`

	KineticTemperature      float64 `json:"kinetic_temperature"` // m Var(v) at the end
	KineticTemperatureSEM   float64 `json:"kinetic_temperature_sem"`
	PotentialTemperature    float64 `json:"potential_temperature"` // k Var(x) at the end, right well
	PotentialTemperatureSEM float64 `json:"potential_temperature_sem"`
	MeanVelocity            float64 `json:"mean_velocity"`    // ⟨v⟩ at the end (σω₀)
	Shadow                  float64 `json:"shadow_work_mean"` // BAOAB shadow work

	Trajectories int64   `json:"trajectories"`
	Errors       int64   `json:"errors"` // ended left of 0
	ErrorRate    float64 `json:"error_rate"`
	ErrorLow     float64 `json:"error_low"`
	ErrorHigh    float64 `json:"error_high"`
}

// Check is one comparison of the reproduction with the papers or with
// exact limits.
type Check struct {
	Name   string `json:"name"`
	Pass   bool   `json:"pass"`
	Detail string `json:"detail"`
}

// Report is the outcome of Run.
type Report struct {
	Paper   string  `json:"paper"`
	Options Options `json:"options"`
	Rows    []Row   `json:"rows"`
	Checks  []Check `json:"checks"`
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

// Run simulates every (Q, τ) of opt and checks the limits.
func Run(ctx context.Context, opt Options) (*Report, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	rep := &Report{Paper: Name, Options: opt}
	for i, q := range opt.Qualities {
		for j, tau := range opt.Durations {
			// A seed per row, so that the rows' errors are independent.
			seed := erasure.PointSeed(opt.Seed, i*len(opt.Durations)+j)
			row, err := simulate(ctx, opt.X1, q, tau, opt.Dt, opt.Trajectories, seed, opt.Workers)
			if err != nil {
				return nil, err
			}
			rep.Rows = append(rep.Rows, *row)
		}
	}
	rep.check()
	return rep, nil
}

// blockTally is the reduction of one block, or of the blocks merged so
// far.
type blockTally struct {
	work, heat, v, v2, x, x2, shadow erasure.Moments
	errors                           int64
}

// merge adds the tally o of the next block into t.
func (t *blockTally) merge(o *blockTally) {
	t.work.Merge(o.work)
	t.heat.Merge(o.heat)
	t.v.Merge(o.v)
	t.v2.Merge(o.v2)
	t.x.Merge(o.x)
	t.x2.Merge(o.x2)
	t.shadow.Merge(o.shadow)
	t.errors += o.errors
}

// Simulate erases n bits at quality factor q and duration τ with BAOAB
// steps of at most dt, on all cores, and returns their statistics.
func Simulate(ctx context.Context, x1, q, tau, dt float64, n int, seed uint64) (*Row, error) {
	return simulate(ctx, x1, q, tau, dt, n, seed, 0)
}

func simulate(ctx context.Context, x1, q, tau, dt float64, n int, seed uint64, workers int) (*Row, error) {
	pot := DoubleWell{X1: x1}
	proto, err := pot.Erasure(tau)
	if err != nil {
		return nil, err
	}
	ens := &langevin.Ensemble{
		Potential:    pot,
		Schedule:     proto,
		Dynamics:     langevin.Dynamics{Kind: langevin.Underdamped, Dt: dt, Friction: 1 / q, Mass: 1, Temperature: 1},
		Trajectories: n,
		Seed:         seed,
		Workers:      workers,
	}
	// The block tallies merged in block order: the same numbers for any
	// number of workers.
	var all blockTally
	red := &langevin.Reducer[blockTally]{Merge: func(_ int, t blockTally) error { all.merge(&t); return nil }}
	err = langevin.ReduceBlocks(ctx, ens, red, func(b *langevin.Block) (blockTally, error) {
		var t blockTally
		for i, x := range b.X {
			t.work.Add(b.Work[i])
			t.heat.Add(-b.HeatIn[i])
			v := b.V[i]
			t.v.Add(v)
			t.v2.Add(v * v)
			t.shadow.Add(b.Shadow[i])
			if x < 0 {
				t.errors++
				continue
			}
			t.x.Add(x)
			t.x2.Add(x * x)
		}
		return t, nil
	})
	if err != nil {
		return nil, err
	}
	m := all.work.N()
	lo, hi := erasure.Wilson(all.errors, m, 0.95)
	// Var = ⟨y²⟩ − ⟨y⟩², with the standard error of a Gaussian sample's
	// variance, Var·√(2/(n − 1)) (the end states are close to Gaussian:
	// thermal states of a harmonic well).
	variance := func(y, y2 erasure.Moments) (v, se float64) {
		mu := y.Mean()
		v = y2.Mean() - mu*mu
		return v, v * math.Sqrt(2/float64(y.N()-1))
	}
	tk, tkSE := variance(all.v, all.v2)
	tp, tpSE := variance(all.x, all.x2)
	return &Row{
		Quality: q, Tau: tau,
		Work: all.work.Mean(), WorkSEM: all.work.SEM(),
		Heat: all.heat.Mean(), HeatSEM: all.heat.SEM(),
		KineticTemperature: tk, KineticTemperatureSEM: tkSE,
		PotentialTemperature: tp, PotentialTemperatureSEM: tpSE,
		MeanVelocity: all.v.Mean(),
		Shadow:       all.shadow.Mean(),
		Trajectories: m, Errors: all.errors,
		ErrorRate: float64(all.errors) / float64(m), ErrorLow: lo, ErrorHigh: hi,
	}, nil
}

// check fills the report's checks. "Fast" rows have τ ≤ Q/3 (the
// protocol ends before the energy relaxes, time constant Q); "slow" rows
// have τ ≥ 30Q.
func (r *Report) check() {
	var fast, slow []string
	fastOK, slowOK := true, true
	for _, row := range r.Rows {
		d := row.KineticTemperature - 1
		se := row.KineticTemperatureSEM
		switch {
		case row.Tau <= row.Quality/3:
			fast = append(fast, fmt.Sprintf("Q = %g, τ = %g: T_kin = %.3f ± %.3f", row.Quality, row.Tau, row.KineticTemperature, se))
			fastOK = fastOK && d > 5*se
		case row.Tau >= 30*row.Quality:
			slow = append(slow, fmt.Sprintf("Q = %g, τ = %g: T_kin = %.3f ± %.3f", row.Quality, row.Tau, row.KineticTemperature, se))
			slowOK = slowOK && math.Abs(d) < 5*se+0.02
		}
	}
	if len(fast) > 0 {
		r.Checks = append(r.Checks, Check{"fast, weakly damped erasure heats the oscillator (T_kin > kT₀ by > 5 SE)", fastOK, strings.Join(fast, "; ")})
	}
	if len(slow) > 0 {
		r.Checks = append(r.Checks, Check{"slow or strongly damped erasure leaves T_kin = kT₀ (within 5 SE + 0.02)", slowOK, strings.Join(slow, "; ")})
	}
	landauer := true
	for _, row := range r.Rows {
		if row.Work+5*row.WorkSEM < math.Ln2 {
			landauer = false
		}
	}
	r.Checks = append(r.Checks, Check{"⟨W⟩ ≥ kT₀ ln 2 (within 5 SE) at every (Q, τ)", landauer, fmt.Sprintf("%d rows", len(r.Rows))})
	r.checkOptimalQ()
}

// Moderate damping is optimal: Dago, Ciliberto & Bellon (arXiv:2306.15573,
// abstract) find "Q ≃ 10 is optimal to contain energetic costs". At every
// duration τ ≥ OptimalQMinTau whose Q grid reaches below OptimalQLow and
// above OptimalQHigh, the Q of least ⟨W⟩ must lie in [OptimalQLow,
// OptimalQHigh], below the work at the grid's lowest and highest Q by more
// than 5 combined standard errors.
const (
	OptimalQLow    = 3
	OptimalQHigh   = 30
	OptimalQMinTau = 300 // 1/ω₀, ≈ 48 periods; shorter protocols are in the adiabatic regime for every Q ≥ τ
)

func (r *Report) checkOptimalQ() {
	byTau := map[float64][]Row{}
	var taus []float64
	for _, row := range r.Rows {
		if _, ok := byTau[row.Tau]; !ok {
			taus = append(taus, row.Tau)
		}
		byTau[row.Tau] = append(byTau[row.Tau], row)
	}
	var details []string
	pass, any := true, false
	for _, tau := range taus {
		rows := byTau[tau]
		lo, hi, best := rows[0], rows[0], rows[0]
		for _, row := range rows {
			if row.Quality < lo.Quality {
				lo = row
			}
			if row.Quality > hi.Quality {
				hi = row
			}
			if row.Work < best.Work {
				best = row
			}
		}
		if tau < OptimalQMinTau || lo.Quality >= OptimalQLow || hi.Quality <= OptimalQHigh {
			continue
		}
		any = true
		ok := best.Quality >= OptimalQLow && best.Quality <= OptimalQHigh
		for _, end := range []Row{lo, hi} {
			ok = ok && end.Work-best.Work > 5*math.Hypot(end.WorkSEM, best.WorkSEM)
		}
		pass = pass && ok
		details = append(details, fmt.Sprintf("τ = %g: least ⟨W⟩ = %.4f ± %.4f at Q = %g (Q = %g: %.4f, Q = %g: %.4f)",
			tau, best.Work, best.WorkSEM, best.Quality, lo.Quality, lo.Work, hi.Quality, hi.Work))
	}
	if any {
		r.Checks = append(r.Checks, Check{fmt.Sprintf("moderate damping is optimal: least ⟨W⟩ at Q in [%d, %d] (\"Q ≃ 10\", arXiv:2306.15573)", OptimalQLow, OptimalQHigh), pass, strings.Join(details, "; ")})
	}
}

// Figure draws the kinetic temperature at the end of the erasure against
// Q (log Q), one series per duration, with standard errors and the
// adiabatic limit 2T₀. Saving it writes the data as CSV beside the image.
func (r *Report) Figure() (*plots.Figure, error) {
	return r.figure(func(row Row) (float64, float64) { return row.KineticTemperature, row.KineticTemperatureSEM },
		`kinetic temperature $T_{\mathrm{kin}}/T_0$`, "kinetic_temperature", "T0", 2, `$2T_0$ (adiabatic limit)`, false, plots.LegendTopLeft)
}

// WorkFigure draws ⟨W⟩ against Q (both logarithmic), one series per
// duration, with the Landauer bound kT₀ ln 2.
func (r *Report) WorkFigure() (*plots.Figure, error) {
	return r.figure(func(row Row) (float64, float64) { return row.Work, row.WorkSEM },
		`$\langle W\rangle/kT_0$`, "work_mean", "kT0", math.Ln2, `$\ln 2$`, true, plots.LegendAuto)
}

// figure draws y against Q, one series per duration, and a horizontal
// reference line at ref labelled refTeX (none when refTeX is empty).
func (r *Report) figure(y func(Row) (float64, float64), ylabel, yname, yunit string, ref float64, refTeX string, logY bool, legend plots.LegendPosition) (*plots.Figure, error) {
	if len(r.Rows) == 0 {
		return nil, errors.New(Name + ": no rows to plot")
	}
	var series []plots.Series
	for _, tau := range r.Options.Durations {
		s := plots.Series{Label: fmt.Sprintf("τ = %g/ω₀", tau), TeX: fmt.Sprintf(`$\tau = %g/\omega_0$`, tau)}
		for _, row := range r.Rows {
			if row.Tau != tau {
				continue
			}
			v, se := y(row)
			s.Points = append(s.Points, plots.Point{X: row.Quality, Y: v, YLow: v - se, YHigh: v + se})
		}
		series = append(series, s)
	}
	if refTeX != "" {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, row := range r.Rows {
			lo, hi = math.Min(lo, row.Quality), math.Max(hi, row.Quality)
		}
		series = append(series, plots.Series{TeX: refTeX, Line: true,
			Points: []plots.Point{{X: lo, Y: ref, YLow: ref, YHigh: ref}, {X: hi, Y: ref, YLow: ref, YHigh: ref}}})
	}
	return plots.SeriesFigure(series, plots.SingleColumn(), plots.SeriesOptions{
		XLabel: `quality factor $Q$`, YLabel: ylabel,
		XName: "quality", YName: yname, YUnit: yunit,
		LogX: true, LogY: logY, Legend: legend,
	})
}
