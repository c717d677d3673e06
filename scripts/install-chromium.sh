#!/bin/sh
# Installs Debian's Chromium for the desktop's browser tests (test/desktop). Idempotent: does
# nothing when /usr/bin/chromium is already there. Playwright never downloads a browser here;
# it drives this one through playwright-core's `executablePath`.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: $CHROMIUM present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')), nothing to do"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: $CHROMIUM missing and not root; run as root or: sudo apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: $CHROMIUM missing and apt-get not available (not Debian/Ubuntu?); install Chromium by hand" >&2
  exit 1
fi

echo "install-chromium: $CHROMIUM missing; running apt-get update"
DEBIAN_FRONTEND=noninteractive apt-get update -qq
echo "install-chromium: installing the Debian package 'chromium' (no recommends)"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
