#!/usr/bin/env bash
# Installs PostgreSQL's server binaries (initdb, pg_ctl, postgres) for the cluster-mode tests.
# Idempotent: does nothing when they are already there (on the PATH or in Debian's
# /usr/lib/postgresql/<version>/bin). Installing needs root and apt (Debian/Ubuntu); elsewhere it
# says what is missing and fails, and the PostgreSQL tests then fail with that message.
set -euo pipefail

have_postgres() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

if have_postgres; then
  echo "PostgreSQL is installed."
  exit 0
fi
. "$(dirname "$0")/apt.sh"
apt_install PostgreSQL postgresql
# The package starts a cluster of its own on 5432; the tests run their own clusters, so it is
# left alone. Debian keeps the binaries off the PATH:
ls -d /usr/lib/postgresql/*/bin
have_postgres
echo "PostgreSQL installed."
