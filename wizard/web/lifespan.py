"""The ASGI lifespan around Django, which has none: at a graceful shutdown the
process's own last work (config/asgi.py: settle its running probes, store its
counts) is done before it goes.

uvicorn ends by raising the stop signal again once it has shut down, so
``atexit`` never runs under it; the lifespan's shutdown message is the last
moment the process is sure to have.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from asgiref.sync import sync_to_async
from django.db import close_old_connections

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

logger = logging.getLogger(__name__)


def _run_all(steps: Sequence[Callable[[], object]]) -> None:
    """Each step, whatever the one before it did (one failing loses no other)."""
    for step in steps:
        try:
            step()
        except Exception:
            logger.exception("shutdown step %s failed", getattr(step, "__name__", step))
    close_old_connections()


def with_lifespan(app: Asgi, *, at_shutdown: Sequence[Callable[[], object]] = ()) -> Asgi:
    """``app`` for HTTP; the lifespan protocol answered here, ``at_shutdown``
    (sync callables, in order) run when the server stops gracefully."""

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await sync_to_async(_run_all, thread_sensitive=False)(at_shutdown)
                await send({"type": "lifespan.shutdown.complete"})
                return

    return application
