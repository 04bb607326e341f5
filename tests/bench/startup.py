"""How fast the toolkit starts: the data command, `import helpers.data` and one chapter under papermill.

    python3 tests/bench/startup.py                      # this checkout
    python3 tests/bench/startup.py --vs /path/to/other  # side by side with another checkout (e.g. an old main)
    python3 tests/bench/startup.py --vs /path/to/other --vs-python /venv/bin/python  # ... in its own environment
    python3 tests/bench/startup.py --runs 5 --no-chapter
    python3 tests/bench/startup.py --warm               # with the machine's cache (helpers.cache) kept between runs

Each command runs as a whole process, `--runs` times, interleaved with a bare `python -c pass` and, with
`--vs`, with the other checkout's run of the same command, so that load on a shared machine falls on all of
them alike. It prints the median wall and CPU seconds of each, and ratios: against the bare interpreter (how
many interpreter start-ups a command costs) and, with `--vs`, this checkout's time over the other's (below 1
is faster). `--vs-python` runs the other checkout's commands with another interpreter: a virtual environment
with that checkout's pins (`python3 -m venv --system-site-packages V` and `V/bin/pip install` the pins that
differ), so that a change of pin is measured too. Not a test: numbers go in the README, not in assertions.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def commands(chapter: bool) -> dict[str, list[str]]:
    found = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import helpers.data": [sys.executable, "-c", "import helpers.data"],
        "python -m helpers.data validate": [sys.executable, "-m", "helpers.data", "validate", "data"],
    }
    if chapter:
        out = Path(tempfile.gettempdir()) / "bench-rwanda.ipynb"
        found["papermill chapters/rwanda.ipynb"] = [
            sys.executable, "-m", "papermill", "--no-progress-bar", "--cwd", "chapters",
            "chapters/rwanda.ipynb", str(out),
        ]  # fmt: skip
    return found


def run(argv: list[str], checkout: Path, python: str = sys.executable, warm: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds (this process's children) of one run of ``argv`` in ``checkout``, with ``python``
    in place of this interpreter (a kernel that papermill starts is the same interpreter). Unless ``warm``, the
    run has an empty machine cache of its own (``XDG_CACHE_HOME``: helpers.cache), as a new Binder session has."""
    argv = [python if a == sys.executable else a for a in argv]
    env = dict(os.environ, PYTHONPATH=str(checkout / "src"), BOOK_DATA_DIR=str(checkout / "data"))
    with tempfile.TemporaryDirectory() as empty:
        if not warm:
            env["XDG_CACHE_HOME"] = empty
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=checkout, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(argv)} failed in {checkout}:\n{done.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vs", type=Path, help="another checkout of the book to time side by side")
    parser.add_argument("--vs-python", default=sys.executable, help="the interpreter for --vs (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-chapter", action="store_true", help="leave out the papermill run (about 20 s each)")
    parser.add_argument(
        "--warm", action="store_true", help="keep the machine's cache (tables found valid, charts drawn) between runs"
    )
    args = parser.parse_args(argv)
    checkouts = {"this": HERE} | ({"other": args.vs.resolve()} if args.vs else {})
    pythons = {"this": sys.executable, "other": args.vs_python}
    cmds = commands(not args.no_chapter)
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for i in range(args.runs):
        for name, cmd in cmds.items():
            for who, checkout in checkouts.items():
                times.setdefault((name, who), []).append(run(cmd, checkout, pythons[who], args.warm))
        print(f"run {i + 1} of {args.runs} done", file=sys.stderr)

    def median(name: str, who: str, kind: int) -> float:
        return statistics.median(t[kind] for t in times[(name, who)])

    bare = median("python -c pass", "this", 0)
    print(
        f"{'command':36} {'checkout':8} {'wall s':>8} {'cpu s':>8} {'x bare':>8}" + ("  this/other" if args.vs else "")
    )
    for name in cmds:
        for who in checkouts:
            wall, cpu = median(name, who, 0), median(name, who, 1)
            line = f"{name:36} {who:8} {wall:8.2f} {cpu:8.2f} {wall / bare:8.1f}"
            if args.vs and who == "this":
                line += f"  {wall / median(name, 'other', 0):.2f} wall, {cpu / median(name, 'other', 1):.2f} cpu"
            print(line)
    cache = "the machine's cache kept" if args.warm else "each run with an empty machine cache"
    print(f"(medians of {args.runs} runs, {cache}; 'x bare' = wall time / a bare `python -c pass` in this run)")
    if args.vs:
        print(f"(this: {HERE} with {sys.executable}; other: {checkouts['other']} with {args.vs_python})")


if __name__ == "__main__":
    main()
