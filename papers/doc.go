// Package papers holds reproductions of published results on the
// thermodynamics of erasure, one folder (package) per paper, each with a
// README giving the setup, the parameters and what the paper reports (cited),
// a config, and a test that checks the reproduction against the paper's
// stated results or exact numbers. `landauer paper NAME` runs one.
package papers
