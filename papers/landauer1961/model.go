package landauer1961

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// Potential is the bistable element: the jun double well
// U(x; g, f) = 4E_b[−g x²/2 + x⁴/4 − f x] (kT, x in units of x_m) with the
// tilt amplitude A = 1, so that the control f is the tilt a itself. Landauer's
// reset keeps g = 1 (the barrier stays up) and applies f = a.
func Potential(barrier float64) wells.Jun { return wells.Jun{Barrier: barrier, Tilt: 1} }

// Geometry is the tilted double well U(x) = 4E_b[x⁴/4 − x²/2 − a x] mapped
// onto Landauer's two-state picture (§5): the two minima and the barrier top
// are the three real roots of x³ − x = a; the well the bit must leave lies
// 2Δ above the one it must reach, and the mean barrier measured from the
// two wells is E.
type Geometry struct {
	Barrier, Tilt     float64 // E_b (kT) and a
	High, Top, Low    float64 // positions (x_m) of the high (left) minimum, the barrier top and the low (right) minimum
	UHigh, UTop, ULow float64 // U there (kT)
	CurvHigh, CurvTop float64 // U″ at the high minimum and at the top (kT/x_m²)
	CurvLow           float64 // U″ at the low minimum
	Delta             float64 // Δ = (U(High) − U(Low))/2 (kT): the wells sit at ±Δ
	MeanBarrier       float64 // E = U(Top) − (U(High) + U(Low))/2 (kT); E_b at a = 0
}

// Tilted returns the geometry of the tilted well; a must lie in
// [0, 2/(3√3)) so that two minima remain.
func Tilted(barrier, a float64) (Geometry, error) {
	switch {
	case !(barrier > 0) || math.IsInf(barrier, 0):
		return Geometry{}, fmt.Errorf("landauer1961: barrier must be finite and > 0, got %v", barrier)
	case !(a >= 0 && a < 2/(3*math.Sqrt(3))):
		return Geometry{}, fmt.Errorf("landauer1961: tilt a must be in [0, 2/(3√3)) to keep two wells, got %v", a)
	}
	root := func(x float64) float64 { // Newton on x³ − x − a from x
		for range 100 {
			d := (x*x*x - x - a) / (3*x*x - 1)
			x -= d
			if math.Abs(d) < 1e-15 {
				break
			}
		}
		return x
	}
	k := 4 * barrier
	u := func(x float64) float64 { x2 := x * x; return k * (x2*x2/4 - x2/2 - a*x) }
	c := func(x float64) float64 { return k * (3*x*x - 1) }
	g := Geometry{Barrier: barrier, Tilt: a, High: root(-1.2), Top: root(0), Low: root(1.2)}
	g.UHigh, g.UTop, g.ULow = u(g.High), u(g.Top), u(g.Low)
	g.CurvHigh, g.CurvTop, g.CurvLow = c(g.High), c(g.Top), c(g.Low)
	g.Delta = (g.UHigh - g.ULow) / 2
	g.MeanBarrier = g.UTop - (g.UHigh+g.ULow)/2
	return g, nil
}

// TiltFor returns the tilt a whose wells sit at ±Δ (bisection on Tilted),
// for 0 ≤ Δ below the largest splitting that keeps two wells.
func TiltFor(barrier, delta float64) (float64, error) {
	lo, hi := 0.0, 2/(3*math.Sqrt(3))*(1-1e-9)
	gh, err := Tilted(barrier, hi)
	if err != nil {
		return 0, err
	}
	if !(delta >= 0 && delta < gh.Delta) {
		return 0, fmt.Errorf("landauer1961: Δ = %v kT is outside [0, %.4g) for E_b = %v kT", delta, gh.Delta, barrier)
	}
	for range 200 {
		m := (lo + hi) / 2
		g, _ := Tilted(barrier, m)
		if g.Delta < delta {
			lo = m
		} else {
			hi = m
		}
	}
	return (lo + hi) / 2, nil
}

// mfptGrid is the number of trapezoid intervals of the passage-time
// integrals over [−2.5, 2.5] (h = 2.5e-4 x_m, against well widths
// 1/√(8E_b) ≥ 0.03 x_m for E_b ≤ 60: relative error < 1e-6).
const mfptGrid = 20000

