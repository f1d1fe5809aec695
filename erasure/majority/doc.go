// Package majority models a majority-logic bit: N identical units (N odd),
// each a one-dimensional double well driven by the same erasure protocol,
// independent or coupled, whose logical value is the majority of the units
// (Sheng, Herpich, Diana & Esposito, Entropy 21, 284 (2019); Proesmans &
// Bechhoefer, "Erasing a majority-logic bit", EPL (2021),
// arXiv:2010.15885).
//
// Units: kT = γ = 1 (the bath temperature and the friction may be set in
// langevin.Dynamics), lengths in the well position x_m, time in
// t0 = γx_m²/kT; energies in kT, entropies in nats.
//
// # Errors
//
// A unit is in error when it ends on the wrong side of the divide (its
// error probability is ε_u); the bit is in error when the majority of its
// units are (the logical error ε_L). For independent units,
//
//	ε_L = Σ_{k=(N+1)/2}^{N} C(N,k) ε_u^k (1 − ε_u)^{N−k}      (LogicalError)
//
// (3ε_u² − 2ε_u³ for N = 3), so ε_L ≈ C(N,(N+1)/2) ε_u^{(N+1)/2} for small
// ε_u: a unit needs only about the ((N+1)/2)-th root of the logical error.
// UnitErrorFor inverts this. Coupled units make errors correlated, and ε_L
// then exceeds LogicalError(N, ε_u).
//
// # Cost of independent units
//
// The units do not interact, so the work on a bit is the sum of the works
// on its units, ⟨W_bit⟩ = N ⟨W_unit⟩. Each unit starts as an equilibrium
// 50/50 bit, so Landauer's bound with error applies to each one:
// ⟨W_bit⟩ ≥ N [ln 2 − H(ε_u)] (QuasiStaticCost), reached by quasi-static
// protocols. A single unit erased to the same logical error needs only
// ln 2 − H(ε_L). For small ε_L the ratio is about N: in the slow limit
// redundancy costs N times the work.
//
// Far from the quasi-static limit the comparison can turn. Compare measures
// both at one duration τ and Crossover sweeps τ, for a jun unit under the
// four-stage protocol whose tilt amplitude A is the knob (Fokker–Planck,
// exact for independent units). Within that family the majority bit wins
// (ratio < 1) where the single unit's error is limited by thermal hops
// back over the barrier while the tilt is removed, a floor that rises with
// τ: at E_b = 12 kT and ε_L = 1e-12 the ratio is 2.45 at τ = 0.1 t0 but
// 0.69 at τ = 1 and 0.38 at τ = 3. With a barrier too high for such hops
// (E_b = 40) it stays between N − 1 and N at every τ, approaching N in the
// slow limit. See the README for the numbers.
//
// # Coupled units
//
// Coupled adds the mean-field harmonic coupling
//
//	U_c = (κ/2N) Σ_{i<j} (x_i − x_j)² = (κ/2) Σ_i (x_i − x̄)²,   κ ≥ 0 (kT/x_m²),
//
// force −κ(x_i − x̄) on unit i, on top of each unit's U(x_i; λ(t)). κ does
// not depend on time, so the Sekimoto work is still Σ_i [U(x_i; λ_{n+1}) −
// U(x_i; λ_n)]. RunCoupled integrates the N-dimensional overdamped
// Langevin equation by Euler–Maruyama; each bit starts either as a stored
// bit (StartLogical: all units in one well chosen with probability ½, the
// memory's metastable equilibrium within its logical state) or in the full
// thermal equilibrium of the coupled units (StartEquilibrium), and relaxes
// for a burn-in (default DefaultBurnIn intra-well relaxation times) at
// λ(0) before the protocol.
//
// CoupledEquilibrium computes the Boltzmann distribution of the coupled
// units exactly (a Gaussian integral over an auxiliary mean field m turns
// the N-dimensional integral into products of one-dimensional ones), and
// from it the least work to erase the coupled 50/50 equilibrium to "every
// unit right", W_qs = −kT ln P_eq(all right): N ln 2 at κ = 0, falling
// toward ln 2 as κ grows and the units move as one (Equilibrium.
// QuasiStaticWork). RunCoupled reports it, the second-law bound at the
// measured final distribution of wrong units (CoupledResult.Bound), and how
// strongly the units end up tied together (the fraction of bits whose
// units all agree, the pair correlation of unit errors).
//
// # Monte Carlo of independent units
//
// Run samples M bits as N·M trajectories of one langevin.Ensemble,
// grouping consecutive trajectories into bits (the block size is a multiple
// of N, so no bit straddles two random streams), and reports the per-unit
// and the logical error with 95 % Wilson intervals, the histogram of the
// number of wrong units per bit (binomial for independent units) and the
// work per bit and per unit. Exact does the same by Fokker–Planck for one
// unit and LogicalError. RunCoupled with κ = 0 and StartEquilibrium samples
// the same ensemble with its own integrator (the tests check that the two
// agree).
package majority
