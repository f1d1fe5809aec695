package erasure

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/landauer-dev/landauer/internal/safeio"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Output formats of a Result.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

// Write writes r in the given format: "table" (human-readable, with eV and J
// columns at r.Kelvin), "json" (one object) or "csv" (a "# units:" comment
// line, a header of bare field names, one row; see WriteCSV).
func Write(w io.Writer, r *Result, format string) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		return enc.Encode(r)
	case FormatCSV:
		return writeCSV(w, r)
	case FormatTable, "":
		return writeTable(w, r)
	}
	return fmt.Errorf("unknown format %q (have table, json, csv)", format)
}

// field is one reported quantity: a name, its unit, and its value.
type field struct {
	name, unit string
	value      any
}

func fields(res *Result) []field {
	r := res.Record()
	f := []field{
		{"method", "", r.Method},
		{"potential", "", r.Potential},
		{"protocol", "", r.Protocol},
		{"dynamics", "", r.Dynamics},
		{"duration", "t0", r.Duration},
		{"work_mean", "kT", r.WorkMean},
		{"work_sem", "kT", r.WorkSEM},
		{"work_err", "kT", r.WorkErr},
		{"heat_mean", "kT", r.HeatMean},
		{"heat_sem", "kT", r.HeatSEM},
		{"heat_err", "kT", r.HeatErr},
		{"delta_u_mean", "kT", r.DeltaUMean},
		{"delta_u_sem", "kT", r.DeltaUSEM},
		{"errors", "", r.Errors},
		{"error_rate", "", r.ErrorRate},
		{"error_low", "", r.ErrorLow},
		{"error_high", "", r.ErrorHigh},
		{"error_rate_err", "", r.ErrorRateErr},
		{"landauer_bound", "kT", r.LandauerBound},
		{"symmetric_bound", "kT", r.SymmetricMin},
		{"jarzynski", "kT", r.Jarzynski},
		{"jarzynski_sem", "kT", r.JarzynskiSEM},
		{"free_energy_change", "kT", r.FreeEnergyChange},
		{"jarzynski_detailed", "", r.JarzynskiDetailed},
		{"jarzynski_detailed_sem", "", r.JarzynskiDetailedSEM},
		{"jarzynski_detailed_exact", "", r.DetailedExact},
		{"kinetic_temperature", "kT", r.KineticTemperature},
		{"kinetic_temperature_sem", "kT", r.KineticTemperatureSEM},
		{"shadow_work_mean", "kT", r.ShadowWorkMean},
		{"shadow_work_sem", "kT", r.ShadowWorkSEM},
		{"integrator", "", r.Integrator},
		{"weak_order", "", r.WeakOrder},
		{"work_bias", "kT", r.WorkBias},
		{"work_bias_sem", "kT", r.WorkBiasSEM},
		{"heat_bias", "kT", r.HeatBias},
		{"heat_bias_sem", "kT", r.HeatBiasSEM},
		{"error_rate_bias", "", r.ErrorRateBias},
		{"error_rate_bias_sem", "", r.ErrorRateBiasSEM},
		{"kinetic_temperature_bias", "kT", r.KineticTemperatureBias},
		{"kinetic_temperature_bias_sem", "kT", r.KineticTemperatureBiasSEM},
		{"entropy_production", "nats", r.EntropyProduction},
		{"cells", "", r.Cells},
		{"trajectories", "", r.Trajectories},
		{"steps", "", r.Steps},
		{"dt", "t0", r.Dt},
		{"seed", "", r.Seed},
		{"seconds", "s", r.Seconds},
		{"kelvin", "K", r.Kelvin},
		{"kT_eV", "eV", r.KTeV},
		{"kT_J", "J", r.KTJ},
	}
	return f
}

// ResultFields is the names of a Result's reported fields (its CSV columns
// and JSON keys, without the JSON-only histogram and checks) in column
// order, with their units ("" when dimensionless): t0 the time unit, kT the
// bath's thermal energy, nats, s, K, eV, J.
func ResultFields() (names, units []string) {
	for _, f := range fields(&Result{}) {
		names, units = append(names, f.name), append(units, f.unit)
	}
	return names, units
}

