package results

import (
	"github.com/landauer-dev/landauer/erasure"
)

// This file is the one place that knows how a field's value is taken from
// a result: from its flat record (erasure.ResultRecord, r.Record()), whose
// fields and JSON tags are the output's. Adapt the Value functions here
// when the record changes.

// Where a field appears.
type Where int

const (
	// Tabular: a column of the CSV and the table reader, and a JSON key.
	Tabular Where = iota
	// JSONOnly: a JSON key only (nested data: checks, histogram, snapshots).
	JSONOnly
	// ProvenanceKey: written by the run beside the result (JSON keys; in CSV
	// the "# key: value" comment lines), not a field of erasure.Result.
	ProvenanceKey
)

// Field is one reported quantity of a result.
type Field struct {
	// Name is the JSON key and the CSV column.
	Name string
	// Unit is the field's unit, "" when dimensionless: t0 the time unit,
	// kT the bath's thermal energy, nats, s, K, eV, J.
	Unit string
	// Type is its JSON Schema type: string, number, integer, object, array.
	Type string
	// Doc says what it is (one line; the schema's description).
	Doc string
	// Only is the method the field belongs to (erasure.MonteCarlo or
	// erasure.FokkerPlanck); "" for both. A field of the other method is
	// absent from the JSON and an empty CSV cell.
	Only string
	// Strict fields of the other method are left out even when set (an
	// empty CSV cell); for the others, absence follows from the value (nil,
	// NaN, ±Inf).
	Strict bool
	// Dynamics is the dynamics the field belongs to ("underdamped"); ""
	// for both. (Informative: absence follows from the value.)
	Dynamics string
	// Required fields are always present in the JSON.
	Required bool
	// Where the field appears.
	Where Where
	// Symbol is the field's symbol in a fit's formula (TeX subset, as
	// plots lays it out), "" when it has none.
	Symbol string
	// Label is the field's axis label (TeX subset), "" for the default
	// "name (unit)".
	Label string
	// Value returns the field's value in r (the result's flat record,
	// erasure.Result.Record): a string, an integer, a
	// float64 (NaN or ±Inf: absent), a *float64 (nil: absent), or nested
	// data; nil for Provenance fields.
	Value func(r *erasure.ResultRecord) any
}

// Axis labels shared by fields and sweep keys.
const (
	labelTau  = `duration $\tau/t_0$`
	labelWork = `$\langle W\rangle/kT$`
	labelEps  = `error rate $\varepsilon$`
)

