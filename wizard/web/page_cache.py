"""Rendered pages kept for a few minutes, whole: a wizard page is a pure
function of its address (answers, language), so the second visitor gets the
same bytes and headers without the page being rendered, or even routed, again.

A view wrapped in ``cached_page`` marks its 200 responses; ``PageCacheMiddleware``,
high in MIDDLEWARE, keeps each marked response as the middleware below it left
it, and answers a repeat request for that address from there (a 304 when the
browser has it), skipping the rest of the chain. On two cores that chain cost
as much as an empty Django request (bench/pages.py). Pages that depend on who
asks are never wrapped; what a page view counts (result_counts) is counted
again on every repeat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import get_language_from_path

from .counting import record
from .htmx import HTMX_VARY
from .middleware import InlineHooks

SECONDS = 300
_META_NAMES = {name: "HTTP_" + name.upper().replace("-", "_") for name in HTMX_VARY}

AsyncView = Callable[..., Awaitable[HttpResponse]]


def _key(request: HttpRequest) -> str:
    # The language as LocaleMiddleware will find it: from the path's prefix,
    # the default without one (prefix_default_language=False).
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    # From META, not request.headers, which builds a mapping of them all.
    meta = request.META
    parts = [
        language,
        request.scheme or "",
        request.get_host(),  # a host not allowed is refused here as anywhere
        request.path,
        meta.get("QUERY_STRING", ""),
        *(meta.get(_META_NAMES[name], "") for name in HTMX_VARY),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(view: AsyncView) -> AsyncView:
    """Let ``PageCacheMiddleware`` keep this view's 200 responses."""

    @wraps(view)
    async def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = await view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            # The ETag ConditionalGetMiddleware would make, made here: nothing
            # after it changes the body, and a repeat then skips hashing.
            set_response_etag(response)
            response.page_cacheable = True  # type: ignore[attr-defined]
        return response

    return wrapper


def counted_on_repeat(response: HttpResponseBase, pairs: tuple[tuple[str, str], ...]) -> None:
    """What a view counted for ``response``, counted again when it is repeated."""
    response.page_counts = pairs  # type: ignore[attr-defined]


class PageCacheMiddleware(InlineHooks, MiddlewareMixin):
    """Repeat GETs of a kept page answered from memory (the "pages" cache)."""

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        if request.method != "GET":
            return None
        # The cache is in this process's memory (settings.CACHES): read on the
        # event loop, where its async methods would hop to a thread.
        kept = caches["pages"].get(_key(request))
        if kept is None:
            return None
        headers, content, counts = kept
        if counts:
            record(*counts)
        response = HttpResponse(content, headers=headers)
        return get_conditional_response(request, etag=headers["ETag"], response=response)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.cookies  # a page that sets one is not the same for all
        ):
            assert isinstance(response, HttpResponse)
            counts = getattr(response, "page_counts", ())
            kept = (dict(response.items()), response.content, counts)
            caches["pages"].set(_key(request), kept, SECONDS)
            response.page_cacheable = False  # type: ignore[attr-defined]  # kept once
        return response
