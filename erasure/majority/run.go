package majority

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Bit is a majority-logic bit: Units copies of one unit, each in Potential,
// all driven by the same Protocol, started in equilibrium (both wells) and
// erased toward Target.
type Bit struct {
	Units     int               // N, odd ≥ 1
	Potential wells.Potential   // the potential of every unit
	Protocol  langevin.Schedule // the protocol driving every unit
	Dynamics  langevin.Dynamics // the dynamics of every unit
	// Target is the side every unit must end on: +1 right of Divide
	// (also when 0), −1 left.
	Target int
	Divide float64
}

func (b *Bit) validate() error {
	if err := checkUnits(b.Units); err != nil {
		return err
	}
	switch {
	case b.Potential == nil:
		return errors.New("majority: no potential")
	case b.Protocol == nil:
		return errors.New("majority: no protocol")
	case b.Target < -1 || b.Target > 1:
		return fmt.Errorf("majority: target must be -1 or +1, got %d", b.Target)
	}
	return nil
}

// wrong reports whether a unit ending at x is on the wrong side.
func (b *Bit) wrong(x float64) bool {
	if b.Target < 0 {
		return x >= b.Divide
	}
	return x < b.Divide
}

// Options sets the size and the random seed of a Monte Carlo run.
type Options struct {
	Bits    int    // M, the number of bits (N·M trajectories)
	Seed    uint64 // random seed; the same seed gives the same numbers
	Workers int    // goroutines (0: GOMAXPROCS); never changes the numbers
}

// Result is what Run measures. Energies in kT; intervals are 95 % Wilson
// score intervals; SEM is the standard error of a mean.
type Result struct {
	Units int   `json:"units"` // N
	Bits  int64 `json:"bits"`  // M

	UnitErrors     int64   `json:"unit_errors"`       // units that ended on the wrong side (of N·M)
	UnitError      float64 `json:"unit_error"`        // ε_u, their fraction
	UnitErrorLow   float64 `json:"unit_error_low"`    // Wilson interval of ε_u
	UnitErrorHigh  float64 `json:"unit_error_high"`   //
	LogicalErrors  int64   `json:"logical_errors"`    // bits whose majority is wrong (of M)
	LogicalError   float64 `json:"logical_error"`     // ε_L, their fraction
	LogicalLow     float64 `json:"logical_error_low"` // Wilson interval of ε_L
	LogicalHigh    float64 `json:"logical_error_high"`
	IndependentFit float64 `json:"logical_error_independent"` // LogicalError(N, ε_u): ε_L implied by the measured ε_u for independent units

	// WrongUnits[k] counts the bits with exactly k wrong units, k = 0…N
	// (binomial(N, ε_u) for independent units).
	WrongUnits []int64 `json:"wrong_units"`

	WorkPerBit     float64 `json:"work_per_bit"`      // ⟨W_bit⟩ = ⟨Σ units W⟩
	WorkPerBitSEM  float64 `json:"work_per_bit_sem"`  //
	WorkPerUnit    float64 `json:"work_per_unit"`     // ⟨W_unit⟩
	WorkPerUnitSEM float64 `json:"work_per_unit_sem"` //
	// LandauerPerBit is N [ln 2 − H(ε_u)] at the measured ε_u, the least
	// work of any protocol that erases these units to that unit error.
	LandauerPerBit float64 `json:"landauer_per_bit"`
	// LandauerLogical is ln 2 − H(ε_L) at the measured ε_L, the least work
	// of a single unit erased to the same logical error.
	LandauerLogical float64 `json:"landauer_logical"`
}

// blockTally is the reduction of one block of trajectories, or of the
// blocks merged so far.
type blockTally struct {
	unitErrors int64
	wrong      []int64
	bit, unit  erasure.Moments
}

// Run erases opt.Bits majority bits by Monte Carlo: one langevin.Ensemble
// of N·M trajectories whose consecutive groups of N form the bits. The
// ensemble's block size is the multiple of N nearest below
// langevin.DefaultBlockSize (at least N), so that every bit lies in one
// block; the numbers depend on (Seed, N, M) only.
func Run(ctx context.Context, b Bit, opt Options) (*Result, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	if opt.Bits < 1 {
		return nil, fmt.Errorf("majority: bits must be ≥ 1, got %d", opt.Bits)
	}
	n := b.Units
	bs := n * max(1, langevin.DefaultBlockSize/n)
	ens := &langevin.Ensemble{
		Potential:    b.Potential,
		Schedule:     b.Protocol,
		Dynamics:     b.Dynamics,
		Start:        langevin.Start{Side: 0, Divide: b.Divide},
		Trajectories: n * opt.Bits,
		Seed:         opt.Seed,
		Workers:      opt.Workers,
		BlockSize:    bs,
	}
	var total blockTally // the blocks merged in block order (langevin.Reducer)
	red := &langevin.Reducer[blockTally]{Merge: func(_ int, t blockTally) error { total.merge(&t); return nil }}
	err := langevin.ReduceBlocks(ctx, ens, red, func(blk *langevin.Block) (blockTally, error) {
		var t blockTally
		if blk.Len()%n != 0 {
			return t, fmt.Errorf("majority: block %d holds %d trajectories, not a multiple of %d", blk.Index, blk.Len(), n)
		}
		t.add(&b, blk.X, blk.Work)
		return t, nil
	})
	if err != nil {
		return nil, err
	}
	return newResult(&b, &total)
}

