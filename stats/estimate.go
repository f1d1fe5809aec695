package stats

import (
	"fmt"
	"math"
)

// Kind says what the Uncertainty of an Estimate means.
type Kind uint8

const (
	// Unknown: no uncertainty is known (Uncertainty is 0 and means
	// nothing). The zero Kind: for instance the mean of a single value,
	// whose standard error is undefined.
	Unknown Kind = iota
	// StandardError: Uncertainty is one standard error of a sample mean,
	// √(Var/n) (a statistical error; about 68 % of repeated runs lie within
	// ± one standard error of the limit for normal means).
	StandardError
	// Discretisation: Uncertainty is an estimate of the numerical error of a
	// deterministic computation (grid spacing, time step), such as the
	// difference between a solution and one on a coarser grid. It is not a
	// confidence statement.
	Discretisation
	// Exact: the value has no uncertainty beyond floating-point rounding
	// (Uncertainty is 0): a closed form or a quadrature to machine
	// precision.
	Exact
)

// String returns the kind's name: "unknown", "standard error",
// "discretisation error" or "exact".
func (k Kind) String() string {
	switch k {
	case Unknown:
		return "unknown"
	case StandardError:
		return "standard error"
	case Discretisation:
		return "discretisation error"
	case Exact:
		return "exact"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Estimate is a number with its uncertainty and the uncertainty's kind:
// Value ± Uncertainty, both in the unit of the quantity estimated, where
// Kind says whether the ± is a standard error, a discretisation error, or
// nothing (Unknown, Exact: Uncertainty 0).
//
// Value and Uncertainty are finite and Uncertainty ≥ 0. A quantity that
// does not exist at all is not an Estimate but a nil *Estimate (see the
// package doc, "Absent").
type Estimate struct {
	Value       float64
	Uncertainty float64
	Kind        Kind
}

// Mean returns Value ± se as a standard-error Estimate; a standard error
// that is NaN or infinite (undefined: fewer than two values) gives Kind
// Unknown.
func Mean(value, se float64) Estimate {
	if math.IsNaN(se) || math.IsInf(se, 0) {
		return Estimate{Value: value}
	}
	return Estimate{Value: value, Uncertainty: se, Kind: StandardError}
}

// Discretised returns Value ± err as an Estimate of kind Discretisation.
func Discretised(value, err float64) Estimate {
	return Estimate{Value: value, Uncertainty: err, Kind: Discretisation}
}

// Scale returns the estimate of c·X: Value·c ± Uncertainty·|c|, of the same
// kind.
func (e Estimate) Scale(c float64) Estimate {
	return Estimate{Value: e.Value * c, Uncertainty: e.Uncertainty * math.Abs(c), Kind: e.Kind}
}

// Has reports whether the estimate carries an uncertainty of kind k; use it
// to read a standard error or a discretisation error only where it is one.
func (e Estimate) Has(k Kind) bool { return e.Kind == k }

// StandardError returns the standard error: Uncertainty when the Kind is
// StandardError, 0 otherwise (a Fokker–Planck estimate has no standard
// error). It reads the old work_sem-style fields.
func (e Estimate) StandardError() float64 {
	if e.Kind != StandardError {
		return 0
	}
	return e.Uncertainty
}

// DiscretisationError returns the discretisation error: Uncertainty when
// the Kind is Discretisation, 0 otherwise (a Monte Carlo estimate has none).
// It reads the old work_err-style fields.
func (e Estimate) DiscretisationError() float64 {
	if e.Kind != Discretisation {
		return 0
	}
	return e.Uncertainty
}

// UncertaintyOf returns a pointer to the uncertainty when it is of kind k,
// nil otherwise: the "absent" of an output column such as work_sem (a
// standard error) next to work_err (a discretisation error).
func (e Estimate) UncertaintyOf(k Kind) *float64 {
	if e.Kind != k {
		return nil
	}
	u := e.Uncertainty
	return &u
}

// String writes "v ± u (kind)" (v to 6 significant digits, u to 2), or
// "v" alone when the uncertainty is unknown and "v (exact)" when exact.
func (e Estimate) String() string {
	switch e.Kind {
	case Unknown:
		return fmt.Sprintf("%.6g", e.Value)
	case Exact:
		return fmt.Sprintf("%.6g (exact)", e.Value)
	}
	return fmt.Sprintf("%.6g ± %.2g (%v)", e.Value, e.Uncertainty, e.Kind)
}
