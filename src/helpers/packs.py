"""Chapter packs: one zip per chapter that runs on its own, and the Sphinx extension that makes them.

A pack mirrors the book's layout, so the notebook finds ``data/`` the way it does in a clone (the data
folder is looked for in the working folder and each folder above it) and ``data/datapackage.json``
finds ``../references.bib``::

    never-again-rwanda/
        README.md  requirements.txt  pyproject.toml  LICENSE  LICENSE-CONTENT  references.bib
        chapters/rwanda.ipynb  data/...  src/helpers/...
        teaching/rwanda.md  teaching/handouts/rwanda-*.md   (and their PDFs, once printed)

The teaching folder (the chapter's guide and its handouts, the answer key among them) goes into a pack
only where the build has the guide: the book and a course's instructor edition, never a student edition,
whose chapter pages link the same packs. The PDF command (:mod:`helpers.pdf`) adds the guide's and the
handouts' PDFs to the site's packs after printing them (:func:`add_pdfs`).

``pip install -r requirements.txt`` inside it installs the book's pinned tools and the pack's own
toolkit (``-e .``). The extension (registered in ``_config.yml`` after ``helpers.site``) writes a pack
for every chapter with a ``parameters`` cell into ``_static/packs/`` of the html site, adds a
"Download this chapter as a pack" line to that chapter's page and an entry to its download menu, and
provides the ``chapter-packs`` directive that lists the packs of the chapters in the build (used by the
teaching index).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import helpers
from helpers.course.catalog import ANSWER_KEY, handouts, has_parameters, notebook_title

PACKS = "_static/packs"
FILES = ("requirements.txt", "pyproject.toml", "LICENSE", "LICENSE-CONTENT", "references.bib")
SKIP = ("__pycache__", ".ipynb_checkpoints", ".pyc", ".egg-info")
README = """\
# {title}: a chapter pack

This folder is one chapter of *Never Again, Again? An interactive textbook on the Genocide Convention*,
packed to run on its own: the notebook (`chapters/{slug}.ipynb`), the book's toolkit (`src/helpers`), the
sourced data tables it reads (`data/`), the bibliography (`references.bib`) and the pinned requirements.

## Run it

With Python 3.11, from this folder:

```bash
python3 -m pip install -r requirements.txt
jupyter lab chapters/{slug}.ipynb
```

Run all cells. Or run it without opening it: `papermill chapters/{slug}.ipynb out.ipynb` (the chapter's
`parameters` cell lists the values you can change with `-p NAME VALUE`). Keep the folder's layout: the
notebook finds `data/` in the folder above it.
{teaching}
## Licence and source

Text, figures and data: CC BY 4.0 (`LICENSE-CONTENT`). Code: MIT (`LICENSE`). Credit the book and the
sources its data name. The book is built on K. Maddox (2015), *Genocide Studies and Prevention* 9(1),
doi:10.5038/1911-9933.9.1.1263. This pack was made from the book's repository
({repository}) by `helpers.packs`; `python -m helpers.course pack {slug}` makes it again.
"""


def pack_name(slug: str) -> str:
    return f"never-again-{slug}"


def _helpers_dir(root: Path) -> Path:
    own = root / "src" / "helpers"
    return own if own.is_dir() else Path(__file__).resolve().parent


TEACHING = """
## For teaching

`teaching/{slug}.md` is the chapter's teaching guide: its 50-minute core plan, a path without Binder,
the pre-reading, the activity and its debrief, and emotional safety. {handouts}

{pdfs} The guide and the handouts are written in the book's Markdown (MyST): they read best printed, or
on the book's site.
"""


def teaching_files(root: Path, slug: str) -> list[str]:
    """The guide and its handouts as they are named in a pack (``teaching/...md``); none without a guide."""
    if not (Path(root) / "teaching" / f"{slug}.md").exists():
        return []
    return [f"teaching/{slug}.md", *(f"{doc}.md" for doc in handouts(root, slug))]


def _teaching_readme(slug: str, names: list[str]) -> str:
    """The README's section on the teaching files ``names`` (Markdown and any PDFs), or nothing."""
    markdown = [n for n in names if n.endswith(".md")]
    if not markdown:
        return ""
    listed = []
    for name in markdown[1:]:
        stem = name.rsplit("/", 1)[-1].removesuffix(".md")
        note = " (for the instructor only)" if stem.endswith(ANSWER_KEY) else ""
        listed.append(f"`{stem}.md`{note}")
    pdfs = [n for n in names if n.endswith(".pdf")]
    if pdfs:
        said = "Each has its PDF beside it, printed from the book's site: " + ", ".join(f"`{n}`" for n in pdfs) + "."
    else:
        said = (
            "There are no PDFs in this pack: print the pages from the book's site, or run "
            "`python3 -m helpers.pdf` on a build of the book, which adds them to its packs."
        )
    said_handouts = (
        f"Its printable handouts are in `teaching/handouts/`: {', '.join(listed)}."
        if listed
        else "It has no printable handouts yet."
    )
    return TEACHING.format(slug=slug, handouts=said_handouts, pdfs=said)


