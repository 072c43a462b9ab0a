"""Django's ASGI handler with the thread of each request reused, not made anew.

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
config/settings.py), on the request's thread, by request_finished, which Django
sends from the hop that closes the response. What remains is that one hop.
"""

from __future__ import annotations

import queue
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core import signals
from django.db import close_old_connections, reset_queries

from .lifespan import Asgi, Receive, Scope, Send

KEEP_IDLE = 64


def with_reused_request_threads(app: Asgi) -> Asgi:
    """``app`` (Django's ASGI handler), each HTTP request on a borrowed thread."""
    idle: queue.SimpleQueue[ThreadPoolExecutor] = queue.SimpleQueue()
    if not settings.DEBUG and not settings.DATABASES["default"].get("CONN_MAX_AGE"):
        signals.request_started.disconnect(close_old_connections)
        signals.request_started.disconnect(reset_queries)

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        try:
            executor = idle.get_nowait()
        except queue.Empty:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="request")
        try:
            # Django's own ThreadSensitiveContext inside finds this one and
            # leaves it in charge.
            async with ThreadSensitiveContext(executor=executor):
                await app(scope, receive, send)
        finally:
            if idle.qsize() < KEEP_IDLE:
                idle.put(executor)
            else:
                executor.shutdown(wait=False)

    return application
