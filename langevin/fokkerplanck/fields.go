package fokkerplanck

import (
	"runtime"

	"github.com/landauer-dev/landauer/langevin"
)

// fieldSource supplies the field of time step k = 1, 2, …, steps in order
// (the field of step k is valid until field(k+1) is called).
type fieldSource interface {
	field(k int) *field
	close()
}

// newFieldSource returns a source for the control λ(τk/steps). Unless
// serial is set, only one processor is available or the problem is small,
// the fields are computed on a second goroutine, in batches ahead of the
// march: evaluating the potential and its weights costs about as much as the
// solves, so the two overlap.
func newFieldSource(g *grid, sch langevin.Schedule, steps int, first *field, serial bool) fieldSource {
	if serial || runtime.GOMAXPROCS(0) < 2 || len(g.x) < 256 || steps < 64 {
		return &serialFields{g: g, sch: sch, steps: steps, f: first}
	}
	return newParallelFields(g, sch, steps, first)
}

// stepTime is the time of step k.
func stepTime(sch langevin.Schedule, k, steps int) float64 {
	return sch.Duration() * float64(k) / float64(steps)
}

// serialFields computes each field when asked, reusing one field.
type serialFields struct {
	g     *grid
	sch   langevin.Schedule
	steps int
	f     *field
}

func (s *serialFields) field(k int) *field {
	if c := s.sch.At(stepTime(s.sch, k, s.steps)); c != s.f.ctl {
		s.g.set(s.f, c)
	}
	return s.f
}

func (s *serialFields) close() {}

// parallelFields computes the fields on a producer goroutine.
type parallelFields struct {
	ready, free chan *batch
	stop        chan struct{}
	cur         *batch
	k0          int // step of cur.view[0]
}

// batch holds the fields of consecutive steps. A field whose control did not
// change shares the arrays of its predecessor.
type batch struct {
	own  []*field // owned buffers
	view []field  // fields as seen by the consumer
	m    int      // number of steps held
}

func newParallelFields(g *grid, sch langevin.Schedule, steps int, first *field) *parallelFields {
	const batches, floats = 3, 1 << 18 // about 2 MB per batch
	size := max(1, min(floats/(3*len(g.x)), steps))
	p := &parallelFields{ready: make(chan *batch, batches), free: make(chan *batch, batches), stop: make(chan struct{})}
	for range batches {
		b := &batch{own: make([]*field, size), view: make([]field, size)}
		for j := range b.own {
			b.own[j] = g.newField()
		}
		p.free <- b
	}
	go p.produce(g, sch, steps, *first)
	return p
}

func (p *parallelFields) produce(g *grid, sch langevin.Schedule, steps int, prev field) {
	for k := 1; k <= steps; {
		var b *batch
		select {
		case b = <-p.free:
		case <-p.stop:
			return
		}
		b.m = min(len(b.view), steps-k+1)
		for j := 0; j < b.m; j, k = j+1, k+1 {
			c := sch.At(stepTime(sch, k, steps))
			own := b.own[j]
			switch {
			case c != prev.ctl:
				g.set(own, c)
				b.view[j] = *own
			case j > 0:
				b.view[j] = prev // shares the arrays of step k−1 in this batch
			default: // step k−1 lies in another batch, which may be recycled
				own.ctl = c
				copy(own.u, prev.u)
				copy(own.bp, prev.bp)
				copy(own.bm, prev.bm)
				b.view[j] = *own
			}
			prev = b.view[j]
		}
		select {
		case p.ready <- b:
		case <-p.stop:
			return
		}
	}
}

func (p *parallelFields) field(k int) *field {
	if p.cur == nil || k-p.k0 >= p.cur.m {
		if p.cur != nil {
			p.free <- p.cur
		}
		p.cur, p.k0 = <-p.ready, k
	}
	return &p.cur.view[k-p.k0]
}

func (p *parallelFields) close() { close(p.stop) }
