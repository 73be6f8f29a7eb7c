#!/usr/bin/env bash
# Where the text reader's time goes, and whether a change to its mechanisms kept the output identical.
#   bench/text-profile.sh dump FILE > out.txt     every note's full reading, one line each (compare with cmp)
#   bench/text-profile.sh loop FILE [SECONDS]     notes/s and KB allocated per note (read, assemble, rank)
#   bench/text-profile.sh trace FILE [SECONDS]    the loop under dotnet-trace (sampled thread time), as Speedscope JSON
# FILE is JSON lines with "text" (e.g. tests/TestData/dev-text.jsonl). Not a pass/fail benchmark: bench/text-throughput.sh is.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/TextProfile -c Release -v q -nologo >/dev/null
exe="dotnet bench/TextProfile/bin/Release/net10.0/TextProfile.dll"
case "${1:-}" in
  dump|loop) $exe "$@" ;;
  trace) out=${BENCH_DIR:-$(mktemp -d)}
         dotnet-trace collect --profile dotnet-sampled-thread-time --format Speedscope -o "$out/text.nettrace" -- $exe loop "$2" "${3:-20}"
         echo "trace: $out/text.speedscope.json" ;;
  *) echo "usage: $0 dump|loop|trace FILE [SECONDS]" >&2; exit 2 ;;
esac
