package plots

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
	"gonum.org/v1/plot/vg/vgtex"

	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/plots/internal/tex"
)

// Formats lists the image formats Save writes, by extension.
var Formats = []string{".png", ".svg", ".tex", ".pdf"}

// Save writes fig to path in the format its extension names, laid out for
// style (fig.Style when style.Width is zero), and the figure's data as CSV
// beside it (the same name with .csv). Both files are written atomically
// (a temporary file in the same directory, then a rename).
//
//   - .png: raster at style.DPI, white background;
//   - .svg: vector; the fonts are named (Liberation Serif), not embedded;
//   - .tex: a PGF fragment (\begin{pgfpicture} … \end{pgfpicture}) to
//     \input in a LaTeX document that loads \usepackage{pgf}; every label
//     is LaTeX (e.g. $\langle W\rangle/kT$) set in the document's fonts;
//   - .pdf: vector, one page, the Liberation fonts embedded as Unicode
//     TrueType subsets (pdfCanvas), so τ, ε, Δ print and can be searched
//     and copied (⟨ ⟩ are strokes, as in PNG and SVG).
func Save(fig *Figure, path string, style Style) error {
	if fig == nil {
		return errors.New("plots: Save: nil figure")
	}
	if style.Width <= 0 {
		style = fig.Style
	}
	style = style.orDefault()
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".csv" {
		return fmt.Errorf("plots: Save %s: give the image's name; its data are written beside it as CSV", path)
	}
	data, err := Render(fig, ext, style)
	if err != nil {
		return fmt.Errorf("plots: Save %s: %w", path, err)
	}
	csvData, err := fig.table.csvBytes()
	if err != nil {
		return fmt.Errorf("plots: Save %s: %w", path, err)
	}
	csvPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".csv"
	for _, f := range []struct {
		path string
		data []byte
	}{{path, data}, {csvPath, csvData}} {
		if err := safeio.WriteFile(f.path, f.data); err != nil {
			return fmt.Errorf("plots: Save: %w", err)
		}
	}
	return nil
}

// Save writes the figure with its own style (see the function Save).
func (f *Figure) Save(path string) error { return Save(f, path, f.Style) }

// Table returns the data behind the figure (what Save writes as CSV).
func (f *Figure) Table() *Table { return f.table }

// Render returns the figure encoded in the format of the extension ext
// (".png", ".svg", ".tex" or ".pdf"; see Save), without the CSV.
func Render(fig *Figure, ext string, style Style) ([]byte, error) {
	st := style.orDefault()
	w, h := st.Width, fig.heightFor(st)
	fonts := plot.DefaultTextHandler.Cache()
	rich := tex.Rich{Fonts: fonts}
	var hdl text.Handler = rich
	if strings.EqualFold(ext, ".tex") {
		hdl = tex.TeX{Rich: rich}
	}
	// Place the legends on a canvas of the figure's size; those that go
	// below the figure make it taller.
	var pans []*panel
	if err := safeDraw(func() { pans = fig.placeLegends(draw.New(&nullCanvas{w: w, h: h}), st, hdl) }); err != nil {
		return nil, err
	}
	below := belowHeight(pans, st, hdl)
	h += below
	var (
		cw vg.CanvasWriterTo
		bg color.Color = color.White
	)
	switch strings.ToLower(ext) {
	case ".png":
		c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(int(st.DPI+0.5)), vgimg.UseBackgroundColor(color.White))
		cw = vgimg.PngCanvas{Canvas: c}
		bg = nil // the canvas is already white
	case ".svg":
		cw = vgsvg.New(w, h)
	case ".tex":
		cw = vgtex.New(w, h)
		bg = nil // transparent on the page
	case ".pdf":
		cw = newPDFCanvas(w, h)
	default:
		return nil, fmt.Errorf("unknown image format %q (have %s)", ext, strings.Join(Formats, ", "))
	}
	c := draw.New(&visibleOnly{Canvas: cw, w: w, h: h, straight: strings.EqualFold(ext, ".tex")})
	if bg != nil {
		c.SetColor(bg)
		c.Fill(c.Rectangle.Path())
	}
	if err := safeDraw(func() { fig.drawPlaced(c, st, hdl, pans, below) }); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// safeDraw turns a panic of the drawing libraries into an error.
