#!/usr/bin/env bash
# What the PostgreSQL + Redis tests and the benchmarks need: Debian's postgresql
# and redis-server (and wrk for the benchmarks), installed only when missing.
# scripts/services.py runs private instances of its own on loopback, so the
# system services must never start: a policy-rc.d answering 101 keeps the
# packages' scripts from starting them.
set -euo pipefail

need=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null || need+=(wrk)
fi
[ "${#need[@]}" -eq 0 ] && exit 0

. "$(dirname "$0")/as_root.sh"
as_root ensure_services.sh "${need[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure_services.sh: ${need[*]} missing and this system has no apt-get; install them with its package manager." >&2
  exit 1
fi

echo "installing ${need[*]} (Debian packages) for the PostgreSQL + Redis tests"
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod +x "$policy"
  trap '"${SUDO[@]}" rm -f "$policy"' EXIT
fi
if ! { "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
  { "${SUDO[@]}" apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }; }; then
  echo "ensure_services.sh: could not install ${need[*]} with apt-get (see above)." >&2
  exit 1
fi
