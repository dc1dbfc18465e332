#!/bin/sh
# deps.sh - make sure the build dependencies are here (Debian/Ubuntu).
# Installs what is missing with apt-get when we are root (or have sudo);
# otherwise prints the exact command to run, and fails.
set -u
PKGS="build-essential pkg-config libxml2-dev libpcre2-dev libsqlite3-dev libjansson-dev libzip-dev poppler-utils antiword valgrind"
need=""
command -v cc >/dev/null 2>&1 || need="$need build-essential"
command -v make >/dev/null 2>&1 || need="$need build-essential"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v antiword >/dev/null 2>&1 || need="$need antiword"
# the tests measure the cost of pathological inputs in instructions (callgrind)
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
if ! command -v pkg-config >/dev/null 2>&1; then
    need="$need pkg-config libxml2-dev libpcre2-dev libsqlite3-dev libjansson-dev libzip-dev"
else
    pkg-config --exists libxml-2.0 || need="$need libxml2-dev"
    pkg-config --exists libpcre2-8 || need="$need libpcre2-dev"
    pkg-config --exists sqlite3 || need="$need libsqlite3-dev"
    pkg-config --exists jansson || need="$need libjansson-dev"
    pkg-config --exists libzip || need="$need libzip-dev"
fi
[ -z "$need" ] && exit 0
need=$(echo $need | tr ' ' '\n' | sort -u | tr '\n' ' ')
echo "gapscan: missing build dependencies: $need"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "gapscan: run this, then try again:"
        echo "  sudo apt-get install -y $need"
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "gapscan: no apt-get here; install the equivalents of: $PKGS"
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends $need >/dev/null 2>&1 ||
    { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y --no-install-recommends $need; } || {
    echo "gapscan: apt-get failed; run: sudo apt-get install -y $need"
    exit 1
}
echo "gapscan: installed$need"
