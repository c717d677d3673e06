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

. "$(dirname "$0")/apt.sh"
apt_install Chromium chromium
echo "install-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
