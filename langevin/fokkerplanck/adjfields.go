package fokkerplanck

import (
	"runtime"

	"github.com/landauer-dev/landauer/langevin"
	"github.com/landauer-dev/landauer/wells"
)

// adjField is the potential of one time step with its weights and their
// slopes.
type adjField struct {
	k      int // time step, −1 when unset
	ctl    wells.Control
	u      []float64
	bp, bm []float64 // B(Δᵢ), B(−Δᵢ), as in field
	m, mm  []float64 // −B'(Δᵢ), −B'(−Δᵢ)
}

func newAdjField(n int) *adjField {
	buf := make([]float64, 5*n)
	return &adjField{k: -1, u: buf[:n:n], bp: buf[n : 2*n : 2*n], bm: buf[2*n : 3*n : 3*n],
		m: buf[3*n : 4*n : 4*n], mm: buf[4*n:]}
}

// set computes af for step k, copying prev (when not nil) if it has the
// same control (the forward march reuses the field then: the same numbers).
func (af *adjField) set(g *grid, sch langevin.Schedule, k, steps int, prev *adjField) {
	ctl := sch.At(stepTime(sch, k, steps))
	if prev != nil && prev.ctl == ctl {
		copy(af.u, prev.u)
		copy(af.bp, prev.bp)
		copy(af.bm, prev.bm)
		copy(af.m, prev.m)
		copy(af.mm, prev.mm)
	} else {
		g.pot.Eval(ctl, g.x, af.u, nil)
		rates(af.u, af.bp, af.bm, g.beta)
		slopes(af.u, af.bp, af.bm, af.m, af.mm, g.beta)
	}
	af.k, af.ctl = k, ctl
}

// adjFields supplies the fields of the backward pass. The steps asked for
// never increase by more than two from the smallest asked so far (the
// backward pass needs steps j+1, j and j−1 in pass j), and a field stays
// valid while it is within two steps of the smallest step asked.
type adjFields interface {
	at(k int) *adjField
	close()
}

// newAdjFields returns a serial source, or one that computes the fields on
// a second goroutine, ahead of the backward pass, under the same conditions
// as newFieldSource.
func newAdjFields(g *grid, sch langevin.Schedule, steps int, serial bool) adjFields {
	if serial || runtime.GOMAXPROCS(0) < 2 || len(g.x) < 256 || steps < 64 {
		s := &serialAdjFields{g: g, sch: sch, steps: steps}
		for j := range s.ring {
			s.ring[j] = newAdjField(len(g.x))
		}
		return s
	}
	return newParallelAdjFields(g, sch, steps)
}

// serialAdjFields computes each field when first asked, in a ring of three.
type serialAdjFields struct {
	g     *grid
	sch   langevin.Schedule
	steps int
	ring  [3]*adjField
}

func (s *serialAdjFields) at(k int) *adjField {
	af := s.ring[k%3]
	if af.k == k {
		return af
	}
	var prev *adjField
	if nb := s.ring[(k+1)%3]; nb.k == k+1 {
		prev = nb
	}
	af.set(s.g, s.sch, k, s.steps, prev)
	return af
}

func (s *serialAdjFields) close() {}

// parallelAdjFields computes the fields for k = steps, steps−1, …, 0 on a
// producer goroutine, a few steps ahead.
type parallelAdjFields struct {
	ready, free chan *adjField
	stop        chan struct{}
	held        []*adjField // received, in decreasing k
}

func newParallelAdjFields(g *grid, sch langevin.Schedule, steps int) *parallelAdjFields {
	const buffers = 12 // three in use, the rest ahead
	p := &parallelAdjFields{ready: make(chan *adjField, buffers), free: make(chan *adjField, buffers),
		stop: make(chan struct{}), held: make([]*adjField, 0, buffers)}
	for range buffers {
		p.free <- newAdjField(len(g.x))
	}
	go func() {
		var prev *adjField
		for k := steps; k >= 0; k-- {
			var af *adjField
			select {
			case af = <-p.free:
			case <-p.stop:
				return
			}
			// prev (step k+1) is still held by the consumer or queued: the
			// consumer releases a field only once it has received one more
			// than two steps below it.
			af.set(g, sch, k, steps, prev)
			prev = af
			select {
			case p.ready <- af:
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

func (p *parallelAdjFields) at(k int) *adjField {
	for len(p.held) == 0 || p.held[len(p.held)-1].k > k {
		p.held = append(p.held, <-p.ready)
	}
	// release what lies more than two steps above the smallest received
	low := p.held[len(p.held)-1].k
	drop := 0
	for drop < len(p.held) && p.held[drop].k > low+2 {
		p.free <- p.held[drop]
		drop++
	}
	if drop > 0 {
		p.held = append(p.held[:0], p.held[drop:]...)
	}
	for _, af := range p.held {
		if af.k == k {
			return af
		}
	}
	panic("fokkerplanck: backward pass asked for a released field")
}

func (p *parallelAdjFields) close() { close(p.stop) }
