package sweep

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/landauer-dev/landauer/internal/golden"
)

// Regenerate the emitted scripts' goldens (only when a change of the
// templates is meant): go test ./sweep -run Golden -args -golden.regen
var regenGolden = flag.Bool("golden.regen", false, "rewrite the golden files in testdata/golden")

func exampleSpec(t *testing.T) *Spec {
	t.Helper()
	data, err := os.ReadFile("testdata/sweep-example.toml")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestGoldenEmit pins the Slurm script and the Kubernetes manifest of the
// example sweep byte for byte, with the time limit derived from a fixed
// rate (1e7 particle-steps/s per worker) and with one given.
func TestGoldenEmit(t *testing.T) {
	sp := exampleSpec(t)
	rate := 1e7
	d, note, err := sp.TaskTime(context.Background(), 4, 2, rate, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := JobOptions{Dir: "/scratch/tau-scan", PointsPerTask: 4, CPUs: 2, Mem: "2G", Time: d, Estimate: note,
		Partition: "short", Account: "phys-1", Bin: "/opt/bin/landauer", Image: "reg.example/landauer:1", PVC: "landauer-data"}
	slurm, err := sp.EmitSlurm(o)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/slurm.sh", slurm, *regenGolden, 0)
	if bash, err := exec.LookPath("bash"); err == nil {
		cmd := exec.Command(bash, "-n")
		cmd.Stdin = strings.NewReader(string(slurm))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("bash -n: %v\n%s", err, out)
		}
	}
	o.Dir, o.Parallelism = "tau-scan", 2
	k8s, err := sp.EmitK8s(o)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/k8s.yaml", k8s, *regenGolden, 0)

	// --time given; no partition or account.
	o = JobOptions{Dir: "/scratch/tau-scan", PointsPerTask: 4, CPUs: 4, Mem: "4G", SlurmTime: "1-00:00:00", Bin: "/opt/bin/landauer"}
	slurm, err = sp.EmitSlurm(o)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/slurm-time.sh", slurm, *regenGolden, 0)
}

// TestTaskTime: the derived limit is the slowest task's modelled time ×
// TimeSafety + TimeMargin. The example's points cost trajectories ×
// duration/dt particle-steps (20000 × τ/1e-3); task i of 4 runs the
// points p ≡ i (mod 4).
func TestTaskTime(t *testing.T) {
	sp := exampleSpec(t)
	m := &Model{FPWeight: 4}
	rate := 1e7
	want := make([]float64, 4)
	for p := range sp.Len() {
		pt, err := sp.Point(p)
		if err != nil {
			t.Fatal(err)
		}
		ps, _ := pt.Study.Work()
		want[p%4] += ps / float64(min(2, pt.Study.Ensemble().Blocks())) / rate
	}
	worst := max(want[0], want[1], want[2], want[3])
	d, _, err := sp.TaskTime(context.Background(), 4, 2, rate, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if exp := max(time.Duration(worst*TimeSafety*float64(time.Second))+TimeMargin, MinTaskTime); d != exp {
		t.Errorf("task time %s, want %s", d, exp)
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{90 * time.Second, "00:02:00"}, {25*time.Hour + 30*time.Second, "1-01:01:00"}, {4 * time.Hour, "04:00:00"}} {
		if got := SlurmTime(c.d); got != c.want {
			t.Errorf("SlurmTime(%s) = %s, want %s", c.d, got, c.want)
		}
	}
}

// TestEmitRefusesBadValues: every interpolated value is checked against
// its pattern (issue 15's injection cases), and a k8s --out is resolved
// before it must lie under /data.
func TestEmitRefusesBadValues(t *testing.T) {
	sp := exampleSpec(t)
	ok := JobOptions{Dir: "/scratch/x", PointsPerTask: 1, CPUs: 1, Mem: "1G", Bin: "/opt/landauer", Image: "img:1", PVC: "pvc"}
	for _, c := range []struct {
		edit func(*JobOptions)
		want string
	}{
		{func(o *JobOptions) { o.Partition = "gpu\ncmd" }, "--partition must be"},
		{func(o *JobOptions) { o.Account = "a;rm -rf" }, "--account must be"},
		{func(o *JobOptions) { o.Bin = "/opt/$(x)" }, "--bin must be"},
		{func(o *JobOptions) { o.Dir = "/scratch/a b" }, "--out must be"},
		{func(o *JobOptions) { o.SlurmTime = "soon" }, "--time must be"},
		{func(o *JobOptions) { o.Mem = "lots" }, "--mem must be"},
		{func(o *JobOptions) { o.CPUs = 0 }, "--cpus-per-task must be"},
	} {
		o := ok
		c.edit(&o)
		if _, err := sp.EmitSlurm(o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("slurm: %v, want %q", err, c.want)
		}
	}
	for _, c := range []struct {
		edit func(*JobOptions)
		want string
	}{
		{func(o *JobOptions) { o.Dir = "/data/../etc" }, "must be under /data"},
		{func(o *JobOptions) { o.Image = "img\nx" }, "--image must be"},
		{func(o *JobOptions) { o.PVC = "Big_PVC" }, "--pvc must be"},
		{func(o *JobOptions) { o.Parallelism = -1 }, "--parallelism must be"},
	} {
		o := ok
		o.Dir = "/data/x"
		c.edit(&o)
		if _, err := sp.EmitK8s(o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("k8s: %v, want %q", err, c.want)
		}
	}
}
