package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// seriesLayer draws a cleaned series: a curve, or markers with error bars
// and upper-limit arrows.
type seriesLayer struct {
	pts   []Point
	line  bool
	group int         // colour, marker and dash pattern of the series' group
	color color.Color // fixed colour (bounds); nil: the group's
	dash  int         // dash pattern of a curve (index into the dash list)
	width float64     // line width relative to Style.LineWidth (0: 1)
}

func (l *seriesLayer) clr(st Style) color.Color {
	if l.color != nil {
		return l.color
	}
	return st.color(l.group)
}

func (l *seriesLayer) lineStyle(st Style) draw.LineStyle {
	w := l.width
	if w == 0 {
		w = 1
	}
	lw := st.LineWidth * vg.Length(w)
	return draw.LineStyle{Color: l.clr(st), Width: lw, Dashes: dashes(l.dash, lw)}
}

func (l *seriesLayer) glyphStyle(st Style) draw.GlyphStyle {
	return draw.GlyphStyle{Color: l.clr(st), Radius: st.MarkerRadius, Shape: marker(l.group)}
}

func (l *seriesLayer) draw(c draw.Canvas, tr transform, st Style, _ text.Handler) {
	if l.line {
		var line []vg.Point
		for _, p := range l.pts {
			line = append(line, tr.pt(p.X, p.Y))
		}
		if len(line) > 1 {
			c.StrokeLines(l.lineStyle(st), c.ClipLinesXY(line)...)
		}
		return
	}
	bar := draw.LineStyle{Color: l.clr(st), Width: st.ErrorBarWidth}
	capW := st.MarkerRadius * 0.9
	for _, p := range l.pts {
		at := tr.pt(p.X, p.Y)
		if p.hasYBar() && !p.YUpper {
			lo, hi := tr.y(p.YLow), tr.y(p.YHigh)
			c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: at.X, Y: lo}, {X: at.X, Y: hi}})...)
			for _, y := range []vg.Length{lo, hi} {
				if c.ContainsY(y) {
					c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: at.X - capW, Y: y}, {X: at.X + capW, Y: y}})...)
				}
			}
		}
		if p.hasXBar() && !p.XUpper {
			lo, hi := tr.x(p.XLow), tr.x(p.XHigh)
			c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: lo, Y: at.Y}, {X: hi, Y: at.Y}})...)
			for _, x := range []vg.Length{lo, hi} {
				if c.ContainsX(x) {
					c.StrokeLines(bar, c.ClipLinesXY([]vg.Point{{X: x, Y: at.Y - capW}, {X: x, Y: at.Y + capW}})...)
				}
			}
		}
		if p.YUpper {
			drawLimitArrow(c, at, vg.Point{X: 0, Y: -1}, st, l.clr(st))
		}
		if p.XUpper {
			drawLimitArrow(c, at, vg.Point{X: -1, Y: 0}, st, l.clr(st))
		}
	}
	gs := l.glyphStyle(st)
	for _, p := range l.pts {
		if p.XUpper || p.YUpper {
			continue
		}
		c.DrawGlyph(gs, tr.pt(p.X, p.Y))
	}
}

// drawLimitArrow draws an upper limit at at: a bar across, and an arrow of
// four marker radii pointing along dir (a unit vector).
func drawLimitArrow(c draw.Canvas, at vg.Point, dir vg.Point, st Style, clr color.Color) {
	if !c.Contains(at) {
		return
	}
	drawLimitArrowScaled(c, at, dir, st, clr, 1)
}

