package fullcontrol

import (
	"context"
	"fmt"

	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/papers/repro"
)

// Paper is the reproduction of this package's paper: `landauer paper proesmans2020-controls`.
func Paper() repro.Paper {
	return repro.Paper{
		Name:      "proesmans2020-controls",
		Title:     "Jun's 13 kT bit: least work with the experiment's controls g, f (optimiser) vs g, f + shape vs full-control W_min vs the Table II protocol, in Table I's unit Var/(Dτ)",
		Citation:  "Proesmans, Ehrich & Bechhoefer, Finite-time Landauer principle, Phys. Rev. Lett. 125, 100602 (2020), Table I; Jun, Gavrilov & Bechhoefer, Phys. Rev. Lett. 113, 190601 (2014)",
		Reproduce: reproduce,
	}
}

// reproduce runs the reproduction and builds its report.
func reproduce(ctx context.Context, o repro.Options) (*repro.Report, error) {
	rows, err := Run(ctx, Setup{Quick: o.Quick, Progress: o.Progress()})
	if err != nil {
		return nil, err
	}
	r := &repro.Report{}
	for _, row := range rows {
		r.Linef("τ = %g t0: Table II %.4f kT (%.2f Var/(Dτ)); best g, f %.4f ± %.1g kT (%.2f); g, f + shape %.4f ± %.1g kT (%.2f); W_min %.4f kT (%.2f); W_min,leq %.4f kT (%.2f)",
			row.Tau, row.TableII, row.Coefficient(row.TableII), row.Experiment, row.ExpErr, row.Coefficient(row.Experiment),
			row.Shaped, row.ShapedErr, row.Coefficient(row.Shaped), row.WMin, row.Coefficient(row.WMin), row.WMinLeq, row.Coefficient(row.WMinLeq))
		key := fmt.Sprintf("tau%g_", row.Tau)
		r.Add(key+"gf_coefficient", row.Coefficient(row.Experiment), "")
		r.Add(key+"shaped_coefficient", row.Coefficient(row.Shaped), "")
		r.Add(key+"wmin_coefficient", row.Coefficient(row.WMin), "")
		r.Add(key+"table2_coefficient", row.Coefficient(row.TableII), "")
		r.Comparisons = append(r.Comparisons, repro.Comparison{
			Quantity: fmt.Sprintf("τ = %g t0: W_min,leq coefficient", row.Tau), Ours: row.Coefficient(row.WMinLeq), OursSE: repro.NaN(),
			Reference: proesmans2020.PaperJunOptimum, ReferenceSE: 0.005, Source: "Proesmans et al. 2020, Table I",
		})
	}
	return r, nil
}
