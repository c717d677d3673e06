#!/usr/bin/env bash
# Installs Debian's faketime (libfaketime) for scripts/run-tests-faketime.sh, which runs the
# suites on another date to prove that none depends on today's. Idempotent: does nothing when
# faketime is already on the PATH. Needs root and apt (Debian/Ubuntu); elsewhere it says what is
# missing and fails.
set -euo pipefail

if command -v faketime >/dev/null 2>&1; then
  echo "faketime is installed."
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install faketime faketime
command -v faketime >/dev/null
echo "faketime installed."
