#!/usr/bin/env bash
# axe-core (the accessibility engine) from its npm package, for the browser accessibility test
# (tests/MyeloDx.Web.Tests: ClinicianBrowserTests). Installed under .ci/node_modules, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-save --no-audit --no-fund --prefix . axe-core@4 >/dev/null
fi
echo "axe-core $(node -p "require('./node_modules/axe-core/package.json').version")"
