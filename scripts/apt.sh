# Sourced by the install-*.sh scripts: installing one Debian package the way they all do.
# POSIX sh, so that both the sh and the bash scripts can use it.

# apt_install WHAT PACKAGE: fails with a message saying what to do unless this is root with
# apt-get; otherwise refreshes the package lists and installs PACKAGE without recommends.
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "$1 is missing and this is not root: install the '$2' package (apt-get install --no-install-recommends $2)." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$1 is missing and there is no apt-get here (not Debian/Ubuntu?): install $2 by hand." >&2
    exit 1
  fi
  echo "$1 is missing: installing the Debian package '$2'"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2"
}
