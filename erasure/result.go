package erasure

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
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

	WorkMean   float64 `json:"work_mean"`    // ⟨W⟩ Sekimoto work (kT)
	WorkSEM    float64 `json:"work_sem"`     // standard error of ⟨W⟩ (kT)
	WorkErr    float64 `json:"work_err"`     // discretisation error of ⟨W⟩ (kT; Fokker–Planck only)
	HeatMean   float64 `json:"heat_mean"`    // ⟨Q⟩ heat dissipated into the bath (kT)
	HeatSEM    float64 `json:"heat_sem"`     // (kT)
	HeatErr    float64 `json:"heat_err"`     // discretisation error of ⟨Q⟩ (kT; Fokker–Planck only)
	DeltaUMean float64 `json:"delta_u_mean"` // ⟨ΔU⟩ = ⟨W⟩ − ⟨Q⟩ (overdamped) (kT)
	DeltaUSEM  float64 `json:"delta_u_sem"`  // (kT)

	Errors        int64   `json:"errors"`         // trajectories ending on the wrong side (Monte Carlo)
	ErrorRate     float64 `json:"error_rate"`     // ε: fraction ending on the wrong side of the divide
	ErrorLow      float64 `json:"error_low"`      // lower end of the 95 % Wilson interval of ε
	ErrorHigh     float64 `json:"error_high"`     // upper end (an upper bound when no error is seen)
	ErrorRateErr  float64 `json:"error_rate_err"` // discretisation error of ε (Fokker–Planck only)
	LandauerBound float64 `json:"landauer_bound"` // kT[ln 2 − H(ε)] at the measured ε (kT)
	SymmetricMin  float64 `json:"symmetric_bound"`

	// Jarzynski is −kT ln⟨e^{−W/kT}⟩, an estimate of ΔF (biased low for
	// erasures: rare failures dominate). FreeEnergyChange is the exact ΔF
	// from the partition functions at λ(0) and λ(τ).
	Jarzynski        float64  `json:"jarzynski"`
	JarzynskiSEM     float64  `json:"jarzynski_sem"`
	FreeEnergyChange *float64 `json:"free_energy_change"`
	// JarzynskiDetailed is ⟨e^{−W/kT} 1[x_τ on target side]⟩ and
	// DetailedExact its exact value Z_target(λ(τ))/Z(λ(0)) (equilibrium
	// starts only; NaN otherwise, written as null).
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

	// WorkHistogram is the distribution of W (Monte Carlo only), in bins of
	// HistogramWidth kT: the data of a Jarzynski/Crooks figure.
	WorkHistogram *Histogram `json:"work_histogram,omitempty"`
	// Snapshots are the density and the potential at evenly spaced times
	// (Fokker–Planck with Study.Snapshots > 0): the data of a density figure.
	Snapshots []Snapshot `json:"snapshots,omitempty"`

	Trajectories int64   `json:"trajectories"`
	Steps        int     `json:"steps"`
	Dt           float64 `json:"dt"`
	Seed         uint64  `json:"seed"`
	Seconds      float64 `json:"seconds"`

	Kelvin float64 `json:"kelvin"` // temperature used for unit conversion (K)
	KTeV   float64 `json:"kT_eV"`  // kT at Kelvin in eV
	KTJ    float64 `json:"kT_J"`   // kT at Kelvin in J
}

// KT returns kT in joules at temperature kelvin.
func KT(kelvin float64) float64 { return Boltzmann * kelvin }

func ptr(v float64) *float64 { return &v }

func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// MarshalJSON writes r as one JSON object in field order, with NaN and
// infinite numbers (an undefined standard error of a single trajectory, the
// symmetric bound at ε = 0) written as null rather than failing.
func (r Result) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	v := reflect.ValueOf(r)
	t := v.Type()
	first := true
	for i := range t.NumField() {
		tag, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		f := v.Field(i)
		if opts == "omitempty" && f.IsZero() {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(tag)
		buf.Write(key)
		buf.WriteByte(':')
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				buf.WriteString("null")
				continue
			}
			f = f.Elem()
		}
		if f.Kind() == reflect.Float64 && (math.IsNaN(f.Float()) || math.IsInf(f.Float(), 0)) {
			buf.WriteString("null")
			continue
		}
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
