package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/sweep"
)

const mergeSynopsis = `merge DIR [DIR|FILE ...] [-o results.csv] [--format csv|jsonl] [--allow-missing] [--timings]

Gathers the point files of one sweep (from one or more --out directories of
its shards) into one table, one row per point by index: the index, every
axis, and every result field, with units in the CSV header. Refuses files of
different sweeps; missing points are an error listing them (exit 1) unless
--allow-missing. The run times are left out unless --timings, so that a
merged table depends on the spec alone, however the sweep was sharded.`

func cmdMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", mergeSynopsis, stderr)
	out := fs.String("o", "", "write the table to this file (atomically) instead of standard output")
	format := fs.String("format", "", "csv or jsonl (default: from the -o extension, else csv)")
	allow := fs.Bool("allow-missing", false, "merge the points there are; only warn about missing ones")
	timings := fs.Bool("timings", false, "add the run time of each point (seconds), which differs from run to run")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return badInput("merge: no directory given (see 'landauer merge --help')")
	}
	if *format == "" {
		*format = "csv"
		if strings.HasSuffix(*out, ".jsonl") || strings.HasSuffix(*out, ".ndjson") {
			*format = "jsonl"
		}
	}
	if *format != "csv" && *format != "jsonl" {
		return badInput("--format must be csv or jsonl, got %q", *format)
	}
	if err := checkOutput(*out, pos...); err != nil {
		return err
	}
	files, err := results.PointFiles(pos...)
	if err != nil {
		return badInput("merge: %v", err)
	}
	if len(files) == 0 {
		return badInput("merge: no point files in %s", strings.Join(pos, ", "))
	}
	m, err := results.Merge(files, results.MergeOptions{AllowMissing: *allow, Timings: *timings})
	if err != nil {
		var me *results.MissingError
		if errors.As(err, &me) {
			return fmt.Errorf("merge: %v (rerun their shards, or pass --allow-missing)", err)
		}
		return usageError{err} // the files given are not one sweep's sound point files
	}
	// Each directory's spec.toml, where there is one, must be this sweep.
	for _, p := range pos {
		data, err := safeio.ReadFile(filepath.Join(p, "spec.toml"), 0)
		if err != nil {
			continue
		}
		if sw, err := sweep.Parse(data); err == nil && sw.Hash != m.Hash {
			return badInput("merge: %s/spec.toml is sweep %.16s but its points are %.16s: refusing to merge", p, sw.Hash, m.Hash)
		}
	}
	if len(m.Missing) > 0 {
		fmt.Fprintf(stderr, "landauer: merge: warning: %d of %d points missing: %s\n", len(m.Missing), m.Total, results.Ranges(m.Missing))
	}
	var buf bytes.Buffer
	if *format == "jsonl" {
		err = m.WriteJSONL(&buf)
	} else {
		err = m.WriteCSV(&buf)
	}
	if err != nil {
		return err
	}
	if *out != "" {
		return erasure.WriteFileAtomic(*out, buf.Bytes())
	}
	_, err = stdout.Write(buf.Bytes())
	return err
}
