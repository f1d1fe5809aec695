package proesmans2020

import (
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// FullControlBound returns the finite-time full-control bound of
// Proesmans, Ehrich & Bechhoefer (PRE 102, 032105 (2020)) for erasing the
// bit stored in potential pot at controls rest (temperature kT, friction
// γ, divide, target side ±1), in kT:
//
//	W/kT ≥ ln 2 − H(ε) + W₂²(p_i, p_f(ε))/(Dτ),  D = kT/γ,
//
// with p_i the Boltzmann density of the stored bit and p_f(ε) its local
// equilibrium with mass ε on the wrong side (LocalEquilibrium and
// W2Squared), on 4000 cells symmetric about the divide reaching 60 kT above
// the minima. ln 2 − H(ε) is Landauer's term
// for a bit stored with probability ½ on each side.
func FullControlBound(pot wells.Potential, rest wells.Control, kT, gamma, divide float64, target int) (func(eps, tau float64) float64, error) {
	lo, hi, err := wells.Span(pot, []wells.Control{rest}, kT, 60)
	if err != nil {
		return nil, err
	}
	a := math.Max(divide-lo, hi-divide)
	pi, err := Boltzmann(pot, rest, kT, divide-a, divide+a, 4000)
	if err != nil {
		return nil, err
	}
	if _, err := LocalEquilibrium(pi, divide, target, 0.25); err != nil {
		return nil, err
	}
	d := kT / gamma
	return func(eps, tau float64) float64 {
		pf, err := LocalEquilibrium(pi, divide, target, eps)
		if err != nil {
			return math.NaN()
		}
		w2, err := W2Squared(pi, pf)
		if err != nil {
			return math.NaN()
		}
		return erasure.LandauerBound(eps) + w2/(d*tau)
	}, nil
}
