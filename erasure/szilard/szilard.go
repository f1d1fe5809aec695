// Package szilard models a Szilard-style bit: one overdamped particle in a
// box [−L, L] split by a movable partition, the bit being the half the
// particle is in. Erasing it by compression (remove the partition, bring a
// piston in from the right wall, push it to the middle) is the isothermal
// compression of a one-particle ideal gas from 2L to L, which costs
// kT ln 2 when done quasi-statically (Szilard, Z. Phys. 53, 840 (1929);
// Landauer, IBM J. Res. Dev. 5, 183 (1961); Bennett, Int. J. Theor. Phys.
// 21, 905 (1982)).
//
// # Potential
//
// Energies in kT, lengths in units of the half-width L's unit (L = 1 by
// default), time in γ·(length)²/kT, D = kT/γ = 1:
//
//	U(x; s, h) = ½ K (|x| − L)² θ(|x| − L) + h exp(−(x − s)²/(2w²))
//
// with controls s (the partition's position) and h (its height). The walls
// are steep harmonic walls of stiffness K (a confining potential rather
// than reflecting boundaries, so that the same potential serves the
// Fokker–Planck solver, whose domain is chosen where U is 80 kT up, and the
// Monte Carlo integrators); the partition is a Gaussian bump of width w.
// With the defaults (L = 1, K = 2000, h = 30 kT, w = 0.03) the particle
// penetrates the walls by ≈ 0.02 and the partition leaks at a Kramers rate
// ~e^{−30}: never within the protocols used here.
//
// # Protocol
//
// Compression(τ), piecewise linear in the controls (fractions of τ):
//
//	[0, 0.05]     h: H → 0 at s = 0        remove the partition (the gas expands freely)
//	[0.05, 0.10]  s: 0 → L + 5w at h = 0    park it outside the right wall (no work: h = 0)
//	[0.10, 0.15]  h: 0 → H at s = L + 5w    insert it there (≈ no work: no particle there)
//	[0.15, 1]     s: L + 5w → 0 at h = H    compress: the piston pushes the gas into [−L, 0)
//
// The potential at the end equals the one at the start, so the equilibrium
// free-energy change is zero, and the final density is the initial one
// restricted to the left half: the nonequilibrium free energy rises by
// ln 2 − H(ε) (ε the mass left right of the middle), which is the
// quasi-static work. At finite τ the compression (lasting T_c = 0.85τ at
// constant speed) dissipates, in the hard-wall limit, γ v² ⟨((x+L)/ℓ)²⟩ =
// γ v²/3 per unit time (the density stays uniform and is stretched
// linearly): ⟨W⟩ ≈ ln 2 + L²/(3 D T_c). That is also the optimal-transport
// minimum for this compression (W₂² between the uniform densities on 2L and
// on L is L²/3): a constant-speed piston is the optimal protocol.
package szilard

import (
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/wells"
)

// Box is the potential of a particle in a box with a movable partition; it
// satisfies wells.Potential with controls "s" and "h".
type Box struct {
	HalfWidth float64 // L: the box is [−L, L] (length unit)
	Wall      float64 // K: stiffness of the walls beyond ±L (kT per length²)
	Height    float64 // H: the partition's height at rest (kT)
	Width     float64 // w: the partition's Gaussian width (length unit)
}

// DefaultBox is the box used by the tests and the README: L = 1, K = 2000,
// H = 30 kT, w = 0.03.
func DefaultBox() Box { return Box{HalfWidth: 1, Wall: 2000, Height: 30, Width: 0.03} }

