package plots

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/stats"
)

func mustRead(t *testing.T, s string) *ResultTable {
	t.Helper()
	tab, err := ReadTable(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ReadTable(%q): %v", s, err)
	}
	return tab
}

// CSV with "name [unit]" headers or plain names, one JSON object (as
// `landauer run --format json` writes it, or pretty-printed), JSON lines
// whose keys differ, and a JSON array all read into the same table.
func TestReadTableFormats(t *testing.T) {
	csvUnits := mustRead(t, "\ufeffmethod,duration [t0],work_mean [kT],errors,free_energy_change [kT]\nmonte-carlo,2,1.5,3,\n")
	if got := csvUnits.Headers(); strings.Join(got, "|") != "method|duration [t0]|work_mean [kT]|errors|free_energy_change [kT]" {
		t.Errorf("CSV headers %q", got)
	}
	plain := mustRead(t, "method,duration,work_mean,errors,free_energy_change\nmonte-carlo,2,1.5,3,\n")
	// Schema 2: provenance comments, a "# units:" line, bare names.
	commented := mustRead(t, "# landauer run\n# config: [potential] # a comment\n# units: duration=t0,work_mean=kT,free_energy_change=kT\n"+
		"method,duration,work_mean,errors,free_energy_change\nmonte-carlo,2,1.5,3,\n")
	if got := commented.Headers(); strings.Join(got, "|") != "method|duration [t0]|work_mean [kT]|errors|free_energy_change [kT]" {
		t.Errorf("commented CSV headers %q", got)
	}
	obj := mustRead(t, `  {"method": "monte-carlo", "duration": 2, "work_mean": 1.5, "errors": 3, "free_energy_change": null}`)
	lines := mustRead(t, "{\"method\":\"monte-carlo\",\"duration\":2}\n{\"work_mean\":1.5,\"duration\":4,\"nested\":{\"a\": [1, 2]}}\n")
	arr := mustRead(t, `[{"duration": 2}, {"duration": 4}]`)
	for _, tab := range []*ResultTable{csvUnits, plain, commented, obj} {
		rs, err := tab.Results()
		if err != nil {
			t.Fatal(err)
		}
		r := rs[0]
		if len(rs) != 1 || r.Method != erasure.MonteCarlo || r.Duration != 2 || r.Work.Value != 1.5 || r.Errors != 3 || r.FreeEnergyChange != nil {
			t.Errorf("Results %+v", rs)
		}
	}
	// JSON gets the units of the Result fields.
	if c, _ := obj.Column("duration"); obj.Columns[c].Unit != "t0" {
		t.Errorf("JSON duration unit %q", obj.Columns[c].Unit)
	}
	if len(lines.Rows) != 2 || len(lines.Columns) != 4 || lines.Rows[0][2] != "" || lines.Rows[1][1] != "4" || lines.Rows[1][3] != `{"a":[1,2]}` {
		t.Errorf("JSON lines: %q %q", lines.Headers(), lines.Rows)
	}
	if len(arr.Rows) != 2 || arr.Rows[1][0] != "4" {
		t.Errorf("JSON array: %q", arr.Rows)
	}
	for _, s := range []string{"", "  \n", "a,b\n"} {
		if tab := mustRead(t, s); len(tab.Rows) != 0 {
			t.Errorf("%q: %d rows", s, len(tab.Rows))
		}
	}
	for _, bad := range []string{`{"a": 1`, `{"a": 1} 3`, "a,b\n1,2,3\n", `{"a": 1, "a": 2}`, "a,a\n1,2\n"} {
		if _, err := ReadTable(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadTable(%q): no error", bad)
		}
	}
}

