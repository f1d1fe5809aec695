// Package golden compares outputs of the command line and the library with
// files checked into testdata ("goldens"), so that a restructuring that
// changes a number is caught.
//
// A golden matches when the output is byte-identical to it. Where the bits
// of a floating-point result can legitimately differ between machines (the
// compiler fuses a·b + c into one FMA on some architectures, math library
// routines differ in the last place), the text may instead agree number by
// number within a relative tolerance: every non-numeric part must still be
// identical, and every number x must satisfy |x − x_golden| ≤ tol·max(|x|,
// |x_golden|). Such a match is logged, never silent.
//
// Outputs are regenerated with the test flag -golden.regen (which each test
// package declares and passes in); a regenerated golden is a deliberate
// change and says so in its commit.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// DefaultTol is the relative tolerance of a number-by-number match: about
// 4500 units in the last place of a float64 (2^-52 ≈ 2.2e-16), room for
// the rounding differences of an FMA or a libm routine accumulated over a
// run's reductions, and far below any statistical or discretisation error
// landauer reports (≥ 1e-8 relative in every golden here).
const DefaultTol = 1e-12

// number matches a decimal number as strconv.FormatFloat and fmt write it.
var number = regexp.MustCompile(`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`)

// Check compares got with the golden file at path (relative to the test's
// package directory). With regen it writes got to path instead. tol is
// the relative tolerance of a number-by-number match (0: bytes only).
func Check(t testing.TB, path string, got []byte, regen bool, tol float64) {
	t.Helper()
	if regen {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("golden %s regenerated", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run the test with -args -golden.regen to create it)", path, err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if tol > 0 {
		if err := Compare(got, want, tol); err == nil {
			t.Logf("golden %s: not byte-identical, but every number agrees within relative %g", path, tol)
			return
		}
	}
	t.Errorf("golden %s differs: %v", path, Compare(got, want, tol))
}

// Compare reports where got and want differ: nil when every non-numeric
// part is identical and every number agrees within relative tol.
func Compare(got, want []byte, tol float64) error {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		if i >= len(gl) || i >= len(wl) {
			return fmt.Errorf("%d lines, golden has %d", len(gl), len(wl))
		}
		if err := compareLine(gl[i], wl[i], tol); err != nil {
			return fmt.Errorf("line %d: %v\n got: %s\nwant: %s", i+1, err, clip(gl[i]), clip(wl[i]))
		}
	}
	return nil
}

func compareLine(g, w []byte, tol float64) error {
	if bytes.Equal(g, w) {
		return nil
	}
	gi, wi := number.FindAllIndex(g, -1), number.FindAllIndex(w, -1)
	if len(gi) != len(wi) {
		return fmt.Errorf("%d numbers, golden has %d", len(gi), len(wi))
	}
	gp, wp := 0, 0
	for k := range gi {
		if !bytes.Equal(g[gp:gi[k][0]], w[wp:wi[k][0]]) {
			return fmt.Errorf("text %q, golden %q", g[gp:gi[k][0]], w[wp:wi[k][0]])
		}
		gs, ws := g[gi[k][0]:gi[k][1]], w[wi[k][0]:wi[k][1]]
		if !bytes.Equal(gs, ws) {
			a, err1 := strconv.ParseFloat(string(gs), 64)
			b, err2 := strconv.ParseFloat(string(ws), 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("%s, golden %s", gs, ws)
			}
			if d, m := abs(a-b), max(abs(a), abs(b)); d > tol*m {
				return fmt.Errorf("%s, golden %s (relative difference %.3g > %g)", gs, ws, d/m, tol)
			}
		}
		gp, wp = gi[k][1], wi[k][1]
	}
	if !bytes.Equal(g[gp:], w[wp:]) {
		return fmt.Errorf("text %q, golden %q", g[gp:], w[wp:])
	}
	return nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func clip(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// Mask replaces, in every match of re, the first submatch (or the whole
// match when re has none) by "<masked>": values that differ from run to
// run (wall times, host names, the binary's path and version).
func Mask(b []byte, re *regexp.Regexp) []byte {
	return re.ReplaceAllFunc(b, func(m []byte) []byte {
		idx := re.FindSubmatchIndex(m)
		if len(idx) < 4 || idx[2] < 0 {
			return []byte("<masked>")
		}
		out := append([]byte{}, m[:idx[2]]...)
		out = append(out, "<masked>"...)
		return append(out, m[idx[3]:]...)
	})
}
