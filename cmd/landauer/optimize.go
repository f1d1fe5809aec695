package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/erasure/optimal"
	"github.com/landauer-dev/landauer/internal/progress"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
)

// optimizeRow is one optimisation in the command's output (JSON: one
// object per line).
type optimizeRow struct {
	Class         string  `json:"class"`
	Duration      float64 `json:"duration"`
	MaxError      float64 `json:"max_error,omitempty"`
	WorkMean      float64 `json:"work_mean"`
	WorkErr       float64 `json:"work_err"`
	ErrorRate     float64 `json:"error_rate"`
	ErrorRateErr  float64 `json:"error_rate_err"`
	LandauerBound float64 `json:"landauer_bound"`
	SymmetricMin  float64 `json:"symmetric_min"`
	// FullControlBound is ln 2 − H(ε) + W₂²(p_i, p_f(ε))/(Dτ) at the
	// optimum's ε (proesmans2020.FullControlBound; absent when the bit does not start
	// in equilibrium on both sides).
	FullControlBound float64 `json:"full_control_bound,omitempty"`
	GridWork         float64 `json:"grid_work"`
	GridErrorRate    float64 `json:"grid_error_rate"`
	Iterations       int     `json:"iterations"`
	Evaluations      int     `json:"evaluations"`
	Converged        bool    `json:"converged"`
	ConstraintActive bool    `json:"constraint_active"`
	Start            string  `json:"start"`
	Nodes            int     `json:"nodes"`
	Infeasible       bool    `json:"infeasible,omitempty"`
	BestErrorRate    float64 `json:"best_error_rate,omitempty"`
	Config           string  `json:"config,omitempty"` // the optimum.toml written (--out)
}

