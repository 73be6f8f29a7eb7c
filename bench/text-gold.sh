#!/usr/bin/env bash
# The text reader on the sentence gold set (tests/TestData/text-gold/gold.jsonl, or a gold file given as $1):
# precision/recall/F1 per finding group and overall, negation, uncertainty and time accuracy, and the misses.
# Usage: bench/text-gold.sh [GOLD.jsonl] [--half all|tune|heldout] [--format text|json] [--misses N]
# Tune on `--half tune`; report `--half heldout` (the split is a stable hash of the id, see the gold README).
set -euo pipefail
cd "$(dirname "$0")/.."
gold=tests/TestData/text-gold/gold.jsonl
if [[ $# -gt 0 && $1 != --* ]]; then gold=$1; shift; fi
dotnet build src/MyeloDx.Cli -c Release -v q -nologo >/dev/null
exec src/MyeloDx.Cli/bin/Release/net10.0/myelodx evaluate-text "$gold" "$@"
