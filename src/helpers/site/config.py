"""The build's configuration the extension fills in: bibliography ids, favicon, the icon template,
Open Graph addresses; and the icon fonts cut down after the build."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from helpers import icons
from helpers.site import theme
from helpers.site.bundle import STATIC
from helpers.sources import CITE_ID


def pages_url(repository_url: str) -> str:
    """Where GitHub Pages publishes a repository's site: https://github.com/ORG/REPO -> https://ORG.github.io/REPO/."""
    m = re.fullmatch(r"https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?", repository_url or "")
    if not m:
        return ""
    org, repo = m.groups()
    return (
        f"https://{org.lower()}.github.io/"
        if repo.lower() == f"{org.lower()}.github.io"
        else f"https://{org.lower()}.github.io/{repo}/"
    )


def config_inited(app: Any, config: Any) -> None:
    # Bibliography entries get ids made from their keys (cite-maddox2015), which the charts' data
    # tables link to (helpers.sources.anchor), instead of numbered ids that move with the file.
    if "bibtex_cite_id" in config and not config.bibtex_cite_id:
        config.bibtex_cite_id = CITE_ID
    # A favicon, so that no page asks a plain static server for a missing /favicon.ico. It comes
    # from the toolkit, not the book's folder, so a remixed book or a course (no src/ of its own)
    # has it too. An html.favicon in _config.yml wins.
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")
    # Icons from the theme's web font, without Font Awesome's 1.5 MB script (helpers.icons); the theme's
    # menu buttons repaired, the search index only where search runs, and the book's short title in the
    # article header (helpers.site.theme).
    from sphinx.util import logging

    templates = Path(app.doctreedir).parent / "helpers-templates"
    if icons.macros_without_fontawesome(templates) is None:
        (templates / icons.MACROS).unlink(missing_ok=True)  # a copy from an earlier theme's build
        logging.getLogger(__name__).warning(
            "helpers: the theme's webpack-macros.html no longer loads fontawesome.js as expected; "
            "every page keeps loading it (see helpers/icons.py)"
        )
    for warning in theme.write_templates(templates):
        logging.getLogger(__name__).warning(warning)
    if str(templates) not in config.templates_path:
        config.templates_path.insert(0, str(templates))
    options = config.html_theme_options if config.html_theme_options is not None else {}
    options.setdefault("article_header_start", theme.ARTICLE_HEADER_START)
    config.html_theme_options = options
    # Open Graph page addresses: the published site, html.baseurl if given, else the GitHub Pages
    # address of the one repository named in _config.yml.
    if "ogp_site_url" in config and not config.ogp_site_url:
        repository = (config.html_theme_options or {}).get("repository_url", "")
        config.ogp_site_url = config.html_baseurl or pages_url(repository)
    if "ogp_site_name" in config and config.ogp_site_name is None:
        config.ogp_site_name = config.html_title  # the book's title (Jupyter Book sets no `project`)


def build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    sizes = icons.slim_site(Path(app.outdir))
    if sizes:
        from sphinx.util import logging

        before, after = (sum(s[i] for s in sizes.values()) for i in (0, 1))
        logging.getLogger(__name__).info(
            f"helpers: icon fonts cut to the icons the site uses: {before:,} -> {after:,} bytes"
        )
