package erasure

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/stats"
)

// Physical constants for converting kT to eV and joules (CODATA 2018, exact
// in the SI).
const (
	Boltzmann   = 1.380649e-23    // J/K
	ElectronVol = 1.602176634e-19 // J/eV
)

// Result is what a study measures. Energies are in kT of the reference bath
// (kT = 1 in the engine's units); KT_J and KT_eV convert them at Kelvin.
//
// Every estimate says what its uncertainty is (stats.Estimate.Kind): a
// standard error for the Monte Carlo method, a discretisation error for the
// Fokker–Planck method (Unknown where none is computed, never NaN). A
// quantity that does not apply to a result (the Jarzynski estimates of a
// Fokker–Planck solution, the kinetic temperature of overdamped dynamics,
// the time-step bias without a coarse path) is a nil pointer, and absent
// from the output.
//
// The JSON form (MarshalJSON, UnmarshalJSON) and the CSV columns are the
// flat ResultRecord: work_mean, work_sem, work_err, ...
type Result struct {
	Method    string  // "monte-carlo" or "fokker-planck"
	Potential string  // potential kind
	Protocol  string  // protocol kind
	Dynamics  string  // "overdamped" or "underdamped"
	Duration  float64 // protocol duration τ (time unit)

	// Work is ⟨W⟩, the Sekimoto work (kT); Heat is ⟨Q⟩, the heat dissipated
	// into the bath (kT); DeltaU is ⟨ΔU⟩ = ⟨W⟩ − ⟨Q⟩ (overdamped; kT). Monte
	// Carlo: ± standard errors. Fokker–Planck: Work and Heat ± their
	// discretisation errors, DeltaU with Kind Unknown.
	Work, Heat, DeltaU stats.Estimate

	// Errors counts the trajectories ending on the wrong side of the divide
	// (Monte Carlo; 0 for Fokker–Planck, where it does not apply).
	Errors int64
	// ErrorRate is ε, the fraction ending on the wrong side of the divide:
	// Monte Carlo, errors/trajectories ± its standard error
	// (stats.Proportion); Fokker–Planck, the final probability mass on the
	// wrong side ± its discretisation error.
	ErrorRate stats.Estimate
	// ErrorInterval is the range of ε: the 95 % Wilson interval (Monte
	// Carlo; its High is an upper bound when no error is seen), or ε ± its
	// discretisation error clipped to [0, 1] (Fokker–Planck,
	// stats.MethodDiscretisation).
	ErrorInterval stats.Interval
	// LandauerBound is kT[ln 2 − H(ε)] at the measured ε (kT), and
	// SymmetricMin the least work of a time-symmetric protocol at that ε
	// (kT; +Inf at ε = 0, written as absent).
	LandauerBound float64
	SymmetricMin  float64

	// Jarzynski is −kT ln⟨e^{−W/kT}⟩, an estimate of ΔF (kT; biased low for
	// erasures: rare failures dominate). FreeEnergyChange is the exact ΔF
	// from the partition functions at λ(0) and λ(τ) (kT).
	Jarzynski        *stats.Estimate
	FreeEnergyChange *float64
	// JarzynskiDetailed is ⟨e^{−W/kT} 1[x_τ on target side]⟩
	// (dimensionless) and DetailedExact its exact value
	// Z_target(λ(τ))/Z(λ(0)) (equilibrium starts only; nil otherwise).
	JarzynskiDetailed *stats.Estimate
	DetailedExact     *float64

	// Underdamped only: kinetic temperature ⟨m v²⟩ at the end (kT) and the
	// integrator's shadow work (kT).
	KineticTemperature *stats.Estimate
	ShadowWork         *stats.Estimate

	// Fokker–Planck only: the entropy production (W − ΔF_neq)/kT ≥ 0 in
	// nats, with ΔF_neq the change of the nonequilibrium free energy
	// ⟨U⟩ − kT S[p], and the number of grid cells (0 for Monte Carlo).
	EntropyProduction *float64
	Cells             int

	// Monte Carlo only: the integrator ("heun", "euler-maruyama",
	// "baoab") and its weak order p ("" and 0 for Fokker–Planck).
	Integrator string
	WeakOrder  int
	// The time-step bias of the Monte Carlo means (Monte Carlo only): the
	// estimated deviation X_dt − X_{dt→0} of the result from its dt → 0
	// limit, from the same trajectories integrated also at 2dt with the
	// same Brownian paths, (X_2dt − X_dt)/(2^p − 1) for the integrator's
	// weak order p. It assumes the time-step error is c·dt^p with higher
	// orders negligible at 2dt. X − bias is the extrapolated value. Each
	// comes with the standard error of the paired difference (small: the
	// paths are shared). Units of X (kT; ε dimensionless).
	WorkBias               *stats.Estimate
	HeatBias               *stats.Estimate
	ErrorRateBias          *stats.Estimate
	KineticTemperatureBias *stats.Estimate

	// Checks are the exact checks of a Monte Carlo run (JSON only): each
	// estimate, its standard error, its exact value and the z-score.
	Checks map[string]Check

	// WorkHistogram is the distribution of W (Monte Carlo only), in bins of
	// HistogramWidth kT: the data of a Jarzynski/Crooks figure.
	WorkHistogram *stats.Histogram
	// Snapshots are the density and the potential at evenly spaced times
	// (Fokker–Planck with Study.Snapshots > 0): the data of a density figure.
	Snapshots []Snapshot

	Trajectories int64   // Monte Carlo only (0 for Fokker–Planck)
	Steps        int     // time steps
	Dt           float64 // time step (time unit)
	Seed         uint64  // Monte Carlo only (0 for Fokker–Planck)
	Seconds      float64 // wall-clock time of the run (s)

	Kelvin float64 // temperature used for unit conversion (K)
	KTeV   float64 // kT at Kelvin in eV
	KTJ    float64 // kT at Kelvin in J
}

