#!/usr/bin/env bash
# The long fuzz run: 100,000 generated inputs (or $1) through text, case JSON, FHIR Bundles, dose plans and HTTP
# bodies (tests/MyeloDx.Web.Tests/FuzzTests.cs); zero internal errors expected. The normal test run uses 3,000.
# Usage: bench/fuzz.sh [INPUTS]   (100,000 inputs took about 6 minutes on the 2-core machine)
set -euo pipefail
cd "$(dirname "$0")/.."
export MYELODX_FUZZ_INPUTS="${1:-100000}" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test tests/MyeloDx.Web.Tests -c Release --filter "FullyQualifiedName~FuzzTests" \
  --logger "console;verbosity=detailed" -- RunConfiguration.TestSessionTimeout=0 2>&1 | grep -E "fuzz:|^ *Passed |^ *Failed |Error Message|Total tests" -A1
