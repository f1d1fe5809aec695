package erasure

import "testing"

// TestPointSeedPinned pins PointSeed to the values it had before SplitMix64
// moved to internal/splitmix (printed by the code of commit ebade1f). A
// sweep's point seeds must never change: resuming or merging an existing
// sweep recomputes them and compares.
func TestPointSeedPinned(t *testing.T) {
	for _, c := range []struct {
		s    uint64
		p    int
		want uint64
	}{
		{0, 0, 0x5fed360b18138f1b},
		{0, 1, 0x1d419cd82481a629},
		{0, 2, 0x2b0f70948b7a830a},
		{0, 999999, 0x2170be72a043765e},
		{1, 0, 0x4c6f76aa47e79f5a},
		{1, 1, 0x279572521d09a81a},
		{1, 2, 0x6671bea2052eb095},
		{1, 999999, 0x14ad6a8049d77cca},
		{7, 0, 0x4e9064f5eaee688d},
		{7, 1, 0x7a35e4438cab1195},
		{7, 2, 0x16e1753dd843538d},
		{7, 999999, 0x51eed6450f27618f},
		{9223372036854775807, 0, 0x6b17d2c1dce1d62c},
		{9223372036854775807, 1, 0x5ca037c067ac7d3d},
		{9223372036854775807, 2, 0x42666f49363c8c63},
		{9223372036854775807, 999999, 0x76c455c2b377376a},
		{16045690984503111693, 0, 0x6de6a8850f9c19c3},
		{16045690984503111693, 1, 0x1d3f5d0414a22852},
		{16045690984503111693, 2, 0x501dc45aae253beb},
		{16045690984503111693, 999999, 0x0fa6df47729d77b6},
	} {
		if got := PointSeed(c.s, c.p); got != c.want {
			t.Errorf("PointSeed(%d, %d) = %#016x, want %#016x", c.s, c.p, got, c.want)
		}
	}
}
