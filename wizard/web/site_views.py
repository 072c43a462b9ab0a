"""The site's own pages: liveness and the error pages."""

from __future__ import annotations

import sys

import redis.exceptions
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .api import json_error

NOT_FOUND_TITLE = _("Page not found")
UNAVAILABLE_MESSAGE = _(
    "This is unavailable for a moment on our side. Please try again in a minute."
)
# The database or Redis out of reach (a restart, a failover): the app recovers
# by itself once they are back, so this is "not now", not a failure.
UNAVAILABLE_ERRORS = (
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
RETRY_AFTER_SECONDS = 30


async def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"page_title": str(NOT_FOUND_TITLE)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this inside its ``except``: the error at hand says which."""
    unavailable = isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        response: HttpResponse = json_error(
            status,
            "unavailable" if unavailable else "server-error",
            str(UNAVAILABLE_MESSAGE),
        )
    else:
        response = render(request, "500.html", status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
