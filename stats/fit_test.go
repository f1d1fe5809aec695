package stats_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/landauer-dev/landauer/stats"
)

// Fit ⟨W⟩ = W∞ + B/τ to mean works with their standard errors.
func ExampleFitInverse() {
	tau := []float64{1, 2, 5, 10, 20, 50, 100}
	w := make([]float64, len(tau))
	sem := make([]float64, len(tau))
	for i, t := range tau {
		w[i] = math.Ln2 + 4/t // exact data: the fit recovers W∞ = ln 2, B = 4
		sem[i] = 0.05
	}
	f, err := stats.FitInverse(tau, w, sem)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("W∞ = %.4f ± %.4f kT (ln 2 = %.4f)\nB = %.3f ± %.3f kT·t0\nχ²/dof = %.2f over τ = %g…%g (%d points)\n",
		f.Inf, f.InfSE, math.Ln2, f.B, f.BSE, f.ChiSquareDOF, f.TauMin, f.TauMax, f.N)
	// Output:
	// W∞ = 0.6931 ± 0.0241 kT (ln 2 = 0.6931)
	// B = 4.000 ± 0.056 kT·t0
	// χ²/dof = 0.00 over τ = 1…100 (7 points)
}

// Exact data y = ln 2 + 3.7/τ: every weighting recovers Y∞ and B to
// rounding (1e-12), with zero standard errors when unweighted.
func TestFitInverseExact(t *testing.T) {
	tau := []float64{0.5, 1, 2, 5, 10, 50, 200}
	const wInf, b = math.Ln2, 3.7
	w := make([]float64, len(tau))
	sem := make([]float64, len(tau))
	for i, x := range tau {
		w[i] = wInf + b/x
		sem[i] = 0.01 * float64(i+1)
	}
	for _, s := range [][]float64{nil, make([]float64, len(tau)), sem} {
		f, err := stats.FitInverse(tau, w, s)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(f.Inf-wInf) > 1e-12 || math.Abs(f.B-b) > 1e-12 {
			t.Errorf("sem %v: W∞ = %.17g, B = %.17g; want %.17g, %.17g", s, f.Inf, f.B, wInf, b)
		}
		if s == nil || s[0] == 0 {
			if f.InfSE > 1e-12 || f.BSE > 1e-12 || !math.IsNaN(f.ChiSquareDOF) {
				t.Errorf("exact data: standard errors %g, %g, χ²/dof %g; want 0, 0, NaN", f.InfSE, f.BSE, f.ChiSquareDOF)
			}
		} else if !(f.InfSE > 0 && f.BSE > 0) || f.ChiSquareDOF > 1e-20 {
			t.Errorf("weighted fit: standard errors %g, %g, χ²/dof %g; want > 0, > 0, 0", f.InfSE, f.BSE, f.ChiSquareDOF)
		}
		if f.N != len(tau) || f.TauMin != 0.5 || f.TauMax != 200 || f.At(2) != f.Inf+f.B/2 {
			t.Errorf("N %d, τ %g…%g", f.N, f.TauMin, f.TauMax)
		}
	}
	// Two points: the line through them, no standard errors.
	f, err := stats.FitInverse([]float64{1, 2}, []float64{wInf + b, wInf + b/2}, nil)
	if err != nil || math.Abs(f.B-b) > 1e-12 || !math.IsNaN(f.InfSE) || !math.IsNaN(f.BSE) {
		t.Errorf("two points: %+v, %v", f, err)
	}
	// FitInverseFrom keeps τ ≥ 2 only.
	f, err = stats.FitInverseFrom(tau, w, sem, 2)
	if err != nil || f.N != 5 || f.TauMin != 2 || math.Abs(f.B-b) > 1e-12 {
		t.Errorf("τ ≥ 2: %+v, %v", f, err)
	}
}

// On data with Gaussian noise of known standard errors, the fit recovers
// Y∞ and B within 5 SE, its standard errors are the spread of the
// estimates over many samples (z-scores with mean 0 and deviation 1; 400
// samples give the mean to ±0.05 and the deviation to ±0.035, so 0.2 and
// 0.15 are 4 SE), and χ²/dof averages 1 (its SE over 400 samples of
// 23 dof is √(2/23)/20 = 0.015; 0.075 is 5 SE).
func TestFitInverseNoise(t *testing.T) {
	var tau []float64
	for i := range 25 {
		tau = append(tau, math.Pow(10, 3*float64(i)/24)) // 1 … 1000
	}
	const wInf, b = 0.7, 12.0
	sem := make([]float64, len(tau))
	for i, x := range tau {
		sem[i] = 0.02 + 0.2/math.Sqrt(x)
	}
	rng := rand.New(rand.NewPCG(7, 7^0x9e3779b97f4a7c15))
	var zw, zb []float64
	var chi float64
	const reps = 400
	for rep := range reps {
		w := make([]float64, len(tau))
		for i, x := range tau {
			w[i] = wInf + b/x + sem[i]*rng.NormFloat64()
		}
		f, err := stats.FitInverse(tau, w, sem)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(f.Inf-wInf) > 5*f.InfSE || math.Abs(f.B-b) > 5*f.BSE {
			t.Errorf("rep %d: W∞ = %g ± %g, B = %g ± %g; want %g, %g within 5 SE", rep, f.Inf, f.InfSE, f.B, f.BSE, wInf, b)
		}
		zw = append(zw, (f.Inf-wInf)/f.InfSE)
		zb = append(zb, (f.B-b)/f.BSE)
		chi += f.ChiSquareDOF / reps
	}
	for name, z := range map[string][]float64{"W∞": zw, "B": zb} {
		var m, v float64
		for _, x := range z {
			m += x
		}
		m /= float64(len(z))
		for _, x := range z {
			v += (x - m) * (x - m)
		}
		sd := math.Sqrt(v / float64(len(z)-1))
		if math.Abs(m) > 0.2 || sd < 0.85 || sd > 1.15 {
			t.Errorf("%s: z-scores mean %.3f, sd %.3f; want 0 and 1", name, m, sd)
		}
	}
	if math.Abs(chi-1) > 0.075 {
		t.Errorf("mean χ²/dof = %.4f, want 1 ± 0.075", chi)
	}
}

func TestFitInverseErrors(t *testing.T) {
	cases := []struct {
		tau, w, sem []float64
	}{
		{[]float64{1}, []float64{1}, nil},
		{[]float64{1, 2}, []float64{1}, nil},
		{[]float64{1, 0}, []float64{1, 2}, nil},
		{[]float64{1, 2}, []float64{1, math.NaN()}, nil},
		{[]float64{1, 2, 3}, []float64{1, 2, 3}, []float64{0.1, 0, 0.1}},
		{[]float64{2, 2, 2}, []float64{1, 2, 3}, nil},
		{[]float64{1, math.Inf(1)}, []float64{1, 2}, nil},
	}
	for i, c := range cases {
		if _, err := stats.FitInverse(c.tau, c.w, c.sem); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	if _, err := stats.FitInverseFrom([]float64{1, 2, 3}, []float64{1, 2, 3}, nil, 2.5); err == nil {
		t.Error("one point above minTau: no error")
	}
}
