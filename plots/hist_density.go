package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/landauer-dev/landauer/plots/internal/tex"
)

// Histogram is a binned work distribution, so that the engine need not keep
// one value per trajectory.
type Histogram struct {
	Label  string    // legend text (Unicode)
	Edges  []float64 // bin edges in kT, increasing, len(Counts)+1
	Counts []float64 // trajectories per bin
	// DeltaF is the exact free-energy change ΔF in kT (e.g.
	// Result.FreeEnergyChange); nil: the Jarzynski/Crooks view is not
	// drawn for this histogram.
	DeltaF *float64
}

// BinWork bins work values (kT) into n equal bins over [lo, hi]; values
// outside, and non-finite ones, are left out and counted.
func BinWork(label string, work []float64, lo, hi float64, n int) (h Histogram, outside int) {
	if n < 1 || !(hi > lo) {
		return Histogram{Label: label}, len(work)
	}
	h = Histogram{Label: label, Edges: make([]float64, n+1), Counts: make([]float64, n)}
	for i := range h.Edges {
		h.Edges[i] = lo + (hi-lo)*float64(i)/float64(n)
	}
	h.Edges[n] = hi
	for _, w := range work {
		if !(w >= lo && w <= hi) {
			outside++
			continue
		}
		k := int((w - lo) / (hi - lo) * float64(n))
		if k == n {
			k--
		}
		h.Counts[k]++
	}
	return h, outside
}

// HistogramOptions tunes HistogramFigure.
type HistogramOptions struct {
	LinearY bool // linear probability axis (default log, to show the tails)
	X, Y    Range
	Legend  LegendPosition
}

