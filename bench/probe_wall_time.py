"""Probe wall time against its slowest port (SPEC section 10: target ≤ 1.2×).

Three SMTP servers on loopback each wait one second before their greeting.
Each port is probed alone (its own time), then all three together; the ratio
of the together wall time to the slowest single port shows the concurrency.

    .venv/bin/python bench/probe_wall_time.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path

import trustme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers.raw_server import slow_smtp
from wizard.probe.core.addresses import parse_networks
from wizard.probe.core.config import PORTS, ProbeConfig
from wizard.probe.core.run import probe_server

GREETING_DELAY = 1.0


async def main(rounds: int) -> None:
    # Port 465 speaks TLS from the start, with a certificate from a private CA.
    ca = trustme.CA()
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("bench.example").configure_cert(tls)
    with tempfile.NamedTemporaryFile(suffix=".pem", delete=False) as cafile:
        cafile.write(ca.cert_pem.bytes())
    servers = [
        await asyncio.start_server(
            slow_smtp(GREETING_DELAY), "127.0.0.1", 0, ssl=tls if port == 465 else None
        )
        for port in PORTS
    ]
    port_map = {p: s.sockets[0].getsockname()[1] for p, s in zip(PORTS, servers, strict=True)}
    config = ProbeConfig(
        port_map=port_map,
        allow_networks=tuple(parse_networks(["127.0.0.0/8"])),
        cafile=cafile.name,
        deadline=10,
    )
    ratios, walls, slowest_list = [], [], []
    for _ in range(rounds):
        singles = []
        for port in PORTS:
            started = time.perf_counter()
            await probe_server("127.0.0.1", config, ports=(port,))
            singles.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = await probe_server("127.0.0.1", config)
        wall = time.perf_counter() - started
        assert all(p.outcome == "answered" for p in report.ports), report.as_json()
        slowest = max(singles)
        walls.append(wall)
        slowest_list.append(slowest)
        ratios.append(wall / slowest)
    for server in servers:
        server.close()
    print(f"greeting delay per server: {GREETING_DELAY:.1f} s, rounds: {rounds}")
    print(f"slowest single port (median): {statistics.median(slowest_list):.3f} s")
    print(f"three ports together (median): {statistics.median(walls):.3f} s")
    print(
        f"ratio together / slowest (median): {statistics.median(ratios):.3f} "
        f"(max {max(ratios):.3f}; target ≤ 1.2)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    asyncio.run(main(parser.parse_args().rounds))
