package erasure

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"

	"github.com/landauer-dev/landauer/stats"
)

// ResultRecord is the flat form of a Result, as landauer writes it: one
// number per JSON key and CSV column (work_mean, work_sem, work_err, ...),
// the form of `landauer run` output, sweep point files and merged tables.
// A nil pointer is a quantity that is absent (an empty CSV cell, a missing
// JSON key); a field tagged only:"monte-carlo" or only:"fokker-planck" is
// absent from a result of the other method.
//
// Result.Record and ResultRecord.Result convert; Result's MarshalJSON and
// UnmarshalJSON go through it, so the JSON of a Result is the record's.
type ResultRecord struct {
	Method    string  `json:"method"`    // "monte-carlo" or "fokker-planck"
	Potential string  `json:"potential"` // potential kind
	Protocol  string  `json:"protocol"`  // protocol kind
	Dynamics  string  `json:"dynamics"`  // "overdamped" or "underdamped"
	Duration  float64 `json:"duration"`  // protocol duration τ (time unit)

	WorkMean   float64  `json:"work_mean"`                      // ⟨W⟩ Sekimoto work (kT)
	WorkSEM    *float64 `json:"work_sem" only:"monte-carlo"`    // standard error of ⟨W⟩ (kT; Monte Carlo only)
	WorkErr    *float64 `json:"work_err" only:"fokker-planck"`  // discretisation error of ⟨W⟩ (kT; Fokker–Planck only)
	HeatMean   float64  `json:"heat_mean"`                      // ⟨Q⟩ heat dissipated into the bath (kT)
	HeatSEM    *float64 `json:"heat_sem" only:"monte-carlo"`    // (kT; Monte Carlo only)
	HeatErr    *float64 `json:"heat_err" only:"fokker-planck"`  // discretisation error of ⟨Q⟩ (kT; Fokker–Planck only)
	DeltaUMean float64  `json:"delta_u_mean"`                   // ⟨ΔU⟩ = ⟨W⟩ − ⟨Q⟩ (overdamped) (kT)
	DeltaUSEM  *float64 `json:"delta_u_sem" only:"monte-carlo"` // (kT; Monte Carlo only)

	Errors        int64    `json:"errors" only:"monte-carlo"`           // trajectories ending on the wrong side (Monte Carlo)
	ErrorRate     float64  `json:"error_rate"`                          // ε: fraction ending on the wrong side of the divide
	ErrorLow      float64  `json:"error_low"`                           // lower end of the 95 % Wilson interval of ε (Fokker–Planck: ε − error_rate_err)
	ErrorHigh     float64  `json:"error_high"`                          // upper end (an upper bound when no error is seen)
	ErrorRateErr  *float64 `json:"error_rate_err" only:"fokker-planck"` // discretisation error of ε (Fokker–Planck only)
	LandauerBound float64  `json:"landauer_bound"`                      // kT[ln 2 − H(ε)] at the measured ε (kT)
	SymmetricMin  *float64 `json:"symmetric_bound"`                     // (kT; +Inf at ε = 0: absent)

	Jarzynski            *float64 `json:"jarzynski"`
	JarzynskiSEM         *float64 `json:"jarzynski_sem"`
	FreeEnergyChange     *float64 `json:"free_energy_change"`
	JarzynskiDetailed    *float64 `json:"jarzynski_detailed"`
	JarzynskiDetailedSEM *float64 `json:"jarzynski_detailed_sem"`
	DetailedExact        *float64 `json:"jarzynski_detailed_exact"`

	KineticTemperature    *float64 `json:"kinetic_temperature,omitempty"`
	KineticTemperatureSEM *float64 `json:"kinetic_temperature_sem,omitempty"`
	ShadowWorkMean        *float64 `json:"shadow_work_mean,omitempty"`
	ShadowWorkSEM         *float64 `json:"shadow_work_sem,omitempty"`

	EntropyProduction *float64 `json:"entropy_production,omitempty"`
	Cells             int      `json:"cells,omitempty"`

	Integrator string `json:"integrator,omitempty" only:"monte-carlo"`
	WeakOrder  int    `json:"weak_order,omitempty" only:"monte-carlo"`

	WorkBias                  *float64 `json:"work_bias,omitempty"`
	WorkBiasSEM               *float64 `json:"work_bias_sem,omitempty"`
	HeatBias                  *float64 `json:"heat_bias,omitempty"`
	HeatBiasSEM               *float64 `json:"heat_bias_sem,omitempty"`
	ErrorRateBias             *float64 `json:"error_rate_bias,omitempty"`
	ErrorRateBiasSEM          *float64 `json:"error_rate_bias_sem,omitempty"`
	KineticTemperatureBias    *float64 `json:"kinetic_temperature_bias,omitempty"`
	KineticTemperatureBiasSEM *float64 `json:"kinetic_temperature_bias_sem,omitempty"`

	Checks        map[string]Check `json:"checks,omitempty"`
	WorkHistogram *stats.Histogram `json:"work_histogram,omitempty"`
	Snapshots     []Snapshot       `json:"snapshots,omitempty"`

	Trajectories int64   `json:"trajectories" only:"monte-carlo"`
	Steps        int     `json:"steps"`
	Dt           float64 `json:"dt"`
	Seed         uint64  `json:"seed" only:"monte-carlo"`
	Seconds      float64 `json:"seconds"`

	Kelvin float64 `json:"kelvin"` // temperature used for unit conversion (K)
	KTeV   float64 `json:"kT_eV"`  // kT at Kelvin in eV
	KTJ    float64 `json:"kT_J"`   // kT at Kelvin in J
}

