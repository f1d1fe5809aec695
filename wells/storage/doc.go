// Package storage computes how well a potential stores a bit: the wells and
// barriers of U(x, λ) at a fixed control λ, the exact mean first-passage
// time between the wells, the slowest relaxation rate, Kramers' asymptotic
// rate, and the retention error after a storage time; and, inverted, the
// barrier a retention target needs.
//
// # Units
//
// Energies in kT of the reference bath (the potential's unit), lengths in
// the potential's unit, times in γ_ref L²/kT_ref (the overdamped time unit
// t0 of the rest of the engine). The bath has temperature kT (Options.
// Temperature, in reference kT) and friction γ (Options.Friction), so the
// diffusion constant is D = kT/γ. All dynamics here are overdamped.
//
// # Equations
//
// Mean first-passage time (MFPT) from a to b > a, with a reflecting wall at
// the domain's left end lo (where U is 80 kT above its minimum, so the wall
// changes nothing measurable):
//
//	T(a→b) = (1/D) ∫_a^b dy e^{U(y)/kT} ∫_lo^y dz e^{−U(z)/kT},
//
// and from b back to a the mirror image, with the inner integral running
// from y to the right end hi. Both are computed in log space (the
// exponentials are shifted by the extreme values of U), so any barrier up to
// hundreds of kT is fine; MFPT reports ln T as well as T.
//
// Kramers' high-barrier rate from a minimum a over a smooth top b,
//
//	k = D √(U''(a) |U''(b)|) / (2π kT) · e^{−E_b/kT},   E_b = U(b) − U(a),
//
// is the leading term of 1/T(a→far minimum) in powers of kT/E_b; for the
// quartic well U = E_b(x² − 1)² the next term gives T·k = 1 + 3kT/(8E_b) + …
// (expanding both Laplace integrals to first order: each contributes
// 3kT/(16E_b)). Over a cusp (a kink with slopes s_L > 0 rising from the left
// and s_R falling to the right, as in the double-parabola and benchmark
// wells) the barrier integral is e^{U(b)/kT} kT (1/s_L + 1/s_R) instead, so
//
//	k = D √(U''(a)/(2π kT)) e^{−E_b/kT} / (kT/s_L + kT/s_R).
//
// The slowest relaxation rate λ₁ is the smallest nonzero eigenvalue of the
// Fokker–Planck generator −L, L p = ∂ₓ[D(∂ₓp + p ∂ₓU/kT)], computed on the
// Scharfetter–Gummel grid of package fokkerplanck by inverse iteration
// (fokkerplanck.SlowestRate) at two resolutions and Richardson-extrapolated
// (second order in the cell width). For two wells behind a high barrier the
// populations relax as e^{−λ₁t} with λ₁ = k₊ + k₋, k± = 1/T(min→other min),
// up to corrections O(e^{−E_b/kT}); for a symmetric bit λ₁ = 2/T.
//
// Retention. A bit stored in the left well (started in the left well's
// local equilibrium, the Boltzmann density cut at the divide) is read
// wrongly after a storage time t with probability ε(t). The two-state
// reduction gives
//
//	ε(t) = k₊/(k₊ + k₋) · (1 − e^{−(k₊+k₋)t}),   k₊ = 1/T(left→right), k₋ = 1/T(right→left),
//
// which is ½(1 − e^{−2kt}) for symmetric wells. The exact ε(t) of the
// overdamped dynamics comes from a Fokker–Planck hold run (package
// fokkerplanck) with its discretisation error; it exceeds the two-state
// value at short times, where the density cut at the divide first spreads
// across it.
package storage
