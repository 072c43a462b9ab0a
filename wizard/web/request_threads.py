"""Django's ASGI handler with the thread of each request reused, and not used at
all by a request that needs none.

Django runs a request's synchronous work (its request_started and
request_finished signal receivers, an async view's ORM calls) on a one-thread
executor of the request's own: asgiref's ThreadSensitiveContext starts a thread
for every request and joins it afterwards. On two cores that thread alone cost
about half of what an empty Django serves (bench/pages.py). Here a request
borrows an idle one-thread executor and gives it back when it is done, so its
sync work still runs on one thread, unshared while the request lasts, but the
thread outlives it. Idle executors beyond ``KEEP_IDLE`` are shut down, so a
burst of connections leaves no crowd of threads behind.

Django's request_started receivers are sync, so sending the signal is a hop of
its own; with DEBUG off they have nothing to do here and are disconnected:
connections are closed at every request's end (CONN_MAX_AGE 0, see
config/settings.py), on the request's thread, by request_finished.

Django sends request_finished from ``response.close()``, which its handler
always runs through ``sync_to_async``: one more hop per request, and under load
the wait for the interpreter's lock between the event loop and that thread was
most of the pages' p99. A request that never used its thread (every wizard page:
async views, no database) has nothing there to close, so its response is closed
on the event loop; any other still closes on its own thread.
"""

from __future__ import annotations

import contextvars
import queue
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import django.core.handlers.asgi
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core import signals
from django.db import close_old_connections, reset_queries
from django.http import HttpResponseBase

from .lifespan import Asgi, Receive, Scope, Send

KEEP_IDLE = 64


class _RequestThread(ThreadPoolExecutor):
    """One thread, and whether the request now borrowing it has used it."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, thread_name_prefix="request")
        self.used = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.used = True
        return super().submit(fn, *args, **kwargs)


_BORROWED: contextvars.ContextVar[_RequestThread | None] = contextvars.ContextVar(
    "request_thread", default=None
)


def _closing_on_the_loop(
    func: Callable[..., Any], *args: Any, **kwargs: Any
) -> Callable[[], Awaitable[Any]]:
    """``sync_to_async`` for Django's ASGI handler, which uses it only to close
    responses: such a close runs here when the request has no thread work."""
    closing = isinstance(getattr(func, "__self__", None), HttpResponseBase)
    if args or kwargs or not closing or getattr(func, "__name__", "") != "close":
        return sync_to_async(func, *args, **kwargs)

    async def close() -> Any:
        borrowed = _BORROWED.get()
        if borrowed is not None and not borrowed.used:
            return func()
        return await sync_to_async(func)()  # only now: most requests never need it

    return close


def with_reused_request_threads(app: Asgi) -> Asgi:
    """``app`` (Django's ASGI handler), each HTTP request on a borrowed thread."""
    idle: queue.SimpleQueue[_RequestThread] = queue.SimpleQueue()
    if not settings.DEBUG and not settings.DATABASES["default"].get("CONN_MAX_AGE"):
        signals.request_started.disconnect(close_old_connections)
        signals.request_started.disconnect(reset_queries)
    django.core.handlers.asgi.sync_to_async = _closing_on_the_loop  # type: ignore[assignment]

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        try:
            executor = idle.get_nowait()
        except queue.Empty:
            executor = _RequestThread()
        executor.used = False
        token = _BORROWED.set(executor)
        try:
            # Django's own ThreadSensitiveContext inside finds this one and
            # leaves it in charge.
            async with ThreadSensitiveContext(executor=executor):
                await app(scope, receive, send)
        finally:
            _BORROWED.reset(token)
            if idle.qsize() < KEEP_IDLE:
                idle.put(executor)
            else:
                executor.shutdown(wait=False)

    return application
