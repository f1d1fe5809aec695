package storage

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Options are the bath, the divide and the numerical choices of Analyze.
// Zero values take the defaults.
type Options struct {
	Temperature float64 // bath kT in reference kT (default 1)
	Friction    float64 // γ (default 1); D = Temperature/Friction
	// Divide separates the two states of the bit (default 0): the left well
	// is the deepest minimum below it, the right well the deepest above.
	Divide float64
	// Cells is the finer grid of the relaxation rate (default 4000; the
	// coarser one has half as many, for the Richardson extrapolation).
	Cells int
	// Lo and Hi bound the domain (reflecting walls). Both zero: automatic,
	// where U rises fokkerplanck.EdgeHeight = 80 kT above its minimum
	// (wells.Span).
	Lo, Hi float64
	// Storage is the storage time t of the retention error (t0); 0 skips it.
	Storage float64
	// NoFokkerPlanck skips the exact Fokker–Planck hold runs of the
	// retention error (the two-state value is then reported).
	NoFokkerPlanck bool
}

func (o *Options) defaults() error {
	if o.Temperature == 0 {
		o.Temperature = 1
	}
	if o.Friction == 0 {
		o.Friction = 1
	}
	if o.Cells == 0 {
		o.Cells = 4000
	}
	switch {
	case !(o.Temperature > 0) || math.IsInf(o.Temperature, 1):
		return fmt.Errorf("storage: temperature must be finite and > 0, got %v", o.Temperature)
	case !(o.Friction > 0) || math.IsInf(o.Friction, 1):
		return fmt.Errorf("storage: friction must be finite and > 0, got %v", o.Friction)
	case o.Cells < 20 || o.Cells > 1<<22:
		return fmt.Errorf("storage: cells must be in [20, 2^22], got %d", o.Cells)
	case math.IsNaN(o.Divide) || math.IsInf(o.Divide, 0):
		return fmt.Errorf("storage: divide must be finite, got %v", o.Divide)
	case !(o.Storage >= 0) || math.IsInf(o.Storage, 1):
		return fmt.Errorf("storage: storage time must be finite and >= 0, got %v", o.Storage)
	}
	return nil
}

// Rate is a rate (1/t0) with its estimated error.
type Rate struct {
	Value float64 `json:"value"`
	Err   float64 `json:"err"`
}

// Mass is a probability with its estimated error (absolute).
type Mass struct {
	Value float64 `json:"value"`
	Err   float64 `json:"err"`
}

// Report is the storage analysis of one potential at one control. Fields of
// the bit (from Left on) are nil, and absent from the JSON, when the control
// leaves no well on one side of the divide.
type Report struct {
	Potential   string             `json:"potential"`
	Control     map[string]float64 `json:"control"`
	Temperature float64            `json:"temperature"` // reference kT
	Friction    float64            `json:"friction"`
	Divide      float64            `json:"divide"`
	Domain      [2]float64         `json:"domain"` // reflecting walls (length units)
	Minima      []Point            `json:"minima"`
	Maxima      []Point            `json:"maxima"`

	Left  *Point `json:"left_well,omitempty"`   // the deepest minimum below Divide
	Right *Point `json:"right_well,omitempty"`  // the deepest minimum above Divide
	Top   *Point `json:"barrier_top,omitempty"` // the highest point between them
	// Barrier is U(top) − U(left), BarrierBack U(top) − U(right) (kT).
	Barrier     *float64 `json:"barrier,omitempty"`
	BarrierBack *float64 `json:"barrier_back,omitempty"`
	// MFPT is the exact mean first-passage time from the left minimum to the
	// right one, MFPTBack from the right minimum to the left one (t0).
	MFPT     *Time `json:"mfpt,omitempty"`
	MFPTBack *Time `json:"mfpt_back,omitempty"`
	// Kramers and KramersBack are Kramers' asymptotic rates over the top
	// from the left and from the right well (1/t0); the cusp form over a
	// kink.
	Kramers     *float64 `json:"kramers_rate,omitempty"`
	KramersBack *float64 `json:"kramers_rate_back,omitempty"`

	// RelaxationRate is λ₁, the slowest nonzero decay rate of the
	// Fokker–Planck generator (1/t0), with its discretisation error.
	RelaxationRate Rate   `json:"relaxation_rate"`
	RelaxationGrid [2]int `json:"relaxation_cells"` // the two grids extrapolated

	Retention *Retention `json:"retention,omitempty"`
}

// Retention is the probability that a stored bit reads wrong after the
// storage time: Error is from a start in the left well, ErrorBack from the
// right one.
type Retention struct {
	Storage float64 `json:"storage"` // t (t0)
	// TwoState is k₊/(k₊+k₋)(1 − e^{−(k₊+k₋)t}) with k± from the MFPTs
	// (from the left well; TwoStateBack from the right).
	TwoState     float64 `json:"two_state"`
	TwoStateBack float64 `json:"two_state_back"`
	// FokkerPlanck is the exact wrong-side mass after a hold of t from the
	// well's local equilibrium, with its discretisation error (nil when
	// skipped).
	FokkerPlanck     *Mass `json:"fokker_planck,omitempty"`
	FokkerPlanckBack *Mass `json:"fokker_planck_back,omitempty"`
	// Error is the larger of the two starts' errors, from Method:
	// "fokker-planck" when both hold runs have an estimated error below 10%
	// of their value, "two-state" otherwise.
	Error  float64 `json:"error"`
	Method string  `json:"method"`
}

