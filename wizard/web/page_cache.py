"""Rendered pages kept for a few minutes: a wizard page is a pure function of
its address (answers, language), so the second visitor gets the same bytes
without rendering again. Pages that depend on who asks are never wrapped."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from functools import wraps

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from .htmx import HTMX_VARY

SECONDS = 300

AsyncView = Callable[..., Awaitable[HttpResponse]]


def _key(request: HttpRequest) -> str:
    parts = [
        get_language() or "",
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        *(request.headers.get(name, "") for name in HTMX_VARY),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(view: AsyncView) -> AsyncView:
    """Serve a 200 response from the cache when the same page was rendered lately."""

    @wraps(view)
    async def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        key = _key(request)
        # The "pages" cache is in this process's memory (settings.CACHES), so
        # it is read on the event loop: its async methods would hop to a thread.
        cache = caches["pages"]
        if (kept := cache.get(key)) is not None:
            headers, content = kept
            return HttpResponse(content, headers=headers)
        response = await view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (dict(response.items()), response.content), SECONDS)
        return response

    return wrapper
