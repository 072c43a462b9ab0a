"""Abuse limits for the probe: per-client rate, probes in flight, per-target reuse.

Counters live in Django's cache, so several instances share them when the cache
is Redis (DJANGO_REDIS_URL); the in-flight cap is per process by design (it
protects this process's sockets and memory).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from .probe.addresses import IPAddress, IPNetwork, parse_networks, within

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


def client_key(address: str) -> str:
    """What one client is for the rate limit: an IPv4 address, or an IPv6 /64
    (anyone with one has 2**64 addresses to rotate through).

    >>> client_key("2001:db8:1:2:3:4:5:6")
    '2001:db8:1:2::/64'
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_address(request: HttpRequest, trusted_proxies: list[str]) -> str:
    """The visitor's address: REMOTE_ADDR, unless that is a trusted proxy.

    Then X-Forwarded-For is read from the right, skipping trusted proxies; the
    first address that is not one is the client (anything left of it could be
    forged by the client).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = parse_networks(trusted_proxies)
    if not proxies or not _is_within(remote, proxies):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_within(hop, proxies):
            return hop if _address(hop) is not None else remote
    return remote


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_within(text: str, networks: list[IPNetwork]) -> bool:
    address = _address(text)
    return address is not None and within(address, networks)


def over_rate(key: str, rate: Rate | None, *, now: float | None = None) -> int | None:
    """Count one request for ``key``; the seconds to wait if it is over the rate."""
    if rate is None:
        return None
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    cache_key = f"probe-rate:{key}:{window}"
    if cache.add(cache_key, 1, timeout=rate.seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=rate.seconds + 1)
            count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))


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


async def arecent_report(target: str) -> str | None:
    """The id of this target's report from the last few minutes, if any."""
    return await cache.aget(_target_key(target))


def remember_report(target: str, record_id: str, seconds: int) -> None:
    if seconds > 0:
        cache.set(_target_key(target), record_id, timeout=seconds)


def _target_key(target: str) -> str:
    # Cache keys must be short and plain; targets are normalised already.
    return "probe-target:" + hashlib.sha256(target.encode()).hexdigest()[:32]
