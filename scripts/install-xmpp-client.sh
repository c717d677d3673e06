#!/usr/bin/env bash
# Installs go-sendxmpp, Debian's command-line XMPP client, for the test that connects a client
# nobody here wrote to the c2s port (src/notify/transports/debian-client.test.ts). Idempotent:
# does nothing when it is already on the PATH. Installing needs root and apt (Debian/Ubuntu);
# elsewhere it says what is missing and fails, and that test is then skipped with that message.
set -euo pipefail

if command -v go-sendxmpp >/dev/null 2>&1; then
  echo "go-sendxmpp is installed."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "go-sendxmpp is missing and this is not root: install the 'go-sendxmpp' package." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "go-sendxmpp is missing and there is no apt-get here: install go-sendxmpp (Debian 12+)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends go-sendxmpp
command -v go-sendxmpp >/dev/null
echo "go-sendxmpp installed."
