// Package progress shows the progress of a long computation on a writer
// (standard error): a bar with the estimated time to completion redrawn in
// place on a terminal, a plain line every interval otherwise (cluster logs),
// nothing when quiet.
//
// Work is measured in cost units chosen by the caller (for a Monte Carlo
// run: trajectories × time steps; for a Fokker–Planck solve: grid cells ×
// time steps). The estimate is
//
//	ETA = (total − done) / rate,   rate = (done − skipped) / elapsed,
//
// where skipped is the work done before this process started (points or
// blocks restored from files), so that a resumed computation is not
// credited with an infinite rate for the work it found done.
//
// A Meter has no package-level state; its clock and writer are injected.
// All methods of a nil *Meter do nothing, so callers need not test for
// quiet.
package progress

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Options configure a Meter.
type Options struct {
	// Every is the interval between plain lines when the writer is not a
	// terminal; 0 or less: no plain lines (the final line is still
	// written by Stop when Final is set).
	Every time.Duration
	// Quiet: write nothing except Line messages.
	Quiet bool
	// TTY forces (true) the bar; nil detects a terminal on the writer.
	TTY *bool
	// Now is the clock (time.Now when nil). With an injected clock the
	// meter starts no ticker: lines are drawn when the work advances.
	Now func() time.Time
	// Unit names the cost unit in the rate ("particle-steps"); empty: no
	// rate is shown.
	Unit string
}

// Meter tracks done work against a total cost. Its methods may be called
// from several goroutines.
type Meter struct {
	mu      sync.Mutex
	w       io.Writer
	label   string
	total   float64
	done    float64
	skipped float64
	note    string
	opt     Options
	tty     bool
	began   time.Time
	last    time.Time // last plain line
	drawn   bool      // a bar is on the current terminal line
	prev    string
	quit    chan struct{}
	wg      sync.WaitGroup
	stopped bool
	manual  bool // clock injected: no ticker, lines drawn as work advances
	shown   bool // a line or bar was written: Stop writes the final state
}

// IsTerminal reports whether w is a character device (a terminal).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// New returns a meter of the given total cost writing to w, started now.
// label starts every line ("sweep", "run"). Call Stop when done.
func New(w io.Writer, label string, total float64, opt Options) *Meter {
	m := &Meter{w: w, label: label, total: total, opt: opt, quit: make(chan struct{})}
	if opt.TTY != nil {
		m.tty = *opt.TTY
	} else {
		m.tty = IsTerminal(w)
	}
	if m.opt.Now == nil {
		m.opt.Now = time.Now
	} else {
		m.manual = true
	}
	m.began = m.opt.Now()
	m.last = m.began
	every := opt.Every
	if m.tty {
		every = 250 * time.Millisecond
	}
	if !opt.Quiet && every > 0 && !m.manual {
		m.wg.Add(1)
		go func() {
			defer m.wg.Done()
			t := time.NewTicker(every)
			defer t.Stop()
			for {
				select {
				case <-m.quit:
					return
				case <-t.C:
					m.mu.Lock()
					m.draw(false)
					m.mu.Unlock()
				}
			}
		}()
	}
	return m
}

// Set records the work done so far (in cost units, skipped work
// included) and a note shown with it ("3/15 points").
func (m *Meter) Set(done float64, note string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if done < m.done {
		return // progress never goes back: a report overtaken by a later one (callbacks from several workers)
	}
	m.done, m.note = done, note
	if m.manual && !m.tty {
		m.maybeLine()
	}
}

// Func is how a library reports progress without knowing the display:
// done and total in its cost units (total may change as its cost model
// learns; 0 keeps the last total), and a note ("3/15 points"). A Meter's
// Report is one; nil means no one is listening.
type Func func(done, total float64, note string)

// Report sets the total (when total > 0) and records done as Set does: a
// Func for libraries whose cost model refines its total as it goes (an
// optimiser's expected evaluations). A total that changes moves the ETA,
// never the work done.
func (m *Meter) Report(done, total float64, note string) {
	if m == nil {
		return
	}
	if total > 0 {
		m.mu.Lock()
		m.total = total
		m.mu.Unlock()
	}
	m.Set(done, note)
}

// Skip records work found done (restored from a file): it counts as done
// but not towards the rate.
func (m *Meter) Skip(cost float64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.skipped += cost
	m.mu.Unlock()
}

