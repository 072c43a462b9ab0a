"""Page speed against the app's own /healthz and Django's floor (SPEC section 10).

Serves the app as `make run` does (uvicorn, one worker per core, httptools,
uvloop, production settings) and beside it the floor: the same Django with no
middleware at all (bench/floor_settings.py) answering /healthz. Both run at
once; one is measured at a time with Debian's wrk (2 threads, 32 keep-alive
connections), each URL after a 1 s warm-up. The VM is noisy (±40 % from run
to run), so the URLs are measured in turns for several rounds and the median
of the rounds is reported. A repeat view of the result page (If-None-Match
with its ETag) must answer 304; that is checked before the run.

Targets: each page at least 0.8× the requests per second of /healthz and
0.6× the floor's, with p99 ≤ 50 ms.

    .venv/bin/python bench/pages.py [--seconds 4] [--rounds 3] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serving

RESULT = "/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
PAGES = {
    "step page": "/step/port/?network=plala&service=plala&client=outlook",
    "result page": RESULT,
    "result (en)": "/en/result/?network=other&service=plala&client=becky&port=25&auth=no"
    "&op25b=unknown&plan=set",
}
TARGET_HEALTHZ, TARGET_FLOOR, TARGET_P99_MS = 0.8, 0.6, 50.0
WARM_UP_SECONDS = 1


def repeat_view_etag(app: serving.Server, tries: int = 8) -> str:
    """The result page's ETag, after checking that a repeat view with it is a
    304 on every try (each a new connection, so both workers are asked)."""
    status, headers = serving.fetch(app.url(RESULT))
    etag = headers.get("ETag")
    if status != 200 or not etag:
        sys.exit(f"result page: {status}, ETag {etag!r}: no repeat view to measure")
    seen = [serving.fetch(app.url(RESULT), {"If-None-Match": etag})[0] for _ in range(tries)]
    if any(code != 304 for code in seen):
        sys.exit(f"repeat view with If-None-Match: {etag} answered {seen}, not 304 every time")
    print(f"repeat view checked: If-None-Match {etag} answered 304 {tries} times of {tries}")
    return etag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    serving.require_wrk()
    with serving.serve() as app, serving.serve("bench.floor_settings") as floor:
        etag = repeat_view_etag(app)
        loads = {
            "/healthz": (app.url("/healthz"), ()),
            **{name: (app.url(path), ()) for name, path in PAGES.items()},
            "repeat view (304)": (app.url(RESULT), (f"If-None-Match: {etag}",)),
            "floor /healthz": (floor.url("/healthz"), ()),
        }
        runs: dict[str, list[serving.Load]] = {name: [] for name in loads}
        for round_ in range(args.rounds):
            # Each round in the other order, so a slow spell of the VM is shared.
            order = list(loads) if round_ % 2 == 0 else list(reversed(loads))
            for name in order:
                url, headers = loads[name]
                serving.wrk(url, WARM_UP_SECONDS, args.connections, headers=headers)
                runs[name].append(serving.wrk(url, args.seconds, args.connections, headers=headers))
    report(runs, args)


def report(runs: dict[str, list[serving.Load]], args: argparse.Namespace) -> None:
    rate = {name: statistics.median(r.rate for r in loads) for name, loads in runs.items()}
    p50 = {name: statistics.median(r.p50_ms for r in loads) for name, loads in runs.items()}
    p99 = {name: statistics.median(r.p99_ms for r in loads) for name, loads in runs.items()}
    errors = {name: sum(r.errors for r in loads) for name, loads in runs.items()}

    # Ratios within each round (the URLs measured seconds apart), then their
    # median: a slow spell of the VM then weighs on both sides of a ratio.
    def vs(name: str, base: str) -> float:
        return statistics.median(
            a.rate / b.rate for a, b in zip(runs[name], runs[base], strict=True)
        )

    healthz = {name: vs(name, "/healthz") for name in runs}
    floor = {name: vs(name, "floor /healthz") for name in runs}
    print(
        f"wrk -t2 -c{args.connections}, {args.seconds:.0f} s per URL after {WARM_UP_SECONDS} s"
        f" of warm-up, median of {args.rounds} rounds (of each round's ratios);"
        " both servers 2 uvicorn workers"
    )
    print(
        f"{'url':18} {'req/s':>7} {'vs healthz':>10} {'vs floor':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6}   per round (req/s)"
    )
    for name in runs:
        rounds = " ".join(f"{r.rate:.0f}" for r in runs[name])
        print(
            f"{name:18} {rate[name]:7.0f} {healthz[name]:10.2f} {floor[name]:8.2f} "
            f"{p50[name]:7.1f} {p99[name]:7.1f} {errors[name]:6}   {rounds}"
        )
    print(
        f"targets: pages ≥ {TARGET_HEALTHZ}× /healthz, ≥ {TARGET_FLOOR}× floor,"
        f" p99 ≤ {TARGET_P99_MS:.0f} ms"
    )
    for name in [*PAGES, "repeat view (304)"]:
        checks = [
            ("vs healthz", healthz[name] >= TARGET_HEALTHZ),
            ("vs floor", floor[name] >= TARGET_FLOOR),
            ("p99", p99[name] <= TARGET_P99_MS),
        ]
        told = ", ".join(f"{what} {'met' if ok else 'NOT MET'}" for what, ok in checks)
        print(f"  {name:18} {told}")


# For bench/counting.py, which measures with these two: one worker, as it says.


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


@contextlib.contextmanager
def serve(**extra_env: str) -> Iterator[tuple[int, Path]]:
    """The app on one worker: its port, and its database (kept after it stops)."""
    with serving.serve(workers=1, keep_files=True, **extra_env) as server:
        yield server.port, server.database


if __name__ == "__main__":
    main()
