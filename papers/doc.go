// Package papers holds reproductions of published results on the
// thermodynamics of erasure, one folder (package) per paper, each with a
// README giving the setup, the parameters and what the paper reports (cited),
// a config, and a test that checks the reproduction against the paper's
// stated results or exact numbers. `landauer paper NAME` runs one.
//
// Each paper package exports Paper() (a repro.Paper: name, title, citation
// and the function that runs it and builds its repro.Report); this package
// only lists them (List, Names, Lookup). papers/headline is the headline
// comparison that `landauer demo` runs; papers/repro is the interface they
// share, with the τ-sweep helper repro.Sweep.
package papers
