#!/usr/bin/env bash
# What the real-MTA test (tests/test_probe_postfix.py) needs: Debian's postfix,
# installed only when missing. The test runs a private instance of its own
# (its own config and queue under a temporary directory, loopback only), so the
# system service must never start: a policy-rc.d answering 101 keeps the
# package's scripts from starting it, and it is stopped and disabled after.
set -euo pipefail

if command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ]; then
  exit 0
fi

. "$(dirname "$0")/as_root.sh"
as_root ensure_postfix.sh "postfix"

echo "installing postfix (Debian package) for the real-MTA probe test"
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ "$had_policy" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod +x "$policy"
  trap '"${SUDO[@]}" rm -f "$policy"' EXIT
fi

if ! {
  echo "postfix postfix/main_mailer_type select No configuration" | "${SUDO[@]}" debconf-set-selections &&
    "${SUDO[@]}" apt-get update -qq &&
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends postfix >/dev/null
}; then
  echo "ensure_postfix.sh: could not install postfix with apt-get (see above)." >&2
  exit 1
fi

# Should anything have started it anyway, the system instance stays off.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  "${SUDO[@]}" systemctl disable --now postfix >/dev/null 2>&1 || true
fi
"${SUDO[@]}" postfix stop >/dev/null 2>&1 || true

command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || {
  echo "ensure_postfix.sh: postfix still missing after apt-get install." >&2
  exit 1
}
echo "postfix installed: $(/usr/sbin/postconf -d -h mail_version 2>/dev/null || echo '?')"
