package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/landauer-dev/landauer/results"
)

// runSchemaVersion is the version of the layout of `landauer run --format
// json`: bump it when a field changes meaning or disappears.
// 2: the generator key; CSV output gained the same provenance as "# "
// comment lines and bare column names with a "# units:" line.
const runSchemaVersion = results.TableSchemaVersion

// versionFrom is the module version in the build info: the tag when built
// as a tagged module, otherwise "(devel)" with the VCS revision and time
// ("+dirty" when the tree had uncommitted changes) that go build stamps into
// binaries built in a clone (unless -buildvcs=false).
func versionFrom(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	if v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return fmt.Sprintf("%s git %s %s", v, rev, when)
}

// provenance is appended to a run's JSON object.
type provenance struct {
	SchemaVersion int      `json:"schema_version"`
	Version       string   `json:"version"`
	GoVersion     string   `json:"go_version"`
	Generator     string   `json:"generator"` // the normal generator (langevin.Kernel.Generator): results are bit-identical only under the same one
	CommandLine   []string `json:"command_line"`
	// Config is the study config as run (TOML, after --set); the flags
	// --seed, --trajectories, --workers, --method and --snapshots override
	// it and are in CommandLine (and their values in the result fields).
	Config string `json:"config"`
}

func newProvenance(config []byte, generator string) provenance {
	return provenance{SchemaVersion: runSchemaVersion, Version: version(), GoVersion: runtime.Version(),
		Generator: generator, CommandLine: os.Args, Config: string(config)}
}

// csvProvenance is the provenance as CSV comment lines ("# key: value"; the
// config one "# config: " line per TOML line), which pandas skips with
// pd.read_csv(path, comment="#").
func csvProvenance(p provenance) []byte {
	var b bytes.Buffer
	cl, _ := json.Marshal(p.CommandLine)
	fmt.Fprintf(&b, "# landauer run\n# schema_version: %d\n# version: %s\n# go_version: %s\n# generator: %s\n# command_line: %s\n",
		p.SchemaVersion, p.Version, p.GoVersion, p.Generator, cl)
	results.CommentLines(&b, "config: ", p.Config)
	return b.Bytes()
}

// withProvenance appends the provenance fields to a JSON object (the text
// of one object, with or without a trailing newline), keeping the object's
// own field order.
func withProvenance(obj []byte, p provenance) ([]byte, error) {
	obj = bytes.TrimRight(obj, " \n\r\t")
	if len(obj) < 2 || obj[len(obj)-1] != '}' {
		return nil, fmt.Errorf("provenance: not a JSON object")
	}
	extra, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Write(obj[:len(obj)-1])
	if len(bytes.TrimSpace(obj[1:len(obj)-1])) > 0 {
		out.WriteByte(',')
	}
	out.Write(extra[1:]) // without its '{'
	out.WriteByte('\n')
	return out.Bytes(), nil
}
