#!/usr/bin/env bash
# Rewrites every golden file from the current code, then shows what changed: reports (Markdown, HTML), FHIR (an
# exported Bundle, an imported case), the registry's migration scripts (tests/**/golden/) and the assessment schema
# (docs/assessment.schema.json). Run it only after an intended change, read the diff, and commit the files with the
# change that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { MYELODX_UPDATE_GOLDEN=1 dotnet test "$1" --filter "$2"; }
run tests/MyeloDx.Reports.Tests "FullyQualifiedName~GoldenTests"
run tests/MyeloDx.Fhir.Tests "FullyQualifiedName~GoldenTests"
run tests/MyeloDx.Web.Tests "FullyQualifiedName~RegistryMigrationTests"
run tests/MyeloDx.Core.Tests "FullyQualifiedName~AssessmentSchemaTests"
git status --short -- tests docs/assessment.schema.json | grep -E 'golden/|schema' || echo "no golden file changed"
git diff --stat -- tests docs/assessment.schema.json
