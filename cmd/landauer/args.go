package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/sweep"
)

// parseConfigArgs parses flags that may come before and after one
// positional config file (`run study.toml --format json` as well as
// `run --config study.toml`); the positional file sets *config. Two config
// files, or a positional one with --config, are an error.
func parseConfigArgs(fs *flag.FlagSet, args []string, config *string) error {
	var positional []string
	for {
		if err := quietParse(fs, args); err != nil { // harden.go: one line, not the usage
			if err == flag.ErrHelp {
				return errHelp
			}
			return badInput("%v (see 'landauer %s --help')", err, fs.Name())
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(positional) > 1:
		return badInput("unexpected argument %q (one config file at most)", positional[1])
	case len(positional) == 1 && *config != "":
		return badInput("config given twice: --config %s and %s", *config, positional[0])
	case len(positional) == 1:
		*config = positional[0]
	}
	return nil
}

// readStudyConfig reads a study config file. A sweep spec (a [sweep] table)
// is refused with a pointer to the sweep command instead of a list of
// unknown keys.
func readStudyConfig(path string) ([]byte, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	if isSweepSpec(data) {
		return nil, sweepSpecError(path)
	}
	return data, nil
}

// sweepSpecError says that path is a sweep spec and which commands take it.
func sweepSpecError(path string) error {
	return badInput("%s is a sweep spec (it has a [sweep] table); run it with 'landauer sweep %s --out DIR' or check it with 'landauer vet %s'",
		path, path, path)
}

// isSweepSpec reports whether TOML text has a top-level [sweep] table.
func isSweepSpec(data []byte) bool { return sweep.IsSpec(data) }

// formatFromPath infers an output format from a file name's extension:
// .json → json, .csv → csv, .txt → table; "" when it says nothing.
func formatFromPath(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return results.FormatJSON
	case ".csv":
		return results.FormatCSV
	case ".txt":
		return results.FormatTable
	}
	return ""
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// optionalInt is an int flag whose unset value is −1 and is not shown as a
// default in the help (which says what unset means instead).
type optionalInt struct {
	p    *int
	name string // the flag, for messages
}

func (o optionalInt) String() string {
	if o.p == nil || *o.p == -1 {
		return ""
	}
	return strconv.Itoa(*o.p)
}

func (o optionalInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not an integer")
	}
	if v < 0 {
		return fmt.Errorf("%s must be >= 0, got %d", o.name, v)
	}
	*o.p = v
	return nil
}

const runAbout = `Runs one study: a bit in a potential, driven by a protocol, sampled by Monte
Carlo or solved by Fokker–Planck; prints work, heat and error rate with their
uncertainties. Without a config it runs the embedded default (four-stage
erasure of an 8 kT jun bit). 'landauer init' writes a starter config,
'landauer help config' lists every key, 'landauer help fields' the output
fields; JSON output also carries the config as run, the version and the
command line.
`

// withAbout prints about before the flag set's usage.
func withAbout(fs *flag.FlagSet, w io.Writer, about string) {
	usage := fs.Usage
	fs.Usage = func() {
		fmt.Fprint(w, about, "\n")
		usage()
	}
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, which it returns. A flag error is one line of bad
// input; -h prints the usage.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer func() { fs.SetOutput(out); fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				usage()
				return nil, errHelp
			}
			return nil, badInput("%v (see 'landauer %s --help')", err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
