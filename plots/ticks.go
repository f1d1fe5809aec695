package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Tick labels are written in the LaTeX subset: "$10^{-5}$", "$-0.5$".

// linTicks marks a linear axis at 4 to 7 "nice" values (steps of 1, 2,
// 2.5 or 5 times a power of ten), with minor ticks between.
type linTicks struct{}

func (linTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	span := hi - lo
	mag := math.Pow(10, math.Floor(math.Log10(span/5)))
	var step, minor float64
	for _, m := range []struct{ step, minor float64 }{{1, 0.2}, {2, 0.5}, {2.5, 0.5}, {5, 1}, {10, 2}} {
		step, minor = m.step*mag, m.minor*mag
		if span/step <= 6.5 {
			break
		}
	}
	k := int(math.Floor(math.Log10(step) + 1e-9))
	prec := decimals(k)
	if math.Abs(step/math.Pow(10, float64(k))-2.5) < 1e-9 && k <= 0 {
		prec++ // 2.5, 0.25, ... (not 25, 250)
	}
	big := math.Max(math.Abs(lo), math.Abs(hi))
	sci := big >= 1e5 || big < 1e-3
	var ts []plot.Tick
	first := math.Ceil(lo/minor - 1e-9)
	for k := first; k*minor <= hi*(1+1e-12)+1e-300; k++ {
		v := k * minor
		if math.Abs(v) < 1e-9*step {
			v = 0
		}
		t := plot.Tick{Value: v}
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-6 {
			if sci {
				t.Label = "$" + sciTeX(v) + "$"
			} else {
				t.Label = "$" + strconv.FormatFloat(v, 'f', prec, 64) + "$"
			}
		}
		ts = append(ts, t)
		if len(ts) > 200 {
			break
		}
	}
	return ts
}

// sciTeX writes v as m×10^k in LaTeX math (no dollars); "10^{k}" when m = 1.
func sciTeX(v float64) string {
	if v == 0 {
		return "0"
	}
	k := int(math.Floor(math.Log10(math.Abs(v))))
	m := v / math.Pow(10, float64(k))
	// Round the mantissa to 3 significant digits, renormalising 9.999 → 10.
	m, _ = strconv.ParseFloat(strconv.FormatFloat(m, 'g', 3, 64), 64)
	if math.Abs(m) >= 10 {
		m /= 10
		k++
	}
	switch m {
	case 1:
		return fmt.Sprintf("10^{%d}", k)
	case -1:
		return fmt.Sprintf("-10^{%d}", k)
	}
	return fmt.Sprintf(`%s\times 10^{%d}`, strconv.FormatFloat(m, 'g', -1, 64), k)
}

// numberTeX writes v compactly in LaTeX math (no dollars): plain decimals
// between 1e-3 and 1e4, m×10^k otherwise.
func numberTeX(v float64) string {
	a := math.Abs(v)
	if v == 0 || a >= 1e-3 && a < 1e4 {
		if s := strconv.FormatFloat(v, 'g', 4, 64); !strings.ContainsAny(s, "e") {
			return s
		}
	}
	return sciTeX(v)
}

// logTicks marks a log axis at decades (every 1, 2, 5, ... decades so that
// there are at most about six labels), with minor ticks between; on an axis
// spanning less than about two decades it labels 2 and 5 as well.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0 && hi > lo) || math.IsInf(hi, 0) {
		return nil
	}
	min, max := lo, hi
	klo := int(math.Floor(math.Log10(min) + 1e-9))
	khi := int(math.Ceil(math.Log10(max) - 1e-9))
	span := khi - klo
	stride := 1
	for _, s := range []int{1, 2, 3, 5, 10, 20, 25, 50, 100, 200, 500} {
		stride = s
		if span/s <= 6 {
			break
		}
	}
	in := func(v float64) bool { return v >= min*(1-1e-12) && v <= max*(1+1e-12) }
	plain := klo >= -3 && khi <= 4
	decade := func(k int) string {
		if plain {
			return "$" + strconv.FormatFloat(math.Pow(10, float64(k)), 'f', decimals(k), 64) + "$"
		}
		return fmt.Sprintf("$10^{%d}$", k)
	}
	var ts []plot.Tick
	nMajor := 0
	for k := klo; k <= khi; k++ {
		v := math.Pow(10, float64(k))
		if in(v) && mod(k, stride) == 0 {
			nMajor++
		}
	}
	for k := klo; k <= khi; k++ {
		v := math.Pow(10, float64(k))
		if in(v) {
			if mod(k, stride) == 0 {
				ts = append(ts, plot.Tick{Value: v, Label: decade(k)})
			} else if span <= 60 {
				ts = append(ts, plot.Tick{Value: v})
			}
		}
		if stride == 1 && span <= 8 {
			for m := 2; m <= 9; m++ {
				w := float64(m) * v
				if !in(w) {
					continue
				}
				t := plot.Tick{Value: w}
				if nMajor < 2 && (m == 2 || m == 5) {
					if plain {
						t.Label = "$" + strconv.FormatFloat(w, 'f', decimals(k), 64) + "$"
					} else {
						t.Label = fmt.Sprintf(`$%d\times 10^{%d}$`, m, k)
					}
				}
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// decimals is the number of decimals to write m×10^k exactly.
func decimals(k int) int {
	if k < 0 {
		return -k
	}
	return 0
}

// log10Ticks marks an axis that carries log10 of the values (see
// panel.plot) with the ticks of logTicks.
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	ts := logTicks{}.Ticks(math.Pow(10, lo), math.Pow(10, hi))
	for i := range ts {
		ts[i].Value = math.Log10(ts[i].Value)
	}
	return ts
}

func mod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}