// format writes a field's value for CSV: a nil pointer, NaN and ±Inf (a
// quantity that does not exist here) are the empty string.
func format(v any) string {
	switch t := v.(type) {
	case *float64:
		if t == nil {
			return ""
		}
		return format(*t)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return ""
		}
		return strconv.FormatFloat(t, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// onlyFor maps the JSON names of Result's fields tagged only:"method" to
// that method.
var onlyFor = func() map[string]string {
	m := map[string]string{}
	t := reflect.TypeOf(ResultRecord{})
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if only := t.Field(i).Tag.Get("only"); only != "" {
			m[name] = only
		}
	}
	return m
}()

// UnitsComment is the "# units: name=unit,..." line (with its newline)
// that precedes the header of every CSV landauer writes: the unit of each
// column that has one, the header itself holding bare names (work_mean,
// not "work_mean [kT]") for pandas and R. pandas skips it with
// pd.read_csv(path, comment="#").
func UnitsComment(names, units []string) string {
	var b strings.Builder
	b.WriteString("# units:")
	sep := " "
	for i, n := range names {
		if units[i] == "" {
			continue
		}
		b.WriteString(sep + n + "=" + units[i])
		sep = ","
	}
	b.WriteString("\n")
	return b.String()
}

// CommentLines writes each line of text as a CSV comment line "# prefix...".
func CommentLines(w io.Writer, prefix, text string) error {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if _, err := fmt.Fprintf(w, "# %s%s\n", prefix, strings.TrimRight(l, "\r")); err != nil {
			return err
		}
	}
	return nil
}

func writeCSV(w io.Writer, r *Result) error {
	fs := fields(r)
	head, units, row := make([]string, len(fs)), make([]string, len(fs)), make([]string, len(fs))
	for i, f := range fs {
		head[i], units[i] = f.name, f.unit
		if only, ok := onlyFor[f.name]; ok && only != r.Method {
			continue // does not apply: empty
		}
		row[i] = format(f.value)
	}
	if _, err := io.WriteString(w, UnitsComment(head, units)); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(head)
	cw.Write(row)
	cw.Flush()
	return cw.Error()
}