// add tallies the bits of one block: x and work hold the final positions
// and the works of consecutive groups of b.Units units, one group a bit.
func (t *blockTally) add(b *Bit, x, work []float64) {
	n := b.Units
	t.wrong = make([]int64, n+1)
	for g := 0; g+n <= len(x); g += n {
		k, w := 0, 0.0
		for i := g; i < g+n; i++ {
			if b.wrong(x[i]) {
				k++
			}
			w += work[i]
			t.unit.Add(work[i])
		}
		t.unitErrors += int64(k)
		t.wrong[k]++
		t.bit.Add(w)
	}
}

// merge adds the tally o of the next block into t. Merged in block order
// (langevin.Reducer), the numbers do not depend on which goroutine ran
// which block.
func (t *blockTally) merge(o *blockTally) {
	t.unitErrors += o.unitErrors
	if t.wrong == nil {
		t.wrong = make([]int64, len(o.wrong))
	}
	for k, c := range o.wrong {
		t.wrong[k] += c
	}
	t.bit.Merge(o.bit)
	t.unit.Merge(o.unit)
}

// newResult computes the estimates, their intervals and the bounds from
// the tally t of all the blocks, merged in block order.
func newResult(b *Bit, t *blockTally) (*Result, error) {
	n := b.Units
	if len(t.wrong) != n+1 {
		return nil, fmt.Errorf("majority: internal error: a tally of %d bins for %d units", len(t.wrong), n)
	}
	r := &Result{Units: n, UnitErrors: t.unitErrors, WrongUnits: slices.Clone(t.wrong)}
	bit, unit := t.bit, t.unit
	m := bit.N()
	r.Bits = m
	for k := (n + 1) / 2; k <= n; k++ {
		r.LogicalErrors += r.WrongUnits[k]
	}
	nu := int64(n) * m
	r.UnitError = float64(r.UnitErrors) / float64(nu)
	r.UnitErrorLow, r.UnitErrorHigh = erasure.Wilson(r.UnitErrors, nu, 0.95)
	r.LogicalError = float64(r.LogicalErrors) / float64(m)
	r.LogicalLow, r.LogicalHigh = erasure.Wilson(r.LogicalErrors, m, 0.95)
	r.IndependentFit = LogicalError(n, r.UnitError)
	r.WorkPerBit, r.WorkPerBitSEM = bit.Mean(), bit.SEM()
	r.WorkPerUnit, r.WorkPerUnitSEM = unit.Mean(), unit.SEM()
	kT := b.Dynamics.Temperature
	r.LandauerPerBit = kT * float64(n) * erasure.LandauerBound(r.UnitError)
	r.LandauerLogical = kT * erasure.LandauerBound(r.LogicalError)
	return r, nil
}

// ExactResult is the Fokker–Planck answer for a majority bit of
// independent units: one unit solved for its density, the bit from
// LogicalError. The _err fields are discretisation error estimates
// (fokkerplanck.SolveWithError).
type ExactResult struct {
	Units          int     `json:"units"`
	UnitError      float64 `json:"unit_error"`
	UnitErrorErr   float64 `json:"unit_error_err"`
	LogicalError   float64 `json:"logical_error"`
	WorkPerUnit    float64 `json:"work_per_unit"`
	WorkPerUnitErr float64 `json:"work_per_unit_err"`
	WorkPerBit     float64 `json:"work_per_bit"` // N ⟨W_unit⟩
	WorkPerBitErr  float64 `json:"work_per_bit_err"`
}

// Exact solves one unit of b by Fokker–Planck (overdamped dynamics only;
// cells and dt as in fokkerplanck.Problem, zero for the defaults) and
// returns the bit's errors and work: exact for independent units, with
// error masses far below what sampling can reach.
func Exact(ctx context.Context, b Bit, cells int, dt float64) (*ExactResult, error) {
	if err := b.validate(); err != nil {
		return nil, err
	}
	if b.Dynamics.Kind != langevin.Overdamped {
		return nil, fmt.Errorf("majority: Exact solves overdamped dynamics only, got %v", b.Dynamics.Kind)
	}
	sol, est, err := fokkerplanck.SolveWithError(ctx, fokkerplanck.Problem{
		Potential:   b.Potential,
		Schedule:    b.Protocol,
		Temperature: b.Dynamics.Temperature,
		Friction:    b.Dynamics.Friction,
		Cells:       cells,
		Dt:          dt,
		Divide:      b.Divide,
	})
	if err != nil {
		return nil, err
	}
	eu, eErr := sol.Left, est.Left
	if b.Target < 0 {
		eu, eErr = sol.Right, est.Right
	}
	n := float64(b.Units)
	return &ExactResult{
		Units:          b.Units,
		UnitError:      eu,
		UnitErrorErr:   eErr,
		LogicalError:   LogicalError(b.Units, eu),
		WorkPerUnit:    sol.Work,
		WorkPerUnitErr: est.Work,
		WorkPerBit:     n * sol.Work,
		WorkPerBitErr:  n * est.Work,
	}, nil
}
