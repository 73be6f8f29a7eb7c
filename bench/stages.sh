#!/usr/bin/env bash
# Per-stage cost of one assessment with allocations (BenchmarkDotNet, ShortRun). Results in
# bench/Stages/BenchmarkDotNet.Artifacts/results/. Extra arguments go to BenchmarkDotNet (e.g. --filter '*Infer*').
# Run on an otherwise idle machine; docs/performance.md quotes these figures.
set -euo pipefail
cd "$(dirname "$0")/Stages"
dotnet run -c Release -- --filter '*' "$@"
