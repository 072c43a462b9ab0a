#!/usr/bin/env bash
# What the browser tests need, installed only when missing: Debian's Chromium
# (Playwright's own browser download cannot work here), Japanese fonts so the
# screenshots are readable, and axe-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages) for the browser tests"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "installing axe-core (npm) for the accessibility tests"
  npm ci --silent --no-audit --no-fund
fi
