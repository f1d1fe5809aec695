// Package fullcontrol answers, for the Jun et al. bit (E_b = 13 kT; PRL
// 113, 190601 (2014)), the question of Proesmans, Ehrich & Bechhoefer,
// PRL 125, 100602 (2020), Table I, with an optimiser: how close does the
// best protocol that uses only the experiment's controls (barrier g and
// tilt f of U = 4E_b[−g x²/2 + x⁴/4 − A f x], A = ½) come to full control
// of the potential? Three numbers per duration τ (t0 = x_m²/D):
//
//   - the least work over g(t), f(t) (erasure/optimal, class asymmetric,
//     piecewise-linear keyframes with free end jumps, ε ≤ MaxError);
//   - the least work with a free spline correction of the potential as well
//     (erasure/optimal, class full, kind "shaped": the same bit plus
//     Σ s_j(t) φ_j(x), a finite-dimensional stand-in for full control);
//   - Proesmans et al.'s full-control minimum W_min (any potential, final
//     density free on x ≥ 0, ε = 0; proesmans2020.MinWork) and the
//     local-equilibrium one W_min,leq = ln 2 + W₂²(p_i, p_leq)/τ.
//
// The optimisers run on a coarse Fokker–Planck grid and re-solve their
// optimum on the study's grid (WorkErr is that re-solve's discretisation
// error).
package fullcontrol

import (
	"context"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/erasure/optimal"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/papers/jun2014"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/wells"
)

// Parameters (Jun et al. 2014; our choices labelled).
const (
	Barrier = 13.0 // E_b (kT), Jun et al.
	Tilt    = 0.5  // A, Jun et al.
	// MaxError is the optimisers' error constraint (our choice): the ε = 0
	// bound W_min differs from the ε-bound by at most H(1e-3) = 0.0079 kT.
	MaxError = 1e-3
	// ShapeNodes is the number of spline nodes of the shape correction
	// (our choice: more nodes cost more gradient solves).
	ShapeNodes = 6
)

// Durations are the τ (t0) of the comparison: fast erasures, where the
// difference between controls matters (the excess is ∝ 1/τ).
func Durations(quick bool) []float64 {
	if quick {
		return []float64{2}
	}
	return []float64{1, 2, 4, 8}
}

// Row is one τ.
type Row struct {
	Tau                 float64
	Experiment, ExpErr  float64 // least ⟨W⟩ with g, f (kT) and its discretisation error
	ExpError            float64 // its ε
	Shaped, ShapedErr   float64 // least ⟨W⟩ with g, f and the shape (kT)
	ShapedError         float64
	WMin, WMinErr       float64 // Proesmans et al.'s W_min (kT), ε = 0
	WMinLeq             float64 // ln 2 + W₂²(p_i, p_leq)/τ (kT)
	TableII, TableIIErr float64 // the experiment's own protocol (jun2014.Protocol, Fokker–Planck) at the same τ (kT)
	TableIIError        float64
	Var                 float64 // Var(x) of the stored bit (x_m²), for Table I's unit Var/(Dτ)
}

// Coefficient returns (w − ln 2)·τ/Var, Table I's unit.
func (r Row) Coefficient(w float64) float64 { return (w - math.Ln2) * r.Tau / r.Var }

// Setup says how to run the comparison.
type Setup struct {
	Quick     bool
	Durations []float64 // nil: Durations(Quick)
	Progress  func(string)
}

// settings are the optimiser's grids: coarse for speed (Quick), finer by
// default.
func settings(quick bool) (optimal.Settings, int, float64) {
	if quick {
		return optimal.Settings{Cells: 240, Steps: 400, Starts: []string{optimal.StartFourStage}, Iterations: 150, Rounds: 6}, 600, 2e-3
	}
	return optimal.Settings{Cells: 300, Steps: 600, Iterations: 300}, 800, 1e-3
}

