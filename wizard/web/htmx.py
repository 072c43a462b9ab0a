"""htmx on our pages: the full page, or the fragment an htmx request asked for.

One rule for every view (django-htmx's typed request, htmx-patterns' one
decorator): navigation (boosted links and GET forms) swaps the page's ``main``
fragment and pushes its URL; an in-page request (polling, the probe form's
POST) swaps the fragment the view names; history restoration gets the whole
page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

# The request headers a page's bytes depend on; the page cache keys on them too.
HTMX_VARY = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request")

View = TypeVar("View", bound=Callable[..., Any])


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def htmx_page(view: View) -> View:
    """A GET page whose bytes depend on the htmx headers, said once."""
    return require_GET(vary_on_headers(*HTMX_VARY)(view))  # type: ignore[return-value]


def fragment_for(request: HtmxHttpRequest, in_page: str) -> str | None:
    """Which fragment of the page to render, ``None`` for the whole page."""
    if not request.htmx:
        return None
    # A POST is never navigation: it answers in place (it has no URL to push).
    if request.method != "GET":
        return in_page
    if request.htmx.history_restore_request:
        return None
    return "main" if request.htmx.boosted else in_page


def render_page(
    request: HtmxHttpRequest,
    template: str,
    context: dict[str, object],
    *,
    in_page: str = "main",
    status: int = 200,
) -> HttpResponse:
    """``template`` whole, or the fragment the htmx request asked for."""
    fragment = fragment_for(request, in_page)
    name = f"{template}#{fragment}" if fragment else template
    response = render(request, name, context, status=status)
    # Only navigation changes the address bar.
    if fragment == "main" and request.htmx.boosted and request.method == "GET":
        response = push_url(response, request.get_full_path())
    return response
