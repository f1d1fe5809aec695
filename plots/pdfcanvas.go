package plots

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a vg.Canvas that writes a one-page PDF with the fonts
// embedded as Unicode TrueType fonts (fpdf's UTF-8 fonts: Type0/CIDFontType2
// subsets with a ToUnicode map), so that τ, ε, Δ and every other glyph of
// the Liberation fonts print as themselves and can be searched and copied.
// gonum/plot's own vgpdf encodes text in Windows-1252 only.
//
// The page uses points with the origin at the bottom left, as vg does, so
// path coordinates are written unchanged; Push and Pop are the PDF's q and
// Q, and Rotate, Translate and Scale concatenate to its matrix (cm).
type pdfCanvas struct {
	doc   *fpdf.Fpdf
	w, h  vg.Length
	fonts map[string]string // font name → registered family
	width vg.Length
	clr   color.Color
	stack []pdfState
	state pdfState
}

// pdfState is what Push saves besides the PDF's own graphics state: fpdf
// remembers the current font and would skip setting it again after a Q.
type pdfState struct {
	alpha float64
}

// pdfEpoch is the creation date written into every PDF, so that the same
// figure gives the same bytes.
var pdfEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func newPDFCanvas(w, h vg.Length) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: float64(w), Ht: float64(h)},
	})
	doc.SetCreationDate(pdfEpoch)
	doc.SetModificationDate(pdfEpoch)
	doc.SetProducer("landauer plots (fpdf)", false)
	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(0, 0, 0)
	doc.SetCompression(true)
	doc.SetCatalogSort(true) // fonts and resources in a fixed order: the same bytes every time
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, fonts: map[string]string{}, state: pdfState{alpha: 1}}
	c.SetLineWidth(1)
	c.SetColor(color.Black)
	return c
}

func (c *pdfCanvas) Size() (vg.Length, vg.Length) { return c.w, c.h }

func pdfNum(v float64) string {
	if math.Abs(v) < 5e-5 {
		return "0"
	}
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.width = w
	c.doc.SetLineWidth(float64(w))
}

func (c *pdfCanvas) SetLineDash(pattern []vg.Length, offset vg.Length) {
	ds := make([]float64, len(pattern))
	for i, d := range pattern {
		ds[i] = float64(d)
	}
	c.doc.SetDashPattern(ds, float64(offset))
}

func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.clr = clr
	n := color.NRGBA64Model.Convert(clr).(color.NRGBA64)
	r, g, b := int(n.R>>8), int(n.G>>8), int(n.B>>8)
	c.doc.SetDrawColor(r, g, b)
	c.doc.SetFillColor(r, g, b)
	c.doc.SetTextColor(r, g, b)
	a := math.Round(float64(n.A)/0xffff*1000) / 1000
	if a != c.state.alpha {
		c.doc.SetAlpha(a, "Normal")
		c.state.alpha = a
	}
}

func (c *pdfCanvas) Rotate(rad float64) {
	s, co := math.Sincos(rad)
	c.cm(co, s, -s, co, 0, 0)
}

func (c *pdfCanvas) Translate(pt vg.Point) { c.cm(1, 0, 0, 1, float64(pt.X), float64(pt.Y)) }

func (c *pdfCanvas) Scale(x, y float64) { c.cm(x, 0, 0, y, 0, 0) }

func (c *pdfCanvas) cm(a, b, cc, d, e, f float64) {
	c.doc.RawWriteStr(strings.Join([]string{pdfNum(a), pdfNum(b), pdfNum(cc), pdfNum(d), pdfNum(e), pdfNum(f), "cm"}, " "))
}

func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, c.state)
	c.doc.RawWriteStr("q")
}

func (c *pdfCanvas) Pop() {
	if n := len(c.stack); n > 0 {
		c.state = c.stack[n-1]
		c.stack = c.stack[:n-1]
		c.doc.RawWriteStr("Q")
	}
}

func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.width <= 0 {
		return
	}
	if c.path(p) {
		c.doc.RawWriteStr("S")
	}
}

func (c *pdfCanvas) Fill(p vg.Path) {
	if c.path(p) {
		c.doc.RawWriteStr("f")
	}
}

