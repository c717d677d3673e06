#!/usr/bin/env bash
# What the test suite needs from Debian, installed idempotently (a no-op once present):
# Chromium for the desktop tests, PostgreSQL for the cluster-mode store tests, go-sendxmpp for
# the Debian XMPP client test, Prosody as the notification benchmark's reference server. A failure here
# does not stop the run: the affected suites then skip with a SKIPPED line that says why.
cd "$(dirname "$0")/.."
bash scripts/install-chromium.sh || echo "install-test-deps: Chromium unavailable; desktop tests will be skipped" >&2
bash scripts/install-postgres.sh || echo "install-test-deps: PostgreSQL unavailable; PostgreSQL tests will be skipped" >&2
bash scripts/install-xmpp-client.sh || echo "install-test-deps: go-sendxmpp unavailable; the Debian XMPP client test will be skipped" >&2
bash scripts/install-prosody.sh || echo "install-test-deps: Prosody unavailable; the notification benchmark runs without its reference server" >&2
exit 0
