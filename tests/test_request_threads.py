"""Each request's sync work on one thread of its own, reused by later requests."""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async

from wizard.web.request_threads import with_reused_request_threads


def _threads_app(seen: list[tuple[int, int]], gate: asyncio.Event | None = None):
    async def app(scope, receive, send):
        first = await sync_to_async(threading.get_ident)()
        if gate is not None:
            await gate.wait()
        second = await sync_to_async(threading.get_ident)()
        seen.append((first, second))

    return app


def _http_scope():
    return {"type": "http", "path": "/"}


def test_a_request_keeps_one_thread_and_the_next_request_reuses_it():
    seen: list[tuple[int, int]] = []
    app = with_reused_request_threads(_threads_app(seen))

    async def two_in_a_row():
        await app(_http_scope(), None, None)
        await app(_http_scope(), None, None)

    asyncio.run(two_in_a_row())
    (a1, a2), (b1, b2) = seen
    assert a1 == a2 == b1 == b2
    assert a1 != threading.get_ident()


def test_requests_at_the_same_time_never_share_a_thread():
    seen: list[tuple[int, int]] = []

    async def together():
        gate = asyncio.Event()
        app = with_reused_request_threads(_threads_app(seen, gate))
        running = [asyncio.create_task(app(_http_scope(), None, None)) for _ in range(3)]
        await asyncio.sleep(0.05)
        gate.set()
        await asyncio.gather(*running)

    asyncio.run(together())
    assert all(first == second for first, second in seen)
    assert len({first for first, _ in seen}) == 3


def _serve(path: str) -> list[dict]:
    """One GET of ``path`` through the application uvicorn serves."""
    from config.asgi import application

    sent: list[dict] = []

    async def one_request():
        delivered = False

        async def receive():
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"testserver")],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 80),
        }
        await application(scope, receive, send)

    asyncio.run(one_request())
    return sent


def _finished_on(path: str) -> tuple[int, int]:
    """The status of ``path``, and the thread its request_finished ran on."""
    from django.core import signals

    threads: list[int] = []

    def finished(**_):
        threads.append(threading.get_ident())

    signals.request_finished.connect(finished)
    try:
        sent = _serve(path)
    finally:
        signals.request_finished.disconnect(finished)
    (thread,) = threads
    return sent[0]["status"], thread


def test_the_served_application_answers_through_them():
    sent = _serve("/healthz")
    assert sent[0]["status"] == 200
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"ok\n"


def test_a_request_without_thread_work_is_closed_on_the_event_loop():
    assert _finished_on("/healthz") == (200, threading.get_ident())


@pytest.mark.django_db
def test_a_request_that_used_its_thread_is_closed_there():
    """A sync view (the console's login) ran on the request's thread: its
    database connection lives there, so request_finished must run there too."""
    status, thread = _finished_on("/staff/login/")
    assert status == 200
    assert thread != threading.get_ident()
