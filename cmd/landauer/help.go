package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/results"
	"github.com/landauer-dev/landauer/wells"
)

const configHelp = `A study config is TOML; unknown keys are errors. Defaults in brackets.

[potential]
kind = "jun"            # required; see 'landauer help potentials'
barrier = 8.0           # kind-specific parameters by name

[protocol]
kind = "four-stage"     # required: four-stage, symmetric-tilt, lift-one-well, hold, keyframes
duration = 8.0          # required: τ in the time unit (γL²/kT overdamped)
# height = 20.0         # lift-one-well: the lift H (kT)
# [protocol.keyframes]  # kind = "keyframes": per control, [time, value] points,
# g = [[0, 1], [2, 0]]  #   linear between, a jump where two points share a time

[dynamics]
kind = "overdamped"     # [overdamped] or underdamped (BAOAB)
integrator = "heun"     # overdamped: [heun] (weak order 2) or euler-maruyama (order 1); underdamped: [baoab]
dt = 1e-3               # [1e-3] time step; refused beyond the stability limit (vet says it)
friction = 1.0          # [1] γ
mass = 1.0              # [1] m (underdamped)
temperature = 1.0       # [1] bath kT in units of the reference kT
kelvin = 300.0          # [300] reference temperature for the eV and J columns

[initial]
state = "equilibrium"   # [equilibrium] (exact Boltzmann samples of U(x, λ(0))), left or right

[measure]
target = "right"        # [right] or left: the side the bit must end on
divide = 0.0            # [0] ending on the other side of x = divide is an error

[ensemble]
trajectories = 10000    # [10000]
seed = 1                # [1] never taken from the clock
workers = 0             # [0 = all cores] never changes the numbers
block_size = 512        # [512] trajectories per random stream (part of a run's identity)
kernel = "auto"         # [auto] or scalar, avx2, avx512: the hot loops' instruction set and with it
                        # the normal generator; scalar gives the same numbers on every machine

[solver]
method = "monte-carlo"  # [monte-carlo] or fokker-planck (overdamped only)
cells = 2000            # Fokker–Planck grid cells
dt = 1e-3               # Fokker–Planck time step
snapshots = 5           # [0] keep the density at 5 evenly spaced times (for plot --kind density)
`

const protocolHelp = `Protocols λ(t) over [0, τ] (controls not named stay at the potential's rest value):

four-stage      needs g, f: four equal linear stages g 1→0; f 0→1; g 0→1; f 1→0
                (lower the barrier, tilt, raise the barrier, untilt: time-asymmetric)
symmetric-tilt  needs g, f: g = 1 throughout; f 0→1 by τ/2, then 1→0 (time-symmetric)
lift-one-well   needs h: h 0→H over τ/3, hold H, H→0 over the last τ/3 (parameter height = H)
hold            the potential stays at rest (retention)
keyframes       any controls: [protocol.keyframes] control = [[t0, v0], [t1, v1], ...]
`

const optimizeHelp = `landauer optimize --config study.toml: a study config (see 'landauer help config')
whose [protocol] table is replaced by [optimize]; one optimisation per (duration, max_error).

[optimize]
duration = 10.0               # required: τ, or a list [1.0, 10.0, 100.0] (the front)
class = "asymmetric"          # asymmetric | symmetric (λ(t) = λ(τ−t)) | full (potential kind "shaped")
controls = ["g", "f"]         # the optimised controls (full: all, may be left out)
nodes = 12                    # [12] K interior nodes per control, plus free values at 0⁺ and τ⁻ (jumps)
max_error = 1e-15             # optional: ε ≤ max_error (or a list); no constraint when absent
# settle = 0.5                # [0] hold the end controls this long after τ, then measure ε
#                             #   (ε at τ itself counts mass still crossing the barrier top as stored)
# cells = 600                 # [600] optimisation grid (Fokker–Planck cells) ...
# steps = 4000                # [τ/2.5e-3, 1000 … 20000] ... and time steps; the optimum is re-solved on [solver]'s grid
# starts = ["four-stage", "palindrome", "linear"]   # initial protocols (restarts)
[optimize.bounds]             # optional: control = [low, high]
g = [-1.0, 2.0]
f = [-2.0, 2.0]
[optimize.start]              # optional: λ(0) per control [the potential's rest value]
[optimize.end]                # optional: λ(τ) per control [the potential's rest value]

Output: ⟨W⟩ and ε of the optimum re-solved by Fokker–Planck with their discretisation errors,
iterations, convergence, whether the error constraint binds. --out DIR writes optimum.toml,
which 'landauer run --config DIR/optimum.toml' runs by Monte Carlo or (--method fokker-planck)
Fokker–Planck, and the figures paths.png and density.png (with CSV). Exit 1 when max_error
cannot be met (the message gives the best ε reached).
`

func cmdHelp(args []string, w io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(w, usage)
		return nil
	}
	switch args[0] {
	case "config":
		fmt.Fprint(w, configHelp)
		fmt.Fprint(w, "\n"+erasure.RangesHelp())
	case "protocols":
		fmt.Fprint(w, protocolHelp)
	case "optimize":
		fmt.Fprint(w, optimizeHelp)
	case "fields":
		if err := results.WriteFieldsHelp(w); err != nil {
			return err
		}
		fmt.Fprint(w, wellFieldsHelp)
	case "potentials":
		for _, k := range wells.Kinds() {
			fmt.Fprintf(w, "%s\n    %s\n", k.Name, k.Formula)
			if len(k.Controls) > 0 {
				fmt.Fprintf(w, "    controls: %s\n", strings.Join(k.Controls, ", "))
			}
			for _, p := range k.Params {
				fmt.Fprintf(w, "    %-10s [%g] %s\n", p.Name, p.Default, p.Doc)
			}
		}
	default:
		return badInput("unknown help topic %q (have config, potentials, protocols, fields, optimize)", args[0])
	}
	return nil
}

// wellFieldsHelp ends `landauer help fields` (the run's fields come from
// the results registry).
const wellFieldsHelp = `
'landauer well --format json' has its own fields: barrier, barrier_back (kT), mfpt, mfpt_back
({value, log, err} in t0), kramers_rate, kramers_rate_back (1/t0), relaxation_rate ({value, err},
1/t0), minima, maxima ({x, u, curvature, cusp}), retention ({storage, two_state, fokker_planck,
error, method}); absent where not applicable.
`