// The numbers of a Result written by the engine read back exactly, from
// its JSON and from its CSV, for either method (the fields of the other
// method are left out: absent in the JSON, empty in the CSV).
func TestReadTableRoundTrip(t *testing.T) {
	fe, ep := -0.6931471805599453, 1.234e-7
	for _, method := range []string{erasure.FokkerPlanck, erasure.MonteCarlo} {
		r := erasure.Result{
			Method:            method,
			Protocol:          "four-stage",
			Duration:          3.1622776601683795,
			Work:              stats.Discretised(2.0000000000000004, 1e-300),
			ErrorRate:         stats.Estimate{Value: 5e-324},
			Errors:            -1,
			Seed:              math.MaxUint64,
			FreeEnergyChange:  &fe,
			EntropyProduction: &ep,
			Cells:             400,
			SymmetricMin:      math.Inf(1),
		}
		mc := method == erasure.MonteCarlo
		for _, format := range []string{results.FormatJSON, results.FormatCSV} {
			var b bytes.Buffer
			if err := results.Write(&b, &r, format); err != nil {
				t.Fatal(err)
			}
			tab := mustRead(t, b.String())
			rs, err := tab.Results()
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			g := rs[0]
			if g.Method != r.Method || g.Protocol != r.Protocol || g.Duration != r.Duration || g.Work.Value != r.Work.Value ||
				g.ErrorRate.Value != r.ErrorRate.Value || g.Cells != r.Cells || g.FreeEnergyChange == nil || *g.FreeEnergyChange != fe ||
				*g.EntropyProduction != ep || g.KineticTemperature != nil || g.SymmetricMin != 0 {
				t.Errorf("%s %s: read %+v", method, format, g)
			}
			if mc && (g.Errors != r.Errors || g.Seed != r.Seed || g.Work.DiscretisationError() != 0) || !mc && (g.Work.DiscretisationError() != r.Work.DiscretisationError() || g.Errors != 0 || g.Seed != 0) {
				t.Errorf("%s %s: method-specific fields read %+v", method, format, g)
			}
		}
	}
	if _, err := mustRead(t, "duration,errors\n1,x\n").Results(); err == nil || !strings.Contains(err.Error(), `column "errors", row 1`) {
		t.Errorf("bad integer: %v", err)
	}
	if _, err := mustRead(t, "duration\nabc\n").Results(); err == nil {
		t.Error("bad number read")
	}
}

func TestReadTableColumnsAndAppend(t *testing.T) {
	tab := mustRead(t, "index,potential.barrier [kT],protocol.duration [t0],duration [t0],x.tilt,y.tilt\n0,4,1,1,0.5,1\n")
	for name, want := range map[string]int{"duration": 3, "duration [t0]": 3, "protocol.duration": 2, "barrier": 1, "potential.barrier [kT]": 1} {
		if got, err := tab.Column(name); got != want || err != nil {
			t.Errorf("Column(%q) = %d, %v; want %d", name, got, err, want)
		}
	}
	var ce *ColumnError
	if _, err := tab.Column("tilt"); !errors.As(err, &ce) || !strings.Contains(err.Error(), "ambiguous") {
		t.Errorf("ambiguous column: %v", err)
	}
	if _, err := tab.Column("work_mean"); !errors.As(err, &ce) || !strings.Contains(err.Error(), "index, potential.barrier [kT], protocol.duration [t0]") {
		t.Errorf("missing column: %v", err)
	}
	a := mustRead(t, "duration [t0],work_mean\n1,2\n")
	a.Append(mustRead(t, `{"work_mean": 3, "error_rate": 0.5}`))
	if strings.Join(a.Headers(), "|") != "duration [t0]|work_mean [kT]|error_rate" || len(a.Rows) != 2 ||
		strings.Join(a.Rows[0], "|") != "1|2|" || strings.Join(a.Rows[1], "|") != "|3|0.5" {
		t.Errorf("Append: %q %q", a.Headers(), a.Rows)
	}
}

