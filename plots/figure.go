package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landauer-dev/landauer/plots/internal/tex"
)

// Figure is a figure ready to be drawn: one or more panels stacked
// vertically (sharing the x axis when they are), the numbers behind them
// (written as CSV beside every image by Save), and what was noticed while
// building it.
//
// A Figure holds its data, not a drawing: Save lays it out for the Style
// and format it is given, so one Figure can be written as a PNG for the
// screen, an SVG, and a PGF/TeX fragment for a paper.
type Figure struct {
	Kind  string // "work-duration", "work-error", "histogram", "density", "retention"
	Style Style  // the style it was built with (Save may be given another)

	// Warnings lists data that could not be drawn as given: points dropped
	// for non-finite values, error bars dropped for non-finite ends, values
	// ≤ 0 on a log axis drawn at the axis minimum, fits that failed. Each
	// says how many.
	Warnings []string
	// Fits holds the W∞ + B/τ fits drawn (WorkDurationFigure with Fit).
	Fits []FitResult

	panels []*panel
	table  *Table
}

// LegendPosition places a panel's legend inside its frame.
type LegendPosition int

const (
	LegendAuto        LegendPosition = iota // the corner that covers the fewest data
	LegendTopRight                          //
	LegendTopLeft                           //
	LegendBottomRight                       //
	LegendBottomLeft                        //
	LegendRight                             // right edge, centred vertically
	LegendLeft                              // left edge, centred vertically
	LegendNone                              // no legend

	// legendOutside is where an automatic legend goes when every corner
	// covers data: right of the frame.
	legendOutside LegendPosition = 100
)

// Range fixes an axis' limits; the zero value lets the data decide. Either
// end may be set alone (give the other as NaN), e.g. Range{Min: 0, Max:
// math.NaN()} starts a linear axis at zero.
type Range struct{ Min, Max float64 }

func (r Range) auto() bool { return r.Min == 0 && r.Max == 0 }

// axisSpec is one axis of a panel.
type axisSpec struct {
	label    string // LaTeX subset
	log      bool
	min, max float64
}

// clamp returns v, or the axis minimum when v ≤ 0 on a log axis.
func (a axisSpec) clamp(v float64) (float64, bool) {
	if a.log && !(v > 0) {
		return a.min, true
	}
	return v, false
}

// panel is one frame of a figure.
type panel struct {
	x, y        axisSpec
	layers      []layer
	legend      []legendEntry
	legendAt    LegendPosition
	weight      float64 // relative height of the data area
	hideXLabels bool    // tick labels and label of x (a panel above another)
	fixedY      bool    // the top of y was given: the legend may not raise it
	yCap        float64 // > 0: the legend may raise y up to this (1 for an error rate)
	legendOut   bool    // the legend is drawn outside the frame (set while drawing)
	legendBelow bool    // ... below the figure (else right of the frame)
}

// layer is something drawn in a panel's data area.
type layer interface {
	draw(c draw.Canvas, tr transform, st Style, h text.Handler)
	// anchors are canvas points the legend should avoid covering.
	anchors(c draw.Canvas, tr transform) []vg.Point
}

// transform maps data to canvas coordinates.
type transform struct{ x, y func(float64) vg.Length }

func (t transform) pt(x, y float64) vg.Point { return vg.Point{X: t.x(x), Y: t.y(y)} }

// legendEntry is a label with its thumbnail.
type legendEntry struct {
	label string // LaTeX subset
	thumb func(c draw.Canvas, r vg.Rectangle, st Style)
}

// outer margin around a figure, so that nothing touches the edge.
const figureMargin = vg.Length(2)

// gap between stacked panels.
const panelGap = vg.Length(5)

// heightFor returns the figure height for st: Style.Height for one panel of
// weight 1, more for stacked panels.
func (f *Figure) heightFor(st Style) vg.Length {
	var w float64
	for _, p := range f.panels {
		w += p.weight
	}
	if w <= 1 {
		return st.Height
	}
	// The extra panels share the x labels, so they need a little less
	// than their share.
	return st.Height * vg.Length(1+0.85*(w-1))
}

// Draw draws the figure onto c (any gonum vg canvas) with the rich text
// handler (PNG, SVG; PDF after the glyph check Save does).
func (f *Figure) Draw(c draw.Canvas, st Style) {
	f.draw(c, st.orDefault(), tex.Rich{Fonts: plot.DefaultTextHandler.Cache()})
}

