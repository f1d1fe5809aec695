package results

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/internal/seal"
)

// pointRecord is a point file as merge reads it: the result kept as raw
// JSON so that every number is copied exactly.
type pointRecord struct {
	Format   int    `json:"format"`
	SpecHash string `json:"spec_hash"`
	Sweep    string `json:"sweep"`
	Points   int    `json:"points"`
	Index    int    `json:"index"`
	Axes     []struct {
		Key   string          `json:"key"`
		Value json.RawMessage `json:"value"`
	} `json:"axes"`
	Result    map[string]json.RawMessage `json:"result"`
	Generator string                     `json:"generator"`
	Version   string                     `json:"version"`
	Config    string                     `json:"config"`
	path      string
}

// PointFormat is the "format" of a sweep's point files (sweep writes them,
// Merge reads them).
const PointFormat = 1

// SealError is a point file whose checksum does not match (Merge refuses
// it; a sweep recomputes it).
type SealError = seal.Error

// ErrChecksum is wrapped by the errors of files whose checksum is missing
// or does not match their content.
var ErrChecksum = seal.ErrChecksum

// TableSchemaVersion is the version of the layout of the CSV and JSON
// tables landauer writes (run --format csv/json, merge): bump it when a
// column changes meaning or disappears. 2: bare column names with a
// "# units:" line, provenance comments, the fixed parameters as columns.
const TableSchemaVersion = 2

// MergeOptions control Merge.
type MergeOptions struct {
	// AllowMissing merges the points there are; otherwise a missing point
	// is a *MissingError.
	AllowMissing bool
	// Timings adds the run time column (seconds), which differs from run to
	// run; without it a merged table depends only on the spec.
	Timings bool
}

// MissingError lists the points of a sweep that have no result file.
type MissingError struct {
	Missing []int
	Total   int
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%d of %d points have no result: %s", len(e.Missing), e.Total, Ranges(e.Missing))
}

