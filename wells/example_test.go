package wells_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/landauer-dev/landauer/wells"
)

// The jun well at rest: minima at ±1, E_b = 8 below the barrier top.
func ExampleNew() {
	p, err := wells.New("jun", map[string]float64{"barrier": 8})
	if err != nil {
		panic(err)
	}
	x := []float64{-1, 0, 1}
	u := make([]float64, len(x))
	f := make([]float64, len(x))
	p.Eval(p.Rest(), x, u, f)
	rest := p.Rest()
	fmt.Println(p.Name(), p.Controls(), rest[:len(p.Controls())])
	fmt.Println("U:", u)
	fmt.Println("F:", f)

	_, err = wells.New("jun", map[string]float64{"barier": 8})
	fmt.Println(err)
	// Output:
	// jun [g f] [1 0]
	// U: [-8 0 -8]
	// F: [0 0 0]
	// wells: jun: unknown parameter "barier" (have barrier, tilt)
}

func ExampleKinds() {
	for _, k := range wells.Kinds() {
		fmt.Printf("%-16s controls %v\n", k.Name, k.Controls)
	}
	// Output:
	// jun              controls [g f]
	// quartic          controls []
	// lifted           controls [h]
	// double-parabola  controls [x1]
	// harmonic         controls [center stiffness]
	// asymmetric       controls [g f]
	// stretched        controls [g f eta]
	// benchmark        controls [c0 c1]
	// shaped           controls [g f s0 s1 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 s12 s13 s14 s15]
}

// The equilibrium probability of the left (narrow) well of the asymmetric
// double well, and the least work to erase into either well, −kT ln p_eq.
func ExampleLogPartition() {
	p, _ := wells.New("asymmetric", nil) // E_b = 8, right well twice as far out
	inf := math.Inf(1)
	z, _ := wells.LogPartition(p, p.Rest(), 1, -inf, inf)
	zLeft, _ := wells.LogPartition(p, p.Rest(), 1, -inf, 0)
	p0 := math.Exp(zLeft - z)
	fmt.Printf("p0_eq = %.4f\n", p0)
	fmt.Printf("erase into the left well:  W ≥ %.4f kT\n", -math.Log(p0))
	fmt.Printf("erase into the right well: W ≥ %.4f kT (ln 2 = %.4f)\n", -math.Log(1-p0), math.Ln2)
	// Output:
	// p0_eq = 0.3253
	// erase into the left well:  W ≥ 1.1231 kT
	// erase into the right well: W ≥ 0.3934 kT (ln 2 = 0.6931)
}

// Sampling the left well of the jun double well at equilibrium.
func ExampleNewSampler() {
	p, _ := wells.New("jun", nil)
	s, err := wells.NewSampler(p, p.Rest(), 1, math.Inf(-1), 0)
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var sum float64
	const n = 100000
	for range n {
		sum += s.Sample(rng)
	}
	lo, hi := s.Bounds()
	fmt.Printf("range [%.2f, %g], mean %.2f\n", lo, hi, sum/n)
	// Output:
	// range [-1.95, 0], mean -0.97
}

// The interval a Fokker–Planck solver needs for the four-stage protocol of
// the jun well: where U is within 40 kT of its minimum at some stage.
func ExampleSpan() {
	p, _ := wells.New("jun", nil)
	stages := []wells.Control{{1, 0}, {0, 0}, {0, 1}, {1, 1}}
	lo, hi, err := wells.Span(p, stages, 1, 40)
	fmt.Printf("[%.2f, %.2f] %v\n", lo, hi, err)
	// Output:
	// [-1.84, 1.98] <nil>
}
