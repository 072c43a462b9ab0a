"""A TCP server on loopback that behaves as a test needs: a scripted greeting,
silence, a drip, an endless line. It counts connections, so a test can also
prove that nothing connected at all."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable

Behaviour = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class RawServer:
    def __init__(self, behaviour: Behaviour, host: str = "127.0.0.1", port: int = 0) -> None:
        self.behaviour = behaviour
        self.host = host
        self._port = port
        self.connections = 0
        self.bytes_sent = 0
        self.received = bytearray()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]

    def __enter__(self) -> RawServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, self.host, self._port), self._loop
        ).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        counting = _CountingWriter(writer, self)
        try:
            await self.behaviour(reader, counting)  # type: ignore[arg-type]
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()


class _CountingWriter:
    def __init__(self, writer: asyncio.StreamWriter, server: RawServer) -> None:
        self._writer = writer
        self._server = server

    def write(self, data: bytes) -> None:
        self._server.bytes_sent += len(data)
        self._writer.write(data)

    def __getattr__(self, name: str):
        return getattr(self._writer, name)


# Behaviours -------------------------------------------------------------------


def greets(line: bytes) -> Behaviour:
    """Send one greeting, then answer QUIT and hang up."""

    async def behaviour(reader, writer):
        writer.write(line)
        await writer.drain()
        await asyncio.wait_for(reader.readline(), 5)
        writer.write(b"221 bye\r\n")
        await writer.drain()

    return behaviour


async def silent(reader, writer) -> None:
    await asyncio.sleep(3600)


async def drip(reader, writer) -> None:
    """A greeting one byte at a time, never finished: only a deadline ends it."""
    writer.write(b"220 ")
    while True:
        writer.write(b"x")
        await writer.drain()
        await asyncio.sleep(0.05)


async def endless_greeting(reader, writer) -> None:
    """A multi-line greeting that never ends."""
    while True:
        writer.write(b"220-" + b"x" * 70 + b"\r\n")
        await writer.drain()


async def huge_line(reader, writer) -> None:
    """One greeting line of endless length."""
    writer.write(b"220 ")
    while True:
        writer.write(b"A" * 65536)
        await writer.drain()


async def garbage(reader, writer) -> None:
    """Not SMTP at all."""
    writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<h1>no</h1>\r\n")
    await writer.drain()
    await asyncio.sleep(3600)


def html_banner(banner: bytes) -> Behaviour:
    """A working server whose greeting and EHLO carry markup and script."""

    async def behaviour(reader, writer):
        writer.write(b"220 " + banner + b"\r\n")
        await writer.drain()
        await converse(
            reader, writer, b"250-" + banner + b"\r\n250-SIZE 1000\r\n250 AUTH PLAIN\r\n"
        )

    return behaviour


async def converse(reader, writer, ehlo_reply: bytes) -> None:
    """Answer EHLO with ``ehlo_reply`` and QUIT with 221, until the client goes."""
    while line := await asyncio.wait_for(reader.readline(), 10):
        verb = line.split(b" ", 1)[0].strip().upper()
        if verb == b"EHLO":
            writer.write(ehlo_reply)
        elif verb == b"QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            return
        else:
            writer.write(b"502 not here\r\n")
        await writer.drain()


async def too_much(reader, writer) -> None:
    """A greeting of few but long lines: more bytes than a connection may cost."""
    while True:
        writer.write(b"220-" + b"z" * 900 + b"\r\n")
        await writer.drain()


async def hangs_up_mid_reply(reader, writer) -> None:
    """Half a reply line, then the connection closes."""
    writer.write(b"421 bye")
    await writer.drain()


async def refuses_starttls(reader, writer) -> None:
    """Offers STARTTLS in its EHLO, then answers it 454."""
    writer.write(b"220 fine\r\n")
    await writer.drain()
    while line := await asyncio.wait_for(reader.readline(), 10):
        verb = line.split(b" ", 1)[0].strip().upper()
        if verb == b"EHLO":
            writer.write(b"250-fine\r\n250 STARTTLS\r\n")
        elif verb == b"STARTTLS":
            writer.write(b"454 not now\r\n")
        else:
            writer.write(b"221 bye\r\n")
        await writer.drain()


async def endless_ehlo(reader, writer) -> None:
    """A fine greeting, then an EHLO reply that never ends."""
    writer.write(b"220 fine\r\n")
    await writer.drain()
    await reader.readline()
    while True:
        writer.write(b"250-KEYWORD" + b"y" * 60 + b"\r\n")
        await writer.drain()


def slow_smtp(delay: float) -> Behaviour:
    """A plain, well-behaved SMTP server that waits before its greeting."""

    async def behaviour(reader, writer):
        await asyncio.sleep(delay)
        writer.write(b"220 slow.example ESMTP\r\n")
        await writer.drain()
        try:
            await converse(reader, writer, b"250-slow.example\r\n250 SIZE 1000\r\n")
        except ConnectionError:
            pass
        finally:
            writer.close()

    return behaviour
