#!/usr/bin/env bash
# What the test suite needs from Debian, installed idempotently (a no-op once present):
# Chromium for the desktop tests, PostgreSQL for the cluster-mode store tests, go-sendxmpp for
# the Debian XMPP client test, Prosody as the notification benchmark's reference server, and
# faketime for scripts/run-tests-faketime.sh. A failure here does not stop this script: the
# suites that need the missing peer then fail, naming its install script (a missing peer is a
# failure, never a quiet skip; SWITCHBOARD_TEST_WITHOUT=chromium,… leaves one out on purpose).
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh || echo "install-test-deps: Chromium unavailable; the desktop tests will fail" >&2
bash scripts/install-postgres.sh || echo "install-test-deps: PostgreSQL unavailable; the PostgreSQL tests will fail" >&2
bash scripts/install-xmpp-client.sh || echo "install-test-deps: go-sendxmpp unavailable; the Debian XMPP client test will fail" >&2
bash scripts/install-prosody.sh || echo "install-test-deps: Prosody unavailable; the notification benchmark's smoke test will fail" >&2
bash scripts/install-faketime.sh || echo "install-test-deps: faketime unavailable; scripts/run-tests-faketime.sh cannot run" >&2
exit 0