// Rows split into series by protocol, method, and the sweep axes that vary
// independently of x; an axis zipped with another (or with x) splits
// nothing more.
func TestReadTableSplit(t *testing.T) {
	tab := mustRead(t, `protocol,method,potential.barrier [kT],ensemble.trajectories,protocol.duration [t0],dynamics.dt [t0],duration [t0]
four-stage,monte-carlo,4,100,1,0.001,1
four-stage,fokker-planck,4,100,1,0.001,1
four-stage,monte-carlo,8,200,1,0.001,1
four-stage,monte-carlo,4,100,2,0.002,2
four-stage,monte-carlo,8,200,2,0.002,2
four-stage,fokker-planck,4,100,2,0.002,2
`)
	xc, _ := tab.Column("duration")
	groups, err := splitRows(tab, allRows(tab), xc, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups {
		got = append(got, g.label+" @"+g.group)
	}
	// ensemble.trajectories is zipped with the barrier: it splits nothing
	// but is named beside it.
	want := "barrier = 4 kT, trajectories = 100, Monte Carlo @barrier = 4 kT, trajectories = 100|" +
		"barrier = 4 kT, trajectories = 100, Fokker–Planck @barrier = 4 kT, trajectories = 100|" +
		"barrier = 8 kT, trajectories = 200, Monte Carlo @barrier = 8 kT, trajectories = 200"
	if strings.Join(got, "|") != want {
		t.Errorf("groups\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	// Against a measured x the points run along τ: τ does not split.
	ec := len(tab.Columns)
	tab.Columns = append(tab.Columns, TableColumn{Name: "error_rate"})
	for i := range tab.Rows {
		tab.Rows[i] = append(tab.Rows[i], "0.1")
	}
	if groups, _ = splitRows(tab, allRows(tab), ec, nil); len(groups) != 3 {
		t.Errorf("against ε: %d series", len(groups))
	}
	if _, err := splitRows(tab, allRows(tab), xc, []string{"nosuch"}); err == nil || !strings.Contains(err.Error(), "--series") {
		t.Errorf("--series nosuch: %v", err)
	}
}

func TestReadTableFigureOptions(t *testing.T) {
	tab := mustRead(t, "method,protocol,duration,work_mean,work_sem,error_rate,error_low,error_high\n"+
		"monte-carlo,four-stage,1,3,0.1,0,0,0.01\nmonte-carlo,four-stage,2,2,0.1,0.001,0.0005,0.002\nmonte-carlo,four-stage,4,1.5,0.1,0.002,0.001,0.004\n")
	for _, c := range []struct {
		opts TableFigureOptions
		want string
	}{
		{TableFigureOptions{Kind: "bogus"}, "unknown figure kind"},
		{TableFigureOptions{Kind: KindWorkError, Fit: []string{"1"}}, "work-duration and series only"},
		{TableFigureOptions{Kind: KindWorkDuration, Fit: []string{"3"}}, "there are 1 series"},
		{TableFigureOptions{Kind: KindWorkDuration, Fit: []string{"lift"}}, `no series has that label; the series are "four-stage"`},
		{TableFigureOptions{Kind: KindWorkDuration, XScale: AxisLinear}, "log x axis"},
		{TableFigureOptions{Kind: KindRetention}, `protocol "hold"`},
		{TableFigureOptions{Kind: KindSeries, X: "duration", Y: "heat_mean"}, `column "heat_mean" (--y)`},
	} {
		if _, err := TableFigure(tab, SingleColumn(), c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opts, err, c.want)
		}
	}
	if _, err := TableFigure(&ResultTable{Columns: tab.Columns}, SingleColumn(), TableFigureOptions{Kind: KindWorkDuration}); err == nil {
		t.Error("empty table drawn")
	}
	// A title makes room above the data; an ε of zero on a log axis is an
	// upper limit at error_high.
	plain, err := TableFigure(tab, SingleColumn(), TableFigureOptions{Kind: KindSeries, X: "duration", Y: "error_rate", YScale: AxisLog})
	if err != nil {
		t.Fatal(err)
	}
	titled, err := TableFigure(tab, SingleColumn(), TableFigureOptions{Kind: KindSeries, X: "duration", Y: "error_rate", YScale: AxisLog, Title: "a τ scan"})
	if err != nil {
		t.Fatal(err)
	}
	if !(titled.panels[0].y.max > plain.panels[0].y.max) {
		t.Errorf("title: y max %g, untitled %g", titled.panels[0].y.max, plain.panels[0].y.max)
	}
	rows := titled.Table().Rows
	if len(rows) != 3 || rows[0][6] != "0.01" || rows[0][10] != "y_upper" || rows[1][7] != "0.0005" || rows[1][8] != "0.002" {
		t.Errorf("series table %q", rows)
	}
	for _, ext := range []string{".png", ".tex"} {
		b, err := Render(titled, ext, SingleColumn())
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", ext, err)
		}
		if ext == ".tex" && !bytes.Contains(b, []byte(`a $\tau $ scan`)) {
			t.Errorf("title not in the PGF output")
		}
	}
}

// Two tables that give an axis' column in different units are refused;
// the same unit joins.
func TestUnitConflict(t *testing.T) {
	a := mustRead(t, "method,protocol,duration [t0],work_mean [kT],work_sem [kT]\nmonte-carlo,x,1,2,0.1\nmonte-carlo,x,2,1.5,0.1\n")
	b := mustRead(t, "method,protocol,duration [t_c],work_mean [kT],work_sem [kT]\nmonte-carlo,y,1,2,0.1\nmonte-carlo,y,2,1.5,0.1\n")
	a.Append(b)
	for _, o := range []TableFigureOptions{{Kind: KindWorkDuration}, {Kind: KindSeries, X: "duration", Y: "work_mean"}} {
		if _, err := TableFigure(a, goldenStyle(), o); err == nil || !strings.Contains(err.Error(), "t0 and t_c") {
			t.Errorf("%s: %v, want a refusal naming both units", o.Kind, err)
		}
	}
	c := mustRead(t, "method,protocol,duration [t0],work_mean [kT],work_sem [kT]\nmonte-carlo,x,1,2,0.1\n")
	c.Append(mustRead(t, "method,protocol,duration [t0],work_mean [kT],work_sem [kT]\nmonte-carlo,y,3,2,0.1\n"))
	if _, err := TableFigure(c, goldenStyle(), TableFigureOptions{Kind: KindWorkDuration}); err != nil {
		t.Errorf("same units: %v", err)
	}
}

// The density axis spans --decades below its maximum; the histogram on a
// log axis leaves empty bins as gaps (no outline point at the floor
// between two filled bins).
func TestDensityDecadesHistogramGaps(t *testing.T) {
	tab, err := ReadTableFile(filepath.Join("testdata", "run-fp.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dec := range []float64{0, 8} {
		fig, err := TableFigure(tab, goldenStyle(), TableFigureOptions{Kind: KindDensity, Decades: dec})
		if err != nil {
			t.Fatal(err)
		}
		p := fig.panels[1].y
		want := dec
		if want == 0 {
			want = 20
		}
		if got := math.Log10(p.max / p.min); got > 1.06*want || got < want {
			t.Errorf("decades %g: the density axis spans %.2f decades (%g to %g)", dec, got, p.min, p.max)
		}
	}
	l := &stepLayer{edges: []float64{0, 1, 2, 3, 4}, values: []float64{1, 1e-9, 1e-3, 1e-3}, floor: 1e-9, gaps: true}
	tr := transform{x: func(v float64) vg.Length { return vg.Length(v) }, y: func(v float64) vg.Length { return vg.Length(v * 1e9) }}
	runs := l.runs(tr)
	if len(runs) != 2 {
		t.Fatalf("%d runs, want 2 (the empty bin a gap)", len(runs))
	}
	for _, r := range runs {
		for _, p := range r[1 : len(r)-1] {
			if p.Y == 1 { // the floor, 1e-9 × 1e9
				t.Errorf("outline at the floor inside a run: %v", r)
			}
		}
	}
}

// Kind front: one curve per class and target against τ (per class and τ
// against ε), every optimum a point, the bounds from the functions given,
// infeasible rows left out.
func TestFrontFromTable(t *testing.T) {
	tab := mustRead(t, `class,duration [t0],max_error,work_mean [kT],work_err [kT],error_rate,infeasible
asymmetric,1,0.01,2.4,0.001,0.0098,
asymmetric,10,0.01,0.85,0.0001,0.0099,
symmetric,1,0.01,3.4,0.0006,0.0098,
symmetric,10,0.01,2.5,0.00001,0.0098,
symmetric,0.1,0.01,,,,true
`)
	lb := func(e, _ float64) float64 { return math.Ln2 + e*math.Log(e) + (1-e)*math.Log(1-e) }
	opts := TableFigureOptions{Kind: KindFront, FrontBounds: []FrontBound{{Name: "lb", Label: "L", W: lb}}}
	fig, err := TableFigure(tab, goldenStyle(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Warnings) != 1 || !strings.Contains(fig.Warnings[0], "1 optimisations that could not meet") {
		t.Errorf("warnings %q", fig.Warnings)
	}
	var curves, points, bounds int
	for _, r := range fig.Table().Rows {
		switch r[1] {
		case "curve":
			curves++
		case "points":
			points++
		case "bound":
			bounds++
			if x, v := parse(t, r[2]), parse(t, r[6]); v != lb(0.01, x) {
				t.Errorf("bound at τ = %g: %g, want %g", x, v, lb(0.01, x))
			}
		}
	}
	if curves != 4 || points != 4 || bounds == 0 {
		t.Errorf("%d curve rows, %d point rows, %d bound rows; want 4, 4 and some", curves, points, bounds)
	}
	opts.X = "error"
	if fig, err = TableFigure(tab, goldenStyle(), opts); err != nil || fig.Table().Header[2] != "error_rate" {
		t.Errorf("--x error: %v", err)
	}
	opts.X = "heat"
	if _, err := TableFigure(tab, goldenStyle(), opts); err == nil || !strings.Contains(err.Error(), "duration or error") {
		t.Errorf("--x heat: %v", err)
	}
}
