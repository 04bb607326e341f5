"""The Vega, Vega-Lite and Vega-Embed bundle in the site's ``_static`` folder, and its loader on the
pages that have a chart."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from helpers.cache import digest, kept
from helpers.images import VL_VERSION

STATIC = Path(__file__).resolve().parents[1] / "static"
BUNDLE_NAME = "vega-bundle.js"


def vega_bundle_source() -> str:
    """The Vega/Vega-Lite/Vega-Embed bundle, as one function-scoped script."""
    import vl_convert as vlc

    snippet = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
    body = vlc.javascript_bundle(snippet, vl_version=VL_VERSION)
    return f"/* Vega, Vega-Lite and Vega-Embed, bundled by vl-convert for Vega-Lite {VL_VERSION}. */\n(function () {{\n{body}\n}})();\n"


def write_bundle(folder: Path) -> Path:
    """Write the bundle into ``folder`` unless an identical one is already there (from the shared cache,
    :mod:`helpers.cache`, when a build made it before with these versions of vl-convert and Vega-Lite)."""
    import vl_convert as vlc

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / BUNDLE_NAME
    stamp = folder / (BUNDLE_NAME + ".version")
    version = f"vl-convert {getattr(vlc, '__version__', '?')} vega-lite {VL_VERSION}"
    if target.exists() and stamp.exists() and stamp.read_text() == version:
        return target
    made = kept(f"vega-bundle-{digest(version)[:12]}.js", lambda: vega_bundle_source().encode("utf-8"))
    target.write_bytes(made)
    stamp.write_text(version)
    return target


def builder_inited(app: Any) -> None:
    if app.builder.format != "html":
        return
    cache = Path(app.doctreedir).parent / "helpers-static"
    bundle = write_bundle(cache)
    app._helpers_bundle_version = hashlib.sha1(bundle.read_bytes()).hexdigest()[:8]
    app.config.html_static_path.append(str(cache))
    app.config.html_static_path.append(str(STATIC))


def _bundle_url(app: Any, context: dict) -> str:
    """The page-relative address of the Vega bundle, with its content hash against stale caches."""
    version = getattr(app, "_helpers_bundle_version", "")
    return context["pathto"](f"_static/{BUNDLE_NAME}", 1) + (f"?v={version}" if version else "")


def load_charts(app: Any, context: dict) -> None:
    """Only a page with a chart loads the chart loader, which fetches the Vega bundle (0.9 MB)
    once the page has loaded: text and the charts' static images come first."""
    if 'class="vega-chart"' in (context.get("body") or ""):
        app.add_js_file("vega-charts.js", defer="defer", **{"data-bundle": _bundle_url(app, context)})
