#!/usr/bin/env bash
# Runs every suite that does not start Chromium on other days, to prove that no test depends on
# today's date: under Debian's faketime (libfaketime), at each date given (default: 2027-06-01
# and 2026-01-15, noon). Chromium is left out (SWITCHBOARD_TEST_WITHOUT=chromium): its zygote
# does not start under libfaketime. So is go-sendxmpp (`sendxmpp`): a Go binary reads the real
# clock, so to it a certificate generated at a later faked date is not yet valid. Monotonic clocks
# stay real, so timeouts behave.
#   bash scripts/run-tests-faketime.sh ['2027-06-01 12:00:00' …]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-faketime.sh >/dev/null
[ "$#" -gt 0 ] || set -- '2027-06-01 12:00:00' '2026-01-15 12:00:00'
status=0
for day in "$@"; do
  echo "== faketime '$day'"
  FAKETIME_DONT_FAKE_MONOTONIC=1 SWITCHBOARD_TEST_WITHOUT=chromium,sendxmpp \
    faketime "$day" node scripts/run-tests.mjs src bench test/*.test.ts || status=1
done
exit "$status"
