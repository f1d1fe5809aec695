package plots

import (
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/plot"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
)

// Synthetic results for the tests: made from simple formulas with seeded
// noise, shaped like what the engine produces (they are not physics
// results, only plausible inputs).

const fixtureN = 20000 // Monte Carlo trajectories per point

// mcResult returns a Monte Carlo result at duration tau with mean work w,
// standard error sem (noise added with rng) and error probability eps
// (errors drawn as the expected count, rounded).
func mcResult(rng *rand.Rand, protocol string, tau, w, sem, eps float64) erasure.Result {
	k := int64(math.Round(eps * fixtureN))
	lo, hi := stats.Wilson(k, fixtureN, 0.95)
	return erasure.Result{
		Method:        erasure.MonteCarlo,
		Protocol:      protocol,
		Duration:      tau,
		Work:          stats.Mean(w+sem*rng.NormFloat64(), sem),
		Errors:        k,
		ErrorRate:     stats.Estimate{Value: float64(k) / fixtureN},
		ErrorInterval: stats.Interval{Low: lo, High: hi, Level: 0.95, Method: stats.MethodWilson},
		Trajectories:  fixtureN,
	}
}

func fpResult(protocol string, tau, w, eps float64) erasure.Result {
	return erasure.Result{
		Method:    erasure.FokkerPlanck,
		Protocol:  protocol,
		Duration:  tau,
		Work:      stats.Discretised(w, 1e-4*w),
		ErrorRate: stats.Discretised(eps, 1e-3*eps),
	}
}

// Model curves: four-stage erasure approaches ln 2 as 1/τ with an error
// that falls with τ; lifting one well costs about half a 34.5 kT barrier.
func fourStageW(tau float64) float64   { return math.Ln2 + 6/(tau+0.8) }
func fourStageEps(tau float64) float64 { return 0.45*math.Exp(-tau/4) + 1e-15 }
func liftW(tau float64) float64        { return 17.6 + 4/(tau+0.5) }
func liftEps(tau float64) float64      { return 1e-15 + 0.3*math.Exp(-2*tau) }

var fixtureTaus = []float64{0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500}

type fixture struct {
	fourMC, fourFP, liftMC, liftFP []erasure.Result
}

func makeFixture() fixture {
	rng := rand.New(rand.NewPCG(1, 2))
	var f fixture
	for _, tau := range fixtureTaus {
		f.fourMC = append(f.fourMC, mcResult(rng, "four-stage", tau, fourStageW(tau), 0.02+0.15/math.Sqrt(tau), fourStageEps(tau)))
		f.liftMC = append(f.liftMC, mcResult(rng, "lift-one-well", tau, liftW(tau), 0.08, liftEps(tau)))
	}
	for _, tau := range logGrid(0.3, 800, 40) {
		f.fourFP = append(f.fourFP, fpResult("four-stage", tau, fourStageW(tau), fourStageEps(tau)))
		f.liftFP = append(f.liftFP, fpResult("lift-one-well", tau, liftW(tau), liftEps(tau)))
	}
	return f
}

func (f fixture) workSeries() []Series {
	return []Series{
		WorkVsDuration(f.fourMC, "four-stage, Monte Carlo"),
		WorkVsDuration(f.fourFP, "four-stage, Fokker–Planck"),
		WorkVsDuration(f.liftMC, "lift one well, Monte Carlo"),
		WorkVsDuration(f.liftFP, "lift one well, Fokker–Planck"),
	}
}

func (f fixture) errorSeries() []Series {
	return []Series{
		ErrorVsDuration(f.fourMC, "four-stage, MC"),
		ErrorVsDuration(f.fourFP, "four-stage, FP"),
		ErrorVsDuration(f.liftMC, "lift, MC"),
		ErrorVsDuration(f.liftFP, "lift, FP"),
	}
}

func (f fixture) workErrorSeries() []Series {
	return []Series{
		WorkVsError(f.fourMC, "four-stage, MC"),
		WorkVsError(f.fourFP, "four-stage, FP"),
		WorkVsError(f.liftMC, "lift one well, MC"),
		WorkVsError(f.liftFP, "lift one well, FP"),
	}
}

// workHistogram bins a two-Gaussian work distribution (successes near
// ln 2 + dissipation, a few failures near zero) sampled with rng.
func workHistogram() Histogram {
	rng := rand.New(rand.NewPCG(3, 4))
	var ws []float64
	// A Gaussian work distribution obeys Jarzynski's equality with
	// ΔF = μ − σ²/2.
	const mu, sigma = 1.6, 0.8
	for range 50000 {
		ws = append(ws, mu+sigma*rng.NormFloat64())
	}
	h, _ := BinWork("four-stage, τ = 5", ws, -2, 5, 56)
	df := mu - sigma*sigma/2
	h.DeltaF = &df
	return h
}

// doubleWellSnapshots are densities of a tilted quartic double well
// relaxing toward the left well, at five times.
func doubleWellSnapshots() []Snapshot {
	const eb = 5.0
	var snaps []Snapshot
	for k, f := range []float64{0, 0.25, 0.5, 0.75, 1} {
		tilt := 6 * math.Sin(math.Pi*f) // tilt up and back
		barrier := eb * (1 - 0.8*math.Sin(math.Pi*f))
		var s Snapshot
		s.T = f * 10
		var z float64
		for i := range 241 {
			x := -2.4 + 4.8*float64(i)/240
			u := barrier*(x*x-1)*(x*x-1) + tilt*x
			s.X = append(s.X, x)
			s.U = append(s.U, u)
			// Mix toward the left well as the protocol proceeds.
			wl := 0.5 + 0.5*f
			p := wl*math.Exp(-8*(x+1)*(x+1)) + (1-wl)*math.Exp(-8*(x-1)*(x-1))
			s.P = append(s.P, p)
			z += p * 4.8 / 240
		}
		for i := range s.P {
			s.P[i] /= z
		}
		_ = k
		snaps = append(snaps, s)
	}
	return snaps
}

// retentionSeries are theory curves ½(1 − e^{−2kt}) with the Kramers rate
// of a quartic well E_b(x² − 1)², for three barriers, and Monte Carlo-like
// points for the lowest.
func retentionSeries() []Series {
	var out []Series
	rng := rand.New(rand.NewPCG(5, 6))
	for _, eb := range []float64{8, 12, 16} {
		k := erasure.KramersRate(8*eb, -4*eb, eb, 1)
		label := "E_b = " + trimZeros(num(eb)) + " kT"
		tex := `$E_b = ` + trimZeros(num(eb)) + `\,kT$`
		out = append(out, Curve(label+", Kramers", func(t float64) float64 { return erasure.RetentionError(k, t) }, 1e-1, 1e8, 200))
		out[len(out)-1].Group = label
		out[len(out)-1].TeX = tex + ", Kramers"
		if eb == 8 || eb == 12 {
			var rs []erasure.Result
			for _, t := range []float64{1, 10, 100, 1e3, 1e4, 1e5} {
				rs = append(rs, mcResult(rng, label, t, 0, 0, erasure.RetentionError(k, t)))
			}
			s := ErrorVsDuration(rs, label+", Monte Carlo")
			s.Group = label
			s.TeX = tex + ", Monte Carlo"
			out = append(out, s)
		}
	}
	return out
}

type plotTick = plot.Tick

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

// trimZeros removes the trailing zeros of a decimal.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
