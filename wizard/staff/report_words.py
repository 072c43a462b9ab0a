"""Every sentence of the probe reports page that depends on the search."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from .core.report_search import ReportSearch, SearchProblem
from .report_list import ReportPage

PAGE_TITLE = gettext_lazy("Probe reports")
BAD_DATE = gettext_lazy(
    "“%(typed)s” is not a date, so the list is not limited to a day. Please enter a "
    "date as year-month-day, for example 2026-04-01."
)
BAD_PAGE = gettext_lazy("That page number could not be read, so here is the first page.")
MISSING_PAGE = gettext_lazy(
    "There is no page %(asked)s for this search, so here is the last one, page %(shown)s."
)
NO_REPORTS = gettext_lazy(
    "No probe reports are stored yet. Reports appear here once someone checks a server."
)
NO_MATCH_TARGET = gettext_lazy("No report contains “%(target)s”.")
NO_MATCH_DATE = gettext_lazy("No report was made on %(date)s.")
NO_MATCH_BOTH = gettext_lazy("No report made on %(date)s contains “%(target)s”.")


def notices(search: ReportSearch, listing: ReportPage) -> list[str]:
    """What could not be read in the search, and what is shown instead."""
    said = []
    if SearchProblem.BAD_DATE in search.problems:
        said.append(str(BAD_DATE) % {"typed": search.date_typed})
    if SearchProblem.BAD_PAGE in search.problems:
        said.append(str(BAD_PAGE))
    elif listing.missing_page is not None:
        said.append(
            str(MISSING_PAGE) % {"asked": listing.missing_page, "shown": listing.page.number}
        )
    return said


def empty_state(search: ReportSearch) -> str:
    """Why the list is empty, in the search's own terms."""
    # The day as the page's language writes a date (2026年12月2日, Dec. 2, 2026).
    date = date_format(search.date) if search.date else ""
    if search.target and date:
        return str(NO_MATCH_BOTH) % {"target": search.target, "date": date}
    if search.target:
        return str(NO_MATCH_TARGET) % {"target": search.target}
    if date:
        return str(NO_MATCH_DATE) % {"date": date}
    return str(NO_REPORTS)
