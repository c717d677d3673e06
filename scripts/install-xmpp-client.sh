#!/usr/bin/env bash
# Installs go-sendxmpp, Debian's command-line XMPP client, for the test that connects a client
# nobody here wrote to the c2s port (src/notify/transports/debian-client.test.ts). Idempotent:
# does nothing when it is already on the PATH. Installing needs root and apt (Debian/Ubuntu);
# elsewhere it says what is missing and fails, and that test then fails with that message.
set -euo pipefail

if command -v go-sendxmpp >/dev/null 2>&1; then
  echo "go-sendxmpp is installed."
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install go-sendxmpp go-sendxmpp
command -v go-sendxmpp >/dev/null
echo "go-sendxmpp installed."
