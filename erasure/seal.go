package erasure

// A sweep's point and checkpoint files carry "generator" (the normal
// generator that produced them, Study.Generator) and "checksum" (written
// and checked by internal/seal). A file edited by hand, or damaged, no
// longer matches: it is reported and recomputed by sweep, and refused by
// merge (package results).

// Generator is the name of the normal generator the study's Monte Carlo
// runs draw from (langevin.Kernel.Generator of Study.Kernel), recorded in
// results, point files and checkpoints.
func (s *Study) Generator() string { return s.Kernel.Generator() }
