#!/bin/sh
# Regenerates the least-work protocols that `landauer demo` draws: one
# `landauer optimize` per class × τ (each a few minutes on two cores; the
# classes may run in parallel: `regenerate.sh asymmetric & regenerate.sh symmetric`).
# Each optimum.toml is copied to erasure/demodata/, where `landauer demo`
# finds it (rebuild the binary after). Run from the repository root. LANDAUER names the binary (default: go run).
set -e
LANDAUER=${LANDAUER:-"go run ./cmd/landauer"}
for class in ${*:-asymmetric symmetric}; do
	for tau in 1 3.2 10 31.6 100; do
		n=docs/optimal/$class-tau$tau
		$LANDAUER optimize --config $n.toml --format json --out $n > $n.json.tmp
		mv $n.json.tmp $n.json
		# The demo embeds the optimum (erasure/demodata, go:embed).
		cp $n/optimum.toml erasure/demodata/$class-tau$tau.toml
	done
done
