package sweep

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/landauer-dev/landauer/erasure"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// parseTemplates parses the job templates (a fresh set per call: no
// package-level state).
func parseTemplates() *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{
		"shellQuote": shellQuote,
		"quote":      strconv.Quote,
		"indent": func(pre, s string) string {
			var b strings.Builder
			for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
				b.WriteString(pre + l + "\n")
			}
			return b.String()
		},
	}).ParseFS(templateFS, "templates/*.tmpl"))
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Strict patterns for what the cluster emitters interpolate into a shell
// script or a YAML file: anything else is refused, never quoted around.
var (
	// Slurm partition and account names (a partition may be a list).
	slurmName = `^[A-Za-z0-9][A-Za-z0-9_.,-]{0,127}$`
	// An absolute or relative path without spaces, quotes, newlines or
	// shell metacharacters.
	safePath = `^[A-Za-z0-9_./+@=,-][A-Za-z0-9_./+@=,:-]{0,999}$`
	// A container image reference: registry/name:tag or @digest.
	imageRef = `^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$`
	// A Kubernetes object name (RFC 1123 label).
	k8sName = `^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`
	// A Slurm time: [D-]H[:M[:S]].
	slurmTime = `^(\d+-)?\d+(:\d+){0,2}$`
	// A memory size, Slurm units.
	memSize = `^(\d+)([KMGT]?)$`
)

// checkValue refuses a value for an emitted script that does not match
// its pattern, naming the flag and quoting the value.
func checkValue(flag, v, pattern, what string) error {
	if !regexp.MustCompile(pattern).MatchString(v) {
		return fmt.Errorf("%s must be %s (pattern %s), got %q", flag, what, pattern, v)
	}
	return nil
}

// JobName is a name usable by Slurm and Kubernetes (an RFC 1123 label):
// "landauer-" and the spec's name, cut to 40 characters, then the first 8
// digits of its hash.
func (sp *Spec) JobName() string {
	n := strings.Trim(regexp.MustCompile(`[^a-z0-9-]+`).ReplaceAllString(strings.ToLower(sp.Name), "-"), "-")
	if n == "" {
		n = "sweep"
	}
	n = "landauer-" + n
	if len(n) > 40 {
		n = strings.TrimRight(n[:40], "-")
	}
	return n + "-" + sp.Hash[:8]
}

// JobOptions are the resources of an emitted cluster job. The values are
// the command line's, and every one is checked against a strict pattern
// before it is written into a script (an error names its flag).
type JobOptions struct {
	Dir           string // the sweep's output directory (--out); absolute for Slurm
	PointsPerTask int    // points per array task / job index
	CPUs          int    // per task, also its --workers
	Mem           string // per task: 4G, 500M (Slurm units K, M, G, T)
	// Time is the wall-time limit of a task (Slurm's --time, Kubernetes'
	// activeDeadlineSeconds); zero: none (Kubernetes) or the Slurm
	// default of 04:00:00. TaskTime derives it from the cost estimate.
	Time time.Duration
	// SlurmTime, when not empty, is --time as given (a Slurm time,
	// 04:00:00 or 1-00:00:00); it wins over Time.
	SlurmTime string
	// Estimate is a comment on how Time was derived ("" for none).
	Estimate string
	// Slurm.
	Partition, Account string
	Bin                string // path of the landauer binary on the cluster
	// Kubernetes.
	Image       string // container image
	PVC         string // PersistentVolumeClaim mounted at /data
	Parallelism int    // pods at once; 0: all indices
}

// jobData is what the templates see.
type jobData struct {
	Name, SpecName, Hash          string
	Points, Tasks, LastTask       int
	PointsPerTask, CPUs           int
	Time, Mem, Out, Bin, Estimate string
	Partition, Account            string
	Image, PVC, SpecText          string
	Parallelism                   int
	Seconds                       int64
}

