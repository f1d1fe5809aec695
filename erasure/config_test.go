package erasure

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/stats"
)

func TestDefaultStudyParses(t *testing.T) {
	c, err := ParseConfig([]byte(DefaultStudy))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Study()
	if err != nil {
		t.Fatal(err)
	}
	if s.Potential.Name() != "jun" || s.Protocol.Kind() != "four-stage" || s.Protocol.Duration() != 8 ||
		s.Dynamics.Kind != langevin.Overdamped || s.Dynamics.Dt != 5e-4 || s.Dynamics.Scheme() != langevin.Heun || s.Target != 1 || s.Seed != 1 {
		t.Errorf("default study decoded wrongly: %+v", s)
	}
}

const minimal = `
[potential]
kind = "jun"
[protocol]
kind = "four-stage"
duration = 4
`

func TestConfigDefaults(t *testing.T) {
	c, err := ParseConfig([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Study()
	if err != nil {
		t.Fatal(err)
	}
	d := s.Dynamics
	if d.Dt != 1e-3 || d.Friction != 1 || d.Mass != 1 || d.Temperature != 1 || s.Kelvin != 300 ||
		s.Trajectories != 10000 || s.Seed != 1 || s.Workers != 0 || s.Method != MonteCarlo || s.Side != 0 {
		t.Errorf("defaults: %+v", s)
	}
}

func TestConfigKeyframes(t *testing.T) {
	c, err := ParseConfig([]byte(`
[potential]
kind = "jun"
[protocol]
kind = "keyframes"
duration = 2
[protocol.keyframes]
g = [[0, 1], [1, 0], [2, 1]]
f = [[0, 0], [1, 0], [1, 1], [2, 0]]
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Study()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Protocol.At(0.5); got[0] != 0.5 || got[1] != 0 {
		t.Errorf("λ(0.5) = %v, want g = 0.5, f = 0", got)
	}
	if got := s.Protocol.At(1.5); got[0] != 0.5 || got[1] != 0.5 {
		t.Errorf("λ(1.5) = %v, want g = 0.5, f = 0.5", got)
	}
}

// Every bad input gives one error line that names the offending field.
func TestConfigErrors(t *testing.T) {
	cases := []struct{ name, toml, want string }{
		{"unknown kind", `[potential]
kind = "foo"
[protocol]
kind = "hold"
duration = 1`, `foo`},
		{"negative dt", minimal + "[dynamics]\ndt = -1\n", "dynamics.dt"},
		{"NaN dt", minimal + "[dynamics]\ndt = nan\n", "dynamics.dt"},
		{"missing duration", "[potential]\nkind = \"jun\"\n[protocol]\nkind = \"four-stage\"\n", "protocol.duration"},
		{"NaN duration", "[potential]\nkind = \"jun\"\n[protocol]\nkind = \"four-stage\"\nduration = nan\n", "protocol.duration"},
		{"negative duration", "[potential]\nkind = \"jun\"\n[protocol]\nkind = \"four-stage\"\nduration = -3\n", "protocol.duration"},
		{"NaN barrier", "[potential]\nkind = \"jun\"\nbarrier = nan\n[protocol]\nkind = \"four-stage\"\nduration = 1\n", "barrier"},
		{"string barrier", "[potential]\nkind = \"jun\"\nbarrier = \"8\"\n[protocol]\nkind = \"four-stage\"\nduration = 1\n", "potential.barrier"},
		{"unknown key", minimal + "[dynamics]\ndtt = 1\n", "dynamics.dtt"},
		{"unknown table", minimal + "[dynamic]\ndt = 1\n", "dynamic"},
		{"missing potential", "[protocol]\nkind = \"hold\"\nduration = 1\n", "[potential]"},
		{"missing kind", "[potential]\nbarrier = 3\n[protocol]\nkind = \"hold\"\nduration = 1\n", "potential.kind"},
		{"dynamics kind", minimal + "[dynamics]\nkind = \"brownian\"\n", "dynamics.kind"},
		{"friction", minimal + "[dynamics]\nfriction = 0\n", "dynamics.friction"},
		{"temperature", minimal + "[dynamics]\ntemperature = -2\n", "dynamics.temperature"},
		{"kelvin", minimal + "[dynamics]\nkelvin = inf\n", "dynamics.kelvin"},
		{"dt > duration", minimal + "[dynamics]\ndt = 5\n", "dynamics.dt"},
		{"initial", minimal + "[initial]\nstate = \"middle\"\n", "initial.state"},
		{"target", minimal + "[measure]\ntarget = \"up\"\n", "measure.target"},
		{"divide", minimal + "[measure]\ndivide = nan\n", "measure.divide"},
		{"trajectories", minimal + "[ensemble]\ntrajectories = 0\n", "ensemble.trajectories"},
		{"workers", minimal + "[ensemble]\nworkers = -1\n", "ensemble.workers"},
		{"block size", minimal + "[ensemble]\nblock_size = 0\n", "ensemble.block_size"},
		{"seed type", minimal + "[ensemble]\nseed = -1\n", "seed"},
		{"method", minimal + "[solver]\nmethod = \"exact\"\n", "solver.method"},
		{"fp underdamped", minimal + "[dynamics]\nkind = \"underdamped\"\n[solver]\nmethod = \"fokker-planck\"\n", "solver.method"},
		{"cells", minimal + "[solver]\ncells = 3\n", "solver.cells"},
		{"solver dt", minimal + "[solver]\ndt = 0\n", "solver.dt"},
		{"snapshots", minimal + "[solver]\nsnapshots = 1\n", "solver.snapshots"},
		{"keyframe pair", "[potential]\nkind = \"jun\"\n[protocol]\nkind = \"keyframes\"\nduration = 1\n[protocol.keyframes]\ng = [[0, 1, 2]]\n", "protocol.keyframes.g[0]"},
		{"keyframe value", "[potential]\nkind = \"jun\"\n[protocol]\nkind = \"keyframes\"\nduration = 1\n[protocol.keyframes]\ng = [[0, nan]]\n", "protocol.keyframes.g[0]"},
		{"syntax", "[potential\nkind = 1", "line"},
		{"syntax quoting a newline", "[ensemble]\nworkers = 0b\n0000\n", "line 2"},
	}
	for _, c := range cases {
		cfg, err := ParseConfig([]byte(c.toml))
		if err == nil {
			_, err = cfg.Study()
		}
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.want) || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q should be one line naming %q", c.name, msg, c.want)
		}
	}
}

// FuzzConfig: no input may panic; any accepted config yields a study whose
// ensemble validates.
func FuzzConfig(f *testing.F) {
	f.Add([]byte(DefaultStudy))
	f.Add([]byte(minimal))
	f.Add([]byte(minimal + "[dynamics]\ndt = nan\n"))
	f.Add([]byte("[protocol]\nkind = \"keyframes\"\nduration = 1\n[protocol.keyframes]\ng = [[0, 1], [1, 0]]\n[potential]\nkind = \"jun\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(data)
		if err != nil {
			return
		}
		s, err := cfg.Study()
		if err != nil {
			return
		}
		if s.Method == MonteCarlo {
			if err := s.Ensemble().Validate(); err != nil {
				t.Errorf("config accepted but ensemble invalid: %v", err)
			}
		}
		for _, tm := range []float64{0, s.Protocol.Duration() / 3, s.Protocol.Duration()} {
			s.Protocol.At(tm)
		}
	})
}

// Non-finite numbers are written as null, so JSON output never fails.
func TestResultJSONNonFinite(t *testing.T) {
	r := Result{Work: stats.Estimate{Value: 1.5}, SymmetricMin: math.Inf(1)}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["work_sem"] != nil || m["symmetric_bound"] != nil || m["work_mean"] != 1.5 {
		t.Errorf("got %s", b)
	}
	if _, ok := m["kinetic_temperature"]; ok {
		t.Error("omitempty field present")
	}
}

// ensemble.kernel picks the hot loops' instruction set and with it the
// generator recorded in results; a kernel this CPU cannot run, or a name
// that is none, is refused.
func TestConfigKernel(t *testing.T) {
	c, err := ParseConfig(withKernel("scalar"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Study()
	if err != nil {
		t.Fatal(err)
	}
	if s.Kernel != langevin.KernelScalar || s.Generator() != langevin.GeneratorZiggurat || s.Ensemble().Kernel != langevin.KernelScalar {
		t.Errorf("kernel %v, generator %q, ensemble kernel %v", s.Kernel, s.Generator(), s.Ensemble().Kernel)
	}
	for _, bad := range []string{"sse", "AVX2", "auto "} {
		c, err := ParseConfig(withKernel(bad))
		if err == nil {
			_, err = c.Study()
		}
		if err == nil || !strings.Contains(err.Error(), "ensemble.kernel") {
			t.Errorf("kernel %q: %v, want an error naming ensemble.kernel", bad, err)
		}
	}
	for _, k := range []langevin.Kernel{langevin.KernelAVX2, langevin.KernelAVX512} {
		c, _ := ParseConfig(withKernel(k.String()))
		_, err := c.Study()
		if k.Supported() != (err == nil) {
			t.Errorf("kernel %v supported %v, Study error %v", k, k.Supported(), err)
		}
	}
}

// withKernel is the default study with ensemble.kernel = name.
func withKernel(name string) []byte {
	return []byte(strings.Replace(DefaultStudy, "[ensemble]", "[ensemble]\nkernel = \""+name+"\"", 1))
}
