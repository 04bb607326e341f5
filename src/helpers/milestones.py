"""The milestones the book compares across cases, each with a written definition and a rule.

A milestone's rule says which rows of the ``events`` table count: their
``category``, their ``actor`` (a pattern, where the actor matters), the tags
they must carry, and whether only events on or after the case's onset count.
Where a definition needs a judgment the columns cannot make (is this actor a
government? is this force there to protect people?), the rule asks for a
``milestone:<key>`` tag: the data author declares the row, the validator
(:func:`tag_problems`, run by ``helpers.data validate``) refuses the tag on a
row whose category or actor cannot meet the definition, and the chart takes
the earliest row that satisfies the whole rule. Nothing is guessed from titles.

This module knows nothing of charts or of how tables are loaded, so that the
data validator and the chart builders can both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TAG_PREFIX = "milestone"
# One label for a cell the book's sources do not fill: a statement about what was searched, not about history.
NEVER = "none found in the book's sources"
NOT_AVAILABLE = "not available in the era"  # no institution of the kind the milestone counts existed yet
LATEST = "date:by"  # a row dated by the earliest record the book has: the event itself may be earlier
# ``not-counted:<key>`` on a row the rule might seem to take: the data author judged that it does not meet the
# milestone's definition, and the row's note says why (it must contain the words "not counted").
NOT_COUNTED = "not-counted"


@dataclass(frozen=True)
class Milestone:
    """One milestone: what it is called, what it means, and the rule that picks its rows."""

    key: str
    label: str
    definition: str
    categories: frozenset[str]
    actor: str | None = None  # a regular expression the actor must match (search), or None: any actor
    tags: frozenset[str] = frozenset()  # every one of these tags must be on the row
    after_onset: bool = False  # only events on or after the first day of the case's onset count
    excluded: frozenset[str] = frozenset()  # a row carrying any of these tags can never count
    any_category_tagged: bool = False  # a row of another category counts too, if it carries the milestone's tag
    since: str | None = None  # before this date no institution of the kind the milestone counts existed
    since_note: str = ""  # what did not exist before ``since``, in a phrase
    # Categories beyond ``categories`` whose rows may meet the definition on the data author's judgment (a
    # statement that warned); with ``categories``, the rows :func:`could_meet` puts to that judgment.
    review: frozenset[str] = frozenset()
    # Tags that show a row is accounted for under another milestone (the decision opening an inquiry is not its
    # finding): such a row is not put to the judgment again.
    settled_by: frozenset[str] = frozenset()

    def available(self, end: Any) -> bool:
        """Whether the milestone could be reached while a case's violence lasted (``end``: its last day, or
        None while it goes on): False only where every institution it counts came into being afterwards."""
        return self.since is None or end is None or str(end) >= self.since

    @property
    def tag(self) -> str:
        """The tag that declares a row for this milestone (required only where ``tags`` lists it)."""
        return f"{TAG_PREFIX}:{self.key}"

    def fits(self, category: Any, actor: Any, tags: Any = None) -> bool:
        """Whether a row of this category and actor (and without an excluded tag) can satisfy the definition."""
        present = tag_set(tags)
        declared = self.any_category_tagged and self.tag in present
        if (category not in self.categories and not declared) or self.excluded & present:
            return False
        return self.actor is None or bool(re.search(self.actor, actor if isinstance(actor, str) else ""))

    def matches(self, category: Any, actor: Any, tags: Any) -> bool:
        """Whether a row satisfies the rule (the onset condition is the caller's: it needs the case)."""
        return self.fits(category, actor, tags) and self.tags <= tag_set(tags)

    @property
    def refusal(self) -> str:
        """The tag that records the data author's judgment that a row does not meet this milestone."""
        return f"{NOT_COUNTED}:{self.key}"

    def could_meet(self, category: Any, actor: Any, tags: Any) -> bool:
        """Whether a row is of a kind the rule could take once the data author judged it so (its category,
        actor and required tags other than the milestone's own allow it) although it does not meet the rule
        now, and no judgment is recorded: neither the milestone's tag nor ``not-counted:<key>``. Such a row
        the clock cannot see; :func:`helpers.charts.compare.unseen` lists the ones that would change a cell."""
        present = tag_set(tags)
        if self.matches(category, actor, tags) or self.refusal in present or self.settled_by & present:
            return False
        if category not in self.categories | self.review or self.excluded & present:
            return False
        if not (self.tags - {self.tag}) <= present:
            return False
        return self.actor is None or bool(re.search(self.actor, actor if isinstance(actor, str) else ""))

    def rule(self) -> str:
        """The rule in words, as the page and the error messages give it."""
        parts = [f"category {' or '.join(sorted(self.categories))}"]
        if self.any_category_tagged:
            parts[0] += f" (or any category tagged {self.tag})"
        if self.actor:
            parts.append(f"actor matching {self.actor!r}")
        if self.tags:
            parts.append("tags " + " and ".join(sorted(self.tags)))
        if self.excluded:
            parts.append("not tagged " + " or ".join(sorted(self.excluded)))
        if self.after_onset:
            parts.append("dated on or after the onset")
        return "; ".join(parts)


def tag_set(tags: Any) -> set[str]:
    """The tags of one row (``a:b;c:d``) as a set; a blank cell has none."""
    return {t.strip() for t in tags.split(";") if t.strip()} if isinstance(tags, str) else set()


COUNCIL = r"^UN Security Council$"
# An international organisation's body or official, an international commission of inquiry, or an international or
# internationalised court: who can open an inquiry that counts (not a single government, not a national court).
INTERNATIONAL = (
    r"\bUN\b|United Nations|International Commission of Inquiry|International Criminal|Extraordinary Chambers|"
    r"African Union|\bICC\b"
)
# An actor that is not a legislature: a parliament's motion does not speak for a government.
LEGISLATURE_EXCLUDED = (
    r"(?i)^(?!.*\b(?:house of commons|house of representatives|house of lords|parliament|congress|senate|"
    r"national assembly)\b)"
)
EVACUATION = "deployment:evacuation"  # an operation to take foreigners out: never a protection force
# The Security Council created the Yugoslavia tribunal on this day (events.csv: conv-1993-05-25-icty-created,
# which a test holds to it): before it, no international criminal court had sat since the post-war tribunals.
PROSECUTION_SINCE = "1993-05-25"
ONSET_ALTERNATIVE = "onset:alternative"  # an events row offering another day 0 for its case (the onset table)
_DEFS = [
    Milestone(
        "warning",
        "First warning",
        "The first warning on record, put before outsiders who could act (the UN, governments), that mass "
        "killing or genocide was under way or coming: a report, appeal, cable or statement addressed to them, by "
        "any author (a UN official, a government, a human rights organisation). Signs of danger that nobody "
        "put before outsiders are not warnings. Rows of category warning, or of any category tagged "
        "milestone:warning; it may come before the onset.",
        frozenset({"warning"}),
        any_category_tagged=True,
        review=frozenset({"statement", "information"}),
    ),
    Milestone(
        "genocide-word",
        "First use of 'genocide'",
        "The first time a government (its head, a minister, an official spokesperson or its delegation) "
        "or a UN body or official in office used the word genocide (or genocidal) for this case, even "
        "conditionally or in relaying others' charges. "
        "Avoiding the word, or speaking only of 'acts of genocide', does not count; nor does a motion of "
        "a parliament or legislature, which speaks for its members, not for the government. Rows of "
        "category statement, decision, warning, investigation or legal, tagged word:used and "
        "milestone:genocide-word, whose actor is not a legislature; it may come before the onset.",
        frozenset({"statement", "decision", "warning", "investigation", "legal"}),
        actor=LEGISLATURE_EXCLUDED,
        tags=frozenset({"word:used", "milestone:genocide-word"}),
    ),
    Milestone(
        "investigation",
        "First inquiry opened",
        "The first international inquiry into the case's violence opened on or after the onset: a body or "
        "person an international organisation mandated to establish the facts (a UN commission of inquiry or "
        "of experts, a special rapporteur, a fact-finding mission of the UN High Commissioner for Human "
        "Rights), or an investigation by an international or internationalised court, dated by the decision "
        "that opens it; where the book has only a later record of that decision, the cell is a latest date. "
        "A request that the Secretary-General report, even that he 'investigate and report', counts only where "
        "it names a body or person to establish the facts (as Resolutions 1564 and 2127 did). "
        "A request to a government for its comments, and the reading of states' submissions that follows, "
        "does not count; nor do inquiries by a single government or national trials. Rows of category "
        "investigation, decision or legal tagged milestone:investigation, whose actor is a UN body or official, "
        "an international commission of inquiry, the African Union or an international or internationalised "
        "court.",
        frozenset({"investigation", "decision", "legal"}),
        actor=INTERNATIONAL,
        tags=frozenset({"milestone:investigation"}),
        after_onset=True,
    ),
    Milestone(
        "finding",
        "First finding",
        "The first conclusion, on the record, of an inquiry or court of the kind that counts for 'First "
        "inquiry opened' (a commission's or rapporteur's report or a court's judgment): what it found, whether "
        "or not it found genocide. Rows of category "
        "investigation or legal (or of any category, such as a rapporteur's report recorded as a warning) tagged "
        "milestone:finding, whose actor is of the kind that counts for 'First inquiry opened'.",
        frozenset({"investigation", "legal"}),
        actor=INTERNATIONAL,
        tags=frozenset({"milestone:finding"}),
        after_onset=True,
        any_category_tagged=True,
        settled_by=frozenset({"milestone:investigation"}),
    ),
    Milestone(
        "council-decision",
        "First Council decision",
        "The first decision of the Security Council itself on the case adopted on or after the onset, whatever "
        "it decided: a resolution, or a statement by its President on the Council's behalf (an S/PRST). One "
        "taken after the violence ended counts too (on Cambodia the first came in 1990, on the settlement of "
        "the war that followed the regime). A member state's own policy (such as a US policy review), a press "
        "statement by the Council's members, a debate or a vetoed draft is not a decision of the Council. Rows "
        "whose actor is UN Security Council, of category decision, investigation or legal.",
        frozenset({"decision", "investigation", "legal"}),
        actor=COUNCIL,
        after_onset=True,
        review=frozenset({"statement", "deliberation"}),
    ),
    Milestone(
        "force-authorised",
        "First force authorised",
        "The first decision, on or after the onset, authorising a force whose mandate includes protecting "
        "civilians: by the Security Council, or by the African Union where an AU force was sent. A sub-regional "
        "body's decision (ECCAS's for MICOPAX, the regional force already in the CAR) is not counted: the book "
        "holds none of their texts, so cannot tell whether they gave a mandate to protect civilians; the AU's "
        "decision to turn MICOPAX into an AU mission is counted. "
        "Enlarging a force already there counts when the decision gives it a mandate to protect civilians "
        "(as for UNAMIR in May 1994 and AMIS in October 2004); merely prolonging a mandate or cutting a "
        "force does not, and neither does an evacuation of foreigners. Rows of category decision by the Council or the AU, tagged milestone:force-authorised.",
        frozenset({"decision"}),
        actor=r"^UN Security Council$|African Union",
        tags=frozenset({"milestone:force-authorised"}),
        after_onset=True,
        excluded=frozenset({EVACUATION}),
    ),
    Milestone(
        "force-arrived",
        "First force on the ground",
        "The first day, on or after the onset, on which troops of a force authorised as above were on the "
        "ground with that mandate. One rule for every case: a force already in the country counts from the "
        "day the mandate applies to its troops, which is the day of the decision that gives the force the "
        "mandate or, where troops already there pass into a new force, the day of the transfer of authority "
        "(MICOPAX's troops became MISCA's on 19 December 2013); a force sent afterwards counts from its first "
        "recorded arrival. Either way a source of its own must show troops there (a resolution's date is not an "
        "arrival); where the earliest record the book has is a later one, the cell is a latest date. Whether "
        "a force protected anyone is not part of the test. Rows of category deployment tagged "
        "milestone:force-arrived; an evacuation of foreigners (tagged deployment:evacuation) never counts.",
        frozenset({"deployment"}),
        tags=frozenset({"milestone:force-arrived"}),
        after_onset=True,
        excluded=frozenset({EVACUATION}),
    ),
    Milestone(
        "prosecution",
        "First prosecution",
        "The first indictment, arrest warrant, or trial of someone for the case's crimes before an "
        "international or internationalised court (trials by national courts are not counted). No such court "
        "sat between the post-war tribunals and the Security Council's Yugoslavia tribunal of May 1993, so "
        "for violence that ended before then the milestone was not available while it lasted. Rows of "
        "category legal tagged milestone:prosecution.",
        frozenset({"legal"}),
        tags=frozenset({"milestone:prosecution"}),
        after_onset=True,
        since=PROSECUTION_SINCE,
        since_note="no international criminal court sat while the violence lasted (the first since the post-war "
        "tribunals was created in May 1993)",
    ),
]
MILESTONES: dict[str, Milestone] = {m.key: m for m in _DEFS}


def check_keys(keys: Any) -> list[str]:
    """``keys`` as a list of milestone keys (all of them for None); a ValueError names a bad one."""
    if keys is None:
        return list(MILESTONES)
    chosen = [keys] if isinstance(keys, str) else list(keys)
    for key in chosen:
        if key not in MILESTONES:
            raise ValueError(f"unknown milestone {key!r} (expected one of {', '.join(MILESTONES)})")
    if not chosen:
        raise ValueError(f"no milestones chosen (expected one or more of {', '.join(MILESTONES)})")
    return chosen


def tag_problems(category: Any, actor: Any, tags: Any, note: Any = None) -> list[tuple[str, str]]:
    """What is wrong with the ``milestone:`` and ``not-counted:`` tags of one events row, as (problem, expected)
    pairs. ``note`` is the row's note, which must give the reason for a ``not-counted:`` tag (None: not checked)."""
    out = []
    present = tag_set(tags)
    for tag in sorted(t for t in present if t.split(":", 1)[0] == NOT_COUNTED):
        key = tag.split(":", 1)[1] if ":" in tag else ""
        if key not in MILESTONES:
            out.append(
                (f"unknown milestone in {tag!r}", f"{NOT_COUNTED}:<key> with key one of " + ", ".join(MILESTONES))
            )
        elif MILESTONES[key].tag in present:
            out.append((f"{tag} together with {MILESTONES[key].tag}", "one judgment per milestone: counted or not"))
        elif note is not None and "not counted" not in (note if isinstance(note, str) else "").lower():
            out.append(
                (
                    f"{tag} without a reason: the note does not say why the row is not counted",
                    f"a note saying, in the words 'not counted', why the row is not a '{MILESTONES[key].label}'",
                )
            )
    for tag in sorted(t for t in present if t.split(":", 1)[0] == TAG_PREFIX):
        key = tag.split(":", 1)[1] if ":" in tag else ""
        milestone = MILESTONES.get(key)
        if milestone is None:
            out.append((f"unknown milestone tag {tag!r}", "milestone:<key> with key one of " + ", ".join(MILESTONES)))
        elif not milestone.fits(category, actor, tags):
            out.append(
                (
                    f"{tag} on a row of category {category!r} by {actor!r} tagged {tags!r}, which cannot be a "
                    f"'{milestone.label}' ({milestone.rule()})",
                    f"the tag only on rows with {milestone.rule()}",
                )
            )
        elif not (milestone.tags - {milestone.tag}) <= present:
            missing = ", ".join(sorted(milestone.tags - {milestone.tag} - present))
            out.append((f"{tag} without {missing}", f"{tag} together with {missing}"))
    return out