// HistogramFigure draws work distributions with the Jarzynski/Crooks view:
// for each histogram, the density P(W) (filled steps) and, when ΔF is
// known, P(W) e^{−(W−ΔF)/kT} (dashed steps), which by Crooks' theorem is
// the density P_R(−W) of the reverse process: the two cross at W = ΔF, and
// the area under the dashed curve is ⟨e^{−(W−ΔF)/kT}⟩, which Jarzynski's
// equality says is 1 (the legend gives its value from the bins, with e^{−W}
// taken at the bin centres). ΔF and ⟨W⟩ (from the bins) are marked.
func HistogramFigure(hists []Histogram, style Style, opts HistogramOptions) (*Figure, error) {
	if len(hists) == 0 {
		return nil, errors.New("plots: HistogramFigure: no histogram")
	}
	style = style.orDefault()
	fig := &Figure{Kind: "histogram", Style: style}
	logY := !opts.LinearY
	tab := &Table{Header: []string{"histogram", "w_low [kT]", "w_high [kT]", "count", "density [1/kT]", "reweighted_density [1/kT]"}}

	type prepared struct {
		h        Histogram
		dens     []float64
		rew      []float64 // nil without ΔF
		mean     float64
		jarz     float64 // Σ P e^{−(W−ΔF)} ΔW
		deltaF   float64
		hasDelta bool
	}
	var preps []prepared
	var xs, ys []float64
	for k, h := range hists {
		if len(h.Edges) != len(h.Counts)+1 || len(h.Counts) == 0 {
			return nil, fmt.Errorf("plots: HistogramFigure: histogram %d (%q): %d edges for %d counts", k, h.Label, len(h.Edges), len(h.Counts))
		}
		var total float64
		for i, c := range h.Counts {
			if !(h.Edges[i+1] > h.Edges[i]) || !finite(h.Edges[i]) || !finite(h.Edges[i+1]) {
				return nil, fmt.Errorf("plots: HistogramFigure: histogram %d (%q): edges not finite and increasing at bin %d", k, h.Label, i)
			}
			if !(c >= 0) || math.IsInf(c, 0) {
				return nil, fmt.Errorf("plots: HistogramFigure: histogram %d (%q): count %g in bin %d", k, h.Label, c, i)
			}
			total += c
		}
		if total == 0 {
			fig.Warnings = append(fig.Warnings, fmt.Sprintf("histogram %q: no counts", h.Label))
		}
		p := prepared{h: h, dens: make([]float64, len(h.Counts))}
		for i, c := range h.Counts {
			w := h.Edges[i+1] - h.Edges[i]
			if total > 0 {
				p.dens[i] = c / (total * w)
			}
			p.mean += p.dens[i] * w * (h.Edges[i] + h.Edges[i+1]) / 2
		}
		if h.DeltaF != nil && finite(*h.DeltaF) {
			p.hasDelta, p.deltaF = true, *h.DeltaF
			p.rew = make([]float64, len(h.Counts))
			for i := range h.Counts {
				mid := (h.Edges[i] + h.Edges[i+1]) / 2
				if p.dens[i] > 0 {
					p.rew[i] = math.Exp(math.Log(p.dens[i]) - (mid - p.deltaF))
				}
				p.jarz += p.rew[i] * (h.Edges[i+1] - h.Edges[i])
			}
			xs = append(xs, p.deltaF)
			ys = append(ys, p.rew...)
		}
		xs = append(xs, h.Edges...)
		ys = append(ys, p.dens...)
		for i, c := range h.Counts {
			row := []string{h.Label, num(h.Edges[i]), num(h.Edges[i+1]), num(c), num(p.dens[i]), ""}
			if p.rew != nil {
				row[5] = num(p.rew[i])
			}
			tab.Rows = append(tab.Rows, row)
		}
		preps = append(preps, p)
	}

	xmin, xmax := autoRange(xs, false, 0.02)
	xmin, xmax = applyRange(xmin, xmax, opts.X, false)
	var ymin, ymax float64
	if logY {
		ymin, ymax = autoRange(ys, true, 0.06)
	} else {
		_, ymax = autoRange(append(ys, 0), false, 0.06)
	}
	// Room above the tallest bin for the legend.
	rows := 0
	for _, p := range preps {
		rows++
		if p.rew != nil {
			rows++
		}
	}
	if f := legendHeadroom(rows, style); logY {
		a, b := math.Log10(ymin), math.Log10(ymax)
		ymax = math.Pow(10, b+f/(1-f)*(b-a))
	} else {
		ymax += f / (1 - f) * ymax
	}
	ymin, ymax = applyRange(ymin, ymax, opts.Y, logY)
	ylabel := `probability density $P(W)$`
	pan := &panel{
		x:        axisSpec{label: `work $W/kT$`, min: xmin, max: xmax},
		y:        axisSpec{label: ylabel, log: logY, min: ymin, max: ymax},
		weight:   1,
		legendAt: opts.Legend,
	}
	floor := 0.0
	if logY {
		floor = ymin
	}
	clampAll := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, y := range v {
			out[i], _ = pan.y.clamp(y)
		}
		return out
	}
	var lines []layer
	for k, p := range preps {
		label := tex.Escape(p.h.Label)
		// On a log axis the outline alone: a fill down to the axis floor
		// would draw every lone count in the tails as a spike.
		main := &stepLayer{edges: p.h.Edges, values: clampAll(p.dens), group: k, fill: !logY, floor: floor, gaps: logY}
		pan.layers = append(pan.layers, main)
		pan.legend = append(pan.legend, legendEntry{label: joinLabel(label, `$P(W)$`), thumb: main.thumb})
		if p.rew != nil {
			rw := &stepLayer{edges: p.h.Edges, values: clampAll(p.rew), group: k, dash: 1, floor: floor, gaps: logY}
			lines = append(lines, rw)
			pan.legend = append(pan.legend, legendEntry{
				label: `$P(W)\,e^{-(W-\Delta F)/kT}$, area $` + strconv.FormatFloat(p.jarz, 'f', 2, 64) + `$`,
				thumb: rw.thumb,
			})
		}
		mean := &refLine{vertical: true, value: p.mean, color: boundGrey, dash: 2, width: 1.2, labelLow: true}
		if k == 0 {
			mean.label = `$\langle W\rangle$`
		}
		lines = append(lines, mean)
		if p.hasDelta {
			df := &refLine{vertical: true, value: p.deltaF, color: OkabeItoBlack, dash: 1, width: 1.2, labelBelow: true, labelLow: true}
			if k == 0 {
				df.label = `$\Delta F$`
			}
			lines = append(lines, df)
		}
	}
	pan.layers = append(pan.layers, lines...)
	fig.panels = []*panel{pan}
	fig.table = tab
	return fig, nil
}

