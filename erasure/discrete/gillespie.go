package discrete

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/landauer-dev/landauer/stats"
	"gonum.org/v1/gonum/stat/distuv"
)

// Jump is one transition of a sampled trajectory, at time T (1/Γ).
type Jump struct {
	T        float64
	From, To int
}

// Path is one sampled trajectory of a Bit under a Protocol.
type Path struct {
	// Start and End are the states at t = 0 and t = τ.
	Start, End int
	// Jumps lists the transitions in time order.
	Jumps []Jump
	// Work is the sum of the energy changes of the occupied state (kT):
	// W = Σ over sojourns [E_s(t_leave) − E_s(t_enter)], jumps in the
	// protocol at 0 and τ included.
	Work float64
	// Heat is Q = −Σ_jumps (E_To − E_From) (kT), the heat dissipated into
	// the bath; Q = W − [E_End(τ) − E_Start(0)] holds exactly.
	Heat float64
}

// SamplePath draws one trajectory starting in state start, using rng.
//
// The method is the exact Gillespie algorithm for time-dependent rates by
// thinning (Lewis & Shedler 1979): from state i candidate events come at the
// constant rate Λ_i = deg(i)·Γ, which bounds the total escape rate because
// every Glauber rate is below the cap Γ; a candidate at time t is accepted
// with probability Σ_j k_{i→j}(t)/Λ_i and then goes to j with probability
// ∝ k_{i→j}(t). This samples the time-inhomogeneous jump process without
// discretisation error.
func (b Bit) SamplePath(p Protocol, start int, rng *rand.Rand) (Path, error) {
	if err := b.Validate(); err != nil {
		return Path{}, err
	}
	if err := p.check(b.N); err != nil {
		return Path{}, err
	}
	if start < 0 || start >= b.N {
		return Path{}, fmt.Errorf("discrete: start state %d out of range [0, %d)", start, b.N)
	}
	if rng == nil {
		return Path{}, fmt.Errorf("discrete: nil random source")
	}
	var jumps []Jump
	end, w, q, _ := b.walk(context.Background(), p, start, rng, &jumps)
	return Path{Start: start, End: end, Jumps: jumps, Work: w, Heat: q}, nil
}

// walk runs one trajectory and returns the final state, work and heat,
// appending the jumps to rec when it is not nil. It gives up, with ok
// false, when ctx is cancelled (checked every 2^16 candidate events, well
// under a millisecond).
func (b Bit) walk(ctx context.Context, p Protocol, i int, rng *rand.Rand, rec *[]Jump) (end int, w, q float64, ok bool) {
	fr := p.frames
	tau := p.Duration()
	eEnter := fr[0].E[i]
	var nb []int
	rates := make([]float64, 0, b.N)
	t := 0.0
	for n := 1; ; n++ {
		if n&0xffff == 0 && ctx.Err() != nil {
			return i, w, q, false
		}
		lam := float64(b.degree(i)) * b.Gamma
		t += rng.ExpFloat64() / lam
		if t >= tau {
			break
		}
		k, s := p.locate(t)
		ei := p.at(i, k, s)
		nb = b.neighbours(i, nb[:0])
		rates = rates[:0]
		u := rng.Float64() * lam
		to := -1
		cum := 0.0
		for _, j := range nb {
			r := glauber(b.Gamma, p.at(j, k, s)-ei)
			rates = append(rates, r)
			cum += r
			if u < cum {
				to = j
				break
			}
		}
		if to < 0 {
			continue // rejected candidate
		}
		ej := p.at(to, k, s)
		w += ei - eEnter
		q -= ej - ei
		if rec != nil {
			*rec = append(*rec, Jump{T: t, From: i, To: to})
		}
		i, eEnter = to, ej
	}
	w += fr[len(fr)-1].E[i] - eEnter
	return i, w, q, true
}

// neighbours appends the states connected to i.
func (b Bit) neighbours(i int, dst []int) []int {
	if b.Graph == Complete {
		for j := 0; j < b.N; j++ {
			if j != i {
				dst = append(dst, j)
			}
		}
		return dst
	}
	if i > 0 {
		dst = append(dst, i-1)
	}
	if i < b.N-1 {
		dst = append(dst, i+1)
	}
	return dst
}

// locate returns the segment index k (last keyframe with T_k ≤ t) and the
// fraction s of the way to keyframe k+1, for 0 ≤ t < τ.
func (p Protocol) locate(t float64) (int, float64) {
	fr := p.frames
	k := sort.Search(len(fr), func(j int) bool { return fr[j].T > t }) - 1
	if k < 0 {
		return 0, 0
	}
	if k >= len(fr)-1 {
		return len(fr) - 1, 0
	}
	return k, (t - fr[k].T) / (fr[k+1].T - fr[k].T)
}

