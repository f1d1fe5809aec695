package tex

import (
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

func TestConvertTeX(t *testing.T) {
	describe := func(rs []run) string {
		var b strings.Builder
		for _, r := range rs {
			switch {
			case r.bracket != 0:
				b.WriteString("[" + string(r.bracket) + "]")
			case r.text != "":
				s := r.text
				if r.italic {
					s = "/" + s + "/"
				}
				if r.shift > 0 {
					s = "^" + s
				}
				if r.shift < 0 {
					s = "_" + s
				}
				b.WriteString(s)
			default:
				b.WriteString("·")
			}
		}
		return b.String()
	}
	cases := map[string]string{
		`$\langle W\rangle/kT$`:               "[⟨]/W/·[⟩]//kT/",
		`duration $\tau/t_0$`:                 "duration /τ/·//t/_0",
		`$10^{-15}$`:                          "10^−15",
		`$kT\ln 2$`:                           "/kT/·ln·2",
		`$a - b$`:                             "/a/·−·/b/",
		`$-0.5$`:                              "−0.5",
		`$\frac{1}{2}$`:                       "½",
		`50\% \& a\_b`:                        "50% & a_b",
		`Fokker--Planck`:                      "Fokker–Planck",
		`$W_\infty + B/\tau$`:                 "/W/_∞·+·/B/·//τ/",
		`$\frac{1-\varepsilon}{\varepsilon}$`: "(1·−·/ε/·)//ε/",
	}
	for src, want := range cases {
		rs, unknown := convert(src)
		if got := describe(rs); got != want || len(unknown) > 0 {
			t.Errorf("convert(%q) = %q %v, want %q", src, got, unknown, want)
		}
	}
	if _, unknown := convert(`$\foo x$`); len(unknown) != 1 {
		t.Errorf("unknown command not reported: %v", unknown)
	}
}

func TestTeXEscape(t *testing.T) {
	cases := map[string]string{
		"four-stage, Monte Carlo": "four-stage, Monte Carlo",
		"a_b & 50% #1 {x}":        `a\_b \& 50\% \#1 \{x\}`,
		"⟨W⟩ at τ = 10":           `$\langle W\rangle $ at $\tau $ = 10`,
		"⟨W + Q⟩":                 `$\langle W + Q\rangle $`,
		"Fokker–Planck":           "Fokker--Planck",
		"E_b ≥ 35 kT, ε ≤ 10⁻¹⁵":  `E\_b $\geq $ 35 kT, $\varepsilon $ $\leq $ 10$^{-}^{1}^{5}$`,
		`back\slash ~^`:           `back\textbackslash{}slash \textasciitilde{}\textasciicircum{}`,
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		// What Escape writes, the PNG renderer reads.
		if _, unknown := convert(Escape(in)); len(unknown) > 0 {
			t.Errorf("Escape(%q) has unknown commands %v", in, unknown)
		}
	}
}

// TestHandlersMeasure: both handlers measure a label wider than its first
// half, the TeX handler wider than the rich one for math (Computer
// Modern's wider math, texWidth), and the angle brackets take room.
func TestHandlersMeasure(t *testing.T) {
	fonts := plot.DefaultTextHandler.Cache()
	rich := Rich{Fonts: fonts}
	var h text.Handler = TeX{Rich: rich}
	fnt := font.Font{Typeface: "Liberation", Variant: "Serif", Size: vg.Points(10)}
	full, _, _ := rich.Box(`$\langle W\rangle/kT$`, fnt)
	half, _, _ := rich.Box(`$\langle W$`, fnt)
	if !(full > half && half > 0) {
		t.Errorf("rich widths: full %v, half %v", full, half)
	}
	tw, _, _ := h.Box(`$\langle W\rangle/kT$`, fnt)
	if !(tw > full) {
		t.Errorf("TeX width %v not above the rich width %v for math", tw, full)
	}
	if lines := h.Lines("a\nb"); len(lines) != 2 {
		t.Errorf("Lines: %q", lines)
	}
}
