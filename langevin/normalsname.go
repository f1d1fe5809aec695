package langevin

// NormalsName names the normal generator that blocks started now use:
// "xoshiro256+/ziggurat" (the scalar generator of every build) or
// "xoshiro256+x8/avx512-box-muller" (the vectorised one of a
// GOEXPERIMENT=simd build on a CPU with AVX-512). Results depend on it at
// equal seeds, so result and checkpoint files record it, and a merge or a
// resume across generators is refused.
func NormalsName() string {
	if simdNormals {
		return "xoshiro256+x8/avx512-box-muller"
	}
	return "xoshiro256+/ziggurat"
}
