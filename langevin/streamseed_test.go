package langevin

import "testing"

// TestStreamSeedPinned pins StreamSeed to the values it had before
// SplitMix64 moved to internal/splitmix (printed by the code of commit
// ebade1f): a block's stream keys define the numbers of every run, resume
// and checkpoint, so they must never change.
func TestStreamSeedPinned(t *testing.T) {
	for _, c := range []struct {
		seed   uint64
		b      int
		ka, kb uint64
	}{
		{0, 0, 0x80abe802ac1e182e, 0x45d4c1cd4482bfaa},
		{0, 1, 0x3fdb8cd30d6bc5e5, 0x52bd24a2b85819fe},
		{0, 1000, 0x730ffa60153f4daf, 0x3d702fa0822698a5},
		{1, 0, 0x35aa233257ed720d, 0x590bb9280d7cc1fd},
		{1, 1, 0x0ff428b25743d371, 0x9bb6341d8812818e},
		{1, 1000, 0x7a2184dea0072db6, 0x280aa3e603fa93cd},
		{42, 0, 0xbdc7d5e024e5780f, 0x659eace126556b4e},
		{42, 1, 0x2a566fab63cbd771, 0x7edbbedcce17bea3},
		{42, 1000, 0x504719886593a2c9, 0x61e59408c50936ca},
		{9223372036854775807, 0, 0x60b9d4394919e4d7, 0xfd70a38becb880c0},
		{9223372036854775807, 1, 0xdfdb151b6da2b9f4, 0xecaf8749bfeb6741},
		{9223372036854775807, 1000, 0x64081a278e942c8a, 0x3321be57ae6e2b4f},
	} {
		if a, b := StreamSeed(c.seed, c.b); a != c.ka || b != c.kb {
			t.Errorf("StreamSeed(%d, %d) = %#016x, %#016x, want %#016x, %#016x", c.seed, c.b, a, b, c.ka, c.kb)
		}
	}
}