// ETA is the estimated time left and whether an estimate exists (some work
// of this process done).
func (m *Meter) ETA() (time.Duration, bool) {
	if m == nil {
		return 0, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.eta(m.opt.Now())
}

func (m *Meter) eta(now time.Time) (time.Duration, bool) {
	el := now.Sub(m.began).Seconds()
	work := m.done - m.skipped
	if m.done >= m.total {
		return 0, true
	}
	if work <= 0 || el <= 0 {
		return 0, false
	}
	return time.Duration((m.total - m.done) / (work / el) * float64(time.Second)), true
}

// Line writes msg on a line of its own (under the bar on a terminal); it
// is written even when quiet.
func (m *Meter) Line(msg string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clearBar()
	fmt.Fprintln(m.w, msg)
}

// Stop ends the ticker and writes the final state, when an earlier state
// was shown (a computation shorter than one interval prints nothing).
func (m *Meter) Stop() {
	if m == nil {
		return
	}
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return
	}
	m.stopped = true
	m.mu.Unlock()
	close(m.quit)
	m.wg.Wait()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown {
		m.draw(true)
	}
	m.clearBar()
}

func (m *Meter) clearBar() {
	if m.drawn {
		fmt.Fprint(m.w, "\r\033[K")
		m.drawn = false
	}
}

// maybeLine writes a plain line when the interval has passed (injected
// clock only); m.mu is held.
func (m *Meter) maybeLine() {
	if m.opt.Quiet || m.opt.Every <= 0 {
		return
	}
	if now := m.opt.Now(); now.Sub(m.last) >= m.opt.Every {
		m.draw(false)
	}
}

// Fmt formats a duration for people: 0s, 42s, 3m05s, 2h07m.
func Fmt(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// draw writes the current state; m.mu is held. A terminal gets the bar
// (final: followed by a newline), anything else a plain line when it
// differs from the previous one.
func (m *Meter) draw(final bool) {
	if m.opt.Quiet || m.total <= 0 {
		return
	}
	now := m.opt.Now()
	el := now.Sub(m.began)
	eta := "?"
	if d, ok := m.eta(now); ok {
		eta = Fmt(d)
	}
	frac := min(1, m.done/m.total)
	r := ""
	if w := m.done - m.skipped; m.opt.Unit != "" && w > 0 && el > 0 {
		r = fmt.Sprintf(", %.3g %s/s", w/el.Seconds(), m.opt.Unit)
	}
	note := ""
	if m.note != "" {
		note = m.note + ", "
	}
	if !m.tty {
		line := fmt.Sprintf("%s: %s%.1f%% done%s, elapsed %s, ETA %s", m.label, note, 100*frac, r, Fmt(el), eta)
		m.last = now
		if line != m.prev {
			fmt.Fprintln(m.w, line)
			m.prev = line
			m.shown = true
		}
		return
	}
	const width = 30
	n := int(width * frac)
	bar := strings.Repeat("=", n)
	if n < width {
		bar += ">" + strings.Repeat(" ", width-n-1)
	}
	fmt.Fprintf(m.w, "\r\033[K%s [%s] %s%5.1f%%%s  elapsed %s  ETA %s", m.label, bar, note, 100*frac, r, Fmt(el), eta)
	m.drawn, m.shown = true, true
	if final {
		fmt.Fprintln(m.w)
		m.drawn = false
	}
}

// Steps follows work made of steps of known estimated cost done one after
// another (the studies of a demo or a paper's points), and reports it to
// a Func: done is the estimated cost of the steps finished, total the sum
// of all. The measured rate (done per second) then calibrates the
// estimate, so only the ratio of the steps' costs needs to be right.
type Steps struct {
	f     Func
	cost  []float64
	total float64
	done  float64
	next  int
}

// NewSteps returns a Steps of the given costs reporting to f (nil: a Steps
// that reports nothing), and reports the start.
func NewSteps(f Func, cost []float64) *Steps {
	s := &Steps{f: f, cost: cost}
	for _, c := range cost {
		s.total += c
	}
	s.report("")
	return s
}

// Done marks the next step finished, with a note ("3/20 points"). Steps
// beyond the plan count nothing.
func (s *Steps) Done(note string) {
	if s == nil {
		return
	}
	if s.next < len(s.cost) {
		s.done += s.cost[s.next]
		s.next++
	}
	s.report(note)
}

// Finish reports everything done (a plan that ended with steps to spare).
func (s *Steps) Finish(note string) {
	if s == nil {
		return
	}
	s.done, s.next = s.total, len(s.cost)
	s.report(note)
}

// Len is the number of steps planned, Next the number finished.
func (s *Steps) Len() int  { return len(s.cost) }
func (s *Steps) Next() int { return s.next }

func (s *Steps) report(note string) {
	if s.f != nil && s.total > 0 {
		s.f(s.done, s.total, note)
	}
}

// Writer returns a writer that passes each complete line written to it to
// Line (under the bar on a terminal): for libraries that log to an
// io.Writer. A nil meter's writer discards.
func (m *Meter) Writer() io.Writer {
	if m == nil {
		return io.Discard
	}
	return &lineWriter{m: m}
}

type lineWriter struct {
	m   *Meter
	buf []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.m.Line(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
}
