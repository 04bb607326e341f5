"""Cases compared: each case's milestones in days from the onset of its violence."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd

from helpers import cases as _cases
from helpers.charts.marks import labelled, records, require_table, with_table
from helpers.charts.theme import CATEGORY_COLOURS, GREY, WIDTH
from helpers.dates import parse_date

MILESTONES: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "first warning": lambda e: e["category"] == "warning",
    "first Security Council action": lambda e: (
        (e["category"] == "decision") & e["actor"].fillna("").str.contains("Security Council")
    ),
    "first deployment": lambda e: e["category"] == "deployment",
}
MILESTONE_STYLE = {
    "first warning": (CATEGORY_COLOURS["warning"], "triangle-up"),
    "first Security Council action": (CATEGORY_COLOURS["decision"], "diamond"),
    "first deployment": (CATEGORY_COLOURS["deployment"], "square"),
}


def case_gaps(events: pd.DataFrame, cases: pd.DataFrame, which: Sequence[str] | None = None) -> pd.DataFrame:
    """Per case and milestone: the first such event and its distance in days from the case's onset.

    ``cases`` is the ``cases`` table (one row per case, with its ``onset``).
    A milestone a case never reached is a row with no event, not a dropped row.
    """
    require_table(events, "events", ["case", "category", "actor", "start", "title", "date"])
    require_table(cases, "cases", ["case", "name", "onset", "source"])
    chosen = list(which) if which is not None else list(cases["case"])
    for c in chosen:
        _cases.check_case(c)
        if c not in set(cases["case"]):
            raise ValueError(f"case {c!r} has no row in cases.csv (expected one of {', '.join(cases['case'])})")
    rows = []
    for case in chosen:
        info = cases[cases["case"] == case].iloc[0]
        onset = parse_date(info["onset"]).first
        mine = labelled(events[events["case"] == case]).sort_values("start")
        for milestone, test in MILESTONES.items():
            hits = mine[test(mine)]
            row = {"id": f"{case}:{milestone}", "case": case, "case_name": info["name"], "onset": info["onset"],
                   "onset_when": labelled(pd.DataFrame({"date": [info["onset"]]}))["when"].iloc[0], "milestone": milestone}  # fmt: skip
            if hits.empty:
                rows.append({**row, "event": None, "when": "none on record", "days": None, "cite": None})
            else:
                hit = hits.iloc[0]
                rows.append(
                    {
                        **row,
                        "event": hit["title"],
                        "when": hit["when"],
                        "days": int((hit["start"] - onset).days),
                        "cite": hit["cite"],
                    }
                )
    return pd.DataFrame(rows)


def compare_cases(events: pd.DataFrame, cases: pd.DataFrame, which: Sequence[str] | None = None) -> alt.LayerChart:
    """Cases aligned on their onset (day 0): first warning, first Council action, first deployment.

    Negative days came before the onset. The gap between a case's first
    warning and its first action is the distance between its marks.
    """
    gaps = case_gaps(events, cases, which)
    if gaps["days"].isna().all():
        raise ValueError(
            "none of these cases has a warning, Council action or deployment on record (expected events in events.csv)"
        )
    data = records(gaps, ["id", "case_name", "milestone", "event", "when", "days", "cite", "onset_when"])
    order = list(dict.fromkeys(gaps["case_name"]))
    milestone_scale = alt.Scale(domain=list(MILESTONES), range=[c for c, _ in MILESTONE_STYLE.values()])
    shape_scale = alt.Scale(domain=list(MILESTONES), range=[s for _, s in MILESTONE_STYLE.values()])
    y = alt.Y("case_name:N", title=None, sort=order)
    tooltip = [alt.Tooltip("milestone:N", title="Milestone"), alt.Tooltip("event:N", title="Event"), alt.Tooltip("when:N", title="Date"),
               alt.Tooltip("days:Q", title="Days from onset"), alt.Tooltip("onset_when:N", title="Onset"), alt.Tooltip("cite:N", title="Source")]  # fmt: skip
    pick = alt.selection_point(fields=["milestone"], bind="legend", name="milestone_pick")
    reached = alt.Chart(data).transform_filter("isValid(datum.days)")
    spans = reached.mark_rule(strokeWidth=2, color="#8888").encode(x="min(days):Q", x2="max(days):Q", y=y)
    points = (
        reached.mark_point(filled=True, size=150)
        .encode(
            x=alt.X("days:Q", title="Days from the onset of the violence (negative: before it)"),
            y=y,
            color=alt.Color("milestone:N", title="Milestone", scale=milestone_scale),
            shape=alt.Shape("milestone:N", title="Milestone", scale=shape_scale),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=tooltip,
        )
        .add_params(pick)
    )
    zero = alt.Chart(alt.Data(values=[{"days": 0, "label": "onset"}]))
    layers = [spans, points, zero.mark_rule(color=GREY).encode(x="days:Q"),
              zero.mark_text(align="left", dx=3, dy=-4, baseline="bottom", color=GREY).encode(x="days:Q", y=alt.value(0), text="label:N")]  # fmt: skip
    summary = "; ".join(
        f"{r.case_name}: {r.milestone} {'never' if pd.isna(r.days) else f'{int(r.days):+d} days'}"
        for r in gaps.itertuples()
    )
    chart = alt.layer(*layers).properties(
        width=WIDTH, height=max(90, 60 * len(order)), description=f"Cases aligned on their onset. {summary}."
    )
    gaps["days_text"] = gaps["days"].map(lambda d: "never reached" if pd.isna(d) else f"{int(d):+d}")
    columns = {
        "case_name": "Case",
        "milestone": "Milestone",
        "event": "Event",
        "when": "Date",
        "days_text": "Days from onset",
        "cite": "Source",
    }
    return with_table(chart, gaps, columns, "The milestones in this chart")
