package fokkerplanck

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/landauer-dev/landauer/wells"
)

const ulp = 0x1p-52

// TestBernoulli checks the weights B(d) = d/(eᵈ − 1) and B(−d) of rates
// against d/expm1(d) (math.Expm1 is within 1 ulp, so the reference is within
// 2) on every branch, and the detailed-balance ratio B(−d)/B(d) = eᵈ that
// makes the discrete equilibrium Boltzmann: both to 4 ulp.
func TestBernoulli(t *testing.T) {
	ref := func(d float64) float64 {
		if d == 0 {
			return 1
		}
		return d / math.Expm1(d)
	}
	rel := func(got, want float64) float64 { return math.Abs(got-want) / want / ulp }
	rng := rand.New(rand.NewPCG(3, 4))
	var ds []float64
	for range 20000 {
		// log-uniform magnitudes from 1e-12 to 700, both signs
		d := math.Exp(math.Log(1e-12) + rng.Float64()*(math.Log(700)-math.Log(1e-12)))
		ds = append(ds, d, -d)
	}
	ds = append(ds, 0, 0.125, -0.125, 0.5, -0.5, math.Nextafter(0.5, 0), 1e-300, 708, -708)
	u := make([]float64, 2)
	bp, bm := make([]float64, 2), make([]float64, 2)
	worst := 0.0
	for _, d := range ds {
		u[1] = d
		rates(u, bp, bm, 1)
		e := max(rel(bp[0], ref(d)), rel(bm[0], ref(-d)))
		if math.Abs(d) < 700 { // eᵈ is representable
			e = max(e, rel(bm[0]/bp[0], math.Exp(d)))
		}
		worst = max(worst, e)
		if e > 4 {
			t.Fatalf("B(±%v) = %v, %v; want %v, %v, ratio %v (%.1f ulp)", d, bp[0], bm[0], ref(d), ref(-d), math.Exp(d), e)
		}
	}
	if bp[1] != 0 || bm[1] != 0 {
		t.Errorf("the last face is not a wall: %v, %v", bp[1], bm[1])
	}
	t.Logf("worst error %.2f ulp", worst)
}

// refSolve solves (I − dt L) p = b for the jump rates r (right) and l (left)
// of each face with 256-bit arithmetic (Thomas algorithm), as a reference.
func refSolve(r, l, b []float64) []float64 {
	n := len(b)
	f := func(x float64) *big.Float { return new(big.Float).SetPrec(256).SetFloat64(x) }
	zero := func() *big.Float { return new(big.Float).SetPrec(256) }
	diag := make([]*big.Float, n)
	rhs := make([]*big.Float, n)
	for i := range n {
		d := f(1)
		d.Add(d, f(r[i]))
		if i > 0 {
			d.Add(d, f(l[i-1]))
		}
		diag[i], rhs[i] = d, f(b[i])
	}
	// Eliminate below the diagonal: row i += (r[i−1]/diag[i−1]) row i−1.
	for i := 1; i < n; i++ {
		m := zero().Quo(f(r[i-1]), diag[i-1])
		diag[i].Sub(diag[i], zero().Mul(m, f(l[i-1])))
		rhs[i].Add(rhs[i], zero().Mul(m, rhs[i-1]))
	}
	p := make([]float64, n)
	next := zero()
	for i := n - 1; i >= 0; i-- {
		v := zero().Set(rhs[i])
		if i < n-1 {
			v.Add(v, zero().Mul(f(l[i]), next))
		}
		v.Quo(v, diag[i])
		p[i], _ = v.Float64()
		next = v
	}
	return p
}

// TestSweeps checks the alternating sweeps against the 256-bit reference
// on stiff random problems whose masses span 300 orders of magnitude: every
// mass, however small, must be positive and accurate relative to itself to
// 1e-13 (the subtraction-free elimination loses no more than a few hundred
// ulp over a few hundred cells), and the mass must be conserved to 1e-15.
func TestSweeps(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 300
	g := &grid{pot: wells.Quartic{}, beta: 1, x: make([]float64, n)}
	p := make([]float64, n)
	ch := &chain{c: 1, p: p, e: make([]float64, n), u: make([]float64, n), up: true}
	want := make([]float64, n)
	for i := range p {
		p[i] = math.Exp(-690 * rng.Float64()) // 1e-300 … 1
		want[i] = p[i]
	}
	for step := range 6 {
		f := g.newField()
		f.ctl = wells.Control{float64(step + 1)}
		// A rugged potential: steps of up to ±40 kT between cells, some flat.
		for i := range f.u {
			switch i % 3 {
			case 0:
				f.u[i] = 80 * (rng.Float64() - 0.5)
			case 1:
				f.u[i] = f.u[max(i-1, 0)] + 1e-9*rng.Float64()
			default:
				f.u[i] = 3 * rng.NormFloat64()
			}
		}
		rates(f.u, f.bp, f.bm, 1)
		c := math.Exp(10 * rng.NormFloat64()) // D dt/h² from 1e-13 to 1e13
		ch.c = c
		r, l := make([]float64, n), make([]float64, n)
		for i := range r {
			r[i], l[i] = c*f.bp[i], c*f.bm[i]
		}
		var wantW float64
		for i := range want {
			wantW += want[i] * (f.u[i] - ch.u[i])
		}
		want = refSolve(r, l, want)
		w := ch.step(f)
		if math.Abs(w-wantW) > 1e-12*(1+math.Abs(wantW)) {
			t.Errorf("step %d: work %v, want %v", step, w, wantW)
		}
		if step%2 == 1 { // also check with the back substitution done
			ch.finish()
			var sum, wantSum, worst float64
			for i := range p {
				worst = max(worst, math.Abs(p[i]-want[i])/want[i])
				sum += p[i]
				wantSum += want[i]
				if !(p[i] > 0) && want[i] > 0 {
					t.Fatalf("step %d: p[%d] = %v, want %v", step, i, p[i], want[i])
				}
				if e := math.Abs(p[i]-want[i]) / want[i]; e > 1e-13 {
					t.Fatalf("step %d: p[%d] = %v, want %v (relative error %.2g)", step, i, p[i], want[i], e)
				}
			}
			t.Logf("step %d: worst relative error %.2g, smallest mass %.2g", step, worst, minOf(want))
			if math.Abs(sum-wantSum) > 1e-15*wantSum {
				t.Errorf("step %d: mass %v, want %v", step, sum, wantSum)
			}
		}
	}
}

func minOf(x []float64) float64 {
	m := math.Inf(1)
	for _, v := range x {
		m = min(m, v)
	}
	return m
}