func (f *Figure) draw(c draw.Canvas, st Style, h text.Handler) {
	f.drawPlaced(c, st, h, f.placeLegends(c, st, h), 0)
}

// placeLegends decides where the automatic legends go, on a canvas of
// the figure's size: in the corner of the frame that covers no data; when
// every corner covers some, the y axis is raised to make room above the
// data (unless its top was fixed); when that does not free a corner
// either, the legend goes below the figure (legendOut). It returns copies
// of the panels with the axes and flags set: the Figure is not changed.
func (f *Figure) placeLegends(c draw.Canvas, st Style, h text.Handler) []*panel {
	c = draw.Crop(c, figureMargin, -figureMargin, figureMargin, -figureMargin)
	pans := make([]*panel, len(f.panels))
	for i, p := range f.panels {
		cp := *p
		pans[i] = &cp
	}
	if len(pans) == 0 {
		return pans
	}
	for attempt := 0; attempt < 3; attempt++ {
		plots, canvases := layoutPanels(c, pans, st, h)
		changed := false
		for i, pan := range pans {
			if pan.legendAt != LegendAuto || len(pan.legend) == 0 || pan.legendOut {
				continue
			}
			dc := plots[i].DataCanvas(canvases[i])
			tr := panelTransform(plots[i], dc, pan)
			w, ht := legendSize(pan, st, h)
			if _, n := bestCorner(pan, dc, tr, w, ht, st); n == 0 {
				continue
			}
			changed = true
			need := float64(ht+3*st.LegendSize*legendOffset) / float64(dc.Max.Y-dc.Min.Y)
			if attempt > 0 || pan.fixedY || need > 0.45 || w > (dc.Max.X-dc.Min.X)*0.95 {
				pan.legendOut = true
				continue
			}
			grow := 1 / (1 - need)
			top := pan.y.min + (pan.y.max-pan.y.min)*grow
			if pan.y.log {
				a, b := math.Log10(pan.y.min), math.Log10(pan.y.max)
				top = math.Min(math.Pow(10, a+(b-a)*grow), logAxisCeil)
			}
			if pan.yCap > 0 && top > pan.yCap {
				pan.legendOut = true
				continue
			}
			pan.y.max = top
		}
		if !changed {
			break
		}
	}
	return pans
}

// belowHeight is the height the legends placed below the figure take.
func belowHeight(pans []*panel, st Style, h text.Handler) vg.Length {
	var sum vg.Length
	for _, p := range pans {
		if p.legendOut {
			_, ht := legendSize(p, st, h)
			sum += ht + st.LegendSize*legendOffset
		}
	}
	return sum
}

// drawPlaced draws the panels as placeLegends left them onto c, whose
// bottom strip of height below holds the legends placed below (when
// below is 0 they go right of the frame instead).
func (f *Figure) drawPlaced(c draw.Canvas, st Style, h text.Handler, pans []*panel, below vg.Length) {
	c = draw.Crop(c, figureMargin, -figureMargin, figureMargin, -figureMargin)
	if len(pans) == 0 {
		return
	}
	area := c
	var outs []*panel
	if below > 0 {
		area = draw.Crop(c, 0, 0, below, 0)
		for _, p := range pans {
			if p.legendOut {
				outs = append(outs, p)
				p.legendBelow = true
			}
		}
	}
	plots, canvases := layoutPanels(area, pans, st, h)
	for i, p := range plots {
		p.Draw(canvases[i])
	}
	if len(outs) == 0 {
		return
	}
	// Below the figure, left-aligned with the data area.
	x := plots[0].DataCanvas(canvases[0]).Min.X
	y := c.Min.Y + below
	for _, p := range outs {
		w, ht := legendSize(p, st, h)
		y -= ht + st.LegendSize*legendOffset
		box := vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + ht}}
		drawLegendBox(c, p, st, h, box, false)
	}
}

