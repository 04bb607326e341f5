"""Words compared as people quote them: is a quotation a document's own words, allowing only typography?

A quotation is found in a document when its words and punctuation occur there in order, whatever the
typography: curly or straight quote marks (single or double), any dash or ``--``, spaces and line breaks.
The rest of the quoting conventions are read as gaps:

* an ellipsis (``…`` or ``...``) or ``[...]`` leaves words out: the parts on either side are each found, in
  order, any distance apart;
* a bracketed insertion standing alone (``use [the] term``) stands for at most :data:`BRACKET_WORDS` of the
  document's words; one joined to a word (``regret[ed]``, ``[i]t``) stands for that one word;
* each part may begin with a capital the document does not have (or the reverse), and the punctuation at
  the ends of each part is not compared (a quotation may end a cut sentence with a full stop).

Anything else, a changed, added or missing word or comma, is a difference. :func:`find` says where the
quotation is; :func:`closest` finds the passage nearest to one that is not there and the words that differ.
Standard library only.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

QUOTE_MARKS = set("'\"‘’‚‛“”„‟′″«»`´")
DASHES = "-‐‑‒–—―−"
TOKEN_RE = re.compile(rf"\w+|\.{{3,}}|…|[{DASHES}]+|\S")
BRACKET_WORDS = 4  # the most words a bracketed insertion such as "[the]" may stand for
ANY = -1  # a gap of any length (an ellipsis)
WILD = None  # a word changed in brackets ("regret[ed]"): matches any one word
GAP = "\0gap"  # the library's own "[...]": a quotation never runs across it


@dataclass(frozen=True)
class Token:
    text: str  # normalised: one quote mark, one dash, one ellipsis
    start: int  # its characters in the (NFC-normalised) text
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def tokens(text: str) -> list[Token]:
    """The words and punctuation marks of ``text`` (already NFC), typography made uniform."""
    found = []
    for m in TOKEN_RE.finditer(text):
        s = m.group()
        if s[0] in DASHES:
            s = "-"
        elif s in QUOTE_MARKS:
            s = "'"
        elif s == "…" or s.startswith("..."):
            s = "…"
        found.append(Token(s, m.start(), m.end()))
    return found


@lru_cache(maxsize=64)
def document_tokens(text: str) -> list[Token]:
    """A document's tokens, each of the library's ``[...]`` marks made one :data:`GAP` (kept for the
    documents last searched: validation looks for many quotations in each; do not change the list)."""
    raw, out, i = tokens(text), [], 0
    while i < len(raw):
        if [t.text for t in raw[i : i + 3]] == ["[", "…", "]"]:
            out.append(Token(GAP, raw[i].start, raw[i + 2].end))
            i += 3
        else:
            out.append(raw[i])
            i += 1
    return out


@dataclass
class Part:
    """Words of a quotation found together; ``gap``: how far after the previous part (ANY, or at most n words)."""

    words: list[str | None]
    gap: int = 0


def parts(quotation: str) -> list[Part]:
    """A quotation split at its ellipses and brackets into the parts that must be found in order."""
    toks = tokens(normalise(quotation))
    found: list[Part] = []
    current, i = Part([], 0), 0

    def close(next_gap: int) -> None:
        nonlocal current
        while current.words and current.words[-1] is not WILD and not current.words[-1][:1].isalnum():
            current.words.pop()  # punctuation closing a part is not compared
        if current.words:
            found.append(current)
            current = Part([], next_gap)
        else:  # nothing kept since the last gap: the two gaps make one
            gap = ANY if ANY in (current.gap, next_gap) else current.gap + next_gap
            current = Part([], gap)

    while i < len(toks):
        t = toks[i]
        if t.text == "…":
            close(ANY)
        elif t.text == "[" and "]" in [u.text for u in toks[i:]]:
            j = next(k for k in range(i, len(toks)) if toks[k].text == "]")
            inner = [u.text for u in toks[i + 1 : j]]
            joined_before = i > 0 and toks[i - 1].end == t.start and toks[i - 1].is_word
            joined_after = j + 1 < len(toks) and toks[j + 1].start == toks[j].end and toks[j + 1].is_word
            if inner == ["…"] or not inner:
                close(ANY)
            elif joined_before or joined_after:
                if joined_before and current.words:
                    current.words.pop()
                current.words.append(WILD)
                if joined_after:
                    j += 1
            else:
                close(BRACKET_WORDS)
            i = j
        else:
            if not current.words and not t.is_word:
                i += 1  # punctuation opening a part is not compared
                continue
            current.words.append(t.text)
        i += 1
    close(0)
    return found


def _matches_at(doc: list[Token], at: int, words: list[str | None]) -> bool:
    if at + len(words) > len(doc):
        return False
    for k, w in enumerate(words):
        d = doc[at + k].text
        if w is WILD:
            if not doc[at + k].is_word:
                return False
        elif d != w and not (k == 0 and d.casefold() == w.casefold()):
            return False
    return True


def _search(doc: list[Token], found: list[Part], i: int, after: int, limit: int | None) -> list[int] | None:
    """Start positions of parts i.. in order, the first at or after ``after`` (and by ``limit``), or None."""
    if i == len(found):
        return []
    last = len(doc) - len(found[i].words)
    stop = last if limit is None else min(last, limit)
    for at in range(after, stop + 1):
        if _matches_at(doc, at, found[i].words):
            end = at + len(found[i].words)
            nxt = found[i + 1].gap if i + 1 < len(found) else 0
            rest = _search(doc, found, i + 1, end, None if nxt == ANY else end + nxt)
            if rest is not None:
                return [at, *rest]
    return None


@dataclass(frozen=True)
class Found:
    """Where a quotation is: the characters of each part in the document's (NFC) text."""

    spans: list[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def find(quotation: str, document: str, start: int = 0) -> Found | None:
    """Where ``quotation`` is in ``document`` (at or after character ``start``), allowing only typography;
    None if it is not there. Raises ValueError for a quotation with no words."""
    found = parts(quotation)
    if not found:
        raise ValueError(f"{quotation!r} has no words to look for")
    doc = document_tokens(normalise(document))
    first = next((k for k, t in enumerate(doc) if t.start >= start), len(doc))
    at = _search(doc, found, 0, first, None)
    if at is None:
        return None
    return Found([(doc[a].start, doc[a + len(p.words) - 1].end) for a, p in zip(at, found)])


def count(quotation: str, document: str) -> int:
    """How many times ``quotation`` occurs in ``document`` (non-overlapping), allowing only typography."""
    n, at = 0, 0
    while (hit := find(quotation, document, at)) is not None:
        n, at = n + 1, hit.end
    return n


@dataclass(frozen=True)
class Closest:
    """The document's passage nearest to a quotation it does not contain, and the words that differ."""

    passage: str
    start: int
    differences: list[str]
    ratio: float


def closest(quotation: str, document: str) -> Closest | None:
    """The passage of ``document`` most like ``quotation`` (a window of as many tokens, compared word by
    word with difflib), with up to three differences, each as the document has it against the quotation."""
    text = normalise(document)
    doc = [t for t in document_tokens(text) if t.text != GAP]
    quote = [t for t in tokens(normalise(quotation)) if t.text not in ("…", "[", "]")]
    if not doc or not quote:
        return None
    width = min(len(quote), len(doc))
    want = Counter(t.text.casefold() for t in quote)
    have: Counter[str] = Counter()
    common, scores = 0, []
    for k, t in enumerate(doc):  # shared words in each window, kept up to date as it slides
        word = t.text.casefold()
        common += have[word] < want[word]
        have[word] += 1
        if k >= width:
            old = doc[k - width].text.casefold()
            have[old] -= 1
            common -= have[old] < want[old]
        if k >= width - 1:
            scores.append((common, -(k - width + 1)))
    q = [t.text.casefold() for t in quote]
    best = None
    for _, neg in sorted(scores, reverse=True)[:8]:
        for size in range(max(1, width - 8), width + 9):  # the passage may be a few words longer or shorter
            window = doc[-neg : -neg + size]
            ratio = difflib.SequenceMatcher(None, q, [t.text.casefold() for t in window], autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, window)
    ratio, window = best
    matcher = difflib.SequenceMatcher(None, q, [t.text.casefold() for t in window], autojunk=False)

    def words(toks: list[Token], source: str) -> str:
        return " ".join(source[toks[0].start : toks[-1].end].split()) if toks else ""

    qtext = normalise(quotation)
    differences = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        ours, theirs = words(quote[a1:a2], qtext), words(window[b1:b2], text)
        if op == "replace":
            differences.append(f"“{theirs}” where the quotation has “{ours}”")
        elif op == "insert":
            differences.append(f"“{theirs}”, which the quotation leaves out")
        elif op == "delete":
            differences.append(f"no “{ours}”")
    passage = " ".join(text[window[0].start : window[-1].end].split())
    return Closest(passage, window[0].start, differences[:3], ratio)
