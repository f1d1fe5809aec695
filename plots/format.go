package plots

import (
	"math"
	"strconv"
	"strings"
)

// Numbers in legends and labels are written in Unicode (texEscape turns
// them into the LaTeX subset): 3 significant digits for a bare value,
// and for a value with a standard error, the error to 2 significant digits
// and the value to the same decimal place, "(−19 ± 43)", as the Particle
// Data Group rounds.

var superscripts = map[rune]rune{'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻'}

// powerOfTen writes 10^k as "10⁻¹⁵".
func powerOfTen(k int) string {
	var b strings.Builder
	b.WriteString("10")
	for _, r := range strconv.Itoa(k) {
		b.WriteRune(superscripts[r])
	}
	return b.String()
}

// minus writes an ASCII minus as the typographic one.
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// FormatValue writes v with 3 significant digits: "3.16", "0.0316",
// "1×10⁻¹⁵", "2.5×10⁶" (plain decimals for 10⁻³ ≤ |v| < 10⁴).
func FormatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	a := math.Abs(v)
	if v == 0 || a >= 1e-3 && a < 1e4 {
		return minus(strconv.FormatFloat(v, 'g', 3, 64))
	}
	k := int(math.Floor(math.Log10(a)))
	m, _ := strconv.ParseFloat(strconv.FormatFloat(v/math.Pow(10, float64(k)), 'g', 3, 64), 64)
	if math.Abs(m) >= 10 {
		m /= 10
		k++
	}
	if m == 1 {
		return powerOfTen(k)
	}
	if m == -1 {
		return "−" + powerOfTen(k)
	}
	return minus(strconv.FormatFloat(m, 'g', -1, 64)) + "×" + powerOfTen(k)
}

// FormatPM writes v ± se rounded to what se supports: se to 2 significant
// digits, v to the same decimal place, in parentheses when a unit follows
// ("(−19 ± 43) kT·t0", "(0.697 ± 0.012) kT"), with a common power of ten
// for very large or small numbers ("(1.2 ± 0.3)×10⁻⁵"). Without a usable
// se (0, NaN) it writes FormatValue(v) and the unit.
func FormatPM(v, se float64, unit string) string {
	suffix := ""
	if unit != "" {
		suffix = " " + unit
	}
	if !(se > 0) || math.IsInf(se, 0) || math.IsNaN(v) {
		return FormatValue(v) + suffix
	}
	// Decimal place of the second significant digit of se.
	place := int(math.Floor(math.Log10(se))) - 1
	scale := 0
	if big := math.Max(math.Abs(v), se); big >= 1e5 || big < 1e-3 {
		scale = int(math.Floor(math.Log10(big)))
	}
	p := math.Pow(10, float64(scale))
	dec := max(scale-place, 0)
	vs := minus(strconv.FormatFloat(v/p, 'f', dec, 64))
	ses := strconv.FormatFloat(se/p, 'f', dec, 64)
	if vs == "−0" || strings.HasPrefix(vs, "−0.") && strings.Trim(vs, "−0.") == "" {
		vs = vs[len("−"):]
	}
	s := vs + " ± " + ses
	if scale != 0 {
		return "(" + s + ")×" + powerOfTen(scale) + suffix
	}
	if unit != "" {
		return "(" + s + ")" + suffix
	}
	return s
}
