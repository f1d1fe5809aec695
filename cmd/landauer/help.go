package main

import (
	"fmt"
	"io"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/results"
)

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
		return erasure.WriteConfigHelp(w)
	case "protocols":
		return erasure.WriteProtocolsHelp(w)
	case "potentials":
		return erasure.WritePotentialsHelp(w)
	case "optimize":
		fmt.Fprint(w, optimizeHelp)
	case "fields":
		if err := results.WriteFieldsHelp(w); err != nil {
			return err
		}
		fmt.Fprint(w, wellFieldsHelp)
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
