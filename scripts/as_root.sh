# Sourced by the ensure_*.sh scripts: as_root NAME PACKAGES sets SUDO to what
# runs a command as root (nothing when root, password-less sudo otherwise), or
# says what to install by hand and exits.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "$1: $2 missing, and installing needs root (or sudo without a password)." >&2
    echo "  Install by hand: apt-get install --no-install-recommends $2" >&2
    exit 1
  fi
}
