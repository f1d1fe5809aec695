package discrete

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// Keyframe fixes the energy vector E (kT) at time T (in 1/Γ).
type Keyframe struct {
	T float64
	E []float64
}

// Protocol is a schedule of state energies E(t) on [0, τ]: piecewise linear
// between keyframes, with a sudden jump wherever two consecutive keyframes
// share a time. The first keyframe, at T = 0, holds the energies before the
// protocol starts (the bit starts in equilibrium with them unless told
// otherwise); the last holds the energies after it ends, at τ.
//
// The zero value is an empty protocol that every solver rejects; build
// protocols with NewProtocol or one of the constructors. A Protocol is
// immutable and safe for concurrent use.
type Protocol struct {
	frames []Keyframe
}

// NewProtocol validates and copies keyframes into a Protocol. It needs at
// least one keyframe, the first at T = 0, times non-decreasing and finite,
// and every energy vector of the same length N ≥ 2 and finite. Consecutive
// keyframes at the same time make a sudden jump; a run of several at one time
// is a sequence of jumps at unchanged occupation.
func NewProtocol(frames []Keyframe) (Protocol, error) {
	if len(frames) == 0 {
		return Protocol{}, errors.New("discrete: a protocol needs at least one keyframe")
	}
	n := len(frames[0].E)
	if n < 2 {
		return Protocol{}, fmt.Errorf("discrete: a protocol needs N ≥ 2 energies, got %d", n)
	}
	if frames[0].T != 0 {
		return Protocol{}, fmt.Errorf("discrete: the first keyframe must be at T = 0, got T = %g", frames[0].T)
	}
	out := make([]Keyframe, len(frames))
	for k, f := range frames {
		if math.IsNaN(f.T) || math.IsInf(f.T, 0) {
			return Protocol{}, fmt.Errorf("discrete: keyframe %d has time %g", k, f.T)
		}
		if k > 0 && f.T < frames[k-1].T {
			return Protocol{}, fmt.Errorf("discrete: keyframe times must not decrease (T_%d = %g < T_%d = %g)", k, f.T, k-1, frames[k-1].T)
		}
		if err := checkEnergies(f.E, n); err != nil {
			return Protocol{}, fmt.Errorf("keyframe %d: %w", k, err)
		}
		out[k] = Keyframe{T: f.T, E: append([]float64(nil), f.E...)}
	}
	return Protocol{frames: out}, nil
}

// TwoStateProtocol builds a two-state protocol from the gap E_1 − E_0 (kT)
// at the given times (E_0 = 0): gaps[k] at times[k], linear in between, a
// jump where two times coincide. The bit is erased to state 0 when the gap is
// raised.
func TwoStateProtocol(times, gaps []float64) (Protocol, error) {
	if len(times) != len(gaps) {
		return Protocol{}, fmt.Errorf("discrete: %d times for %d gaps", len(times), len(gaps))
	}
	fr := make([]Keyframe, len(times))
	for k := range times {
		fr[k] = Keyframe{T: times[k], E: []float64{0, gaps[k]}}
	}
	return NewProtocol(fr)
}

// SuddenRaiseProtocol is the two-state protocol of SuddenRaise: at t = 0 the
// gap jumps from 0 to dE, it is held for the time tau, and at τ it drops
// back to 0. With Γτ ≫ 1 it gives ε = 1/(1+e^{dE}) and W = (½ − ε) dE.
func SuddenRaiseProtocol(dE, tau float64) (Protocol, error) {
	if !(tau >= 0) {
		return Protocol{}, fmt.Errorf("discrete: duration must be non-negative, got τ = %g", tau)
	}
	return TwoStateProtocol([]float64{0, 0, tau, tau}, []float64{0, dE, dE, 0})
}

// SlowRaiseProtocol is the two-state protocol that raises the gap linearly
// from 0 to dE over the time tau and then drops it suddenly to 0. As Γτ → ∞
// it gives ε → 1/(1+e^{dE}) and W → ln 2 − H(ε) (Landauer's bound), with an
// excess dE(½ − ε)/(Γτ) + O(1/(Γτ)²) over the bound at the reached error.
func SlowRaiseProtocol(dE, tau float64) (Protocol, error) {
	if !(tau > 0) {
		return Protocol{}, fmt.Errorf("discrete: duration must be positive, got τ = %g", tau)
	}
	return TwoStateProtocol([]float64{0, tau, tau}, []float64{0, dE, 0})
}

// N returns the number of states (0 for the zero Protocol).
func (p Protocol) N() int {
	if len(p.frames) == 0 {
		return 0
	}
	return len(p.frames[0].E)
}

// Duration returns τ, the time of the last keyframe.
func (p Protocol) Duration() float64 {
	if len(p.frames) == 0 {
		return 0
	}
	return p.frames[len(p.frames)-1].T
}

// Keyframes returns a copy of the keyframes.
func (p Protocol) Keyframes() []Keyframe {
	out := make([]Keyframe, len(p.frames))
	for k, f := range p.frames {
		out[k] = Keyframe{T: f.T, E: append([]float64(nil), f.E...)}
	}
	return out
}

// Energies returns E(t), right-continuous: at a jump time it returns the
// energies after the jump. Before 0 it returns the first keyframe, at and
// after τ the last. Nil for the zero Protocol.
func (p Protocol) Energies(t float64) []float64 {
	if len(p.frames) == 0 {
		return nil
	}
	e := make([]float64, p.N())
	for i := range e {
		e[i] = p.energy(i, t)
	}
	return e
}

// energy returns E_i(t), right-continuous, with E_i(t<0) the first keyframe.
func (p Protocol) energy(i int, t float64) float64 {
	fr := p.frames
	if t < 0 {
		return fr[0].E[i]
	}
	// k = last index with T_k ≤ t.
	k := sort.Search(len(fr), func(j int) bool { return fr[j].T > t }) - 1
	if k >= len(fr)-1 {
		return fr[len(fr)-1].E[i]
	}
	a, b := fr[k], fr[k+1] // b.T > t ≥ a.T
	s := (t - a.T) / (b.T - a.T)
	return a.E[i] + s*(b.E[i]-a.E[i])
}

func (p Protocol) check(n int) error {
	if len(p.frames) == 0 {
		return errors.New("discrete: empty protocol (use NewProtocol)")
	}
	if p.N() != n {
		return fmt.Errorf("discrete: protocol has %d energies for a %d-state bit", p.N(), n)
	}
	return nil
}
