package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

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
