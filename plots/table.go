package plots

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
)

// Table is the data behind a figure, one row per plotted value, in the
// units of the axes. Save writes it as CSV beside every image, with a
// header of column names and units ("tau [t0]", "work [kT]").
type Table struct {
	Header []string
	Rows   [][]string
}

// WriteCSV writes the table as CSV.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func (t *Table) csvBytes() ([]byte, error) {
	var b bytes.Buffer
	err := t.WriteCSV(&b)
	return b.Bytes(), err
}

// num writes v exactly (shortest representation that reads back to v).
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// seriesTable is the table of series figures: one row per point, x in a
// fixed unit, the plotted quantity named per row.
//
//	series, kind, <x> [unit], <x>_low [unit], <x>_high [unit],
//	quantity, value, value_low, value_high, unit, limit
//
// kind is "points" (markers with error bars), "curve", "fit", "bound" or
// "reference"; limit is "x_upper" or "y_upper" for upper limits; empty
// cells mean no error bar.
type seriesTable struct{ t *Table }

func newSeriesTable(xName, xUnit string) seriesTable {
	u := ""
	if xUnit != "" {
		u = " [" + xUnit + "]"
	}
	return seriesTable{&Table{Header: []string{
		"series", "kind", xName + u, xName + "_low" + u, xName + "_high" + u,
		"quantity", "value", "value_low", "value_high", "unit", "limit",
	}}}
}

func (st seriesTable) add(series, kind, quantity, unit string, ps []Point) {
	for _, p := range ps {
		xl, xh, yl, yh := "", "", "", ""
		if p.hasXBar() {
			xl, xh = num(p.XLow), num(p.XHigh)
		}
		if p.hasYBar() {
			yl, yh = num(p.YLow), num(p.YHigh)
		}
		lim := ""
		switch {
		case p.XUpper && p.YUpper:
			lim = "x_upper;y_upper"
		case p.XUpper:
			lim = "x_upper"
		case p.YUpper:
			lim = "y_upper"
		}
		st.t.Rows = append(st.t.Rows, []string{series, kind, num(p.X), xl, xh, quantity, num(p.Y), yl, yh, unit, lim})
	}
}
