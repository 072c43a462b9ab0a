"""Private PostgreSQL and Redis servers on loopback, for the tests and benchmarks.

Debian's packages (scripts/ensure_services.sh installs them), each run as a
throwaway instance of its own under a temporary directory, on a free port of
127.0.0.1: nothing of the system's own services is used or touched.

    python scripts/services.py run -- COMMAND ...

runs COMMAND with DATABASE_URL and DJANGO_REDIS_URL pointing at fresh servers
and stops them afterwards, whatever COMMAND does. ``Services`` is the same as a
context manager, with ``restart_postgres`` and ``restart_redis`` for the fault
benchmark.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "wizard"
START_SECONDS = 30


class ServiceError(RuntimeError):
    """A server could not be found or started; the message says what to do."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version_key)
    if found:
        return Path(found[-1]).parent
    if pg_ctl := shutil.which("pg_ctl"):
        return Path(pg_ctl).parent
    raise ServiceError(
        "PostgreSQL's server programs (pg_ctl, initdb) are missing: "
        "run scripts/ensure_services.sh, or apt-get install postgresql"
    )


def _version_key(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


def _wait_for_port(port: int, process: subprocess.Popen[bytes] | None, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"{what} exited at start (code {process.returncode})")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise ServiceError(f"{what} did not listen on 127.0.0.1:{port} within {START_SECONDS} s")


def stop_process(process: subprocess.Popen[bytes], seconds: float) -> None:
    """Ask ``process`` to stop (SIGTERM); after ``seconds``, make it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Services:
    """One PostgreSQL and one Redis of our own; ``env`` says where they are."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="wizard-services-"))
        self.root.chmod(0o755)  # PostgreSQL's own user must reach its folder
        self.pg_port = _free_port()
        self.redis_port = _free_port()
        self._pg_bin = _postgres_bin()
        self._pg_data = self.root / "pg"
        self._redis: subprocess.Popen[bytes] | None = None
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: Debian's package made this user.
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise ServiceError(
                    "running as root, but there is no 'postgres' user to run PostgreSQL as"
                ) from None
            self._as_postgres = ["runuser", "-u", "postgres", "--"]
        if not shutil.which("redis-server"):
            raise ServiceError(
                "redis-server is missing: run scripts/ensure_services.sh, "
                "or apt-get install redis-server"
            )

    @property
    def env(self) -> dict[str, str]:
        return {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/{DATABASE}",
            "DJANGO_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
        }

    def __enter__(self) -> Services:
        try:
            self._init_postgres()
            self.start_postgres()
            self._pg_run("createdb", "-h", "127.0.0.1", "-p", str(self.pg_port), DATABASE)
            self.start_redis()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # PostgreSQL ------------------------------------------------------------

    def _pg_run(self, program: str, *args: str) -> None:
        command = [*self._as_postgres, str(self._pg_bin / program), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ServiceError(f"{program} failed: {(done.stderr or done.stdout).strip()}")

    def _init_postgres(self) -> None:
        self._pg_data.mkdir()
        if self._as_postgres:
            shutil.chown(self._pg_data, "postgres", "postgres")
        self._pg_run(
            "initdb", "-D", str(self._pg_data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale", "C", "--no-sync",
        )  # fmt: skip

    def start_postgres(self) -> None:
        # Durability is not wanted of a throwaway database: fsync off.
        options = (
            f"-p {self.pg_port} -k {self._pg_data} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        self._pg_run(
            "pg_ctl", "-D", str(self._pg_data), "-o", options, "-l",
            str(self._pg_data / "server.log"), "-w", "-t", str(START_SECONDS), "start",
        )  # fmt: skip

    def stop_postgres(self) -> None:
        if (self._pg_data / "postmaster.pid").exists():
            with contextlib.suppress(ServiceError):
                self._pg_run("pg_ctl", "-D", str(self._pg_data), "-m", "fast", "-w", "stop")

    def restart_postgres(self, down_seconds: float = 0) -> None:
        self.stop_postgres()
        time.sleep(down_seconds)
        self.start_postgres()

    # Redis -----------------------------------------------------------------

    def start_redis(self) -> None:
        self._redis = subprocess.Popen(
            [
                "redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_for_port(self.redis_port, self._redis, "redis-server")

    def stop_redis(self) -> None:
        if self._redis is not None:
            stop_process(self._redis, 10)
        self._redis = None

    def restart_redis(self, down_seconds: float = 0) -> None:
        self.stop_redis()
        time.sleep(down_seconds)
        self.start_redis()

    def stop(self) -> None:
        self.stop_redis()
        self.stop_postgres()
        shutil.rmtree(self.root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[:2] != ["run", "--"]:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with Services() as services:
            print(
                f"services: PostgreSQL on 127.0.0.1:{services.pg_port}"
                f" and Redis on 127.0.0.1:{services.redis_port}",
                flush=True,
            )
            return subprocess.call(argv[2:], env={**os.environ, **services.env})
    except ServiceError as error:
        print(f"services.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
