package optimal

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/langevin/fokkerplanck"
	"github.com/landauer-dev/landauer/wells"
)

func envf(k string, d float64) float64 {
	if v := os.Getenv(k); v != "" {
		x, _ := strconv.ParseFloat(v, 64)
		return x
	}
	return d
}

func TestScratch(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	pot, _ := wells.New(os.Getenv("POT"), map[string]float64{"barrier": envf("EB", 8)})
	s := &erasure.Study{Potential: pot, Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: 1e-3, Friction: 1, Temperature: 1}, Target: 1}
	class := os.Getenv("CLASS")
	ctl := []string{"g", "f"}
	if class == Full {
		ctl = nil
	}
	r, err := Optimize(context.Background(), Problem{Study: s, Duration: envf("TAU", 10), Class: class, Controls: ctl,
		Bounds: map[string][2]float64{"g": {-1, 2}, "f": {-2, 2}}, MaxError: envf("EPS", 1e-15), Nodes: int(envf("K", 12))},
		Settings{Starts: []string{os.Getenv("START")}, Cells: int(envf("CELLS", 400)), Steps: int(envf("STEPS", 0)), Progress: func(p Progress) { t.Logf("%+v", p) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("W %v ± %v eps %v ± %v grid %v %v iters %d evals %d conv %v active %v", r.Work, r.WorkErr, r.ErrorRate, r.ErrorRateErr, r.GridWork, r.GridError, r.Iterations, r.Evaluations, r.Converged, r.ConstraintActive)
	t.Logf("%+v", r.Runs)
	t.Logf("%v", r.Keyframes)
	for _, g := range [][3]float64{{400, 4000, 0}, {2000, 10000, 0}} {
		pr := s.FokkerPlanckProblem()
		pr.Schedule = r.Protocol
		pr.Cells, pr.Dt, pr.FirstOrder = int(g[0]), r.Duration/g[1], g[2] == 1
		sol, err := fokkerplanck.Solve(context.Background(), pr)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("grid %v: W %.6f eps %.4g domain [%.3f %.3f]", g, sol.Work, sol.Left, sol.Lo, sol.Hi)
	}
}
