"""The scorecard: the targets by topic and status, and each target on the way from its base to it.

Status is shown three ways at once – colour (Okabe–Ito, colour-blind safe), marker shape and a
word – so a slide printed in grey or read by a colour-blind reader says the same.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..facts.scorecard import TOPICS, ScorecardFacts, select_topic
from ..plotting import COLOURS, Heading, format_axis, legend_below, slide
from ..progress import STATUSES
from ..tables import Column, Table, reader_table
from ..words import date_text, fmt, render, t, unit_text, value_text

__all__ = ["STATUS_STYLES", "card_table", "progress", "sources_table", "summary", "unassessed_table"]

# colour, marker: every status is told by both (and by its word on the chart)
STATUS_STYLES = {
    "target_achieved": (COLOURS["green"], "o"),
    "on_track": (COLOURS["blue"], "D"),
    "needs_acceleration": (COLOURS["orange"], "^"),
    "limited_progress": (COLOURS["vermillion"], "s"),
    "deterioration": (COLOURS["purple"], "v"),
    "not_assessable": ("#BFBFBF", None),
}
STATUS_ORDER = {s: i for i, s in enumerate(STATUSES)}
CLIP = (-0.3, 1.3)  # markers beyond these shares of the way sit at the edge, labelled "beyond"


def _assessed(card: pd.DataFrame) -> pd.DataFrame:
    shown = card[card["counted"] & (card["status"] != "not_assessable")]
    order = shown.assign(
        _topic=shown["topic"].map({tp: i for i, tp in enumerate(TOPICS)}),
        _status=shown["status"].map(STATUS_ORDER),
    )
    return order.sort_values(["_topic", "_status", "indicator", "target_year"], kind="stable").drop(
        columns=["_topic", "_status"]
    )


def _name(row: pd.Series, lang: str, short: bool = False) -> str:
    name = t(f"indicator_{row['indicator']}", lang)
    if row["area"] != "province":
        area = t(f"scorecard.area_short_{row['area']}" if short else f"area_{row['area']}", lang)
        name = t("scorecard.name_area", lang, name=name, area=area)
    return name


def _row_label(row: pd.Series, lang: str) -> str:
    return t("scorecard.row_label", lang, name=_name(row, lang, short=True), year=int(row["target_year"]),
             doc=t(f"doc_short_{row['source']}", lang))  # fmt: skip


def _documents(card: pd.DataFrame, lang: str) -> str:
    return ", ".join(t(f"doc_short_{s}", lang) for s in dict.fromkeys(card["source"]))


def _articles(card: pd.DataFrame, reported: pd.DataFrame, lang: str) -> tuple[int, str]:
    """The articles of the figures a chart uses (publisher and date, in order of first use)."""
    used = card.dropna(subset=["latest_publisher"])
    names = [t("scorecard.reported_source", lang, publisher=p, date=date_text(d, lang))
             for p, d in dict.fromkeys(zip(used["latest_publisher"], used["latest_published"], strict=True))]  # fmt: skip
    return len(names), "; ".join(names)


def _citations(card: pd.DataFrame) -> list[dict[str, str]]:
    """The article behind each latest value a chart uses (:func:`qnlib.reported.citations`)."""
    used = card.dropna(subset=["latest_url"])
    cited = {(r.latest_url, r.latest_quote): {"source": r.latest_source, "line": str(int(r.latest_line)),
             "publisher": r.latest_publisher, "published": r.latest_published, "url": r.latest_url,
             "quote": r.latest_quote} for r in used.itertuples()}  # fmt: skip
    return list(cited.values())


def _source(card: pd.DataFrame, reported: pd.DataFrame, lang: str) -> str:
    count, names = _articles(card, reported, lang)
    documents = _documents(card, lang)
    if not count:
        return documents
    articles = t("scorecard.articles", lang, count=count, names=names)
    return t("scorecard.source_line", lang, documents=documents, articles=articles)


def _position(row: pd.Series) -> float:
    """Where a target sits on the way from its base (0) to its target (1)."""
    covered = row["distance_covered"]
    if row["status"] == "target_achieved":
        return 1.0 if pd.isna(covered) else float(np.clip(max(covered, 1.0), *CLIP))
    return float(np.clip(0.0 if pd.isna(covered) else covered, *CLIP))


def progress(
    card: pd.DataFrame,
    reported: pd.DataFrame,
    facts: ScorecardFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """Each assessable target of ``facts.topic`` as a marker on the way from its base (0%) to its
    target (100%), coloured, shaped and labelled by its status."""
    rows = _assessed(select_topic(card, facts.topic))
    heading = Heading.of("scorecard.progress", lang, facts)
    notes = [render("scorecard.method_note", lang, facts)]
    if facts.disagreeing:
        notes.append(render("scorecard.disagree_count_note", lang, facts))
    fig, ax = slide(heading, _source(rows, reported, lang), lang=lang, title=title, notes=notes, legend_below=True,
                    citations=_citations(rows))  # fmt: skip
    positions = np.arange(len(rows))[::-1]
    ax.barh(positions, [1.0] * len(rows), left=0, height=0.5, color="#EFEFEF", zorder=0)
    for y, (_, row) in zip(positions, rows.iterrows(), strict=True):
        colour, marker = STATUS_STYLES[row["status"]]
        x = _position(row)
        ax.plot([0, x], [y, y], color=colour, linewidth=2, alpha=0.45, zorder=1, solid_capstyle="butt")
        ax.plot([x], [y], marker=marker, markersize=10, color=colour, linestyle="none", zorder=3)
        label = t(f"scorecard.status_{row['status']}", lang)
        if row["after_deadline"]:  # judged by a later figure: say which year's
            label += f" ({t('scorecard.late_figure', lang, year=int(str(row['latest_as_of'])[:4]))})"
        ax.annotate(label, (max(x, 1.0), y), xytext=(12, 0), textcoords="offset points", va="center",
                    fontsize=11.5, color=colour)  # fmt: skip
    ax.axvline(0, color="#8C8C8C", linewidth=1, zorder=2)
    ax.axvline(1, color=COLOURS["black"], linewidth=1.5, linestyle="--", zorder=2)
    ax.set_yticks(positions, [_row_label(r, lang) for _, r in rows.iterrows()], fontsize=11.5)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(CLIP[0], 2.0)
    ax.set_xticks([0, 0.5, 1.0], [t("scorecard.base_line", lang), fmt(50, lang, 0, percent=True),
                                  t("scorecard.target_line", lang)])  # fmt: skip
    ax.set_xlabel(t("scorecard.axis", lang))
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    shown = [s for s in STATUSES if s != "not_assessable" and (rows["status"] == s).any()]
    handles = [Line2D([], [], marker=STATUS_STYLES[s][1], color=STATUS_STYLES[s][0], linestyle="none", markersize=9)
               for s in shown]  # fmt: skip
    legend_below(fig, handles, [t(f"scorecard.status_{s}", lang) for s in shown])
    return fig


def summary(
    card: pd.DataFrame,
    reported: pd.DataFrame,
    facts: ScorecardFacts,
    *,
    lang: str = "vi",
    title: str = "finding",
) -> Figure:
    """The counted targets of each topic as a bar split by status, not-assessable ones included."""
    counted = select_topic(card, facts.topic)
    counted = counted[counted["counted"]]
    topics = [tp for tp in TOPICS[1:] if (counted["topic"] == tp).any()]
    table = pd.crosstab(counted["topic"], counted["status"]).reindex(
        index=topics, columns=list(STATUSES), fill_value=0
    )
    heading = Heading.of("scorecard.summary", lang, facts)
    notes = [render("scorecard.method_note", lang, facts), t("scorecard.share_note", lang),
             render("scorecard.unassessed_note", lang, facts)]  # fmt: skip
    if facts.nq06_met:
        notes.append(render("scorecard.nq06_note", lang, facts))
    fig, ax = slide(heading, _source(counted, reported, lang), lang=lang, title=title, notes=notes,
                    legend_below=True, citations=_citations(counted))  # fmt: skip
    positions = np.arange(len(topics))[::-1]
    left = np.zeros(len(topics))
    for status in STATUSES:
        values = table[status].to_numpy(dtype=float)
        colour = STATUS_STYLES[status][0]
        bars = ax.barh(positions, values, left=left, height=0.62, color=colour,
                       hatch="//" if status == "not_assessable" else None, edgecolor="white")  # fmt: skip
        for bar, value in zip(bars, values, strict=True):
            if value:
                light = status in ("needs_acceleration", "not_assessable")
                ax.annotate(str(int(value)), (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2),
                            ha="center", va="center", fontsize=12, fontweight="bold",
                            color=COLOURS["black"] if light else "white")  # fmt: skip
        left += values
    for y, total in zip(positions, left, strict=True):
        ax.annotate(
            str(int(total)), (total, y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=12
        )
    ax.set_yticks(positions, [t(f"scorecard.topic_{tp}", lang) for tp in topics])
    ax.set_xlim(0, left.max() * 1.08)
    ax.set_xlabel(t("scorecard.summary_axis", lang))
    format_axis(ax, lang, "x", integer=True)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    shown = [s for s in STATUSES if table[s].sum() > 0]
    handles = [Patch(facecolor=STATUS_STYLES[s][0], hatch="//" if s == "not_assessable" else None, edgecolor="white")
               for s in shown]  # fmt: skip
    legend_below(fig, handles, [t(f"scorecard.status_{s}", lang) for s in shown])
    return fig


# ----------------------------------------------------------------------------------- tables


def _goal(row: pd.Series, lang: str) -> str:
    value = value_text(row["target"], lang)
    if not pd.isna(row["value_max"]):
        value = f"{value}–{value_text(row['value_max'], lang)}"
    comparator = row["comparator"] if row["comparator"] != "between" else "="
    text = t("checks.target_value", lang, comparator=comparator, value=value)
    unit = unit_text(row["unit"], lang)
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def _level(value: float, row: pd.Series, lang: str) -> str:
    if pd.isna(value):
        return ""
    share = row["assessed_as"] == "share" or row["measure"].endswith("_share") or row["unit"].startswith("%")
    decimals = next((d for d in range(4) if round(value, d) == value), 1)  # as printed; a computed share: 1
    return fmt(value, lang, decimals, percent=share)


def _remarks(row: pd.Series, reported: pd.DataFrame, lang: str) -> str:
    parts = []
    if row["assessed_as"] not in ("level",):
        parts.append(
            t(f"scorecard.assessed_{row['assessed_as']}", lang, level=_level(row["target_level"], row, lang))
        )
    if isinstance(row["note"], str) and row["note"] == "met_at_base":
        parts.append(t("scorecard.met_at_base", lang))
    if isinstance(row["latest_flags"], str):
        parts.extend(t(f"scorecard.flag_{f}", lang) for f in row["latest_flags"].split(";"))
    if row["after_deadline"] and isinstance(row["latest_as_of"], str):
        parts.append(t("scorecard.after_deadline", lang, year=int(row["target_year"])))
    if isinstance(row["alternatives"], str):
        for other in json.loads(row["alternatives"]):
            publishers = [
                str(reported.loc[reported["source"] == s, "publisher"].iloc[0]) for s in other["sources"]
            ]
            parts.append(t("scorecard.alternative", lang, value=_level(other["value"], row, lang),
                           sources=", ".join(publishers), status=t(f"scorecard.status_{other['status']}", lang)))  # fmt: skip
    return "; ".join(parts)


def _latest_source(row: pd.Series, lang: str) -> str:
    if not isinstance(row["latest_source"], str):
        return ""
    if isinstance(row["latest_publisher"], str):
        return f"{row['latest_publisher']} ({date_text(row['latest_published'], lang)})"
    return t(f"doc_{row['latest_source']}", lang)


def card_table(card: pd.DataFrame, reported: pd.DataFrame, *, lang: str = "vi", topic: str = "all") -> Table:
    """Every target that can be assessed: the goal, the base, the latest figure and its source, the
    status, and what a reader must know (how it is assessed, other sources' figures)."""
    rows = _assessed(select_topic(card, topic))
    shown = pd.DataFrame({
        "target": [_name(r, lang) for _, r in rows.iterrows()],
        "source": rows["source"].to_numpy(),
        "target_year": rows["target_year"].to_numpy(),
        "goal": [_goal(r, lang) for _, r in rows.iterrows()],
        "base": [_level(r["base"], r, lang) for _, r in rows.iterrows()],
        "base_as_of": rows["base_as_of"].to_numpy(),
        "latest": [_level(r["latest"], r, lang) for _, r in rows.iterrows()],
        "latest_as_of": rows["latest_as_of"].to_numpy(),
        "latest_source": [_latest_source(r, lang) for _, r in rows.iterrows()],
        "status": rows["status"].to_numpy(),
        "ratio": rows["ratio"].to_numpy(),
        "remarks": [_remarks(r, reported, lang) for _, r in rows.iterrows()],
    })  # fmt: skip
    columns = [Column("target", "scorecard.col_target"), Column("source", "scorecard.col_document", "doc"),
               Column("target_year", "scorecard.col_target_year", "year"), Column("goal", "scorecard.col_goal"),
               Column("base", "scorecard.col_base"), Column("base_as_of", "scorecard.col_base_date", "date"),
               Column("latest", "scorecard.col_latest"), Column("latest_as_of", "scorecard.col_latest_date", "date"),
               Column("latest_source", "scorecard.col_latest_source"),
               Column("status", "scorecard.col_status", "label:scorecard.status_"),
               Column("ratio", "scorecard.col_ratio", "num2"), Column("remarks", "scorecard.col_remarks")]  # fmt: skip
    return reader_table(shown, columns, lang, "scorecard-card")


def unassessed_table(card: pd.DataFrame, *, lang: str = "vi", topic: str = "all") -> Table:
    """The targets that cannot be assessed, by reason: how many, and which."""
    rows = select_topic(card, topic)
    rows = rows[rows["counted"] & (rows["status"] == "not_assessable")]
    groups = [
        {"reason": reason, "count": len(group), "targets": "; ".join(dict.fromkeys(
            t("scorecard.row_label", lang, name=_name(r, lang), year=int(r["target_year"]),
              doc=t(f"doc_short_{r['source']}", lang)) for _, r in group.iterrows()))}
        for reason, group in rows.groupby("reason", sort=False)
    ]  # fmt: skip
    frame = pd.DataFrame(groups, columns=["reason", "count", "targets"])
    columns = [Column("reason", "scorecard.col_reason", "label:scorecard."), Column("count", "scorecard.col_count", "int"),
               Column("targets", "scorecard.col_targets")]  # fmt: skip
    return reader_table(frame, columns, lang, "scorecard-unassessed")


def sources_table(
    card: pd.DataFrame, reported: pd.DataFrame, *, lang: str = "vi", topic: str = "all"
) -> Table:
    """Every later figure the card uses: where and when it was published, the kind of source, the
    address, and the quotation that holds the number."""
    rows = _assessed(select_topic(card, topic))
    used = rows.dropna(subset=["latest_publisher"])
    keys = list(dict.fromkeys(zip(used["latest_source"], used["latest_line"], strict=True)))
    figures = []
    for source, line in keys:
        article = reported[(reported["source"] == source) & (reported["line"] == line)].iloc[0]
        figures.append({"publisher": article["publisher"], "published": article["published"],
                        "source_kind": article["source_kind"], "url": article["url"], "quote": article["quote"]})  # fmt: skip
    frame = pd.DataFrame(figures, columns=["publisher", "published", "source_kind", "url", "quote"])
    columns = [Column("publisher", "scorecard.col_publisher"), Column("published", "scorecard.col_published", "date"),
               Column("source_kind", "scorecard.col_source_kind", "label:scorecard.source_kind_"),
               Column("url", "scorecard.col_url"), Column("quote", "scorecard.col_quote", quote=True)]  # fmt: skip
    return reader_table(frame, columns, lang, "scorecard-sources")
