package plots

import (
	"math"
	"testing"
)

// TestFrontBounds: without a full_control_bound column the front gets the
// two bounds independent of τ; with one, the full-control bound
// ln 2 − H(ε) + W₂²/(Dτ) reproduces the column exactly at the table's (ε, τ)
// (W₂²/D is taken from the row nearest in log ε), and falls as 1/τ.
func TestFrontBounds(t *testing.T) {
	plain := &ResultTable{Columns: []TableColumn{{Name: "error_rate"}, {Name: "duration"}}, Rows: [][]string{{"0.01", "2"}}}
	bs, err := FrontBounds(plain)
	if err != nil || len(bs) != 2 {
		t.Fatalf("without full_control_bound: %d bounds, %v", len(bs), err)
	}
	tab := &ResultTable{
		Columns: []TableColumn{{Name: "full_control_bound"}, {Name: "error_rate"}, {Name: "duration"}},
		Rows:    [][]string{{"0.9", "0.01", "2"}, {"2.5", "1e-6", "4"}, {"", "0.1", "1"}},
	}
	bs, err = FrontBounds(tab)
	if err != nil || len(bs) != 3 || bs[2].Name != "full_control" {
		t.Fatalf("with full_control_bound: %v, %v", bs, err)
	}
	fc := bs[2].W
	for _, c := range []struct{ eps, tau, want float64 }{{0.01, 2, 0.9}, {1e-6, 4, 2.5}} {
		if got := fc(c.eps, c.tau); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("W(%g, %g) = %.15g, the table says %g", c.eps, c.tau, got, c.want)
		}
	}
	// W₂²/D = (0.9 − (ln 2 − H(0.01)))·2: at 2τ the excess over Landauer halves.
	l := bs[0].W(0.01, 0)
	if got, want := fc(0.01, 4)-l, (0.9-l)/2; math.Abs(got-want) > 1e-12 {
		t.Errorf("excess at 2τ %g, want %g", got, want)
	}
	bad := &ResultTable{Columns: tab.Columns, Rows: [][]string{{"x", "0.01", "2"}}}
	if _, err := FrontBounds(bad); err == nil {
		t.Error("a cell that is not a number: no error")
	}
}
