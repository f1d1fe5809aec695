package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// longStudy would run for about an hour on one core (10^7 trajectories ×
// 10^5 steps); the tests below stop it with SIGTERM.
const longStudy = `
[potential]
kind = "jun"
[protocol]
kind = "four-stage"
duration = 100.0
[ensemble]
trajectories = 10000000
`

// TestSIGTERMStopsLongCommands is the regression test of SIGINT/SIGTERM
// being ignored for minutes (a Slurm time limit, Ctrl-C): the built binary
// runs `run`, `sweep` and `paper daemonicsigil` on inputs that would take
// hours, gets SIGTERM once it is working, and must exit soon after. The
// time to exit is logged (it is well under a second where the loops check
// their context); the test fails only past a generous 30 s, so that a
// loaded machine cannot make it flaky.
func TestSIGTERMStopsLongCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "landauer")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Skipf("cannot build the binary here: %v\n%s", err, out)
	}
	cfg := writeFile(t, "long.toml", longStudy)
	spec := writeFile(t, "spec.toml", longStudy+"\n[sweep]\nname = \"long\"\n[[sweep.axis]]\nkey = \"potential.barrier\"\nvalues = [6, 8]\n")
	for _, c := range []struct {
		name  string
		args  []string
		ready string // a line on stderr that says the long part has begun
	}{
		{"run", []string{"run", "--config", cfg, "--yes"}, "estimated cost"},
		{"sweep", []string{"sweep", spec, "--out", t.TempDir(), "--yes", "--shard", "0/1"}, "estimated cost"},
		{"paper", []string{"paper", "daemonicsigil", "--trajectories", "2000000000", "--out", ""}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			cmd.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=", "LANDAUER_SHARDS=")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string, 100)
			go func() {
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			var log []string
			if c.ready != "" {
				deadline := time.After(60 * time.Second)
			wait:
				for {
					select {
					case l, ok := <-lines:
						if !ok {
							cmd.Wait()
							t.Fatalf("exited before %q: %s", c.ready, strings.Join(log, "\n"))
						}
						log = append(log, l)
						if strings.Contains(l, c.ready) {
							break wait
						}
					case <-deadline:
						cmd.Process.Kill()
						t.Fatalf("no %q after 60 s: %s", c.ready, strings.Join(log, "\n"))
					}
				}
			}
			time.Sleep(1500 * time.Millisecond) // well inside the long loop
			sent := time.Now()
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				for l := range lines {
					log = append(log, l)
				}
				done <- cmd.Wait()
			}()
			select {
			case err := <-done:
				t.Logf("exited %v after SIGTERM (%v): %s", time.Since(sent).Round(time.Millisecond), err, strings.Join(log, " | "))
				if err == nil {
					t.Errorf("exit 0 after SIGTERM: the work cannot have finished")
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 30 s after SIGTERM: %s", strings.Join(log, "\n"))
			}
		})
	}
}
