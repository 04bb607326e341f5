#!/usr/bin/env bash
# The whole test suite, on a fresh machine with Python 3.11: installs what the tests need, then runs them.
#   - Debian's chromium for the browser tests, with apt-get when it is missing (as root, or through sudo);
#   - the test requirements (which include the book's own, requirements.txt);
# then pytest. Arguments go to pytest: `bash tests/run.sh -x -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "tests/run.sh: chromium is missing and there is no apt-get to install it." >&2
    echo "Install Chromium (the browser tests drive it) and set CHROMIUM=/path/to/chromium." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --version

python3 -m pip install -q -r requirements-test.txt
exec python3 -m pytest "$@"
