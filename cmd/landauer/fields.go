package main

// fieldsHelp is `landauer help fields`: the output fields of `landauer run`
// (table, JSON and CSV), with units. Keep it in step with README.md's
// "Output fields" table.
const fieldsHelp = `Output fields of 'landauer run' (JSON keys; CSV column names, with the units on the
CSV's '# units: name=unit,...' comment line and the provenance on '# key: value' lines).
Energies in kT of the reference bath (the table adds eV and J at dynamics.kelvin);
times in the dynamics' time unit (t0 = γL²/kT overdamped).

field                         meaning                                                     unit
method, potential, protocol,  what was run                                                —
  dynamics, duration                                                                      t0
work_mean, work_sem           mean Sekimoto work W = Σ U(x_n, λ_{n+1}) − U(x_n, λ_n), SE  kT
work_err                      Fokker–Planck only: discretisation error of work_mean       kT
heat_mean, heat_sem, heat_err mean heat into the bath Q = W − ΔU (− ΔK − W_shadow underd.) kT
delta_u_mean, delta_u_sem     mean change of the potential energy                         kT
errors, error_rate            trajectories ending on the wrong side, and their fraction ε —
error_low, error_high         95 % Wilson interval of ε (an upper bound when none seen)   —
error_rate_err                Fokker–Planck only: discretisation error of ε               —
landauer_bound                kT[ln 2 − H(ε)]: least mean work to reach error ε            kT
symmetric_bound               ½(1 − 2ε) ln((1 − ε)/ε): least work, time-symmetric         kT
jarzynski, jarzynski_sem      −ln⟨e^{−W}⟩ (biased low for erasures)                        kT
free_energy_change            exact ΔF = −ln(Z(λ(τ))/Z(λ(0)))                              kT
jarzynski_detailed, _sem,     ⟨e^{−W} 1[x_τ on target]⟩ and its exact value               —
  jarzynski_detailed_exact      Z_target(λ(τ))/Z(λ(0))
kinetic_temperature, _sem     underdamped only: ⟨m v²⟩ at the end                         kT
shadow_work_mean,             underdamped only: the integrator's shadow work, and its SE  kT
  shadow_work_sem
work_histogram                JSON only, Monte Carlo: counts of W in bins of 0.1 kT       kT
snapshots                     JSON only, Fokker–Planck with --snapshots N: t, x, u, p     t0, L, kT, 1/L
entropy_production, cells     Fokker–Planck only: (W − ΔF_neq)/kT, and the grid           nats, —
trajectories, steps, dt,      what was run, and the wall time                             —, —, t0, —, s
  seed, seconds
kelvin, kT_eV, kT_J           the reference temperature and kT in eV and J                K, eV, J
integrator, weak_order        Monte Carlo: the time-stepping scheme and its weak order    —
work_bias, work_bias_sem      Monte Carlo: time-step bias of work_mean and its SE, from   kT
                                a shared-noise run at 2dt; likewise for
heat_bias, heat_bias_sem        heat_mean,                                                kT
error_rate_bias, error_rate_bias_sem   error_rate,                                        —
kinetic_temperature_bias, kinetic_temperature_bias_sem   kinetic_temperature              kT
checks                        exact checks of the run (absent when none apply)            —
schema_version                version of this layout (now 2; CSV: a comment line)         —
version, go_version           the engine's version (tag, or git revision),               —
                                and the Go toolchain that built it (CSV: comment lines)
generator                     the normal generator (equal seeds give equal bits only     —
                                under the same one; CSV: a comment line)
command_line                  the command that produced the result (CSV: a comment line)  —
config                        the study config as run (TOML, --set applied; CSV: one      —
                                '# config: ' line per TOML line)
Schema: docs/schema/run.schema.json (JSON Schema 2020-12, every field with unit and doc).

'landauer well --format json' has its own fields: barrier, barrier_back (kT), mfpt, mfpt_back
({value, log, err} in t0), kramers_rate, kramers_rate_back (1/t0), relaxation_rate ({value, err},
1/t0), minima, maxima ({x, u, curvature, cusp}), retention ({storage, two_state, fokker_planck,
error, method}); absent where not applicable.
`
