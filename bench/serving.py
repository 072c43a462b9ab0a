"""The app served as `make run` serves it, and Debian's wrk to load it.

Shared by the benchmarks: ``serve`` starts migrate, collectstatic and uvicorn
with the Makefile's flags (one worker per core, httptools, uvloop, no access
log) on a free loopback port, with a temporary SQLite database and static
folder of its own; ``wrk`` runs one load and reads its figures; ``rss_kib``
sums the resident memory of the uvicorn parent and its workers.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers.smtp_servers import free_port  # noqa: E402

START_SECONDS = 60  # migrate + collectstatic + workers' import on a busy 2-core VM
STOP_SECONDS = 15


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    database: Path
    log: Path

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _manage(python: str, env: dict[str, str], *args: str) -> None:
    subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=120)


@contextlib.contextmanager
def serve(
    settings: str = "config.settings",
    workers: int | None = None,
    keep_files: bool = False,
    **extra_env: str,
) -> Iterator[Server]:
    """Yield a ``Server`` answering /healthz; stop it (and its workers) after.
    ``keep_files`` leaves its folder (the database) to be read once it stopped."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="wizard-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_DB_PATH": str(folder / "db.sqlite3"),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra_env,
    }
    python = sys.executable
    _manage(python, env, "migrate", "--noinput", "-v0")
    _manage(python, env, "collectstatic", "--noinput", "-v0")
    command = [
        python, "-m", "uvicorn", "config.asgi:application",
        "--host", "127.0.0.1", "--port", str(port), "--no-server-header",
        "--workers", str(workers or os.cpu_count() or 1),
        "--http", "httptools", "--loop", "uvloop", "--no-access-log",
    ]  # fmt: skip
    # uvicorn's own lines (start, stop, tracebacks) go to a file, not among the
    # figures; a session of its own, so the workers can be ended with their parent.
    log = folder / "uvicorn.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=sink, start_new_session=True
        )
    server = Server(port, process, folder / "db.sqlite3", log)
    try:
        _wait_healthy(server)
        yield server
    except Exception:
        print(f"uvicorn's log:\n{server.log_tail()}", file=sys.stderr)
        raise
    finally:
        _stop(process)
        if not keep_files:
            shutil.rmtree(folder, ignore_errors=True)


def _wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"uvicorn exited at start (code {server.process.returncode})")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(server.url("/healthz"), timeout=2) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"/healthz did not answer within {START_SECONDS} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()  # uvicorn's parent stops its workers on SIGTERM
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # any worker left of this session


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants (KiB), from /proc."""
    total, todo, seen = 0, [pid], set()
    while todo and len(seen) < 1000:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{current}/status").read_text()
            if match := re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE):
                total += int(match.group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return total


# wrk -------------------------------------------------------------------------


@dataclass
class Load:
    requests: int
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    socket_errors: int
    bad_status: int  # answers other than 2xx and 3xx
    output: str = field(repr=False)

    @property
    def errors(self) -> int:
        return self.socket_errors + self.bad_status


def require_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        sys.exit("wrk is missing: run `bash scripts/ensure_services.sh --bench` (Debian's wrk)")
    return found


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _find(pattern: str, out: str) -> str:
    match = re.search(pattern, out)
    if match is None:
        raise RuntimeError(f"wrk's output has no {pattern!r}:\n{out}")
    return match.group(1)


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)([a-z]+)", text)
    if match is None or match.group(2) not in _UNITS_MS:
        raise RuntimeError(f"wrk printed a time it cannot read: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def wrk(
    url: str,
    seconds: float,
    connections: int = 32,
    threads: int = 2,
    headers: tuple[str, ...] = (),
    script: Path | None = None,
) -> Load:
    """One wrk run against ``url``; its figures (wrk's own output kept)."""
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--latency", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    out = done.stdout
    if done.returncode != 0 or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or out}")
    socket = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Load(
        requests=int(_find(r"(\d+) requests in", out)),
        rate=float(_find(r"Requests/sec:\s+([\d.]+)", out)),
        p50_ms=_ms(_find(r"(?m)^\s+50%\s+(\S+)", out)),
        p99_ms=_ms(_find(r"(?m)^\s+99%\s+(\S+)", out)),
        socket_errors=sum(map(int, socket.groups())) if socket else 0,
        bad_status=int(bad.group(1)) if bad else 0,
        output=out,
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect is the answer to report, not one to follow


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str,
    headers: dict[str, str] | None = None,
    timeout: float = 10,
    data: bytes | None = None,
) -> tuple[int, Message]:
    """One request, redirects not followed: its status and headers (a 302, 304
    or 404 is an answer, not an error). A POST when ``data`` is given."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers


__all__ = ["Load", "Server", "fetch", "free_port", "rss_kib", "serve", "wrk"]
