// Package fokkerplanck solves the overdamped Fokker–Planck equation of a bit
// driven by a protocol: the deterministic twin of the Monte Carlo
// integrators, for mean work and heat without sampling error and for error
// masses far below what sampling can reach (1e-22 and smaller).
//
// # Equation and units
//
// The density p(x, t) of an overdamped particle in U(x, λ(t)) obeys
//
//	∂p/∂t = ∂/∂x [ D (∂p/∂x + p ∂U/∂x / kT) ],   D = kT/γ,
//
// with zero flux at the domain ends. Energies are in kT of the reference
// bath (the potential's unit; Problem.Temperature is the bath's kT in that
// unit, default 1), lengths in the potential's unit, time in γL²/kT, as in
// PHYSICS.md. The mean Sekimoto work is ⟨W⟩ = ∫dt ∫dx p ∂U/∂t, the mean heat
// taken from the bath ⟨Q⟩ = Δ⟨U⟩ − ⟨W⟩.
//
// # Discretisation
//
// Space: finite volumes on a uniform grid of cells of width h, with U taken
// at the cell centres and Scharfetter–Gummel (exponentially fitted) fluxes
// across the faces,
//
//	J_{i+½} = (D/h²) [B(Δᵢ) pᵢ − B(−Δᵢ) pᵢ₊₁],   Δᵢ = (Uᵢ₊₁ − Uᵢ)/kT,
//	B(z) = z/(eᶻ − 1),
//
// pᵢ the mass of cell i. This is a jump process between neighbouring cells
// whose rates obey detailed balance with respect to e^{−Uᵢ/kT}: the discrete
// equilibrium is exactly the discrete Boltzmann distribution (to rounding),
// for any cell width and any barrier height, and the scheme is second order
// in h. The weights B are computed to a few ulp without overflow for any Δ.
//
// Time: each step of length dt first moves the control λₙ → λₙ₊₁ at fixed
// density, adding Σᵢ pᵢ [U(xᵢ, λₙ₊₁) − U(xᵢ, λₙ)] to the work (the bookkeeping
// of the Monte Carlo integrators), then relaxes the density at fixed λₙ₊₁ by
// one backward-Euler step, (I − dt L) pₙ₊₁ = pₙ. The matrix I − dt L is an
// M-matrix with column sums 1, so every step maps positive densities to
// positive densities, conserves mass, keeps the Boltzmann distribution fixed
// and lowers the nonequilibrium free energy: W ≥ ΔF holds exactly for the
// discrete dynamics. The tridiagonal solve is a subtraction-free Gaussian
// elimination (see sweepUp), so each mass, however small, is computed to a
// relative accuracy of a few ulp per step: a mass of 1e-30 is as meaningful
// as one of 0.5. No density is ever clipped.
//
// Backward Euler is first order in dt; no linear scheme of higher order
// preserves positivity for all dt. Solve therefore runs a second backward
// Euler march at 2dt alongside (sharing the potential evaluations) and
// reports Richardson-extrapolated scalars, second order in dt (the masses
// extrapolated in ln, which keeps them positive). Problem.FirstOrder turns
// this off. A protocol with jumps in λ converges at first order unless its
// jumps fall on even time steps. SolveWithError also solves on half the
// cells with twice the step and returns the difference as an error
// estimate.
//
// Observed convergence (four-stage erasure of a jun bit, see the tests):
// order 1.00 in dt for backward Euler, 2.00 with extrapolation, 2.00 in h.
// With the defaults (2000 cells, 10⁴ steps) the relative error of the error
// mass ε of a τ = 100 erasure is 1.2e-4, 3.3e-4 and 6.5e-4 for 20, 35 and
// 50 kT walls (ε ≈ 1e-8, 3e-15, 1e-21).
//
// # Domain
//
// Unless given, the domain is chosen from the potential over the whole
// protocol so that U lies at least EdgeHeight = 80 kT above its minimum at
// and beyond both ends, for every sampled control (see Problem.Lo).
//
// # Relaxation spectrum
//
// Spectrum returns the smallest decay rates of the same discrete generator
// (dense tridiagonal eigenvalues, accurate to rounding of the largest), and
// SlowestRate its slowest nonzero rate λ₁ by inverse iteration, accurate
// relative to λ₁ itself at any barrier (λ₁ ≈ 3e-16 behind 40 kT). Package
// wells/storage extrapolates λ₁ to the continuum and sets it beside the
// exact mean first-passage times and Kramers' rate.
//
// # Cost
//
// One step costs about 6 ns per cell on a current x86 core (the potential
// evaluation, the weights, and one fused back substitution and elimination);
// the extrapolation partner adds about a fifth. Unless Problem.Serial is
// set, the potential and its weights for the coming steps are computed on a
// second goroutine while the masses are being solved (same results, bit for
// bit).
//
// # Exact gradients: the discrete adjoint
//
// Gradient (and ControlGradient, for potentials that implement
// wells.ControlGradient) differentiates the discrete solve itself. With
// Uₖ the potential on the grid at step k (Uₖ[i] = U(xᵢ, λ(kτ/N)), N steps),
// the march is
//
//	p₀ ∝ e^{−βU₀} (on the cells of Initial),  wₖ = Σᵢ pₖ₋₁,ᵢ (Uₖ[i] − Uₖ₋₁[i]),  Aₖ pₖ = pₖ₋₁,
//
// W = Σₖ wₖ, Aₖ = I − dt L(Uₖ), β = 1/kT. For an objective J(W, p_N) the
// adjoint runs backward from ψ_N = ∂J/∂p_N:
//
//	yₖ = Aₖ⁻ᵀ ψₖ,   ψₖ₋₁ = yₖ + (∂J/∂W)(Uₖ − Uₖ₋₁),
//	∂J/∂Uₖ[j] = G_j − G_{j−1} + (∂J/∂W)(pₖ₋₁,ⱼ − pₖ,ⱼ)   (the last term without pₖ,ⱼ at k = N),
//	G_f = (D dt/h²) β (y_{f+1} − y_f)(m_f pₖ,f + M_f pₖ,f₊₁),   m = −B'(Δ_f), M = −B'(−Δ_f),
//	∂J/∂U₀[j] = −β p₀,ⱼ (ψ₀,ⱼ − Σᵢ ψ₀,ᵢ p₀,ᵢ) − (∂J/∂W) p₀,ⱼ.
//
// Aᵀ = I − dt Lᵀ is the backward (Kolmogorov) matrix, an M-matrix with unit
// row sums. For ln ε the seed is one-signed: ψ_N is the indicator of the
// wrong side (over ε), so yₖ[i] is the probability that mass in cell i at
// step k ends on the wrong side, and the transposed solves use the same
// subtraction-free elimination as the forward ones (same pivots): every
// component is accurate relative to itself, and ∂ln ε/∂U is as accurate at
// ε = 1e-22 as at 1e-2. The slopes m, M of the weights are computed without
// cancellation for any Δ (bernoulliSlope). With extrapolation (the default)
// the seeds carry the Richardson weights: W = 2W(dt) − W(2dt), and
// ln ε = ln l_w − ln(l_w + l_o) with ln l = 2 ln X(dt) − ln X(2dt) for the
// wrong (w) and other (o) side masses X. Since Σᵢ p_N,ᵢ = 1 for every U, a
// constant added to ψ_N changes nothing; it turns the seed
// 2ρ_o (1_w/w_dt − 1_o/o_dt) into the one-signed 2ρ_o (w_dt + o_dt)/(w_dt o_dt)·1_w.
//
// What it is exact for: the derivative of the Solution that Solve returns
// for the same Problem (same grid, steps and domain), to rounding, with
// respect to every Uₖ[i] treated as independent. It is checked against
// central differences of Solve to ≤ 1e-6 (observed ≤ 2e-7) and obeys the
// exact sum rules Σᵢ ∂W/∂Uₖ[i] = −1, 0, +1 (k = 0, inside, N) and
// Σᵢ ∂ln ε/∂Uₖ[i] = 0. It is not the derivative of the continuum problem:
// its discretisation error is that of the solution. Two consequences for a
// parametrised protocol: (1) with the automatic domain the grid moves with
// the protocol; the gradient holds it fixed, so an optimiser should fix Lo
// and Hi; (2) with extrapolation the partner at 2dt sees only even steps, so
// the derivative with respect to the control at a single step alternates
// (about 0 at even steps, twice the mean at odd ones); sums over steps, as
// any piecewise-linear or smooth parametrisation makes, are smooth.
//
// Memory: the masses before every step, (N+1)·Cells floats, plus half as
// many for the partner (MaxTape = 2^28 at most; Tape keeps them between
// calls). Cost: the forward march, then one backward sweep per step of each
// march, fused as in the forward march (the back substitution of one step
// with the transposed elimination of the next); about 2.4 forward solves of
// CPU time on 800 cells × 4000 steps.
package fokkerplanck
