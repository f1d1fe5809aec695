package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is the look of a figure at its printed size: the width of a journal
// column, font sizes that stay readable there, line widths and marker sizes,
// and the colours given to series in order.
type Style struct {
	Width  vg.Length // figure width
	Height vg.Length // height of a one-panel figure; multi-panel figures scale it
	DPI    float64   // resolution of PNG output (dots per inch)

	Font           font.Font // typeface of all text (Liberation Serif by default)
	LabelSize      vg.Length // axis labels
	TickSize       vg.Length // tick labels
	LegendSize     vg.Length // legend entries and annotations
	LineWidth      vg.Length // curves
	AxisWidth      vg.Length // frame and ticks
	MarkerRadius   vg.Length // Monte Carlo points
	ErrorBarWidth  vg.Length // error bar lines
	TickLength     vg.Length // major ticks (inward); minor ticks are 55 % of it
	LegendBoxColor color.Color

	// Palette gives series their colours in order (Okabe & Ito's
	// colour-blind-safe set by default, black and yellow left out: black is
	// kept for bounds, yellow is too light on white).
	Palette []color.Color
}

// Okabe & Ito (2008), "Color universal design", the colour-blind-safe set.
var (
	OkabeItoBlack         = color.RGBA{0x00, 0x00, 0x00, 0xff}
	OkabeItoOrange        = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
	OkabeItoSkyBlue       = color.RGBA{0x56, 0xB4, 0xE9, 0xff}
	OkabeItoBluishGreen   = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	OkabeItoYellow        = color.RGBA{0xF0, 0xE4, 0x42, 0xff}
	OkabeItoBlue          = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	OkabeItoVermillion    = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	OkabeItoReddishPurple = color.RGBA{0xCC, 0x79, 0xA7, 0xff}
)

// OkabeIto returns the series palette: blue, vermillion, bluish green,
// reddish purple, orange, sky blue.
func OkabeIto() []color.Color {
	return []color.Color{OkabeItoBlue, OkabeItoVermillion, OkabeItoBluishGreen,
		OkabeItoReddishPurple, OkabeItoOrange, OkabeItoSkyBlue}
}

// boundGrey is the colour of reference curves that are not black.
var boundGrey = color.RGBA{0x70, 0x70, 0x70, 0xff}

// SingleColumn is a figure one journal column wide (3.4 in, as in APS
// journals), 9 pt labels and 8 pt ticks.
func SingleColumn() Style {
	return Style{
		Width:          3.4 * vg.Inch,
		Height:         2.55 * vg.Inch,
		DPI:            300,
		Font:           plot.DefaultFont,
		LabelSize:      9,
		TickSize:       8,
		LegendSize:     7.5,
		LineWidth:      1.1,
		AxisWidth:      0.6,
		MarkerRadius:   2.1,
		ErrorBarWidth:  0.7,
		TickLength:     3.5,
		LegendBoxColor: color.NRGBA{0xff, 0xff, 0xff, 0xe6},
		Palette:        OkabeIto(),
	}
}

// DoubleColumn is a figure across both columns of a page (7 in), 10 pt
// labels and 9 pt ticks.
func DoubleColumn() Style {
	s := SingleColumn()
	s.Width = 7 * vg.Inch
	s.Height = 3.6 * vg.Inch
	s.LabelSize = 10
	s.TickSize = 9
	s.LegendSize = 9
	s.LineWidth = 1.3
	s.AxisWidth = 0.7
	s.MarkerRadius = 2.6
	s.ErrorBarWidth = 0.8
	s.TickLength = 4.5
	return s
}

// orDefault fills the zero fields of s from SingleColumn, so that a
// partially set Style works.
func (s Style) orDefault() Style {
	d := SingleColumn()
	if s.Width <= 0 {
		s.Width = d.Width
	}
	if s.Height <= 0 {
		s.Height = s.Width * 0.75
	}
	if s.DPI <= 0 {
		s.DPI = d.DPI
	}
	if s.Font.Typeface == "" {
		s.Font = d.Font
	}
	for _, f := range []struct {
		p *vg.Length
		v vg.Length
	}{{&s.LabelSize, d.LabelSize}, {&s.TickSize, d.TickSize}, {&s.LegendSize, d.LegendSize},
		{&s.LineWidth, d.LineWidth}, {&s.AxisWidth, d.AxisWidth}, {&s.MarkerRadius, d.MarkerRadius},
		{&s.ErrorBarWidth, d.ErrorBarWidth}, {&s.TickLength, d.TickLength}} {
		if *f.p <= 0 {
			*f.p = f.v
		}
	}
	if s.LegendBoxColor == nil {
		s.LegendBoxColor = d.LegendBoxColor
	}
	if len(s.Palette) == 0 {
		s.Palette = d.Palette
	}
	return s
}

func (s Style) color(i int) color.Color { return s.Palette[i%len(s.Palette)] }

// Series of the same index get the same colour, marker and dash pattern in
// every figure.
var markerShapes = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, diamondGlyph{},
	invertedPyramidGlyph{}, draw.RingGlyph{},
}

func marker(i int) draw.GlyphDrawer { return markerShapes[i%len(markerShapes)] }

// dashes returns the dash pattern of series i in units of the line width.
func dashes(i int, w vg.Length) []vg.Length {
	pats := [][]float64{nil, {5, 2.2}, {1.2, 1.8}, {6, 2, 1.2, 2}, {9, 3}, {3, 1.5, 1.2, 1.5, 1.2, 1.5}}
	p := pats[i%len(pats)]
	if p == nil {
		return nil
	}
	out := make([]vg.Length, len(p))
	for k, v := range p {
		out[k] = vg.Length(v) * max(w, 1)
	}
	return out
}

// diamondGlyph is a filled diamond.
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.25
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Fill(p)
}

// invertedPyramidGlyph is a filled triangle pointing down.
type invertedPyramidGlyph struct{}

func (invertedPyramidGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius * 1.2
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r*0.866, Y: pt.Y + r/2})
	p.Line(vg.Point{X: pt.X - r*0.866, Y: pt.Y + r/2})
	p.Close()
	c.Fill(p)
}
