package plots

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/landauer-dev/landauer/internal/safeio"
	"io"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots/internal/tex"
	"github.com/landauer-dev/landauer/results"
)

// ---- reading results tables ----

// ResultTable is a table of results as a file holds them: the output of
// `landauer run --format json` (one object) or `--format csv`, JSON lines
// of Results, or a merged sweep (`landauer merge`, CSV or JSON lines: the
// point index, the sweep's axes such as protocol.duration, and every
// Result field). Cells are kept as text, exactly as written; "" is a
// missing value (an empty cell, a JSON null or an absent key).
type ResultTable struct {
	Columns []TableColumn
	Rows    [][]string

	// unitConflicts records the columns that Append found in another
	// unit: name → "t0 and t_c".
	unitConflicts map[string]string
}

// TableColumn is a column of a ResultTable: its name and its unit (from a
// CSV header "name [unit]"; for JSON, the unit of the Result field of that
// name, if any).
type TableColumn struct{ Name, Unit string }

// Header returns the column's header as CSV writes it: "name [unit]".
func (c TableColumn) Header() string {
	if c.Unit == "" {
		return c.Name
	}
	return c.Name + " [" + c.Unit + "]"
}

// ReadTable reads a results table, CSV or JSON, told apart by the first
// character that is not a space: '{' (one JSON object, or JSON lines: a
// stream of objects) or '[' (a JSON array of objects) is JSON, anything else
// CSV with a header row. A table without rows is returned without error;
// the caller decides whether that is one.
func ReadTable(r io.Reader) (*ResultTable, error) {
	br := bufio.NewReader(r)
	// Skip a UTF-8 byte-order mark and leading white space.
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return &ResultTable{}, nil
		}
		if err != nil {
			return nil, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.Discard(1)
			continue
		case '{', '[':
			return readJSONTable(br)
		}
		return readCSVTable(br)
	}
}

// ReadTableFile reads the results table in the file at path (see ReadTable).
func ReadTableFile(path string) (*ResultTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := ReadTable(safeio.LimitReader(f, 0, path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// readCSVTable reads a CSV table. Leading "# " comment lines are skipped;
// one "# units: name=unit,..." line gives the units of bare header names
// (the header of schema 2); a header "name [unit]" (schema 1) still reads.
func readCSVTable(br *bufio.Reader) (*ResultTable, error) {
	units := map[string]string{}
	for {
		b, err := br.Peek(1)
		if err != nil || b[0] != '#' {
			break
		}
		line, err := br.ReadString('\n')
		if u, ok := strings.CutPrefix(strings.TrimSpace(line), "# units:"); ok {
			for _, kv := range strings.Split(u, ",") {
				if k, v, ok := strings.Cut(strings.TrimSpace(kv), "="); ok {
					units[k] = v
				}
			}
		}
		if err != nil {
			break
		}
	}
	cr := csv.NewReader(br)
	cr.Comment = '#'
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading CSV: %w", err)
	}
	if len(rows) == 0 {
		return &ResultTable{}, nil
	}
	t := &ResultTable{}
	seen := map[string]bool{}
	for _, h := range rows[0] {
		c := parseHeader(h)
		if c.Name == "" {
			return nil, fmt.Errorf("CSV header has an empty column name")
		}
		if c.Unit == "" {
			c.Unit = units[c.Name]
		}
		if seen[c.Name] {
			return nil, fmt.Errorf("CSV header names column %q twice", c.Name)
		}
		seen[c.Name] = true
		t.Columns = append(t.Columns, c)
	}
	t.Rows = rows[1:]
	return t, nil
}

// parseHeader splits "name [unit]" into name and unit.
func parseHeader(h string) TableColumn {
	h = strings.TrimSpace(h)
	if strings.HasSuffix(h, "]") {
		if i := strings.LastIndex(h, " ["); i > 0 {
			return TableColumn{Name: strings.TrimSpace(h[:i]), Unit: h[i+2 : len(h)-1]}
		}
	}
	return TableColumn{Name: h}
}

func readJSONTable(r io.Reader) (*ResultTable, error) {
	t := &ResultTable{}
	index := map[string]int{}
	dec := json.NewDecoder(r)
	dec.UseNumber()
	n := 0
	object := func() error {
		n++
		row := map[int]string{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string)
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			i, ok := index[key]
			if !ok {
				i = len(t.Columns)
				index[key] = i
				t.Columns = append(t.Columns, TableColumn{Name: key, Unit: resultUnits()[key]})
			}
			if _, dup := row[i]; dup {
				return fmt.Errorf("object %d has key %q twice", n, key)
			}
			row[i] = jsonCell(raw)
		}
		if _, err := dec.Token(); err != nil { // '}'
			return err
		}
		cells := make([]string, len(t.Columns))
		for i, v := range row {
			cells[i] = v
		}
		t.Rows = append(t.Rows, cells)
		return nil
	}
	inArray := false
	for {
		tok, err := dec.Token()
		if err == io.EOF && !inArray {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading JSON (object %d): %w", n+1, err)
		}
		switch tok {
		case json.Delim('{'):
			if err := object(); err != nil {
				return nil, fmt.Errorf("reading JSON (object %d): %w", n, err)
			}
			continue
		case json.Delim('['):
			if !inArray && n == 0 {
				inArray = true
				continue
			}
		case json.Delim(']'):
			if inArray {
				inArray = false
				continue
			}
		}
		return nil, fmt.Errorf("reading JSON: want objects (one per result), found %v after object %d", tok, n)
	}
	// Rows read before a column appeared are short: pad them.
	for i, row := range t.Rows {
		for len(row) < len(t.Columns) {
			row = append(row, "")
		}
		t.Rows[i] = row
	}
	return t, nil
}

// jsonCell writes a JSON value as a cell: strings unquoted, numbers as
// written, null empty, anything else as compact JSON.
func jsonCell(raw json.RawMessage) string {
	s := string(bytes.TrimSpace(raw))
	switch {
	case s == "null":
		return ""
	case strings.HasPrefix(s, `"`):
		var str string
		if json.Unmarshal(raw, &str) == nil {
			return str
		}
	case strings.HasPrefix(s, "{") || strings.HasPrefix(s, "["):
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String()
		}
	}
	return s
}

