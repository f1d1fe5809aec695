package erasure

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/wells"
)

// TOMLValue writes a config value as TOML: a quoted string, an integer,
// or a float that reads back as a float (8.0, 0.001, 1e-06).
func TOMLValue(v any) string {
	switch t := v.(type) {
	case string:
		return strconv.Quote(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case float64:
		s := strconv.FormatFloat(t, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0"
		}
		return s
	}
	return fmt.Sprint(v)
}

// tableOrder is the config's tables in file order.
func tableOrder() []string {
	return []string{"potential", "protocol", "dynamics", "initial", "measure", "ensemble", "solver"}
}

func shortName(k ConfigKey) string { _, n, _ := strings.Cut(k.Name, "."); return n }

func tableOf(k ConfigKey) string { t, _, _ := strings.Cut(k.Name, "."); return t }

// keyFacts is the type, unit, valid values and flags of a key in one
// parenthesis-free phrase, for the help text.
func keyFacts(k ConfigKey) string {
	facts := []string{k.Type.String()}
	if k.Unit != "" {
		facts = append(facts, k.Unit)
	}
	switch {
	case len(k.Choices) > 0:
		facts = append(facts, strings.Join(k.Choices, " | "))
	case k.Range != nil:
		facts = append(facts, k.Range.String())
	}
	switch {
	case k.Required:
		facts = append(facts, "required")
	case k.Default == nil && k.DefaultDoc != "":
		facts = append(facts, "default: "+k.DefaultDoc)
	}
	if k.Flag != "" {
		facts = append(facts, "also "+k.Flag)
	}
	return strings.Join(facts, ", ")
}

// WriteConfigHelp writes `landauer help config`, generated from
// ConfigSchema: every key, table by table, as "key = default" (or an
// example of a required key), with its type, unit, valid values and doc;
// the potential and protocol parameters under each kind that takes them.
func WriteConfigHelp(w io.Writer) error {
	var b strings.Builder
	b.WriteString(`A study config is TOML; unknown keys are errors. Each key is shown as key = default
(an example where it is required), then its type, unit, valid values, and what it does.
Units: energies in kT, times in t0 = γL²/kT, lengths in L (the potential's unit), K kelvin.
Every command (run, vet, sweep, paper) checks the same ranges and exits 2 naming the key.
`)
	schema := ConfigSchema()
	entry := func(k ConfigKey, indent string) {
		v := k.Default
		if v == nil {
			v = k.Example
		}
		lhs := shortName(k)
		if v != nil {
			lhs += " = " + TOMLValue(v)
		}
		fmt.Fprintf(&b, "%s%-26s %s\n%s    %s\n", indent, lhs, keyFacts(k), indent, k.Doc)
	}
	for _, table := range tableOrder() {
		fmt.Fprintf(&b, "\n[%s]\n", table)
		kind := ""
		for _, k := range schema {
			if tableOf(k) != table {
				continue
			}
			if k.Kind != kind {
				kind = k.Kind
				fmt.Fprintf(&b, "  with kind = %q:\n", kind)
			}
			indent := "  "
			if k.Kind != "" {
				indent = "    "
			}
			entry(k, indent)
		}
	}
	fmt.Fprintf(&b, "\nEnergies over the bath's kT: potential.barrier (x1²/2 for double-parabola, 12.5·stiffness for\n"+
		"benchmark) and protocol.height, each divided by dynamics.temperature, are at most %d.\n", MaxEnergyRatio)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteProtocolsHelp writes `landauer help protocols` from Protocols.
func WriteProtocolsHelp(w io.Writer) error {
	var b strings.Builder
	b.WriteString("Protocols λ(t) over [0, τ] (controls not named stay at the potential's rest value):\n\n")
	for _, k := range Protocols() {
		needs := "any potential"
		if len(k.Needs) > 0 {
			needs = "needs controls " + strings.Join(k.Needs, ", ")
		}
		fmt.Fprintf(&b, "%s (%s)\n    %s\n", k.Name, needs, k.Doc)
		for _, p := range k.Params {
			fmt.Fprintf(&b, "    %s: %s (%s, required, %s)\n", p.Name, p.Doc, p.Unit, p.Range.String())
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WritePotentialsHelp writes `landauer help potentials` from wells.Kinds.
func WritePotentialsHelp(w io.Writer) error {
	var b strings.Builder
	for _, k := range wells.Kinds() {
		fmt.Fprintf(&b, "%s\n    %s\n", k.Name, k.Formula)
		if len(k.Controls) > 0 {
			fmt.Fprintf(&b, "    controls: %s\n", strings.Join(k.Controls, ", "))
		}
		for _, p := range k.Params {
			fmt.Fprintf(&b, "    %-10s [%g] %s\n", p.Name, p.Default, p.Doc)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// StarterConfig is `landauer init`: a commented study config (TOML) for
// the potential kind, generated from ConfigSchema, with every key at its
// default (keys whose default depends on others commented out) and a
// protocol that suits the kind: the first of Protocols whose controls the
// potential has (four-stage for the g, f kinds, lift-one-well for lifted),
// else hold. With sweep it is a sweep spec instead: no ensemble.seed (each
// point's derives from sweep.seed) and a [sweep] table over
// protocol.duration. The result parses and passes Config.Study.
func StarterConfig(kind string, sweep bool) (string, error) {
	kinds := wells.Kinds()
	i := slices.IndexFunc(kinds, func(k wells.Kind) bool { return k.Name == kind })
	if i < 0 {
		names := make([]string, len(kinds))
		for j, k := range kinds {
			names[j] = k.Name
		}
		return "", fmt.Errorf("unknown potential %q (have %s)", kind, strings.Join(names, ", "))
	}
	pot := kinds[i]
	proto := KindHold
	for _, q := range Protocols() {
		if len(q.Needs) > 0 && !slices.ContainsFunc(q.Needs, func(c string) bool { return !slices.Contains(pot.Controls, c) }) {
			proto = q.Name
			break
		}
	}

	var b strings.Builder
	line := func(key, val, comment string) {
		fmt.Fprintf(&b, "%-24s # %s\n", key+" = "+val, comment)
	}
	what := "study config"
	if sweep {
		what = "sweep spec"
	}
	fmt.Fprintf(&b, "# A landauer %s: the %s potential.\n", what, kind)
	if sweep {
		b.WriteString("#   landauer vet FILE --list            expand and validate every point, with the cost\n")
		b.WriteString("#   landauer sweep FILE --out DIR       run (or resume) every point\n")
		b.WriteString("#   landauer merge DIR -o results.csv   one table\n")
	} else {
		b.WriteString("#   landauer vet FILE                   check it\n")
		b.WriteString("#   landauer run FILE                   run it (--set key=value overrides any key)\n")
		b.WriteString("#   landauer well FILE                  the bit's barrier, MFPT and retention\n")
	}
	b.WriteString("# Every key: 'landauer help config'. Unknown keys are errors. Units: energies in kT,\n")
	b.WriteString("# lengths in the potential's unit L, times in t0 = γL²/kT.\n")

	barrier := 0.0
	for _, p := range pot.Params {
		if p.Name == "barrier" {
			barrier = p.Default
		}
	}
	table := ""
	for _, k := range ConfigSchema() {
		if t := tableOf(k); t != table {
			table = t
			fmt.Fprintf(&b, "\n[%s]\n", table)
		}
		name := shortName(k)
		comment := k.Doc
		if k.Unit != "" && k.Kind == "" { // the kinds' docs name their units
			comment += " (" + k.Unit + ")"
		}
		if len(k.Choices) > 1 && name != "kind" {
			comment = strings.Join(k.Choices, " | ") + ": " + comment
		}
		v := k.Default
		if v == nil {
			v = k.Example
		}
		switch {
		case k.Name == "potential.kind":
			line(name, strconv.Quote(kind), pot.Formula)
			continue
		case k.Name == "protocol.kind":
			doc := ""
			for _, q := range Protocols() {
				if q.Name == proto {
					doc = q.Doc
				}
			}
			if proto == KindHold {
				doc += `; kind = "keyframes" drives the controls`
			}
			line(name, strconv.Quote(proto), doc)
			continue
		case k.Kind != "" && k.Kind != kind && k.Kind != proto:
			if k.Name == "protocol.keyframes" && proto == KindHold && len(pot.Controls) > 0 {
				fmt.Fprintf(&b, "# [protocol.keyframes]    # with kind = \"keyframes\": %s = [[t, value], ...], linear between\n", pot.Controls[0])
			}
			continue
		case k.Name == "potential.width" && kind == "lifted":
			// With the default step width 0.1 the step sits on the barrier
			// top and no lift erases the bit (docs/README.md); 0.7 does.
			v, comment = 0.7, comment+"; 0.7, not the default 0.1: a narrower step sits on the barrier top and no lift erases the bit"
		case k.Name == "protocol.height":
			v, comment = 6*barrier, "H (kT); the left well vanishes near H ≈ 4.9 E_b at width 0.7"
		case k.Name == "ensemble.seed" && sweep:
			b.WriteString("# (no seed here: each point's seed derives from sweep.seed)\n")
			continue
		}
		if k.Default == nil && !k.Required {
			fmt.Fprintf(&b, "# %-22s # %s; default: %s\n", name+" = "+TOMLValue(v), comment, k.DefaultDoc)
			continue
		}
		line(name, TOMLValue(v), comment)
	}
	if sweep {
		b.WriteString("\n[sweep]\n")
		line("name", strconv.Quote(kind+"-duration"), "names the sweep in its point files")
		line("seed", "7", "point p gets its seed from (seed, p)")
		b.WriteString("\n[[sweep.axis]]\n")
		line("key", `"protocol.duration"`, "any config key")
		line("logspace", "[1, 100, 5]", "1, 3.16, 10, 31.6, 100 (also: values = [...], linspace = [a, b, n])")
	}
	return b.String(), nil
}