func cmdOptimize(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("optimize", "optimize [study.toml | --config study.toml] [--format table|json] [--out DIR] [--quiet]", stderr)
	config := fs.String("config", "", "study config whose [protocol] is replaced by [optimize] (required; see 'landauer help optimize')")
	format := fs.String("format", "table", "output format: table or json (one object per optimisation)")
	out := fs.String("out", "", "write optimum.toml (a study that `landauer run` runs), paths.png and density.png (with CSV) here")
	quiet := fs.Bool("quiet", false, "no progress bar, lines or per-round messages on standard error")
	every := fs.Duration("progress", 10*time.Second, "interval between progress lines when stderr is not a terminal (0: none)")
	if err := parseConfigArgs(fs, args, config); err != nil {
		return err
	}
	switch *format {
	case erasure.FormatTable, erasure.FormatJSON:
	default:
		return badInput("--format must be table or json, got %q", *format)
	}
	if *config == "" {
		return badInput("optimize needs --config FILE (a study with an [optimize] table)")
	}
	data, err := os.ReadFile(*config)
	if err != nil {
		return badInput("%v", err)
	}
	cfg, err := optimal.ParseConfig(data)
	if err != nil {
		return badInput("%v", err)
	}
	problems, set, err := cfg.Problems()
	if err != nil {
		return badInput("%v", err)
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	var rows []optimizeRow
	var infeasible error
	for i, p := range problems {
		var m *progress.Meter // a bar or plain lines from optimal's cost model; nil: quiet
		if !*quiet {
			m = progress.New(stderr, fmt.Sprintf("optimize %d/%d", i+1, len(problems)), 0, progress.Options{Every: *every, Unit: "cell-steps"})
			set.Observe = m.Report
			set.Progress = func(pg optimal.Progress) {
				m.Line(fmt.Sprintf("optimize %d/%d (%s, τ = %g): start %s round %d: W = %.6g kT, ε = %.3g, μ = %.3g, %d solves",
					i+1, len(problems), p.Class, p.Duration, pg.Start, pg.Round, pg.Work, pg.Error, pg.Multiplier, pg.Evaluations))
			}
		}
		r, err := optimal.Optimize(ctx, p, set)
		m.Stop()
		var inf *optimal.InfeasibleError
		switch {
		case errors.As(err, &inf):
			rows = append(rows, optimizeRow{Class: p.Class, Duration: p.Duration, MaxError: p.MaxError, Infeasible: true, BestErrorRate: inf.BestError})
			if infeasible == nil {
				infeasible = err
			}
			continue
		case err != nil:
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted: %w", err)
			}
			if errors.Is(err, optimal.ErrProblem) {
				return badInput("%v", err)
			}
			return err
		}
		row := optimizeRow{Class: r.Class, Duration: r.Duration, MaxError: p.MaxError,
			WorkMean: r.Work, WorkErr: r.WorkErr, ErrorRate: r.ErrorRate, ErrorRateErr: r.ErrorRateErr,
			LandauerBound: r.Final.LandauerBound, SymmetricMin: r.Final.SymmetricMin,
			GridWork: r.GridWork, GridErrorRate: r.GridError, Iterations: r.Iterations, Evaluations: r.Evaluations,
			Converged: r.Converged, ConstraintActive: r.ConstraintActive, Start: r.Start, Nodes: r.Nodes}
		if st := p.Study; p.MaxError > 0 && st.Side == 0 {
			fc, err := proesmans2020.FullControlBound(st.Potential, st.Potential.Rest(), st.Dynamics.Temperature, st.Dynamics.Friction, st.Divide, st.Target)
			if err != nil {
				return fmt.Errorf("optimize: full-control bound: %v", err)
			}
			row.FullControlBound = fc(r.ErrorRate, r.Duration)
		}
		if *out != "" {
			name := "optimum"
			if len(problems) > 1 {
				name = fmt.Sprintf("optimum-%d", i+1)
			}
			if row.Config, err = writeOptimum(*out, name, cfg, r); err != nil {
				return err
			}
		}
		rows = append(rows, row)
	}
	var buf bytes.Buffer
	if *format == erasure.FormatJSON {
		for _, r := range rows {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			buf.Write(append(b, '\n'))
		}
	} else {
		fmt.Fprintf(&buf, "%-10s %8s %9s %24s %24s %6s %5s %6s %s\n", "class", "τ [t0]", "ε_max", "⟨W⟩ [kT]", "ε", "iter", "conv", "active", "start")
		for _, r := range rows {
			emax := "-"
			if r.MaxError > 0 {
				emax = fmt.Sprintf("%.3g", r.MaxError)
			}
			if r.Infeasible {
				fmt.Fprintf(&buf, "%-10s %8g %9s infeasible: best ε %.3g\n", r.Class, r.Duration, emax, r.BestErrorRate)
				continue
			}
			fmt.Fprintf(&buf, "%-10s %8g %9s %24s %24s %6d %5v %6v %s\n", r.Class, r.Duration, emax,
				fmt.Sprintf("%.6g ± %.2g", r.WorkMean, r.WorkErr), fmt.Sprintf("%.4g ± %.2g", r.ErrorRate, r.ErrorRateErr),
				r.Iterations, r.Converged, r.ConstraintActive, r.Start)
		}
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	return infeasible
}

// writeOptimum writes DIR/NAME.toml and the figures beside it, returning
// the study's path.
func writeOptimum(dir, name string, cfg *optimal.FileConfig, r *optimal.Result) (string, error) {
	study, err := optimal.StudyTOML(cfg, r)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".toml")
	if err := erasure.WriteFileAtomic(path, study); err != nil {
		return "", err
	}
	suffix := ""
	if name != "optimum" {
		suffix = name[len("optimum"):]
	}
	paths, err := r.PathsFigure()
	if err != nil {
		return "", err
	}
	if err := paths.Save(filepath.Join(dir, "paths"+suffix+".png")); err != nil {
		return "", err
	}
	dens, err := r.DensityFigure()
	if err != nil {
		return "", err
	}
	if err := dens.Save(filepath.Join(dir, "density"+suffix+".png")); err != nil {
		return "", err
	}
	return path, nil
}