// layoutPanels builds the gonum plots of the panels and the canvas each is
// drawn on: stacked, data areas in proportion to the weights, their left
// and right edges aligned, room on the right for legends placed outside.
func layoutPanels(c draw.Canvas, pans []*panel, st Style, h text.Handler) ([]*plot.Plot, []draw.Canvas) {
	plots := make([]*plot.Plot, len(pans))
	for i, p := range pans {
		plots[i] = p.plot(st, h)
	}
	n := len(plots)
	// Heights: data areas in proportion to the weights, each panel's
	// labels on top of its data area.
	total := c.Max.Y - c.Min.Y - panelGap*vg.Length(n-1)
	over := make([]vg.Length, n)
	var overSum vg.Length
	var wSum float64
	for i, p := range plots {
		dc := p.DataCanvas(c)
		over[i] = (dc.Min.Y - c.Min.Y) + (c.Max.Y - dc.Max.Y)
		overSum += over[i]
		wSum += pans[i].weight
	}
	dataH := total - overSum
	subs := make([]draw.Canvas, n)
	top := c.Max.Y
	for i := range plots {
		h := over[i] + dataH*vg.Length(pans[i].weight/wSum)
		subs[i] = draw.Crop(c, 0, 0, top-h-c.Min.Y, top-c.Max.Y)
		top -= h + panelGap
	}
	// Align the data areas' left and right edges.
	left := make([]vg.Length, n)
	right := make([]vg.Length, n)
	var L, R vg.Length
	for i, p := range plots {
		dc := p.DataCanvas(subs[i])
		left[i] = dc.Min.X - subs[i].Min.X
		right[i] = subs[i].Max.X - dc.Max.X
		L, R = max(L, left[i]), max(R, right[i])
		if pans[i].legendOut && !pans[i].legendBelow {
			w, _ := legendSize(pans[i], st, h)
			R = max(R, w+2*st.LegendSize*legendOffset)
		}
	}
	out := make([]draw.Canvas, n)
	for i := range plots {
		out[i] = draw.Crop(subs[i], L-left[i], -(R - right[i]), 0, 0)
	}
	return plots, out
}

// panelTransform maps a panel's data to the data canvas dc of its plot.
func panelTransform(plt *plot.Plot, dc draw.Canvas, pan *panel) transform {
	fx, fy := plt.Transforms(&dc)
	tr := transform{x: fx, y: fy}
	if pan.x.log {
		tr.x = func(v float64) vg.Length { return fx(math.Log10(v)) }
	}
	if pan.y.log {
		tr.y = func(v float64) vg.Length { return fy(math.Log10(v)) }
	}
	return tr
}

// plot builds the gonum plot of a panel for a style and text handler.
func (pan *panel) plot(st Style, h text.Handler) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.TextHandler = h
	p.Legend.TextStyle.Handler = h
	p.Title.TextStyle.Handler = h
	for _, ax := range []struct {
		a    *plot.Axis
		spec axisSpec
		hide bool
	}{{&p.X, pan.x, pan.hideXLabels}, {&p.Y, pan.y, false}} {
		a := ax.a
		// A log axis is drawn as a linear axis in log10 of the value (the
		// layers transform their data the same way): gonum's LogScale
		// panics on values ≤ 0, and its axis-label glyph box sits at the
		// arithmetic mid-range, which on a log axis pads the plot wrongly.
		a.Min, a.Max = ax.spec.min, ax.spec.max
		a.Scale = plot.LinearScale{}
		a.Tick.Marker = linTicks{}
		if ax.spec.log {
			a.Min, a.Max = math.Log10(ax.spec.min), math.Log10(ax.spec.max)
			a.Tick.Marker = log10Ticks{}
		}
		a.Label.Text = ax.spec.label
		a.Label.TextStyle.Font = st.Font
		a.Label.TextStyle.Font.Size = st.LabelSize
		a.Label.TextStyle.Handler = h
		a.Label.Padding = 2
		a.Tick.Label.Font = st.Font
		a.Tick.Label.Font.Size = st.TickSize
		a.Tick.Label.Handler = h
		// gonum's own ticks and axis lines point outward and sit beside
		// the data; the frame layer draws inward ticks on all four sides
		// instead. gonum's invisible ticks keep the gap between the tick
		// labels and the frame.
		a.Tick.LineStyle = draw.LineStyle{Color: color.Transparent, Width: st.AxisWidth}
		a.Tick.Length = 2.5
		a.LineStyle = draw.LineStyle{Color: color.Transparent, Width: st.AxisWidth}
		a.Padding = 0
		if ax.hide {
			a.Label.Text = ""
			a.Tick.Label.Font.Size = 0
		}
	}
	p.Add(&panelPlotter{pan: pan, st: st, h: h})
	return p
}

