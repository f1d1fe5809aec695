package optimal

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// The least-work protocols that `landauer demo` draws are shipped as data
// (erasure/demodata/CLASS-tauT.toml, written by `landauer optimize` from
// docs/optimal/CLASS-tauT.toml; docs/optimal/regenerate.sh). Here they are
// checked to be still optimal: the first-order (KKT) conditions of
//
//	min ⟨W⟩(y)  subject to  ln ε(y) ≤ ln ε_max,  lo ≤ y ≤ hi
//
// at the shipped node values y, with the exact gradients of the
// Fokker–Planck adjoint on the optimisation grid (the one the optimiser
// used; a change of the solver, the potential or the work and error
// definitions moves the optimum and fails this test): there is a multiplier
// μ ≥ 0 with ∂⟨W⟩/∂y + μ ∂ln ε/∂y = 0 on the values inside their bounds,
// and on a value at a bound the residual points out of the box. The
// residual r = ∂⟨W⟩/∂y + μ ∂ln ε/∂y (projected) is what a step along the
// constraint could still gain: over a trust radius shipRadius = 0.1 in the
// node values (a tenth of the storage controls g = 1, and about half the
// tilt the optima use) at most |r|·shipRadius to first order, which must
// stay below shipGain = 5e-3 kT (measured at shipping: gains ≤ 2.5e-4 kT,
// except 3.5e-3 kT for the time-symmetric τ = 100 optimum, where the
// optimiser stopped unconverged, docs/optimal/symmetric-tau100.json; so the
// floors are optimal to a few 1e-3 kT, not to their discretisation
// errors). A protocol that is
// no longer optimal, e.g. after a change of the solver or of the work and
// error definitions, has |∂⟨W⟩/∂y| of order 0.01–1 kT in the directions
// that keep ε). The short test checks the τ = 1 optima (a second);
// -optimal.long checks all of them (seconds: one adjoint solve each).
const (
	shipRadius = 0.1
	shipGain   = 5e-3
)

func TestShippedOptimaKKT(t *testing.T) {
	names := []string{"asymmetric-tau1", "symmetric-tau1"}
	if *long {
		names = nil
		for _, c := range []string{"asymmetric", "symmetric"} {
			for _, tau := range []string{"1", "3.2", "10", "31.6", "100"} {
				names = append(names, c+"-tau"+tau)
			}
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if gain := shippedKKTGain(t, name, 0); !(gain <= shipGain) {
				t.Errorf("%s: the shipped protocol is no longer optimal: a step of %g along the KKT residual gains %.3g kT > %g kT; rerun docs/optimal/regenerate.sh", name, shipRadius, gain, shipGain)
			}
		})
	}
}

// The check can fail: moving one node value of the τ = 1 optima by 0.05
// (the tilt f mid-protocol) breaks the KKT conditions by far more than
// the tolerance.
func TestShippedOptimaKKTDetectsChange(t *testing.T) {
	for _, name := range []string{"asymmetric-tau1", "symmetric-tau1"} {
		if gain := shippedKKTGain(t, name, 0.05); !(gain > 3*shipGain) {
			t.Errorf("%s moved by 0.05: first-order gain %.3g kT, want > %g", name, gain, 3*shipGain)
		}
	}
}

