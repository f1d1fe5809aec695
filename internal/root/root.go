// Package root finds where a monotone quantity crosses a level, by
// bisection.
//
// Bisect halves a bracket [lo, hi] at mid = (lo + hi)/2, keeping the half
// where the predicate changes, until hi − lo ≤ tol, the bracket is two
// neighbouring floats (mid is no longer strictly inside), or maxIter
// halvings. After k halvings hi − lo = (hi₀ − lo₀)/2ᵏ (up to rounding of
// the midpoints), so the answer is within hi − lo of the crossing. Geometric
// is the same on a multiplicative scale, mid = √(lo·hi), for positive
// brackets whose relative width matters. Root adds the sign checks of
// classical bisection on a function f.
//
// Every loop here is bounded by maxIter, so a bad predicate cannot make it
// run for ever; a predicate that does long work (a simulation) returns its
// context's error, which ends the search.
package root

import (
	"errors"
	"fmt"
	"math"
)

// ErrNoBracket is returned (wrapped) by Root when f(lo) and f(hi) do not
// have opposite signs.
var ErrNoBracket = errors.New("root: the interval does not bracket a sign change")

// Bisect narrows [lo, hi] around the point x* where below(x) turns from
// true (x < x*) to false (x ≥ x*), and returns the final bracket: below(lo)
// and !below(hi) hold for every point the search replaced (the initial ends
// are not evaluated; the caller knows or checks them). It stops when
// hi − lo ≤ tol (tol = 0: at two neighbouring floats), or after maxIter
// halvings. An error of below ends the search and is returned as it is. It
// returns an error for a non-finite or reversed bracket, tol < 0 or NaN, or
// maxIter < 1.
func Bisect(lo, hi, tol float64, maxIter int, below func(x float64) (bool, error)) (float64, float64, error) {
	if err := check(lo, hi, tol, maxIter); err != nil {
		return lo, hi, err
	}
	for range maxIter {
		if hi-lo <= tol {
			break
		}
		mid := 0.5 * (lo + hi)
		if mid <= lo || mid >= hi {
			break
		}
		b, err := below(mid)
		if err != nil {
			return lo, hi, err
		}
		if b {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, hi, nil
}

// Geometric is Bisect on a multiplicative scale for 0 < lo ≤ hi: it
// splits at mid = √(lo·hi) and stops when hi/lo − 1 ≤ rtol (or at two
// neighbouring floats, or after maxIter splits). The bracket's relative
// width halves in ln at each split.
func Geometric(lo, hi, rtol float64, maxIter int, below func(x float64) (bool, error)) (float64, float64, error) {
	if err := check(lo, hi, rtol, maxIter); err != nil {
		return lo, hi, err
	}
	if !(lo > 0) {
		return lo, hi, fmt.Errorf("root: a geometric bracket must be positive, got [%v, %v]", lo, hi)
	}
	for range maxIter {
		if hi/lo-1 <= rtol {
			break
		}
		mid := math.Sqrt(lo * hi)
		if mid <= lo || mid >= hi {
			break
		}
		b, err := below(mid)
		if err != nil {
			return lo, hi, err
		}
		if b {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, hi, nil
}

// Root returns a zero of f in [lo, hi] by bisection, the midpoint of the
// final bracket, |x − x*| ≤ max(tol, ulp)/2 when it converged within
// maxIter halvings. f(lo) and f(hi) must be non-NaN and of opposite signs
// (or zero: then that end is returned); otherwise the error wraps
// ErrNoBracket. A NaN value of f inside is an error too. f(mid) = 0 is kept
// as the upper end when f rises and the lower when it falls, so the search
// converges to one zero.
func Root(f func(x float64) float64, lo, hi, tol float64, maxIter int) (float64, error) {
	if err := check(lo, hi, tol, maxIter); err != nil {
		return math.NaN(), err
	}
	flo, fhi := f(lo), f(hi)
	switch {
	case math.IsNaN(flo) || math.IsNaN(fhi):
		return math.NaN(), fmt.Errorf("root: f is NaN at an end of [%v, %v]", lo, hi)
	case flo == 0:
		return lo, nil
	case fhi == 0:
		return hi, nil
	case (flo > 0) == (fhi > 0):
		return math.NaN(), fmt.Errorf("%w: f(%v) = %v, f(%v) = %v", ErrNoBracket, lo, flo, hi, fhi)
	}
	rising := flo < 0
	lo, hi, err := Bisect(lo, hi, tol, maxIter, func(x float64) (bool, error) {
		v := f(x)
		if math.IsNaN(v) {
			return false, fmt.Errorf("root: f is NaN at x = %v", x)
		}
		if rising {
			return v < 0, nil
		}
		return v > 0, nil
	})
	if err != nil {
		return math.NaN(), err
	}
	return 0.5 * (lo + hi), nil
}

func check(lo, hi, tol float64, maxIter int) error {
	switch {
	case math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) || lo > hi:
		return fmt.Errorf("root: the bracket [%v, %v] must be finite with lo ≤ hi", lo, hi)
	case !(tol >= 0):
		return fmt.Errorf("root: the tolerance must be ≥ 0, got %v", tol)
	case maxIter < 1:
		return fmt.Errorf("root: need at least one iteration, got maxIter = %d", maxIter)
	}
	return nil
}