// Ranges writes sorted integers compactly: "1, 3-7, 9".
func Ranges(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(xs[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Merged is the table of a sweep's results: one row per point, sorted by
// index.
type Merged struct {
	Hash    string
	Name    string
	Total   int   // points in the sweep
	Missing []int // points without a result (only with AllowMissing)
	Columns []Column
	rows    []*pointRecord
}

// Column is one column of a merged table.
type Column struct {
	Name, Unit string
	axis       bool
	fixed      json.RawMessage // a parameter held fixed: its value in every row
}

// keyUnit is the unit of a config key, from the config schema
// (erasure.LookupKey); "" for a key without one or not in the schema.
func keyUnit(key string) string {
	k, err := erasure.LookupKey(key)
	if err != nil {
		return ""
	}
	return k.Unit
}

// Merge reads the point files of one sweep from dirs (each a --out
// directory, or its points/ subdirectory) and builds the table. It refuses
// files of different sweeps (spec hashes) and, unless AllowMissing, a sweep
// with points missing. A point found twice must have the same result.
func Merge(files []string, opt MergeOptions) (*Merged, error) {
	if len(files) == 0 {
		return nil, errors.New("merge: no point files")
	}
	byIndex := map[int]*pointRecord{}
	var first *pointRecord
	for _, path := range files {
		data, err := safeio.ReadFile(path, 0)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		rec := &pointRecord{path: path}
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(rec); err != nil {
			return nil, fmt.Errorf("merge: %s: %v", path, err)
		}
		if rec.Format != PointFormat || rec.SpecHash == "" || rec.Result == nil {
			return nil, fmt.Errorf("merge: %s is not a landauer point file (format %d)", path, rec.Format)
		}
		if err := seal.Verify(data); err != nil {
			return nil, &SealError{Path: path, Err: fmt.Errorf("%w: refusing to merge it (rerun its sweep to recompute it)", err)}
		}
		if first == nil {
			first = rec
		}
		if rec.Generator != first.Generator {
			return nil, fmt.Errorf("merge: %s was computed with the normal generator %q, but %s with %q: refusing to mix builds (rerun one of them with the other's build)",
				path, rec.Generator, first.path, first.Generator)
		}
		if rec.SpecHash != first.SpecHash || rec.Points != first.Points {
			return nil, fmt.Errorf("merge: %s belongs to sweep %.16s (%q), but %s to sweep %.16s (%q): refusing to mix sweeps",
				path, rec.SpecHash, rec.Sweep, first.path, first.SpecHash, first.Sweep)
		}
		if rec.Index < 0 || rec.Index >= rec.Points {
			return nil, fmt.Errorf("merge: %s: point index %d out of range [0, %d)", path, rec.Index, rec.Points)
		}
		if old, ok := byIndex[rec.Index]; ok {
			if !sameRecord(old, rec) {
				return nil, fmt.Errorf("merge: point %d differs between %s and %s", rec.Index, old.path, path)
			}
			continue
		}
		byIndex[rec.Index] = rec
	}
	m := &Merged{Hash: first.SpecHash, Name: first.Sweep, Total: first.Points}
	for p := range m.Total {
		if r, ok := byIndex[p]; ok {
			m.rows = append(m.rows, r)
		} else {
			m.Missing = append(m.Missing, p)
		}
	}
	if len(m.Missing) > 0 && !opt.AllowMissing {
		return nil, &MissingError{Missing: m.Missing, Total: m.Total}
	}
	m.Columns = append(m.Columns, Column{Name: "index"})
	for _, a := range first.Axes {
		m.Columns = append(m.Columns, Column{Name: a.Key, Unit: keyUnit(a.Key), axis: true})
	}
	fixed, err := fixedParams(first)
	if err != nil {
		return nil, err
	}
	m.Columns = append(m.Columns, fixed...)
	for _, f := range columns() {
		if f.Name == "seconds" && !opt.Timings {
			continue
		}
		m.Columns = append(m.Columns, Column{Name: f.Name, Unit: f.Unit})
	}
	return m, nil
}

// fixedParams are the columns of the parameters the sweep holds fixed: the
// keys of the point's resolved config (the spec's base study) that are no
// axis, except ensemble.seed (derived per point, the result's seed column).
func fixedParams(r *pointRecord) ([]Column, error) {
	var tree map[string]any
	if _, err := toml.Decode(r.Config, &tree); err != nil {
		return nil, fmt.Errorf("merge: %s: config: %v", r.path, err)
	}
	axis := map[string]bool{"ensemble.seed": true}
	for _, a := range r.Axes {
		axis[a.Key] = true
	}
	var cols []Column
	var walk func(prefix string, t map[string]any) error
	walk = func(prefix string, t map[string]any) error {
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			key := prefix + k
			if sub, ok := t[k].(map[string]any); ok {
				if err := walk(key+".", sub); err != nil {
					return err
				}
				continue
			}
			if axis[key] {
				continue
			}
			v, err := json.Marshal(t[k])
			if err != nil {
				return fmt.Errorf("merge: %s: config key %s: %v", r.path, key, err)
			}
			cols = append(cols, Column{Name: key, Unit: keyUnit(key), fixed: v})
		}
		return nil
	}
	return cols, walk("", tree)
}

func sameRecord(a, b *pointRecord) bool {
	if len(a.Result) != len(b.Result) {
		return false
	}
	for k, v := range a.Result {
		if k != "seconds" && !bytes.Equal(v, b.Result[k]) {
			return false
		}
	}
	return true
}

// values returns the raw JSON of each column for row r ("" when absent).
func (m *Merged) values(r *pointRecord) []json.RawMessage {
	out := make([]json.RawMessage, len(m.Columns))
	ai := 0
	for i, c := range m.Columns {
		switch {
		case c.Name == "index":
			out[i] = json.RawMessage(strconv.Itoa(r.Index))
		case c.fixed != nil:
			out[i] = c.fixed
		case c.axis:
			if ai < len(r.Axes) {
				out[i] = r.Axes[ai].Value
			}
			ai++
		default:
			out[i] = r.Result[c.Name]
		}
	}
	return out
}

// cell writes a raw JSON value as a CSV cell: strings unquoted, integers as
// written, other numbers in Go's shortest 'g' form (as `landauer run
// --format csv`), null and absent values empty.
func cell(v json.RawMessage) string {
	s := string(bytes.TrimSpace(v))
	switch {
	case s == "" || s == "null":
		return ""
	case s[0] == '"':
		var str string
		if json.Unmarshal(v, &str) == nil {
			return str
		}
	case s == "true" || s == "false":
		return s
	case !strings.ContainsAny(s, ".eE"):
		return s
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return s
}

// Header is the column names (bare: the units are in Units).
func (m *Merged) Header() []string {
	h := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		h[i] = c.Name
	}
	return h
}

// Units is each column's unit ("" for none).
func (m *Merged) Units() []string {
	u := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		u[i] = c.Unit
	}
	return u
}

// Rows is the table's cells, one row per point present, by index.
func (m *Merged) Rows() [][]string {
	rows := make([][]string, len(m.rows))
	for i, r := range m.rows {
		vals := m.values(r)
		row := make([]string, len(vals))
		for j, v := range vals {
			row[j] = cell(v)
		}
		rows[i] = row
	}
	return rows
}

// WriteJSONL writes one JSON object per point (by index), with the columns
// as keys in table order and the values exactly as in the point files;
// absent values are left out.
func (m *Merged) WriteJSONL(w io.Writer) error {
	var buf bytes.Buffer
	for _, r := range m.rows {
		buf.Reset()
		buf.WriteByte('{')
		n := 0
		for i, v := range m.values(r) {
			if len(v) == 0 {
				continue
			}
			if n > 0 {
				buf.WriteByte(',')
			}
			n++
			k, _ := json.Marshal(m.Columns[i].Name)
			buf.Write(k)
			buf.WriteByte(':')
			buf.Write(v)
		}
		buf.WriteString("}\n")
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes the provenance as "# " comment lines (the sweep, its spec
// hash, the version and normal generator of the build that computed the
// points, schema_version), the "# units:" line (UnitsComment), the header
// of bare column names and one row per point. pandas reads it with
// pd.read_csv(path, comment="#").
func (m *Merged) WriteCSV(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# landauer merge: sweep %q, spec %s, %d of %d points\n", m.Name, m.Hash, len(m.rows), m.Total)
	fmt.Fprintf(&b, "# schema_version: %d\n", TableSchemaVersion)
	if len(m.rows) > 0 {
		// Not the command lines: they differ between shards, and the table
		// depends only on the spec (they are in the point files).
		fmt.Fprintf(&b, "# version: %s\n# generator: %s\n", m.rows[0].Version, m.rows[0].Generator)
	}
	b.WriteString(UnitsComment(m.Header(), m.Units()))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(m.Header())
	cw.WriteAll(m.Rows())
	return cw.Error()
}

// PointFiles lists the result files under each path: a sweep's output
// directory, its points/ directory, or a result file itself. Checkpoints
// and temporary files are left out.
func PointFiles(paths ...string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		dir := p
		if st, err := os.Stat(filepath.Join(p, "points")); err == nil && st.IsDir() {
			dir = filepath.Join(p, "points")
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".ckpt.json") {
				continue
			}
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}
