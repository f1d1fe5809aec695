package discrete

import (
	"errors"
	"fmt"
	"math"
)

// Graph says which pairs of states are connected by transitions.
type Graph int

const (
	// Line connects nearest neighbours only, i ↔ i+1: a discretised
	// one-dimensional landscape. For N = 2 it is the single pair.
	Line Graph = iota
	// Complete connects every pair of states.
	Complete
)

// String returns "line" or "complete".
func (g Graph) String() string {
	switch g {
	case Line:
		return "line"
	case Complete:
		return "complete"
	}
	return fmt.Sprintf("Graph(%d)", int(g))
}

// Bit is an N-state master-equation bit: N states with controlled energies,
// Glauber rates k_{i→j} = Γ/(1 + e^{E_j − E_i}) between the pairs connected by
// Graph, and a set of Target states that count as the erased outcome.
//
// The zero value is not valid; use TwoState or fill the fields and let the
// methods validate them (they return an error, never panic, on bad fields).
type Bit struct {
	// N is the number of states, N ≥ 2.
	N int
	// Gamma is the rate cap Γ > 0, in the inverse time unit: every rate is
	// below Γ and k_{i→j} + k_{j→i} = Γ for each connected pair.
	Gamma float64
	// Graph selects the connected pairs (Line or Complete).
	Graph Graph
	// Target lists the states that count as a successful erasure; the
	// error ε is the probability of ending outside them. Nil means {0}.
	Target []int
}

// TwoState returns the two-state bit with rate cap gamma, erased to state 0:
// ε is the final occupation of state 1.
func TwoState(gamma float64) Bit {
	return Bit{N: 2, Gamma: gamma, Graph: Line}
}

// Validate reports whether the bit's fields describe a usable model.
func (b Bit) Validate() error {
	if b.N < 2 {
		return fmt.Errorf("discrete: a bit needs N ≥ 2 states, got N = %d", b.N)
	}
	if !(b.Gamma > 0) || math.IsInf(b.Gamma, 1) {
		return fmt.Errorf("discrete: the rate cap Γ must be positive and finite, got Γ = %g", b.Gamma)
	}
	if b.Graph != Line && b.Graph != Complete {
		return fmt.Errorf("discrete: unknown graph %v", b.Graph)
	}
	seen := make(map[int]bool, len(b.Target))
	for _, s := range b.Target {
		if s < 0 || s >= b.N {
			return fmt.Errorf("discrete: target state %d out of range [0, %d)", s, b.N)
		}
		if seen[s] {
			return fmt.Errorf("discrete: target state %d listed twice", s)
		}
		seen[s] = true
	}
	if len(b.Target) == b.N {
		return errors.New("discrete: every state is a target state, so there is no error to measure")
	}
	return nil
}

// targetMask returns the indicator of the target states.
func (b Bit) targetMask() []bool {
	m := make([]bool, b.N)
	if len(b.Target) == 0 {
		m[0] = true
		return m
	}
	for _, s := range b.Target {
		m[s] = true
	}
	return m
}

// connected reports whether states i ≠ j exchange transitions.
func (b Bit) connected(i, j int) bool {
	if i == j {
		return false
	}
	if b.Graph == Complete {
		return true
	}
	return i-j == 1 || j-i == 1
}

// degree returns the number of states connected to state i.
func (b Bit) degree(i int) int {
	if b.Graph == Complete {
		return b.N - 1
	}
	if i == 0 || i == b.N-1 {
		return 1
	}
	return 2
}

// glauber returns Γ/(1 + e^{d}) without overflow: 0 for d → +∞ (within
// underflow), Γ for d → −∞.
func glauber(gamma, d float64) float64 {
	if d > 0 {
		x := math.Exp(-d)
		return gamma * x / (1 + x)
	}
	return gamma / (1 + math.Exp(d))
}

// Rate returns the transition rate k_{i→j} = Γ/(1 + e^{E_j − E_i}) at the
// energies e (kT), or 0 if i and j are not connected. It returns an error for
// an invalid bit, a wrong-length or non-finite e, or states out of range.
func (b Bit) Rate(e []float64, i, j int) (float64, error) {
	if err := b.Validate(); err != nil {
		return 0, err
	}
	if err := checkEnergies(e, b.N); err != nil {
		return 0, err
	}
	if i < 0 || i >= b.N || j < 0 || j >= b.N {
		return 0, fmt.Errorf("discrete: states (%d, %d) out of range [0, %d)", i, j, b.N)
	}
	if !b.connected(i, j) {
		return 0, nil
	}
	return glauber(b.Gamma, e[j]-e[i]), nil
}

