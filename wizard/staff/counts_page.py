"""What the counts page shows: this instance's latest counts stored, then the
week up to the chosen day, one worded table per dimension."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from wizard.web.counting import COUNTER, Dimension

from . import count_words
from .core.counts import Line, week_ending, week_tables
from .count_store import counts_between
from .forms import FIRST_DAY

HEADINGS = {
    Dimension.CASE: _("Case"),
    Dimension.CLIENT: _("Mail program"),
    Dimension.LANGUAGE: _("Language"),
    Dimension.PROBE: _("Outcome"),
}


def counts_context(*, day: dt.date, today: dt.date) -> dict[str, object]:
    # An agent sees what their own instance counted a moment ago, too.
    COUNTER.flush()
    days = week_ending(day)
    rows = counts_between(days[-1], day)
    tables = week_tables(
        rows,
        day=day,
        dimensions=[(d, count_words.value_order(d)) for d in Dimension],
    )
    return {
        "section": "counts",
        "page_title": _("Counts"),
        "day": day,
        "today": today,
        "first_day": FIRST_DAY,
        "is_today": day == today,
        "earlier_days": days[1:],
        "previous_week": (day - dt.timedelta(days=7)).isoformat(),
        "next_week": (min(day + dt.timedelta(days=7), today).isoformat() if day < today else None),
        "anything": any(table.lines for table in tables),
        "tables": [
            {
                "dimension": table.dimension,
                "title": count_words.TITLES[table.dimension],
                "heading": HEADINGS[Dimension(table.dimension)],
                "lines": [_worded(table.dimension, line) for line in table.lines],
                "total": table.total,
            }
            for table in tables
        ],
    }


def _worded(dimension: str, line: Line) -> dict[str, object]:
    return {
        "words": count_words.value_words(dimension, line.value),
        "on_day": line.on_day,
        "earlier": line.earlier,
        "week": line.week,
    }
