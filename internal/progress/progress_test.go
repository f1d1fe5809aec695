package progress

import (
	"strings"
	"testing"
	"time"
)

// A fake clock, lines drawn as the work advances.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestPlainLinesETA(t *testing.T) {
	c := &clock{time.Unix(0, 0)}
	var b strings.Builder
	m := New(&b, "job", 100, Options{Every: time.Second, Now: c.now, Unit: "units"})
	m.Skip(20) // found done: not part of the rate
	m.Set(20, "")
	c.t = c.t.Add(10 * time.Second)
	m.Set(30, "3/10") // 10 units in 10 s: 70 left → 70 s
	if d, ok := m.ETA(); !ok || d != 70*time.Second {
		t.Errorf("ETA %v %v, want 70s", d, ok)
	}
	m.Stop()
	// Stop's final line equals the last one: written once.
	want := "job: 3/10, 30.0% done, 1 units/s, elapsed 10s, ETA 1m10s\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestQuietAndNil(t *testing.T) {
	var b strings.Builder
	c := &clock{time.Unix(0, 0)}
	m := New(&b, "job", 10, Options{Every: time.Nanosecond, Quiet: true, Now: c.now})
	c.t = c.t.Add(time.Second)
	m.Set(5, "")
	m.Stop()
	if b.String() != "" {
		t.Errorf("quiet meter wrote %q", b.String())
	}
	var nilm *Meter
	nilm.Set(1, "")
	nilm.Skip(1)
	nilm.Line("x")
	nilm.Stop()
	if _, ok := nilm.ETA(); ok {
		t.Error("nil meter has an ETA")
	}
}

func TestBar(t *testing.T) {
	var b strings.Builder
	c := &clock{time.Unix(0, 0)}
	tty := true
	m := New(&b, "job", 10, Options{TTY: &tty, Now: c.now})
	c.t = c.t.Add(2 * time.Second)
	m.Set(5, "")
	m.mu.Lock()
	m.draw(false)
	m.mu.Unlock()
	m.Line("warning: x")
	m.Stop()
	s := b.String()
	if !strings.Contains(s, "\r\033[Kjob [===============>              ]  50.0%  elapsed 2s  ETA 2s") ||
		!strings.Contains(s, "\r\033[Kwarning: x\n") || !strings.HasSuffix(s, "ETA 2s\n") {
		t.Errorf("bar output %q", s)
	}
}

func TestFmt(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 42 * time.Second: "42s", 185 * time.Second: "3m05s", 7620 * time.Second: "2h07m"} {
		if got := Fmt(d); got != want {
			t.Errorf("Fmt(%v) = %q, want %q", d, got, want)
		}
	}
}

// Reports from several workers can arrive out of order; the meter keeps the
// largest (the defect: `run` ended on "2/8 blocks, 25 % done" when a late
// worker's report overtook the last one).
func TestSetNeverGoesBack(t *testing.T) {
	var b strings.Builder
	m := New(&b, "run", 8, Options{Quiet: true})
	m.Set(8, "8/8")
	m.Set(2, "2/8")
	if m.done != 8 || m.note != "8/8" {
		t.Errorf("done %v (%q) after a late smaller report, want 8 (\"8/8\")", m.done, m.note)
	}
	m.Stop()
}

// A library's cost model may refine its total as it goes (an optimiser's
// expected evaluations): Report moves the total and hence the ETA, and the
// plain line shows the fraction of the new total.
func TestReportRefinesTotal(t *testing.T) {
	c := &clock{time.Unix(0, 0)}
	var b strings.Builder
	m := New(&b, "optimize", 0, Options{Every: time.Second, Now: c.now})
	var f Func = m.Report
	c.t = c.t.Add(10 * time.Second)
	f(10, 100, "") // 1 unit/s: 90 left → 90 s
	if d, ok := m.ETA(); !ok || d != 90*time.Second {
		t.Errorf("ETA %v %v, want 1m30s", d, ok)
	}
	c.t = c.t.Add(10 * time.Second)
	f(20, 40, "round 2") // the model learnt the total is 40: 20 left at 1 unit/s
	if d, ok := m.ETA(); !ok || d != 20*time.Second {
		t.Errorf("ETA %v %v, want 20s", d, ok)
	}
	f(25, 0, "") // 0 keeps the total
	if m.total != 40 {
		t.Errorf("total %v after Report with total 0, want 40", m.total)
	}
	m.Stop()
	want := "optimize: 10.0% done, elapsed 10s, ETA 1m30s\noptimize: round 2, 50.0% done, elapsed 20s, ETA 20s\n"
	if got := b.String(); !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want prefix %q", got, want)
	}
	var nilm *Meter
	nilm.Report(1, 2, "")
}

// Steps of different costs: the meter's ETA after the cheap first step
// counts the expensive rest by cost, not by steps.
func TestSteps(t *testing.T) {
	c := &clock{time.Unix(0, 0)}
	var b strings.Builder
	m := New(&b, "paper", 0, Options{Every: time.Second, Now: c.now})
	s := NewSteps(m.Report, []float64{1, 3, 6})
	c.t = c.t.Add(2 * time.Second)
	s.Done("1/3") // 1 unit in 2 s: 9 units left → 18 s
	if d, ok := m.ETA(); !ok || d != 18*time.Second {
		t.Errorf("ETA %v %v, want 18s", d, ok)
	}
	s.Done("2/3")
	if s.Next() != 2 || s.Len() != 3 {
		t.Errorf("Next %d Len %d", s.Next(), s.Len())
	}
	s.Finish("3/3")
	s.Done("extra") // beyond the plan: nothing more
	if m.done != 10 || m.total != 10 {
		t.Errorf("done %v of %v, want 10 of 10", m.done, m.total)
	}
	m.Stop()
	var nils *Steps
	nils.Done("")
	nils.Finish("")
	NewSteps(nil, []float64{1}).Done("") // no Func: reports nothing
}

// Writer passes whole lines to Line, under the bar.
func TestWriter(t *testing.T) {
	var b strings.Builder
	tty := true
	m := New(&b, "paper", 10, Options{TTY: &tty, Now: (&clock{time.Unix(0, 0)}).now})
	m.mu.Lock()
	m.draw(false)
	m.mu.Unlock()
	w := m.Writer()
	w.Write([]byte("point 1 done\npoint "))
	w.Write([]byte("2 done\n"))
	if s := b.String(); !strings.Contains(s, "\r\033[Kpoint 1 done\n") || !strings.HasSuffix(s, "point 2 done\n") {
		t.Errorf("writer output %q", s)
	}
	var nilm *Meter
	if n, err := nilm.Writer().Write([]byte("x\n")); n != 2 || err != nil {
		t.Errorf("nil meter's writer: %d, %v", n, err)
	}
}
