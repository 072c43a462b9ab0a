"""Counting events per key in Django's cache, in a window opened by the first.

Shared by the probe's rate limit and the staff login limits. With Redis as the
cache (DJANGO_REDIS_URL) every instance counts into the same keys; add and incr
are atomic there. The window starts at a key's first event rather than at a
clock boundary, so a burst can never straddle two windows and count twice the
limit, and what the limit says about waiting is exact.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Count:
    """How many events ``key`` has in its window, and when that window ends."""

    events: int
    seconds_left: int


def _since_key(key: str) -> str:
    return f"{key}:since"


def _open(key: str, seconds: int, now: float) -> Count:
    timeout = seconds + 1
    cache.set_many({key: 1, _since_key(key): now}, timeout=timeout)
    return Count(1, seconds)


def add_event(key: str, seconds: int, *, now: float | None = None) -> Count:
    """Count one event for ``key`` in a window of ``seconds``."""
    now = time.time() if now is None else now
    since = cache.get(_since_key(key))
    if since is not None and now >= since + seconds:
        return _open(key, seconds, now)
    if since is None:
        if cache.add(_since_key(key), now, timeout=seconds + 1):
            return _open(key, seconds, now)
        since = cache.get(_since_key(key), now)  # another instance opened it just now
    try:
        events = cache.incr(key)
    except ValueError:  # the count expired between the two reads
        return _open(key, seconds, now)
    return Count(events, max(1, math.ceil(since + seconds - now)))


def current(key: str, seconds: int, *, now: float | None = None) -> Count:
    """``key``'s count now, counting nothing (0 once its window has ended)."""
    now = time.time() if now is None else now
    found = cache.get_many([key, _since_key(key)])
    since = found.get(_since_key(key))
    if since is None or now >= since + seconds:
        return Count(0, seconds)
    return Count(found.get(key, 0), max(1, math.ceil(since + seconds - now)))
