"""The chapters as JupyterLab shows them: ``python -m helpers.lab [BOOK]`` (Binder's ``postBuild`` runs it).

jupyterlab-myst renders the book's MyST in JupyterLab but resolves no citation and no reference to a
figure or a glossary term: it has no bibliography (jupyter-book/jupyterlab-myst#127), and a figure's
name and caption live in its code cell's metadata, which it does not read. A reader in Binder would see
"⚠ maddox2015" and "⚠ fig-car-timeline" over a hundred times a chapter. This rewrites each notebook of
the table of contents so that its markdown reads as the site does:

* ``{cite}`maddox2015``` as ``[Maddox 2015]`` and ``{cite:t}`maddox2015``` as ``Maddox [2015]``
  (the bibliography's short forms, :mod:`helpers.sources`);
* ``{numref}`fig-rw-map``` as ``Figure 3.1``, numbered as the site numbers it (the chapter's place among
  the numbered chapters of ``_toc.yml``, then the figure's place in the chapter), and after each figure
  its caption, ``**Figure 3.1.** ...``, in a markdown cell of its own (tagged ``lab-caption``);
* ``{term}`MISCA``` as ``MISCA`` (the glossary is another file).

The repository keeps the roles (the site is built from them); Binder's copy is rewritten once, when
its image is built. Rewriting a rewritten notebook changes nothing. A citation of a key the
bibliography lacks, or a reference to a figure the notebook lacks, stops it with the notebook's name.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from helpers import sources, toc

ROLE = re.compile(r"\{(cite(?::[a-z]+)?|numref|term|ref)\}`([^`]+)`")
SECTION = re.compile(r"^\(([\w-]+)\)=\s*\n+#+\s+(.+?)\s*$", re.M)  # a `(label)=` target above a heading
EXPLICIT = re.compile(r"^(.+?)\s*<([^<>]+)>$", re.S)  # `text <target>`
NARRATIVE = {"cite:t", "cite:ts", "cite:ct", "cite:cts"}  # sphinxcontrib-bibtex's textual roles
CAPTION_TAG = "lab-caption"


class LabTextError(ValueError):
    """A role that cannot be written out: the notebook, the role and what was expected."""


def chapter_numbers(toc_path: Path) -> dict[str, str]:
    """Each document of the numbered parts and its chapter number, counted on across parts (as the
    book's ``use_multitoc_numbering`` does): ``{"chapters/rwanda": "3", ...}``."""
    numbers: dict[str, str] = {}
    for part in toc.read(toc_path).get("parts", []):
        if part.get("numbered"):
            for doc in toc.part(toc_path, part["caption"]):
                numbers[doc] = str(len(numbers) + 1)
    return numbers


def figures(nb: nbformat.NotebookNode, chapter: str | None) -> dict[int, tuple[str | None, str]]:
    """The notebook's figures: each figure cell's index, its name and its number, in cell order as Sphinx
    numbers them (``3.1, 3.2, ...`` in chapter 3; ``1, 2, ...`` in an unnumbered document)."""
    found: dict[int, tuple[str | None, str]] = {}
    for i, cell in enumerate(nb.cells):
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
        if cell.cell_type == "code" and figure is not None:
            count = len(found) + 1
            found[i] = (figure.get("name"), f"{chapter}.{count}" if chapter else str(count))
    return found


def _cite(role: str, body: str, bib: Path, where: str) -> str:
    try:
        parts = [sources.cite_parts(key.strip(), bib) for key in body.split(",") if key.strip()]
    except KeyError as exc:
        raise LabTextError(f"{where}: {{{role}}}`{body}`: {exc.args[0]}") from None
    if role in NARRATIVE:
        return ", ".join(f"{names} [{when}]" if when else names for names, when in parts)
    return "[" + "; ".join(f"{names} {when}".strip() for names, when in parts) + "]"


def _numref(body: str, numbers: dict[str, str], where: str) -> str:
    explicit = EXPLICIT.match(body)
    title, label = (explicit.group(1), explicit.group(2)) if explicit else ("Figure %s", body)
    label = label.strip()
    if label not in numbers:
        named = ", ".join(numbers) or "none"
        raise LabTextError(f"{where}: {{numref}}`{body}`: no figure named {label!r} here (figures: {named})")
    return title.replace("%s", numbers[label]).replace("{number}", numbers[label])


def _ref(body: str, sections: dict[str, str], where: str) -> str:
    """A section reference as Sphinx writes it: its own text, or the heading of the section it names."""
    explicit = EXPLICIT.match(body)
    if explicit:
        return explicit.group(1)
    if body.strip() not in sections:
        named = ", ".join(sections) or "none"
        raise LabTextError(f"{where}: {{ref}}`{body}`: no section labelled {body.strip()!r} here (labels: {named})")
    return f"“{sections[body.strip()]}”"


def lab_text(
    text: str, bib: Path, numbers: dict[str, str], where: str = "markdown", sections: dict[str, str] | None = None
) -> str:
    """MyST with its citations, figure and section references and glossary terms written out as text."""

    def write(match: re.Match) -> str:
        role, body = match.group(1), match.group(2)
        if role == "numref":
            return _numref(body, numbers, where)
        if role == "ref":
            return _ref(body, sections or {}, where)
        if role == "term":
            explicit = EXPLICIT.match(body)
            return explicit.group(1) if explicit else body
        return _cite(role, body, bib, where)

    return ROLE.sub(write, text)


def rewrite(nb: nbformat.NotebookNode, bib: Path, chapter: str | None, name: str) -> nbformat.NotebookNode:
    """The notebook as JupyterLab should show it (a new notebook; ``nb`` is left as it was)."""
    nb = nbformat.from_dict(nb)
    found = figures(nb, chapter)
    numbers = {label: number for label, number in found.values() if label}
    sections = {
        label: heading
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for label, heading in SECTION.findall(cell.source)
    }
    cells = []
    for i, cell in enumerate(nb.cells):
        where = f"{name}, cell {i + 1}"
        if cell.cell_type == "markdown":
            cell.source = lab_text(cell.source, bib, numbers, where, sections)
        cells.append(cell)
        caption = cell.metadata["mystnb"]["figure"].get("caption") if i in found else None
        following = nb.cells[i + 1].get("metadata", {}).get("tags", []) if i + 1 < len(nb.cells) else []
        if caption:
            # The figure's caption as JupyterLab's reader sees it (no cell shows it in JupyterLab: the cell
            # below does), so that nothing in Binder's copy holds a role jupyterlab-myst cannot resolve.
            text = lab_text(caption, bib, numbers, f"{where} (caption)", sections)
            cell.metadata["mystnb"]["figure"]["caption"] = text
        if caption and CAPTION_TAG not in following:
            cells.append(
                nbformat.v4.new_markdown_cell(f"**Figure {found[i][1]}.** {text}", metadata={"tags": [CAPTION_TAG]})
            )
    nb.cells = cells
    return nb


def rewrite_book(book: Path) -> list[Path]:
    """Rewrite, in place, every notebook of ``book``'s ``_toc.yml``; returns the notebooks written."""
    book = Path(book)
    toc_path, bib = book / "_toc.yml", book / "references.bib"
    numbers = chapter_numbers(toc_path)
    written = []
    for doc in toc.documents(toc_path):
        path = book / f"{doc}.ipynb"
        if not path.exists():
            continue
        nb = nbformat.read(path, as_version=4)
        new = rewrite(nb, bib, numbers.get(doc), path.relative_to(book).as_posix())
        if new != nb:
            nbformat.write(new, path)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m helpers.lab", description=__doc__.split("\n\n")[0])
    p.add_argument("book", nargs="?", default=".", help="the book's folder (with _toc.yml and references.bib)")
    args = p.parse_args(argv)
    try:
        written = rewrite_book(Path(args.book))
    except (LabTextError, FileNotFoundError) as exc:
        print(f"helpers.lab: {exc}", file=sys.stderr)
        return 1
    print(f"helpers.lab: {len(written)} notebooks written for JupyterLab")
    return 0


if __name__ == "__main__":
    sys.exit(main())
