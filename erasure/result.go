package erasure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"

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
// Every mean comes with its standard error (_sem) or, for the
// Fokker–Planck method, a discretisation error estimate (_err).
type Result struct {
	Method    string  `json:"method"`    // "monte-carlo" or "fokker-planck"
	Potential string  `json:"potential"` // potential kind
	Protocol  string  `json:"protocol"`  // protocol kind
	Dynamics  string  `json:"dynamics"`  // "overdamped" or "underdamped"
	Duration  float64 `json:"duration"`  // protocol duration τ (time unit)

	WorkMean   float64 `json:"work_mean"`                      // ⟨W⟩ Sekimoto work (kT)
	WorkSEM    float64 `json:"work_sem" only:"monte-carlo"`    // standard error of ⟨W⟩ (kT; Monte Carlo only)
	WorkErr    float64 `json:"work_err" only:"fokker-planck"`  // discretisation error of ⟨W⟩ (kT; Fokker–Planck only)
	HeatMean   float64 `json:"heat_mean"`                      // ⟨Q⟩ heat dissipated into the bath (kT)
	HeatSEM    float64 `json:"heat_sem" only:"monte-carlo"`    // (kT; Monte Carlo only)
	HeatErr    float64 `json:"heat_err" only:"fokker-planck"`  // discretisation error of ⟨Q⟩ (kT; Fokker–Planck only)
	DeltaUMean float64 `json:"delta_u_mean"`                   // ⟨ΔU⟩ = ⟨W⟩ − ⟨Q⟩ (overdamped) (kT)
	DeltaUSEM  float64 `json:"delta_u_sem" only:"monte-carlo"` // (kT; Monte Carlo only)

	Errors        int64   `json:"errors" only:"monte-carlo"`           // trajectories ending on the wrong side (Monte Carlo)
	ErrorRate     float64 `json:"error_rate"`                          // ε: fraction ending on the wrong side of the divide
	ErrorLow      float64 `json:"error_low"`                           // lower end of the 95 % Wilson interval of ε
	ErrorHigh     float64 `json:"error_high"`                          // upper end (an upper bound when no error is seen)
	ErrorRateErr  float64 `json:"error_rate_err" only:"fokker-planck"` // discretisation error of ε (Fokker–Planck only)
	LandauerBound float64 `json:"landauer_bound"`                      // kT[ln 2 − H(ε)] at the measured ε (kT)
	SymmetricMin  float64 `json:"symmetric_bound"`

	// Jarzynski is −kT ln⟨e^{−W/kT}⟩, an estimate of ΔF (biased low for
	// erasures: rare failures dominate). FreeEnergyChange is the exact ΔF
	// from the partition functions at λ(0) and λ(τ).
	Jarzynski        float64  `json:"jarzynski"`
	JarzynskiSEM     float64  `json:"jarzynski_sem"`
	FreeEnergyChange *float64 `json:"free_energy_change"`
	// JarzynskiDetailed is ⟨e^{−W/kT} 1[x_τ on target side]⟩ and
	// DetailedExact its exact value Z_target(λ(τ))/Z(λ(0)) (equilibrium
	// starts only; nil otherwise, absent from the JSON).
	JarzynskiDetailed    float64  `json:"jarzynski_detailed"`
	JarzynskiDetailedSEM float64  `json:"jarzynski_detailed_sem"`
	DetailedExact        *float64 `json:"jarzynski_detailed_exact"`

	// Underdamped only: kinetic temperature ⟨m v²⟩ at the end (kT) and the
	// integrator's shadow work (kT).
	KineticTemperature    *float64 `json:"kinetic_temperature,omitempty"`
	KineticTemperatureSEM *float64 `json:"kinetic_temperature_sem,omitempty"`
	ShadowWorkMean        *float64 `json:"shadow_work_mean,omitempty"`
	ShadowWorkSEM         *float64 `json:"shadow_work_sem,omitempty"`

	// Fokker–Planck only: the entropy production (W − ΔF_neq)/kT ≥ 0 in
	// nats, with ΔF_neq the change of the nonequilibrium free energy
	// ⟨U⟩ − kT S[p], and the number of grid cells.
	EntropyProduction *float64 `json:"entropy_production,omitempty"`
	Cells             int      `json:"cells,omitempty"`

	// Monte Carlo only: the integrator ("heun", "euler-maruyama",
	// "baoab") and its weak order p.
	Integrator string `json:"integrator,omitempty" only:"monte-carlo"`
	WeakOrder  int    `json:"weak_order,omitempty" only:"monte-carlo"`
	// The time-step bias of the Monte Carlo means (Monte Carlo only): the
	// estimated deviation X_dt − X_{dt→0} of the result from its dt → 0
	// limit, from the same trajectories integrated also at 2dt with the
	// same Brownian paths, (X_2dt − X_dt)/(2^p − 1) for the integrator's
	// weak order p. It assumes the time-step error is c·dt^p with higher
	// orders negligible at 2dt. X − bias is the extrapolated value. Each
	// comes with the standard error of the paired difference (small: the
	// paths are shared).
	WorkBias                  *float64 `json:"work_bias,omitempty"`
	WorkBiasSEM               *float64 `json:"work_bias_sem,omitempty"`
	HeatBias                  *float64 `json:"heat_bias,omitempty"`
	HeatBiasSEM               *float64 `json:"heat_bias_sem,omitempty"`
	ErrorRateBias             *float64 `json:"error_rate_bias,omitempty"`
	ErrorRateBiasSEM          *float64 `json:"error_rate_bias_sem,omitempty"`
	KineticTemperatureBias    *float64 `json:"kinetic_temperature_bias,omitempty"`
	KineticTemperatureBiasSEM *float64 `json:"kinetic_temperature_bias_sem,omitempty"`

	// Checks are the exact checks of a Monte Carlo run (JSON only): each
	// estimate, its standard error, its exact value and the z-score.
	Checks map[string]Check `json:"checks,omitempty"`

	// WorkHistogram is the distribution of W (Monte Carlo only), in bins of
	// HistogramWidth kT: the data of a Jarzynski/Crooks figure.
	WorkHistogram *stats.Histogram `json:"work_histogram,omitempty"`
	// Snapshots are the density and the potential at evenly spaced times
	// (Fokker–Planck with Study.Snapshots > 0): the data of a density figure.
	Snapshots []Snapshot `json:"snapshots,omitempty"`

	Trajectories int64   `json:"trajectories" only:"monte-carlo"`
	Steps        int     `json:"steps"`
	Dt           float64 `json:"dt"`
	Seed         uint64  `json:"seed" only:"monte-carlo"`
	Seconds      float64 `json:"seconds"`

	Kelvin float64 `json:"kelvin"` // temperature used for unit conversion (K)
	KTeV   float64 `json:"kT_eV"`  // kT at Kelvin in eV
	KTJ    float64 `json:"kT_J"`   // kT at Kelvin in J
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
		case name == CheckHoldBoltzmann && r.HeatBias != nil && r.HeatBiasSEM != nil:
			line += fmt.Sprintf(" (estimated time-step bias of ⟨ΔU⟩: %.2g ± %.1g kT)", -*r.HeatBias, *r.HeatBiasSEM)
		case r.WorkBias != nil && r.WorkBiasSEM != nil:
			line += fmt.Sprintf(" (estimated time-step bias of ⟨W⟩: %.2g ± %.1g kT)", *r.WorkBias, *r.WorkBiasSEM)
		}
		out = append(out, line)
	}
	return out
}

