// Package wells holds the potentials U(x, λ) that represent a bit, and their
// forces F = −∂U/∂x.
//
// Units: energy in kT of the reference bath (kT = 1), length in the natural
// unit of the potential (the quartic double well has its minima at x = ±1).
//
// A Potential evaluates a whole block of particles in one call: the
// integrators in package langevin make one interface call per block per time
// step, never one per particle. The control vector λ is a small fixed-size
// array (Control) whose entries are named by Potential.Controls.
//
// The kinds (see Kinds for formulas, parameters and defaults, and New to
// build one by name): jun and asymmetric (barrier control g and tilt f, for
// the four-stage lower/tilt/raise/untilt protocol), quartic (static),
// lifted (raise the left well only), double-parabola and benchmark (the
// cusped wells of cantilever experiments and of NESTbench25), harmonic
// (a movable, stiffenable trap) and shaped (the jun bit plus a free spline
// correction: full control).
//
// Around them: Span finds the interval a density lives on (for
// Fokker–Planck domains), NewSampler draws exact Boltzmann samples (for
// initial states), and LogPartition gives ln Z = ln ∫ e^{−U/kT} dx (for
// free energies and equilibrium well populations).
package wells

// MaxControls is the largest number of control parameters a potential may
// have: 20 leaves room for the shaped potential's g, f and 18 shape nodes
// (the "full control" of optimal erasure protocols). A Control is copied by
// value once per time step, never per particle, so its size costs nothing
// in the hot loops.
const MaxControls = 20

// Control holds the values of a potential's control parameters λ, in the
// order given by Potential.Controls. Unused entries are zero.
type Control [MaxControls]float64

// Potential is a one-dimensional potential energy U(x, λ) in kT.
//
// Implementations must be safe for concurrent use by several goroutines
// (they hold only parameters, never scratch state) and must not allocate in
// Eval or Step.
type Potential interface {
	// Name is the kind name used in configuration files, e.g. "jun".
	Name() string
	// Controls names the control parameters λ in Control order, e.g. ["g", "f"].
	Controls() []string
	// Rest is the control vector at which the potential stores a bit
	// (e.g. g = 1, f = 0 for the jun well).
	Rest() Control
	// Eval sets u[i] = U(x[i], c) and, when f is not nil, f[i] = −∂U/∂x(x[i], c).
	// u and f (if not nil) have len(x) elements.
	Eval(c Control, x, u, f []float64)
	// Step is the control update of one time step at fixed positions: it adds
	// the Sekimoto work increment U(x[i], next) − U(x[i], prev) to w[i] and
	// sets f[i] = −∂U/∂x(x[i], next).
	Step(prev, next Control, x, w, f []float64)
}

// shown is the part of c that p uses, for messages.
func shown(p Potential, c Control) []float64 { return c[:min(len(p.Controls()), MaxControls)] }