// panelPlotter draws a panel's layers, its frame and its legend.
type panelPlotter struct {
	pan *panel
	st  Style
	h   text.Handler
}

func (pp *panelPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	tr := panelTransform(plt, c, pp.pan)
	for _, l := range pp.pan.layers {
		l.draw(c, tr, pp.st, pp.h)
	}
	drawFrame(c, plt, pp.st)
	pp.drawLegend(c, tr)
}

// drawFrame strokes the box around the data area, with inward ticks on
// all four sides (major ticks where the axis has labels).
func drawFrame(c draw.Canvas, plt *plot.Plot, st Style) {
	ls := draw.LineStyle{Color: color.Black, Width: st.AxisWidth}
	r := c.Rectangle
	var frame vg.Path
	frame.Move(r.Min)
	frame.Line(vg.Point{X: r.Max.X, Y: r.Min.Y})
	frame.Line(r.Max)
	frame.Line(vg.Point{X: r.Min.X, Y: r.Max.Y})
	frame.Close()
	c.SetLineStyle(ls)
	c.Stroke(frame)
	major, minor := st.TickLength, st.TickLength*0.55
	for _, t := range plt.X.Tick.Marker.Ticks(plt.X.Min, plt.X.Max) {
		if t.Value < plt.X.Min || t.Value > plt.X.Max {
			continue
		}
		x := c.X(plt.X.Norm(t.Value))
		l := major
		if t.IsMinor() {
			l = minor
		}
		c.StrokeLine2(ls, x, r.Min.Y, x, r.Min.Y+l)
		c.StrokeLine2(ls, x, r.Max.Y, x, r.Max.Y-l)
	}
	for _, t := range plt.Y.Tick.Marker.Ticks(plt.Y.Min, plt.Y.Max) {
		if t.Value < plt.Y.Min || t.Value > plt.Y.Max {
			continue
		}
		y := c.Y(plt.Y.Norm(t.Value))
		l := major
		if t.IsMinor() {
			l = minor
		}
		c.StrokeLine2(ls, r.Min.X, y, r.Min.X+l, y)
		c.StrokeLine2(ls, r.Max.X, y, r.Max.X-l, y)
	}
}

// legend layout constants, in units of the legend font size.
const (
	legendThumb  = 2.4 // thumbnail width
	legendGap    = 0.5 // between thumbnail and text
	legendRow    = 1.3 // row height
	legendPad    = 0.4 // inside the box
	legendOffset = 0.5 // from the frame
)

// legendSize is the size of a panel's legend box.
func legendSize(pan *panel, st Style, h text.Handler) (w, ht vg.Length) {
	fs := st.LegendSize
	fnt := st.Font
	fnt.Size = fs
	var textW vg.Length
	for _, e := range pan.legend {
		tw, _, _ := h.Box(e.label, fnt)
		textW = max(textW, tw)
	}
	// 6 % spare: LaTeX may set the text a little wider than estimated.
	w = fs*(legendThumb+legendGap+2*legendPad) + textW*1.06
	ht = fs * (legendRow*vg.Length(len(pan.legend)) + 2*legendPad)
	return w, ht
}

// legendBox is the legend's box at pos in (or, for LegendOutside, right
// of) the data canvas c.
func legendBox(c draw.Canvas, pos LegendPosition, w, ht vg.Length, st Style) vg.Rectangle {
	off := st.LegendSize * legendOffset
	var r vg.Rectangle
	switch pos {
	case LegendTopLeft, LegendLeft, LegendBottomLeft:
		r.Min.X = c.Min.X + off
	case legendOutside:
		r.Min.X = c.Max.X + off
	default:
		r.Min.X = c.Max.X - off - w
	}
	switch pos {
	case LegendBottomLeft, LegendBottomRight:
		r.Min.Y = c.Min.Y + off
	case LegendLeft, LegendRight:
		r.Min.Y = (c.Min.Y+c.Max.Y)/2 - ht/2
	case legendOutside:
		r.Min.Y = c.Max.Y - ht
	default:
		r.Min.Y = c.Max.Y - off - ht
	}
	r.Max = vg.Point{X: r.Min.X + w, Y: r.Min.Y + ht}
	return r
}