func (sp *Spec) jobData(o *JobOptions) (*jobData, error) {
	if o.CPUs < 1 {
		return nil, fmt.Errorf("--cpus-per-task must be >= 1, got %d", o.CPUs)
	}
	if o.PointsPerTask < 1 {
		return nil, fmt.Errorf("--points-per-task must be >= 1, got %d", o.PointsPerTask)
	}
	if !regexp.MustCompile(memSize).MatchString(o.Mem) {
		return nil, fmt.Errorf("--mem must be a size such as 4G or 500M, got %q", o.Mem)
	}
	tasks := sp.Tasks(o.PointsPerTask)
	return &jobData{Name: sp.JobName(), SpecName: sp.Name, Hash: sp.Hash, Points: sp.Len(), Tasks: tasks, LastTask: tasks - 1,
		PointsPerTask: o.PointsPerTask, CPUs: o.CPUs, Mem: o.Mem, Estimate: o.Estimate}, nil
}

// SlurmTime formats d as a Slurm time limit, [D-]HH:MM:SS, rounded up to
// a whole minute.
func SlurmTime(d time.Duration) string {
	m := int64(math.Ceil(d.Minutes()))
	days, h, min := m/(24*60), m/60%24, m%60
	if days > 0 {
		return fmt.Sprintf("%d-%02d:%02d:00", days, h, min)
	}
	return fmt.Sprintf("%02d:%02d:00", h, min)
}

