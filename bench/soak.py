"""A soak over every kind of page, then Redis and PostgreSQL restarted under load.

The app is served as `make run` does (2 uvicorn workers) on a private
PostgreSQL and Redis (scripts/services.py). wrk, 64 connections, cycles
through the start page, step pages, result pages in both languages, a case
code page, /healthz, /api/diagnose and a static file, counting answers by
status in its Lua ``response`` hook. Every path is checked to answer (2xx, or
3xx: a case code redirects to its result page) first, so a 4xx or 5xx later
is an error, as are socket errors. The probe's lab settings allow loopback
with closed ports, so a POST /api/probe of 127.0.0.1 ends at once after
reading its rate limit (Redis) and writing its record (PostgreSQL).

Soak (``--seconds``, 60 by default): total requests, errors, and the server's
resident memory (uvicorn's parent and workers) after warm-up and at the end.
Target: no errors, and memory not growing without bound.

Fault run (``--fault-seconds``, 30; 0 skips it): the same load in consecutive
2 s slices while Redis is stopped for 3 s and later PostgreSQL for 3 s. Each
slice's errors and statuses are printed, with what each page and a probe
answer normally, while each service is down, and afterwards, and the 500s the
app logged. Target: the app recovers by itself, the last slices have no
errors.

    .venv/bin/python bench/soak.py [--seconds 60] [--fault-seconds 30]
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import re
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serving
from scripts.services import ServiceError, Services

CONNECTIONS = 64
SLICE_SECONDS = 2
DOWN_SECONDS = 3
# A probe of loopback, whose ports are closed in this lab: it ends at once,
# after the rate limit (Redis) is read and its record (PostgreSQL) written.
PROBE = "POST /api/probe 127.0.0.1"
LAB = {
    "WIZARD_PROBE_ALLOW_NETWORKS": "127.0.0.0/8",
    "WIZARD_PROBE_RATE_LIMIT": "1000/m",
    "WIZARD_PROBE_CACHE_SECONDS": "0",
}
PATHS = [
    "/",
    "/en/",
    "/step/network/",
    "/step/service/?network=plala",
    "/step/client/?network=plala&service=plala",
    "/step/port/?network=plala&service=plala&client=outlook",
    "/step/auth/?network=plala&service=plala&client=outlook&port=587",
    "/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no",
    "/result/?network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set",
    "/en/result/?network=other&service=plala&client=becky&port=25&auth=no&op25b=unknown&plan=set",
    "/healthz",
    # The diagnosis needs every answer: without plan= it is a 400 ("missing").
    "/api/diagnose?network=plala&service=plala&client=outlook&port=587&auth=yes&plan=set",
]

# Each wrk thread cycles through the paths from its own offset and counts the
# answers by status; done() sums the threads' counts on one line.
LUA = """
paths = {%s}
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 5)
  table.insert(threads, thread)
end
function init(args)
  i = offset
  statuses = {}
end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%%d": %%d', status, n))
  end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\\n")