// Equilibrium returns the Boltzmann occupations p_i = e^{−E_i}/Σ_j e^{−E_j}
// at the energies e (kT), computed relative to the lowest energy so that
// neither overflow nor total underflow occurs.
func (b Bit) Equilibrium(e []float64) ([]float64, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if err := checkEnergies(e, b.N); err != nil {
		return nil, err
	}
	return boltzmann(e), nil
}

func boltzmann(e []float64) []float64 {
	lo := math.Inf(1)
	for _, v := range e {
		lo = math.Min(lo, v)
	}
	p := make([]float64, len(e))
	z := 0.0
	for i, v := range e {
		p[i] = math.Exp(-(v - lo))
		z += p[i]
	}
	for i := range p {
		p[i] /= z
	}
	return p
}

func checkEnergies(e []float64, n int) error {
	if len(e) != n {
		return fmt.Errorf("discrete: %d energies for %d states", len(e), n)
	}
	for i, v := range e {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("discrete: energy E_%d = %g is not finite", i, v)
		}
	}
	return nil
}

// initial validates p0 (nil: Boltzmann at e0) and returns a normalised copy.
func (b Bit) initial(p0, e0 []float64) ([]float64, error) {
	if p0 == nil {
		return boltzmann(e0), nil
	}
	if len(p0) != b.N {
		return nil, fmt.Errorf("discrete: initial distribution has %d entries for %d states", len(p0), b.N)
	}
	s := 0.0
	for i, v := range p0 {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("discrete: initial probability p_%d = %g is not a finite non-negative number", i, v)
		}
		s += v
	}
	if math.Abs(s-1) > 1e-9 {
		return nil, fmt.Errorf("discrete: initial distribution sums to %.12g, not 1", s)
	}
	p := make([]float64, b.N)
	for i, v := range p0 {
		p[i] = v / s
	}
	return p, nil
}

// errorOf returns the probability outside the target states, summed from
// the small entries directly (not as 1 − Σ target) to keep its relative
// accuracy.
func errorOf(p []float64, target []bool) float64 {
	s := 0.0
	for i, v := range p {
		if !target[i] {
			s += v
		}
	}
	return s
}

// BinaryEntropy returns H(ε) = −ε ln ε − (1−ε) ln(1−ε) in nats, for ε in
// [0, 1] (NaN outside).
func BinaryEntropy(eps float64) float64 {
	if !(eps >= 0 && eps <= 1) {
		return math.NaN()
	}
	if eps > 0.5 {
		eps = 1 - eps
	}
	if eps == 0 {
		return 0
	}
	return -eps*math.Log(eps) - (1-eps)*math.Log1p(-eps)
}

// LandauerBound returns ln 2 − H(ε) (kT): the least average work to erase a
// 50/50 bit, starting and ending with degenerate energies, to error ε. It
// holds for every protocol and every rate law (second law with the
// non-equilibrium free energy of the final state). NaN outside [0, 1].
func LandauerBound(eps float64) float64 {
	return math.Ln2 - BinaryEntropy(eps)
}

// SuddenRaise returns the error and work (kT) of the two-state protocol
// "raise state 1 suddenly by dE, wait until equilibrium, drop it suddenly":
//
//	ε = 1/(1 + e^{dE}),   W = (½ − ε) dE = ½(1 − 2ε) ln((1−ε)/ε).
//
// The work equals the bound for time-symmetric protocols (PHYSICS.md §1):
// the raise–wait–drop protocol is time-symmetric and saturates it.
func SuddenRaise(dE float64) (eps, work float64) {
	eps = glauber(1, dE)
	return eps, (0.5 - eps) * dE
}

// MinDuration returns the shortest time, in 1/Γ, in which a two-state bit
// with rate cap Γ can be erased from 50/50 to error ε:
//
//	Γτ_min = ln(1/(2ε)),
//
// since the occupation of the emptied state obeys dp/dt ≥ −Γp whatever the
// energies. It is reached only with infinite work, so any finite-work
// protocol needs Γτ > ln(1/(2ε)). Error for ε outside (0, ½).
func MinDuration(eps float64) (float64, error) {
	if err := checkEps(eps); err != nil {
		return 0, err
	}
	return -math.Log(2 * eps), nil
}

func checkEps(eps float64) error {
	if !(eps > 0 && eps < 0.5) {
		return fmt.Errorf("discrete: the error ε must lie in (0, ½), got ε = %g", eps)
	}
	return nil
}