// drawLimitArrowScaled draws the arrow of drawLimitArrow at scale times its
// size, wherever at is (legend thumbnails lie outside the data area).
func drawLimitArrowScaled(c draw.Canvas, at vg.Point, dir vg.Point, st Style, clr color.Color, scale float64) {
	ls := draw.LineStyle{Color: clr, Width: st.ErrorBarWidth * 1.2}
	r := st.MarkerRadius * vg.Length(scale)
	perp := vg.Point{X: -dir.Y, Y: dir.X}
	c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{at.Add(perp.Scale(1.4 * r)), at.Sub(perp.Scale(1.4 * r))})...)
	tip := at.Add(dir.Scale(4.2 * r))
	c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{at, tip.Sub(dir.Scale(r))})...)
	head := []vg.Point{tip, tip.Sub(dir.Scale(1.6 * r)).Add(perp.Scale(0.8 * r)), tip.Sub(dir.Scale(1.6 * r)).Sub(perp.Scale(0.8 * r))}
	c.FillPolygon(clr, c.ClipPolygonXY(head))
}

func (l *seriesLayer) anchors(c draw.Canvas, tr transform) []vg.Point {
	var out []vg.Point
	for i, p := range l.pts {
		a := tr.pt(p.X, p.Y)
		out = append(out, a)
		if l.line && i > 0 {
			// Sample long segments so that the legend avoids the curve.
			b := tr.pt(l.pts[i-1].X, l.pts[i-1].Y)
			d := a.Sub(b)
			n := int(math.Hypot(float64(d.X), float64(d.Y)) / 4)
			for k := 1; k < n && k < 200; k++ {
				out = append(out, b.Add(d.Scale(vg.Length(float64(k)/float64(n)))))
			}
		}
		if p.hasYBar() {
			out = append(out, tr.pt(p.X, p.YLow), tr.pt(p.X, p.YHigh))
		}
	}
	return out
}

// thumb draws the legend thumbnail of the series.
func (l *seriesLayer) thumb(c draw.Canvas, r vg.Rectangle, st Style) {
	mid := (r.Min.Y + r.Max.Y) / 2
	if l.line {
		c.StrokeLine2(l.lineStyle(st), r.Min.X, mid, r.Max.X, mid)
		return
	}
	x := (r.Min.X + r.Max.X) / 2
	bar := draw.LineStyle{Color: l.clr(st), Width: st.ErrorBarWidth}
	h := st.MarkerRadius * 2.2
	c.StrokeLine2(bar, x, mid-h, x, mid+h)
	c.DrawGlyphNoClip(l.glyphStyle(st), vg.Point{X: x, Y: mid})
}

// refLine is a horizontal or vertical reference line across the panel,
// labelled at one end.
type refLine struct {
	vertical bool
	value    float64
	label    string // LaTeX subset; "" for none
	color    color.Color
	dash     int     // dash pattern (index into the dash list; 0 solid)
	width    float64 // relative to Style.AxisWidth
	// labelLow puts the label at the left (bottom) end instead of the right
	// (top) end; labelBelow puts it under (left of) the line.
	labelLow, labelBelow bool
}

func (l *refLine) style(st Style) draw.LineStyle {
	w := l.width
	if w == 0 {
		w = 1.3
	}
	lw := st.AxisWidth * vg.Length(w)
	return draw.LineStyle{Color: l.color, Width: lw, Dashes: dashes(l.dash, lw)}
}

func (l *refLine) draw(c draw.Canvas, tr transform, st Style, h text.Handler) {
	ls := l.style(st)
	sty := text.Style{Color: l.color, Font: st.Font, Handler: h}
	sty.Font.Size = st.LegendSize
	pad := st.LegendSize * 0.3
	if l.vertical {
		x := tr.x(l.value)
		if !c.ContainsX(x) {
			return
		}
		c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
		if l.label != "" {
			sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
			pt := vg.Point{X: x + pad, Y: c.Max.Y - pad - st.TickLength}
			if l.labelBelow {
				sty.XAlign = draw.XRight
				pt.X = x - pad
			}
			if l.labelLow {
				sty.YAlign = draw.YBottom
				pt.Y = c.Min.Y + pad + st.TickLength
			}
			c.FillText(sty, pt, l.label)
		}
		return
	}
	y := tr.y(l.value)
	if !c.ContainsY(y) {
		return
	}
	c.StrokeLine2(ls, c.Min.X, y, c.Max.X, y)
	if l.label != "" {
		sty.XAlign, sty.YAlign = draw.XRight, draw.YBottom
		pt := vg.Point{X: c.Max.X - pad - st.TickLength, Y: y + pad*0.6}
		if l.labelLow {
			sty.XAlign = draw.XLeft
			pt.X = c.Min.X + pad + st.TickLength
		}
		if l.labelBelow {
			sty.YAlign = draw.YTop
			pt.Y = y - pad*0.6
		}
		c.FillText(sty, pt, l.label)
	}
}

