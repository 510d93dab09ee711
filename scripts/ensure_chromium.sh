#!/usr/bin/env bash
# Make sure Debian's chromium is there for the Playwright browser tests.
# Installs it with apt when missing and we are root; otherwise fails loudly.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "chromium missing: installing Debian's chromium with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    command -v chromium >/dev/null && exit 0
fi
echo "ERROR: Debian's chromium is not installed and cannot be installed here (need root + apt)." >&2
echo "       Install it with: sudo apt-get install chromium" >&2
exit 1