// HistogramWidth is the bin width of the work histogram (kT): fine enough to
// resolve the ~kT structure of an erasure's work distribution, coarse
// enough that a 100 kT spread needs only 1000 bins.
const HistogramWidth = 0.1

// KT returns kT in joules at temperature kelvin.
func KT(kelvin float64) float64 { return Boltzmann * kelvin }

func ptr(v float64) *float64 { return &v }

func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// meanOrNil is value ± se as a standard-error estimate (stats.Mean: Kind
// Unknown when se is not finite), nil when value is not finite (the
// quantity does not exist).
func meanOrNil(value, se float64) *stats.Estimate {
	if math.IsNaN(value) || math.IsInf(value, 0) {
		return nil
	}
	e := stats.Mean(value, se)
	return &e
}

// estimateOf is m.Estimate() as a pointer.
func estimateOf(m stats.Moments) *stats.Estimate {
	e := m.Estimate()
	return &e
}

// Check is one exact check of a Monte Carlo run: an estimate, its standard
// error, the exact value it must match, and z = (value − expected)/sem.
//
// A check that is an average of weights (the detailed Jarzynski one) also
// carries the weights' effective sample size; below MinEffectiveSamples its
// standard error cannot be trusted (the average is dominated by a few rare
// trajectories) and Warnings does not report it.
type Check struct {
	Value            float64 `json:"value"`
	SEM              float64 `json:"sem"`
	Expected         float64 `json:"expected"`
	Z                float64 `json:"z"`
	EffectiveSamples float64 `json:"effective_samples,omitempty"`
}

// MinEffectiveSamples is the least effective sample size (Kish) at which a
// weighted check's standard error is trusted for a warning. Of the order of
// the sample at which a standard error is itself known to ±10 %
// (relative SE of a SE ≈ 1/√(2 n_eff) for light tails); with heavy-tailed
// weights fewer samples give standard errors that are systematically low.
const MinEffectiveSamples = 100

// The checks a Monte Carlo result can carry (Result.Checks).
const (
	// CheckDetailedJarzynski is ⟨e^{−W/kT} 1[x_τ on target]⟩ against
	// Z_target(λ(τ))/Z(λ(0)) (equilibrium starts; PHYSICS.md §3).
	CheckDetailedJarzynski = "jarzynski_detailed"
	// CheckHoldBoltzmann is ⟨ΔU⟩ of a hold started in equilibrium against
	// 0: the dynamics must keep the Boltzmann density (PHYSICS.md §3).
	CheckHoldBoltzmann = "hold_boltzmann"
)

// CheckLimit is the |z| beyond which a check is reported as failed (Warnings).
const CheckLimit = 4

// Warnings returns one line per exact check off by more than CheckLimit
// standard errors, naming the check, by how much, and the remedy (a
// smaller time step), in check-name order; nil when every check passes.
func (r *Result) Warnings() []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(r.Checks)) {
		c := r.Checks[name]
		if math.Abs(c.Z) <= CheckLimit || (c.EffectiveSamples > 0 && c.EffectiveSamples < MinEffectiveSamples) {
			continue
		}
		what := map[string]string{
			CheckDetailedJarzynski: "detailed Jarzynski check ⟨e^−W 1[target]⟩",
			CheckHoldBoltzmann:     "Boltzmann check of the hold ⟨ΔU⟩",
		}[name]
		if what == "" {
			what = name
		}
		line := fmt.Sprintf("%s = %.5g ± %.2g, exact %.5g: off by %.1f standard errors; the time step dt = %g is likely too large: reduce dynamics.dt",
			what, c.Value, c.SEM, c.Expected, c.Z, r.Dt)
		switch {
		case name == CheckHoldBoltzmann && r.HeatBias != nil && r.HeatBias.Has(stats.StandardError):
			line += fmt.Sprintf(" (estimated time-step bias of ⟨ΔU⟩: %.2g ± %.1g kT)", -r.HeatBias.Value, r.HeatBias.Uncertainty)
		case r.WorkBias != nil && r.WorkBias.Has(stats.StandardError):
			line += fmt.Sprintf(" (estimated time-step bias of ⟨W⟩: %.2g ± %.1g kT)", r.WorkBias.Value, r.WorkBias.Uncertainty)
		}
		out = append(out, line)
	}
	return out
}

// Snapshot is the state of a Fokker–Planck solution at one time.
type Snapshot struct {
	T float64   `json:"t"` // time (time unit)
	X []float64 `json:"x"` // cell centres (length unit)
	U []float64 `json:"u"` // potential at X (kT)
	P []float64 `json:"p"` // probability density at X (1/length)
}