// Analyze computes the storage properties of p at control c.
func Analyze(ctx context.Context, p wells.Potential, c wells.Control, o Options) (*Report, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	kT := o.Temperature
	lo, hi := o.Lo, o.Hi
	if lo == 0 && hi == 0 {
		var err error
		if lo, hi, err = wells.Span(p, []wells.Control{c}, kT, fokkerplanck.EdgeHeight); err != nil {
			return nil, fmt.Errorf("storage: %v", err)
		}
	} else if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("storage: bad domain [%v, %v]", lo, hi)
	}
	r := &Report{Potential: p.Name(), Control: map[string]float64{}, Temperature: kT, Friction: o.Friction,
		Divide: o.Divide, Domain: [2]float64{lo, hi}}
	for i, name := range p.Controls() {
		r.Control[name] = c[i]
	}
	land, err := FindLandscape(p, c, lo, hi)
	if err != nil {
		return nil, err
	}
	r.Minima, r.Maxima = land.Minima, land.Maxima
	if err := r.bit(p, c, o, true); err != nil {
		return nil, err
	}
	var kinks []float64
	for _, m := range append(slices.Clone(r.Minima), r.Maxima...) {
		if m.Cusp {
			kinks = append(kinks, m.X)
		}
	}
	if r.RelaxationRate, err = RelaxationRate(p, c, kT, o.Friction, lo, hi, o.Cells, kinks); err != nil {
		return nil, err
	}
	r.RelaxationGrid = [2]int{o.Cells / 2, o.Cells}
	if o.Storage > 0 && r.MFPT != nil {
		if r.Retention, err = retention(ctx, p, c, o, r.MFPT.Log, r.MFPTBack.Log); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// bit picks the bit's wells and computes barriers, MFPTs and Kramers rates
// (the MFPTs without their error estimate unless withErr).
func (r *Report) bit(p wells.Potential, c wells.Control, o Options, withErr bool) error {
	li, ri := -1, -1
	for i, m := range r.Minima {
		if m.X < o.Divide && (li < 0 || m.U < r.Minima[li].U) {
			li = i
		}
		if m.X > o.Divide && (ri < 0 || m.U < r.Minima[ri].U) {
			ri = i
		}
	}
	if li < 0 || ri < 0 {
		return nil
	}
	ti := li
	for i := li; i < ri; i++ {
		if r.Maxima[i].U > r.Maxima[ti].U {
			ti = i
		}
	}
	left, right, top := r.Minima[li], r.Minima[ri], r.Maxima[ti]
	r.Left, r.Right, r.Top = &left, &right, &top
	eb, ebb := top.U-left.U, top.U-right.U
	r.Barrier, r.BarrierBack = &eb, &ebb
	var breaks []float64
	for _, m := range r.Maxima {
		breaks = append(breaks, m.X)
	}
	for _, m := range r.Minima {
		breaks = append(breaks, m.X)
	}
	t, err := mfpt(p, c, o.Temperature, o.Friction, r.Domain[0], r.Domain[1], left.X, right.X, breaks, withErr)
	if err != nil {
		return err
	}
	tb, err := mfpt(p, c, o.Temperature, o.Friction, r.Domain[0], r.Domain[1], right.X, left.X, breaks, withErr)
	if err != nil {
		return err
	}
	r.MFPT, r.MFPTBack = &t, &tb
	D := o.Temperature / o.Friction
	if k, ok := KramersRate(left, top, o.Temperature, D); ok {
		r.Kramers = &k
	}
	if k, ok := KramersRate(right, top, o.Temperature, D); ok {
		r.KramersBack = &k
	}
	return nil
}

// KramersRate returns Kramers' overdamped high-barrier rate (1/t0) of
// escape from the minimum well over the top, for diffusion constant D:
// D√(U”(a)|U”(b)|)/(2π kT) e^{−E_b/kT} over a smooth top and
// D√(U”(a)/(2π kT)) e^{−E_b/kT}/(kT/s_L + kT/s_R) over a cusp (see the
// package doc). ok is false when the well itself is a cusp.
func KramersRate(well, top Point, kT, D float64) (k float64, ok bool) {
	if well.Cusp || !(well.Curvature > 0) {
		return 0, false
	}
	boltz := math.Exp(-(top.U - well.U) / kT)
	if top.Cusp {
		return D * math.Sqrt(well.Curvature/(2*math.Pi*kT)) * boltz / (kT/top.SlopeLeft + kT/top.SlopeRight), true
	}
	return D * math.Sqrt(well.Curvature*math.Abs(top.Curvature)) / (2 * math.Pi * kT) * boltz, true
}

// RelaxationRate returns λ₁ of the Fokker–Planck generator of U(x, c) on
// [lo, hi] (reflecting walls), kT and D = kT/friction: the discrete λ₁ of
// fokkerplanck.SlowestRate on cells/2 and cells cells, Richardson-
// extrapolated (λ = λ_f + (λ_f − λ_c)/3, the scheme being second order in
// the cell width), with Err = |λ_f − λ_c|/3, the estimated error of the
// finer grid (a bound on that of the extrapolated value).
//
// kinks lists the positions where U' jumps (cusps). The Scharfetter–Gummel
// weights take U linear between neighbouring cell centres, so a kink inside
// such an interval makes the scheme first order. With one kink, each grid
// is shifted (by less than a cell, its width being (hi − lo)/(cells − 1) so
// that it still covers [lo, hi]) to put a cell centre on it, which keeps
// second order; with more, λ is λ_f itself and Err = |λ_f − λ_c|.
func RelaxationRate(p wells.Potential, c wells.Control, kT, friction, lo, hi float64, cells int, kinks []float64) (Rate, error) {
	var lam [2]float64
	for j, n := range []int{cells / 2, cells} {
		h, start := (hi-lo)/float64(n), lo
		if len(kinks) == 1 {
			h = (hi - lo) / float64(n-1)
			k := math.Floor((kinks[0]-lo)/h + 0.5) // centre k+½ cells above start sits on the kink
			start = kinks[0] - (k+0.5)*h
		}
		x, u := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = start + (float64(i)+0.5)*h
		}
		p.Eval(c, x, u, nil)
		for i := range u {
			u[i] /= kT
		}
		var err error
		if lam[j], _, err = fokkerplanck.SlowestRate(u, h, kT/friction); err != nil {
			return Rate{}, fmt.Errorf("storage: %v", err)
		}
	}
	if len(kinks) > 1 {
		return Rate{Value: lam[1], Err: math.Abs(lam[1] - lam[0])}, nil
	}
	d := (lam[1] - lam[0]) / 3
	return Rate{Value: lam[1] + d, Err: math.Abs(d)}, nil
}

