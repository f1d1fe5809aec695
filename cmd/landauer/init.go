package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

const initSynopsis = "init [POTENTIAL] [--sweep] [-o FILE]"

// starterConfig returns a commented study config (TOML) for a potential
// kind, with a protocol that suits it, and with sweep a [sweep] table over
// the protocol duration.
func starterConfig(kind string, sweep bool) (string, error) {
	kinds := wells.Kinds()
	i := slices.IndexFunc(kinds, func(k wells.Kind) bool { return k.Name == kind })
	if i < 0 {
		names := make([]string, len(kinds))
		for j, k := range kinds {
			names[j] = k.Name
		}
		return "", badInput("init: unknown potential %q (have %s)", kind, strings.Join(names, ", "))
	}
	k := kinds[i]
	var b strings.Builder
	line := func(key, val, comment string) {
		fmt.Fprintf(&b, "%-24s # %s\n", key+" = "+val, comment)
	}
	num := func(x float64) string {
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		return s
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
	b.WriteString("# lengths in the potential's unit L, times in t0 = γL²/kT.\n\n")

	b.WriteString("[potential]\n")
	line("kind", strconv.Quote(kind), k.Formula)
	params := map[string]float64{}
	for _, p := range k.Params {
		v := p.Default
		if kind == "lifted" && p.Name == "width" {
			// With the default step width 0.1 the step sits on the barrier
			// top and no lift erases the bit (docs/README.md); 0.7 does.
			v = 0.7
		}
		params[p.Name] = v
		line(p.Name, num(v), p.Doc)
	}

	b.WriteString("\n[protocol]\n")
	switch kind {
	case "jun", "asymmetric", "stretched", "shaped":
		line("kind", `"four-stage"`, "g 1→0; f 0→1; g 0→1; f 1→0 (lower, tilt, raise, untilt)")
		line("duration", "8.0", "τ (t0)")
	case "lifted":
		line("kind", `"lift-one-well"`, "h 0→H over τ/3, hold, H→0 over the last τ/3 (time-symmetric)")
		line("duration", "8.0", "τ (t0)")
		line("height", num(6*params["barrier"]), "H (kT); the left well vanishes near H ≈ 4.9 E_b at width 0.7")
	default:
		line("kind", `"hold"`, "the potential stays at rest (retention); use kind = \"keyframes\" to drive the controls")
		line("duration", "8.0", "τ (t0)")
		if len(k.Controls) > 0 {
			fmt.Fprintf(&b, "# [protocol.keyframes]    # with kind = \"keyframes\": %s = [[t, value], ...], linear between\n", k.Controls[0])
		}
	}

	b.WriteString("\n[dynamics]\n")
	line("kind", `"overdamped"`, "or \"underdamped\" (BAOAB; needs mass)")
	line("dt", "1e-3", "time step (t0)")
	line("friction", "1.0", "γ; overdamped it sets the time unit, underdamped γ/m is the velocity damping rate")
	line("mass", "1.0", "m (underdamped only); quality factor Q = m ω₀/γ, ω₀² = U''(minimum)/m")
	line("temperature", "1.0", "bath kT in units of the reference kT")
	line("kelvin", "300.0", "reference temperature, only for the eV and J columns")

	b.WriteString("\n[initial]\n")
	line("state", `"equilibrium"`, "exact Boltzmann samples of U(x, λ(0)); or \"left\" / \"right\"")

	b.WriteString("\n[measure]\n")
	line("target", `"right"`, "the side the bit must end on")
	line("divide", "0.0", "ending on the other side of x = divide is an error")

	b.WriteString("\n[ensemble]\n")
	line("trajectories", "10000", "Monte Carlo sample size")
	if sweep {
		b.WriteString("# (no seed here: each point's seed derives from sweep.seed)\n")
	} else {
		line("seed", "1", "never taken from the clock; the same seed gives the same numbers")
	}
	line("workers", "0", "0 = all cores; never changes the numbers")

	b.WriteString("\n[solver]\n")
	line("method", `"monte-carlo"`, "or \"fokker-planck\" (exact density; overdamped only)")

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

func cmdInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", initSynopsis, stderr)
	usage := fs.Usage
	fs.Usage = func() {
		fmt.Fprint(stderr, "Write a commented starter config for a potential kind (default jun; 'landauer help potentials' lists them).\n\n")
		usage()
	}
	sweep := fs.Bool("sweep", false, "write a sweep spec (a [sweep] table over protocol.duration) instead of a study config")
	out := fs.String("o", "", "write to this new file instead of standard output (an existing file is never replaced)")
	var kind string // the one positional argument
	if err := parseConfigArgs(fs, args, &kind); err != nil {
		return err
	}
	if kind == "" {
		kind = "jun"
	}
	text, err := starterConfig(kind, *sweep)
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = io.WriteString(stdout, text)
		return err
	}
	if _, err := os.Lstat(*out); err == nil {
		return badInput("init: %s exists; not replacing it", *out)
	}
	return erasure.WriteFileAtomic(*out, []byte(text))
}