func writeTable(w io.Writer, r *Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	eV, J := r.KTeV, r.KTJ
	energy := func(name string, mean, sem float64, semName string) {
		if math.IsNaN(sem) || math.IsInf(sem, 0) { // one trajectory: no standard error
			fmt.Fprintf(tw, "%s\t%.5g kT\t%.4g eV\t%.4g J\t(no %s)\n", name, mean, mean*eV, mean*J, semName)
			return
		}
		fmt.Fprintf(tw, "%s\t%.5g ± %.2g kT\t%.4g ± %.2g eV\t%.4g ± %.2g J\t(%s)\n",
			name, mean, sem, mean*eV, sem*eV, mean*J, sem*J, semName)
	}
	unc := "standard error"
	if r.Method == FokkerPlanck {
		unc = "discretisation error"
	}
	fmt.Fprintf(tw, "study\t%s erasure, %s potential, %s dynamics, τ = %g, %s\n", r.Protocol, r.Potential, r.Dynamics, r.Duration, r.Method)
	if r.Method == MonteCarlo {
		fmt.Fprintf(tw, "sampled\t%d trajectories × %d steps (dt = %g), seed %d, %.3g s\n", r.Trajectories, r.Steps, r.Dt, r.Seed, r.Seconds)
	} else {
		fmt.Fprintf(tw, "solved\t%d cells × %d steps (dt = %g), %.3g s\n", r.Cells, r.Steps, r.Dt, r.Seconds)
	}
	workUnc, heatUnc := uncertainty(r.Work), uncertainty(r.Heat)
	energy("work ⟨W⟩", r.Work.Value, workUnc, unc)
	energy("heat ⟨Q⟩", r.Heat.Value, heatUnc, unc)
	if r.Method == MonteCarlo {
		energy("ΔU", r.DeltaU.Value, uncertainty(r.DeltaU), unc)
	} else {
		fmt.Fprintf(tw, "ΔU\t%.5g kT\n", r.DeltaU.Value)
	}
	if r.Method == MonteCarlo {
		fmt.Fprintf(tw, "error rate ε\t%.4g\t[%.3g, %.3g]\t\t(95 %% Wilson interval, %d of %d)\n", r.ErrorRate.Value, r.ErrorInterval.Low, r.ErrorInterval.High, r.Errors, r.Trajectories)
	} else {
		fmt.Fprintf(tw, "error rate ε\t%.4g ± %.2g\t\t\t(discretisation error)\n", r.ErrorRate.Value, r.ErrorRate.Uncertainty)
	}
	fmt.Fprintf(tw, "bound ln2 − H(ε)\t%.5g kT\t%.4g eV\t%.4g J\t(Landauer with error, at the measured ε)\n",
		r.LandauerBound, r.LandauerBound*eV, r.LandauerBound*J)
	if r.Method == FokkerPlanck {
		fmt.Fprintf(tw, "entropy production\t%s nats\tΔF = %s kT\t\t(W − ΔF_neq; equilibrium ΔF)\n", orDash(r.EntropyProduction), orDash(r.FreeEnergyChange))
		fmt.Fprintf(tw, "units\tkT = %.5g eV = %.5g J at %g K\n", eV, J, r.Kelvin)
		return tw.Flush()
	}
	fmt.Fprintf(tw, "Jarzynski\t−ln⟨e^−W⟩ = %s kT\tΔF = %s kT\t\t(biased low for erasures)\n", pm(valueOrNaN(r.Jarzynski), uncertaintyOrNaN(r.Jarzynski)), orDash(r.FreeEnergyChange))
	fmt.Fprintf(tw, "detailed\t⟨e^−W 1[target]⟩ = %s\texact %s\n", pm(valueOrNaN(r.JarzynskiDetailed), uncertaintyOrNaN(r.JarzynskiDetailed)), orDash(r.DetailedExact))
	if r.KineticTemperature != nil {
		fmt.Fprintf(tw, "kinetic temperature\t⟨m v²⟩ = %s kT\n", pm(r.KineticTemperature.Value, uncertaintyOrNaN(r.KineticTemperature)))
		energy("shadow work", r.ShadowWork.Value, uncertaintyOrNaN(r.ShadowWork), unc)
	}
	if r.WorkBias != nil {
		fmt.Fprintf(tw, "time-step bias\tW %s kT\tQ %s kT\tε %s\t(%s, weak order %d: (X_2dt − X_dt)/(2^p − 1); X − bias → dt → 0)\n",
			pm(r.WorkBias.Value, uncertaintyOrNaN(r.WorkBias)), pm(r.HeatBias.Value, uncertaintyOrNaN(r.HeatBias)), pm(r.ErrorRateBias.Value, uncertaintyOrNaN(r.ErrorRateBias)), r.Integrator, r.WeakOrder)
		if r.KineticTemperatureBias != nil {
			fmt.Fprintf(tw, "\t⟨m v²⟩ %s kT\n", pm(r.KineticTemperatureBias.Value, uncertaintyOrNaN(r.KineticTemperatureBias)))
		}
	}
	fmt.Fprintf(tw, "units\tkT = %.5g eV = %.5g J at %g K\n", eV, J, r.Kelvin)
	return tw.Flush()
}

// pm writes v ± sem, v alone when sem does not exist, "–" when v does not.
func pm(v, sem float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case math.IsNaN(sem) || math.IsInf(sem, 0):
		return fmt.Sprintf("%.4g", v)
	}
	return fmt.Sprintf("%.4g ± %.2g", v, sem)
}

// orDash writes *p, or "–" when p is nil or not finite.
func orDash(p *float64) string {
	if s := format(p); s != "" {
		return s
	}
	return "–"
}

// deref is *p, NaN when p is nil.
func deref(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that path never holds a partial file.
func WriteFileAtomic(path string, data []byte) error {
	return safeio.WriteFile(path, data) // refuses to replace anything but a regular file
}
