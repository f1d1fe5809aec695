package plots

import (
	"strings"

	"github.com/landauer-dev/landauer/stats"
)

// FitResult is a fit of y∞ + B/τ (stats.FitInverse) to one series of a
// figure, with the series' label and the figure's symbols and units.
type FitResult struct {
	Series string // label of the fitted series
	// The fit: Inf is W∞ (kT) and B in kT·t0 for a work–duration fit.
	stats.InverseFit
	// The symbols (LaTeX subset) and units of x and y: \tau and W, t0
	// and kT for a work–duration fit.
	XSym, YSym   string
	XUnit, YUnit string
}

// Model writes the fitted model in Unicode, in the figure's symbols:
// "W∞ + B/τ", "Q∞ + B/τ".
func (f FitResult) Model() string {
	y, x := f.YSym, f.XSym
	if y == "" {
		y = "W"
	}
	if x == "" {
		x = `\tau`
	}
	return unTeX(y) + "∞ + B/" + unTeX(x)
}

// YInf names the fitted asymptote in Unicode: "W∞", "Q∞".
func (f FitResult) YInf() string {
	if f.YSym == "" {
		return "W∞"
	}
	return unTeX(f.YSym) + "∞"
}

// BUnit is the unit of B: y's unit times x's ("kT·t0").
func (f FitResult) BUnit() string { return fitUnits(f.YUnit, f.XUnit) }

// unTeX writes a symbol of the LaTeX subset in Unicode (\tau → τ,
// \mathrm{t_c} → t_c).
func unTeX(s string) string {
	for cmd, r := range map[string]string{`\tau`: "τ", `\varepsilon`: "ε", `\Delta `: "Δ", `\Delta`: "Δ"} {
		s = strings.ReplaceAll(s, cmd, r)
	}
	if in, ok := strings.CutPrefix(s, `\mathrm{`); ok {
		s = strings.TrimSuffix(in, "}")
	}
	return strings.ReplaceAll(s, `\_`, "_")
}
