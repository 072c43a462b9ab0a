"""Page speed against the app's own /healthz, side by side (SPEC section 10).

Starts the app under uvicorn with production settings (DEBUG off), then holds
32 keep-alive connections for a few seconds per URL and reports requests per
second and the 99th percentile latency. Target: step and result pages at least
half the requests per second of /healthz, p99 ≤ 50 ms.

    .venv/bin/python bench/pages.py [--seconds 5] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.smtp_servers import free_port  # noqa: E402

URLS = {
    "/healthz": "/healthz",
    "step page": "/step/port/?network=plala&service=plala&client=outlook",
    "result page": "/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no",
    "result (en)": "/en/result/?network=other&service=plala&client=becky&port=25&auth=no"
    "&op25b=unknown&plan=set",
}


async def client(port: int, path: str, until: float, latencies: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    try:
        while time.perf_counter() < until:
            started = time.perf_counter()
            writer.write(request)
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
    finally:
        writer.close()


async def measure(port: int, path: str, seconds: float, connections: int) -> tuple[float, float]:
    latencies: list[float] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(client(port, path, until, latencies) for _ in range(connections)))
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return len(latencies) / seconds, p99


@contextlib.contextmanager
def serve(**extra_env: str) -> Iterator[tuple[int, Path]]:
    """The app under uvicorn with production settings (DEBUG off), its own
    database and static files: yields its port and its database file."""
    port = free_port()
    static = tempfile.mkdtemp()
    database = Path(static) / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": static,
        "DJANGO_DB_PATH": str(database),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra_env,
    }
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [
            python,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        asyncio.run(measure(port, "/healthz", 1.0, 4))  # warm up
        yield port, database
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    with serve() as (port, _):
        results = {
            name: asyncio.run(measure(port, path, args.seconds, args.connections))
            for name, path in URLS.items()
        }
    base = results["/healthz"][0]
    print(f"{args.connections} connections, {args.seconds:.0f} s each, one uvicorn worker")
    print(f"{'url':14} {'req/s':>8} {'vs healthz':>11} {'p99 ms':>8}")
    for name, (rate, p99) in results.items():
        print(f"{name:14} {rate:8.0f} {rate / base:11.2f} {p99:8.1f}")


if __name__ == "__main__":
    main()
