package splitmix

import (
	"fmt"
	"math/bits"
	"testing"
)

// TestNextPublished checks the generator against published outputs:
// seed 1234567, the first five integers as listed by the Rosetta Code task
// "Pseudo-random numbers/Splitmix64" (which states Vigna's algorithm), and
// state 0, the first three outputs of splitmix64.c (they were pinned in
// langevin's tests before this package existed).
func TestNextPublished(t *testing.T) {
	for _, c := range []struct {
		seed uint64
		want []uint64
	}{
		{1234567, []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821}},
		{0, []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f}},
	} {
		z := c.seed
		for k, w := range c.want {
			if got := Next(&z); got != w {
				t.Errorf("seed %d: output %d = %d, want %d", c.seed, k+1, got, w)
			}
		}
		if want := c.seed + uint64(len(c.want))*Gamma; z != want {
			t.Errorf("seed %d: state after %d steps = %#x, want seed + %d·γ = %#x", c.seed, len(c.want), z, len(c.want), want)
		}
	}
}

// TestNextFromDefinition recomputes outputs from the algorithm as written
// in the package doc, with an independent formulation of the xor-shifts
// and products (128-bit products, low word kept), for many states.
func TestNextFromDefinition(t *testing.T) {
	ref := func(state uint64) uint64 {
		z := state
		_, z = bits.Mul64(z^(z>>30), 0xbf58476d1ce4e5b9)
		_, z = bits.Mul64(z^(z>>27), 0x94d049bb133111eb)
		return z ^ (z >> 31)
	}
	z := uint64(0xfedcba9876543210)
	for i := range 1000 {
		before := z
		got := Next(&z)
		if want := ref(before + Gamma); got != want {
			t.Fatalf("step %d from %#x: %#x, want %#x", i, before, got, want)
		}
		if h := Hash(before); h != got {
			t.Fatalf("Hash(%#x) = %#x, want Next's %#x", before, h, got)
		}
	}
}

// TestMixBijective checks the mix is invertible (the property the seed
// derivations rely on): each step is undone by its inverse, xor-shift by
// repeated shifting and the odd multipliers by their inverses mod 2⁶⁴.
func TestMixBijective(t *testing.T) {
	inv := func(a uint64) uint64 { // Newton on a·x ≡ 1 mod 2⁶⁴, a odd
		x := a
		for range 6 {
			x *= 2 - a*x
		}
		return x
	}
	unshift := func(y uint64, s uint) uint64 {
		x := y
		for range 64 / s {
			x = y ^ (x >> s)
		}
		return x
	}
	i1, i2 := inv(0xbf58476d1ce4e5b9), inv(0x94d049bb133111eb)
	if i1*0xbf58476d1ce4e5b9 != 1 || i2*0x94d049bb133111eb != 1 {
		t.Fatal("modular inverses wrong")
	}
	for _, x := range []uint64{0, 1, Gamma, 1 << 63, ^uint64(0), 0x0123456789abcdef} {
		y := mix(x)
		back := unshift(unshift(unshift(y, 31)*i2, 27)*i1, 30)
		if back != x {
			t.Errorf("mix(%#x) = %#x does not invert (got %#x)", x, y, back)
		}
	}
}

func ExampleNext() {
	z := uint64(1234567)
	for range 3 {
		fmt.Println(Next(&z))
	}
	// Output:
	// 6457827717110365317
	// 3203168211198807973
	// 9817491932198370423
}

func ExampleHash() {
	// Hash is one step from a copy of the state.
	fmt.Println(Hash(1234567))
	// Output:
	// 6457827717110365317
}
