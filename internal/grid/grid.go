// Package grid makes evenly spaced grids with exact ends.
//
// LinSpace(a, b, n)[j] = a + t_j (b − a) and LogSpace(a, b, n)[j] =
// exp(ln a + t_j (ln b − ln a)), t_j = j/(n − 1), with the first and last
// points set to a and b exactly. Inner points are within a few ulp of the
// exact values (LinSpace: |error| ≤ 2ε max(|a|, |b|); LogSpace: the relative
// error of exp of an argument with absolute error ≲ 2ε max(|ln a|, |ln b|)).
// The formulas are those of erasure's sweep axes (linspace, logspace),
// which must not change in any bit: a sweep's points are recomputed from its
// spec on resume and merge.
package grid

import (
	"fmt"
	"math"
)

// LinSpace returns n points evenly spaced from a to b, the ends exact:
// a + (j/(n − 1))(b − a), j = 0 … n − 1. n = 1 gives [a]. It returns an
// error for n < 1 or a non-finite end.
func LinSpace(a, b float64, n int) ([]float64, error) {
	if err := check("LinSpace", a, b, n); err != nil {
		return nil, err
	}
	return fill(a, b, n, func(t float64) float64 { return a + t*(b-a) }), nil
}

// LogSpace returns n points evenly spaced in ln x from a to b (a, b > 0,
// the values, not exponents), the ends exact: exp(ln a + (j/(n − 1))(ln b −
// ln a)), j = 0 … n − 1. n = 1 gives [a]. It returns an error for n < 1 or
// an end that is not finite and > 0.
func LogSpace(a, b float64, n int) ([]float64, error) {
	if err := check("LogSpace", a, b, n); err != nil {
		return nil, err
	}
	if !(a > 0 && b > 0) {
		return nil, fmt.Errorf("grid: LogSpace needs ends > 0, got %v and %v", a, b)
	}
	la, lb := math.Log(a), math.Log(b)
	return fill(a, b, n, func(t float64) float64 { return math.Exp(la + t*(lb-la)) }), nil
}

func check(name string, a, b float64, n int) error {
	switch {
	case n < 1:
		return fmt.Errorf("grid: %s needs n ≥ 1 points, got %d", name, n)
	case math.IsNaN(a) || math.IsInf(a, 0) || math.IsNaN(b) || math.IsInf(b, 0):
		return fmt.Errorf("grid: %s needs finite ends, got %v and %v", name, a, b)
	}
	return nil
}

// fill evaluates at(t_j) at the inner points and sets the ends exactly.
func fill(a, b float64, n int, at func(t float64) float64) []float64 {
	x := make([]float64, n)
	x[0] = a
	for j := 1; j < n-1; j++ {
		x[j] = at(float64(j) / float64(n-1))
	}
	if n > 1 {
		x[n-1] = b
	}
	return x
}
