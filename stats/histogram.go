package stats

import "math"

// Histogram counts values in bins of fixed width: bin i holds
// [(First+i)·Width, (First+i+1)·Width). Histograms of the same width merge
// exactly (integer counts), whatever the order, so block histograms merged
// in any order give the same result. Width is in the unit of the values.
//
// Set Width (> 0) before the first Add; an empty histogram of Width 0 takes
// the width of the first non-empty histogram merged into it, so the zero
// value works as the total of a merge.
type Histogram struct {
	Width  float64 `json:"width"`
	First  int64   `json:"first"`  // index of the first bin
	Counts []int64 `json:"counts"` // counts of bins First, First+1, ...
	// Below and Above count non-finite values (−Inf/NaN and +Inf), which
	// have no bin.
	Below int64 `json:"below,omitempty"`
	Above int64 `json:"above,omitempty"`
}

// Add counts x in bin ⌊x/Width⌋. It panics when Width is not positive (a
// programming error).
func (h *Histogram) Add(x float64) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, -1):
		h.Below++
		return
	case math.IsInf(x, 1):
		h.Above++
		return
	}
	if !(h.Width > 0) {
		panic("stats: Histogram.Add with Width ≤ 0")
	}
	h.addCount(int64(math.Floor(x/h.Width)), 1)
}

// addCount adds c to bin i, growing the bin range as needed.
func (h *Histogram) addCount(i, c int64) {
	if len(h.Counts) == 0 {
		h.First, h.Counts = i, []int64{c}
		return
	}
	if i < h.First {
		grown := make([]int64, h.First-i+int64(len(h.Counts)))
		copy(grown[h.First-i:], h.Counts)
		h.First, h.Counts = i, grown
	}
	if last := h.First + int64(len(h.Counts)) - 1; i > last {
		h.Counts = append(h.Counts, make([]int64, i-last)...)
	}
	h.Counts[i-h.First] += c
}

// Merge adds the counts of o, which must have the same width (h may be an
// empty histogram of Width 0: it takes o's). Merging histograms of
// different widths panics (a programming error).
func (h *Histogram) Merge(o Histogram) {
	if len(o.Counts) > 0 && h.Width == 0 && len(h.Counts) == 0 {
		h.Width = o.Width
	}
	if len(o.Counts) > 0 && o.Width != h.Width {
		panic("stats: merging histograms of different widths")
	}
	for k, c := range o.Counts {
		if c != 0 {
			h.addCount(o.First+int64(k), c)
		}
	}
	h.Below += o.Below
	h.Above += o.Above
}

// Edges returns the len(Counts)+1 bin edges (First+k)·Width.
func (h *Histogram) Edges() []float64 {
	e := make([]float64, len(h.Counts)+1)
	for k := range e {
		e[k] = float64(h.First+int64(k)) * h.Width
	}
	return e
}

// N is the number of values counted, non-finite ones included.
func (h *Histogram) N() int64 {
	n := h.Below + h.Above
	for _, c := range h.Counts {
		n += c
	}
	return n
}
