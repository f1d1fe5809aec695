// Package tex lays out the small LaTeX subset in which every string of a
// landauer figure is written (axis labels, ticks, legends, annotations):
// gonum's text.Latex cannot lay these labels out. Rich draws it with the
// Liberation fonts (PNG, SVG, PDF); TeX hands the source to vgtex and
// measures it as Rich would; Escape turns Unicode text into the subset.
package tex

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	stdfnt "golang.org/x/image/font"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Every string drawn in a figure (axis labels, tick labels, legend entries,
// annotations) is written once, in a small subset of LaTeX: plain text with
// math between dollar signs, e.g. `$\langle W\rangle/kT$`. Two text handlers
// draw it:
//
//   - TeX (.tex output) hands the source verbatim to vgtex, so LaTeX
//     typesets it in the paper's own fonts; it only measures the text (from
//     the conversion below) so that gonum/plot lays the figure out.
//   - Rich (.png, .svg, .pdf) converts the subset to runs of Unicode
//     text in the Liberation Serif fonts (italic for math letters, smaller
//     and raised or lowered for scripts, TeX-like spacing around operators)
//     and draws the angle brackets ⟨ ⟩ as strokes: neither U+27E8/9 nor the
//     CJK brackets U+3008/9 exist in any Liberation face, and no other font
//     is in the module graph that has them.
//
// Escape turns a caller's Unicode label ("four-stage, ⟨W⟩ at τ = 10")
// into this subset, so the two outputs carry the same words.

// A run is a piece of a laid-out line: text in one face, an explicit space,
// or a stroked angle bracket.
type run struct {
	text    string  // glyphs to draw ("" for a space or a bracket)
	italic  bool    // italic face
	scale   float64 // size relative to the base size (1, 0.7 in scripts, ...)
	shift   float64 // baseline shift in units of the base size (+ up)
	space   float64 // explicit space in units of the base size
	bracket rune    // '⟨' or '⟩' drawn as strokes
	math    bool    // set in math mode (for the TeX width estimate)
}

// Atom classes for TeX's inter-atom spacing (TeXbook ch. 18, simplified).
type atomClass int

const (
	clsNone  atomClass = iota // start of a list
	clsOrd                    // letters, digits, symbols
	clsOp                     // \ln, \exp, ...
	clsBin                    // + − × ·
	clsRel                    // = < > ≈ ≤ ≥ →
	clsOpen                   // ( [ ⟨
	clsClose                  // ) ] ⟩
	clsPunct                  // ,
)

// Math spaces in units of the font size (TeX's thin, medium and thick).
const (
	thinSpace  = 3.0 / 18
	medSpace   = 4.0 / 18
	thickSpace = 5.0 / 18
)

// mathSymbol is one symbol command of the subset.
type mathSymbol struct {
	s      string
	cls    atomClass
	italic bool
}

var mathSymbols = map[string]mathSymbol{
	// Greek: lower case italic, upper case upright, as in TeX.
	"alpha": {"α", clsOrd, true}, "beta": {"β", clsOrd, true}, "gamma": {"γ", clsOrd, true},
	"delta": {"δ", clsOrd, true}, "epsilon": {"ε", clsOrd, true}, "varepsilon": {"ε", clsOrd, true},
	"zeta": {"ζ", clsOrd, true}, "eta": {"η", clsOrd, true}, "theta": {"θ", clsOrd, true},
	"kappa": {"κ", clsOrd, true}, "lambda": {"λ", clsOrd, true}, "mu": {"μ", clsOrd, true},
	"nu": {"ν", clsOrd, true}, "xi": {"ξ", clsOrd, true}, "pi": {"π", clsOrd, true},
	"rho": {"ρ", clsOrd, true}, "sigma": {"σ", clsOrd, true}, "tau": {"τ", clsOrd, true},
	"phi": {"φ", clsOrd, true}, "varphi": {"φ", clsOrd, true}, "chi": {"χ", clsOrd, true},
	"psi": {"ψ", clsOrd, true}, "omega": {"ω", clsOrd, true},
	"Gamma": {"Γ", clsOrd, false}, "Delta": {"Δ", clsOrd, false}, "Theta": {"Θ", clsOrd, false},
	"Lambda": {"Λ", clsOrd, false}, "Sigma": {"Σ", clsOrd, false}, "Phi": {"Φ", clsOrd, false},
	"Psi": {"Ψ", clsOrd, false}, "Omega": {"Ω", clsOrd, false},
	"ell": {"ℓ", clsOrd, false}, "infty": {"∞", clsOrd, false}, "partial": {"∂", clsOrd, false},
	"hbar": {"ħ", clsOrd, false}, "prime": {"′", clsOrd, false}, "%": {"%", clsOrd, false},
	"pm": {"±", clsBin, false}, "mp": {"∓", clsBin, false}, "times": {"×", clsBin, false},
	"cdot":   {"·", clsBin, false},
	"approx": {"≈", clsRel, false}, "sim": {"∼", clsRel, false}, "simeq": {"≃", clsRel, false},
	"leq": {"≤", clsRel, false}, "le": {"≤", clsRel, false}, "geq": {"≥", clsRel, false},
	"ge": {"≥", clsRel, false}, "neq": {"≠", clsRel, false}, "ll": {"≪", clsRel, false},
	"gg": {"≫", clsRel, false}, "propto": {"∝", clsRel, false}, "to": {"→", clsRel, false},
	"rightarrow": {"→", clsRel, false}, "equiv": {"≡", clsRel, false},
	"langle": {"⟨", clsOpen, false}, "rangle": {"⟩", clsClose, false},
	"lbrace": {"{", clsOpen, false}, "rbrace": {"}", clsClose, false},
	"{": {"{", clsOpen, false}, "}": {"}", clsClose, false},
}

// Escapes that stand for one character in text and math alike.
var textEscapes = map[string]string{
	"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}",
	"textasciitilde": "~", "textasciicircum": "^", "textbackslash": `\`,
	"textbar": "|", "textless": "<", "textgreater": ">", "textendash": "–", "textemdash": "—",
}

var mathSpaces = map[string]float64{
	",": thinSpace, ":": medSpace, ";": thickSpace, "!": -thinSpace,
	" ": 0.25, "quad": 1, "qquad": 2, "thinspace": thinSpace,
}

var opNames = map[string]bool{
	"ln": true, "log": true, "exp": true, "sin": true, "cos": true, "tan": true,
	"min": true, "max": true, "sinh": true, "cosh": true, "tanh": true, "det": true,
	"arg": true, "lim": true, "sup": true, "inf": true,
}

// Sizing commands that only change delimiter sizes: the delimiter that
// follows is drawn at its normal size.
var ignoredCommands = map[string]bool{
	"left": true, "right": true, "big": true, "Big": true, "bigl": true, "bigr": true,
	"Bigl": true, "Bigr": true, "displaystyle": true, "textstyle": true, "limits": true,
	"nolimits": true, "relax": true, "ensuremath": true,
}

// texParser converts the LaTeX subset to runs.
type texParser struct {
	src     []rune
	i       int
	runs    []run
	unknown []string // commands outside the subset (drawn as their name)
	math    bool
	scale   float64
	shift   float64
	italic  bool // \textit or \mathit
	upright bool // \mathrm, \text
	last    atomClass
}

// convert returns the runs of one line of the subset, and the commands it
// did not know (drawn as their names, so the text stays readable).
func convert(src string) ([]run, []string) {
	p := &texParser{src: []rune(src), scale: 1}
	p.parseList(false)
	return mergeRuns(p.runs), p.unknown
}

func (p *texParser) eof() bool { return p.i >= len(p.src) }

func (p *texParser) peek() rune {
	if p.eof() {
		return 0
	}
	return p.src[p.i]
}

// parseList parses until the end of input, or a closing brace when inGroup.
func (p *texParser) parseList(inGroup bool) {
	for !p.eof() {
		r := p.src[p.i]
		switch {
		case r == '}':
			p.i++
			if inGroup {
				return
			}
		case r == '{':
			p.i++
			p.parseGroup()
		case r == '$':
			p.i++
			p.math = !p.math
			p.last = clsNone
		case r == '\\':
			p.i++
			p.command(p.readCommandName())
		case p.math:
			p.mathChar(r)
		default:
			p.textChar(r)
		}
	}
}

// parseGroup parses a braced group (the opening brace consumed) as one
// ordinary atom in math.
func (p *texParser) parseGroup() {
	save := p.last
	if p.math {
		p.spaceBefore(clsOrd)
		p.last = clsNone
	}
	p.parseList(true)
	if p.math {
		p.last = clsOrd
	} else {
		p.last = save
	}
}

func (p *texParser) readCommandName() string {
	if p.eof() {
		return `\`
	}
	start := p.i
	if isASCIILetter(p.src[p.i]) {
		for !p.eof() && isASCIILetter(p.src[p.i]) {
			p.i++
		}
		name := string(p.src[start:p.i])
		// A space after a word command is part of it.
		for !p.eof() && p.src[p.i] == ' ' {
			p.i++
		}
		return name
	}
	p.i++
	return string(p.src[start:p.i])
}

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

func (p *texParser) emit(s string, italic bool) {
	p.runs = append(p.runs, run{text: s, italic: italic, scale: p.scale, shift: p.shift, math: p.math})
}

func (p *texParser) emitSpace(em float64) {
	if em != 0 {
		p.runs = append(p.runs, run{space: em * p.scale, scale: p.scale, shift: p.shift})
	}
}

// spaceBefore inserts TeX's space between the previous atom and one of
// class c (none in scripts for binary operators and relations).
func (p *texParser) spaceBefore(c atomClass) {
	script := p.scale < 1
	l := p.last
	switch {
	case l == clsNone:
	case c == clsRel || l == clsRel:
		if l != clsRel || c != clsRel {
			if !script && l != clsOpen && c != clsClose && c != clsPunct {
				p.emitSpace(thickSpace)
			}
		}
	case c == clsBin || l == clsBin:
		if !script {
			p.emitSpace(medSpace)
		}
	case c == clsOp && (l == clsOrd || l == clsClose || l == clsOp):
		p.emitSpace(thinSpace)
	case l == clsOp && (c == clsOrd || c == clsOp):
		p.emitSpace(thinSpace)
	case l == clsPunct:
		p.emitSpace(thinSpace)
	}
}

// atom emits s as an atom of class c, turning a binary operator into an
// ordinary one where TeX does (at the start, after an operator, relation
// or opening).
func (p *texParser) atom(s string, c atomClass, italic bool) {
	if c == clsBin && !(p.last == clsOrd || p.last == clsClose) {
		c = clsOrd
	}
	p.spaceBefore(c)
	if s == "⟨" || s == "⟩" {
		p.runs = append(p.runs, run{bracket: []rune(s)[0], scale: p.scale, shift: p.shift})
	} else {
		p.emit(s, italic && !p.upright || p.italic)
	}
	p.last = c
}

func (p *texParser) textChar(r rune) {
	switch r {
	case '~':
		p.emit(" ", p.italic)
		p.i++
		return
	case '-':
		// -- and --- are the en and em dashes.
		n := 1
		for p.i+n < len(p.src) && p.src[p.i+n] == '-' && n < 3 {
			n++
		}
		p.i += n
		p.emit([]string{"-", "–", "—"}[n-1], p.italic)
		return
	case '^', '_':
		// Scripts work in text too (a common slip); treat as math.
		p.script(r)
		return
	}
	p.i++
	p.emit(string(r), p.italic)
}

func (p *texParser) mathChar(r rune) {
	p.i++
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '~':
		if r == '~' {
			p.emitSpace(0.25)
		}
	case r == '^' || r == '_':
		p.i--
		p.script(r)
	case r == '-' || r == '−':
		p.atom("−", clsBin, false)
	case r == '+' || r == '×' || r == '±' || r == '·':
		p.atom(string(r), clsBin, false)
	case r == '=' || r == '<' || r == '>' || r == '≈' || r == '≤' || r == '≥':
		p.atom(string(r), clsRel, false)
	case r == '(' || r == '[':
		p.atom(string(r), clsOpen, false)
	case r == ')' || r == ']':
		p.atom(string(r), clsClose, false)
	case r == ',' || r == ';':
		p.atom(string(r), clsPunct, false)
	case r == '\'':
		p.emit("′", false)
	case isASCIILetter(r) || unicode.In(r, unicode.Greek) && unicode.IsLower(r):
		p.atom(string(r), clsOrd, true)
	default:
		p.atom(string(r), clsOrd, false)
	}
}

// script parses ^arg or _arg (the caret or underscore at p.i).
func (p *texParser) script(r rune) {
	p.i++
	up := r == '^'
	saveScale, saveShift, saveLast, saveMath := p.scale, p.shift, p.last, p.math
	// A little room after an italic nucleus (TeX's italic correction).
	if n := len(p.runs); up && n > 0 && p.runs[n-1].italic {
		p.emitSpace(0.06)
	}
	if up {
		p.shift += 0.42 * p.scale
	} else {
		p.shift -= 0.2 * p.scale
	}
	p.scale *= 0.7
	p.last = clsNone
	p.math = true
	p.argument()
	p.scale, p.shift, p.last, p.math = saveScale, saveShift, saveLast, saveMath
}

// argument parses one macro argument: a braced group, a command or a
// character.
func (p *texParser) argument() {
	for !p.eof() && p.src[p.i] == ' ' {
		p.i++
	}
	if p.eof() {
		return
	}
	switch r := p.src[p.i]; r {
	case '{':
		p.i++
		p.parseList(true)
	case '\\':
		p.i++
		p.command(p.readCommandName())
	default:
		if p.math {
			p.mathChar(r)
		} else {
			p.textChar(r)
		}
	}
}

func (p *texParser) command(name string) {
	if s, ok := textEscapes[name]; ok {
		// Skip the empty group of \textbackslash{} and the like.
		if strings.HasPrefix(name, "text") && p.peek() == '{' && p.i+1 < len(p.src) && p.src[p.i+1] == '}' {
			p.i += 2
		}
		if p.math {
			p.atom(s, clsOrd, false)
		} else {
			p.emit(s, p.italic)
		}
		return
	}
	if sp, ok := mathSpaces[name]; ok {
		p.emitSpace(sp)
		return
	}
	if ignoredCommands[name] {
		return
	}
	if opNames[name] {
		c := clsOp
		p.spaceBefore(c)
		p.emit(name, false)
		p.last = c
		// TeX puts no space between an operator and an opening delimiter.
		if p.peek() == '(' {
			p.last = clsOrd
		}
		return
	}
	if sym, ok := mathSymbols[name]; ok {
		if p.math {
			p.atom(sym.s, sym.cls, sym.italic)
		} else {
			p.atom(sym.s, clsOrd, sym.italic)
			p.last = clsNone
		}
		return
	}
	switch name {
	case "mathrm", "text", "textrm", "mathup", "operatorname", "textup", "mbox":
		save, saveMath, saveLast := p.upright, p.math, p.last
		if p.math {
			cls := clsOrd
			if name == "operatorname" {
				cls = clsOp
			}
			p.spaceBefore(cls)
			p.last = cls
		}
		p.upright = true
		if name != "mathrm" && name != "operatorname" && name != "mathup" {
			p.math = false
		}
		p.argument()
		p.upright, p.math = save, saveMath
		if saveMath {
			p.last = clsOrd
			if name == "operatorname" {
				p.last = clsOp
			}
		} else {
			p.last = saveLast
		}
	case "mathit", "textit", "emph":
		save := p.italic
		p.italic = true
		p.argument()
		p.italic = save
	case "mathbf", "textbf", "boldsymbol", "bm":
		p.argument() // drawn in the regular weight
	case "frac", "tfrac", "dfrac":
		// Drawn inline: ½, ¼, ¾ as glyphs, otherwise num/den with
		// parentheses around a numerator or denominator of several atoms.
		num, den := p.rawArgument(), p.rawArgument()
		if g, ok := vulgarFractions[num+"/"+den]; ok {
			p.atom(g, clsOrd, false)
			return
		}
		p.spaceBefore(clsOrd)
		for k, part := range []string{num, den} {
			if k == 1 {
				p.last = clsOrd
				p.atom("/", clsOrd, false)
			}
			sub := &texParser{src: []rune(part), scale: p.scale, shift: p.shift, math: true, italic: p.italic, upright: p.upright}
			sub.parseList(false)
			p.unknown = append(p.unknown, sub.unknown...)
			paren := simpleAtoms(sub.runs) > 1
			if paren {
				p.last = clsNone
				p.emit("(", false)
			}
			p.runs = append(p.runs, sub.runs...)
			if paren {
				p.emit(")", false)
			}
		}
		p.last = clsOrd
	case `\`:
		p.emit(" ", false)
	default:
		p.unknown = append(p.unknown, `\`+name)
		p.atom(name, clsOrd, false)
	}
}

var vulgarFractions = map[string]string{"1/2": "½", "1/4": "¼", "3/4": "¾"}

// rawArgument returns the source of the next macro argument: the content
// of a braced group, a command, or one character.
func (p *texParser) rawArgument() string {
	for !p.eof() && p.src[p.i] == ' ' {
		p.i++
	}
	if p.eof() {
		return ""
	}
	start := p.i
	switch p.src[p.i] {
	case '{':
		depth := 0
		for ; !p.eof(); p.i++ {
			switch p.src[p.i] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				p.i++
				return strings.TrimSpace(string(p.src[start+1 : p.i-1]))
			}
		}
		return string(p.src[start+1:])
	case '\\':
		p.i++
		p.readCommandName()
		return strings.TrimSpace(string(p.src[start:p.i]))
	}
	p.i++
	return string(p.src[start:p.i])
}

// simpleAtoms counts the visible runs (text runs count by rune).
func simpleAtoms(rs []run) int {
	n := 0
	for _, r := range rs {
		switch {
		case r.text != "":
			n += utf8.RuneCountInString(r.text)
		case r.bracket != 0:
			n++
		}
	}
	return n
}

// mergeRuns joins adjacent text runs with the same face and position.
func mergeRuns(rs []run) []run {
	var out []run
	for _, r := range rs {
		if n := len(out); n > 0 && r.text != "" && out[n-1].text != "" && out[n-1].math == r.math &&
			out[n-1].italic == r.italic && out[n-1].scale == r.scale && out[n-1].shift == r.shift {
			out[n-1].text += r.text
			continue
		}
		out = append(out, r)
	}
	// A little room between an italic run and the upright text or bracket
	// after it (italic correction).
	var fixed []run
	for i, r := range out {
		fixed = append(fixed, r)
		if r.italic && r.text != "" && i+1 < len(out) {
			nx := out[i+1]
			if (nx.text != "" && !nx.italic || nx.bracket != 0) && nx.shift == r.shift {
				fixed = append(fixed, run{space: 0.05 * r.scale, scale: r.scale, shift: r.shift})
			}
		}
	}
	return fixed
}

// Escape turns a Unicode label into the LaTeX subset: LaTeX's special
// characters are escaped, and the mathematical symbols this project uses
// (Greek letters, ⟨ ⟩, −, ×, ±, ≈, ≤, ≥, ∞, superscript digits) become math.
func Escape(s string) string {
	var b strings.Builder
	inMath := false
	setMath := func(m bool) {
		if m != inMath {
			b.WriteByte('$')
			inMath = m
		}
	}
	depth := 0 // inside ⟨ … ⟩ everything is math (⟨W⟩ with an italic W)
	for _, r := range s {
		if cmd, ok := unicodeMath[r]; ok {
			setMath(true)
			b.WriteString(cmd)
			switch r {
			case '⟨', '〈':
				depth++
			case '⟩', '〉':
				depth = max(depth-1, 0)
			}
			continue
		}
		if depth > 0 && r < utf8.RuneSelf && (isASCIILetter(r) || r >= '0' && r <= '9' || strings.ContainsRune("+-/=()[],. ", r)) {
			b.WriteRune(r)
			continue
		}
		setMath(false)
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString(`\textless{}`)
		case '>':
			b.WriteString(`\textgreater{}`)
		case '|':
			b.WriteString(`\textbar{}`)
		case '–':
			b.WriteString("--")
		case '—':
			b.WriteString("---")
		default:
			b.WriteRune(r)
		}
	}
	setMath(false)
	return b.String()
}

var unicodeMath = map[rune]string{
	'α': `\alpha `, 'β': `\beta `, 'γ': `\gamma `, 'δ': `\delta `, 'ε': `\varepsilon `,
	'ϵ': `\epsilon `, 'ζ': `\zeta `, 'η': `\eta `, 'θ': `\theta `, 'κ': `\kappa `,
	'λ': `\lambda `, 'μ': `\mu `, 'µ': `\mu `, 'ν': `\nu `, 'ξ': `\xi `, 'π': `\pi `,
	'ρ': `\rho `, 'σ': `\sigma `, 'τ': `\tau `, 'φ': `\varphi `, 'χ': `\chi `,
	'ψ': `\psi `, 'ω': `\omega `, 'Γ': `\Gamma `, 'Δ': `\Delta `, 'Θ': `\Theta `,
	'Λ': `\Lambda `, 'Σ': `\Sigma `, 'Φ': `\Phi `, 'Ψ': `\Psi `, 'Ω': `\Omega `,
	'⟨': `\langle `, '〈': `\langle `, '⟩': `\rangle `, '〉': `\rangle `,
	'−': `-`, '×': `\times `, '±': `\pm `, '≈': `\approx `, '≤': `\leq `, '≥': `\geq `,
	'∞': `\infty `, '→': `\to `, '·': `\cdot `, 'ℓ': `\ell `, '∝': `\propto `,
	'⁰': `^{0}`, '¹': `^{1}`, '²': `^{2}`, '³': `^{3}`, '⁴': `^{4}`, '⁵': `^{5}`,
	'⁶': `^{6}`, '⁷': `^{7}`, '⁸': `^{8}`, '⁹': `^{9}`, '⁻': `^{-}`,
}

// Bracket geometry in units of the font size: advance width, the x of the
// open ends and of the apex (for ⟨), the y of the ends below and above the
// baseline, and the stroke width. The height matches Liberation Serif's
// parentheses.
const (
	bracketAdvance = 0.39
	bracketEndX    = 0.28
	bracketApexX   = 0.08
	bracketLow     = -0.21
	bracketHigh    = 0.72
	bracketStroke  = 0.045
)

// Rich draws the LaTeX subset with the Liberation fonts (PNG, SVG,
// PDF).
type Rich struct {
	Fonts *font.Cache
}

var _ text.Handler = Rich{}

func (h Rich) Cache() *font.Cache { return h.Fonts }

func (h Rich) Extents(fnt font.Font) font.Extents {
	face := h.Fonts.Lookup(fnt, fnt.Size)
	return face.Extents()
}

func (h Rich) Lines(txt string) []string {
	return strings.Split(strings.TrimRight(txt, "\n"), "\n")
}

func (h Rich) face(base font.Font, r run) font.Face {
	f := base
	if r.italic {
		f.Style = stdfnt.StyleItalic
	} else {
		f.Style = stdfnt.StyleNormal
	}
	return h.Fonts.Lookup(f, vg.Length(r.scale)*base.Size)
}

// runWidth is the advance of one run at base size size.
func (h Rich) runWidth(base font.Font, r run) vg.Length {
	switch {
	case r.text != "":
		f := h.face(base, r)
		return f.Width(r.text)
	case r.bracket != 0:
		return vg.Length(bracketAdvance*r.scale) * base.Size
	}
	return vg.Length(r.space) * base.Size
}

func (h Rich) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	runs, _ := convert(txt)
	return h.boxRuns(runs, fnt)
}

func (h Rich) boxRuns(runs []run, fnt font.Font) (width, height, depth vg.Length) {
	ext := h.Extents(fnt)
	height, depth = ext.Ascent, ext.Descent
	for _, r := range runs {
		width += h.runWidth(fnt, r)
		if r.shift != 0 {
			sh := vg.Length(r.shift) * fnt.Size
			height = max(height, sh+vg.Length(r.scale)*ext.Ascent)
			depth = max(depth, -sh+vg.Length(r.scale)*ext.Descent)
		}
	}
	return width, height, depth
}

// origin returns the baseline start of each line of txt drawn with sty at
// pt, in the (possibly rotated) frame the caller has set up, as
// text.Plain does.
func lineOrigins(h text.Handler, c vg.Canvas, txt string, sty text.Style, pt vg.Point, width func(string) vg.Length) (lines []string, origins []vg.Point) {
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin

	lines = h.Lines(txt)
	sty.Handler = h
	ht := sty.Height(txt)
	pt.Y += ht*vg.Length(sty.YAlign) - h.Extents(sty.Font).Ascent
	for i, line := range lines {
		xoffs := vg.Length(sty.XAlign) * width(line)
		n := vg.Length(len(lines) - i)
		origins = append(origins, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}))
	}
	return lines, origins
}

func (h Rich) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" || sty.Font.Size <= 0 {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		defer c.Pop()
	}
	width := func(line string) vg.Length { w, _, _ := h.Box(line, sty.Font); return w }
	lines, origins := lineOrigins(h, c, txt, sty, pt, width)
	for i, line := range lines {
		runs, _ := convert(line)
		h.drawRuns(c, runs, sty.Font, origins[i])
	}
}

func (h Rich) drawRuns(c vg.Canvas, runs []run, base font.Font, at vg.Point) {
	x := at.X
	for _, r := range runs {
		y := at.Y + vg.Length(r.shift)*base.Size
		w := h.runWidth(base, r)
		switch {
		case r.text != "":
			c.FillString(h.face(base, r), vg.Point{X: x, Y: y}, r.text)
		case r.bracket != 0:
			em := vg.Length(r.scale) * base.Size
			endX, apexX := bracketEndX*em, bracketApexX*em
			if r.bracket == '⟩' {
				endX, apexX = w-endX, w-apexX
			}
			var p vg.Path
			p.Move(vg.Point{X: x + endX, Y: y + bracketHigh*em})
			p.Line(vg.Point{X: x + apexX, Y: y + (bracketHigh+bracketLow)/2*em})
			p.Line(vg.Point{X: x + endX, Y: y + bracketLow*em})
			c.SetLineWidth(bracketStroke * em)
			c.SetLineDash(nil, 0)
			c.Stroke(p)
		}
		x += w
	}
}

// TeX writes the LaTeX source of each string for vgtex, measured as
// the rich handler would draw it so that the layout fits what LaTeX sets.
type TeX struct {
	Rich Rich
}

var _ text.Handler = TeX{}

func (h TeX) Cache() *font.Cache                 { return h.Rich.Fonts }
func (h TeX) Extents(fnt font.Font) font.Extents { return h.Rich.Extents(fnt) }
func (h TeX) Lines(txt string) []string          { return h.Rich.Lines(txt) }

// texWidth estimates the width LaTeX gives a line from the rich layout:
// Computer Modern sets text about 11 % wider than the Times-metric
// Liberation Serif, digits about 5 %, and math letters, symbols and their
// spacing about 30–35 % (measured with pdflatex on this package's labels).
func (h TeX) texWidth(runs []run, fnt font.Font) vg.Length {
	var w vg.Length
	for _, r := range runs {
		f := 1.2
		switch {
		case r.text != "" && !r.math:
			f = 1.11
		case r.text != "" && strings.Trim(r.text, "0123456789.") == "":
			f = 1.05
		case r.text != "":
			f = 1.33
		}
		w += h.Rich.runWidth(fnt, r) * vg.Length(f)
	}
	return w
}

func (h TeX) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	runs, _ := convert(txt)
	_, ht, d := h.Rich.boxRuns(runs, fnt)
	return h.texWidth(runs, fnt), ht, d
}

func (h TeX) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if txt == "" || sty.Font.Size <= 0 {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
		defer c.Pop()
	}
	width := func(line string) vg.Length { w, _, _ := h.Box(line, sty.Font); return w }
	lines, origins := lineOrigins(h, c, txt, sty, pt, width)
	face := h.Rich.Fonts.Lookup(sty.Font, sty.Font.Size)
	for i, line := range lines {
		// vgtex centres the text on pt.X + Width(source)/2, Width measured
		// on the LaTeX source in Liberation Serif. LaTeX's fonts are wider
		// or narrower than the measure, so left- and right-aligned text is
		// put in a zero-width \rlap or \llap box anchored at its aligned
		// end; other text is centred where the measured centre falls.
		o := origins[i]
		w := width(line)
		switch sty.XAlign {
		case text.XLeft:
			line = `\rlap{` + line + `}`
		case text.XRight:
			line = `\llap{` + line + `}`
			o.X += w
		default:
			o.X += w * vg.Length(-sty.XAlign)
			line = `\makebox[0pt]{` + line + `}`
		}
		o.X -= (&face).Width(line) / 2
		c.FillString(face, o, line)
	}
}

// Unknown returns the commands of src that the layout does not know (and
// draws as their names); nil when it knows them all.
func Unknown(src string) []string {
	_, unknown := convert(src)
	return unknown
}