func (l *refLine) anchors(c draw.Canvas, tr transform) []vg.Point {
	var out []vg.Point
	const n = 40
	for k := 0; k <= n; k++ {
		f := vg.Length(float64(k) / n)
		if l.vertical {
			out = append(out, vg.Point{X: tr.x(l.value), Y: c.Min.Y + f*(c.Max.Y-c.Min.Y)})
		} else {
			out = append(out, vg.Point{X: c.Min.X + f*(c.Max.X-c.Min.X), Y: tr.y(l.value)})
		}
	}
	return out
}

func (l *refLine) thumb(c draw.Canvas, r vg.Rectangle, st Style) {
	mid := (r.Min.Y + r.Max.Y) / 2
	c.StrokeLine2(l.style(st), r.Min.X, mid, r.Max.X, mid)
}

// stepLayer draws a histogram as a step outline over bin edges, optionally
// filled; values are already clamped for the axis.
type stepLayer struct {
	edges  []float64
	values []float64 // one per bin
	group  int       // colour
	fill   bool      // fill under the outline with a light tint of the colour
	dash   int       // dash pattern of the outline
	floor  float64   // the y the outline starts and ends at (axis minimum or 0)
	gaps   bool      // log axis: empty bins are gaps in the outline
}

func (l *stepLayer) lineStyle(st Style) draw.LineStyle {
	lw := st.LineWidth * 0.8
	return draw.LineStyle{Color: st.color(l.group), Width: lw, Dashes: dashes(l.dash, lw)}
}

func (l *stepLayer) fillColor(st Style) color.Color {
	r, g, b, _ := st.color(l.group).RGBA()
	a := 0.22 // premultiplied tint
	return color.RGBA64{R: uint16(float64(r) * a), G: uint16(float64(g) * a), B: uint16(float64(b) * a), A: uint16(0xffff * a / 1)}
}

// runs returns the outline of each run of consecutive bins; on a log axis
// (gaps set) a bin with no value (≤ the floor) ends a run, so that empty
// bins are gaps, not spikes down to the axis floor.
func (l *stepLayer) runs(tr transform) [][]vg.Point {
	var out [][]vg.Point
	var pts []vg.Point
	flush := func(end float64) {
		if len(pts) > 0 {
			pts = append(pts, tr.pt(end, l.floor))
			out = append(out, pts)
			pts = nil
		}
	}
	for i, v := range l.values {
		if l.gaps && !(v > l.floor) {
			flush(l.edges[i])
			continue
		}
		if len(pts) == 0 {
			pts = append(pts, tr.pt(l.edges[i], l.floor))
		}
		pts = append(pts, tr.pt(l.edges[i], v), tr.pt(l.edges[i+1], v))
	}
	flush(l.edges[len(l.edges)-1])
	return out
}

func (l *stepLayer) draw(c draw.Canvas, tr transform, st Style, _ text.Handler) {
	for _, pts := range l.runs(tr) {
		if l.fill {
			c.FillPolygon(l.fillColor(st), c.ClipPolygonXY(pts))
		}
		line := pts
		if l.gaps {
			// The outline of a run on a log axis: its tops and the steps
			// between them, not its sides down to the floor.
			line = pts[1 : len(pts)-1]
		}
		c.StrokeLines(l.lineStyle(st), c.ClipLinesXY(line)...)
	}
}

