package main

import (
	"fmt"
	"io"
	"os"

	"github.com/landauer-dev/landauer/erasure"
)

const initSynopsis = "init [POTENTIAL] [--sweep] [-o FILE]"

func cmdInit(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", initSynopsis, stderr)
	usage := fs.Usage
	fs.Usage = func() {
		fmt.Fprint(stderr, "Write a commented starter config for a potential kind (default jun; 'landauer help potentials' lists them).\n\n")
		usage()
	}
	sweep := fs.Bool("sweep", false, "write a sweep spec (a [sweep] table over protocol.duration) instead of a study config")
	out := fs.String("o", "", "write to this new file instead of standard output (an existing file is never replaced)")
	var kind string // the one positional argument
	if err := parseConfigArgs(fs, args, &kind); err != nil {
		return err
	}
	if kind == "" {
		kind = "jun"
	}
	text, err := erasure.StarterConfig(kind, *sweep)
	if err != nil {
		return badInput("init: %v", err)
	}
	if *out == "" {
		_, err = io.WriteString(stdout, text)
		return err
	}
	if _, err := os.Lstat(*out); err == nil {
		return badInput("init: %s exists; not replacing it", *out)
	}
	return erasure.WriteFileAtomic(*out, []byte(text))
}