// Rates returns the exact rates (1/t0, t0 = x_m²/D) of passage from the high
// to the low minimum and back, 1/MFPT with the mean first-passage time
// (PHYSICS.md §3)
//
//	MFPT(a→b) = (1/D) ∫_a^b dy e^{U(y)} ∫_{−∞}^y dz e^{−U(z)}   (a < b),
//
// and its mirror image for b < a, by the trapezoid rule.
func Rates(g Geometry) (forward, backward float64) {
	const lo, hi = -2.5, 2.5
	n := mfptGrid
	h := (hi - lo) / float64(n)
	k := 4 * g.Barrier
	umin := math.Min(g.UHigh, g.ULow)
	x := func(i int) float64 { return lo + h*float64(i) }
	u := func(i int) float64 { y := x(i); y2 := y * y; return k*(y2*y2/4-y2/2-g.Tilt*y) - umin }
	// inner[i] = ∫_lo^{x_i} e^{−U}, outer from the high minimum to the low one.
	inL := make([]float64, n+1) // ∫_{lo}^{x}
	inR := make([]float64, n+1) // ∫_{x}^{hi}
	for i := 1; i <= n; i++ {
		inL[i] = inL[i-1] + h*(math.Exp(-u(i-1))+math.Exp(-u(i)))/2
	}
	for i := n - 1; i >= 0; i-- {
		inR[i] = inR[i+1] + h*(math.Exp(-u(i+1))+math.Exp(-u(i)))/2
	}
	idx := func(p float64) int { return int(math.Round((p - lo) / h)) }
	ih, il := idx(g.High), idx(g.Low)
	var tf, tb float64
	for i := ih; i < il; i++ {
		tf += h * (math.Exp(u(i))*inL[i] + math.Exp(u(i+1))*inL[i+1]) / 2
		tb += h * (math.Exp(u(i))*inR[i] + math.Exp(u(i+1))*inR[i+1]) / 2
	}
	// Both MFPTs carry the factor e^{umin}·e^{−umin} = 1: the shift cancels.
	return 1 / tf, 1 / tb
}

// RelaxationRate is the exact rate at which the two well populations
// relax, 1/τ = k_forward + k_backward (Rates).
func RelaxationRate(g Geometry) float64 {
	f, b := Rates(g)
	return f + b
}

// LandauerRate is Landauer's Eq. (5.4), 1/τ = (1/τ0) cosh(Δ/kT), with
// 1/τ0 the relaxation rate of the untilted element.
func LandauerRate(tau0, delta float64) float64 { return math.Cosh(delta) / tau0 }

// LandauerRateCorrected is Eq. (5.4) carried to the next order of the
// double well: a linear tilt a = Δ/(4E_b) lowers each minimum by E_b a² and
// raises the top by 2E_b a², so the mean barrier grows by 3Δ²/(16E_b), and it
// softens the high well and stiffens the low one (Kramers prefactors
// 1 ∓ 3a/4), giving
//
//	1/τ ≈ (1/τ0) [cosh Δ − (3Δ/(16E_b)) sinh Δ] e^{−3Δ²/(16E_b)}.
func LandauerRateCorrected(tau0, delta, barrier float64) float64 {
	a := delta / (4 * barrier)
	return (math.Cosh(delta) - 0.75*a*math.Sinh(delta)) * math.Exp(-3*delta*delta/(16*barrier)) / tau0
}

// BoltzmannError is the exact equilibrium probability of the high well of
// the tilted element, Z_high/Z (from the partition functions): the error
// left after full relaxation, ≈ e^{−2Δ/kT} in Landauer's picture.
func BoltzmannError(g Geometry) (float64, error) {
	pot := Potential(g.Barrier)
	c := wells.Control{1, g.Tilt}
	zl, err := wells.LogPartition(pot, c, 1, math.Inf(-1), g.Top)
	if err != nil {
		return 0, err
	}
	z, err := wells.LogPartition(pot, c, 1, math.Inf(-1), math.Inf(1))
	if err != nil {
		return 0, err
	}
	return math.Exp(zl - z), nil
}