// resultUnits maps the Result fields to their units, as `landauer run
// --format csv` writes them.
var resultUnits = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	names, units := results.ResultFields()
	for i, n := range names {
		if units[i] != "" {
			m[n] = units[i]
		}
	}
	return m
})

// Append adds the rows of o to t, with the union of the columns (in order
// of first appearance; cells of a column one table lacks are empty).
func (t *ResultTable) Append(o *ResultTable) {
	idx := map[string]int{}
	for i, c := range t.Columns {
		idx[c.Name] = i
	}
	m := make([]int, len(o.Columns))
	for j, c := range o.Columns {
		i, ok := idx[c.Name]
		if !ok {
			i = len(t.Columns)
			idx[c.Name] = i
			t.Columns = append(t.Columns, c)
		} else if t.Columns[i].Unit == "" {
			t.Columns[i].Unit = c.Unit
		} else if c.Unit != "" && c.Unit != t.Columns[i].Unit {
			if t.unitConflicts == nil {
				t.unitConflicts = map[string]string{}
			}
			if _, ok := t.unitConflicts[c.Name]; !ok {
				t.unitConflicts[c.Name] = t.Columns[i].Unit + " and " + c.Unit
			}
		}
		m[j] = i
	}
	for i, row := range t.Rows {
		for len(row) < len(t.Columns) {
			row = append(row, "")
		}
		t.Rows[i] = row
	}
	for _, orow := range o.Rows {
		row := make([]string, len(t.Columns))
		for j, v := range orow {
			if j < len(m) {
				row[m[j]] = v
			}
		}
		t.Rows = append(t.Rows, row)
	}
}

// Headers returns the columns' headers ("name [unit]").
func (t *ResultTable) Headers() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Header()
	}
	return out
}

// ColumnError is a column a figure needs that the table lacks.
type ColumnError struct {
	Column    string
	Why       string // what the column was wanted for, e.g. "--x"; may be empty
	Available []string
}

func (e *ColumnError) Error() string {
	why := ""
	if e.Why != "" {
		why = " (" + e.Why + ")"
	}
	return fmt.Sprintf("column %q%s is not in the table; its columns are: %s", e.Column, why, strings.Join(e.Available, ", "))
}

// Column returns the index of the column called name: its name, its header
// "name [unit]", or, when exactly one column's name ends in "."+name, that
// column (so "barrier" finds a sweep's "potential.barrier"). A missing or
// ambiguous column is a *ColumnError listing the columns there are.
func (t *ResultTable) Column(name string) (int, error) {
	name = strings.TrimSpace(name)
	for i, c := range t.Columns {
		if c.Name == name || c.Header() == name {
			return i, nil
		}
	}
	found := -1
	for i, c := range t.Columns {
		if strings.HasSuffix(c.Name, "."+name) {
			if found >= 0 {
				return -1, &ColumnError{Column: name, Why: "ambiguous: " + t.Columns[found].Name + " or " + c.Name, Available: t.Headers()}
			}
			found = i
		}
	}
	if found >= 0 {
		return found, nil
	}
	return -1, &ColumnError{Column: name, Available: t.Headers()}
}

func (t *ResultTable) has(name string) bool {
	for _, c := range t.Columns {
		if c.Name == name {
			return true
		}
	}
	return false
}

func (t *ResultTable) cell(row, col int) string {
	if col < 0 || col >= len(t.Rows[row]) {
		return ""
	}
	return strings.TrimSpace(t.Rows[row][col])
}

// Float returns the number in a cell: ok is false for an empty cell, and
// err is set for a cell that is not a number.
func (t *ResultTable) Float(row, col int) (v float64, ok bool, err error) {
	s := t.cell(row, col)
	if s == "" {
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, fmt.Errorf("column %q, row %d: %q is not a number", t.Columns[col].Name, row+1, s)
	}
	return v, true, nil
}

// resultFields maps the JSON names of ResultRecord's fields to their index.
var resultFields = func() map[string]int {
	m := map[string]int{}
	rt := reflect.TypeOf(erasure.ResultRecord{})
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}()