// Fields returns the registry of result fields, in output order: the
// Tabular fields are the CSV columns of `landauer run --format csv` (and of
// a merged table after its parameters), then the JSON-only fields, then
// the provenance. Every call returns a fresh slice.
func Fields() []Field {
	mc, fp := erasure.MonteCarlo, erasure.FokkerPlanck
	const ud = "underdamped"
	f := func(name, unit, typ, doc string, v func(r *erasure.ResultRecord) any) Field {
		return Field{Name: name, Unit: unit, Type: typ, Doc: doc, Value: v}
	}
	num, integer, str := "number", "integer", "string"
	fs := []Field{
		req(f("method", "", str, "'monte-carlo' or 'fokker-planck'", func(r *erasure.ResultRecord) any { return r.Method })),
		req(f("potential", "", str, "potential kind (potential.kind)", func(r *erasure.ResultRecord) any { return r.Potential })),
		req(f("protocol", "", str, "protocol kind (protocol.kind)", func(r *erasure.ResultRecord) any { return r.Protocol })),
		req(f("dynamics", "", str, "'overdamped' or 'underdamped'", func(r *erasure.ResultRecord) any { return r.Dynamics })),
		sym(req(f("duration", "t0", num, "protocol duration τ", func(r *erasure.ResultRecord) any { return r.Duration })), `\tau`, labelTau),
		sym(req(f("work_mean", "kT", num, "mean Sekimoto work ⟨W⟩, W = Σ U(x_n, λ_{n+1}) − U(x_n, λ_n)", func(r *erasure.ResultRecord) any { return r.WorkMean })), `W`, labelWork),
		strict(f("work_sem", "kT", num, "standard error of work_mean", func(r *erasure.ResultRecord) any { return r.WorkSEM }), mc),
		strict(f("work_err", "kT", num, "discretisation error of work_mean", func(r *erasure.ResultRecord) any { return r.WorkErr }), fp),
		sym(f("heat_mean", "kT", num, "mean heat into the bath ⟨Q⟩", func(r *erasure.ResultRecord) any { return r.HeatMean }), `Q`, `$\langle Q\rangle/kT$`),
		strict(f("heat_sem", "kT", num, "standard error of heat_mean", func(r *erasure.ResultRecord) any { return r.HeatSEM }), mc),
		strict(f("heat_err", "kT", num, "discretisation error of heat_mean", func(r *erasure.ResultRecord) any { return r.HeatErr }), fp),
		sym(req(f("delta_u_mean", "kT", num, "mean change of the potential energy ⟨ΔU⟩", func(r *erasure.ResultRecord) any { return r.DeltaUMean })), `\Delta U`, `$\langle\Delta U\rangle/kT$`),
		strict(f("delta_u_sem", "kT", num, "standard error of delta_u_mean", func(r *erasure.ResultRecord) any { return r.DeltaUSEM }), mc),
		strict(f("errors", "", integer, "trajectories ending on the wrong side", func(r *erasure.ResultRecord) any { return r.Errors }), mc),
		sym(req(f("error_rate", "", num, "error rate ε (fraction on the wrong side)", func(r *erasure.ResultRecord) any { return r.ErrorRate })), `\varepsilon`, labelEps),
		f("error_low", "", num, "lower end of the 95 % Wilson interval of ε (Monte Carlo); ε − error_rate_err (Fokker–Planck)", func(r *erasure.ResultRecord) any { return r.ErrorLow }),
		f("error_high", "", num, "upper end of the 95 % Wilson interval of ε (an upper bound when none seen)", func(r *erasure.ResultRecord) any { return r.ErrorHigh }),
		strict(f("error_rate_err", "", num, "discretisation error of error_rate", func(r *erasure.ResultRecord) any { return r.ErrorRateErr }), fp),
		sym(req(f("landauer_bound", "kT", num, "kT[ln 2 − H(ε)]: least mean work to reach error ε", func(r *erasure.ResultRecord) any { return r.LandauerBound })), "", `Landauer bound $/kT$`),
		f("symmetric_bound", "kT", num, "½(1 − 2ε) ln((1 − ε)/ε): least work of a time-symmetric protocol (absent when ε = 0)", func(r *erasure.ResultRecord) any { return r.SymmetricMin }),
		sym(only(f("jarzynski", "kT", num, "−ln⟨e^{−W}⟩ (biased low for erasures)", func(r *erasure.ResultRecord) any { return r.Jarzynski }), mc), "", `$-\ln\langle e^{-W/kT}\rangle$`),
		only(f("jarzynski_sem", "kT", num, "standard error of jarzynski", func(r *erasure.ResultRecord) any { return r.JarzynskiSEM }), mc),
		sym(f("free_energy_change", "kT", num, "exact ΔF = −ln(Z(λ(τ))/Z(λ(0)))", func(r *erasure.ResultRecord) any { return r.FreeEnergyChange }), "", `$\Delta F/kT$`),
		only(f("jarzynski_detailed", "", num, "⟨e^{−W} 1[x_τ on target]⟩", func(r *erasure.ResultRecord) any { return r.JarzynskiDetailed }), mc),
		only(f("jarzynski_detailed_sem", "", num, "standard error of jarzynski_detailed", func(r *erasure.ResultRecord) any { return r.JarzynskiDetailedSEM }), mc),
		f("jarzynski_detailed_exact", "", num, "exact Z_target(λ(τ))/Z(λ(0))", func(r *erasure.ResultRecord) any { return r.DetailedExact }),
		dyn(only(f("kinetic_temperature", "kT", num, "underdamped only: ⟨m v²⟩ at the end", func(r *erasure.ResultRecord) any { return r.KineticTemperature }), mc), ud),
		dyn(only(f("kinetic_temperature_sem", "kT", num, "standard error of kinetic_temperature", func(r *erasure.ResultRecord) any { return r.KineticTemperatureSEM }), mc), ud),
		dyn(only(f("shadow_work_mean", "kT", num, "underdamped only: the integrator's shadow work", func(r *erasure.ResultRecord) any { return r.ShadowWorkMean }), mc), ud),
		dyn(only(f("shadow_work_sem", "kT", num, "standard error of shadow_work_mean", func(r *erasure.ResultRecord) any { return r.ShadowWorkSEM }), mc), ud),
		strict(f("integrator", "", str, "time-stepping scheme ('heun', 'euler-maruyama', 'baoab')", func(r *erasure.ResultRecord) any { return r.Integrator }), mc),
		strict(f("weak_order", "", integer, "weak order of the integrator", func(r *erasure.ResultRecord) any { return r.WeakOrder }), mc),
		only(f("work_bias", "kT", num, "time-step bias of work_mean, (W_2dt − W_dt)/(2^p − 1) from a shared-noise run at 2dt", func(r *erasure.ResultRecord) any { return r.WorkBias }), mc),
		only(f("work_bias_sem", "kT", num, "standard error of work_bias", func(r *erasure.ResultRecord) any { return r.WorkBiasSEM }), mc),
		only(f("heat_bias", "kT", num, "time-step bias of heat_mean", func(r *erasure.ResultRecord) any { return r.HeatBias }), mc),
		only(f("heat_bias_sem", "kT", num, "standard error of heat_bias", func(r *erasure.ResultRecord) any { return r.HeatBiasSEM }), mc),
		only(f("error_rate_bias", "", num, "time-step bias of error_rate", func(r *erasure.ResultRecord) any { return r.ErrorRateBias }), mc),
		only(f("error_rate_bias_sem", "", num, "standard error of error_rate_bias", func(r *erasure.ResultRecord) any { return r.ErrorRateBiasSEM }), mc),
		dyn(only(f("kinetic_temperature_bias", "kT", num, "time-step bias of kinetic_temperature (underdamped)", func(r *erasure.ResultRecord) any { return r.KineticTemperatureBias }), mc), ud),
		dyn(only(f("kinetic_temperature_bias_sem", "kT", num, "standard error of kinetic_temperature_bias", func(r *erasure.ResultRecord) any { return r.KineticTemperatureBiasSEM }), mc), ud),
		sym(only(f("entropy_production", "nats", num, "(W − ΔF_neq)/kT ≥ 0", func(r *erasure.ResultRecord) any { return r.EntropyProduction }), fp), "", `entropy production $\Sigma$ (nats)`),
		only(f("cells", "", integer, "grid cells of the Fokker–Planck solve", func(r *erasure.ResultRecord) any { return r.Cells }), fp),
		strict(f("trajectories", "", integer, "Monte Carlo trajectories", func(r *erasure.ResultRecord) any { return r.Trajectories }), mc),
		req(f("steps", "", integer, "time steps", func(r *erasure.ResultRecord) any { return r.Steps })),
		req(f("dt", "t0", num, "time step", func(r *erasure.ResultRecord) any { return r.Dt })),
		strict(f("seed", "", integer, "random seed (ensemble.seed or --seed)", func(r *erasure.ResultRecord) any { return r.Seed }), mc),
		req(f("seconds", "s", num, "wall time of the run", func(r *erasure.ResultRecord) any { return r.Seconds })),
		req(f("kelvin", "K", num, "reference temperature for the eV and J conversions", func(r *erasure.ResultRecord) any { return r.Kelvin })),
		req(f("kT_eV", "eV", num, "kT at kelvin", func(r *erasure.ResultRecord) any { return r.KTeV })),
		req(f("kT_J", "J", num, "kT at kelvin", func(r *erasure.ResultRecord) any { return r.KTJ })),

		where(only(f("checks", "", "object", "exact checks of the run (absent when none apply): name → {value, sem, expected, z}", func(r *erasure.ResultRecord) any { return r.Checks }), mc), JSONOnly),
		where(only(f("work_histogram", "kT", "object", "counts of W in bins of width kT: bin i covers [(first + i) width, (first + i + 1) width)", func(r *erasure.ResultRecord) any { return r.WorkHistogram }), mc), JSONOnly),
		where(only(f("snapshots", "", "array", "Fokker–Planck with --snapshots N: the density at N times", func(r *erasure.ResultRecord) any { return r.Snapshots }), fp), JSONOnly),

		where(req(f("schema_version", "", integer, "version of this layout (2)", nil)), ProvenanceKey),
		where(req(f("version", "", str, "the engine's version: the module tag, or (devel) with the git revision", nil)), ProvenanceKey),
		where(req(f("go_version", "", str, "the Go toolchain that built the engine", nil)), ProvenanceKey),
		where(req(f("generator", "", str, "the normal generator (langevin.NormalsName): equal seeds give equal bits only under the same one", nil)), ProvenanceKey),
		where(req(f("command_line", "", "array", "the command that produced the result (os.Args)", nil)), ProvenanceKey),
		where(req(f("config", "", str, "the study config as run (TOML, --set applied; --seed, --trajectories, --workers, --method, --snapshots are in command_line)", nil)), ProvenanceKey),
	}
	return fs
}

func req(f Field) Field                   { f.Required = true; return f }
func only(f Field, method string) Field   { f.Only = method; return f }
func dyn(f Field, dynamics string) Field  { f.Dynamics = dynamics; return f }
func where(f Field, w Where) Field        { f.Where = w; return f }
func sym(f Field, s, label string) Field  { f.Symbol, f.Label = s, label; return f }
func strict(f Field, method string) Field { f.Only, f.Strict = method, true; return f }
