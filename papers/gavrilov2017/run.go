package gavrilov2017

import (
	"context"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
)

// Point is one (storage, protocol, τ) of the sweep, the two one-well starts
// of a local-equilibrium bit mixed with weights (1 − p0, p0).
type Point struct {
	Tau          float64 // τ0
	Work, WorkSE float64 // ⟨W⟩ and its standard error (Monte Carlo) or discretisation error (Fokker–Planck), kT
	Error        float64 // ε, the probability of ending right of x = 0
	ErrorSE      float64 // its standard error (binomial, per stratum) or discretisation error
	// ErrorLow, ErrorHigh: Monte Carlo, the strata's 95 % Wilson intervals
	// mixed with their weights (conservative: each end is reached only if
	// every stratum sits at its own end); Fokker–Planck, ε ∓ its error.
	ErrorLow, ErrorHigh float64
	Bound               float64 // d(ε) − D_KL[ρ(0) ‖ ρ_eq] (kT), the coarse-grained second-law bound
	BoundExact          float64 // Fokker–Planck only: D_KL[ρ(τ) ‖ ρ_eq] − D_KL[ρ(0) ‖ ρ_eq] (kT); NaN for Monte Carlo
	Trajectories        int     // Monte Carlo trajectories (both strata), 0 for Fokker–Planck
	Results             []erasure.Result
}

// Case is one storage and protocol over the sweep.
type Case struct {
	Storage      Storage
	Symmetric    bool
	MonteCarlo   []Point
	FokkerPlanck []Point
}

// Name is a short label of the case.
func (c *Case) Name() string {
	p := "time-asymmetric"
	if c.Symmetric {
		p = "time-symmetric"
	}
	s := "η = 1"
	if c.Storage == EquilibriumStorage {
		s = "η = 3"
	}
	return p + ", " + s
}

// Setup says how to run the sweep.
type Setup struct {
	Quick        bool      // QuickDt, Durations(true), Trajectories(true)
	Durations    []float64 // τ in τ0 of the Monte Carlo points; nil: Durations(Quick)
	SlowFP       []float64 // extra Fokker–Planck-only τ (τ0) for the slow limit; nil: SlowDurations(Quick)
	Trajectories int       // per τ and case; 0: Trajectories(Quick)
	Seed         uint64    // point i of case c, stratum k runs with erasure.PointSeed(Seed, 1000c + 10i + k)
	Workers      int
	Progress     func(msg string)
}

// Durations are the Monte Carlo cycle times (τ0).
func Durations(quick bool) []float64 {
	if quick {
		return []float64{4, 64}
	}
	return []float64{2, 4, 8, 16, 32, 64}
}

// SlowDurations are Fokker–Planck-only cycle times (τ0) that show the
// approach to the bound.
func SlowDurations(quick bool) []float64 {
	if quick {
		return []float64{256}
	}
	return []float64{128, 256, 512, 1024}
}

// Trajectories is the Monte Carlo ensemble per point (split over the
// strata of a local-equilibrium start in proportion to their weights).
func Trajectories(quick bool) int {
	if quick {
		return 2400
	}
	return 8000
}

