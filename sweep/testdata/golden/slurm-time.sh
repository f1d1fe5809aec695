#!/bin/bash
#SBATCH --job-name=landauer-tau-scan-7bedaf89
#SBATCH --array=0-3
#SBATCH --cpus-per-task=4
#SBATCH --time=1-00:00:00
#SBATCH --mem=4G
#SBATCH --output=/scratch/tau-scan/logs/%x_%A_%a.out
#SBATCH --open-mode=append
#
# landauer sweep "tau-scan" (spec 7bedaf8900a8d854): 15 points in 4 array tasks
# of up to 4 points; task i runs the points p with p mod 4 = i.
#
# Submit in one step, the array and then a merge that runs once every task
# has succeeded (sbatch --dependency=afterok):
#     bash THIS_SCRIPT
# or by hand:
#     jobid=$(sbatch --parsable THIS_SCRIPT)
#     sbatch --dependency=afterok:${jobid%%;*} --wrap "$LANDAUER merge $OUT -o $OUT/results.csv"
#
# A task killed (time limit, preemption) loses at most its running point's
# last few seconds: rerun it (or the whole array); finished points are
# skipped and a running point resumes from its checkpoint.
set -euo pipefail
LANDAUER='/opt/bin/landauer'
OUT='/scratch/tau-scan'
SHARDS=4

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
	# Not inside the array: submit it, then the merge after it.
	mkdir -p "$OUT/logs"
	jobid=$(sbatch --parsable "$0")
	jobid=${jobid%%;*}
	mergeid=$(sbatch --parsable --dependency=afterok:"$jobid" --job-name=landauer-tau-scan-7bedaf89-merge \
		--output="$OUT/logs/landauer-tau-scan-7bedaf89-merge_%j.out" --time=01:00:00 --cpus-per-task=1 --mem=1G \
		--wrap "$(printf '%q ' "$LANDAUER" merge "$OUT" -o "$OUT/results.csv")")
	echo "submitted array job $jobid ($SHARDS tasks) and merge job ${mergeid%%;*} (after it succeeds): $OUT/results.csv"
	exit 0
fi

exec "$LANDAUER" sweep "$OUT/spec.toml" --out "$OUT" --shards "$SHARDS" \
	--workers "${SLURM_CPUS_PER_TASK:-0}" --progress 60s --yes
