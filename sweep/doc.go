// Package sweep holds what a sweep is and how it runs: a spec (a study
// config plus a [sweep] table of axes, Parse), its points (Spec.Point, each
// a complete erasure.Study with the seed PointSeed(spec seed, index)), the
// output directory (PrepareDir, per-point result and checkpoint files,
// per-point locks), the resumable runner of a shard's points (Run, with
// progress reported to an injected Observer), shard resolution from the
// command line or a cluster's environment (ResolveShard), the cost model
// behind the ETA and the cluster time limit (Cost, Model), the summary of a
// spec (Summary) and the Slurm and Kubernetes job emitters (EmitSlurm,
// EmitK8s).
//
// A point's index depends only on the spec, and so does its seed: results
// never depend on how a sweep is split into shards, and a rerun resumes
// where the last one stopped (finished points are skipped, a Monte Carlo
// point resumes from its checkpointed blocks with the same bits as an
// uninterrupted run).
package sweep