// Run runs the four cases.
func Run(ctx context.Context, su Setup) ([]Case, error) {
	taus, slow, n := su.Durations, su.SlowFP, su.Trajectories
	if taus == nil {
		taus = Durations(su.Quick)
	}
	if slow == nil {
		slow = SlowDurations(su.Quick)
	}
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	var cases []Case
	for ci, c := range []Case{{SymmetricStorage, false, nil, nil}, {SymmetricStorage, true, nil, nil},
		{EquilibriumStorage, false, nil, nil}, {EquilibriumStorage, true, nil, nil}} {
		for i, tau := range append(append([]float64{}, taus...), slow...) {
			withMC := i < len(taus)
			fp, err := point(ctx, c.Storage, c.Symmetric, tau, erasure.FokkerPlanck, 0, 0, 0, 0)
			if err != nil {
				return nil, err
			}
			c.FokkerPlanck = append(c.FokkerPlanck, *fp)
			msg := fmt.Sprintf("gavrilov2017: %s, τ = %g τ0: Fokker–Planck ⟨W⟩ = %.4f kT, ε = %.3g, bound %.4f kT",
				c.Name(), tau, fp.Work, fp.Error, fp.BoundExact)
			if withMC {
				dt := Dt
				if su.Quick {
					dt = QuickDt
				}
				mc, err := point(ctx, c.Storage, c.Symmetric, tau, erasure.MonteCarlo, n, erasure.PointSeed(su.Seed, 1000*ci+10*i), su.Workers, dt)
				if err != nil {
					return nil, err
				}
				c.MonteCarlo = append(c.MonteCarlo, *mc)
				msg += fmt.Sprintf("; Monte Carlo ⟨W⟩ = %.4f ± %.4f kT, ε = %.3g", mc.Work, mc.WorkSE, mc.Error)
			}
			if su.Progress != nil {
				su.Progress(msg)
			}
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// point runs one point: for the symmetric storage the two one-well starts,
// mixed with weights (1 − p0, p0); for the equilibrium storage one run from
// the global equilibrium.
func point(ctx context.Context, st Storage, symmetric bool, tau float64, method string, n int, seed uint64, workers int, dt float64) (*Point, error) {
	type stratum struct {
		side int
		w    float64
	}
	strata := []stratum{{0, 1}}
	if st == SymmetricStorage {
		strata = []stratum{{-1, 1 - P0}, {+1, P0}}
	}
	pt := &Point{Tau: tau, BoundExact: math.NaN()}
	var varW, varE float64
	var mix []float64 // Fokker–Planck: the mixed final density
	var x, u []float64
	for k, sr := range strata {
		s, err := Study(st, symmetric, tau, sr.side)
		if err != nil {
			return nil, err
		}
		s.Method = method
		if method == erasure.MonteCarlo {
			s.Trajectories = max(2, int(math.Round(sr.w*float64(n))))
			s.Seed, s.Workers, s.Dynamics.Dt = seed+uint64(k), workers, dt
		} else {
			s.Snapshots = 2
		}
		r, err := s.Run(ctx)
		if err != nil {
			return nil, fmt.Errorf("gavrilov2017: %v", err)
		}
		pt.Results = append(pt.Results, *r)
		pt.Work += sr.w * r.Work.Value
		pt.Error += sr.w * r.ErrorRate.Value
		pt.ErrorLow += sr.w * r.ErrorInterval.Low
		pt.ErrorHigh += sr.w * r.ErrorInterval.High
		if method == erasure.MonteCarlo {
			pt.Trajectories += int(r.Trajectories)
			varW += sr.w * sr.w * r.Work.StandardError() * r.Work.StandardError()
			e := r.ErrorRate.Value
			varE += sr.w * sr.w * e * (1 - e) / float64(r.Trajectories)
		} else {
			pt.WorkSE += sr.w * r.Work.DiscretisationError()
			pt.ErrorSE += sr.w * r.ErrorRate.DiscretisationError()
			sn := r.Snapshots[len(r.Snapshots)-1]
			if mix == nil {
				mix, x, u = make([]float64, len(sn.P)), sn.X, sn.U
			}
			for i, p := range sn.P {
				mix[i] += sr.w * p
			}
		}
	}
	if method == erasure.MonteCarlo {
		pt.WorkSE, pt.ErrorSE = math.Sqrt(varW), math.Sqrt(varE)
	} else {
		pt.BoundExact = finalKL(x, u, mix) - st.InitialKL()
	}
	pt.Bound = st.Bound(pt.Error)
	return pt, nil
}

// finalKL is D_KL[ρ ‖ ρ_eq] = ∫ρ ln(ρ/ρ_eq) dx on the grid (uniform cells
// at x), ρ_eq = e^{−U}/Z normalised on the same grid (in logarithms: e^{−U}
// underflows at the grid's ends where ρ still has a few ulps of mass).
func finalKL(x, u, rho []float64) float64 {
	h := x[1] - x[0]
	umin := math.Inf(1)
	for _, v := range u {
		umin = math.Min(umin, v)
	}
	var z, norm float64
	for i := range u {
		z += math.Exp(-(u[i] - umin)) * h
		norm += rho[i] * h
	}
	lnZ := math.Log(z)
	var d float64
	for i, p := range rho {
		if p <= 0 {
			continue
		}
		p /= norm
		d += p * (math.Log(p) + (u[i] - umin) + lnZ) * h
	}
	return d
}
