package sweep

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/landauer-dev/landauer/internal/safeio"
)

// checkPointsDir checks, before PrepareDir writes a missing spec.toml, that
// every point and checkpoint file already in dir/points belongs to this
// sweep: a directory whose spec.toml was deleted is not taken over by
// another spec (which would then refuse the original spec from its own
// directory).
func (sw *Spec) checkPointsDir(dir string) error {
	ents, err := os.ReadDir(filepath.Join(dir, "points"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || !strings.HasSuffix(n, ".json") {
			continue
		}
		path := filepath.Join(dir, "points", n)
		data, err := safeio.ReadFile(path, 0)
		if err != nil {
			return err
		}
		var h struct {
			SpecHash string `json:"spec_hash"`
		}
		if json.Unmarshal(data, &h) != nil || h.SpecHash == "" {
			continue // unreadable: rewritten when its point runs
		}
		if h.SpecHash != sw.Hash {
			return fmt.Errorf("%s is of sweep %.16s, not this spec's %.16s (%q), and %s is missing: %w; use another --out",
				path, h.SpecHash, sw.Hash, sw.Name, filepath.Join(dir, "spec.toml"), ErrOtherSweep)
		}
	}
	return nil
}

// LockPath is the lock file of point p in dir, held while a process runs
// the point.
func LockPath(dir string, p int) string {
	return filepath.Join(dir, "points", fmt.Sprintf("%06d.lock", p))
}

// ErrPointBusy is returned by RunPoint for a point that another live
// process is running (its lock file names the host and PID).
var ErrPointBusy = errors.New("point is being run by another process")

// lockStale is how old a lock of another host may get before it counts as
// stale: its holder refreshes it after every block and every minute (see
// lockPoint), so an hour without a refresh means the holder is gone.
const lockStale = time.Hour

// lockPoint takes the lock of point p: a file created exclusively, holding
// "host pid". A lock left by a process that no longer runs (same host, PID
// gone) or not refreshed for lockStale (another host) is stale and taken
// over. It returns a refresh function (touch the lock; cheap, at most once
// a minute) and a release function, or ErrPointBusy naming the holder.
func lockPoint(dir string, p int) (refresh, release func(), err error) {
	path := LockPath(dir, p)
	host, _ := os.Hostname()
	me := fmt.Sprintf("%s %d\n", host, os.Getpid())
	for try := 0; try < 2; try++ {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(me)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return nil, nil, werr
			}
			var last atomic.Int64 // unix ns of the last refresh; refresh runs on several goroutines
			last.Store(time.Now().UnixNano())
			refresh = func() {
				now := time.Now()
				if old := last.Load(); now.UnixNano()-old > int64(time.Minute) && last.CompareAndSwap(old, now.UnixNano()) {
					os.Chtimes(path, now, now)
				}
			}
			release = func() {
				if b, err := os.ReadFile(path); err == nil && string(b) == me {
					os.Remove(path)
				}
			}
			return refresh, release, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, nil, err
		}
		holder, stale := lockHolder(path, host)
		if !stale {
			return nil, nil, fmt.Errorf("point %d: %w (%s; lock %s)", p, ErrPointBusy, holder, path)
		}
		os.Remove(path) // stale: take it over
	}
	return nil, nil, fmt.Errorf("point %d: could not take the lock %s", p, path)
}

// lockHolder describes a lock's holder and says whether the lock is stale.
func lockHolder(path, host string) (string, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return "", true
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", true
	}
	h, pidText, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	pid, perr := strconv.Atoi(pidText)
	who := fmt.Sprintf("host %s, PID %s", h, pidText)
	if perr != nil || h == "" {
		return who, time.Since(st.ModTime()) > lockStale
	}
	if h == host {
		return who, !processAlive(pid)
	}
	return who, time.Since(st.ModTime()) > lockStale
}