// ResetStudy is Landauer's reset to ONE with the barrier kept: the tilt f
// jumps 0 → a at t = 0 (the applied force), is held for hold (t0), and
// jumps back to 0 at t = hold, where the protocol stays for its last 10
// Monte Carlo steps; g = 1 throughout. The bit starts in
// equilibrium of the untilted element on side (0 both wells: an unknown
// bit; −1 the ZERO well, a bit that must switch) and must end on the right
// (ONE). It is time-symmetric. The Fokker–Planck twin takes steps time
// steps over the hold; dt is the Monte Carlo step.
func ResetStudy(barrier, a, hold float64, side, steps int, dt float64) (*erasure.Study, error) {
	if !(hold > 0) || math.IsInf(hold, 0) {
		return nil, fmt.Errorf("landauer1961: hold must be finite and > 0, got %v", hold)
	}
	if steps < 2 {
		return nil, errors.New("landauer1961: at least 2 Fokker–Planck steps")
	}
	pot := Potential(barrier)
	// The untilt jump sits 10 Monte Carlo steps before the end: a jump at
	// exactly the duration can be missed by the Monte Carlo integrator,
	// whose last step time n·(T/n) may round to just below T.
	dt = math.Min(dt, hold/10)
	pr, err := erasure.NewProtocol(erasure.KindKeyframes, pot, hold+10*dt, nil,
		map[string][][2]float64{"f": {{0, 0}, {0, a}, {hold, a}, {hold, 0}}})
	if err != nil {
		return nil, fmt.Errorf("landauer1961: %v", err)
	}
	return &erasure.Study{
		Potential: pot, Protocol: pr,
		Dynamics: langevin.Dynamics{Kind: langevin.Overdamped, Dt: dt, Friction: 1, Temperature: 1},
		Side:     side, Target: 1, Divide: 0,
		Method: erasure.FokkerPlanck, FPDt: (hold + 10*dt) / float64(steps),
	}, nil
}

// Reset is one reset solved by Fokker–Planck.
type Reset struct {
	Work, WorkErr float64 // ⟨W⟩ of the whole cycle, tilt on and off (kT), with its discretisation error
	Eps, EpsErr   float64 // mass on the ZERO side at the end, with its discretisation error
}

// SolveReset solves the reset of ResetStudy by Fokker–Planck, with the
// untilt done exactly: the density is solved under the tilt over the hold
// only, and the sudden untilt, which leaves the masses unchanged, adds the
// work Σ p(x)[U(x, 0) − U(x, a)] = 4E_b a⟨x⟩_T. (Solving the untilt as a
// protocol jump would let the density relax one whole Fokker–Planck step,
// hold/steps, in the untilted well; over holds of 10¹² t0 and more that
// step alone leaks hold/(2 steps τ0) ≫ e^{−2Δ} into the ZERO well.)
func SolveReset(ctx context.Context, barrier, a, hold float64, side, steps int) (Reset, error) {
	if !(hold > 0) || math.IsInf(hold, 0) {
		return Reset{}, fmt.Errorf("landauer1961: hold must be finite and > 0, got %v", hold)
	}
	pot := Potential(barrier)
	pr, err := erasure.NewProtocol(erasure.KindKeyframes, pot, hold, nil, map[string][][2]float64{"f": {{0, 0}, {0, a}}})
	if err != nil {
		return Reset{}, fmt.Errorf("landauer1961: %v", err)
	}
	s := &erasure.Study{Potential: pot, Protocol: pr, Dynamics: langevinOverdamped(hold),
		Side: side, Target: 1, Method: erasure.FokkerPlanck, FPDt: hold / float64(steps), Snapshots: 2}
	r, err := s.Run(ctx)
	if err != nil {
		return Reset{}, err
	}
	end := r.Snapshots[len(r.Snapshots)-1]
	h := end.X[1] - end.X[0]
	var mx float64
	for i, p := range end.P {
		mx += p * h * end.X[i]
	}
	k := 4 * barrier * a
	return Reset{
		Work: r.Work.Value + k*mx, WorkErr: r.Work.DiscretisationError() + 2*k*r.ErrorRate.DiscretisationError(),
		Eps: r.ErrorRate.Value, EpsErr: r.ErrorRate.DiscretisationError(),
	}, nil
}