// EmitSlurm renders the sbatch job-array script of the sweep: task i runs
// the points p with p mod tasks = i, reading DIR/spec.toml (which the
// caller writes with PrepareDir) and writing DIR/points; run outside an
// array it submits itself and a merge job that runs after every task
// succeeded.
func (sp *Spec) EmitSlurm(o JobOptions) ([]byte, error) {
	d, err := sp.jobData(&o)
	if err != nil {
		return nil, err
	}
	switch {
	case o.SlurmTime != "":
		if !regexp.MustCompile(slurmTime).MatchString(o.SlurmTime) {
			return nil, fmt.Errorf("--time must be a Slurm time such as 04:00:00 or 1-00:00:00, got %q", o.SlurmTime)
		}
		d.Time, d.Estimate = o.SlurmTime, ""
	case o.Time > 0:
		d.Time = SlurmTime(o.Time)
	default:
		d.Time = "04:00:00"
	}
	if !filepath.IsAbs(o.Dir) {
		return nil, fmt.Errorf("--emit slurm: the output directory must be absolute, got %q", o.Dir)
	}
	for _, c := range []struct{ flag, v, pattern, what string }{
		{"--partition", o.Partition, slurmName, "a Slurm partition name"},
		{"--account", o.Account, slurmName, "a Slurm account name"},
		{"--bin", o.Bin, safePath, "a path without spaces, quotes or shell characters"},
		{"--out", o.Dir, safePath, "a path without spaces, quotes or shell characters"},
	} {
		if c.v == "" && (c.flag == "--partition" || c.flag == "--account") {
			continue
		}
		if err := checkValue(c.flag, c.v, c.pattern, c.what); err != nil {
			return nil, err
		}
	}
	d.Partition, d.Account, d.Bin, d.Out = o.Partition, o.Account, o.Bin, o.Dir
	var b bytes.Buffer
	if err := parseTemplates().ExecuteTemplate(&b, "slurm.sh.tmpl", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// K8sDir resolves the output directory of a Kubernetes job: a relative
// path lies under /data (where the volume is mounted); the path is cleaned
// (.. resolved) before it must lie under /data.
func K8sDir(dir string) (string, error) {
	out := dir
	if !filepath.IsAbs(out) {
		out = filepath.Join("/data", out)
	}
	out = filepath.Clean(out)
	if !strings.HasPrefix(out, "/data/") {
		return "", fmt.Errorf("--emit k8s: --out must be under /data (the volume --pvc is mounted there), got %q (%s)", dir, out)
	}
	return out, nil
}

// EmitK8s renders the Kubernetes manifest of the sweep: a ConfigMap with
// the spec and an Indexed Job whose index i runs the points p with p mod
// completions = i, each pod limited to Time (activeDeadlineSeconds).
func (sp *Spec) EmitK8s(o JobOptions) ([]byte, error) {
	d, err := sp.jobData(&o)
	if err != nil {
		return nil, err
	}
	m := regexp.MustCompile(memSize).FindStringSubmatch(o.Mem)
	d.Mem = m[1] + map[string]string{"": "Mi", "K": "Ki", "M": "Mi", "G": "Gi", "T": "Ti"}[m[2]]
	if o.Parallelism < 0 {
		return nil, fmt.Errorf("--parallelism must be >= 1, got %d", o.Parallelism)
	}
	out, err := K8sDir(o.Dir)
	if err != nil {
		return nil, err
	}
	for _, c := range []struct{ flag, v, pattern, what string }{
		{"--out", out, safePath, "a path without spaces, quotes or shell characters"},
		{"--image", o.Image, imageRef, "a container image reference"},
		{"--pvc", o.PVC, k8sName, "a Kubernetes object name"},
	} {
		if err := checkValue(c.flag, c.v, c.pattern, c.what); err != nil {
			return nil, err
		}
	}
	d.Out, d.Image, d.PVC, d.SpecText = out, o.Image, o.PVC, string(sp.Text)
	d.Parallelism = d.Tasks
	if o.Parallelism > 0 {
		d.Parallelism = min(o.Parallelism, d.Tasks)
	}
	if o.Time > 0 {
		d.Seconds = int64(math.Ceil(o.Time.Minutes())) * 60
	}
	var b bytes.Buffer
	if err := parseTemplates().ExecuteTemplate(&b, "k8s.yaml.tmpl", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Safety of the derived task time limit: the cost model's estimate of the
// slowest task at the rate measured here, times TimeSafety (a cluster node
// may be slower than the machine that measured the rate, and the model's
// estimate is good to a factor 2: issue 14), plus TimeMargin (start-up,
// the file system), and at least MinTaskTime.
const (
	TimeSafety  = 3
	TimeMargin  = 10 * time.Minute
	MinTaskTime = 15 * time.Minute
)

// TaskTime expands and checks every point (Expand with check) and
// returns the time limit of one cluster task of pointsPerTask points run
// on cpus workers: the largest, over the tasks, of the model's time of
// its points — W/(rate × min(cpus, blocks)) per point (Model),
// rate in particle-steps per second per worker (erasure.Study.MeasureRate)
// — times TimeSafety plus TimeMargin, at least MinTaskTime; and a comment
// saying so.
func (sp *Spec) TaskTime(ctx context.Context, pointsPerTask, cpus int, rate float64, m *Model, check func(*Point) error) (time.Duration, string, error) {
	if m == nil {
		m = DefaultModel()
	}
	tasks := sp.Tasks(pointsPerTask)
	secs := make([]float64, tasks)
	err := sp.Expand(ctx, func(pt *Point) error {
		if check != nil {
			if err := check(pt); err != nil {
				return err
			}
		}
		if rate > 0 {
			w := m.Work(pt.Study, cpus)
			par := 1
			if pt.Study.Method != erasure.FokkerPlanck {
				par = Parallelism(pt.Study, cpus)
			}
			secs[pt.Index%tasks] += w.Total() / float64(par) / rate
		}
		return nil
	})
	if err != nil || rate <= 0 {
		return 0, "", err
	}
	worst := 0.0
	for _, s := range secs {
		worst = max(worst, s)
	}
	d := time.Duration(worst*TimeSafety*float64(time.Second)) + TimeMargin
	d = max(d, MinTaskTime)
	note := fmt.Sprintf("the slowest task's estimate %s at %.3g particle-steps/s per worker, × %d + %s (at least %s)",
		time.Duration(worst*float64(time.Second)).Round(time.Second), rate, TimeSafety, TimeMargin, MinTaskTime)
	return d, note, nil
}
