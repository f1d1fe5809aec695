// Package optimal finds least-work erasure protocols: it minimises the mean
// work ⟨W⟩ (kT) of the overdamped Fokker–Planck twin over a family of
// protocols of fixed duration τ, subject to an error ε ≤ ε_max, with exact
// gradients from the discrete adjoint of the solver
// (fokkerplanck.ControlGradient), by BFGS or L-BFGS (gonum/optimize) inside an
// augmented Lagrangian for the error constraint, from several deterministic
// initial protocols. The optimum is re-solved on a finer grid with its
// discretisation error and comes back as erasure keyframes, so it runs as
// an ordinary study under Monte Carlo and Fokker–Planck alike.
//
// The problem, in formulas (kT = 1, times in the study's unit):
//
//	minimise   ⟨W⟩[λ] = Σ_k Σ_i p_k[i] (U(x_i, λ(t_{k+1})) − U(x_i, λ(t_k)))
//	subject to c[λ] = ln ε[λ] − ln ε_max ≤ 0,  λ(0) = start,  λ(τ) = end,
//
// with ε the final mass on the wrong side of the divide and λ piecewise
// linear on K + 2 evenly spaced nodes, the first and the last of which are
// free (jumps at 0⁺ and τ⁻, as in the optimum of Schmiedl & Seifert,
// PRL 98, 108301 (2007)). The augmented Lagrangian (Powell–Hestenes–
// Rockafellar) minimises ⟨W⟩ + ψ(c) with
//
//	ψ(c) = μ c + ρ c²/2  (μ + ρ c > 0),   −μ²/(2ρ)  otherwise,
//
// updates μ ← max(0, μ + ρ c) after each minimisation and raises ρ tenfold
// while the violation does not fall by a factor of 4. ln ε rather than ε is
// constrained so that ε_max = 1e-15 is as well scaled as 1e-2.
package optimal

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

// Protocol classes.
const (
	// Asymmetric: every optimised control free at every node.
	Asymmetric = "asymmetric"
	// Symmetric: λ(t) = λ(τ − t) (the nodes' values are tied in pairs);
	// start and end must be equal.
	Symmetric = "symmetric"
	// Full: every control of the potential free at every node; with the
	// potential kind "shaped" that is the storage bit plus a free spline
	// correction in x (full control).
	Full = "full"
)

// Classes lists the classes Optimize accepts.
func Classes() []string { return []string{Asymmetric, Symmetric, Full} }

// The initial protocols (restarts), evaluated at the node times; controls a
// start does not describe go linearly from start to end.
const (
	StartFourStage     = "four-stage"     // g 1→0, f 0→1, g 0→1, f 1→0 in four equal stages
	StartPalindrome    = "palindrome"     // f 0→½, g 1→0, hold, g 0→1, f ½→0 in five equal stages
	StartSymmetricTilt = "symmetric-tilt" // g = 1; f 0→1→0
	StartLinear        = "linear"         // every control linear from start to end
)

// DefaultNodes is the default number K of interior nodes per control.
const DefaultNodes = 12

// Problem is an optimisation problem.
type Problem struct {
	// Study supplies the potential, the dynamics (overdamped; temperature
	// and friction), the initial state (Side), the Target side and the
	// Divide, and the grid of the final re-solve (Cells, FPDt; zero for
	// the Fokker–Planck solver's defaults). Its Protocol and Method are
	// ignored.
	Study *erasure.Study
	// Duration τ of the protocol (> 0).
	Duration float64
	// Class is Asymmetric, Symmetric or Full.
	Class string
	// Controls names the optimised controls; the others stay at the
	// potential's rest values. Full: all of the potential's (may be left
	// empty).
	Controls []string
	// Bounds per control name, [low, high] (optional).
	Bounds map[string][2]float64
	// Start and End give λ(0) and λ(τ) per control name (default: the
	// potential's rest controls, the stored bit).
	Start, End map[string]float64
	// Nodes is K, the interior nodes per control (default DefaultNodes).
	Nodes int
	// MaxError is ε_max in (0, ½); 0 means no error constraint.
	MaxError float64
	// Settle (≥ 0, default 0) holds the end controls for this long after
	// τ before ε (and ⟨W⟩, which the hold does not change) is measured:
	// the protocol written is then τ + Settle long. ε at τ itself counts
	// the mass just right of the divide as correct even while it is still
	// on its way into one of the wells; an optimiser can exploit that
	// (leave mass near the barrier top at τ), and a settling time of a few
	// well relaxation times (γ/U″ at the minima) measures the error the
	// stored bit will actually have.
	Settle float64
}

