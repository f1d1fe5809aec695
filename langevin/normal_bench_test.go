package langevin

import (
	"math/rand/v2"
	"testing"
)

// The normal-generator benchmarks fill a buffer of DefaultBlockSize normals
// per iteration and report ns/normal, so that the rows compare directly:
//
//	go test ./langevin/ -run '^$' -bench 'Norm|Uint64' -benchmem
//
// (the pattern Norm, not Normal, so that the math/rand/v2 rows run too).

var benchSink float64

func reportPerNormal(b *testing.B, perOp int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/normal")
}

// BenchmarkFillNormal is the fast path the integrators use.
func BenchmarkFillNormal(b *testing.B) {
	s := NewStream(1, 2)
	buf := make([]float64, DefaultBlockSize)
	b.ReportAllocs()
	for b.Loop() {
		s.FillNormal(buf)
	}
	benchSink = buf[0]
	reportPerNormal(b, len(buf))
}

// BenchmarkStreamNormal calls Normal once per variate.
func BenchmarkStreamNormal(b *testing.B) {
	s := NewStream(1, 2)
	buf := make([]float64, DefaultBlockSize)
	b.ReportAllocs()
	for b.Loop() {
		for i := range buf {
			buf[i] = s.Normal()
		}
	}
	benchSink = buf[0]
	reportPerNormal(b, len(buf))
}

func benchRandNorm(b *testing.B, r *rand.Rand) {
	buf := make([]float64, DefaultBlockSize)
	b.ReportAllocs()
	for b.Loop() {
		for i := range buf {
			buf[i] = r.NormFloat64()
		}
	}
	benchSink = buf[0]
	reportPerNormal(b, len(buf))
}

// BenchmarkRandNormFloat64PCG is what the integrators used before: the
// standard library's ziggurat over PCG.
func BenchmarkRandNormFloat64PCG(b *testing.B) { benchRandNorm(b, rand.New(rand.NewPCG(1, 2))) }

// BenchmarkRandNormFloat64ChaCha8 is the standard library's ziggurat over
// ChaCha8 (the generator behind math/rand/v2's top-level functions).
func BenchmarkRandNormFloat64ChaCha8(b *testing.B) {
	benchRandNorm(b, rand.New(rand.NewChaCha8([32]byte{1, 2})))
}

// BenchmarkRandNormFloat64Stream is the standard library's ziggurat over a
// Stream: how much of the gain is the uniform generator.
func BenchmarkRandNormFloat64Stream(b *testing.B) { benchRandNorm(b, rand.New(NewStream(1, 2))) }

// BenchmarkStreamUint64 is the uniform generator alone (ns per 64-bit word,
// through a method call).
func BenchmarkStreamUint64(b *testing.B) {
	s := NewStream(1, 2)
	var x uint64
	for b.Loop() {
		x += s.Uint64()
	}
	benchSink = float64(x)
}
