package erasure

import "github.com/landauer-dev/landauer/internal/splitmix"

// PointSeed is the ensemble seed of point p of a sweep with seed s (the
// sweep package's points, the papers' points):
// SplitMix64(SplitMix64(s XOR 0x5851f42d4c957f2d) + p), shifted right by one
// bit so that it is a valid ensemble.seed (0 ≤ seed < 2⁶³). It depends only
// on s and p, never on the sharding.
func PointSeed(s uint64, p int) uint64 {
	z := splitmix.Hash(s ^ 0x5851f42d4c957f2d)
	return splitmix.Hash(z+uint64(p)) >> 1
}