// Settings tune the optimiser; the zero value gives the defaults.
type Settings struct {
	// Cells and Steps are the Fokker–Planck grid of the optimisation
	// (defaults 600 cells and τ/2.5e-3 steps, at least 1000 and at most
	// 20000; second order in dt by Richardson extrapolation): moderate, for
	// speed; the optimum is then re-solved on Problem.Study's grid. The
	// restarts run on a coarser time grid, Steps/4 steps (at least 250)
	// when Steps > 1000, and only their winner is polished on the
	// Cells × Steps grid. A time step of 2.5e-3 resolves the relaxation
	// within a 40 kT well (time 1/U'' = 1/320 ≈ 3e-3); at 1e-2 the error
	// of such a bit came out 13 times too small. With 400 cells over the
	// 40 kT bit's domain (about 5 cells per well width 1/√320) the error
	// of its symmetric optimum came out 1.4 times too small.
	Cells, Steps int
	// Starts names the initial protocols (default: four-stage,
	// palindrome, symmetric-tilt for Asymmetric and Full; palindrome,
	// symmetric-tilt for Symmetric; linear when g and f are not both
	// optimised).
	Starts []string
	// Iterations caps the quasi-Newton iterations of each inner minimisation
	// (default 300); Rounds caps the augmented-Lagrangian rounds (default 12).
	Iterations, Rounds int
	// Progress, when not nil, is called after every round.
	Progress func(Progress)
	// Observe, when not nil, is told the work done and the estimated
	// total, in forward Fokker–Planck cell-steps, after every gradient
	// evaluation (milliseconds to seconds apart), with a note ("start
	// four-stage, 40 solves"); the total is a cost model that learns the
	// evaluations per start as the starts finish (progress.go). It is a
	// progress.Func; the numbers optimised never depend on it.
	Observe func(done, total float64, note string)
}

// Progress reports one augmented-Lagrangian round.
type Progress struct {
	Start       string  // the initial protocol being refined
	Round       int     // 0, 1, …
	Work        float64 // ⟨W⟩ on the optimisation grid (kT)
	Error       float64 // ε on the optimisation grid
	Multiplier  float64 // μ
	Evaluations int     // gradient evaluations so far (all starts)
}

// Run is the outcome of one initial protocol.
type Run struct {
	Start                   string
	Work, Error             float64 // on the optimisation grid
	Feasible, Converged     bool
	Iterations, Evaluations int
}

// Result is an optimum.
type Result struct {
	Class    string
	Duration float64 // τ
	Settle   float64 // hold after τ (the protocol lasts τ + Settle)
	Nodes    int
	// Keyframes is the optimum as erasure keyframes (control name →
	// [t, value] points), and Protocol the protocol they make.
	Keyframes map[string][][2]float64
	Protocol  erasure.Protocol
	// Final is the Fokker–Planck re-solve of the optimum on the study's
	// grid (with its discretisation errors, WorkErr and ErrorRateErr).
	Final *erasure.Result
	// Work ± WorkErr (kT) and ErrorRate ± ErrorRateErr: Final's.
	Work, WorkErr, ErrorRate, ErrorRateErr float64
	// GridWork and GridError are ⟨W⟩ and ε on the optimisation grid.
	GridWork, GridError float64
	// Iterations (quasi-Newton, all rounds) of the winning start; Evaluations
	// (gradient solves) of the whole optimisation.
	Iterations, Evaluations int
	// Converged: the winning start's last minimisation met its
	// convergence test (gradient or function change) and its constraint.
	Converged bool
	// ConstraintActive: the error constraint binds (its multiplier μ > 0,
	// or ε ends within 1% of the target the optimiser aimed at).
	ConstraintActive bool
	Multiplier       float64
	// Start is the initial protocol of the optimum; Runs lists them all.
	Start string
	Runs  []Run
}

// InfeasibleError says that no protocol of the family met ε ≤ ε_max; it
// carries the least ε reached.
type InfeasibleError struct {
	MaxError  float64 // ε_max
	BestError float64 // the least ε any evaluated protocol reached
	Grid      string  // "optimisation" or "fine": the grid that failed
}

func (e *InfeasibleError) Error() string {
	return fmt.Sprintf("optimize: cannot meet max_error = %.3g: the best error reached is %.3g (%s grid)", e.MaxError, e.BestError, e.Grid)
}

// Optimize finds the least-work protocol of the problem. Same problem and
// settings, same optimum, bit for bit (no randomness; the Fokker–Planck
// solves are deterministic). The error constraint is met by the re-solve
// with its discretisation error, ε + δε ≤ ε_max; when the optimisation
// grid's optimum misses that, the target is lowered by the observed ratio
// and the optimum refined (up to 3 times). It returns an *InfeasibleError
// when ε ≤ ε_max cannot be met, never a violating protocol. It observes
// ctx.
func Optimize(ctx context.Context, p Problem, set Settings) (*Result, error) {
	o, err := newOptimizer(ctx, p, set)
	if err != nil {
		return nil, problemError{err}
	}
	r, err := o.run()
	if err == nil {
		o.cost.finish()
	}
	return r, err
}

// ErrProblem matches (errors.Is) the errors Optimize returns for a problem
// or settings that are invalid, before any solving.
var ErrProblem = errors.New("optimize: invalid problem")

type problemError struct{ error }

func (e problemError) Is(target error) bool { return target == ErrProblem }