// applies reports whether a field tagged only:"method" (or untagged)
// applies to a result of the given method.
func applies(f reflect.StructField, method string) bool {
	only := f.Tag.Get("only")
	return only == "" || only == method
}

// MarshalJSON writes r as one JSON object in field order. A quantity that
// does not apply is absent: a nil pointer or map, a field that belongs to
// the other method (tag only:"monte-carlo" or only:"fokker-planck"), an
// omitempty field at its zero value, and a number that is NaN or infinite
// (an undefined standard error of a single trajectory, the symmetric
// bound at ε = 0). So the JSON never holds null, NaN or Infinity.
func (r Result) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	v := reflect.ValueOf(r)
	t := v.Type()
	first := true
	for i := range t.NumField() {
		tag, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		f := v.Field(i)
		if opts == "omitempty" && f.IsZero() || !applies(t.Field(i), r.Method) {
			continue
		}
		if f.Kind() == reflect.Pointer || f.Kind() == reflect.Map {
			if f.IsNil() {
				continue
			}
			if f.Kind() == reflect.Pointer {
				f = f.Elem()
			}
		}
		if f.Kind() == reflect.Float64 && (math.IsNaN(f.Float()) || math.IsInf(f.Float(), 0)) {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(tag)
		buf.Write(key)
		buf.WriteByte(':')
		b, err := json.Marshal(f.Interface())
		if err != nil {
			return nil, err
		}
		buf.Write(b)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Snapshot is the state of a Fokker–Planck solution at one time.
type Snapshot struct {
	T float64   `json:"t"` // time (time unit)
	X []float64 `json:"x"` // cell centres (length unit)
	U []float64 `json:"u"` // potential at X (kT)
	P []float64 `json:"p"` // probability density at X (1/length)
}
