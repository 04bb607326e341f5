#!/usr/bin/env bash
# The whole test suite, on a fresh machine with Python 3.11: installs what the tests need, then runs every tier.
#   - Debian's chromium for the browser tests, and node/npm for the JupyterLab chart check, with apt-get
#     when they are missing (as root, or through sudo);
#   - the test requirements (which include the book's own, requirements.txt);
# then, on two cores:
#   1. the book is built once (warnings as errors) in the background, into _build/test, while the other core
#      runs the tiers that need no build: `fast` (data, toolkit, lint) and the papermill parameter paths;
#   2. as soon as the book is built, everything that needs the built site starts on two workers beside them:
#      the executed notebooks, the static pages, the browser pass, and the `slow` tier (JupyterLab, the PDF
#      edition, course and LaTeX builds). The two pytest runs write logs, printed whole as each ends.
# Arguments go to both pytest runs: `bash tests/run.sh -x`. `BOOK_TEST_BUILD=dir` builds somewhere else.
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

out=$(realpath -m "${BOOK_TEST_BUILD:-_build/test}")
rm -rf "$out"
mkdir -p "$out"
began=$(date +%s)
say() { echo "[tests/run.sh $(($(date +%s) - began)) s] $*"; }

say "building the book into $out (log: $out/build.log), and meanwhile the tiers that need no build"
(
  set +e
  python3 -c "from jupyter_book.cli.main import main; main()" build . --path-output "$out" \
    --warningiserror --keep-going >"$out/build.log" 2>&1
  echo $? >"$out/build.status"
) &
builder=$!

status=0
# One process here while the book builds: the two cores are busy with the two of them. (A chapter of the build
# sat idle for its 300 s cell timeout now and then: its reply unread in the client's socket, a wake-up lost;
# helpers.kernel_client, which the build's Sphinx extension installs, now looks again every second.)
python3 -m pytest -p no:cacheprovider --durations=15 -m "fast or (notebooks and not build)" "$@" \
  >"$out/unbuilt.log" 2>&1 &
unbuilt=$!
wait "$builder"
if [ "$(cat "$out/build.status")" != 0 ]; then
  say "the book did not build cleanly (warnings are errors):"
  tail -n 80 "$out/build.log"
  wait "$unbuilt" || true
  cat "$out/unbuilt.log"
  exit 1
fi
say "book built; the tiers that need it start on two workers (log: $out/built.log), beside the fast tier"
BOOK_PREBUILT="$out/_build" python3 -m pytest -p no:cacheprovider -n 2 --dist loadgroup --durations=15 \
  -m "not fast and not (notebooks and not build)" "$@" >"$out/built.log" 2>&1 &
built=$!
wait "$unbuilt" || status=$?
say "fast tier and papermill paths done (exit $status):"
cat "$out/unbuilt.log"
code=0
wait "$built" || code=$?
say "the tiers that need the build done (exit $code):"
cat "$out/built.log"
[ "$code" = 0 ] || status=$code
say "done (exit $status)"
exit "$status"