// joinLabel puts a series label before a formula: "label: formula", or the
// formula alone.
func joinLabel(label, formula string) string {
	if label == "" {
		return formula
	}
	return label + ", " + formula
}

// Snapshot is the state of a protocol at one time: the potential and the
// probability density on a grid (e.g. from the Fokker–Planck solver:
// density = mass per cell / cell width).
type Snapshot struct {
	Label string    // legend text (Unicode); default "t = T"
	T     float64   // time (t0)
	X     []float64 // grid (the potential's length unit)
	U     []float64 // potential at X (kT)
	P     []float64 // probability density at X (1/length)
}

// DensityOptions tunes DensityFigure.
type DensityOptions struct {
	LogP    bool  // log density axis (shows the mass left in the wrong well)
	X, U, P Range // axis limits (zero: from the data)
	// Decades limits a log density axis to this many decades below the
	// largest density (default 20), so that the 10⁻⁷⁰ of a deep well's
	// far side does not squash the rest; densities below are drawn at the
	// axis floor.
	Decades float64
	Legend  LegendPosition
	// Tau, when > 0, writes the default labels as fractions of the
	// duration ("t = τ/4") instead of times.
	Tau float64
}

// DensityFigure draws a protocol at several times: the potential U(x)/kT
// (top panel) and the density p(x) (bottom panel), one colour and dash per
// time.
func DensityFigure(snaps []Snapshot, style Style, opts DensityOptions) (*Figure, error) {
	if len(snaps) == 0 {
		return nil, errors.New("plots: DensityFigure: no snapshot")
	}
	style = style.orDefault()
	fig := &Figure{Kind: "density", Style: style}
	tab := &Table{Header: []string{"snapshot", "t [t0]", "x [L]", "U [kT]", "p [1/L]"}}

	// x range: where any density is above 1e-4 of its peak (or the whole
	// grid), padded.
	var xs, us, ps []float64
	var pmaxAll float64
	for _, s := range snaps {
		for _, p := range s.P {
			if finite(p) {
				pmaxAll = math.Max(pmaxAll, p)
			}
		}
	}
	for _, s := range snaps {
		for i, x := range s.X {
			if i < len(s.P) && pmaxAll > 0 {
				if s.P[i] > 1e-4*pmaxAll {
					xs = append(xs, x)
				}
			} else if len(s.P) == 0 {
				xs = append(xs, x)
			}
		}
	}
	xmin, xmax := autoRange(xs, false, 0.12)
	xmin, xmax = applyRange(xmin, xmax, opts.X, false)

	type curve struct {
		u, p  []Point
		label string
	}
	var curves []curve
	for k, s := range snaps {
		if len(s.U) != len(s.X) || len(s.P) != 0 && len(s.P) != len(s.X) {
			return nil, fmt.Errorf("plots: DensityFigure: snapshot %d: %d x, %d U, %d p values", k, len(s.X), len(s.U), len(s.P))
		}
		label := s.Label
		var tl string
		if label == "" {
			tl = `$t = ` + numberTeX(s.T) + `$`
			if opts.Tau > 0 {
				tl = `$t = ` + fractionOf(s.T/opts.Tau, `\tau`) + `$`
			}
		} else {
			tl = tex.Escape(label)
		}
		var cv curve
		cv.label = tl
		for i, x := range s.X {
			u := s.U[i]
			cv.u = append(cv.u, Point{X: x, Y: u})
			// The U axis covers the potential where the particle is (the
			// walls beyond run off the top).
			if x >= xmin && x <= xmax && finite(u) && (len(s.P) == 0 || pmaxAll == 0 || uRegion(snaps, i, pmaxAll)) {
				us = append(us, u)
			}
			row := []string{label, num(s.T), num(x), num(u), ""}
			if len(s.P) > 0 {
				cv.p = append(cv.p, Point{X: x, Y: s.P[i]})
				row[4] = num(s.P[i])
				if x >= xmin && x <= xmax {
					ps = append(ps, s.P[i])
				}
			}
			if row[0] == "" {
				row[0] = "t = " + num(s.T)
			}
			tab.Rows = append(tab.Rows, row)
		}
		curves = append(curves, cv)
	}
	umin, umax := autoRange(us, false, 0.06)
	umin, umax = applyRange(umin, umax, opts.U, false)
	var pmin, pmax float64
	if opts.LogP {
		pmin, pmax = autoRange(ps, true, 0.05)
		dec := opts.Decades
		if !(dec > 0) {
			dec = 20
		}
		if top := slices.Max(append(positive(ps), 0)); top > 0 && pmin < top*math.Pow(10, -dec) {
			// Padded by 5 % of the decades shown, not of the data's.
			pmin = top * math.Pow(10, -dec)
			pmax = top * math.Pow(10, 0.05*dec)
		}
	} else {
		_, pmax = autoRange(append(ps, 0), false, 0.06)
	}
	pmin, pmax = applyRange(pmin, pmax, opts.P, opts.LogP)

	xa := axisSpec{label: `position $x$`, min: xmin, max: xmax}
	top := &panel{x: xa, y: axisSpec{label: `$U(x)/kT$`, min: umin, max: umax}, weight: 1, legendAt: opts.Legend, hideXLabels: true}
	bottom := &panel{x: xa, y: axisSpec{label: `density $p(x)$`, log: opts.LogP, min: pmin, max: pmax}, weight: 1, legendAt: LegendNone}
	for k, cv := range curves {
		cu := clean(cv.u)
		cu.clampTo(top.x, top.y)
		lu := &seriesLayer{pts: cu.pts, line: true, group: k, dash: k}
		top.layers = append(top.layers, lu)
		top.legend = append(top.legend, legendEntry{label: cv.label, thumb: lu.thumb})
		name := cv.label
		fig.Warnings = append(fig.Warnings, cu.warnings("U "+name, len(cv.u), top.x, top.y)...)
		if len(cv.p) > 0 {
			cp := clean(cv.p)
			cp.clampTo(bottom.x, bottom.y)
			fig.Warnings = append(fig.Warnings, cp.warnings("p "+name, len(cv.p), bottom.x, bottom.y)...)
			bottom.layers = append(bottom.layers, &seriesLayer{pts: cp.pts, line: true, group: k, dash: k})
		}
	}
	fig.panels = []*panel{top, bottom}
	fig.table = tab
	return fig, nil
}

// uRegion reports whether grid point i of the first snapshot with that many
// points carries a density above 1 % of the peak in some snapshot.
func uRegion(snaps []Snapshot, i int, pmax float64) bool {
	for _, s := range snaps {
		if i < len(s.P) && s.P[i] > 0.01*pmax {
			return true
		}
	}
	return false
}

// fractionOf writes f (a fraction of a symbol, e.g. τ) in LaTeX: "0",
// "\tau", "\tau/4", "3\tau/4", or a decimal multiple.
func fractionOf(f float64, sym string) string {
	if f == 0 {
		return "0"
	}
	for _, d := range []int{1, 2, 3, 4, 5, 6, 8, 10, 12} {
		n := f * float64(d)
		if r := math.Round(n); math.Abs(n-r) < 1e-9*math.Max(1, math.Abs(n)) {
			num := int(r)
			s := sym
			if num != 1 {
				s = strconv.Itoa(num) + sym
			}
			if d != 1 {
				s += "/" + strconv.Itoa(d)
			}
			return s
		}
	}
	return numberTeX(f) + sym
}
