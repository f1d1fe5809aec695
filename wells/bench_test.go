package wells

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchBlock is the block size of the benchmarks, a typical ensemble block.
const benchBlock = 256

// benchPotentials is every kind at its defaults, with a control path for Step.
func benchPotentials(b *testing.B) []struct {
	name   string
	p      Potential
	c0, c1 Control
} {
	b.Helper()
	out := []struct {
		name   string
		p      Potential
		c0, c1 Control
	}{}
	for _, k := range Kinds() {
		p := mustNew(b, k.Name, nil)
		c1 := p.Rest()
		c1[0] += 0.01
		out = append(out, struct {
			name   string
			p      Potential
			c0, c1 Control
		}{k.Name, p, p.Rest(), c1})
	}
	return out
}

func benchX() []float64 {
	x := make([]float64, benchBlock)
	for i := range x {
		x[i] = -2 + 4*float64(i)/benchBlock
	}
	return x
}

// BenchmarkStep times Step, the call of the Langevin inner loop, per
// particle (ns/particle).
func BenchmarkStep(b *testing.B) {
	x, w, f := benchX(), make([]float64, benchBlock), make([]float64, benchBlock)
	for _, bp := range benchPotentials(b) {
		b.Run(bp.name, func(b *testing.B) {
			for b.Loop() {
				bp.p.Step(bp.c0, bp.c1, x, w, f)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchBlock), "ns/particle")
		})
	}
}

// BenchmarkJunStep is BenchmarkStep/jun, the reference number.
func BenchmarkJunStep(b *testing.B) {
	x, w, f := benchX(), make([]float64, benchBlock), make([]float64, benchBlock)
	var p Potential = Jun{8, 1}
	c0, c1 := Control{1, 0}, Control{0.99, 0.01}
	for b.Loop() {
		p.Step(c0, c1, x, w, f)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchBlock), "ns/particle")
}

// BenchmarkEval times Eval with forces, per particle.
func BenchmarkEval(b *testing.B) {
	x, u, f := benchX(), make([]float64, benchBlock), make([]float64, benchBlock)
	for _, bp := range benchPotentials(b) {
		b.Run(bp.name, func(b *testing.B) {
			for b.Loop() {
				bp.p.Eval(bp.c0, x, u, f)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchBlock), "ns/particle")
		})
	}
}

// BenchmarkSample times one exact Boltzmann sample at rest, and reports
// the acceptance rate of the rejection step.
func BenchmarkSample(b *testing.B) {
	for _, bp := range benchPotentials(b) {
		b.Run(bp.name, func(b *testing.B) {
			s, err := NewSampler(bp.p, bp.c0, 1, math.Inf(-1), math.Inf(1))
			if err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			var sum float64
			for b.Loop() {
				sum += s.Sample(rng)
			}
			_ = sum
		})
	}
}

// BenchmarkNewSampler times the construction of a sampler (span search,
// envelope and its check, alias table).
func BenchmarkNewSampler(b *testing.B) {
	p := Jun{8, 1}
	for b.Loop() {
		if _, err := NewSampler(p, p.Rest(), 1, math.Inf(-1), math.Inf(1)); err != nil {
			b.Fatal(err)
		}
	}
}