// Validate reports the first bad parameter.
func (b Box) Validate() error {
	pos := func(v float64) bool { return v > 0 && !math.IsInf(v, 1) }
	switch {
	case !pos(b.HalfWidth):
		return fmt.Errorf("szilard: half-width L must be finite and > 0, got %v", b.HalfWidth)
	case !pos(b.Wall):
		return fmt.Errorf("szilard: wall stiffness K must be finite and > 0, got %v", b.Wall)
	case !pos(b.Height):
		return fmt.Errorf("szilard: partition height H must be finite and > 0, got %v", b.Height)
	case !pos(b.Width) || b.Width > b.HalfWidth/4:
		return fmt.Errorf("szilard: partition width w must be in (0, L/4], got %v", b.Width)
	}
	return nil
}

func (Box) Name() string          { return "szilard-box" }
func (Box) Controls() []string    { return []string{"s", "h"} }
func (b Box) Rest() wells.Control { return wells.Control{0, b.Height} }
func (b Box) parking() float64    { return b.HalfWidth + 5*b.Width }
func (b Box) invTwoW2() float64   { return 1 / (2 * b.Width * b.Width) }
func (b Box) wall(x float64) (u, f float64) {
	d := math.Abs(x) - b.HalfWidth
	if d <= 0 {
		return 0, 0
	}
	if x > 0 {
		return 0.5 * b.Wall * d * d, -b.Wall * d
	}
	return 0.5 * b.Wall * d * d, b.Wall * d
}

// partition returns h e^{−(x−s)²/2w²} and its force (x − s)/w² times it.
func partition(x, s, h, inv2w2 float64) (u, f float64) {
	d := x - s
	u = h * math.Exp(-d*d*inv2w2)
	return u, 2 * inv2w2 * d * u
}

// Eval sets u = U(x; s, h) and f = −∂U/∂x.
func (b Box) Eval(c wells.Control, x, u, f []float64) {
	s, h, k := c[0], c[1], b.invTwoW2()
	u = u[:len(x)]
	for i, xi := range x {
		uw, fw := b.wall(xi)
		up, fp := partition(xi, s, h, k)
		u[i] = uw + up
		if f != nil {
			f[i] = fw + fp
		}
	}
}

// Step adds U(x; next) − U(x; prev) (the partition term only; the walls do
// not move) to w and sets f = −∂U/∂x at next.
func (b Box) Step(prev, next wells.Control, x, w, f []float64) {
	k := b.invTwoW2()
	w, f = w[:len(x)], f[:len(x)]
	for i, xi := range x {
		_, fw := b.wall(xi)
		u0, _ := partition(xi, prev[0], prev[1], k)
		u1, fp := partition(xi, next[0], next[1], k)
		w[i] += u1 - u0
		f[i] = fw + fp
	}
}

// Compression returns the erasure-by-compression protocol of duration τ
// (see the package documentation): the particle ends in the left half.
func (b Box) Compression(duration float64) (erasure.Protocol, error) {
	if err := b.Validate(); err != nil {
		return nil, err
	}
	if !(duration > 0) || math.IsInf(duration, 1) {
		return nil, errors.New("szilard: duration must be finite and > 0")
	}
	T, H, p := duration, b.Height, b.parking()
	return erasure.NewProtocol(erasure.KindKeyframes, b, T, nil, map[string][][2]float64{
		"s": {{0, 0}, {0.05 * T, 0}, {0.10 * T, p}, {0.15 * T, p}, {T, 0}},
		"h": {{0, H}, {0.05 * T, 0}, {0.10 * T, 0}, {0.15 * T, H}, {T, H}},
	})
}

// CompressionTime is the duration of the compression stage of
// Compression(τ), T_c = 0.85 τ.
func CompressionTime(duration float64) float64 { return 0.85 * duration }

// HardWallExcess is the excess work ⟨W⟩ − kT ln 2 of a constant-speed
// compression from 2L to L lasting T_c in the limit of hard walls and a
// sharp partition: L²/(3 D T_c) (kT; D = 1). It is also the least excess of
// any compression of that duration (W₂²/(D T_c) with W₂² = L²/3).
func HardWallExcess(halfWidth, compressionTime float64) float64 {
	return halfWidth * halfWidth / (3 * compressionTime)
}
