package majority

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/stats"
)

// The results' JSON is flat, with the keys of earlier versions, and reads
// back into the same estimates.
func TestResultJSON(t *testing.T) {
	r := Result{Units: 3, Bits: 100, UnitErrors: 12, UnitError: stats.Proportion(12, 300),
		UnitErrorInterval: stats.WilsonInterval(12, 300, 0.95), LogicalErrors: 2, LogicalError: stats.Proportion(2, 100),
		LogicalErrorInterval: stats.WilsonInterval(2, 100, 0.95), IndependentFit: 0.004, WrongUnits: []int64{88, 10, 2, 0},
		WorkPerBit: stats.Mean(2.5, 0.125), WorkPerUnit: stats.Mean(0.75, 0.0625), LandauerPerBit: 1.5, LandauerLogical: 0.5}
	c := CoupledResult{Result: r, Kappa: 2, Start: "logical", BurnIn: 1, Dt: 0.01, Steps: 100, StartAgree: 90,
		StartAgreeFraction: 0.9, Agree: 88, AgreeFraction: stats.Proportion(88, 100), AgreeInterval: stats.WilsonInterval(88, 100, 0.95),
		PairCorrelation: 0.25, EquilibriumAgree: 0.5, QuasiStatic: 0.7, Bound: 0.6}
	e := ExactResult{Units: 3, UnitError: stats.Discretised(0.04, 1e-5), LogicalError: stats.Estimate{Value: 0.0047},
		WorkPerUnit: stats.Discretised(0.75, 1e-4), WorkPerBit: stats.Discretised(2.25, 3e-4)}
	for _, c := range []struct {
		v, back any
		keys    string
	}{
		{r, &Result{}, "units,bits,unit_errors,unit_error,unit_error_low,unit_error_high,logical_errors,logical_error,logical_error_low," +
			"logical_error_high,logical_error_independent,wrong_units,work_per_bit,work_per_bit_sem,work_per_unit,work_per_unit_sem,landauer_per_bit,landauer_logical"},
		{c, &CoupledResult{}, "units,bits,unit_errors,unit_error,unit_error_low,unit_error_high,logical_errors,logical_error,logical_error_low," +
			"logical_error_high,logical_error_independent,wrong_units,work_per_bit,work_per_bit_sem,work_per_unit,work_per_unit_sem,landauer_per_bit,landauer_logical," +
			"kappa,start,burn_in,dt,steps,start_agree,start_agree_fraction,agree,agree_fraction,agree_low,agree_high,pair_correlation,equilibrium_agree,quasi_static,bound"},
		{e, &ExactResult{}, "units,unit_error,unit_error_err,logical_error,work_per_unit,work_per_unit_err,work_per_bit,work_per_bit_err"},
	} {
		b, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		var keys []string
		dec.Token() // {
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			dec.Decode(&skip)
		}
		if got := strings.Join(keys, ","); got != c.keys {
			t.Errorf("%T keys\n %s\nwant\n %s", c.v, got, c.keys)
		}
		if err := json.Unmarshal(b, c.back); err != nil {
			t.Fatal(err)
		}
		if got := reflect.ValueOf(c.back).Elem().Interface(); !reflect.DeepEqual(got, c.v) {
			t.Errorf("%T read back\n %+v\nwant\n %+v", c.v, got, c.v)
		}
	}
}