// Record returns the flat form of r: each estimate's value, and its
// uncertainty in the column of its kind (work_sem for a standard error,
// work_err for a discretisation error; nil for the other and for Unknown).
func (r *Result) Record() ResultRecord {
	value := func(e *stats.Estimate) *float64 {
		if e == nil {
			return nil
		}
		return ptr(e.Value)
	}
	se := func(e *stats.Estimate) *float64 {
		if e == nil {
			return nil
		}
		return e.UncertaintyOf(stats.StandardError)
	}
	return ResultRecord{
		Method: r.Method, Potential: r.Potential, Protocol: r.Protocol, Dynamics: r.Dynamics, Duration: r.Duration,

		WorkMean: r.Work.Value, WorkSEM: se(&r.Work), WorkErr: r.Work.UncertaintyOf(stats.Discretisation),
		HeatMean: r.Heat.Value, HeatSEM: se(&r.Heat), HeatErr: r.Heat.UncertaintyOf(stats.Discretisation),
		DeltaUMean: r.DeltaU.Value, DeltaUSEM: se(&r.DeltaU),

		Errors:        r.Errors,
		ErrorRate:     r.ErrorRate.Value,
		ErrorLow:      r.ErrorInterval.Low,
		ErrorHigh:     r.ErrorInterval.High,
		ErrorRateErr:  r.ErrorRate.UncertaintyOf(stats.Discretisation),
		LandauerBound: r.LandauerBound,
		SymmetricMin:  ptr(r.SymmetricMin),

		Jarzynski: value(r.Jarzynski), JarzynskiSEM: se(r.Jarzynski),
		FreeEnergyChange:  r.FreeEnergyChange,
		JarzynskiDetailed: value(r.JarzynskiDetailed), JarzynskiDetailedSEM: se(r.JarzynskiDetailed),
		DetailedExact: r.DetailedExact,

		KineticTemperature: value(r.KineticTemperature), KineticTemperatureSEM: se(r.KineticTemperature),
		ShadowWorkMean: value(r.ShadowWork), ShadowWorkSEM: se(r.ShadowWork),

		EntropyProduction: r.EntropyProduction,
		Cells:             r.Cells,
		Integrator:        r.Integrator,
		WeakOrder:         r.WeakOrder,

		WorkBias: value(r.WorkBias), WorkBiasSEM: se(r.WorkBias),
		HeatBias: value(r.HeatBias), HeatBiasSEM: se(r.HeatBias),
		ErrorRateBias: value(r.ErrorRateBias), ErrorRateBiasSEM: se(r.ErrorRateBias),
		KineticTemperatureBias: value(r.KineticTemperatureBias), KineticTemperatureBiasSEM: se(r.KineticTemperatureBias),

		Checks:        r.Checks,
		WorkHistogram: r.WorkHistogram,
		Snapshots:     r.Snapshots,

		Trajectories: r.Trajectories, Steps: r.Steps, Dt: r.Dt, Seed: r.Seed, Seconds: r.Seconds,
		Kelvin: r.Kelvin, KTeV: r.KTeV, KTJ: r.KTJ,
	}
}

