#!/usr/bin/env bash
# The interpreter `make` builds .venv with: the operating system's own Python when it is 3.11 or newer and can
# make a virtual environment with pip, else `python3` on PATH.
#
# Why the system's first: Debian's python3.11 is one static binary built with link-time and profile-guided
# optimisation. A pyenv build (configure without --enable-optimizations, libpython as a shared library, as on
# the development machine) runs the parser's 26.2 million instructions a document where Debian's runs 22.9
# million: 13 % fewer, for the same code and the same output (README, "Benchmarks").
set -u
for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        echo "$candidate"
        exit 0
    fi
done
echo python3  # none fits: `python3 -m venv` then says what is missing
