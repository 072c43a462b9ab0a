"""What an agent asked of the probe reports list, read from its query string.

Plain Python: the view hands in the raw GET values, gets back what to filter
on and what could not be read, and every value is bounded so that no input
reaches the database unread.

>>> search = read_search({"target": "  Example.JP ", "date": "2026-12-02", "page": "2"})
>>> search.target, search.date, search.page
('Example.JP', datetime.date(2026, 12, 2), 2)
>>> read_search({"target": "one\\x00.example"}).target
'one.example'
>>> read_search({"date": "02/12/2026", "page": "abc"}).problems
(<SearchProblem.BAD_DATE: 'bad-date'>, <SearchProblem.BAD_PAGE: 'bad-page'>)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

# As long as a target can be (wizard.questions.core.hostnames.MAX_LENGTH).
TARGET_MAX_LENGTH = 254
# Past this, a page number is nonsense rather than a page: read it as one.
PAGE_MAX = 10**6
DATE_YEARS = (2, 9998)


class SearchProblem(StrEnum):
    BAD_DATE = "bad-date"
    BAD_PAGE = "bad-page"


@dataclass(frozen=True)
class ReportSearch:
    target: str = ""
    date: dt.date | None = None
    page: int = 1
    # What was typed in the date box, to show it again when it could not be read.
    date_typed: str = ""
    problems: tuple[SearchProblem, ...] = ()

    @property
    def filtered(self) -> bool:
        return bool(self.target or self.date)

    def query(self, *, page: int | None = None) -> str:
        """The search as a query string, for page links (``page`` replaces ours).

        >>> ReportSearch(target="a&b", date=dt.date(2026, 1, 2)).query(page=3)
        'target=a%26b&date=2026-01-02&page=3'
        """
        values = {"target": self.target, "date": self.date.isoformat() if self.date else ""}
        kept = {key: value for key, value in values.items() if value}
        if page is not None and page != 1:
            kept["page"] = str(page)
        return urlencode(kept)


def read_search(values: Mapping[str, str]) -> ReportSearch:
    """The search in ``values`` (a query string's fields); unreadable parts are
    left out and named in ``problems``, never raised."""
    # Control characters are in no target, and PostgreSQL refuses NUL in text.
    printable = "".join(c for c in values.get("target", "") if c.isprintable() or c.isspace())
    target = " ".join(printable.split())[:TARGET_MAX_LENGTH]
    problems: list[SearchProblem] = []
    date_typed = values.get("date", "").strip()[:32]
    date = None
    if date_typed:
        try:
            date = dt.date.fromisoformat(date_typed)
        except ValueError:
            problems.append(SearchProblem.BAD_DATE)
        # A day at either end of the calendar has no instants on both sides of it.
        if date is not None and not DATE_YEARS[0] <= date.year <= DATE_YEARS[1]:
            date = None
            problems.append(SearchProblem.BAD_DATE)
    page = 1
    page_typed = values.get("page", "").strip()
    if page_typed:
        digits = page_typed.isascii() and page_typed.isdigit() and len(page_typed) <= 7
        if digits and 1 <= int(page_typed) <= PAGE_MAX:
            page = int(page_typed)
        else:
            problems.append(SearchProblem.BAD_PAGE)
    return ReportSearch(target, date, page, date_typed, tuple(problems))


def day_bounds(date: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants a calendar day in ``zone`` starts and ends (the end excluded).

    >>> start, end = day_bounds(dt.date(2026, 12, 2), "Asia/Tokyo")
    >>> start.astimezone(dt.UTC).isoformat(), end - start
    ('2026-12-01T15:00:00+00:00', datetime.timedelta(days=1))
    """
    tz = ZoneInfo(zone)
    start = dt.datetime.combine(date, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(date + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end
