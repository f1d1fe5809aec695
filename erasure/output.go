package erasure

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/landauer-dev/landauer/internal/safeio"
	"io"
	"strconv"
	"text/tabwriter"
)

// Output formats of a Result.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

// Write writes r in the given format: "table" (human-readable, with eV and J
// columns at r.Kelvin), "json" (one object) or "csv" (a header of field
// names with units, one row).
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

func fields(r *Result) []field {
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

func format(v any) string {
	switch t := v.(type) {
	case *float64:
		if t == nil {
			return ""
		}
		return strconv.FormatFloat(*t, 'g', -1, 64)
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

func writeCSV(w io.Writer, r *Result) error {
	fs := fields(r)
	head, row := make([]string, len(fs)), make([]string, len(fs))
	for i, f := range fs {
		head[i] = f.name
		if f.unit != "" {
			head[i] += " [" + f.unit + "]"
		}
		row[i] = format(f.value)
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
	workUnc, heatUnc := r.WorkSEM, r.HeatSEM
	if r.Method == FokkerPlanck {
		workUnc, heatUnc = r.WorkErr, r.HeatErr
	}
	energy("work ⟨W⟩", r.WorkMean, workUnc, unc)
	energy("heat ⟨Q⟩", r.HeatMean, heatUnc, unc)
	if r.Method == MonteCarlo {
		energy("ΔU", r.DeltaUMean, r.DeltaUSEM, unc)
	} else {
		fmt.Fprintf(tw, "ΔU\t%.5g kT\n", r.DeltaUMean)
	}
	if r.Method == MonteCarlo {
		fmt.Fprintf(tw, "error rate ε\t%.4g\t[%.3g, %.3g]\t\t(95 %% Wilson interval, %d of %d)\n", r.ErrorRate, r.ErrorLow, r.ErrorHigh, r.Errors, r.Trajectories)
	} else {
		fmt.Fprintf(tw, "error rate ε\t%.4g ± %.2g\t\t\t(discretisation error)\n", r.ErrorRate, r.ErrorRateErr)
	}
	fmt.Fprintf(tw, "bound ln2 − H(ε)\t%.5g kT\t%.4g eV\t%.4g J\t(Landauer with error, at the measured ε)\n",
		r.LandauerBound, r.LandauerBound*eV, r.LandauerBound*J)
	if r.Method == FokkerPlanck {
		fmt.Fprintf(tw, "entropy production\t%s nats\tΔF = %s kT\t\t(W − ΔF_neq; equilibrium ΔF)\n", format(r.EntropyProduction), format(r.FreeEnergyChange))
		fmt.Fprintf(tw, "units\tkT = %.5g eV = %.5g J at %g K\n", eV, J, r.Kelvin)
		return tw.Flush()
	}
	fmt.Fprintf(tw, "Jarzynski\t−ln⟨e^−W⟩ = %.4g ± %.2g kT\tΔF = %s kT\t\t(biased low for erasures)\n", r.Jarzynski, r.JarzynskiSEM, format(r.FreeEnergyChange))
	fmt.Fprintf(tw, "detailed\t⟨e^−W 1[target]⟩ = %.4g ± %.2g\texact %s\n", r.JarzynskiDetailed, r.JarzynskiDetailedSEM, format(r.DetailedExact))
	if r.KineticTemperature != nil {
		fmt.Fprintf(tw, "kinetic temperature\t⟨m v²⟩ = %.4g ± %.2g kT\n", *r.KineticTemperature, *r.KineticTemperatureSEM)
		energy("shadow work", *r.ShadowWorkMean, *r.ShadowWorkSEM, unc)
	}
	fmt.Fprintf(tw, "units\tkT = %.5g eV = %.5g J at %g K\n", eV, J, r.Kelvin)
	return tw.Flush()
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that path never holds a partial file.
func WriteFileAtomic(path string, data []byte) error {
	return safeio.WriteFile(path, data) // refuses to replace anything but a regular file
}