// at returns E_i in segment k at fraction s.
func (p Protocol) at(i, k int, s float64) float64 {
	a := p.frames[k].E[i]
	if s == 0 {
		return a
	}
	return a + s*(p.frames[k+1].E[i]-a)
}

// SampleOptions configures Sample.
type SampleOptions struct {
	// Trajectories is the number of trajectories; 0 means 10000.
	Trajectories int
	// Seed selects the random stream; equal seeds give equal estimates.
	Seed uint64
	// Confidence is the level of the Wilson interval on the error rate;
	// 0 means 0.95.
	Confidence float64
}

// Estimate is the Monte Carlo summary of Sample. Energies in kT.
type Estimate struct {
	Trajectories int
	// Work and Heat are the mean work and the mean dissipated heat, each ±
	// its standard error (stats.StandardError).
	Work, Heat stats.Estimate
	// Failures counts trajectories ending outside the Target states.
	Failures int
	// ErrorRate = Failures/Trajectories ± its standard error
	// (stats.Proportion), and ErrorInterval its Wilson score interval at
	// level SampleOptions.Confidence (ErrorInterval.Level).
	ErrorRate     stats.Estimate
	ErrorInterval stats.Interval
}

// Sample draws opt.Trajectories trajectories with SamplePath, initial states
// drawn from p0 (nil: Boltzmann at the first keyframe), and summarises work,
// heat and error rate. The result depends only on the inputs and opt.Seed
// (a PCG stream; sequential, so it does not depend on GOMAXPROCS).
func (b Bit) Sample(p Protocol, p0 []float64, opt SampleOptions) (Estimate, error) {
	return b.SampleContext(context.Background(), p, p0, opt)
}

// SampleContext is Sample that stops, with ctx's error, within about a
// millisecond of ctx being cancelled (it checks between trajectories and
// every 2^16 events of a long one).
func (b Bit) SampleContext(ctx context.Context, p Protocol, p0 []float64, opt SampleOptions) (Estimate, error) {
	if err := b.Validate(); err != nil {
		return Estimate{}, err
	}
	if err := p.check(b.N); err != nil {
		return Estimate{}, err
	}
	n := opt.Trajectories
	if n == 0 {
		n = 10000
	}
	if n < 2 {
		return Estimate{}, fmt.Errorf("discrete: need at least 2 trajectories, got %d", opt.Trajectories)
	}
	conf := opt.Confidence
	if conf == 0 {
		conf = 0.95
	}
	if !(conf > 0 && conf < 1) {
		return Estimate{}, fmt.Errorf("discrete: confidence must lie in (0, 1), got %g", opt.Confidence)
	}
	init, err := b.initial(p0, p.frames[0].E)
	if err != nil {
		return Estimate{}, err
	}
	mask := b.targetMask()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x6c616e6461756572)) // "landauer"
	var wm, qm stats.Moments
	fails := 0
	for k := range n {
		if k&255 == 0 && ctx.Err() != nil {
			return Estimate{}, ctx.Err()
		}
		u := rng.Float64()
		start := b.N - 1
		for i, c := 0, 0.0; i < b.N; i++ {
			c += init[i]
			if u < c {
				start = i
				break
			}
		}
		for init[start] == 0 { // guard against rounding in the cumulative sum
			start--
		}
		end, w, q, ok := b.walk(ctx, p, start, rng, nil)
		if !ok {
			return Estimate{}, ctx.Err()
		}
		wm.Add(w)
		qm.Add(q)
		if !mask[end] {
			fails++
		}
	}
	lo, hi := wilson(fails, n, conf)
	return Estimate{
		Trajectories:  n,
		Work:          wm.Estimate(),
		Heat:          qm.Estimate(),
		Failures:      fails,
		ErrorRate:     stats.Proportion(int64(fails), int64(n)),
		ErrorInterval: stats.Interval{Low: lo, High: hi, Level: conf, Method: stats.MethodWilson},
	}, nil
}

// wilson returns the Wilson score interval for k successes in n trials at
// two-sided level conf. It is stats.Wilson with the terms grouped
// differently, kept so that the published numbers of this package stay the
// same to the last bit (about 1 in 900 intervals differ from stats.Wilson
// in the last bit).
func wilson(k, n int, conf float64) (lo, hi float64) {
	z := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	nf := float64(n)
	ph := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	mid := (ph + z2/(2*nf)) / den
	half := z / den * math.Sqrt(ph*(1-ph)/nf+z2/(4*nf*nf))
	lo, hi = math.Max(0, mid-half), math.Min(1, mid+half)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}
