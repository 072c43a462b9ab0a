"""What each hostile mail server costs one probe: wall time and bytes read.

The probe's deadline here is the default 10 s; the per-reply limit is 5 s.

    .venv/bin/python bench/hostile_servers.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import raw_server
from tests.servers.raw_server import RawServer
from tests.servers.smtp_servers import free_port
from wizard.probe.core.addresses import parse_networks
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.run import probe_server

BEHAVIOURS = {
    "silent": raw_server.silent,
    "drip (1 byte / 50 ms)": raw_server.drip,
    "endless greeting lines": raw_server.endless_greeting,
    "one endless line": raw_server.huge_line,
    "garbage (HTTP)": raw_server.garbage,
    "endless EHLO reply": raw_server.endless_ehlo,
    "markup in banner": raw_server.html_banner(b"<script>alert(1)</script>"),
}


def main() -> None:
    print(
        f"{'server':26} {'outcome':10} {'detail':24} {'seconds':>8} {'bytes read':>11} "
        f"{'bytes sent':>11}"
    )
    for name, behaviour in BEHAVIOURS.items():
        with RawServer(behaviour) as server:
            config = ProbeConfig(
                port_map={587: server.port, 465: free_port(), 25: free_port()},
                allow_networks=tuple(parse_networks(["127.0.0.0/8"])),
                deadline=10.0,
            )
            started = time.perf_counter()
            report = asyncio.run(probe_server("127.0.0.1", config, ports=(587,)))
            took = time.perf_counter() - started
            sent = server.bytes_sent
        port = report.port(587)
        print(
            f"{name:26} {port.outcome!s:10} {port.detail[:24]:24} {took:8.2f} "
            f"{port.bytes_read:11,} {sent:11,}"
        )


if __name__ == "__main__":
    main()
