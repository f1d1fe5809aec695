//go:build !amd64

package langevin

// No vector kernel outside amd64: the tests that would call these skip
// (Kernel.Supported is false).

func vecM2Log(k Kernel, in, out []float64)                     { panic(noVector) }
func vecSinCos(k Kernel, in, sin, cos []float64)               { panic(noVector) }
func vecBoxMuller(k Kernel, r1, r2 []uint64, xa, xb []float64) { panic(noVector) }
