package erasure

// PointSeed is the ensemble seed of point p of a sweep with seed s (the
// sweep package's points, the papers' points):
// SplitMix64(SplitMix64(s XOR 0x5851f42d4c957f2d) + p), shifted right by one
// bit so that it is a valid ensemble.seed (0 ≤ seed < 2⁶³). It depends only
// on s and p, never on the sharding.
func PointSeed(s uint64, p int) uint64 {
	z := splitmix64(s ^ 0x5851f42d4c957f2d)
	return splitmix64(z+uint64(p)) >> 1
}

func splitmix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
