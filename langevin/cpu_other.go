//go:build !amd64

package langevin

// cpu is what this CPU runs: no assembly kernels outside amd64.
var cpu = cpuFeatures{}

type cpuFeatures struct{ avx2, avx512 bool }
