// Package results holds what is reported about an erasure study and how
// it is written and read back: the registry of result fields and the
// table I/O.
//
// Fields returns the registry: for each reported quantity its name (the
// JSON key and CSV column), unit (kT of the bath for energies, t0 for
// times, nats, s, K, eV, J; "" when dimensionless), JSON type, one-line
// doc, the method (monte-carlo or fokker-planck) and dynamics it belongs
// to, its axis label and fit symbol, and how its value is read from an
// erasure.Result. Everything below is generated from it: the CSV columns
// and "# units:" line of Write, the result columns of a merged sweep
// table (Merge), `landauer help fields` (WriteFieldsHelp), README.md's
// field table (FieldsMarkdown) and the axis labels of figures
// (AxisLabel, Symbol); tests hold docs/schema/run.schema.json and
// README.md to it.
//
// A quantity that does not apply to a result (the other method's error
// bar, a standard error of one trajectory, the kinetic temperature of
// overdamped dynamics) is absent from the JSON and an empty CSV cell,
// never 0, NaN or null.
//
// Write writes one result as a table, JSON or CSV; Provenance is what a
// run records beside it (schema version, build version, generator,
// command line, config). Merge reads the sealed point files of a sweep
// (checksums: internal/seal), refuses files of other sweeps or other
// normal generators, and builds the merged table (WriteCSV, WriteJSONL).
package results
