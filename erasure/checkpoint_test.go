package erasure

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func checkpointStudy(t *testing.T, extra string) *Study {
	t.Helper()
	cfg, err := ParseConfig([]byte(`
[potential]
kind = "jun"
barrier = 4.0
[protocol]
kind = "four-stage"
duration = 0.3
[ensemble]
trajectories = 1500   # 24 blocks, the last one short
block_size = 64
workers = 2
seed = 11
` + extra))
	if err != nil {
		t.Fatal(err)
	}
	s, err := cfg.Study()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sameResult compares two results, leaving out the run time.
func sameResult(t *testing.T, got, want *Result) {
	t.Helper()
	g, w := *got, *want
	g.Seconds, w.Seconds = 0, 0
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		t.Errorf("resumed run differs from the uninterrupted run:\n got %s\nwant %s", gb, wb)
	}
}

// interrupt runs s from `from`, cancelling after `after` more blocks, and
// returns the last saved state after a JSON round trip.
func interrupt(t *testing.T, s *Study, from *MCState, after int, every time.Duration) *MCState {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu    sync.Mutex
		saved []byte
		seen  int
		saves int
	)
	_, err := s.RunResumable(ctx, Checkpoint{
		From:  from,
		Every: every,
		Save: func(st *MCState) error {
			b, err := json.Marshal(st)
			if err != nil {
				return err
			}
			mu.Lock()
			saved, saves = b, saves+1
			mu.Unlock()
			return nil
		},
		Progress: func(done, total int) {
			mu.Lock()
			seen++
			if seen >= after {
				cancel()
			}
			mu.Unlock()
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	if saves == 0 {
		t.Fatal("no checkpoint saved")
	}
	var st MCState
	if err := json.Unmarshal(saved, &st); err != nil {
		t.Fatal(err)
	}
	return &st
}

// Interrupting a run (twice) and resuming from the saved states gives the
// same bits as an uninterrupted run.
func TestCheckpointResumeBitIdentical(t *testing.T) {
	for _, dyn := range []string{"overdamped", "underdamped"} {
		t.Run(dyn, func(t *testing.T) {
			s := checkpointStudy(t, "[dynamics]\nkind = \""+dyn+"\"\n")
			want, err := s.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			st := interrupt(t, s, nil, 5, 0)
			if st.Done() < 5 || st.Done() >= 24 || st.Blocks != 24 {
				t.Fatalf("state after 5 blocks: %d done of %d", st.Done(), st.Blocks)
			}
			st2 := interrupt(t, s, st, 7, time.Hour) // only the final save
			if st2.Done() < st.Done()+7 {
				t.Fatalf("second interruption: %d done, want ≥ %d", st2.Done(), st.Done()+7)
			}
			var last atomic.Int64
			got, err := s.RunResumable(context.Background(), Checkpoint{From: st2, Progress: func(d, n int) {
				for {
					l := last.Load()
					if int64(d) <= l || last.CompareAndSwap(l, int64(d)) {
						return
					}
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if last.Load() != 24 {
				t.Errorf("progress ended at %d of 24 blocks", last.Load())
			}
			sameResult(t, got, want)
		})
	}
}

func TestCheckpointStateMismatch(t *testing.T) {
	s := checkpointStudy(t, "")
	st := interrupt(t, s, nil, 3, 0)
	bad := []func(*MCState){
		func(st *MCState) { st.Blocks = 25 },
		func(st *MCState) { st.Next = 30 },
		func(st *MCState) { st.Total.Work.Count++ },
		func(st *MCState) { st.Pending = map[int]Tally{23: {}} },
		func(st *MCState) { st.Pending = map[int]Tally{st.Next: {}} },
	}
	for i, f := range bad {
		c := *st
		f(&c)
		if _, err := s.RunResumable(context.Background(), Checkpoint{From: &c}); err == nil || !strings.HasPrefix(err.Error(), "checkpoint:") {
			t.Errorf("case %d: error %v", i, err)
		}
	}
}
