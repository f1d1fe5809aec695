// Package splitmix is SplitMix64 (G. L. Steele, D. Lea and C. H. Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014), with the
// output mix of S. Vigna's reference splitmix64.c
// (https://prng.di.unimi.it/splitmix64.c): a 64-bit state advanced by the
// golden-ratio increment γ = 0x9e3779b97f4a7c15 and mixed by
//
//	z ← (z ⊕ z≫30)·0xbf58476d1ce4e5b9
//	z ← (z ⊕ z≫27)·0x94d049bb133111eb
//	out = z ⊕ z≫31   (all arithmetic mod 2⁶⁴).
//
// The mix is a bijection of the 64-bit words, so distinct states give
// distinct outputs. The module uses it only to derive seeds and stream keys
// (langevin.Stream.Seed, langevin.StreamSeed, erasure.PointSeed), never as
// the simulation's generator: every value it produced before this package
// existed is unchanged (the callers' tests pin them).
package splitmix

// Gamma is SplitMix64's state increment, 2⁶⁴/φ rounded to odd.
const Gamma = 0x9e3779b97f4a7c15

// Next advances the state *z by Gamma and returns the mixed new state: one
// step of the generator, as next() in splitmix64.c. From state 1234567 the
// first outputs are 6457827717110365317, 3203168211198807973, ….
func Next(z *uint64) uint64 {
	*z += Gamma
	return mix(*z)
}

// Hash returns the first output of the generator from state z, mix(z + γ),
// without keeping a state: Hash(z) == Next(&z) on a copy of z. It is the
// function callers use to hash a seed into an unrelated 64-bit word.
func Hash(z uint64) uint64 {
	return mix(z + Gamma)
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