def _members(root: Path, slug: str, teaching: bool = True) -> list[tuple[Path, str]]:
    """(file on disk, name in the pack) for everything a chapter needs (and its guide and handouts)."""
    notebook = root / "chapters" / f"{slug}.ipynb"
    if not notebook.exists():
        raise FileNotFoundError(f"{notebook}: no such chapter notebook")
    members = [(notebook, f"chapters/{slug}.ipynb")]
    if teaching:
        members += [(root / name, name) for name in teaching_files(root, slug)]
    members += [(root / name, name) for name in FILES if (root / name).exists()]
    for folder, prefix in ((root / "data", "data"), (_helpers_dir(root), "src/helpers")):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and not any(s in rel for s in SKIP):
                members.append((path, f"{prefix}/{rel}"))
    return members


def make_pack(
    root: Path, slug: str, out: Path, repository: str = "", teaching: bool = True, pdfs: Path | None = None
) -> Path:
    """Write ``out/never-again-<slug>.zip`` from the book at ``root``; returns its path. ``teaching``: with
    the chapter's guide and handouts (if it has a guide); ``pdfs``: a site's ``_pdf`` folder, whose PDFs of
    them are packed too."""
    root, out = Path(root), Path(out)
    if not repository:
        repository = _repository(root)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{pack_name(slug)}.zip"
    top = pack_name(slug)
    members = _members(root, slug, teaching)
    printed = _printed(pdfs, [name for _, name in members if name.startswith("teaching/")]) if pdfs else []
    names = [name for _, name in members] + [name for _, name in printed]
    readme = README.format(
        title=notebook_title(root / "chapters" / f"{slug}.ipynb"),
        slug=slug,
        repository=repository,
        teaching=_teaching_readme(slug, [n for n in names if n.startswith("teaching/")]),
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/README.md", readme)
        for path, name in members + printed:
            zf.write(path, f"{top}/{name}")
    return target


def _printed(pdfs: Path, markdown: list[str]) -> list[tuple[Path, str]]:
    """(PDF on disk, name in the pack) for each of the ``markdown`` pages printed into ``pdfs``."""
    found = [name.removesuffix(".md") + ".pdf" for name in markdown]
    return [(Path(pdfs) / name, name) for name in found if (Path(pdfs) / name).is_file()]


def add_pdfs(packs: Path, pdfs: Path) -> int:
    """Give each pack in ``packs`` (a site's ``_static/packs``) that holds a guide the PDFs of its guide and
    handouts printed into ``pdfs`` (the site's ``_pdf``), in place of any it had, and say so in its README.
    Returns how many packs now hold PDFs."""
    changed = 0
    for zipped in sorted(Path(packs).glob(f"{pack_name('*')}.zip")):
        top = zipped.stem
        with zipfile.ZipFile(zipped) as zf:
            entries = {info.filename: zf.read(info) for info in zf.infolist()}
        prefix = f"{top}/teaching/"
        markdown = [n.removeprefix(f"{top}/") for n in entries if n.startswith(prefix) and n.endswith(".md")]
        if not markdown:
            continue
        kept = {n: data for n, data in entries.items() if not (n.startswith(prefix) and n.endswith(".pdf"))}
        printed = _printed(pdfs, sorted(markdown, key=lambda n: (n.count("/"), n)))
        slug = top.removeprefix(pack_name(""))
        names = [n.removeprefix(f"{top}/") for n in kept if n.startswith(prefix)] + [name for _, name in printed]
        section = _teaching_readme(slug, sorted(names, key=lambda n: (n.count("/"), n))).strip("\n")
        readme = kept[f"{top}/README.md"].decode("utf-8")
        start = readme.find("\n## For teaching")
        end = readme.find("\n## ", start + 1) if start >= 0 else readme.find("\n## Licence")
        start = start if start >= 0 else end
        kept[f"{top}/README.md"] = (readme[:start].rstrip("\n") + "\n\n" + section + "\n" + readme[end:]).encode(
            "utf-8"
        )
        with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in kept.items():
                zf.writestr(name, data)
            for path, name in printed:
                zf.write(path, f"{top}/{name}")
        changed += bool(printed)
    return changed


def _repository(root: Path) -> str:
    import yaml

    conf = root / "_config.yml"
    if conf.exists():
        return (yaml.safe_load(conf.read_text(encoding="utf-8")).get("repository") or {}).get("url", "")
    return ""


# --- the Sphinx extension ---------------------------------------------------------------------


def packable(app: Any) -> list[str]:
    """The slugs of the chapters in this build that get a pack, in the table of contents' order."""
    src = Path(app.srcdir)
    site_map = getattr(app.env, "external_site_map", None)  # sphinx-external-toc's map, in toc order
    order = list(site_map) if site_map is not None else []
    docs = sorted(app.env.found_docs, key=lambda d: (order.index(d) if d in order else len(order), d))
    return [
        d.split("/", 1)[1]
        for d in docs
        if d.startswith("chapters/") and (src / f"{d}.ipynb").exists() and has_parameters(src / f"{d}.ipynb")
    ]


def _href(docname: str, slug: str) -> str:
    return posixpath.relpath(f"{PACKS}/{pack_name(slug)}.zip", posixpath.dirname(docname) or ".")


def _link(docname: str, slug: str, text: str) -> nodes.reference:
    return nodes.reference("", text, refuri=_href(docname, slug), classes=["chapter-pack-link"])


def _add_download_line(app: Any, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or not docname.startswith("chapters/"):
        return
    slug = docname.split("/", 1)[1]
    if slug not in packable(app):
        return
    para = nodes.paragraph(classes=["chapter-pack"])
    para += nodes.Text("Download this chapter as a pack (the notebook, the toolkit, the data and a README): ")
    para += _link(docname, slug, f"{pack_name(slug)}.zip")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    notes = [n for n in section.children if isinstance(n, nodes.admonition)]
    # After the chapter's "In brief" box (which follows its content note), else after its first box.
    brief = [n for n in notes if n.children and n.children[0].astext().strip() == "In brief"]
    anchor = brief[0] if brief else notes[0] if notes else section[0]
    section.insert(section.index(anchor) + 1, para)


def pack_reference(docname: str, slug: str, html: bool) -> nodes.Node:
    """The pack's name, linked on an html page (a literal elsewhere)."""
    name = f"{pack_name(slug)}.zip"
    return _link(docname, slug, name) if html else nodes.literal(name, name)


class ChapterPacks(SphinxDirective):
    """A list of the packs of this build's chapters, with links (html builds); with a chapter's name as its
    argument (a teaching guide's ```{chapter-packs} rwanda```), that chapter's pack alone, in a sentence."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        src = Path(self.env.srcdir)
        html = self.env.app.builder.format == "html"
        slugs = packable(self.env.app)
        if self.arguments:
            slug = self.arguments[0]
            if slug not in slugs:
                raise self.error(f"chapter-packs: no pack of {slug!r} in this build (packs: {', '.join(slugs)})")
            para = nodes.paragraph(classes=["chapter-pack"])
            para += nodes.Text("The chapter pack: ")
            para += pack_reference(self.env.docname, slug, html)
            para += nodes.Text(" (the notebook, the toolkit, the data, this guide and its handouts; see its README).")
            return [para]
        items = nodes.bullet_list()
        for slug in slugs:
            title = notebook_title(src / "chapters" / f"{slug}.ipynb")
            para = nodes.paragraph()
            para += pack_reference(self.env.docname, slug, html)
            para += nodes.Text(f": {title}")
            items += nodes.list_item("", para)
        return [items]


def _download_menu(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """An entry "pack" in the page's download menu (the theme builds the menu at priority 501)."""
    if not pagename.startswith("chapters/") or pagename.split("/", 1)[1] not in packable(app):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": _href(pagename, pagename.split("/", 1)[1]),
                    "text": ".zip pack",
                    "tooltip": "Download this chapter as a pack: notebook, toolkit, data, README",
                    "icon": "fas fa-file-archive",
                    "label": "download-pack-button",
                }
            )


def _write_packs(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir) / PACKS
    repository = (app.config.html_theme_options or {}).get("repository_url", "")
    for slug in packable(app):  # the guide and its handouts only where this edition has them
        teaching = f"teaching/{slug}" in app.env.found_docs
        make_pack(Path(app.srcdir), slug, out, repository=repository, teaching=teaching)


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("chapter-packs", ChapterPacks)
    app.connect("doctree-resolved", _add_download_line)
    app.connect("html-page-context", _download_menu, priority=600)
    app.connect("build-finished", _write_packs)
    return {"version": helpers.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
