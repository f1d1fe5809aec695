package nestbench25

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper nestbench25`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:         "nestbench25",
		Title:        `NESTbench25 "erasure": underdamped bit (f₀ = 1090 Hz, Q = 7) erased in half a period; default protocol ≈ 0.48 error`,
		Citation:     "Whitelam, Casert, Engel & Tamblyn, Benchmarks for protocol control in nonequilibrium statistical mechanics, arXiv:2506.15122 (2025)",
		ProtocolFile: true,
		Reproduce:    reproduce,
		Studies:      studies,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	su := Setup{Trajectories: o.Trajectories, Seed: o.Seed, Workers: o.Workers}
	if su.Trajectories == 0 && o.Quick {
		su.Trajectories = 10000
	}
	label := "default"
	if o.ProtocolFile != "" {
		f, err := os.Open(o.ProtocolFile)
		if err != nil {
			return nil, &repro.InputError{Err: err}
		}
		su.Table, err = ParseTable(safeio.LimitReader(f, 0, o.ProtocolFile))
		f.Close()
		if err != nil {
			return nil, &repro.InputError{Err: fmt.Errorf("%s: %v", o.ProtocolFile, err)}
		}
		label = filepath.Base(o.ProtocolFile)
	}
	res, err := Run(ctx, su)
	if err != nil {
		return nil, err
	}
	r := &repro.Report{Results: []erasure.Result{*res}}
	r.Add("protocol", label, "")
	if su.Table != nil {
		r.Add("protocol_rows", su.Table.Len(), "")
	}
	r.Add("error_rate", res.ErrorRate.Value, "")
	r.Add("error_low", res.ErrorInterval.Low, "")
	r.Add("error_high", res.ErrorInterval.High, "")
	r.Add("errors", res.Errors, "")
	r.Add("trajectories", res.Trajectories, "")
	r.Add("work_mean", res.Work.Value, "kT")
	r.Add("work_sem", res.Work.StandardError(), "kT")
	r.Add("heat_mean", res.Heat.Value, "kT")
	r.Add("heat_sem", res.Heat.StandardError(), "kT")
	if res.KineticTemperature != nil {
		r.Add("kinetic_temperature", res.KineticTemperature.Value, "kT")
	}
	r.Linef("%s protocol, %d trajectories × %d steps (dt = %.4g /ω₀ = 0.1 µs), seed %d",
		label, res.Trajectories, res.Steps, res.Dt, res.Seed)
	r.Linef("error rate P(x > 0) after t_f + one period: %.4f, 95 %% interval [%.4f, %.4f]", res.ErrorRate.Value, res.ErrorInterval.Low, res.ErrorInterval.High)
	r.Linef("⟨W⟩ = %.4g ± %.2g kT, ⟨Q⟩ = %.4g ± %.2g kT dissipated", res.Work.Value, res.Work.StandardError(), res.Heat.Value, res.Heat.StandardError())
	if su.Table == nil {
		se := math.Sqrt(res.ErrorRate.Value * (1 - res.ErrorRate.Value) / float64(res.Trajectories))
		r.Comparisons = append(r.Comparisons, repro.Comparison{
			Quantity: "error rate, default protocol", Ours: res.ErrorRate.Value, OursSE: se,
			Reference: ReferenceError, ReferenceSE: repro.NaN(),
			Source: "NESTbench25 tests/test_benchmarks.py (0.478); PHYSICS.md §5 (about 48 %)",
		})
	}
	s, err := Study(su.Table)
	if err != nil {
		return nil, err
	}
	fig, err := Figure(s, res, label)
	if err != nil {
		return nil, err
	}
	return r, r.Save(fig, o.Out, "nestbench25")
}

// studies is the plan of reproduce (repro.Paper.Studies).
func studies(o repro.Options) ([][]*erasure.Study, error) {
	su := Setup{Trajectories: o.Trajectories, Workers: o.Workers}
	if su.Trajectories == 0 && o.Quick {
		su.Trajectories = 10000 // as reproduce
	}
	if o.ProtocolFile != "" {
		f, err := os.Open(o.ProtocolFile)
		if err != nil {
			return nil, &repro.InputError{Err: err}
		}
		defer f.Close()
		if su.Table, err = ParseTable(safeio.LimitReader(f, 0, o.ProtocolFile)); err != nil {
			return nil, &repro.InputError{Err: fmt.Errorf("%s: %v", o.ProtocolFile, err)}
		}
	}
	return Plan(su)
}