// bestCorner returns the position in the frame whose legend box (with a
// margin) covers the fewest of the layers' anchor points, and how many it
// covers.
func bestCorner(pan *panel, c draw.Canvas, tr transform, w, ht vg.Length, st Style) (LegendPosition, int) {
	var pts []vg.Point
	for _, l := range pan.layers {
		pts = append(pts, l.anchors(c, tr)...)
	}
	off := st.LegendSize * legendOffset
	best, pos := -1, LegendTopRight
	for _, cand := range []LegendPosition{LegendTopRight, LegendTopLeft, LegendBottomRight, LegendBottomLeft, LegendRight, LegendLeft} {
		r := legendBox(c, cand, w, ht, st)
		r.Min.X -= off
		r.Min.Y -= off
		r.Max.X += off
		r.Max.Y += off
		n := 0
		for _, p := range pts {
			if p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y {
				n++
			}
		}
		if best < 0 || n < best {
			best, pos = n, cand
		}
	}
	return pos, best
}

func (pp *panelPlotter) drawLegend(c draw.Canvas, tr transform) {
	pan, st, h := pp.pan, pp.st, pp.h
	if len(pan.legend) == 0 || pan.legendAt == LegendNone || pan.legendBelow {
		return
	}
	w, ht := legendSize(pan, st, h)
	pos := pan.legendAt
	switch {
	case pan.legendOut:
		pos = legendOutside
	case pos == LegendAuto:
		pos, _ = bestCorner(pan, c, tr, w, ht, st)
	}
	drawLegendBox(c, pan, st, h, legendBox(c, pos, w, ht, st), pos != legendOutside)
}

// drawLegendBox draws a panel's legend in box, on a background when filled.
func drawLegendBox(c draw.Canvas, pan *panel, st Style, h text.Handler, box vg.Rectangle, filled bool) {
	fs := st.LegendSize
	sty := text.Style{Color: color.Black, Font: st.Font, Handler: h, XAlign: draw.XLeft, YAlign: draw.YCenter}
	sty.Font.Size = fs
	if st.LegendBoxColor != nil && filled {
		c.SetColor(st.LegendBoxColor)
		c.Fill(box.Path())
	}
	y := box.Max.Y - fs*legendPad - fs*legendRow/2
	for _, e := range pan.legend {
		x := box.Min.X + fs*legendPad
		thumb := vg.Rectangle{
			Min: vg.Point{X: x, Y: y - fs*legendRow/2},
			Max: vg.Point{X: x + fs*legendThumb, Y: y + fs*legendRow/2},
		}
		if e.thumb != nil {
			e.thumb(c, thumb, st)
		}
		// Centre the text's x-height on the row.
		c.FillText(sty, vg.Point{X: thumb.Max.X + fs*legendGap, Y: y - fs*0.05}, e.label)
		y -= fs * legendRow
	}
}

// legendHeadroom is the fraction of a one-panel figure's data height that a
// legend of n rows takes, for making room above the data.
func legendHeadroom(n int, st Style) float64 {
	if n == 0 {
		return 0
	}
	h := float64(st.LegendSize) * (legendRow*float64(n) + 2*legendPad + legendOffset)
	data := float64(st.Height) * 0.72
	return math.Min(0.6, h/data)
}

// ---- axis ranges ----

// autoRange returns axis limits around vals (finite values; only positive
// ones count on a log axis), padded by frac of the span on each side (in
// decades on a log axis). With no usable value it returns [1, 10] (log) or
// [0, 1].
func autoRange(vals []float64, log bool, frac float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) || log && v <= 0 {
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo > hi {
		if log {
			return 1, 10
		}
		return 0, 1
	}
	if log {
		a, b := math.Log10(lo), math.Log10(hi)
		pad := math.Max(frac*(b-a), 0.08)
		if b-a < 1e-9 {
			pad = 0.5
		}
		return math.Max(math.Pow(10, a-pad), logAxisFloor), math.Min(math.Pow(10, b+pad), logAxisCeil)
	}
	span := hi - lo
	if span <= 0 {
		d := math.Max(math.Abs(lo)*0.1, 1)
		return lo - d, hi + d
	}
	return lo - frac*span, hi + frac*span
}

