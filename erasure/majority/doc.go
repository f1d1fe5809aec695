// Package majority models a majority-logic bit: N identical units (N odd),
// each an independent one-dimensional double well driven by the same
// erasure protocol, whose logical value is the majority of the units
// (Sheng, Herpich, Diana & Esposito, Entropy 21, 284 (2019); Proesmans &
// Bechhoefer, "Erasing a majority-logic bit", EPL (2021),
// arXiv:2010.15885).
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
// UnitErrorFor inverts this.
//
// # Cost
//
// Energies in kT, entropies in nats. The units do not interact, so the
// work on a bit is the sum of the works on its units, ⟨W_bit⟩ = N ⟨W_unit⟩.
// Each unit starts as an equilibrium 50/50 bit, so Landauer's bound with
// error applies to each one: ⟨W_bit⟩ ≥ N [ln 2 − H(ε_u)] (QuasiStaticCost),
// reached by quasi-static protocols. A single unit erased to the same
// logical error needs only ln 2 − H(ε_L). For small ε_L the ratio is about
// N: in the slow limit redundancy costs N times the work.
//
// Far from the quasi-static limit the comparison can turn. When the
// protocol is short and the required error is close to the smallest error
// the protocol family can reach in that time, the single unit pays for each
// further decade of reliability with more and more work, while each of the
// N units of a majority bit only needs about 2/(N+1) as many decades. Compare
// measures both regimes for a jun unit under the four-stage protocol whose
// tilt amplitude A is the knob (Fokker–Planck, exact for independent units):
// see the README for the numbers.
//
// # Monte Carlo
//
// Run samples M bits as N·M trajectories of one langevin.Ensemble,
// grouping consecutive trajectories into bits (the block size is a multiple
// of N, so no bit straddles two random streams), and reports the per-unit
// and the logical error with 95 % Wilson intervals, the histogram of the
// number of wrong units per bit (binomial for independent units) and the
// work per bit and per unit. Exact does the same by Fokker–Planck for one
// unit and LogicalError.
//
// Coupling between units is not implemented: package langevin integrates
// independent particles, and a mean-field coupled integrator would have to
// live outside it. Every statement here is for uncoupled units.
package majority
