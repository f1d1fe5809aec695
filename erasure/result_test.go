package erasure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/landauer-dev/landauer/stats"
)

// closeRel reports whether got is within rel (relative) of want.
func closeRel(got, want, rel float64) bool {
	if got == want {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), math.Abs(got))
}

// A check off by many standard errors is reported, unless its weights have
// too few effective samples for their standard error to be trusted.
func TestWarningsNeedEffectiveSamples(t *testing.T) {
	r := &Result{Dt: 1e-3, Checks: map[string]Check{
		CheckDetailedJarzynski: {Value: 0.2, SEM: 0.05, Expected: 0.5, Z: -6, EffectiveSamples: 12},
	}}
	if w := r.Warnings(); len(w) != 0 {
		t.Errorf("warned on a check with 12 effective samples: %q", w)
	}
	c := r.Checks[CheckDetailedJarzynski]
	c.EffectiveSamples = 5000
	r.Checks[CheckDetailedJarzynski] = c
	if w := r.Warnings(); len(w) != 1 {
		t.Errorf("no warning on a check 6 SE off with 5000 effective samples: %q", w)
	}
}

// quickResult runs a small study of the given method and dynamics (coarse
// path on for Monte Carlo, so every optional estimate is there).
func quickResult(t *testing.T, method, dynamics string, trajectories int) *Result {
	t.Helper()
	cfg, err := ParseConfig([]byte(`
[potential]
kind = "jun"
barrier = 3.0
[protocol]
kind = "four-stage"
duration = 1.0
[dynamics]
kind = "` + dynamics + `"
dt = 0.002
[ensemble]
trajectories = ` + fmt.Sprint(trajectories) + `
seed = 3
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := cfg.Study()
	if err != nil {
		t.Fatal(err)
	}
	s.Method = method
	return runStudy(t, s)
}

// A Result survives JSON and its flat record unchanged, and its JSON never
// holds null, NaN or a key of the other method; absent quantities are nil.
func TestResultJSONRoundTrip(t *testing.T) {
	for _, c := range []struct {
		name, method, dynamics string
		n                      int
	}{
		{"monte-carlo", MonteCarlo, "overdamped", 400},
		{"one trajectory", MonteCarlo, "overdamped", 1},
		{"underdamped", MonteCarlo, "underdamped", 300},
		{"fokker-planck", FokkerPlanck, "overdamped", 1},
	} {
		r := quickResult(t, c.method, c.dynamics, c.n)
		r.Seconds = 0.5 // a binary fraction: exact in JSON
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Result
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(&back, r) {
			t.Errorf("%s: JSON round trip differs:\n got %+v\nwant %+v", c.name, back, *r)
		}
		rec := r.Record()
		if got := rec.Result(); !reflect.DeepEqual(&got, r) {
			t.Errorf("%s: record round trip differs:\n got %+v\nwant %+v", c.name, got, *r)
		}
		if bytes.Contains(data, []byte("null")) || bytes.Contains(data, []byte("NaN")) {
			t.Errorf("%s: JSON holds null or NaN: %s", c.name, data)
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(data, &keys); err != nil {
			t.Fatal(err)
		}
		other := map[string]string{MonteCarlo: "work_err", FokkerPlanck: "work_sem"}[c.method]
		if _, ok := keys[other]; ok {
			t.Errorf("%s: JSON has %s", c.name, other)
		}
		switch c.name {
		case "fokker-planck":
			if r.Jarzynski != nil || r.JarzynskiDetailed != nil || !r.Work.Has(stats.Discretisation) ||
				r.ErrorInterval.Method != stats.MethodDiscretisation || r.DeltaU.Kind != stats.Unknown {
				t.Errorf("fokker-planck: %+v", r)
			}
		case "one trajectory":
			if r.Work.Kind != stats.Unknown || r.Work.Uncertainty != 0 {
				t.Errorf("one trajectory: work %+v, want no standard error", r.Work)
			}
			if _, ok := keys["work_sem"]; ok {
				t.Errorf("one trajectory: JSON has work_sem: %s", data)
			}
		case "underdamped":
			if r.KineticTemperature == nil || r.ShadowWork == nil || !r.KineticTemperature.Has(stats.StandardError) {
				t.Errorf("underdamped: kinetic temperature %v, shadow work %v", r.KineticTemperature, r.ShadowWork)
			}
		case "monte-carlo":
			if !r.Work.Has(stats.StandardError) || r.ErrorInterval.Method != stats.MethodWilson || r.ErrorInterval.Level != 0.95 ||
				r.Jarzynski == nil || r.KineticTemperature != nil {
				t.Errorf("monte-carlo: %+v", r)
			}
			if lo, hi := stats.Wilson(r.Errors, r.Trajectories, 0.95); r.ErrorInterval.Low != lo || r.ErrorInterval.High != hi {
				t.Errorf("monte-carlo: interval %+v, Wilson (%v, %v)", r.ErrorInterval, lo, hi)
			}
		}
	}
}

// A point file written before the reshape (flat JSON, as in sweeps already
// on disk) reads into the new Result with the kinds its columns imply.
func TestResultReadsFlatJSON(t *testing.T) {
	const mc = `{"method":"monte-carlo","potential":"quartic","protocol":"tilt","dynamics":"overdamped","duration":1,` +
		`"work_mean":0.9,"work_sem":0.01,"heat_mean":0.8,"heat_sem":0.02,"delta_u_mean":0.1,"delta_u_sem":0.005,` +
		`"errors":3,"error_rate":0.003,"error_low":0.001,"error_high":0.008,"landauer_bound":0.67,"symmetric_bound":2.8,` +
		`"jarzynski":-0.2,"jarzynski_sem":0.03,"free_energy_change":0,"jarzynski_detailed":0.49,"jarzynski_detailed_exact":0.5,` +
		`"integrator":"heun","weak_order":2,"trajectories":1000,"steps":100,"dt":0.01,"seed":7,"seconds":1,"kelvin":300,"kT_eV":0.0258,"kT_J":4.1e-21}`
	var r Result
	if err := json.Unmarshal([]byte(mc), &r); err != nil {
		t.Fatal(err)
	}
	want := stats.Proportion(3, 1000)
	if r.Work != stats.Mean(0.9, 0.01) || r.ErrorRate != want || r.ErrorInterval != (stats.Interval{Low: 0.001, High: 0.008, Level: 0.95, Method: stats.MethodWilson}) ||
		*r.Jarzynski != stats.Mean(-0.2, 0.03) || *r.JarzynskiDetailed != (stats.Estimate{Value: 0.49}) || r.ShadowWork != nil || r.WorkBias != nil {
		t.Errorf("read %+v", r)
	}
	const fp = `{"method":"fokker-planck","work_mean":0.7,"work_err":0.001,"heat_mean":0.6,"heat_err":0.002,"delta_u_mean":0.1,` +
		`"error_rate":1e-9,"error_low":0,"error_high":3e-9,"error_rate_err":2e-9,"entropy_production":0.05,"cells":400}`
	r = Result{}
	if err := json.Unmarshal([]byte(fp), &r); err != nil {
		t.Fatal(err)
	}
	if r.Work != stats.Discretised(0.7, 0.001) || r.DeltaU != (stats.Estimate{Value: 0.1}) || r.ErrorRate != stats.Discretised(1e-9, 2e-9) ||
		r.ErrorInterval != (stats.Interval{Low: 0, High: 3e-9, Method: stats.MethodDiscretisation}) || r.Jarzynski != nil || *r.EntropyProduction != 0.05 {
		t.Errorf("read %+v", r)
	}
	back, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	// The same keys come back (in the writer's order, with the zero fields
	// every result has).
	for _, k := range []string{`"work_err":0.001`, `"error_rate_err":2e-9`, `"entropy_production":0.05`, `"cells":400`} {
		if !bytes.Contains(back, []byte(k)) {
			t.Errorf("rewritten JSON lacks %s: %s", k, back)
		}
	}
	if err := json.Unmarshal([]byte(`{"work_mean":"x"}`), &r); err == nil {
		t.Error("a string work_mean read without error")
	}
}