// Results returns the rows as Results: every column named like a Result
// field (its JSON name: duration, work_mean, work_sem, error_rate, ...)
// fills that field; other columns are ignored, and empty cells leave the
// field zero (nil for the optional ones). A cell that does not parse as
// the field's type is an error naming the column and row.
func (t *ResultTable) Results() ([]erasure.Result, error) {
	type target struct{ col, field int }
	var ts []target
	for j, c := range t.Columns {
		if f, ok := resultFields[c.Name]; ok {
			ts = append(ts, target{j, f})
		}
	}
	out := make([]erasure.Result, len(t.Rows))
	for i := range t.Rows {
		var rec erasure.ResultRecord
		v := reflect.ValueOf(&rec).Elem()
		for _, tg := range ts {
			s := t.cell(i, tg.col)
			if s == "" {
				continue
			}
			if err := setField(v.Field(tg.field), s); err != nil {
				return nil, fmt.Errorf("column %q, row %d: %q: %v", t.Columns[tg.col].Name, i+1, s, err)
			}
		}
		out[i] = rec.Result()
	}
	return out, nil
}

func setField(f reflect.Value, s string) error {
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := setField(p.Elem(), s); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(s)
	case reflect.Float64:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return errors.New("not a number")
		}
		f.SetFloat(v)
	case reflect.Int, reflect.Int64:
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			x, ferr := strconv.ParseFloat(s, 64)
			if ferr != nil || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
				return errors.New("not an integer")
			}
			v = int64(x)
		}
		f.SetInt(v)
	case reflect.Uint64:
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return errors.New("not an unsigned integer")
		}
		f.SetUint(v)
	case reflect.Struct, reflect.Slice, reflect.Map: // nested JSON, e.g. work_histogram, snapshots, checks
		if err := json.Unmarshal([]byte(s), f.Addr().Interface()); err != nil {
			return fmt.Errorf("not a %s: %v", f.Type(), err)
		}
	default:
		return fmt.Errorf("unsupported field type %s", f.Type())
	}
	return nil
}

// ---- figures from a table ----

// Table figure kinds, for TableFigureOptions.Kind.
const (
	KindWorkDuration  = "work-duration"
	KindWorkError     = "work-error"
	KindErrorDuration = "error-duration"
	KindRetention     = "retention"
	KindSeries        = "series"
	KindHistogram     = "histogram"
	KindDensity       = "density"
)

// TableKinds lists the figure kinds TableFigure draws.
var TableKinds = []string{KindWorkDuration, KindWorkError, KindErrorDuration, KindRetention, KindSeries, KindHistogram, KindDensity, KindFront}

// AxisScale chooses a linear or a log axis; AxisAuto leaves it to the kind.
type AxisScale int

const (
	AxisAuto AxisScale = iota
	AxisLinear
	AxisLog
)

// TableFigureOptions chooses what TableFigure draws.
type TableFigureOptions struct {
	// Kind is one of TableKinds:
	//   - work-duration: ⟨W⟩ ± work_sem (work_err for Fokker–Planck rows)
	//     against duration, log τ, the kT ln 2 line, optional 1/τ fits;
	//   - work-error: ⟨W⟩ against error_rate (log ε) with the bounds
	//     computed from their formulas;
	//   - error-duration: error_rate (95 % interval) against duration,
	//     log–log;
	//   - retention: error_rate against duration of the "hold" rows,
	//     log–log, a series per barrier when the table has one;
	//   - series: any numeric column Y against any numeric column X, with
	//     error bars from <Y>_low/<Y>_high, <Y>_sem or <Y>_err columns
	//     (also of the stem: work_mean → work_sem, error_rate → error_low).
	Kind string
	// X and Y name the columns of a series figure (required there; the
	// other kinds have fixed axes and refuse them).
	X, Y string
	// Series names the columns whose values split the rows into series.
	// Empty: protocol, and the columns of a sweep's axes (and potential,
	// dynamics) that vary independently of x. The method column always
	// splits too when it varies, so that Monte Carlo points and
	// Fokker–Planck curves are separate series in one colour group.
	Series []string
	// XScale and YScale override a kind's axes where it allows
	// (work-duration and work-error have a log x axis, retention log–log).
	XScale, YScale AxisScale
	// Fit names the series to fit with y = y∞ + B/x (work-duration and
	// series): each by its legend label or its 1-based number in the
	// legend; FitMinTau is the smallest x fitted.
	Fit       []string
	FitMinTau float64
	// XLim and YLim fix the axes' ends (either may be NaN for "from the
	// data"); the zero value lets the data decide.
	XLim, YLim Range
	// Decades limits the log density axis of kind density to this many
	// decades below its largest value (default 20).
	Decades float64
	// FrontBounds are the bounds drawn on kind front (computed by the
	// caller from their formulas), for each target ε against τ, or for
	// each τ against ε. Kind front takes X "duration" (default) or
	// "error".
	FrontBounds []FrontBound
	// Errors adds a panel of error rates under a work-duration figure.
	Errors bool
	// TargetError > 0 marks a required error rate (retention, and the
	// error panel of work-duration).
	TargetError float64
	// Title, when set, is written in the top-left corner of the (first)
	// panel, as a panel label; Unicode (τ, ε, ⟨W⟩) is fine.
	Title  string
	Legend LegendPosition
}

