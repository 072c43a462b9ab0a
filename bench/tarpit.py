"""Pages while 100 probes are held by silent mail servers (issue 14).

Target: 100 probes held by silent servers do not raise the result page's p99
more than 2×.

Silent SMTP servers on loopback (they accept, read and never answer) stand for
ports 25, 465 and 587 (WIZARD_PROBE_PORT_MAP), each on 127.0.0.1 to 127.0.0.100:
one address per probe, since probes of one target join one running probe. The
app is served as `make run` does with the lab's settings (loopback allowed, no
rate limit, up to 200 probes in flight, no reuse of a recent report). The
result page's p99 is measured with wrk before, during and after 100 probes are
held. A probe of silent servers ends when their greeting waits do (5 s alone,
the probe's per-reply limit, whatever WIZARD_PROBE_TIMEOUT says; longer with
100 at once), so each of the 100 clients starts its next probe as soon as its
last one answers: 100 stay in flight for the whole measurement. Every probe
must be accepted (200).

    .venv/bin/python bench/tarpit.py [--seconds 4] [--probes 100]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serving
from bench.pages import RESULT, WARM_UP_SECONDS

TARGET_RATIO = 2.0
HOLD_SECONDS = 120  # the longest a silent server keeps a connection
ANSWER_SECONDS = 60  # the longest one POST may take (the probe's deadline is 30 s)
DRAIN_SECONDS = 60  # the longest to wait for held probes to end


class Silent:
    """Silent servers on one event loop, in a thread: ``ports`` are logical → real."""

    def __init__(self, hosts: list[str]) -> None:
        self.hosts = hosts
        self.ports: dict[int, int] = {}
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _hold(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        # Read whatever comes (a TLS hello, for 465) and never answer.
        with contextlib.suppress(OSError, TimeoutError):
            async with asyncio.timeout(HOLD_SECONDS):
                while await reader.read(4096):
                    pass
        writer.close()

    async def _start(self) -> list[asyncio.Server]:
        servers = []
        for logical in (25, 465, 587):
            for _ in range(10):  # the port free on 127.0.0.1 may be taken on another address
                port = serving.free_port()
                with contextlib.suppress(OSError):
                    servers.append(await asyncio.start_server(self._hold, self.hosts, port))
                    self.ports[logical] = port
                    break
            else:
                raise RuntimeError("no port free on every address")
        return servers

    def __enter__(self) -> Silent:
        self._thread.start()
        self._servers = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            for server in self._servers:
                server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


async def post_probe(port: int, target: str) -> tuple[int, bytes, float]:
    """POST /api/probe for ``target``: status, body and seconds until it answered."""
    body = json.dumps({"target": target}).encode()
    started = time.monotonic()
    async with asyncio.timeout(ANSWER_SECONDS):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(
                b"POST /api/probe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                b"Content-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            answer = await reader.read(-1)
        finally:
            writer.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, answer.partition(b"\r\n\r\n")[2], time.monotonic() - started


class Probes:
    """``count`` clients, each probing its own address again and again until
    stopped: ``count`` probes in flight all along."""

    def __init__(self, port: int, targets: list[str]) -> None:
        self.port, self.targets = port, targets
        self.statuses: collections.Counter[int] = collections.Counter()
        self.refusals: list[str] = []
        self.held: list[float] = []
        self.in_flight = 0
        self.outcomes: collections.Counter[str] = collections.Counter()  # "port: outcome"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._run(),), daemon=True)

    async def _client(self, target: str, until: float) -> None:
        while not self._stop.is_set() and time.monotonic() < until:
            self.in_flight += 1
            try:
                status, body, seconds = await post_probe(self.port, target)
            except (OSError, TimeoutError) as error:
                status, body, seconds = 0, repr(error).encode(), 0.0
            finally:
                self.in_flight -= 1
            self.statuses[status] += 1
            if status == 200:
                self.held.append(seconds)
                for port in json.loads(body).get("ports") or []:
                    self.outcomes[f"{port.get('port')}: {port.get('outcome')}"] += 1
            else:
                self.refusals.append(f"{target}: {status} {body[:300].decode(errors='replace')}")
                await asyncio.sleep(0.5)  # a refused client does not spin

    async def _run(self) -> None:
        until = time.monotonic() + 600  # bounded even if never stopped
        await asyncio.gather(*(self._client(t, until) for t in self.targets))

    def __enter__(self) -> Probes:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()  # each client ends once its probe answers
        self._thread.join(DRAIN_SECONDS)

    def wait_in_flight(self, count: int, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while self.in_flight < count and time.monotonic() < deadline:
            time.sleep(0.1)


def measure(url: str, seconds: float) -> serving.Load:
    serving.wrk(url, WARM_UP_SECONDS)
    return serving.wrk(url, seconds)


@contextlib.contextmanager
def lab(probes: int) -> Iterator[tuple[serving.Server, Silent]]:
    hosts = [f"127.0.0.{i}" for i in range(1, probes + 1)]
    with Silent(hosts) as silent:
        port_map = ",".join(f"{logical}:{real}" for logical, real in silent.ports.items())
        env = {
            "WIZARD_PROBE_ALLOW_NETWORKS": "127.0.0.0/8",
            "WIZARD_PROBE_PORT_MAP": port_map,
            "WIZARD_PROBE_RATE_LIMIT": "",
            "WIZARD_PROBE_MAX_IN_FLIGHT": "200",
            "WIZARD_PROBE_TIMEOUT": "30",
            "WIZARD_PROBE_CACHE_SECONDS": "0",  # each probe a new one, not a stored report
        }
        with serving.serve(**env) as app:
            yield app, silent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--probes", type=int, default=100)
    args = parser.parse_args()
    serving.require_wrk()
    with lab(args.probes) as (app, silent):
        url = app.url(RESULT)
        before = measure(url, args.seconds)
        with Probes(app.port, silent.hosts) as probes:
            probes.wait_in_flight(args.probes)
            held_at_start = probes.in_flight
            during = measure(url, args.seconds)
            held_at_end = probes.in_flight
        after = measure(url, args.seconds)
        connections = silent.connections
    baseline = statistics.mean([before.p99_ms, after.p99_ms])
    ratio = during.p99_ms / baseline
    accepted, answered = probes.statuses[200], sum(probes.statuses.values())
    print(f"result page, wrk -t2 -c32, {args.seconds:.0f} s after {WARM_UP_SECONDS} s warm-up")
    print(f"probes in flight: {held_at_start} when measuring began, {held_at_end} at its end")
    print(
        f"probes answered: {answered}, accepted (200): {accepted}; by status "
        f"{dict(probes.statuses)}; {connections} connections reached the silent servers"
    )
    if probes.held:
        print(
            f"each probe held {statistics.median(probes.held):.1f} s (median; "
            f"{min(probes.held):.1f} to {max(probes.held):.1f} s); port outcomes "
            f"{dict(sorted(probes.outcomes.items()))}"
        )
    for refusal in probes.refusals[:5]:
        print(f"  refused: {refusal}")
    print(f"{'':8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, load in (("before", before), ("during", during), ("after", after)):
        print(f"{name:8} {load.rate:7.0f} {load.p50_ms:7.1f} {load.p99_ms:7.1f} {load.errors:6}")
    verdict = "met" if ratio <= TARGET_RATIO and accepted == answered else "NOT MET"
    print(
        f"p99 during / baseline (mean of before and after, {baseline:.1f} ms): {ratio:.2f}×;"
        f" target ≤ {TARGET_RATIO:.0f}× with every probe accepted: {verdict}"
    )


if __name__ == "__main__":
    main()
