// Package discrete models a bit stored in a discrete-state system: N ≥ 2
// states with energies E_i(t) under external control, coupled to a heat bath
// by a continuous-time Markov jump process (the master equation). The main
// case is the two-state bit of the post "Time and Energy Costs to Erase a
// Bit" (DaemonicSigil, LessWrong, 2023; PHYSICS.md §1).
//
// # Units
//
// Energies are in kT, entropies in nats, work and heat in kT. Time is in the
// unit of the caller's rate cap Γ: a Bit with Gamma = 1 measures time in 1/Γ,
// and every duration τ enters the physics only through Γτ.
//
// # Dynamics
//
// Transitions between connected states i → j have Glauber (Fermi) rates
//
//	k_{i→j}(t) = Γ / (1 + e^{E_j(t) − E_i(t)}),
//
// which obey detailed balance, k_{i→j}/k_{j→i} = e^{−(E_j − E_i)}, and are
// capped by Γ: every rate lies in [0, Γ] and k_{i→j} + k_{j→i} = Γ. For two
// states with gap E = E_1 − E_0 the occupation p of state 1 (the state being
// emptied by an erasure to 0) obeys
//
//	dp/dt = Γ (1/(1 + e^{E}) − p).
//
// The cap is what limits speed: whatever the energies, state 1 empties at
// most at rate Γ, so p(t) ≥ p(0) e^{−Γt} and no erasure of a 50/50 bit
// reaches error ε before Γτ = ln(1/(2ε)) (MinDuration).
//
// N-state bits connect states on a Line (i ↔ i+1 only, a discretised
// landscape) or a Complete graph (every pair). The cap applies per pair, so
// the total escape rate from state i is at most deg(i)·Γ.
//
// # Energetics
//
// Work and heat follow Sekimoto's bookkeeping, as in the continuous engine
// (PHYSICS.md §2): work is the change of energy at fixed occupation, heat the
// energy carried by jumps. On average
//
//	W = Σ_i ∫ p_i(t) dE_i(t),   ΔE = Σ_i p_i(τ)E_i(τ) − Σ_i p_i(0)E_i(0),
//	Q = W − ΔE,
//
// with Q the heat dissipated into the bath; on a single trajectory W is the
// sum of the energy changes of the occupied state and Q = −Σ (E_to − E_from)
// over its jumps. A sudden jump of the energies at time t costs Σ p_i ΔE_i.
//
// # Solvers
//
// Solve integrates the master equation: exactly for constant energies (closed
// form for two states, uniformization otherwise, both free of cancellation so
// that error probabilities far below 1e-15 keep their relative accuracy), and
// by an adaptive Dormand–Prince 5(4) integrator with per-component relative
// error control on linear ramps. Sample draws trajectories with the exact
// time-inhomogeneous Gillespie method (thinning against the rate cap).
// Optimize searches piecewise-linear protocols (Nelder–Mead) for the
// least work at given (ε, Γτ), and Optimal gives the exact variational
// optimum of the two-state bit for comparison.
//
// The package holds no mutable package-level state; all functions are safe
// for concurrent use on distinct arguments.
package discrete
