"""Failed staff logins, limited per user name and per address.

Kept in Django's cache like the probe's limits (wizard.probe.limits), so
several instances share them once the cache is Redis, and no table or extra
middleware is needed. Only failures count, in a window opened by the first: a name or
an address over its limit waits until that window ends; everyone else can still
log in. Someone guessing at one agent's name can hold that name up for at most
one window; they can never lock everyone out.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from wizard.web import cache_counters
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


def _keys(request: HttpRequest, username: str) -> tuple[str, str]:
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    address = client_key(client_address(request, settings.WIZARD_TRUSTED_PROXIES))
    return f"login-fail:name:{name}", f"login-fail:addr:{address}"


def held(request: HttpRequest, username: str, *, now: float | None = None) -> Held | None:
    """Whether this name or this address has failed too often in its window."""
    name_key, address_key = _keys(request, username)
    by_address = cache_counters.current(address_key, WINDOW_SECONDS, now=now)
    if by_address.events >= PER_ADDRESS:
        return Held(by_name=False, seconds=by_address.seconds_left)
    by_name = cache_counters.current(name_key, WINDOW_SECONDS, now=now)
    if by_name.events >= PER_NAME:
        return Held(by_name=True, seconds=by_name.seconds_left)
    return None


def count_failure(request: HttpRequest, username: str, *, now: float | None = None) -> None:
    for key in _keys(request, username):
        cache_counters.add_event(key, WINDOW_SECONDS, now=now)
