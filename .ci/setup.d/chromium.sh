#!/usr/bin/env bash
# Debian's Chromium for the Playwright browser tests (Playwright's own browser download does not work here).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version || true
