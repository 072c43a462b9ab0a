"""Result pages with counting on and off, side by side (issue 12, point 5).

Two instances of the app under uvicorn (production settings, one worker each,
their own SQLite database): one with WIZARD_COUNTS on, one with it off. They
are measured in turns (on, off, off, on, …) on a mix of result pages, both
languages and several mail programs, served from the page cache as repeat
views are; then each is stopped (the counting one writes what it still holds
at exit) and its database is read back, to show that every page served was
counted once, and nothing by the other. Last, the counting work itself (the
lookup of a page's case and one increment per dimension) is timed in this
process against the time a page takes to serve.

    .venv/bin/python bench/counting.py [--seconds 4] [--rounds 4] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import client, serve  # noqa: E402

RESULTS = [
    "/result/?network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set",
    "/result/?network=plala&service=other-isp&client=outlook&port=25&auth=no",
    "/result/?network=plala&service=plala&client=ios-mail&port=465&auth=yes&plan=set",
    "/en/result/?network=other&service=plala&client=becky&port=25&auth=no&op25b=unknown&plan=set",
]


async def measure_mix(
    port: int, paths: list[str], seconds: float, connections: int
) -> tuple[int, float, float]:
    """Responses, requests per second and p99 (ms), connection i asking paths[i % n]."""
    latencies: list[float] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(
        *(client(port, paths[i % len(paths)], until, latencies) for i in range(connections))
    )
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return len(latencies), len(latencies) / seconds, p99


def stored_result_pages(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database)) as db:
        (total,) = db.execute(
            "SELECT COALESCE(SUM(count), 0) FROM staff_dailycount WHERE dimension = 'language'"
        ).fetchone()
    return int(total)


def counting_cost(repeats: int = 100_000) -> float:
    """Microseconds of counting work per result page, in this process: the
    answers looked up (as for a repeat view) and one of each dimension counted."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()
    from wizard.questions.result_counts import _counted_values
    from wizard.web.counting import Counter, Dimension

    counter = Counter()  # no sink: nothing leaves memory
    queries = [path.partition("?")[2] for path in RESULTS]
    started = time.perf_counter()
    for i in range(repeats):
        kind, client_ = _counted_values(queries[i % len(queries)]) or ("", "")
        counter.record((Dimension.CASE, kind), (Dimension.CLIENT, client_), ("language", "ja"))
    return (time.perf_counter() - started) / repeats * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    served = {"on": 0, "off": 0}
    with contextlib.ExitStack() as stack:
        instances = {
            "on": stack.enter_context(serve(WIZARD_COUNTS="1")),
            "off": stack.enter_context(serve(WIZARD_COUNTS="0")),
        }
        for round_ in range(args.rounds):
            order = ("on", "off") if round_ % 2 == 0 else ("off", "on")
            for name in order:
                port = instances[name][0]
                n, rate, p99 = asyncio.run(
                    measure_mix(port, RESULTS, args.seconds, args.connections)
                )
                served[name] += n
                runs[name].append((rate, p99))
    # Both stopped: the counting instance wrote its last numbers at exit.
    stored = {name: stored_result_pages(instances[name][1]) for name in instances}

    print(
        f"result pages, {args.connections} connections, {args.rounds} rounds of "
        f"{args.seconds:.0f} s per setting, one uvicorn worker each"
    )
    print(f"{'counting':9} {'req/s':>8} {'p99 ms':>8}   per round (req/s)")
    medians = {}
    for name, results in runs.items():
        medians[name] = statistics.median(rate for rate, _ in results)
        p99 = statistics.median(p for _, p in results)
        rounds = " ".join(f"{rate:.0f}" for rate, _ in results)
        print(f"{name:9} {medians[name]:8.0f} {p99:8.1f}   {rounds}")
    print(f"on / off: {medians['on'] / medians['off']:.3f}")
    cost = counting_cost()
    page = 1e6 / medians["off"]
    print(
        f"counting work per page: {cost:.1f} µs in-process, against {page:.0f} µs of "
        f"serving time per page here ({cost / page:.2%})"
    )
    for name in instances:
        print(f"counting {name}: {served[name]} pages served, {stored[name]} counted")


if __name__ == "__main__":
    main()
