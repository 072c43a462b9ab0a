"""Counts of what pages showed, kept in memory and written out in batches.

A result page or a finished probe only adds one to a number in a dict, under
a lock: no database, no I/O on the request's path. Every few seconds
(``WIZARD_COUNTS_FLUSH_SECONDS``) the next recording hands the whole buffer to
one background thread, which gives it to the sink: the staff app plugs in a
writer that adds each number to its row in the database with one atomic
update. Several instances on one database each add their own numbers, so
their counts add up there. Only (day, dimension, value) is ever kept: never an
address, an answer set or a target.

This layer knows nothing of the database: the staff app sets ``COUNTER.sink``
when it starts (``StaffConfig.ready``), so the imports keep running one way.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import threading
import time
from collections import Counter as Tally
from collections.abc import Callable
from enum import StrEnum

from django.conf import settings
from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)


class Dimension(StrEnum):
    """What a count is by; the values are the URL parameters' own words."""

    # "1".."5", or for a result outside the notice's table its Reason.
    CASE = "case"
    CLIENT = "client"
    LANGUAGE = "language"
    # A finished probe's outcome (wizard.probe.core.summary.ProbeSummary).
    PROBE = "probe"


Key = tuple[dt.date, str, str]
Deltas = dict[Key, int]
Sink = Callable[[Deltas], None]


class Counter:
    """Numbers to add, per (day, dimension, value), until they are handed on."""

    def __init__(self) -> None:
        self.sink: Sink | None = None
        self._lock = threading.Lock()
        self._pending: Tally[Key] = Tally()
        self._handed_at = time.monotonic()
        # One writer at a time, the background thread or a page that flushes:
        # a batch once taken is stored before anyone else reads or writes.
        self._writing = threading.Lock()
        self._worker: concurrent.futures.ThreadPoolExecutor | None = None

    def record(self, *pairs: tuple[str, str]) -> None:
        """Count one of each (dimension, value) today, unless counting is off."""
        if not settings.WIZARD_COUNTS:
            return
        day = today()
        now = time.monotonic()
        with self._lock:
            for dimension, value in pairs:
                self._pending[(day, dimension, value)] += 1
            due = (
                self.sink is not None
                and now - self._handed_at >= settings.WIZARD_COUNTS_FLUSH_SECONDS
            )
            if due:
                self._handed_at = now
        if due:
            self._background().submit(self._write_in_background)

    def flush(self) -> None:
        """Store everything counted so far, now, on this thread (the counts page
        before it reads, and the process at exit)."""
        self._write()

    def discard(self) -> None:
        """Forget what is not stored yet (tests, between databases)."""
        self._take()

    def pending(self) -> Deltas:
        """What is counted but not stored yet (for tests and diagnostics)."""
        with self._lock:
            return dict(self._pending)

    def _take(self) -> Deltas:
        with self._lock:
            taken, self._pending = dict(self._pending), Tally()
            self._handed_at = time.monotonic()
        return taken

    def _write(self) -> None:
        sink = self.sink
        if sink is None:
            return
        with self._writing:
            batch = self._take()
            if not batch:
                return
            try:
                sink(batch)
            except Exception:
                # The database was away: keep the numbers for the next write.
                logger.exception("could not store %d counts; keeping them", len(batch))
                with self._lock:
                    self._pending.update(batch)

    def _write_in_background(self) -> None:
        try:
            self._write()
        finally:
            # The worker thread is not a request: nobody else closes its connection.
            connections.close_all()

    def _background(self) -> concurrent.futures.ThreadPoolExecutor:
        with self._lock:
            if self._worker is None:
                self._worker = concurrent.futures.ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="counts"
                )
            return self._worker

    def wait(self) -> None:
        """Until the background thread has written what it was handed (tests)."""
        if self._worker is not None:
            self._worker.submit(lambda: None).result()


COUNTER = Counter()

# The calendar day in the site's time zone, worked out once per day rather
# than on every page.
_day: tuple[dt.date, float] | None = None


def today() -> dt.date:
    """Today in ``TIME_ZONE`` (Asia/Tokyo): what a count's day is."""
    global _day
    now = time.time()
    if _day is None or now >= _day[1]:
        local = timezone.localtime()
        midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), local.tzinfo)
        _day = (local.date(), midnight.timestamp())
    return _day[0]


def record(*pairs: tuple[str, str]) -> None:
    """Count one of each (dimension, value) today."""
    COUNTER.record(*pairs)