// TableFigure draws a figure of the given kind from the rows of t. Figures
// are built from the table's numbers only; the figure's CSV (Save) holds
// them as plotted.
func TableFigure(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	if t == nil || len(t.Rows) == 0 {
		return nil, errors.New("the table has no rows")
	}
	known := false
	for _, k := range TableKinds {
		known = known || k == opts.Kind
	}
	if !known {
		return nil, fmt.Errorf("unknown figure kind %q (have %s)", opts.Kind, strings.Join(TableKinds, ", "))
	}
	if opts.Kind != KindSeries && (opts.X != "" && opts.Kind != KindFront || opts.Y != "") {
		return nil, fmt.Errorf("--x and --y choose the axes of kind series; %s plots %s", opts.Kind, kindAxes[opts.Kind])
	}
	if len(opts.Fit) > 0 && opts.Kind != KindWorkDuration && opts.Kind != KindSeries {
		return nil, fmt.Errorf("fits (y∞ + B/x) are drawn on kinds work-duration and series only, not %s", opts.Kind)
	}
	if opts.Errors && opts.Kind != KindWorkDuration {
		return nil, fmt.Errorf("the error-rate panel belongs to kind work-duration, not %s", opts.Kind)
	}
	switch opts.Kind {
	case KindWorkDuration, KindWorkError:
		if opts.XScale == AxisLinear {
			return nil, fmt.Errorf("kind %s has a log x axis", opts.Kind)
		}
	case KindRetention:
		if opts.XScale == AxisLinear || opts.YScale == AxisLinear {
			return nil, errors.New("kind retention is log–log")
		}
	}
	style = style.orDefault()

	var (
		fig *Figure
		err error
	)
	switch opts.Kind {
	case KindSeries:
		fig, err = seriesFromTable(t, style, opts)
	case KindHistogram:
		fig, err = histogramFromTable(t, style, opts)
	case KindDensity:
		fig, err = densityFromTable(t, style, opts)
	case KindFront:
		fig, err = frontFromTable(t, style, opts)
	default:
		fig, err = resultsFigure(t, style, opts)
	}
	if err != nil {
		return nil, err
	}
	if len(fig.panels) > 0 && !opts.YLim.auto() && finite(opts.YLim.Max) {
		fig.panels[0].fixedY = true
	}
	if opts.Title != "" {
		addTitle(fig, tex.Escape(opts.Title), style)
	}
	return fig, nil
}

// checkUnits refuses an axis column that the joined tables give in two
// units.
func (t *ResultTable) checkUnits(axis string, col int) error {
	name := t.Columns[col].Name
	if u, ok := t.unitConflicts[name]; ok {
		return fmt.Errorf("column %s (%s) is in %s in different tables: one axis takes one unit; convert one table or plot them apart", name, axis, u)
	}
	return nil
}

