// Package erasure holds the physics of an erasure study: a bit stored in a
// potential (package wells), driven by a protocol λ(t), under overdamped or
// underdamped Langevin dynamics, measured by its work, heat and error, by
// Monte Carlo (package langevin) or by the Fokker–Planck twin (package
// langevin/fokkerplanck). Other bit models live below it (erasure/discrete,
// erasure/majority, erasure/szilard), and least-work protocols in
// erasure/optimal.
//
// # Units
//
// Energies in kT of the reference bath (Result also converts to eV and J at
// dynamics.kelvin, default 300 K, where kT = 25.85 meV = 4.142e-21 J);
// entropies in nats; lengths in the potential's natural unit (the jun and
// quartic wells have their minima at x = ±1); time in the overdamped unit
// t0 = γL²/kT (friction γ = 1 unless set). Underdamped dynamics keep the
// same unit with mass m; the quality factor of a well of curvature k is
// Q = √(mk)/γ.
//
// # The problem
//
// A Study is a potential U(x, λ), a Protocol (λ(t) for t ∈ [0, τ]; named
// kinds four-stage, symmetric-tilt, lift-one-well, hold and keyframes, see
// NewProtocol), dynamics (langevin.Dynamics), an initial state (equilibrium
// e^{−U(x, λ(0))/kT}/Z, or restricted to one side) and a measure: the bit
// must end on Target's side of Divide; the error rate ε is the probability of
// ending on the other side.
//
// # What is measured
//
// Work is the Sekimoto work, accumulated at fixed position whenever the
// control changes,
//
//	W = Σₙ [U(xₙ, λₙ₊₁) − U(xₙ, λₙ)],
//
// heat is what the first law leaves, Q = W − ΔU (− ΔK − W_shadow when
// underdamped), so ΔU = W + Q_in holds per trajectory to rounding. The
// reference results every estimator is tested against (bounds.go and the
// tests):
//
//	Landauer with error:  ⟨W⟩ ≥ kT [ln 2 − H(ε)],  H(ε) = −ε ln ε − (1−ε) ln(1−ε)
//	time-symmetric:       ⟨W⟩ ≥ kT ½(1 − 2ε) ln((1 − ε)/ε)
//	detailed Jarzynski:   ⟨e^{−W/kT} 1[x_τ ∈ target]⟩ = Z_target(λ_τ)/Z(λ_0)
//	Kramers:              k = √(U''(a)|U''(b)|)/(2πγ) e^{−E_b/kT}
//
// # Monte Carlo and Fokker–Planck
//
// Method "monte-carlo" samples trajectories in blocks with streams keyed by
// (seed, block), merged in block order: the same seed gives the same numbers
// on any number of cores or shards. Every mean carries its standard error;
// the error rate a 95 % Wilson interval (Clopper–Pearson and an upper bound
// when no error is seen); and, from the same Brownian paths integrated at
// 2dt, an estimate of its time-step bias (X_dt − X_2dt)/(2^p − 1) for an
// integrator of weak order p (Heun, the overdamped default: p = 2;
// Euler–Maruyama: p = 1; BAOAB: p = 2). A time step beyond the scheme's
// linear stability limit at the largest curvature the protocol reaches is
// refused; a trajectory that becomes non-finite fails the run.
//
// Method "fokker-planck" (overdamped only) solves for the density on a grid
// (Scharfetter–Gummel, backward Euler with Richardson extrapolation) and
// reports the same quantities without sampling error, with a
// discretisation error from a coarser solve; error masses far below 1e-15
// are meaningful. The two methods must agree within their combined errors;
// the tests check that they do.
//
// # Results
//
// A Result holds the estimates of one study; a quantity that does not apply
// to its method or dynamics is absent from JSON and empty in CSV, never 0,
// NaN or ±Inf. Sweeps (package sweep) expand a TOML spec into points with
// seeds derived from the sweep seed (PointSeed), run them resumably with
// checkpoints (Study.RunResumable, MCState) and merge them into one table
// (Merge).
package erasure
