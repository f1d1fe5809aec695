package headline

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/stats"
	"github.com/landauer-dev/landauer/wells"
)

// The quick demo is run once and shared by the tests that look at it.
var (
	quickOnce sync.Once
	quickRes  *Result
	quickErr  error
	// quickReports are what the quick run's Observe was told.
	quickReports [][2]float64
)

func quickDemo(t *testing.T) *Result {
	t.Helper()
	quickOnce.Do(func() {
		d := New(true)
		d.Observe = func(done, total float64, _ string) { quickReports = append(quickReports, [2]float64{done, total}) }
		quickRes, quickErr = d.Run(context.Background())
	})
	if quickErr != nil {
		t.Fatal(quickErr)
	}
	return quickRes
}

// The demo's design choices hold for the bit it builds: the barrier is at
// least what retention at the target error asks for, the tilt leaves one
// well, the lift goes past the height at which the left well vanishes (and
// with the lifted potential's default width no lift would do), the Monte
// Carlo step resolves the wells, and the Fokker–Planck curves pass through
// the Monte Carlo durations.
func TestDemoDesign(t *testing.T) {
	for _, quick := range []bool{false, true} {
		d := New(quick)
		if err := d.validate(); err != nil {
			t.Fatalf("quick=%v: %v", quick, err)
		}
		if d.Barrier < erasure.BarrierForError(d.TargetError) || d.Barrier > 50 {
			t.Errorf("barrier %g kT outside [ln(1/ε) = %.1f, 50]", d.Barrier, erasure.BarrierForError(d.TargetError))
		}
		if d.Tilt <= 2/(3*math.Sqrt(3)) {
			t.Errorf("tilt A = %g does not leave a single well (needs > 2/(3√3))", d.Tilt)
		}
		lifted := wells.Lifted{Barrier: d.Barrier, Width: d.LiftWidth}
		hv := erasure.LiftVanishHeight(lifted)
		if !(hv > 2*d.Barrier && hv < d.LiftHeight/1.15) {
			t.Errorf("left well vanishes at h = %.1f kT; want above 2E_b = %g and 15 %% below the lift H = %g", hv, 2*d.Barrier, d.LiftHeight)
		}
		// Just past hv the left well is gone; just below it is there.
		if !math.IsInf(erasure.LiftVanishHeight(wells.Lifted{Barrier: d.Barrier, Width: 0.1}), 1) {
			t.Error("with the default step width 0.1 the left well should survive any lift below 100 E_b")
		}
		for _, tau := range d.Durations {
			dt := d.MonteCarloDt(tau)
			if dt*8*d.Barrier > 0.0601 || tau/dt < float64(d.MinSteps)*0.999 {
				t.Errorf("τ = %g: dt = %g: k dt = %.3g at the wells, %g steps", tau, dt, dt*8*d.Barrier, tau/dt)
			}
		}
		fp := d.FPDurations()
		if len(fp) != (len(d.Durations)-1)*d.Refine+1 {
			t.Errorf("%d Fokker–Planck durations for %d Monte Carlo ones, refine %d", len(fp), len(d.Durations), d.Refine)
		}
		for i, tau := range d.Durations {
			if fp[i*d.Refine] != tau {
				t.Errorf("FP duration %d = %g, want the Monte Carlo duration %g", i*d.Refine, fp[i*d.Refine], tau)
			}
		}
		if !slices.IsSorted(fp) || d.Durations[0] != 1 || d.Durations[len(d.Durations)-1] != 100 {
			t.Errorf("durations %v, curves at %v", d.Durations, fp)
		}
	}
}

