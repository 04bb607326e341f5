"""What vl-convert made once, kept for every build and kernel on this machine.

vl-convert bundles Vega for each new build folder (1.6 s) and draws each chart's static image in every build,
every course edition and every kernel that shows an explorer (about 0.1 s an SVG, more for a PNG), the same
image for the same spec each time. :func:`kept` keeps such a result under ``$XDG_CACHE_HOME/never-again-book``
(else ``~/.cache``), named by what it was made from, like pip's cache. A file is written whole (a temporary
file renamed), so builds side by side never read half of one; a cache that cannot be written is skipped,
and the result made again next time. Delete the folder at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def shared_cache() -> Path:
    """The machine's cache folder for the book (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "never-again-book"


def digest(*parts: Any) -> str:
    """A name for what ``parts`` (JSON values: a spec, versions, options) make: the same parts, the same name."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def kept(name: str, make: Callable[[], bytes | None]) -> bytes | None:
    """The bytes kept under ``name`` in the shared cache; else ``make()``'s, kept for next time (None, and
    nothing kept, when ``make`` has nothing)."""
    path = shared_cache() / name
    try:
        return path.read_bytes()
    except OSError:
        pass
    made = make()
    if made is None:
        return None
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(made)
        partial.replace(path)  # whole, even with builds side by side
    except OSError:  # no cache to write to: made again next time
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return made
