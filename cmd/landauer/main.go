// Command landauer simulates the thermodynamics of erasing a bit: Langevin
// trajectories (or the Fokker–Planck density) of a particle in a double well
// driven through an erasure protocol, with work, heat and error rates.
//
// Usage:
//
//	landauer demo [--quick] [--out DIR] [--workers N] [--seed N]
//	landauer init [POTENTIAL] [--sweep] [-o FILE]
//	landauer run [study.toml] [--set key=value]... [--format table|json|csv] [flags]
//	landauer vet [study.toml | SPEC.toml [--list]]
//	landauer sweep SPEC.toml --out DIR [--shard i/n] [--emit slurm|k8s] [flags]
//	landauer merge DIR... [-o results.csv] [--format csv|jsonl]
//	landauer optimize --config study.toml [--format table|json] [--out DIR]
//	landauer paper NAME [--out DIR] [--quick] [--format table|json] | paper --list
//	landauer plot TABLE... --kind KIND -o FIG.png|.svg|.tex [flags]
//	landauer well [study.toml] [--control NAME=V,...] [--storage T] [--barrier-for ERROR]
//	landauer help [topic]
//
// Exit status: 0 on success, 1 when a run fails, 2 for bad input (only),
// 3 for an internal error; a crash of the Go runtime dies by SIGABRT.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/landauer-dev/landauer/internal/safeio"
	"github.com/landauer-dev/landauer/results"
)

// usageError is bad input: the command exits with status 2.
type usageError struct{ error }

func badInput(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

const usage = `landauer: the thermodynamics of erasing a bit, by simulation.

Usage:
  landauer demo [--quick] [--out DIR] [--workers N] [--seed N]
                         the headline comparison: reliable erasure by time-asymmetric
                         and time-symmetric protocols (figure, verdict; under a minute)
  landauer init [POTENTIAL] [--sweep] [-o FILE]
                         write a commented starter config (or sweep spec)
  landauer run [study.toml] [--set key=value]... [--format table|json|csv] [-o FILE] [flags]
                         run one study (the embedded default when no config)
  landauer vet [study.toml | SPEC.toml [--list]]
                         check a config (or expand a sweep spec) without running it
  landauer sweep SPEC.toml --out DIR [--shard i/n] [--workers N]
                         run a sweep's points (sharded, resumable); --dry-run,
                         --emit slurm|k8s prints a cluster job instead
  landauer merge DIR... [-o results.csv] [--format csv|jsonl]
                         gather a sweep's point files into one table
  landauer plot TABLE... --kind KIND -o FIG.png|.svg|.tex [--x COL --y COL]
                         draw a figure (work-duration, work-error, error-duration,
                         retention, series, histogram, density) from a run's or a
                         merged sweep's table
  landauer optimize --config study.toml [--format table|json] [--out DIR]
                         the least-work protocol ([optimize] instead of [protocol]):
                         Fokker–Planck adjoint + BFGS, ε ≤ max_error; writes optimum.toml
  landauer paper NAME [--out DIR] [--quick] [--format table|json] [flags]
                         reproduce a published result: figure, CSV, numbers against
                         the paper's (landauer paper --list names them)
  landauer well [study.toml] [--control g=0.5,f=0] [--storage T] [--barrier-for ERROR]
                         storage properties of the potential: barrier, mean first-passage
                         time, relaxation rate, retention error; the barrier for a target
  landauer bench [--particles N] [--threads T] [--json]
                         the speed benchmark's workload (see bench/README.md)
  landauer help [config|potentials|protocols|fields|optimize]
                         this text, the config schema, the potential kinds, the protocols,
                         the output fields of run, the [optimize] table
  landauer version

Run 'landauer COMMAND --help' for a command's flags.

Exit status: 0 success; 1 a run that failed (a point, a file that could not
be written); 2 bad input, and only bad input (a config, flag or path that is
refused; inputs are limited to 64 MiB); 3 an internal error (a bug). A crash
of the Go runtime ends the process by SIGABRT (status 134), never 2.
`

func main() {
	// A runtime crash (a panic outside this goroutine, out of memory)
	// would exit with status 2, the status of bad input: make it abort
	// instead (SIGABRT), so that exit 2 always means bad input.
	debug.SetTraceback("crash")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// runMain runs a command and returns its exit status; a panic is an
// internal error (status 3) with its stack on stderr.
func runMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return guard(stderr, func() int { return exitCode(run(ctx, args, stdout, stderr), stderr) })
}

// guard returns f's status, or exitInternal when f panics.
func guard(stderr io.Writer, f func() int) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "landauer: internal error (a bug; please report it): %v\n%s", p, debug.Stack())
			code = exitInternal
		}
	}()
	return f()
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "landauer:", shortenError(err.Error()))
	var u usageError
	if errors.As(err, &u) || safeio.IsRefused(err) {
		return exitBadInput
	}
	return exitFailed
}

var errHelp = errors.New("help requested")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return badInput("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "demo":
		return cmdDemo(ctx, rest, stdout, stderr)
	case "run":
		return cmdRun(ctx, rest, stdout, stderr)
	case "vet":
		if sweepVetArgs(rest) {
			return cmdVetSweep(ctx, rest, stdout, stderr)
		}
		return cmdVet(rest, stdout, stderr)
	case "sweep":
		return cmdSweep(ctx, rest, stdout, stderr)
	case "merge":
		return cmdMerge(rest, stdout, stderr)
	case "plot":
		return cmdPlot(rest, stdout, stderr)
	case "bench":
		return cmdBench(ctx, rest, stdout, stderr)
	case "well":
		return cmdWell(ctx, rest, stdout, stderr)
	case "init":
		return cmdInit(rest, stdout, stderr)
	case "paper":
		return cmdPaper(ctx, rest, stdout, stderr)
	case "optimize":
		return cmdOptimize(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return cmdHelp(rest, stdout)
	case "version", "--version":
		fmt.Fprintln(stdout, "landauer", results.Version())
		return nil
	}
	fmt.Fprint(stderr, usage)
	return badInput("unknown command %q", cmd)
}
