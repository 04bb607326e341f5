"""Every chart of the book draws in JupyterLab, which brings its own (older) Vega-Lite and Vega: JupyterLab 4.6.6
bundles Vega-Lite 5.6.1 and Vega 5.33.0 (its static/third-party-licenses.json). Each spec on the built site, wide and
narrow, is compiled and parsed with exactly those versions (tests/vl-compat, from npm)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

# Needs Node.js and `npm ci` (tests/run.sh installs them): not the fast loop.
pytestmark = pytest.mark.build

COMPAT = ROOT / "tests" / "vl-compat"
PINNED = json.loads((COMPAT / "package.json").read_text())["dependencies"]
SPEC = re.compile(r'<script type="application/json" id="(vega-[0-9a-f]+)-(?:spec|narrow)">(.*?)</script>', re.S)
SRC = re.compile(r'\sdata-(spec|spec-narrow)-src="([^"]+)"')  # a chart's spec in a file (helpers.site.mime)


@pytest.fixture(scope="module")
def compiler():
    """node and the pinned Vega-Lite and Vega (installed from tests/vl-compat/package-lock.json when missing or other)."""
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.fail("node and npm are needed to check charts against JupyterLab's Vega-Lite: run `bash tests/run.sh`")

    def installed(name: str) -> str | None:
        meta = COMPAT / "node_modules" / name / "package.json"
        return json.loads(meta.read_text())["version"] if meta.is_file() else None

    if any(installed(name) != version for name, version in PINNED.items()):
        run = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=COMPAT, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr

    def compile_specs(paths):
        run = subprocess.run(["node", str(COMPAT / "compile.js"), *map(str, paths)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return [json.loads(line) for line in run.stdout.splitlines()]

    return compile_specs


def test_the_check_uses_jupyterlabs_versions_and_can_fail(compiler, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"mark": "no-such-mark", "data": {"values": [{"a": 1}]}}))
    (result,) = compiler([broken])
    assert {"vega-lite": result["version"], "vega": result["vega"]} == PINNED
    assert result["error"], "a spec the pinned Vega-Lite cannot compile is reported"


def test_the_pins_are_what_the_installed_jupyterlab_bundles():
    """tests/vl-compat pins the Vega-Lite and Vega of the JupyterLab requirements.txt installs (a JupyterLab
    upgrade that brings others fails here until the pins follow)."""
    from jupyterlab.commands import get_app_dir

    licences = json.loads((Path(get_app_dir()) / "static" / "third-party-licenses.json").read_text())
    bundled = {p["name"]: p["versionInfo"] for p in licences["packages"] if p["name"] in PINNED}
    assert bundled == PINNED


def test_every_chart_on_the_site_draws_with_jupyterlabs_vega_lite(site, compiler, tmp_path):
    """Every spec a page names: its wide and narrow forms, on the page (a JSON script) or in _static/vega-specs/
    (data-spec-src, data-spec-narrow-src)."""
    paths, forms = [], set()
    for page in site.rglob("*.html"):
        html = page.read_text()
        for ident, payload in SPEC.findall(html):
            path = tmp_path / f"{page.stem}-{ident}.json"
            path.write_text(payload.replace("<\\/", "</"))  # the page escapes "</" inside <script>
            paths.append(path)
        for form, src in SRC.findall(html):
            forms.add(form)
            paths.append((page.parent / src).resolve())
    assert paths, "no chart found on the site"
    assert forms == {"spec", "spec-narrow"}, f"the site names specs of forms {forms} (expected wide and narrow)"
    paths = sorted(set(paths))
    results = compiler(paths)
    bad = [
        f"{r['file'].rsplit('/', 1)[1]}: {r['error'] or r['warnings']}" for r in results if r["error"] or r["warnings"]
    ]
    assert not bad, f"charts JupyterLab's Vega-Lite {PINNED['vega-lite']} cannot draw cleanly: {bad}"