type optimizer struct {
	ctx     context.Context
	p       Problem
	set     Settings
	fam     *family
	fp      fokkerplanck.Problem // the grid in use: coarse (restarts), then fine (polish)
	coarse  fokkerplanck.Problem
	fine    fokkerplanck.Problem
	tape    *fokkerplanck.Tape // the adjoint's masses, reused by every evaluation
	wrong   fokkerplanck.Side
	lnMax   float64 // ln ε_max (constrained only)
	starts  []string
	evals   int
	bestErr float64
	cost    *costModel // Settings.Observe's model; nil without one
	// scratch
	y, gyW, gyE [][]float64
}

func newOptimizer(ctx context.Context, p Problem, set Settings) (*optimizer, error) {
	s := p.Study
	switch {
	case s == nil || s.Potential == nil:
		return nil, errors.New("optimize: no study (potential, dynamics, measure)")
	case s.Dynamics.Kind != langevin.Overdamped:
		return nil, errors.New("optimize: the Fokker–Planck optimiser needs overdamped dynamics")
	case !(p.Duration > 0) || math.IsInf(p.Duration, 0):
		return nil, fmt.Errorf("optimize.duration must be finite and > 0, got %v", p.Duration)
	case p.MaxError != 0 && !(p.MaxError > 0 && p.MaxError < 0.5):
		return nil, fmt.Errorf("optimize.max_error must be in (0, 0.5), got %v", p.MaxError)
	case !(p.Settle >= 0) || math.IsInf(p.Settle, 0):
		return nil, fmt.Errorf("optimize.settle must be finite and >= 0, got %v", p.Settle)
	case s.Target != 1 && s.Target != -1:
		return nil, fmt.Errorf("optimize: measure.target must be left or right, got %d", s.Target)
	}
	if p.Nodes == 0 {
		p.Nodes = DefaultNodes
	}
	if p.Nodes < 1 || p.Nodes > 1000 {
		return nil, fmt.Errorf("optimize.nodes must be in [1, 1000], got %d", p.Nodes)
	}
	pot := s.Potential
	if _, ok := pot.(wells.ControlGradient); !ok {
		return nil, fmt.Errorf("optimize: potential %q gives no control gradient (wells.ControlGradient)", pot.Name())
	}
	names := p.Controls
	switch p.Class {
	case Asymmetric, Symmetric:
	case Full:
		if pot.Name() != "shaped" {
			return nil, fmt.Errorf("optimize.class = %q needs potential kind \"shaped\" (the bit plus a free shape), got %q", Full, pot.Name())
		}
		all := pot.Controls()
		if len(names) == 0 {
			names = all
		} else if !sameSet(names, all) {
			return nil, fmt.Errorf("optimize.controls: class %q optimises every control of the potential (%v), got %v", Full, all, names)
		}
	default:
		return nil, fmt.Errorf("optimize.class must be %q, %q or %q, got %q", Asymmetric, Symmetric, Full, p.Class)
	}
	fam, err := newFamily(pot, p.Duration, p.Nodes, p.Class == Symmetric, names, p.Bounds, p.Start, p.End)
	if err != nil {
		return nil, err
	}
	fam.settle = p.Settle
	if set.Cells == 0 {
		set.Cells = 600
	}
	if set.Steps == 0 {
		set.Steps = int(min(max(math.Ceil(p.Duration/2.5e-3), 1000), 20000))
	}
	if set.Iterations == 0 {
		set.Iterations = 300
	}
	if set.Rounds == 0 {
		set.Rounds = 12
	}
	switch {
	case set.Cells < 20 || set.Cells > 1<<20:
		return nil, fmt.Errorf("optimize: cells must be in [20, 2^20], got %d", set.Cells)
	case set.Steps < 4 || set.Steps > 1<<24:
		return nil, fmt.Errorf("optimize: steps must be in [4, 2^24], got %d", set.Steps)
	case set.Iterations < 1 || set.Rounds < 1:
		return nil, fmt.Errorf("optimize: iterations and rounds must be >= 1, got %d and %d", set.Iterations, set.Rounds)
	}
	set.Cells += set.Cells & 1
	o := &optimizer{ctx: ctx, p: p, set: set, fam: fam, bestErr: math.Inf(1), tape: new(fokkerplanck.Tape)}
	o.starts, err = o.chooseStarts()
	if err != nil {
		return nil, err
	}
	o.wrong = fokkerplanck.NoError
	if p.MaxError > 0 {
		o.wrong = fokkerplanck.Side(-s.Target)
		o.lnMax = math.Log(p.MaxError)
	}
	lo, hi, err := o.domain()
	if err != nil {
		return nil, err
	}
	o.fine = fokkerplanck.Problem{
		Potential:   pot,
		Temperature: s.Dynamics.Temperature,
		Friction:    s.Dynamics.Friction,
		Cells:       set.Cells,
		Dt:          p.Duration / float64(set.Steps), // over τ + Settle
		Lo:          lo,
		Hi:          hi,
		Initial:     s.Side,
		Divide:      s.Divide,
	}
	o.coarse = o.fine
	if set.Steps > 1000 {
		o.coarse.Dt = p.Duration / float64(max(set.Steps/4, 250))
	}
	o.fp = o.coarse
	o.y, o.gyW, o.gyE = fam.newValues(), fam.newValues(), fam.newValues()
	o.cost = newCostModel(o)
	return o, nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
