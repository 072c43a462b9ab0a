"""Failed staff logins, limited per user name and per address.

Kept in Django's cache like the probe's limits (wizard.probe.limits), so
several instances share them once the cache is Redis, and no table or extra
middleware is needed. Only failures count, in fixed windows: a name or an
address over its limit waits until the window ends; everyone else can still
log in. Someone guessing at one agent's name can hold that name up for at most
one window; they can never lock everyone out.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from wizard.web.client_address import client_address, client_key

WINDOW_SECONDS = 15 * 60
PER_NAME = 10
PER_ADDRESS = 30


@dataclass(frozen=True)
class Held:
    """Why a login is not tried now, and for how long."""

    by_name: bool
    seconds: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def _keys(request: HttpRequest, username: str, window: int) -> tuple[str, str]:
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    address = client_key(client_address(request, settings.WIZARD_TRUSTED_PROXIES))
    return f"login-fail:name:{name}:{window}", f"login-fail:addr:{address}:{window}"


def held(request: HttpRequest, username: str, *, now: float | None = None) -> Held | None:
    """Whether this name or this address has failed too often in this window."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    name_key, address_key = _keys(request, username, window)
    counts = cache.get_many([name_key, address_key])
    wait = math.ceil((window + 1) * WINDOW_SECONDS - now)
    if counts.get(address_key, 0) >= PER_ADDRESS:
        return Held(by_name=False, seconds=wait)
    if counts.get(name_key, 0) >= PER_NAME:
        return Held(by_name=True, seconds=wait)
    return None


def count_failure(request: HttpRequest, username: str, *, now: float | None = None) -> None:
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    for key in _keys(request, username, window):
        if not cache.add(key, 1, timeout=WINDOW_SECONDS + 1):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=WINDOW_SECONDS + 1)
