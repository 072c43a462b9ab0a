"""Sessions, the logged-in user and messages, for the staff console alone.

Public pages have no accounts: running Django's session, auth and message
middleware on them would cost every request a hop onto a thread and risk a
cookie on a page that promises none. So this one middleware sends /staff/
paths through those three (and the console's language) and everything else
straight on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from asgiref.sync import markcoroutinefunction, sync_to_async
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse

from .language import activate_console_language

STAFF_PREFIX = "/staff/"

Handler = Callable[[HttpRequest], Awaitable[HttpResponse]]


def is_staff_path(path: str) -> bool:
    return path == STAFF_PREFIX.rstrip("/") or path.startswith(STAFF_PREFIX)


class StaffOnlyMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

        async def in_console_language(request: HttpRequest) -> HttpResponse:
            # Reading the session may query the database: on a thread.
            await sync_to_async(activate_console_language)(request)
            return await get_response(request)

        markcoroutinefunction(in_console_language)
        # Outermost first, as they would be listed in MIDDLEWARE.
        self.staff_chain: Handler = SessionMiddleware(
            AuthenticationMiddleware(MessageMiddleware(in_console_language))
        )
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_staff_path(request.path_info):
            return await self.staff_chain(request)
        return await self.get_response(request)
