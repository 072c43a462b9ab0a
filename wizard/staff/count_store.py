"""The counts in the database: adding a process's numbers, reading a week.

Each number is added to its row with one atomic ``UPDATE … SET count = count
+ n``, so instances sharing a database never overwrite each other's counts.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F

from wizard.web.counting import Deltas

from .core.counts import Row
from .models import DailyCount

# A value longer than the column could only come from a bug; cut, never fail.
_VALUE_LENGTH = DailyCount._meta.get_field("value").max_length or 64


# SQLite locks its tables for a moment while another connection writes: a few
# short tries before the numbers go back to wait for the next write.
WRITE_ATTEMPTS = 5
WRITE_RETRY_SECONDS = 0.05


def add_counts(deltas: Deltas) -> None:
    """Add each (day, dimension, value) → n to the stored counts, all or none."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                for (day, dimension, value), n in sorted(deltas.items()):
                    _add(day, dimension, value[:_VALUE_LENGTH], n)
            return
        except OperationalError:
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(WRITE_RETRY_SECONDS * attempt)


def _add(day: dt.date, dimension: str, value: str, n: int) -> None:
    rows = DailyCount.objects.filter(day=day, dimension=dimension, value=value)
    if rows.update(count=F("count") + n):
        return
    try:
        # A savepoint: losing the race to another instance spoils nothing else.
        with transaction.atomic():
            DailyCount.objects.create(day=day, dimension=dimension, value=value, count=n)
    except IntegrityError:  # another instance made the row a moment ago
        rows.update(count=F("count") + n)


def counts_between(first: dt.date, last: dt.date) -> list[Row]:
    """Every stored count from ``first`` to ``last``, both included."""
    return [
        Row(day=day, dimension=dimension, value=value, count=count)
        for day, dimension, value, count in DailyCount.objects.filter(
            day__gte=first, day__lte=last
        ).values_list("day", "dimension", "value", "count")
    ]