func study(kind string, params map[string]float64, cells int, dt float64) (*erasure.Study, error) {
	pot, err := wells.New(kind, params)
	if err != nil {
		return nil, err
	}
	return &erasure.Study{Potential: pot, Target: 1, Cells: cells, FPDt: dt,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}}, nil
}

// Run runs the comparison at every τ.
func Run(ctx context.Context, su Setup) ([]Row, error) {
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	set, cells, dt := settings(su.Quick)
	well, err := proesmans2020.NewStorageWell(Barrier)
	if err != nil {
		return nil, err
	}
	well.Xm = 1 // Jun's wells at ±1 (not the Var = 1 normalisation of Fig. 3)
	nodes := proesmans2020.Fig3Nodes
	if su.Quick {
		nodes = proesmans2020.Fig3QuickNodes
	}
	gf := map[string][2]float64{"g": {-0.5, 1.5}, "f": {-2, 2}}
	var rows []Row
	for _, tau := range taus {
		row := Row{Tau: tau}
		s, err := study("jun", map[string]float64{"barrier": Barrier, "tilt": Tilt}, cells, dt)
		if err != nil {
			return nil, err
		}
		exp, err := optimal.Optimize(ctx, optimal.Problem{Study: s, Duration: tau, Class: optimal.Asymmetric,
			Controls: []string{"g", "f"}, Bounds: gf, Nodes: 4, MaxError: MaxError}, set)
		if err != nil {
			return nil, fmt.Errorf("fullcontrol: g, f at τ = %g: %v", tau, err)
		}
		row.Experiment, row.ExpErr, row.ExpError = exp.Work, exp.WorkErr, exp.ErrorRate
		s, err = study("shaped", map[string]float64{"barrier": Barrier, "tilt": Tilt, "nodes": ShapeNodes}, cells, dt)
		if err != nil {
			return nil, err
		}
		b := map[string][2]float64{"g": gf["g"], "f": gf["f"]}
		for j := range ShapeNodes {
			b[fmt.Sprintf("s%d", j)] = [2]float64{-20, 20}
		}
		sset := set
		sset.Starts = []string{optimal.StartFourStage}
		full, err := optimal.Optimize(ctx, optimal.Problem{Study: s, Duration: tau, Class: optimal.Full, Bounds: b, Nodes: 3, MaxError: MaxError}, sset)
		if err != nil {
			return nil, fmt.Errorf("fullcontrol: shaped at τ = %g: %v", tau, err)
		}
		row.Shaped, row.ShapedErr, row.ShapedError = full.Work, full.WorkErr, full.ErrorRate
		if row.WMin, row.WMinErr, err = proesmans2020.MinWork(ctx, well, tau, nodes); err != nil {
			return nil, err
		}
		w2, err := proesmans2020.LeqW2(well, nodes)
		if err != nil {
			return nil, err
		}
		row.WMinLeq = math.Ln2 + w2/tau
		if row.Var, err = proesmans2020.StorageVariance(well); err != nil {
			return nil, err
		}
		js, err := jun2014.Study(Tilt, tau/jun2014.Tau0)
		if err != nil {
			return nil, err
		}
		js.Method, js.Cells, js.FPDt = erasure.FokkerPlanck, cells, dt
		tr, err := js.Run(ctx)
		if err != nil {
			return nil, err
		}
		row.TableII, row.TableIIErr, row.TableIIError = tr.Work.Value, tr.Work.DiscretisationError(), tr.ErrorRate.Value
		if su.Progress != nil {
			su.Progress(fmt.Sprintf("fullcontrol: τ = %g t0: g, f optimum %.4f ± %.1g kT (ε = %.2g); with shape %.4f ± %.1g kT (ε = %.2g); W_min %.4f kT, W_min,leq %.4f kT; Table II protocol %.4f kT (ε = %.2g)",
				tau, row.Experiment, row.ExpErr, row.ExpError, row.Shaped, row.ShapedErr, row.ShapedError, row.WMin, row.WMinLeq, row.TableII, row.TableIIError))
		}
		rows = append(rows, row)
	}
	return rows, nil
}