func TestDemoValidate(t *testing.T) {
	for name, mod := range map[string]func(*Demo){
		"no durations":       func(d *Demo) { d.Durations = nil },
		"decreasing":         func(d *Demo) { d.Durations = []float64{10, 1} },
		"zero duration":      func(d *Demo) { d.Durations = []float64{0, 1} },
		"no trajectories":    func(d *Demo) { d.Trajectories = map[string]int{FourStage: 10} },
		"target error ½":     func(d *Demo) { d.TargetError = 0.5 },
		"infinite barrier":   func(d *Demo) { d.Barrier = math.Inf(1) },
		"no min steps":       func(d *Demo) { d.MinSteps = 0 },
		"negative curvature": func(d *Demo) { d.DtCurvature = -1 },
	} {
		d := New(true)
		mod(d)
		if _, err := d.Run(context.Background()); err == nil || !strings.HasPrefix(err.Error(), "demo: ") {
			t.Errorf("%s: error %v, want one starting with \"demo: \"", name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(true).Run(ctx); err == nil {
		t.Error("a cancelled demo reported no error")
	}
}

// The quick demo obeys the physics it is meant to show (PHYSICS.md §1):
//   - every protocol reaches the target error (Fokker–Planck; Monte Carlo
//     sees no error at all, as n·ε ≪ 1), with small discretisation errors;
//   - the four-stage work lies above Landauer's bound with error
//     ln 2 − H(ε) and falls with τ;
//   - the time-symmetric protocols' work lies above
//     ½(1−2ε) ln((1−ε)/ε) ≈ 17 kT;
//   - Monte Carlo and Fokker–Planck agree within 5 standard errors plus
//     the discretisation error and the Euler–Maruyama bias (≤ 0.03 kT at
//     these steps, see Demo.DtCurvature) at every point;
//   - the verdict quotes the computed numbers.
func TestDemoQuickPhysics(t *testing.T) {
	res := quickDemo(t)
	d := res.Demo
	rows := res.Rows()
	nOpt := 0
	for _, run := range res.Runs {
		if run.Protocol.Optimal {
			nOpt += len(run.Taus)
			if len(run.Taus) < 2 || run.Taus[0] != d.Durations[0] || run.Taus[len(run.Taus)-1] != d.Durations[len(d.Durations)-1] {
				t.Errorf("%s ran at τ = %v: the shipped protocols must cover the quick demo's first and last τ %v", run.Protocol.Kind, run.Taus, d.Durations)
			}
		}
	}
	if len(res.Runs) != 5 || len(rows) != 3*len(d.Durations)+nOpt {
		t.Fatalf("%d runs, %d rows, want 5 and %d", len(res.Runs), len(rows), 3*len(d.Durations)+nOpt)
	}
	prev := map[string]Row{}
	for _, row := range rows {
		name := fmt.Sprintf("%s τ = %.3g", row.Protocol.Kind, row.Tau)
		mc, fp := row.MC, row.FP
		if mc.Duration != fp.Duration || mc.Protocol != row.Protocol.Kind || fp.Method != erasure.FokkerPlanck || mc.Method != erasure.MonteCarlo {
			t.Fatalf("%s: row pairs %s %s τ = %g with %s %s τ = %g", name, mc.Method, mc.Protocol, mc.Duration, fp.Method, fp.Protocol, fp.Duration)
		}
		if !row.Reliable || !(row.Epsilon > 0) {
			t.Errorf("%s: ε = %.3g ± %.2g, want (0, %g]", name, row.Epsilon, row.EpsilonErr, d.TargetError)
		}
		if fp.Work.DiscretisationError() > 0.01 || row.EpsilonErr > 0.05*row.Epsilon {
			t.Errorf("%s: Fokker–Planck discretisation errors ⟨W⟩ ± %.2g kT, ε = %.3g ± %.2g: too large", name, fp.Work.DiscretisationError(), row.Epsilon, row.EpsilonErr)
		}
		if float64(mc.Trajectories)*row.Epsilon < 1e-3 && mc.Errors != 0 {
			t.Errorf("%s: Monte Carlo saw %d errors in %d where Fokker–Planck expects %.2g", name, mc.Errors, mc.Trajectories, float64(mc.Trajectories)*row.Epsilon)
		}
		wantBound := erasure.LandauerBound(row.Epsilon)
		if row.Protocol.Symmetric {
			wantBound = erasure.SymmetricBound(row.Epsilon)
			if wantBound < 0.5*math.Log(1/d.TargetError)-0.1 {
				t.Errorf("%s: time-symmetric bound %.2f kT at ε = %.2g, want ≳ ½ ln(1/ε_target)", name, wantBound, row.Epsilon)
			}
		}
		if row.Bound != wantBound {
			t.Errorf("%s: bound %v, want %v", name, row.Bound, wantBound)
		}
		if mc.Work.Value < row.Bound-5*mc.Work.StandardError() || fp.Work.Value < row.Bound {
			t.Errorf("%s: ⟨W⟩ MC %.3f ± %.3f, FP %.4f below the bound %.3f kT", name, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, row.Bound)
		}
		if diff := math.Abs(mc.Work.Value - fp.Work.Value); diff > 5*mc.Work.StandardError()+fp.Work.DiscretisationError()+0.03 {
			t.Errorf("%s: ⟨W⟩ MC %.3f ± %.3f, FP %.4f ± %.1g: %.1f standard errors apart", name, mc.Work.Value, mc.Work.StandardError(), fp.Work.Value, fp.Work.DiscretisationError(), diff/mc.Work.StandardError())
		}
		if p, ok := prev[row.Protocol.Kind]; ok && row.Protocol.Kind == FourStage {
			se := math.Hypot(p.MC.Work.StandardError(), mc.Work.StandardError())
			if !(fp.Work.Value < p.FP.Work.Value) || mc.Work.Value > p.MC.Work.Value+5*se {
				t.Errorf("four-stage ⟨W⟩ does not fall from τ = %.3g to %.3g: MC %.3f → %.3f (± %.3f), FP %.4f → %.4f",
					p.Tau, row.Tau, p.MC.Work.Value, mc.Work.Value, se, p.FP.Work.Value, fp.Work.Value)
			}
		}
		prev[row.Protocol.Kind] = row
	}
	// Far above Landauer at τ = 1 and within a fraction of a kT at τ = 100.
	fs := res.Run(FourStage)
	first, last := fs.FPAt(d, 0), fs.FPAt(d, len(d.Durations)-1)
	if !(first.Work.Value > 5 && last.Work.Value-math.Ln2 < 0.25 && last.Work.Value > math.Ln2) {
		t.Errorf("four-stage ⟨W⟩ = %.3f kT at τ = %g and %.3f kT at τ = %g; want > 5 and within 0.25 kT above ln 2",
			first.Work.Value, first.Duration, last.Work.Value, last.Duration)
	}

	v := res.Verdict(&stats.InverseFit{Inf: 0.7, InfSE: 0.01, B: 16, BSE: 1, N: 3})
	for _, want := range []string{
		fmt.Sprintf("τ = %.3g t0", last.Duration),
		fmt.Sprintf("Fokker–Planck %.3f kT", last.Work.Value),
		fmt.Sprintf("ε = %.2g", last.ErrorRate.Value),
		fmt.Sprintf("%.1f kT (symmetric-tilt", res.Run(SymmetricTilt).FP[len(res.Run(SymmetricTilt).FP)-1].Work.Value),
		fmt.Sprintf("%.1f kT at ε = %.2g", erasure.SymmetricBound(d.TargetError), d.TargetError),
		"reaches ε ≤ 1e-15 at every τ",
		"W∞ = 0.700 ± 0.010 kT",
		"price of hand-written time-symmetric control",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("verdict lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "BELOW") {
		t.Errorf("verdict reports a bound violation:\n%s", v)
	}

	var b strings.Builder
	if err := res.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != len(rows)+2 {
		t.Errorf("table has %d lines, want %d:\n%s", n, len(rows)+2, b.String())
	}
	if got := len(res.Results()); got != 3*(len(d.Durations)+len(d.FPDurations()))+2*nOpt {
		t.Errorf("%d results", got)
	}
	tau, w, sem := res.FitData()
	if len(tau) < 3 || len(w) != len(tau) || len(sem) != len(tau) || tau[0] < d.FitMinTau {
		t.Errorf("fit data τ = %v", tau)
	}
}

// The verdict follows the numbers: a failed reliability or a broken bound
// is reported, not hidden.
func TestDemoVerdictReportsFailures(t *testing.T) {
	res := quickDemo(t)
	// A copy with the four-stage error at the first duration pushed above
	// the target and a time-symmetric work pushed below its bound.
	cp := &Result{Demo: res.Demo}
	for _, run := range res.Runs {
		nr := ProtocolRun{Protocol: run.Protocol, Taus: run.Taus, Stride: run.Stride}
		for _, r := range run.MC {
			c := *r
			nr.MC = append(nr.MC, &c)
		}
		for _, r := range run.FP {
			c := *r
			nr.FP = append(nr.FP, &c)
		}
		cp.Runs = append(cp.Runs, nr)
	}
	cp.Run(FourStage).FPAt(cp.Demo, 0).ErrorRate.Value = 1e-9
	st := cp.Run(SymmetricTilt)
	n := len(cp.Demo.Durations) - 1
	st.FPAt(cp.Demo, n).Work.Value = 1
	st.MC[n].Work = stats.Mean(1, 0.1)
	v := cp.Verdict(nil)
	for _, want := range []string{"misses ε ≤ 1e-15 at τ = 1 t0", "BELOW their bound"} {
		if !strings.Contains(v, want) {
			t.Errorf("verdict lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "time-symmetric control, not of reliability") {
		t.Errorf("verdict draws the conclusion from failed runs:\n%s", v)
	}
}

// The floors of the quick demo, from the shipped least-work protocols
// (issue 11): each is reliable (Fokker–Planck ε plus its discretisation
// error ≤ the target), lies above its class's bound (the time-symmetric
// one above ½(1−2ε)ln((1−ε)/ε) ≈ 17.3 kT, the time-asymmetric one above
// ln 2 − H(ε) and the full-control bound when given), the time-asymmetric
// floor costs no more than the four-stage protocol and the time-symmetric
// one no more than the hand-written time-symmetric protocols, at every τ;
// the table and the verdict state them.
func TestDemoFloors(t *testing.T) {
	res := quickDemo(t)
	floors := res.Floors()
	if len(floors) < 4 {
		t.Fatalf("%d floors, want the two classes at ≥ 2 durations", len(floors))
	}
	for _, f := range floors {
		name := fmt.Sprintf("%s τ = %.3g", f.Row.Protocol.Kind, f.Row.Tau)
		if !f.Row.Reliable {
			t.Errorf("%s: ε = %.3g ± %.2g misses the target", name, f.Row.Epsilon, f.Row.EpsilonErr)
		}
		if f.Row.FP.Work.Value < f.Bound || f.Row.MC.Work.Value+5*f.Row.MC.Work.StandardError() < f.Bound {
			t.Errorf("%s: W* = %.4f (MC %.3f ± %.3f) below the bound %.4f kT", name, f.Row.FP.Work.Value, f.Row.MC.Work.Value, f.Row.MC.Work.StandardError(), f.Bound)
		}
		if !(f.Row.FP.Work.Value <= f.Hand+f.Row.FP.Work.DiscretisationError()) {
			t.Errorf("%s: W* = %.4f kT above the hand-written %s (%.4f kT)", name, f.Row.FP.Work.Value, f.HandKind, f.Hand)
		}
		if !math.IsNaN(f.FullControl) {
			t.Errorf("%s: full-control bound %v without Demo.FullControlBound", name, f.FullControl)
		}
	}
	// With a full-control bound the time-asymmetric floors lie above it.
	cp := *res
	d := *res.Demo
	cp.Demo = &d
	d.FullControlBound = func(eps, tau float64) float64 { return erasure.LandauerBound(eps) + 1.8/tau } // W₂² ≈ x_m² ≈ 1.8 for this bit
	for _, f := range cp.Floors() {
		if f.Row.Protocol.Symmetric != math.IsNaN(f.FullControl) {
			t.Errorf("%s τ = %.3g: full-control bound %v", f.Row.Protocol.Kind, f.Row.Tau, f.FullControl)
		}
	}
	var b strings.Builder
	if err := res.WriteFloors(&b); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != len(floors)+4 {
		t.Errorf("floors table has %d lines, want %d:\n%s", n, len(floors)+4, b.String())
	}
	v := res.Verdict(nil)
	first := floors[0]
	for _, want := range []string{
		fmt.Sprintf("The time-asymmetric floor (g and f optimised, ε ≤ 1e-15): W* = %.3f", first.Row.FP.Work.Value),
		"The time-symmetric floor",
		"½ ln(1/ε) ≈ 17 kT with time-symmetric control",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("verdict lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Check the shipped") {
		t.Errorf("verdict reports a failed floor:\n%s", v)
	}
}

// Every shipped optimal protocol loads, lasts τ + erasure.DemoSettle and starts
// and ends at the storage controls; an unknown τ or potential has none.
func TestShippedOptimal(t *testing.T) {
	d := New(false)
	jun := wells.Jun{Barrier: d.Barrier, Tilt: d.Tilt}
	for _, kind := range []string{OptimalAsymmetric, OptimalSymmetric} {
		n := 0
		for _, tau := range d.Durations {
			p, ok, err := erasure.ShippedOptimal(kind, jun, tau)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			n++
			// The shipped τ agrees with the demo's to rounding (LogDurations
			// computes 10^1.5 one ulp off the config's 31.622776601683793).
			shipped := p.Duration() - erasure.DemoSettle
			if math.Abs(shipped-tau) > 1e-12*tau {
				t.Errorf("%s τ = %g: lasts %v", kind, tau, p.Duration())
			}
			rest := jun.Rest()
			for _, c := range []wells.Control{p.At(0), p.At(shipped), p.At(p.Duration())} {
				if c != rest {
					t.Errorf("%s τ = %g: controls %v, want the storage controls %v", kind, tau, c, rest)
				}
			}
		}
		if n < 2 {
			t.Errorf("%s: %d shipped durations of %v", kind, n, d.Durations)
		}
	}
	if _, ok, err := erasure.ShippedOptimal(OptimalAsymmetric, jun, 2); ok || err != nil {
		t.Errorf("τ = 2: ok %v, err %v; want none", ok, err)
	}
	if _, ok, err := erasure.ShippedOptimal(OptimalAsymmetric, wells.Jun{Barrier: 30, Tilt: 1}, 1); ok || err != nil {
		t.Errorf("30 kT bit: ok %v, err %v; want none", ok, err)
	}
	if _, _, err := erasure.ShippedOptimal(FourStage, jun, 1); err == nil {
		t.Error("four-stage: no error")
	}
}

// Demo.Observe (the progress display's cost model) is told of the start,
// every study (the Monte Carlo points and the Fokker–Planck solves) and the
// end, with a fixed positive total, work that never goes back, and the end
// at the total.
func TestDemoObserve(t *testing.T) {
	res := quickDemo(t)
	studies := 0
	for _, r := range res.Runs {
		studies += len(r.MC) + len(r.FP)
	}
	if len(quickReports) != studies+2 {
		t.Fatalf("%d reports for %d studies, want %d", len(quickReports), studies, studies+2)
	}
	total := quickReports[0][1]
	prev := 0.0
	for i, r := range quickReports {
		if r[1] != total || !(total > 0) || r[0] < prev {
			t.Errorf("report %d: %g of %g after %g", i, r[0], r[1], prev)
		}
		prev = r[0]
	}
	if last := quickReports[len(quickReports)-1]; last[0] != total {
		t.Errorf("ends at %g of %g", last[0], total)
	}
}

// The quick run as a reproduction: the report carries the fit and the
// slowest point of each protocol against its class's bound, its summary is
// the verdict report line by line, and the files are the demo's.
func TestReport(t *testing.T) {
	out, err := quickDemo(t).Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r, err := report(out, dir)
	if err != nil {
		t.Fatal(err)
	}
	if out.Fit == nil {
		t.Fatal("no fit of the quick demo's four-stage points")
	}
	if v, ok := r.Number("w_inf"); !ok || v != out.Fit.Inf {
		t.Errorf("w_inf = %v, %v; fit %v", v, ok, out.Fit.Inf)
	}
	for _, k := range []string{"w_inf_se", "b", "b_se", "four_stage_slowest_work_mean", "symmetric_tilt_slowest_fp_work", "optimal_symmetric_slowest_error_rate"} {
		if v, ok := r.Number(k); !ok || math.IsNaN(v) {
			t.Errorf("%s = %v, %v", k, v, ok)
		}
	}
	// One comparison for the fit, one per protocol; the hand-written
	// time-symmetric ones lie far above kT ln 2 and above their bound.
	if len(r.Comparisons) != 1+len(out.Result.Runs) {
		t.Errorf("%d comparisons for %d protocols", len(r.Comparisons), len(out.Result.Runs))
	}
	if got := strings.Join(r.Summary, "\n") + "\n"; got != string(out.Report) {
		t.Errorf("summary is not the verdict report:\n%s", got)
	}
	if len(r.Results) != len(out.Result.Results()) {
		t.Errorf("%d results, want %d", len(r.Results), len(out.Result.Results()))
	}
	if len(r.Files) != len(Files()) {
		t.Errorf("files %v, want %v", r.Files, Files())
	}
	for _, name := range Files() {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(dir, "verdict.txt")); err != nil || string(got) != string(out.Report) {
		t.Errorf("verdict.txt differs from the report (%v)", err)
	}
}
