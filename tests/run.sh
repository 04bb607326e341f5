#!/usr/bin/env bash
# The whole test suite, on a fresh machine with Python 3.11: installs what the tests need, then runs them.
#   - Debian's chromium for the browser tests, and node/npm for the JupyterLab chart check, with apt-get
#     when they are missing (as root, or through sudo);
#   - the test requirements (which include the book's own, requirements.txt);
# then pytest. Arguments go to pytest: `bash tests/run.sh -x -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "tests/run.sh: ${missing[*]} missing and there is no apt-get to install them." >&2
    echo "Install Chromium (set CHROMIUM=/path/to/chromium) and Node.js with npm, then run this again." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing Debian's ${missing[*]} for the tests..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium --version
(cd tests/vl-compat && npm ci --no-audit --no-fund --silent)

python3 -m pip install -q -r requirements-test.txt
exec python3 -m pytest "$@"
