"""Abuse limits for the probe: a rate per client and a cap on probes in flight.

Counters live in Django's cache, so several instances share them when the cache
is Redis (DJANGO_REDIS_URL); the in-flight cap is per process by design (it
protects this process's sockets and memory).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from wizard.web import cache_counters

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str) -> Rate | None:
    """``"10/m"`` → 10 per 60 s; ``"30/5m"`` → 30 per 300 s; empty → no limit.

    >>> parse_rate("10/m")
    Rate(count=10, seconds=60)
    """
    if not text.strip():
        return None
    count, _, period = text.strip().partition("/")
    digits = period[:-1] or "1"
    if not count.isdigit() or not digits.isdigit() or period[-1:] not in _UNITS:
        raise ValueError(f"bad rate {text!r}: use e.g. 10/m")
    return Rate(int(count), int(digits) * _UNITS[period[-1]])


def over_rate(key: str, rate: Rate | None, *, now: float | None = None) -> int | None:
    """Count one request for ``key``; the seconds to wait if it is over the rate."""
    if rate is None:
        return None
    count = cache_counters.add_event(f"probe-rate:{key}", rate.seconds, now=now)
    return count.seconds_left if count.events > rate.count else None


class InFlight:
    """How many probes this process runs now, with a ceiling."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    def try_acquire(self, ceiling: int) -> bool:
        with self._lock:
            if self._count >= ceiling:
                return False
            self._count += 1
            return True

    def release(self) -> None:
        with self._lock:
            self._count = max(0, self._count - 1)


IN_FLIGHT = InFlight()