// applyRange fixes the ends of a computed range that the caller gave, and
// makes the result usable (min < max, both > 0 on a log axis).
func applyRange(lo, hi float64, r Range, log bool) (float64, float64) {
	if !r.auto() {
		if !math.IsNaN(r.Min) && !math.IsInf(r.Min, 0) && (!log || r.Min > 0) {
			lo = r.Min
		}
		if !math.IsNaN(r.Max) && !math.IsInf(r.Max, 0) && (!log || r.Max > 0) {
			hi = r.Max
		}
	}
	if log {
		lo = math.Min(math.Max(lo, logAxisFloor), logAxisCeil/10)
		hi = math.Min(hi, logAxisCeil)
	}
	if !(hi > lo) {
		if log {
			hi = lo * 10
		} else {
			hi = lo + math.Max(1, math.Abs(lo)*1e-6)
		}
	}
	return lo, hi
}

// The extent of a log axis: within the normal floats, so that log10 of
// either end and the tick values stay finite.
const (
	logAxisFloor = 1e-300
	logAxisCeil  = 1e300
)

// ---- data cleaning ----

// cleaned holds a series ready to draw and what was done to it.
type cleaned struct {
	pts      []Point
	dropped  int // non-finite x or y
	badBars  int // error bars with a non-finite end, dropped
	clampedX int // values ≤ 0 on a log x axis
	clampedY int
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// clean drops the points with non-finite coordinates and the error bars
// with non-finite ends.
func clean(ps []Point) cleaned {
	var cl cleaned
	for _, p := range ps {
		if !finite(p.X) || !finite(p.Y) {
			cl.dropped++
			continue
		}
		if (p.XLow != 0 || p.XHigh != 0) && !(finite(p.XLow) && finite(p.XHigh)) {
			p.XLow, p.XHigh = 0, 0
			cl.badBars++
		}
		if (p.YLow != 0 || p.YHigh != 0) && !(finite(p.YLow) && finite(p.YHigh)) {
			p.YLow, p.YHigh = 0, 0
			cl.badBars++
		}
		cl.pts = append(cl.pts, p)
	}
	return cl
}

// values returns the coordinates of the points (and bar ends) along one
// axis, for the range.
func values(ps []Point, x bool) []float64 {
	var out []float64
	for _, p := range ps {
		if x {
			out = append(out, p.X)
			if p.hasXBar() {
				out = append(out, p.XLow, p.XHigh)
			}
		} else {
			out = append(out, p.Y)
			if p.hasYBar() {
				out = append(out, p.YLow, p.YHigh)
			}
		}
	}
	return out
}

// clampTo replaces the values ≤ 0 on log axes by the axis minimum, counting
// the points affected.
func (cl *cleaned) clampTo(xa, ya axisSpec) {
	for i := range cl.pts {
		p := &cl.pts[i]
		var cx, cy bool
		var c bool
		p.X, c = xa.clamp(p.X)
		cx = cx || c
		if p.hasXBar() {
			p.XLow, c = xa.clamp(p.XLow)
			cx = cx || c
			p.XHigh, c = xa.clamp(p.XHigh)
			cx = cx || c
		}
		p.Y, c = ya.clamp(p.Y)
		cy = cy || c
		if p.hasYBar() {
			p.YLow, c = ya.clamp(p.YLow)
			cy = cy || c
			p.YHigh, c = ya.clamp(p.YHigh)
			cy = cy || c
		}
		if cx {
			cl.clampedX++
		}
		if cy {
			cl.clampedY++
		}
	}
}

// warnings describes what clean and clampTo did to the series called name.
func (cl *cleaned) warnings(name string, n int, xa, ya axisSpec) []string {
	var w []string
	if cl.dropped > 0 {
		w = append(w, fmt.Sprintf("series %q: dropped %d of %d points with a non-finite value", name, cl.dropped, n))
	}
	if cl.badBars > 0 {
		w = append(w, fmt.Sprintf("series %q: dropped %d error bars with a non-finite end", name, cl.badBars))
	}
	if cl.clampedX > 0 {
		w = append(w, fmt.Sprintf("series %q: %d points with x (or an x error-bar end) ≤ 0 drawn at the log axis minimum %.3g", name, cl.clampedX, xa.min))
	}
	if cl.clampedY > 0 {
		w = append(w, fmt.Sprintf("series %q: %d points with y (or a y error-bar end) ≤ 0 drawn at the log axis minimum %.3g", name, cl.clampedY, ya.min))
	}
	return w
}

// positive returns the finite values > 0 of vs.
func positive(vs []float64) []float64 {
	var out []float64
	for _, v := range vs {
		if v > 0 && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}