func safeDraw(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing failed: %v", r)
		}
	}()
	f()
	return nil
}

// visibleOnly passes drawing on to a canvas, leaving out what would be
// invisible (drawn in a fully transparent colour), so that the SVG and
// TeX files hold only what shows.
//
// With straight set (vgtex), translucent colours are handed on
// with their colour components not premultiplied by alpha: those canvases
// write the premultiplied components as the colour and alpha again as the
// opacity, which darkens translucent colours.
type visibleOnly struct {
	vg.Canvas
	w, h     vg.Length
	clr      color.Color
	stack    []color.Color
	straight bool
}

// straightColor returns its non-premultiplied components from RGBA.
type straightColor struct{ c color.NRGBA64 }

func (s straightColor) RGBA() (r, g, b, a uint32) {
	return uint32(s.c.R), uint32(s.c.G), uint32(s.c.B), uint32(s.c.A)
}

func (v *visibleOnly) Size() (vg.Length, vg.Length) { return v.w, v.h }

func (v *visibleOnly) SetColor(c color.Color) {
	v.clr = c
	if v.straight && c != nil {
		if _, _, _, a := c.RGBA(); a > 0 && a < 0xffff {
			c = straightColor{color.NRGBA64Model.Convert(c).(color.NRGBA64)}
		}
	}
	v.Canvas.SetColor(c)
}

func (v *visibleOnly) Push() {
	v.stack = append(v.stack, v.clr)
	v.Canvas.Push()
}

func (v *visibleOnly) Pop() {
	if n := len(v.stack); n > 0 {
		v.clr = v.stack[n-1]
		v.stack = v.stack[:n-1]
	}
	v.Canvas.Pop()
}

func (v *visibleOnly) invisible() bool {
	if v.clr == nil {
		return false
	}
	_, _, _, a := v.clr.RGBA()
	return a == 0
}

func (v *visibleOnly) Stroke(p vg.Path) {
	if !v.invisible() {
		v.Canvas.Stroke(p)
	}
}

func (v *visibleOnly) Fill(p vg.Path) {
	if !v.invisible() {
		v.Canvas.Fill(p)
	}
}

func (v *visibleOnly) FillString(f font.Face, pt vg.Point, s string) {
	if !v.invisible() {
		v.Canvas.FillString(f, pt, s)
	}
}

// WriteCSV writes the figure's data (what Save writes beside the image).
func (f *Figure) WriteCSV(w io.Writer) error { return f.table.WriteCSV(w) }

// nullCanvas draws nothing: the layout pass that places the legends.
type nullCanvas struct{ w, h vg.Length }

func (n *nullCanvas) Size() (vg.Length, vg.Length)         { return n.w, n.h }
func (*nullCanvas) SetLineWidth(vg.Length)                 {}
func (*nullCanvas) SetLineDash([]vg.Length, vg.Length)     {}
func (*nullCanvas) SetColor(color.Color)                   {}
func (*nullCanvas) Rotate(float64)                         {}
func (*nullCanvas) Translate(vg.Point)                     {}
func (*nullCanvas) Scale(float64, float64)                 {}
func (*nullCanvas) Push()                                  {}
func (*nullCanvas) Pop()                                   {}
func (*nullCanvas) Stroke(vg.Path)                         {}
func (*nullCanvas) Fill(vg.Path)                           {}
func (*nullCanvas) FillString(font.Face, vg.Point, string) {}
func (*nullCanvas) DrawImage(vg.Rectangle, image.Image)    {}