// logTwoState returns ln ε(t) of the two-state reduction for a start in the
// well left with rate k₊ = e^{−lnT₊} and return rate k₋ = e^{−lnT₋}:
// ε = k₊/(k₊+k₋)·(1 − e^{−(k₊+k₋)t}), in logs so that nothing underflows.
func logTwoState(lnTp, lnTm, t float64) float64 {
	lnKp, lnKm := -lnTp, -lnTm
	m := max(lnKp, lnKm)
	lnSum := m + math.Log(math.Exp(lnKp-m)+math.Exp(lnKm-m))
	lnx := lnSum + math.Log(t) // ln((k₊+k₋)t)
	var lnOne float64          // ln(1 − e^{−x})
	if lnx < -20 {
		lnOne = lnx + math.Log1p(-math.Exp(lnx)/2) // 1 − e^{−x} = x(1 − x/2 + …)
	} else {
		lnOne = math.Log(-math.Expm1(-math.Exp(lnx)))
	}
	return lnKp - lnSum + lnOne
}

// hold keeps the control at c for a time t.
type hold struct {
	c wells.Control
	t float64
}

func (h hold) At(float64) wells.Control { return h.c }
func (h hold) Duration() float64        { return h.t }

func retention(ctx context.Context, p wells.Potential, c wells.Control, o Options, lnT, lnTb float64) (*Retention, error) {
	t := o.Storage
	r := &Retention{Storage: t,
		TwoState:     math.Exp(logTwoState(lnT, lnTb, t)),
		TwoStateBack: math.Exp(logTwoState(lnTb, lnT, t)),
		Method:       "two-state"}
	r.Error = max(r.TwoState, r.TwoStateBack)
	if o.NoFokkerPlanck {
		return r, nil
	}
	for _, side := range []int{-1, 1} {
		sol, est, err := fokkerplanck.SolveWithError(ctx, fokkerplanck.Problem{
			Potential: p, Schedule: hold{c, t}, Temperature: o.Temperature, Friction: o.Friction,
			Initial: side, Divide: o.Divide,
		})
		if err != nil {
			return nil, fmt.Errorf("storage: retention: %v", err)
		}
		if side < 0 {
			r.FokkerPlanck = &Mass{sol.Right, est.Right}
		} else {
			r.FokkerPlanckBack = &Mass{sol.Left, est.Left}
		}
	}
	if r.FokkerPlanck.Err < 0.1*r.FokkerPlanck.Value && r.FokkerPlanckBack.Err < 0.1*r.FokkerPlanckBack.Value {
		r.Method = "fokker-planck"
		r.Error = max(r.FokkerPlanck.Value, r.FokkerPlanckBack.Value)
	}
	return r, nil
}
