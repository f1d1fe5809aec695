package jun2014

import (
	"context"
	"flag"
	"math"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

var why = flag.Bool("why", false, "the README's analysis of the full-erasure a: fit ranges and stages by Fokker–Planck (≈ 1 min)")

// upTo is Table II stopped at time T (t0): the controls stay at their
// values at T, so its work is that of the stages before T.
type upTo struct {
	p Protocol
	T float64
}

func (u upTo) Duration() float64 { return u.T }
func (u upTo) Kind() string      { return "jun2014-up-to" }
func (u upTo) At(t float64) wells.Control {
	if t >= u.T {
		t = u.T
		if t >= u.p.Tau {
			return u.p.At(u.p.Tau)
		}
	}
	return u.p.At(t)
}

// fpStages returns the exact work of each quarter of Table II at τ (τ0).
func fpStages(t *testing.T, A, tau float64) [4]float64 {
	t.Helper()
	var w [4]float64
	prev := 0.0
	for k := 1; k <= 4; k++ {
		s, err := Study(A, tau)
		if err != nil {
			t.Fatal(err)
		}
		p := s.Protocol.(Protocol)
		s.Protocol, s.Method = upTo{p: p, T: p.Tau * float64(k) / 4}, erasure.FokkerPlanck
		r, err := s.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		w[k-1] = r.Work.Value - prev
		prev = r.Work.Value
	}
	return w
}

// TestWhyA (-args -why) is the README's "Why the full-erasure a differs":
//   - the fit range: 16 points spaced evenly in ln τ (the paper's design),
//     equal weights, over several ranges: no range starting at 0.5…4 τ0
//     gives a within 4 PaperASE of 1.39 (a ≥ 1.82; from 0.25 τ0, a quarter
//     of the paper's shortest cycle, a = 1.68 but W∞ = 0.785: logged),
//     while the no-erasure a stays within 0.04 of 1.48;
//   - W or Q: for A = 0.5 the fit to ⟨Q⟩ gives a within 0.02 of ⟨W⟩'s;
//   - the tilt amplitude A = 0.4 … 0.6: a = 1.74 … 2.11, never within 3
//     PaperASE of 1.39;
//   - the stages: the slow-limit a of each quarter, 128·(W(64) − W(128));
//     the lowering is the same with and without tilt, and the stages add up
//     to the whole cycle's work.
func TestWhyA(t *testing.T) {
	if !*why {
		t.Skip("-args -why runs it")
	}
	for _, A := range []float64{Tilt, 0} {
		for _, r := range [][2]float64{{0.25, 64}, {0.5, 64}, {1, 64}, {2, 64}, {4, 64}, {1, 32}, {1, 16}} {
			var taus, ws []float64
			for i := range PaperPoints {
				tau := r[0] * math.Pow(r[1]/r[0], float64(i)/float64(PaperPoints-1))
				taus, ws = append(taus, tau), append(ws, fpWorkAt(t, A, tau))
			}
			fit, err := stats.FitInverse(taus, ws, nil)
			if err != nil {
				t.Fatal(err)
			}
			wi, a := fit.Inf, fit.B
			t.Logf("A = %g, 16 points over %g–%g τ0: W∞ = %.4f kT, a = %.4f kT·τ0", A, r[0], r[1], wi, a)
			if A == Tilt && r[0] >= 0.5 && math.Abs(a-PaperA) < 4*PaperASE() {
				t.Errorf("range %v gives a = %.4f, within 4 SE of 1.39", r, a)
			}
			if A == 0 && math.Abs(a-PaperNoA) > 0.04 {
				t.Errorf("no erasure, range %v: a = %.4f", r, a)
			}
		}
	}
	// The tilt amplitude: A is 0.5 in the paper; a smaller A (still
	// > 2/(3√3) = 0.385, one well when the barrier returns) drags the
	// distribution less, but even at A = 0.4 the exact a is 1.74, 4.0
	// PaperASE above 1.39 (asserted: > 3).
	for _, A := range []float64{0.4, 0.45, 0.5, 0.6} {
		var rs []erasure.Result
		for _, tau := range Durations(false) {
			s, err := Study(A, tau)
			if err != nil {
				t.Fatal(err)
			}
			s.Method = erasure.FokkerPlanck
			r, err := s.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, *r)
		}
		f, err := FitWork(rs, FitMin)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("A = %g: W∞ = %.4f kT, a = %.4f kT·τ0 over 1–64 τ0 (%.1f PaperASE above 1.39); ε = %.2g at 64 τ0", A, f.Inf, f.B, (f.B-PaperA)/PaperASE(), rs[len(rs)-1].ErrorRate.Value)
		if f.B-PaperA < 3*PaperASE() {
			t.Errorf("A = %g gives a = %.4f, within 3 SE of 1.39: update README", A, f.B)
		}
		if A == Tilt {
			// The heat ⟨Q⟩ = ⟨W⟩ − ⟨ΔU⟩ instead of the work.
			qs := make([]erasure.Result, len(rs))
			var du float64
			for i, r := range rs {
				qs[i] = r
				qs[i].Work.Value = r.Heat.Value
				du = math.Max(du, math.Abs(r.DeltaU.Value))
			}
			q, err := FitWork(qs, FitMin)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("A = %g: a from ⟨Q⟩ %.4f, from ⟨W⟩ %.4f kT·τ0; max |⟨ΔU⟩| = %.4f kT", A, q.B, f.B, du)
			if math.Abs(q.B-f.B) > 0.02 {
				t.Errorf("a from ⟨Q⟩ %.4f vs ⟨W⟩ %.4f", q.B, f.B)
			}
		}
	}
	var low [2]float64
	for c, A := range []float64{Tilt, 0} {
		s64, s128 := fpStages(t, A, 64), fpStages(t, A, 128)
		var sum float64
		for k := range 4 {
			sum += s64[k]
		}
		total := fpWorkAt(t, A, 64)
		t.Logf("A = %g: stage a (kT·τ0) lower %.3f, tilt %.3f, raise %.3f, untilt %.3f; sum %.3f; W(64) stages %.5f, whole %.5f",
			A, 128*(s64[0]-s128[0]), 128*(s64[1]-s128[1]), 128*(s64[2]-s128[2]), 128*(s64[3]-s128[3]),
			128*(s64[0]+s64[1]+s64[2]+s64[3]-s128[0]-s128[1]-s128[2]-s128[3]), sum, total)
		if math.Abs(sum-total) > 1e-3 {
			t.Errorf("A = %g: stages add to %.5f, the whole cycle %.5f", A, sum, total)
		}
		low[c] = 128 * (s64[0] - s128[0])
	}
	if math.Abs(low[0]-low[1]) > 1e-6 {
		t.Errorf("the lowering differs with the tilt: %v", low)
	}
}
