"""A week of counts as tables: one per dimension, a line per value.

Plain data in, plain data out; the console words the values and the days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WEEK = 7


@dataclass(frozen=True)
class Row:
    """One stored count: on ``day``, ``count`` times ``value`` of ``dimension``."""

    day: dt.date
    dimension: str
    value: str
    count: int


@dataclass(frozen=True)
class Line:
    """One value's counts: on the chosen day, on each day before it, in the week."""

    value: str
    on_day: int
    earlier: tuple[int, ...]
    week: int


@dataclass(frozen=True)
class Table:
    dimension: str
    lines: tuple[Line, ...]
    # The "all" line: every value together.
    total: Line


def week_ending(day: dt.date) -> tuple[dt.date, ...]:
    """The seven days that end on ``day``, newest first.

    >>> [d.day for d in week_ending(dt.date(2026, 12, 2))]
    [2, 1, 30, 29, 28, 27, 26]
    """
    return tuple(day - dt.timedelta(days=back) for back in range(WEEK))


def week_tables(
    rows: Iterable[Row], *, day: dt.date, dimensions: Sequence[tuple[str, Sequence[str]]]
) -> list[Table]:
    """A table per dimension for the week ending on ``day``.

    ``dimensions`` gives each dimension with its values in the order to show
    them; a value counted but not listed (from another version) comes after
    them, by name. A value with no count in the week has no line.

    >>> rows = [Row(dt.date(2026, 12, 2), "case", "3", 2),
    ...         Row(dt.date(2026, 12, 1), "case", "1", 1)]
    >>> [table] = week_tables(rows, day=dt.date(2026, 12, 2), dimensions=[("case", ["1", "3"])])
    >>> [(line.value, line.on_day, line.week) for line in table.lines]
    [('1', 0, 1), ('3', 2, 2)]
    >>> table.total.on_day, table.total.earlier[0], table.total.week
    (2, 1, 3)
    """
    days = week_ending(day)
    column = {d: i for i, d in enumerate(days)}
    found: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        if row.day in column:
            per_day = found.setdefault((row.dimension, row.value), [0] * WEEK)
            per_day[column[row.day]] += row.count
    tables = []
    for dimension, order in dimensions:
        counted = {value: per_day for (dim, value), per_day in found.items() if dim == dimension}
        values = [v for v in order if v in counted] + sorted(set(counted) - set(order))
        lines = tuple(_line(value, counted[value]) for value in values)
        every_day = [sum(line_days) for line_days in zip(*counted.values(), strict=True)]
        tables.append(Table(dimension, lines, _line("", every_day or [0] * WEEK)))
    return tables


def _line(value: str, per_day: Sequence[int]) -> Line:
    return Line(value, per_day[0], tuple(per_day[1:]), sum(per_day))