// path writes the path's construction operators; false when it is empty.
func (c *pdfCanvas) path(p vg.Path) bool {
	var b strings.Builder
	pt := func(q vg.Point) string { return pdfNum(float64(q.X)) + " " + pdfNum(float64(q.Y)) }
	var cur vg.Point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			b.WriteString(pt(comp.Pos) + " m\n")
			cur = comp.Pos
		case vg.LineComp:
			b.WriteString(pt(comp.Pos) + " l\n")
			cur = comp.Pos
		case vg.ArcComp:
			cur = arcBeziers(&b, comp, cur, pt)
		case vg.CurveComp:
			switch len(comp.Control) {
			case 1: // quadratic → cubic
				q := comp.Control[0]
				c1 := cur.Add(q.Sub(cur).Scale(2.0 / 3))
				c2 := comp.Pos.Add(q.Sub(comp.Pos).Scale(2.0 / 3))
				b.WriteString(pt(c1) + " " + pt(c2) + " " + pt(comp.Pos) + " c\n")
			case 2:
				b.WriteString(pt(comp.Control[0]) + " " + pt(comp.Control[1]) + " " + pt(comp.Pos) + " c\n")
			}
			cur = comp.Pos
		case vg.CloseComp:
			b.WriteString("h\n")
		}
	}
	if b.Len() == 0 {
		return false
	}
	c.doc.RawWriteStr(strings.TrimSuffix(b.String(), "\n"))
	return true
}

// arcBeziers writes an arc (centre comp.Pos, radius, from comp.Start through
// comp.Angle radians) as cubic Bézier pieces of at most 90°, with a line
// to its start from the current point when there is one, and returns its
// end.
func arcBeziers(b *strings.Builder, comp vg.PathComp, cur vg.Point, pt func(vg.Point) string) vg.Point {
	r := float64(comp.Radius)
	at := func(a float64) vg.Point {
		s, co := math.Sincos(a)
		return vg.Point{X: comp.Pos.X + vg.Length(r*co), Y: comp.Pos.Y + vg.Length(r*s)}
	}
	start := at(comp.Start)
	if b.Len() == 0 {
		b.WriteString(pt(start) + " m\n")
	} else {
		b.WriteString(pt(start) + " l\n")
	}
	n := int(math.Ceil(math.Abs(comp.Angle) / (math.Pi / 2)))
	if n < 1 {
		n = 1
	}
	da := comp.Angle / float64(n)
	// Control-point distance of a Bézier arc of angle da: 4/3 tan(da/4) r.
	k := 4.0 / 3 * math.Tan(da/4) * r
	a := comp.Start
	end := start
	for range n {
		p0, p3 := at(a), at(a+da)
		s0, c0 := math.Sincos(a)
		s1, c1 := math.Sincos(a + da)
		p1 := vg.Point{X: p0.X - vg.Length(k*s0), Y: p0.Y + vg.Length(k*c0)}
		p2 := vg.Point{X: p3.X + vg.Length(k*s1), Y: p3.Y - vg.Length(k*c1)}
		b.WriteString(pt(p1) + " " + pt(p2) + " " + pt(p3) + " c\n")
		a += da
		end = p3
	}
	_ = cur
	return end
}

// FillString draws text with its baseline starting at pt, in the face's
// TrueType font embedded as a Unicode font.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size <= 0 || s == "" {
		return
	}
	name := f.Name()
	fam, ok := c.fonts[name]
	if !ok {
		var raw bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
			panic(fmt.Sprintf("plots: PDF: font %s: %v", name, err))
		}
		fam = fmt.Sprintf("f%d", len(c.fonts))
		c.doc.AddUTF8FontFromBytes(fam, "", raw.Bytes())
		c.fonts[name] = fam
	}
	c.doc.SetFont(fam, "", float64(f.Font.Size))
	// After a Q the PDF's font may differ from the one fpdf remembers:
	// SetFontSize always writes the font operator.
	c.doc.SetFontSize(float64(f.Font.Size))
	c.doc.Text(float64(pt.X), float64(c.h-pt.Y), s)
}

func (c *pdfCanvas) DrawImage(r vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(fmt.Sprintf("plots: PDF: encoding an image: %v", err))
	}
	name := fmt.Sprintf("img%d", len(c.fonts)+int(r.Min.X*1000)+int(r.Min.Y))
	opts := fpdf.ImageOptions{ImageType: "png"}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	sz := r.Size()
	c.doc.ImageOptions(name, float64(r.Min.X), float64(c.h-r.Max.Y), float64(sz.X), float64(sz.Y), false, opts, 0, "")
}

// WriteTo writes the PDF document.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, fmt.Errorf("writing PDF: %w", err)
	}
	return buf.WriteTo(w)
}
