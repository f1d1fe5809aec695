package sweep_test

import (
	"fmt"
	"strings"

	"github.com/landauer-dev/landauer/sweep"
)

// A spec's points are the outer product of its axes (a zip group counts as
// one), the last varying fastest; each point is a complete study with its
// own seed.
func ExampleParse() {
	sp, err := sweep.Parse([]byte(`
[potential]
kind = "jun"
barrier = 8.0
[protocol]
kind = "four-stage"
duration = 8.0
[ensemble]
trajectories = 1000
[sweep]
name = "tau-scan"
seed = 7
[[sweep.axis]]
key = "protocol.duration"
logspace = [1, 100, 3]
[[sweep.axis]]
key = "potential.barrier"
values = [4, 8]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sp.Len(), "points =", strings.Join(sp.Factors(), " × "))
	pt, _ := sp.Point(3)
	fmt.Println(pt.Label(), "seed", pt.Seed == sweep.PointSeed(7, 3))
	sh, _ := sweep.ResolveShard("", 0, func(k string) string {
		return map[string]string{"SLURM_ARRAY_TASK_ID": "1", "LANDAUER_SHARDS": "2"}[k]
	})
	pts, _ := sh.Points(sp, nil)
	fmt.Println("shard", sh, "runs", len(pts), "points, the first", pts[0].Index)
	// Output:
	// 6 points = protocol.duration (3) × potential.barrier (2)
	// protocol.duration=10, potential.barrier=8 seed true
	// shard 1/2 runs 3 points, the first 1
}
