package optimal

import (
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
)

// Cost model of an optimisation, in forward Fokker–Planck cell-steps
// (grid cells × time steps), reported through Settings.Observe:
//
//	total = done + E × evalCost(coarse) × (starts left)
//	             + polishShare × E × evalCost(fine) + resolveCost,
//
// where a gradient evaluation costs evalCost = 3.4 × cells × steps (one
// forward march and its adjoint, which costs about 2.4 forward solves:
// README, "landauer optimize"), a start (the augmented-Lagrangian rounds
// from one initial protocol) is expected to take E evaluations, the
// polish of the winner on the fine grid a share of that, and the re-solve
// on the study's grid costs 1.25 forward solves of its cells × steps (the
// fine solve and its half-cells, half-steps twin for the discretisation
// error). E starts at priorEvaluations and becomes the mean of the starts
// finished; the refine under way counts at least a tenth of its
// expectation more. The ETA then comes
// from the measured rate (cell-steps done per second), so only the ratio
// of the parts matters, not the machine.
const (
	adjointFactor = 3.4
	resolveFactor = 1.25
	// priorEvaluations: the shipped optima in docs/optimal took 746–2655
	// gradient evaluations for two or three starts plus the polish,
	// ≈ 400 per refine.
	priorEvaluations = 400
	// polishShare: a refine of the winner (the polish on the fine grid, a
	// tightening) starts at an optimum and takes a fraction of a start's
	// evaluations: 29 against 145 and 170 in TestObserveETA's problem.
	polishShare = 0.2
)

// costModel follows an optimisation's work for Settings.Observe.
type costModel struct {
	observe             func(done, total float64, note string)
	coarse, fine, final float64 // cost of one evaluation on each grid, of the re-solve
	starts              int     // refines on the coarse grid still to begin
	polish              bool    // a polish on the fine grid is still to come
	finished, evalsDone int     // starts finished and their evaluations
	cur                 int     // evaluations of the refine under way
	curStart            bool    // the refine under way is a start (not a polish)
	curCost             float64 // cost of one of its evaluations
	done                float64
	name                string // the start under way
	evals               int    // evaluations so far (all refines)
}

func newCostModel(o *optimizer) *costModel {
	if o.set.Observe == nil {
		return nil
	}
	steps := func(dt float64) float64 { return o.p.Duration / dt }
	s := o.p.Study
	cells, fine := float64(s.Cells), float64(fokkerplanck.DefaultSteps)
	if cells == 0 {
		cells = fokkerplanck.DefaultCells
	}
	if s.FPDt > 0 {
		fine = math.Ceil(o.p.Duration / s.FPDt)
	}
	return &costModel{
		observe: o.set.Observe,
		coarse:  adjointFactor * float64(o.coarse.Cells) * steps(o.coarse.Dt),
		fine:    adjointFactor * float64(o.fine.Cells) * steps(o.fine.Dt),
		final:   resolveFactor * cells * fine, // erasure.PointCost's grid
		starts:  len(o.starts),
		polish:  o.fine.Dt != o.coarse.Dt,
	}
}

// begin starts a refine on the grid of cost c per evaluation: one of the
// starts (coarse grid), or a refine of the winner (polish or tightening).
func (m *costModel) begin(name string, c float64, start bool) {
	if m == nil {
		return
	}
	switch {
	case start:
		m.starts = max(m.starts-1, 0)
	case c == m.fine:
		m.polish = false
	}
	m.cur, m.curCost, m.name, m.curStart = 0, c, name, start
	m.report()
}

// end finishes a refine.
func (m *costModel) end() {
	if m == nil {
		return
	}
	if m.curStart {
		m.finished++
		m.evalsDone += m.cur
	}
	m.cur, m.curCost = 0, 0
	m.report()
}

// eval counts one gradient evaluation of the refine under way; evals is
// the optimisation's count so far.
func (m *costModel) eval(evals int) {
	if m == nil {
		return
	}
	m.cur++
	m.evals = evals
	m.done += m.curCost
	m.report()
}

// resolved counts a re-solve on the study's grid.
func (m *costModel) resolved() {
	if m == nil {
		return
	}
	m.done += m.final
	m.report()
}

// finish reports the optimisation done: the total becomes the work done.
func (m *costModel) finish() {
	if m == nil {
		return
	}
	m.observe(m.done, m.done, m.noteText())
}

func (m *costModel) noteText() string {
	return fmt.Sprintf("start %s, %d solves", m.name, m.evals)
}

func (m *costModel) report() {
	e := float64(priorEvaluations)
	if m.finished > 0 {
		e = float64(m.evalsDone) / float64(m.finished)
	}
	left := float64(m.starts)*e*m.coarse + m.final
	if m.polish {
		left += polishShare * e * m.fine
	}
	if m.curCost > 0 {
		ec := e
		if !m.curStart {
			ec *= polishShare
		}
		left += max(ec-float64(m.cur), ec/10) * m.curCost
	}
	m.observe(m.done, m.done+left, m.noteText())
}