// Result returns the Result that rec is the flat form of. The method says
// what an uncertainty column is: work_sem a standard error (Monte Carlo),
// work_err a discretisation error (Fokker–Planck); the other method's
// column is ignored (older versions wrote it as 0). Without a method, the
// column that is present (and non-zero, when both are) decides; with
// neither the kind is Unknown. The error rate of a Monte Carlo result is
// errors/trajectories ± its standard error (stats.Proportion, when errors
// and trajectories give error_rate; else its value alone) with the 95 %
// Wilson interval [error_low, error_high]; of a Fokker–Planck result,
// error_rate ± error_rate_err with that interval. A missing value leaves
// an optional estimate nil. A missing symmetric_bound is +Inf at ε = 0 or
// 1 (where it is infinite), else 0.
func (rec *ResultRecord) Result() Result {
	mc, fp := rec.Method == MonteCarlo, rec.Method == FokkerPlanck
	est := func(value float64, se, disc *float64) stats.Estimate {
		switch {
		case mc:
			disc = nil
		case fp:
			se = nil
		case se != nil && disc != nil && *se == 0 && *disc != 0:
			se = nil
		}
		switch {
		case se != nil:
			return stats.Mean(value, *se)
		case disc != nil:
			return stats.Discretised(value, *disc)
		}
		return stats.Estimate{Value: value}
	}
	opt := func(value, se *float64) *stats.Estimate {
		if value == nil {
			return nil
		}
		e := est(*value, se, nil)
		return &e
	}
	r := Result{
		Method: rec.Method, Potential: rec.Potential, Protocol: rec.Protocol, Dynamics: rec.Dynamics, Duration: rec.Duration,

		Work:   est(rec.WorkMean, rec.WorkSEM, rec.WorkErr),
		Heat:   est(rec.HeatMean, rec.HeatSEM, rec.HeatErr),
		DeltaU: est(rec.DeltaUMean, rec.DeltaUSEM, nil),

		Errors:        rec.Errors,
		LandauerBound: rec.LandauerBound,

		FreeEnergyChange: rec.FreeEnergyChange,
		DetailedExact:    rec.DetailedExact,

		EntropyProduction: rec.EntropyProduction,
		Cells:             rec.Cells,
		Integrator:        rec.Integrator,
		WeakOrder:         rec.WeakOrder,

		Checks:        rec.Checks,
		WorkHistogram: rec.WorkHistogram,
		Snapshots:     rec.Snapshots,

		Trajectories: rec.Trajectories, Steps: rec.Steps, Dt: rec.Dt, Seed: rec.Seed, Seconds: rec.Seconds,
		Kelvin: rec.Kelvin, KTeV: rec.KTeV, KTJ: rec.KTJ,
	}
	// symmetric_bound is absent where it is infinite, at ε = 0 (or 1).
	switch {
	case rec.SymmetricMin != nil:
		r.SymmetricMin = *rec.SymmetricMin
	case rec.ErrorRate == 0 || rec.ErrorRate == 1:
		r.SymmetricMin = math.Inf(1)
	}
	// The sampled estimates are standard-error ones, of any method that
	// has them.
	mc, fp = true, false
	r.Jarzynski = opt(rec.Jarzynski, rec.JarzynskiSEM)
	r.JarzynskiDetailed = opt(rec.JarzynskiDetailed, rec.JarzynskiDetailedSEM)
	r.KineticTemperature = opt(rec.KineticTemperature, rec.KineticTemperatureSEM)
	r.ShadowWork = opt(rec.ShadowWorkMean, rec.ShadowWorkSEM)
	r.WorkBias = opt(rec.WorkBias, rec.WorkBiasSEM)
	r.HeatBias = opt(rec.HeatBias, rec.HeatBiasSEM)
	r.ErrorRateBias = opt(rec.ErrorRateBias, rec.ErrorRateBiasSEM)
	r.KineticTemperatureBias = opt(rec.KineticTemperatureBias, rec.KineticTemperatureBiasSEM)

	if rec.Method == FokkerPlanck || rec.Method != MonteCarlo && rec.ErrorRateErr != nil {
		r.ErrorRate = stats.Estimate{Value: rec.ErrorRate}
		if rec.ErrorRateErr != nil {
			r.ErrorRate = stats.Discretised(rec.ErrorRate, *rec.ErrorRateErr)
		}
		r.ErrorInterval = stats.Interval{Low: rec.ErrorLow, High: rec.ErrorHigh, Method: stats.MethodDiscretisation}
		return r
	}
	r.ErrorRate = stats.Proportion(rec.Errors, rec.Trajectories)
	if r.ErrorRate.Value != rec.ErrorRate || rec.Trajectories == 0 {
		r.ErrorRate = stats.Estimate{Value: rec.ErrorRate}
	}
	r.ErrorInterval = stats.Interval{Low: rec.ErrorLow, High: rec.ErrorHigh, Level: wilsonLevel, Method: stats.MethodWilson}
	return r
}

// wilsonLevel is the confidence level of a Monte Carlo result's error
// interval.
const wilsonLevel = 0.95

// MarshalJSON writes r as its flat record (ResultRecord.MarshalJSON).
func (r Result) MarshalJSON() ([]byte, error) { return r.Record().MarshalJSON() }

// UnmarshalJSON reads the flat JSON object that MarshalJSON writes (and
// that every earlier version wrote: point files of existing sweeps read
// back).
func (r *Result) UnmarshalJSON(data []byte) error {
	var rec ResultRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return err
	}
	*r = rec.Result()
	return nil
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
// (the symmetric bound at ε = 0). So the JSON never holds null, NaN or
// Infinity.
func (r ResultRecord) MarshalJSON() ([]byte, error) {
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