// shippedKKTGain returns the first-order work gain |r|·shipRadius left at
// the shipped optimum name, with the tilt f's middle node moved by
// perturb.
func shippedKKTGain(t *testing.T, name string, perturb float64) float64 {
	t.Helper()
	cfgData, err := os.ReadFile(filepath.Join("..", "..", "docs", "optimal", name+".toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig(cfgData)
	if err != nil {
		t.Fatal(err)
	}
	problems, set, err := cfg.Problems()
	if err != nil || len(problems) != 1 {
		t.Fatalf("%d problems: %v", len(problems), err)
	}
	p := problems[0]
	o, err := newOptimizer(context.Background(), p, set)
	if err != nil {
		t.Fatal(err)
	}
	o.fp = o.fine

	// The shipped node values.
	var shipped struct {
		Protocol struct {
			Duration  float64
			Keyframes map[string][][2]float64
		}
	}
	if _, err := toml.DecodeFile(filepath.Join("..", "demodata", name+".toml"), &shipped); err != nil {
		t.Fatal(err)
	}
	f := o.fam
	if d := shipped.Protocol.Duration; math.Abs(d-(p.Duration+p.Settle)) > 1e-12*d {
		t.Fatalf("shipped protocol lasts %v, the config asks for τ + settle = %v", d, p.Duration+p.Settle)
	}
	y := f.newValues()
	for c, cname := range f.names {
		pts := shipped.Protocol.Keyframes[cname]
		if len(pts) != f.nv()+2 {
			t.Fatalf("control %s: %d keyframes, want %d", cname, len(pts), f.nv()+2)
		}
		for i := range f.nv() {
			if math.Abs(pts[i+1][0]-f.times[i]) > 1e-12*f.tau {
				t.Fatalf("control %s: node %d at t = %v, want %v", cname, i, pts[i+1][0], f.times[i])
			}
			y[c][i] = pts[i+1][1]
		}
		if cname == "f" && perturb != 0 {
			// both tied values in the symmetric class
			y[c][f.nv()/2] += perturb
			y[c][f.nv()-1-f.nv()/2] = y[c][f.nv()/2]
		}
	}
	// θ of y (the exact inverse of family.values; family.theta pulls
	// values off the bounds), and the bound-active values.
	theta := make([]float64, f.dim())
	atLo, atHi := make([]bool, f.dim()), make([]bool, f.dim())
	for c := range f.ctl {
		for i := range f.nv() {
			j := f.param(c, i)
			v := y[c][i]
			if !f.bounded(c) {
				theta[j] = v
				continue
			}
			s := (v - f.lo[c]) / (f.hi[c] - f.lo[c])
			// Within 1e-6 of the width of a bound: on it (the logistic
			// approaches a bound asymptotically).
			atLo[j], atHi[j] = s < 1e-6, s > 1-1e-6
			s = min(max(s, 1e-9), 1-1e-9)
			theta[j] = math.Log(s / (1 - s))
		}
	}
	pt := o.eval(theta)
	if pt.err != nil {
		t.Fatal(pt.err)
	}
	// Gradients with respect to the parameters' values y_j (tied values
	// summed): ∂/∂θ_j divided by dy/dθ_j.
	gW, gE := make([]float64, f.dim()), make([]float64, f.dim())
	for j := range theta {
		d := 1.0
		if c := j / f.np(); f.bounded(c) {
			s := 1 / (1 + math.Exp(-theta[j]))
			d = (f.hi[c] - f.lo[c]) * s * (1 - s)
		}
		gW[j], gE[j] = pt.gW[j]/d, pt.gE[j]/d
	}
	// μ by least squares on the free values, μ ≥ 0.
	var wE, eE, wW float64
	for j := range theta {
		if atLo[j] || atHi[j] {
			continue
		}
		wE += gW[j] * gE[j]
		eE += gE[j] * gE[j]
		wW += gW[j] * gW[j]
	}
	mu := max(-wE/eE, 0)
	var res float64
	for j := range theta {
		r := gW[j] + mu*gE[j]
		switch {
		case atLo[j]:
			r = min(r, 0) // ∂L/∂y ≥ 0 at a lower bound
		case atHi[j]:
			r = max(r, 0)
		}
		res += r * r
	}
	r := math.Sqrt(res)
	t.Logf("%s: ⟨W⟩ = %.6f kT, ε = %.3g (ε_max %.3g), μ = %.4g, %d of %d values on a bound, KKT residual |r| = %.3g kT (|∂⟨W⟩/∂y| = %.3g kT): first-order gain ≤ %.2g kT",
		name, pt.work, pt.errorValue, p.MaxError, mu, count(atLo)+count(atHi), f.dim(), r, math.Sqrt(wW), r*shipRadius)
	return r * shipRadius
}

func count(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}
