#!/usr/bin/env bash
# Installs Prosody, Debian's XMPP server, as the reference the notification benchmark compares
# against (bench/notify). Idempotent: does nothing when it is already on the PATH. The benchmark
# starts its own Prosody on loopback ports with its own configuration; the system service the
# package would start is stopped and disabled, so that it never holds 5222 or 5280 for
# `npm start`. Needs root and apt; elsewhere it says what is missing and fails; the benchmark
# itself then runs against Switchboard alone, and its smoke test fails.
set -euo pipefail

if command -v prosody >/dev/null 2>&1; then
  echo "prosody is installed."
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install Prosody prosody
if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
  systemctl disable --now prosody || true
else
  service prosody stop >/dev/null 2>&1 || true
  update-rc.d prosody disable >/dev/null 2>&1 || true
fi
command -v prosody >/dev/null
echo "prosody installed."
