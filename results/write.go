package results

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
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
func Write(w io.Writer, r *erasure.Result, format string) error {
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

// ResultFields is the names of a Result's reported fields (its CSV columns
// and JSON keys, without the JSON-only histogram, checks and snapshots) in
// column order, with their units ("" when dimensionless): t0 the time unit,
// kT the bath's thermal energy, nats, s, K, eV, J. They are the Tabular
// fields of the registry (Fields).
func ResultFields() (names, units []string) {
	for _, f := range columns() {
		names, units = append(names, f.Name), append(units, f.Unit)
	}
	return names, units
}

// columns is the registry's Tabular fields, in order.
func columns() []Field {
	var out []Field
	for _, f := range Fields() {
		if f.Where == Tabular {
			out = append(out, f)
		}
	}
	return out
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

func writeCSV(w io.Writer, r *erasure.Result) error {
	fs := columns()
	rec := r.Record()
	head, units, row := make([]string, len(fs)), make([]string, len(fs)), make([]string, len(fs))
	for i, f := range fs {
		head[i], units[i] = f.Name, f.Unit
		if f.Strict && f.Only != r.Method {
			continue // does not apply: empty
		}
		row[i] = format(f.Value(&rec))
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

func writeTable(w io.Writer, r *erasure.Result) error {
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
	if r.Method == erasure.FokkerPlanck {
		unc = "discretisation error"
	}
	fmt.Fprintf(tw, "study\t%s erasure, %s potential, %s dynamics, τ = %g, %s\n", r.Protocol, r.Potential, r.Dynamics, r.Duration, r.Method)
	if r.Method == erasure.MonteCarlo {
		fmt.Fprintf(tw, "sampled\t%d trajectories × %d steps (dt = %g), seed %d, %.3g s\n", r.Trajectories, r.Steps, r.Dt, r.Seed, r.Seconds)
	} else {
		fmt.Fprintf(tw, "solved\t%d cells × %d steps (dt = %g), %.3g s\n", r.Cells, r.Steps, r.Dt, r.Seconds)
	}
	workUnc, heatUnc := uncertainty(r.Work), uncertainty(r.Heat)
	energy("work ⟨W⟩", r.Work.Value, workUnc, unc)
	energy("heat ⟨Q⟩", r.Heat.Value, heatUnc, unc)
	if r.Method == erasure.MonteCarlo {
		energy("ΔU", r.DeltaU.Value, uncertainty(r.DeltaU), unc)
	} else {
		fmt.Fprintf(tw, "ΔU\t%.5g kT\n", r.DeltaU.Value)
	}
	if r.Method == erasure.MonteCarlo {
		fmt.Fprintf(tw, "error rate ε\t%.4g\t[%.3g, %.3g]\t\t(95 %% Wilson interval, %d of %d)\n", r.ErrorRate.Value, r.ErrorInterval.Low, r.ErrorInterval.High, r.Errors, r.Trajectories)
	} else {
		fmt.Fprintf(tw, "error rate ε\t%.4g ± %.2g\t\t\t(discretisation error)\n", r.ErrorRate.Value, r.ErrorRate.Uncertainty)
	}
	fmt.Fprintf(tw, "bound ln2 − H(ε)\t%.5g kT\t%.4g eV\t%.4g J\t(Landauer with error, at the measured ε)\n",
		r.LandauerBound, r.LandauerBound*eV, r.LandauerBound*J)
	if r.Method == erasure.FokkerPlanck {
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

// uncertainty is e's uncertainty, NaN when it is not known (for the table's
// "no standard error").
func uncertainty(e stats.Estimate) float64 {
	if e.Kind == stats.Unknown {
		return math.NaN()
	}
	return e.Uncertainty
}

// valueOrNaN and uncertaintyOrNaN read an optional estimate for the table:
// NaN when it is absent (or its uncertainty unknown).
func valueOrNaN(e *stats.Estimate) float64 {
	if e == nil {
		return math.NaN()
	}
	return e.Value
}

func uncertaintyOrNaN(e *stats.Estimate) float64 {
	if e == nil {
		return math.NaN()
	}
	return uncertainty(*e)
}