// fitLabels resolves the --fit selectors against the series' labels: a
// label, or a number 1…n in legend order.
func fitLabels(sel []string, series []Series) ([]string, error) {
	var labels []string
	for _, s := range series {
		labels = append(labels, s.Label)
	}
	var out []string
	for _, q := range sel {
		q = strings.TrimSpace(q)
		if n, err := strconv.Atoi(q); err == nil {
			if n < 1 || n > len(labels) {
				return nil, fmt.Errorf("--fit %d: there are %d series (%s)", n, len(labels), quoteList(labels))
			}
			out = append(out, labels[n-1])
			continue
		}
		if !slices.Contains(labels, q) {
			return nil, fmt.Errorf("--fit %q: no series has that label; the series are %s (or give their number, 1–%d)", q, quoteList(labels), len(labels))
		}
		out = append(out, q)
	}
	return out, nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

var kindAxes = map[string]string{
	KindWorkDuration:  "work_mean against duration",
	KindWorkError:     "work_mean against error_rate",
	KindErrorDuration: "error_rate against duration",
	KindRetention:     "error_rate against duration",
	KindHistogram:     "the work_histogram of each Monte Carlo row",
	KindDensity:       "the snapshots of the first Fokker–Planck row that has them",
	KindFront:         "work_mean against duration (or error_rate with --x error)",
}

// need returns a *ColumnError for the first of the named columns that the
// table lacks, saying what it is for.
func (t *ResultTable) need(why string, names ...string) error {
	for _, n := range names {
		if !t.has(n) {
			return &ColumnError{Column: n, Why: why, Available: t.Headers()}
		}
	}
	return nil
}

func resultsFigure(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	xName := "duration"
	why := "kind " + opts.Kind
	switch opts.Kind {
	case KindWorkDuration:
		if err := t.need(why, "duration", "work_mean"); err != nil {
			return nil, err
		}
		if opts.Errors {
			if err := t.need("the error panel", "error_rate"); err != nil {
				return nil, err
			}
		}
	case KindWorkError:
		xName = "error_rate"
		if err := t.need(why, "error_rate", "work_mean"); err != nil {
			return nil, err
		}
	case KindErrorDuration, KindRetention:
		if err := t.need(why, "duration", "error_rate"); err != nil {
			return nil, err
		}
	}
	rows := allRows(t)
	if opts.Kind == KindRetention && t.has("protocol") {
		pc, _ := t.Column("protocol")
		var hold []int
		protocols := map[string]bool{}
		var names []string
		for _, i := range rows {
			p := t.cell(i, pc)
			if p == "hold" {
				hold = append(hold, i)
			} else if !protocols[p] {
				protocols[p] = true
				names = append(names, strconv.Quote(p))
			}
		}
		if len(hold) == 0 {
			return nil, fmt.Errorf("kind retention plots the rows of protocol \"hold\", and the table has none (its protocols: %s)", strings.Join(names, ", "))
		}
		rows = hold
	}
	results, err := t.Results()
	if err != nil {
		return nil, err
	}
	xc, _ := t.Column(xName)
	if err := t.checkUnits("x", xc); err != nil {
		return nil, err
	}
	groups, err := splitRows(t, rows, xc, opts.Series)
	if err != nil {
		return nil, err
	}
	conv := map[string]func([]erasure.Result, string) Series{
		KindWorkDuration:  WorkVsDuration,
		KindWorkError:     WorkVsError,
		KindErrorDuration: ErrorVsDuration,
		KindRetention:     ErrorVsDuration,
	}[opts.Kind]
	build := func(conv func([]erasure.Result, string) Series) []Series {
		var ss []Series
		for _, g := range groups {
			rs := make([]erasure.Result, len(g.rows))
			var pts []Point
			for k, i := range orderRows(t, g.rows, xc) {
				rs[k] = results[i]
				pts = append(pts, conv(rs[k:k+1], "").Points...)
			}
			s := conv(rs, g.label)
			s.Points = pts // joined along τ (the converters sort by x)
			s.Group = g.group
			if len(s.Points) < 2 {
				s.Line = false // one Fokker–Planck point: a marker, not an invisible curve
			}
			ss = append(ss, s)
		}
		return ss
	}
	series := build(conv)
	logY := opts.YScale == AxisLog
	var fig *Figure
	switch opts.Kind {
	case KindWorkDuration:
		wo := WorkDurationOptions{LogY: logY, FitMinTau: opts.FitMinTau, Legend: opts.Legend, X: opts.XLim, Y: opts.YLim}
		if len(opts.Fit) > 0 {
			if wo.FitSeries, err = fitLabels(opts.Fit, series); err != nil {
				return nil, err
			}
			wo.Fit = true
		}
		if opts.Errors {
			wo.Errors = build(ErrorVsDuration)
			wo.TargetError = opts.TargetError
		}
		fig, err = WorkDurationFigure(series, style, wo)
	case KindWorkError:
		fig, err = WorkErrorFigure(series, style, WorkErrorOptions{LogY: logY, Legend: opts.Legend, X: opts.XLim, Y: opts.YLim})
	case KindErrorDuration:
		fig, err = SeriesFigure(series, style, SeriesOptions{
			XLabel: labelTau, YLabel: labelEps, XName: "tau", XUnit: "t0", YName: "error_rate",
			LogX: opts.XScale != AxisLinear, LogY: opts.YScale != AxisLinear, Legend: opts.Legend,
			X: opts.XLim, Y: opts.YLim,
		})
		if fig != nil {
			fig.Kind = KindErrorDuration
			fig.panels[0].yCap = math.Max(1, fig.panels[0].y.max) // an error rate: not raised above 1 for the legend
		}
	case KindRetention:
		fig, err = RetentionFigure(series, style, RetentionOptions{TargetError: opts.TargetError, Legend: opts.Legend, X: opts.XLim, Y: opts.YLim})
	}
	return fig, err
}

func allRows(t *ResultTable) []int {
	rows := make([]int, len(t.Rows))
	for i := range rows {
		rows[i] = i
	}
	return rows
}

// rowGroup is the rows of one series.
type rowGroup struct {
	key   string
	rows  []int
	label string
	group string
}

// splitRows splits rows into series by the values of the columns named in
// by (default: see TableFigureOptions.Series), and always by method when it
// varies. Series come in order of first appearance.
func splitRows(t *ResultTable, rows []int, xc int, by []string) ([]rowGroup, error) {
	var cols []int
	add := func(c int) {
		for _, d := range cols {
			if d == c {
				return
			}
		}
		cols = append(cols, c)
	}
	methodCol := -1
	if t.has("method") {
		methodCol, _ = t.Column("method")
	}
	if len(by) > 0 {
		for _, name := range by {
			c, err := t.Column(name)
			if err != nil {
				if ce, ok := err.(*ColumnError); ok && ce.Why == "" {
					ce.Why = "--series"
				}
				return nil, err
			}
			add(c)
		}
		if methodCol >= 0 {
			add(methodCol)
		}
	} else {
		if t.has("protocol") {
			c, _ := t.Column("protocol")
			add(c)
		}
		if methodCol >= 0 {
			add(methodCol)
		}
		// Columns that vary independently of the points' parameters
		// and of those chosen: a sweep's axes (names with a dot) and the
		// potential and dynamics kinds. A column zipped with x (or
		// constant) splits nothing.
		along := alongColumns(t, xc)
		for j, c := range t.Columns {
			if slices.Contains(along, j) || !(strings.Contains(c.Name, ".") || c.Name == "potential" || c.Name == "dynamics") {
				continue
			}
			if !determined(t, rows, j, append(slices.Clone(along), cols...)) {
				add(j)
			}
		}
	}
	// Columns that take one value only are left out of the labels.
	varies := make([]bool, len(cols))
	for k, c := range cols {
		first := t.cell(rows[0], c)
		for _, i := range rows {
			if t.cell(i, c) != first {
				varies[k] = true
				break
			}
		}
	}
	// Parameters that vary with the chosen columns (a sweep's zip group:
	// barrier and tilt together) are named beside them, so that a legend
	// never says "barrier = 4 kT" of a series whose tilt differs too.
	along := alongColumns(t, xc)
	var also []int
	for j, c := range t.Columns {
		if slices.Contains(cols, j) || slices.Contains(along, j) || !(strings.Contains(c.Name, ".") || c.Name == "potential" || c.Name == "dynamics") {
			continue
		}
		if !variesOver(t, rows, j) || !determined(t, rows, j, cols) || duplicates(t, rows, j, cols) {
			continue
		}
		also = append(also, j)
	}
	var groups []rowGroup
	byKey := map[string]int{}
	for _, i := range rows {
		var key, label, group []string
		var methodPart string
		for k, c := range cols {
			v := t.cell(i, c)
			key = append(key, v)
			if !varies[k] {
				continue
			}
			part := labelPart(t.Columns[c], v)
			if c == methodCol {
				methodPart = part
				continue
			}
			label = append(label, part)
			group = append(group, part)
		}
		for _, c := range also {
			part := labelPart(t.Columns[c], t.cell(i, c))
			label = append(label, part)
			group = append(group, part)
		}
		if methodPart != "" {
			label = append(label, methodPart)
		}
		ks := strings.Join(key, "\x00")
		g, ok := byKey[ks]
		if !ok {
			g = len(groups)
			byKey[ks] = g
			// With nothing but the method to tell series apart, the
			// protocol still names them: "four-stage, Monte Carlo".
			if len(group) == 0 && len(cols) > 0 && t.Columns[cols[0]].Name == "protocol" && t.cell(i, cols[0]) != "" {
				group = []string{t.cell(i, cols[0])}
				label = append(group, label...)
			}
			rg := rowGroup{key: ks, label: strings.Join(label, ", "), group: strings.Join(group, ", ")}
			if rg.group == "" {
				rg.group = "all"
			}
			groups = append(groups, rg)
		}
		groups[g].rows = append(groups[g].rows, i)
	}
	return groups, nil
}

// variesOver reports whether column c takes more than one value over rows.
func variesOver(t *ResultTable, rows []int, c int) bool {
	for _, i := range rows {
		if t.cell(i, c) != t.cell(rows[0], c) {
			return true
		}
	}
	return false
}

// duplicates reports whether column c repeats one of cols cell for cell
// (protocol.kind beside protocol, solver.method beside method).
func duplicates(t *ResultTable, rows []int, c int, cols []int) bool {
	for _, d := range cols {
		same := true
		for _, i := range rows {
			if t.cell(i, c) != t.cell(i, d) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// alongColumns are the columns along which the points of a series run:
// x, and when x is a measured quantity (an error rate, a heat) rather than
// a sweep axis or the duration, the duration, as in a work–error figure.
func alongColumns(t *ResultTable, xc int) []int {
	along := []int{xc}
	if x := t.Columns[xc].Name; !strings.Contains(x, ".") && x != "duration" {
		for _, d := range []string{"duration", "protocol.duration"} {
			if t.has(d) {
				c, _ := t.Column(d)
				along = append(along, c)
			}
		}
	}
	return along
}

// orderRows returns rows in the order a series' points are joined: by
// the duration when x is a measured quantity (so that a curve of ε(τ) that
// turns back is drawn as computed, not zigzagging in ε), else by x.
func orderRows(t *ResultTable, rows []int, xc int) []int {
	along := alongColumns(t, xc)
	c := along[len(along)-1]
	key := func(i int) float64 {
		v, ok, err := t.Float(i, c)
		if !ok || err != nil {
			return math.Inf(1)
		}
		return v
	}
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	return out
}

// determined reports whether column c takes one value for each combination
// of the values of the columns in given (over rows).
func determined(t *ResultTable, rows []int, c int, given []int) bool {
	seen := map[string]string{}
	for _, i := range rows {
		var k []string
		for _, g := range given {
			k = append(k, t.cell(i, g))
		}
		ks := strings.Join(k, "\x00")
		v := t.cell(i, c)
		if old, ok := seen[ks]; ok && old != v {
			return false
		}
		seen[ks] = v
	}
	return true
}

// labelPart writes a series' value of a column for its legend: protocols
// and other words as they are, methods spelled out, numbers with the
// column's short name and unit ("barrier = 8 kT").
func labelPart(c TableColumn, v string) string {
	switch {
	case c.Name == "method" && v == erasure.MonteCarlo:
		return "Monte Carlo"
	case c.Name == "method" && v == erasure.FokkerPlanck:
		return "Fokker–Planck"
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || v == "" {
		if v == "" {
			v = "(none)"
		}
		return v
	}
	v = FormatValue(f)
	name := c.Name
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	s := name + " = " + v
	if c.Unit != "" {
		s += " " + c.Unit
	}
	return s
}

// seriesFromTable draws column Y against column X.
func seriesFromTable(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	if opts.X == "" || opts.Y == "" {
		return nil, fmt.Errorf("kind series needs the columns of both axes (--x and --y); the table's columns are: %s", strings.Join(t.Headers(), ", "))
	}
	xc, err := t.Column(opts.X)
	if err != nil {
		if ce, ok := err.(*ColumnError); ok && ce.Why == "" {
			ce.Why = "--x"
		}
		return nil, err
	}
	yc, err := t.Column(opts.Y)
	if err != nil {
		if ce, ok := err.(*ColumnError); ok && ce.Why == "" {
			ce.Why = "--y"
		}
		return nil, err
	}
	for _, c := range []struct {
		axis string
		col  int
	}{{"x", xc}, {"y", yc}} {
		if err := t.checkUnits(c.axis, c.col); err != nil {
			return nil, err
		}
	}
	groups, err := splitRows(t, allRows(t), xc, opts.Series)
	if err != nil {
		return nil, err
	}
	xBars, yBars := barColumns(t, xc), barColumns(t, yc)
	logX, logY := opts.XScale == AxisLog, opts.YScale == AxisLog
	fpCol := -1
	if t.has("method") {
		fpCol, _ = t.Column("method")
	}
	var series []Series
	skipped := 0
	for _, g := range groups {
		s := Series{Label: g.label, Group: g.group}
		allFP := fpCol >= 0
		for _, i := range orderRows(t, g.rows, xc) {
			x, okx, err := t.Float(i, xc)
			if err != nil {
				return nil, err
			}
			y, oky, err := t.Float(i, yc)
			if err != nil {
				return nil, err
			}
			if !okx || !oky {
				skipped++
				continue
			}
			var p Point
			if p.X, p.XLow, p.XHigh, p.XUpper, err = xBars.bar(t, i, x, logX); err != nil {
				return nil, err
			}
			if p.Y, p.YLow, p.YHigh, p.YUpper, err = yBars.bar(t, i, y, logY); err != nil {
				return nil, err
			}
			s.Points = append(s.Points, p)
			allFP = allFP && t.cell(i, fpCol) == erasure.FokkerPlanck
		}
		if len(s.Points) == 0 {
			continue
		}
		s.Line = allFP && len(s.Points) > 1
		series = append(series, s)
	}
	if len(series) == 0 {
		return nil, fmt.Errorf("no row has values of both %s and %s", t.Columns[xc].Name, t.Columns[yc].Name)
	}
	so := SeriesOptions{
		XLabel: axisLabel(t.Columns[xc]), YLabel: axisLabel(t.Columns[yc]),
		XName: t.Columns[xc].Name, XUnit: t.Columns[xc].Unit,
		YName: t.Columns[yc].Name, YUnit: t.Columns[yc].Unit,
		LogX: logX, LogY: logY, Legend: opts.Legend, X: opts.XLim, Y: opts.YLim,
	}
	if len(opts.Fit) > 0 {
		labels, err := fitLabels(opts.Fit, series)
		if err != nil {
			return nil, err
		}
		so.Fit = &FitOptions{Series: labels, MinX: opts.FitMinTau,
			XSym: columnSymbol(t.Columns[xc]), YSym: columnSymbol(t.Columns[yc]),
			XUnit: t.Columns[xc].Unit, YUnit: t.Columns[yc].Unit}
	}
	fig, err := SeriesFigure(series, style, so)
	if err != nil {
		return nil, err
	}
	if skipped > 0 {
		fig.Warnings = append(fig.Warnings, fmt.Sprintf("%d rows without a value of %s or %s left out", skipped, t.Columns[xc].Name, t.Columns[yc].Name))
	}
	return fig, nil
}

// bars are the columns that give a value's error bar, in order of
// preference: an interval (low, high), a standard error, a discretisation
// error. A row uses the first that it has (> 0).
type bars struct{ low, high, sem, err int }

func barColumns(t *ResultTable, c int) bars {
	b := bars{-1, -1, -1, -1}
	name := t.Columns[c].Name
	stems := []string{name}
	for _, suf := range []string{"_mean", "_rate"} {
		if s, ok := strings.CutSuffix(name, suf); ok {
			stems = append(stems, s)
		}
	}
	find := func(suffix string) int {
		for _, s := range stems {
			for j, col := range t.Columns {
				if col.Name == s+suffix {
					return j
				}
			}
		}
		return -1
	}
	lo, hi := find("_low"), find("_high")
	if lo >= 0 && hi >= 0 {
		b.low, b.high = lo, hi
	}
	b.sem, b.err = find("_sem"), find("_err")
	return b
}

// bar returns the value v of row i with its error bar. On a log axis, a
// zero with an interval [0, high] (a Monte Carlo error rate with no error
// seen) becomes an upper limit at high.
func (b bars) bar(t *ResultTable, i int, v float64, log bool) (val, lo, hi float64, upper bool, err error) {
	if b.low >= 0 {
		l, okl, err := t.Float(i, b.low)
		if err != nil {
			return 0, 0, 0, false, err
		}
		h, okh, err := t.Float(i, b.high)
		if err != nil {
			return 0, 0, 0, false, err
		}
		if okl && okh && l < h {
			if log && v == 0 && l == 0 {
				return h, 0, 0, true, nil
			}
			return v, l, h, false, nil
		}
	}
	for _, c := range []int{b.sem, b.err} {
		if c < 0 {
			continue
		}
		e, ok, err := t.Float(i, c)
		if err != nil {
			return 0, 0, 0, false, err
		}
		if ok && e > 0 && !math.IsInf(e, 0) {
			return v, v - e, v + e, false, nil
		}
	}
	return v, 0, 0, false, nil
}

// columnSymbol is a column's symbol in a fit's formula: the physics symbol
// of the columns this project writes, else the column's short name.
func columnSymbol(c TableColumn) string {
	if s, ok := results.Symbol(c.Name); ok { // the registry's
		return s
	}
	name := c.Name
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	if n, ok := strings.CutSuffix(name, "_mean"); ok {
		name = n
	}
	return `\mathrm{` + tex.Escape(name) + `}`
}

func axisLabel(c TableColumn) string {
	if l, ok := results.AxisLabel(c.Name); ok { // the registry's
		return l
	}
	s := c.Name
	if c.Unit != "" {
		s += " (" + c.Unit + ")"
	}
	return tex.Escape(s)
}

// ---- title ----

// addTitle writes a label in the top-left corner of the first panel and
// makes room for it above the data.
func addTitle(fig *Figure, label string, st Style) {
	if len(fig.panels) == 0 {
		return
	}
	pan := fig.panels[0]
	// One row of text is about 1.7 label sizes of a data area of ~72 % of
	// the figure's height (less when panels share it).
	var w float64
	for _, p := range fig.panels {
		w += p.weight
	}
	dataH := float64(fig.heightFor(st)) * 0.72 * pan.weight / math.Max(w, 1)
	f := math.Min(0.3, 1.7*float64(st.LabelSize)/dataH)
	ya := &pan.y
	if ya.log {
		a, b := math.Log10(ya.min), math.Log10(ya.max)
		ya.max = math.Min(math.Pow(10, b+f/(1-f)*(b-a)), logAxisCeil)
	} else {
		ya.max += f / (1 - f) * (ya.max - ya.min)
	}
	pan.layers = append(pan.layers, &titleLayer{label: label, chars: utf8.RuneCountInString(label)})
}

// titleLayer is a panel label in the top-left corner of the data area.
type titleLayer struct {
	label string
	chars int // for the legend's placement, which has no text handler
}

func (l *titleLayer) at(c draw.Canvas, size vg.Length) vg.Point {
	return vg.Point{X: c.Min.X + 0.5*size + 3.5, Y: c.Max.Y - 0.35*size - 3.5}
}

func (l *titleLayer) draw(c draw.Canvas, _ transform, st Style, h text.Handler) {
	sty := text.Style{Color: OkabeItoBlack, Font: st.Font, Handler: h, XAlign: draw.XLeft, YAlign: draw.YTop}
	sty.Font.Size = st.LabelSize
	c.FillText(sty, l.at(c, st.LabelSize), l.label)
}

func (l *titleLayer) anchors(c draw.Canvas, _ transform) []vg.Point {
	const size = 9 // points; anchors only steer the legend away
	p := l.at(c, size)
	w := vg.Length(l.chars) * size * 0.5
	var out []vg.Point
	for k := 0; k <= 10; k++ {
		x := p.X + w*vg.Length(k)/10
		out = append(out, vg.Point{X: x, Y: p.Y}, vg.Point{X: x, Y: p.Y - size})
	}
	return out
}

// histogramFromTable draws the work histogram of every row that has one
// (Monte Carlo results in JSON), with the Jarzynski/Crooks view at the
// row's exact ΔF.
func histogramFromTable(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	rs, err := t.Results()
	if err != nil {
		return nil, err
	}
	var hs []Histogram
	for _, r := range rs {
		h := r.WorkHistogram
		if h == nil || len(h.Counts) == 0 {
			continue
		}
		counts := make([]float64, len(h.Counts))
		for i, c := range h.Counts {
			counts[i] = float64(c)
		}
		hs = append(hs, Histogram{Label: fmt.Sprintf("%s, τ = %s", r.Protocol, FormatValue(r.Duration)),
			Edges: h.Edges(), Counts: counts, DeltaF: r.FreeEnergyChange})
	}
	if len(hs) == 0 {
		return nil, errors.New("kind histogram needs Monte Carlo rows with a work_histogram (the JSON of landauer run, or merge --format jsonl)")
	}
	return HistogramFigure(hs, style, HistogramOptions{X: opts.XLim, Y: opts.YLim, LinearY: opts.YScale == AxisLinear, Legend: opts.Legend})
}

// densityFromTable draws the snapshots of the first row that has them (a
// Fokker–Planck run with solver.snapshots > 1).
func densityFromTable(t *ResultTable, style Style, opts TableFigureOptions) (*Figure, error) {
	rs, err := t.Results()
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if len(r.Snapshots) == 0 {
			continue
		}
		snaps := make([]Snapshot, len(r.Snapshots))
		for i, s := range r.Snapshots {
			snaps[i] = Snapshot{T: s.T, X: s.X, U: s.U, P: s.P}
		}
		return DensityFigure(snaps, style, DensityOptions{LogP: opts.YScale != AxisLinear, Tau: r.Duration, X: opts.XLim, P: opts.YLim, Decades: opts.Decades, Legend: opts.Legend})
	}
	return nil, errors.New("kind density needs a Fokker–Planck row with snapshots (landauer run --method fokker-planck --snapshots 5 --format json)")
}
