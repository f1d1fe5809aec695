package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Provenance is what a run records beside its result: the ProvenanceKey
// fields of the registry, appended to the run's JSON object
// (WithProvenance) or written as CSV comment lines (CSV).
type Provenance struct {
	SchemaVersion int      `json:"schema_version"` // TableSchemaVersion
	Version       string   `json:"version"`        // Version()
	GoVersion     string   `json:"go_version"`
	Generator     string   `json:"generator"` // the normal generator (langevin.Kernel.Generator): results are bit-identical only under the same one
	CommandLine   []string `json:"command_line"`
	// Config is the study config as run (TOML, after --set); the flags
	// --seed, --trajectories, --workers, --method and --snapshots override
	// it and are in CommandLine (and their values in the result fields).
	Config string `json:"config"`
}

// NewProvenance is the provenance of a run of config (TOML, as run) with
// the given normal generator, started by commandLine (os.Args), by this
// build (Version, runtime.Version).
func NewProvenance(config []byte, generator string, commandLine []string) Provenance {
	return Provenance{SchemaVersion: TableSchemaVersion, Version: Version(), GoVersion: runtime.Version(),
		Generator: generator, CommandLine: commandLine, Config: string(config)}
}

// Version is the engine's version from the build info (VersionFrom), or
// "(devel)" without one.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return VersionFrom(bi)
	}
	return "(devel)"
}

// VersionFrom is the module version in the build info: the tag when built
// as a tagged module, otherwise "(devel)" with the VCS revision and time
// ("+dirty" when the tree had uncommitted changes) that go build stamps into
// binaries built in a clone (unless -buildvcs=false).
func VersionFrom(bi *debug.BuildInfo) string {
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

// CSV is the provenance as CSV comment lines ("# key: value"; the config
// one "# config: " line per TOML line), which pandas skips with
// pd.read_csv(path, comment="#").
func (p Provenance) CSV() []byte {
	var b bytes.Buffer
	cl, _ := json.Marshal(p.CommandLine)
	fmt.Fprintf(&b, "# landauer run\n# schema_version: %d\n# version: %s\n# go_version: %s\n# generator: %s\n# command_line: %s\n",
		p.SchemaVersion, p.Version, p.GoVersion, p.Generator, cl)
	CommentLines(&b, "config: ", p.Config)
	return b.Bytes()
}

// WithProvenance appends the provenance fields to a JSON object (the text
// of one object, with or without a trailing newline), keeping the object's
// own field order.
func WithProvenance(obj []byte, p Provenance) ([]byte, error) {
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