end
"""


def all_paths(app: serving.Server) -> list[str]:
    """PATHS, a case code page and a static file as the pages link them; each
    checked to answer (2xx or 3xx)."""
    paths = list(PATHS)
    links = {PATHS[7]: r'href="(/c/[^"/]+/)"', "/": r'href="(/static/[^"]+\.css)"'}
    for page, pattern in links.items():
        with urllib.request.urlopen(app.url(page), timeout=10) as answer:
            if found := re.search(pattern, answer.read().decode()):
                paths.append(found.group(1))
    answers = {path: serving.fetch(app.url(path))[0] for path in paths}
    if failing := {path: status for path, status in answers.items() if status >= 400}:
        sys.exit(f"paths not answering before the soak: {failing}")
    return paths


def write_script(paths: list[str], folder: Path) -> Path:
    script = folder / "soak.lua"
    script.write_text(LUA % ", ".join(json.dumps(path) for path in paths))
    return script


@dataclass
class Run:
    load: serving.Load
    statuses: collections.Counter[int]
    started: float = 0.0
    ended: float = 0.0

    @property
    def errors(self) -> int:
        return self.load.socket_errors + sum(n for s, n in self.statuses.items() if s >= 400)


def run(app: serving.Server, script: Path, seconds: float) -> Run:
    started = time.monotonic()
    load = serving.wrk(app.url("/"), seconds, CONNECTIONS, script=script)
    found = re.search(r"STATUSES (\{.*\})", load.output)
    counts = {int(k): v for k, v in json.loads(found.group(1)).items()} if found else {}
    return Run(load, collections.Counter(counts), started, time.monotonic())


def soak(app: serving.Server, script: Path, seconds: float) -> None:
    run(app, script, 2)  # warm-up: every worker has imported and rendered everything
    rss_start = serving.rss_kib(app.process.pid)
    done = run(app, script, seconds)
    rss_end = serving.rss_kib(app.process.pid)
    print(f"soak: {seconds:.0f} s, wrk -t2 -c{CONNECTIONS}, PostgreSQL + Redis")
    print(
        f"  {done.load.requests} requests ({done.load.rate:.0f}/s), p50 {done.load.p50_ms:.1f} ms,"
        f" p99 {done.load.p99_ms:.1f} ms; by status {dict(done.statuses)}"
    )
    print(
        f"  errors: {done.errors} ({done.load.socket_errors} socket errors, "
        f"{done.errors - done.load.socket_errors} answers 4xx or 5xx)"
    )
    print(
        f"  server RSS (uvicorn parent + workers): {rss_start / 1024:.0f} MiB after warm-up, "
        f"{rss_end / 1024:.0f} MiB at the end ({(rss_end - rss_start) / 1024:+.0f} MiB)"
    )


@dataclass
class Outage:
    name: str
    at: float  # seconds into the fault run
    stop: object
    start: object
    began: float = 0.0
    ended: float = 0.0
    pages: dict[str, str] = field(default_factory=dict)  # what each page answered meanwhile


def _ask(app: serving.Server, what: str, timeout: float) -> str:
    """The status ``what`` (a path, or PROBE) answers with, or why none came."""
    try:
        if what == PROBE:
            body = json.dumps({"target": "127.0.0.1"}).encode()
            headers = {"Content-Type": "application/json"}
            return str(serving.fetch(app.url("/api/probe"), headers, timeout, body)[0])
        return str(serving.fetch(app.url(what), timeout=timeout)[0])
    except OSError as error:  # refused, reset, timed out
        return f"no answer ({type(error).__name__})"


def _ask_all(app: serving.Server, asks: list[str], timeout: float) -> dict[str, str]:
    with concurrent.futures.ThreadPoolExecutor(len(asks)) as pool:
        return dict(zip(asks, pool.map(lambda what: _ask(app, what, timeout), asks), strict=True))


def _break(app: serving.Server, paths: list[str], outages: list[Outage], zero: float) -> None:
    """Each outage at its time: stop the service, ask every page once, start it."""
    for outage in outages:
        time.sleep(max(0.0, zero + outage.at - time.monotonic()))
        outage.began = time.monotonic()
        outage.stop()
        time.sleep(0.3)
        outage.pages = _ask_all(app, paths, DOWN_SECONDS - 0.5)
        time.sleep(max(0.0, outage.began + DOWN_SECONDS - time.monotonic()))
        outage.start()
        outage.ended = time.monotonic()


def _phase(slice_: Run, outages: list[Outage]) -> str:
    for outage in outages:
        down_until = outage.ended or float("inf")
        if outage.began and slice_.started < down_until and slice_.ended > outage.began:
            return f"{outage.name} down"
    if not outages[0].began or slice_.ended <= outages[0].began:
        return "before"
    last = outages[-1]
    return "after" if last.ended and slice_.started >= last.ended else "between"


def fault(
    app: serving.Server, services: Services, paths: list[str], script: Path, seconds: float
) -> None:
    outages = [
        Outage("Redis", seconds * 0.25, services.stop_redis, services.start_redis),
        Outage("PostgreSQL", seconds * 0.5, services.stop_postgres, services.start_postgres),
    ]
    asks = [*paths, PROBE]
    normal = _ask_all(app, asks, 10)
    zero = time.monotonic()
    breaker = threading.Thread(target=_break, args=(app, asks, outages, zero), daemon=True)
    breaker.start()
    slices: list[Run] = []
    for _ in range(int(seconds // SLICE_SECONDS) + 5):  # bounded, whatever the clock does
        if time.monotonic() - zero >= seconds and not breaker.is_alive():
            break
        slices.append(run(app, script, SLICE_SECONDS))
    breaker.join(60)
    print(
        f"fault run: {seconds:.0f} s in {SLICE_SECONDS} s slices; Redis stopped for "
        f"{DOWN_SECONDS} s at {outages[0].at:.0f} s, PostgreSQL for {DOWN_SECONDS} s at "
        f"{outages[1].at:.0f} s"
    )
    print(f"  {'t (s)':>11} {'phase':16} {'requests':>8} {'errors':>6}  by status")
    for s in slices:
        where = f"{s.started - zero:4.1f}-{s.ended - zero:4.1f}"
        socket = f", {s.load.socket_errors} socket errors" if s.load.socket_errors else ""
        print(
            f"  {where:>11} {_phase(s, outages):16} {s.load.requests:8} {s.errors:6}"
            f"  {dict(s.statuses)}{socket}"
        )
    phases: collections.Counter[str] = collections.Counter()
    for s in slices:
        phases[_phase(s, outages)] += s.errors
    print(f"  errors by phase: {dict(phases)}")
    for outage in outages:
        seen: collections.Counter[int] = collections.Counter()
        for s in slices:
            if _phase(s, outages) == f"{outage.name} down":
                seen.update(s.statuses)
        print(f"  while {outage.name} was down, wrk's requests got statuses {dict(seen)}")
    after = _ask_all(app, asks, 10)
    print(
        f"  each page asked once: {'normally':>10} {'Redis down':>24} {'PostgreSQL down':>24}"
        f" {'afterwards':>10}"
    )
    for what in asks:
        during = " ".join(f"{outage.pages.get(what, '-'):>24}" for outage in outages)
        print(f"  {'':20} {normal[what]:>10} {during} {after[what]:>10}  {what}")
    log = app.log_tail(100_000)
    failed = collections.Counter(re.findall(r"Internal Server Error: (\S+)", log))
    causes = sorted({line for line in log.splitlines() if re.match(r"\w+(\.\w+)*Error: ", line)})
    print(f"  the app logged 500s {dict(failed)}, from: {causes[:4]}")
    last = slices[-2:]
    recovered = all(s.errors == 0 for s in last)
    print(
        f"  last {len(last)} slices: {sum(s.errors for s in last)} errors: "
        f"{'recovered by itself' if recovered else 'NOT recovered'}"
    )


def _closed_ports() -> str:
    return ",".join(f"{logical}:{serving.free_port()}" for logical in (25, 465, 587))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--fault-seconds", type=float, default=30.0, help="0: no fault run")
    args = parser.parse_args()
    serving.require_wrk()
    try:
        services = Services()
    except ServiceError as error:
        sys.exit(f"{error} (bash scripts/ensure_services.sh --bench installs them)")
    with (
        services,
        serving.serve(**services.env, **LAB, WIZARD_PROBE_PORT_MAP=_closed_ports()) as app,
        tempfile.TemporaryDirectory() as folder,
    ):
        paths = all_paths(app)
        script = write_script(paths, Path(folder))
        print(f"paths cycled ({len(paths)}, each checked to answer): {' '.join(paths)}")
        soak(app, script, args.seconds)
        if args.fault_seconds > 0:
            fault(app, services, paths, script, args.fault_seconds)


if __name__ == "__main__":
    main()
