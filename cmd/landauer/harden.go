package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/safeio"
)

// Exit statuses (see 'landauer help'): 0 success, 1 a run that failed
// (a point that failed, a file that could not be written), 2 bad input
// only, 3 an internal error (a panic: a bug, please report it). A crash
// of the Go runtime itself (a panic in a worker goroutine, a fatal error)
// ends the process with SIGABRT (status 134 in a shell), never with 2.
const (
	exitFailed   = 1
	exitBadInput = 2
	exitInternal = 3
)

// readInput reads a config, spec or protocol file through the input limit
// (safeio.MaxInput, 64 MiB); any failure is bad input naming the path.
func readInput(path string) ([]byte, error) {
	data, err := safeio.ReadFile(path, 0)
	if err != nil {
		return nil, usageError{err}
	}
	return data, nil
}

// checkOutput refuses an -o path that is not a regular file, is one of the
// inputs, or lies inside a sweep's points/ area (exit 2 naming the path).
func checkOutput(path string, inputs ...string) error {
	if err := safeio.CheckOutput(path, inputs...); err != nil {
		return usageError{err}
	}
	return nil
}

// checkOutDir refuses an output folder that exists and is not a directory
// (or a link to one), before any work is done.
func checkOutDir(flag, path string) error {
	if path == "" {
		return nil
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return badInput("%s %s: %v", flag, path, err)
	}
	if !st.IsDir() {
		return badInput("%s %s: exists and is not a directory", flag, path)
	}
	return nil
}

// maxQuoted is the most characters of one quoted value an error line shows.
const maxQuoted = 200

// maxErrorLine is the most characters of an error line.
const maxErrorLine = 2000

var quotedValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// shortenError keeps an error line readable whatever the input: each quoted
// value longer than maxQuoted characters is cut to its first maxQuoted with
// "… (N bytes)", and the line to maxErrorLine characters.
func shortenError(msg string) string {
	if len(msg) <= maxQuoted {
		return msg
	}
	msg = quotedValue.ReplaceAllStringFunc(msg, func(q string) string {
		if utf8.RuneCountInString(q) <= maxQuoted+2 {
			return q
		}
		return cutRunes(q, maxQuoted+1) + fmt.Sprintf(`…" (%d bytes)`, len(q)-2)
	})
	if utf8.RuneCountInString(msg) > maxErrorLine {
		msg = cutRunes(msg, maxErrorLine) + fmt.Sprintf("… (%d bytes in all)", len(msg))
	}
	return strings.ReplaceAll(msg, "\n", " ")
}

func cutRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// preflight checks a Monte Carlo study as run would meet it, so that run
// and vet refuse the same configs with exit 2 naming the key: the step
// count, the ensemble's settings, and the initial-state sampler (a
// potential too steep for its temperature to sample).
func preflight(s *erasure.Study) error {
	if s.Method == erasure.FokkerPlanck {
		return nil
	}
	e := s.Ensemble()
	if n := s.Protocol.Duration() / s.Dynamics.Dt; n > 1e12 {
		return badInput("config: protocol.duration / dynamics.dt = %.3g time steps, above 1e12: raise dynamics.dt or shorten protocol.duration", n)
	}
	if err := e.Validate(); err != nil {
		return badInput("config: %v", err)
	}
	if err := e.CheckStart(); err != nil {
		return badInput("config: potential and dynamics.temperature: %v", err)
	}
	return nil
}

// costFlags are --yes and --max-time of run and sweep.
type costFlags struct {
	yes     bool
	maxTime time.Duration
}

func (c *costFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&c.yes, "yes", false, "run even when the estimated wall time exceeds --max-time")
	fs.DurationVar(&c.maxTime, "max-time", 24*time.Hour, "refuse a run whose estimated wall time exceeds this, unless --yes (0: no ceiling)")
}

// quickCost is the particle-step count below which no estimate is made: a
// few seconds at the rates the benchmark measures (1e7–1e8 per core).
const quickCost = 1e8

// gate estimates the wall time of the Monte Carlo studies (their particle
// steps at the rate measured on the first, times the workers each uses),
// prints it on stderr when it is over a minute, and refuses it (exit 2)
// when it is over --max-time unless --yes. workers < 0 keeps each study's.
func (c *costFlags) gate(ctx context.Context, stderr io.Writer, studies []*erasure.Study, workers int) error {
	var steps, wall float64
	var first *erasure.Study
	for _, s := range studies {
		if s.Method == erasure.FokkerPlanck {
			continue
		}
		steps += float64(s.Trajectories) * float64(s.Ensemble().Steps())
		if first == nil {
			first = s
		}
	}
	if first == nil || steps < quickCost {
		return nil
	}
	rate, err := first.MeasureRate(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	for _, s := range studies {
		if s.Method == erasure.FokkerPlanck {
			continue
		}
		w := s.Workers
		if workers >= 0 {
			w = workers
		}
		if w == 0 {
			w = runtime.GOMAXPROCS(0)
		}
		w = max(1, min(w, s.Ensemble().Blocks()))
		wall += float64(s.Trajectories) * float64(s.Ensemble().Steps()) / (rate * float64(w))
	}
	est := time.Duration(min(wall, 1e9) * float64(time.Second)).Round(time.Second)
	if wall > 60 {
		fmt.Fprintf(stderr, "landauer: estimated cost: %.3g particle-steps, about %s at the measured %.3g particle-steps/s per worker\n",
			steps, est, rate)
	}
	if c.maxTime > 0 && wall > c.maxTime.Seconds() && !c.yes {
		return badInput("the estimated wall time %s (%.3g particle-steps) exceeds --max-time %s: pass --yes to run it anyway, or raise --max-time",
			est, steps, c.maxTime)
	}
	return nil
}

// flagGiven reports whether the flag name was given on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// quietParse parses flags without printing the usage on an error (the
// caller reports one line); -h still prints it.
func quietParse(fs *flag.FlagSet, args []string) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		usage()
	}
	return err
}
