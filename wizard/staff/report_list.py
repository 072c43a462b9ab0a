"""The console's list of recent probe reports: one search, one page of rows.

Expired reports are never listed, whether or not ``purge_probe_reports`` has
run yet; each row's port outcomes are worded by the probe's own page code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from wizard.probe import page_context, records
from wizard.probe.models import ProbeRecord

from .core.report_search import ReportSearch, day_bounds

PER_PAGE = 25
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortLine:
    port: int
    symbol: str
    label: str
    tone: str


@dataclass(frozen=True)
class ReportRow:
    url: str
    target: str
    created_at: object
    running: bool
    ports: tuple[PortLine, ...]


@dataclass(frozen=True)
class ReportPage:
    rows: tuple[ReportRow, ...]
    page: Page
    # The page asked for when it does not exist (the last one is shown instead).
    missing_page: int | None = None
    # Links to the pages beside this one, keeping the search.
    newer_url: str = ""
    older_url: str = ""


def matching_records(search: ReportSearch) -> QuerySet[ProbeRecord]:
    """Unexpired records matching ``search``, newest first."""
    found = ProbeRecord.objects.filter(expires_at__gt=timezone.now())
    if search.target:
        found = found.filter(target__icontains=search.target)
    if search.date is not None:
        start, end = day_bounds(search.date, settings.TIME_ZONE)
        found = found.filter(created_at__gte=start, created_at__lt=end)
    return found.order_by("-created_at", "-pk")


def report_page(search: ReportSearch, *, per_page: int = PER_PAGE) -> ReportPage:
    """The page of reports ``search`` asks for; past the end, the last page."""
    paginator = Paginator(matching_records(search), per_page)
    number = min(search.page, paginator.num_pages)
    page = paginator.page(number)
    rows = tuple(report_row(record) for record in page.object_list)
    return ReportPage(
        rows,
        page,
        missing_page=search.page if number != search.page else None,
        newer_url=_page_url(search, page.previous_page_number()) if page.has_previous() else "",
        older_url=_page_url(search, page.next_page_number()) if page.has_next() else "",
    )


def _page_url(search: ReportSearch, number: int) -> str:
    query = search.query(page=number)
    return reverse("staff:reports") + (f"?{query}" if query else "")


def report_row(record: ProbeRecord) -> ReportRow:
    # A report whose probe was lost is finished as timed out, as its page would.
    records.settle_if_stale(record)
    running = record.status == ProbeRecord.Status.RUNNING
    return ReportRow(
        url=page_context.report_url(record),
        target=record.target,
        created_at=record.created_at,
        running=running,
        ports=() if running else port_lines(record),
    )


def port_lines(record: ProbeRecord) -> tuple[PortLine, ...]:
    """Each port's outcome in the report page's own words."""
    try:
        report = records.report_of(record)
    except (KeyError, TypeError, ValueError):  # a report no reader of today knows
        logger.warning("unreadable probe report %s", record.pk)
        return ()
    lines = []
    for port in report.ports:
        shown = page_context.port_context(port, report)
        lines.append(
            PortLine(port.port, str(shown["symbol"]), str(shown["label"]), str(shown["tone"]))
        )
    return tuple(lines)
