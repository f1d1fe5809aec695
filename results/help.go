package results

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// unitText is a unit for people: "—" when dimensionless.
func unitText(u string) string {
	if u == "" {
		return "—"
	}
	return u
}

// appliesText says which results a field belongs to: "all", "Monte Carlo",
// "Fokker–Planck", with "underdamped" and "JSON only" where they apply.
func appliesText(f Field) string {
	var parts []string
	switch f.Only {
	case "":
		parts = append(parts, "all")
	case "monte-carlo":
		parts = append(parts, "Monte Carlo")
	case "fokker-planck":
		parts = append(parts, "Fokker–Planck")
	}
	if f.Dynamics != "" {
		parts = append(parts, f.Dynamics)
	}
	switch f.Where {
	case JSONOnly:
		parts = append(parts, "JSON only")
	case ProvenanceKey:
		parts = append(parts, "provenance")
	}
	return strings.Join(parts, ", ")
}

// WriteFieldsHelp writes `landauer help fields`: every field of the
// registry with its unit, the results it applies to and its meaning.
func WriteFieldsHelp(w io.Writer) error {
	fmt.Fprint(w, `Output fields of 'landauer run' (JSON keys; CSV column names, with the units on the
CSV's '# units: name=unit,...' comment line and the provenance on '# key: value' lines).
Energies in kT of the reference bath (the table adds eV and J at dynamics.kelvin);
times in the dynamics' time unit (t0 = γL²/kT overdamped). A field that does not apply
to a result is absent from the JSON and an empty CSV cell, never 0.

`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "field\tunit\tapplies to\tmeaning")
	for _, f := range Fields() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Name, unitText(f.Unit), appliesText(f), f.Doc)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, "\nSchema: docs/schema/run.schema.json (JSON Schema 2020-12, every field with unit and doc).\n")
	return err
}

// FieldsMarkdown is README.md's table of output fields (between the
// markers "<!-- fields:begin -->" and "<!-- fields:end -->"), one row per
// field of the registry.
func FieldsMarkdown() string {
	var b strings.Builder
	b.WriteString("| field | meaning | unit | applies to |\n|---|---|---|---|\n")
	for _, f := range Fields() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Name, strings.ReplaceAll(f.Doc, "|", `\|`), unitText(f.Unit), appliesText(f))
	}
	return b.String()
}
