#!/usr/bin/env bash
# Rewrites every golden file (tests/**/golden/) from the current code, then shows what changed. Run it only after an
# intended change, read the diff, and commit the files with the change that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in tests/MyeloDx.Web.Tests; do
  MYELODX_UPDATE_GOLDEN=1 dotnet test "$project" --filter "FullyQualifiedName~Golden|FullyQualifiedName~RegistryMigrationTests"
done
git status --short -- 'tests/**/golden/*'
git diff --stat -- 'tests/**/golden/*'
