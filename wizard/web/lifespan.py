"""The ASGI lifespan around Django, which has none: at a graceful shutdown the
process's last counts are stored before it goes.

uvicorn ends by raising the stop signal again once it has shut down, so
``atexit`` never runs under it; the lifespan's shutdown message is the last
moment the process is sure to have.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from asgiref.sync import sync_to_async

from .counting import COUNTER

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


def with_lifespan(app: Asgi) -> Asgi:
    """``app`` for HTTP; the lifespan protocol answered here."""

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await sync_to_async(COUNTER.flush)()
                await send({"type": "lifespan.shutdown.complete"})
                return

    return application