func (l *stepLayer) anchors(c draw.Canvas, tr transform) []vg.Point {
	var out []vg.Point
	for i, v := range l.values {
		if l.gaps && !(v > l.floor) {
			continue
		}
		for k := 0; k <= 4; k++ {
			x := l.edges[i] + (l.edges[i+1]-l.edges[i])*float64(k)/4
			y := tr.y(v)
			// The whole filled area is data.
			for yy := c.Min.Y; yy <= y; yy += 6 {
				out = append(out, vg.Point{X: tr.x(x), Y: yy})
			}
			out = append(out, vg.Point{X: tr.x(x), Y: y})
		}
	}
	return out
}

func (l *stepLayer) thumb(c draw.Canvas, r vg.Rectangle, st Style) {
	box := vg.Rectangle{Min: vg.Point{X: r.Min.X, Y: r.Min.Y + (r.Max.Y-r.Min.Y)*0.2}, Max: vg.Point{X: r.Max.X, Y: r.Max.Y - (r.Max.Y-r.Min.Y)*0.2}}
	if l.fill {
		c.SetColor(l.fillColor(st))
		c.Fill(box.Path())
		c.StrokeLines(l.lineStyle(st), []vg.Point{
			{X: box.Min.X, Y: box.Min.Y}, {X: box.Min.X, Y: box.Max.Y}, {X: box.Max.X, Y: box.Max.Y}, {X: box.Max.X, Y: box.Min.Y}})
		return
	}
	mid := (r.Min.Y + r.Max.Y) / 2
	c.StrokeLine2(l.lineStyle(st), r.Min.X, mid, r.Max.X, mid)
}

// curveLabel writes a label along a curve, starting at data x, rotated to
// the curve's slope on the canvas and set just above (or below) it.
type curveLabel struct {
	pts   []Point // the curve, sorted by x, already clamped
	at    float64 // data x of the label's start
	label string  // LaTeX subset
	color color.Color
	below bool
}

func (l *curveLabel) place(tr transform) (pt vg.Point, angle float64, ok bool) {
	for i := 1; i < len(l.pts); i++ {
		p, q := l.pts[i-1], l.pts[i]
		if !(l.at >= p.X && l.at <= q.X) {
			continue
		}
		a, b := tr.pt(p.X, p.Y), tr.pt(q.X, q.Y)
		f := 0.0
		if ax, bx, xx := tr.x(p.X), tr.x(q.X), tr.x(l.at); bx != ax {
			f = float64((xx - ax) / (bx - ax))
		}
		pt = a.Add(b.Sub(a).Scale(vg.Length(f)))
		angle = math.Atan2(float64(b.Y-a.Y), float64(b.X-a.X))
		return pt, angle, true
	}
	return pt, 0, false
}

func (l *curveLabel) draw(c draw.Canvas, tr transform, st Style, h text.Handler) {
	pt, angle, ok := l.place(tr)
	if !ok || !c.Contains(pt) {
		return
	}
	sty := text.Style{Color: l.color, Font: st.Font, Handler: h, Rotation: angle, XAlign: draw.XLeft, YAlign: draw.YBottom}
	sty.Font.Size = st.LegendSize
	pad := st.LegendSize * 0.35
	if l.below {
		sty.YAlign = draw.YTop
		pad = -st.LegendSize * 0.45
	}
	sin, cos := math.Sincos(angle)
	pt = pt.Add(vg.Point{X: vg.Length(-sin) * pad, Y: vg.Length(cos) * pad})
	c.FillText(sty, pt, l.label)
}

func (l *curveLabel) anchors(c draw.Canvas, tr transform) []vg.Point {
	pt, _, ok := l.place(tr)
	if !ok {
		return nil
	}
	return []vg.Point{pt}
}
