"""A whole probe: vet the target, resolve it once, probe three ports at once.

Everything happens under one overall deadline: DNS, then the ports in
parallel. A port still talking when the deadline comes is reported as far as
it got. Addresses are vetted before any connection, and the probe connects to
the vetted address itself, so DNS cannot be asked again and answer otherwise.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable

from .addresses import refusal_for
from .config import IMPLICIT_TLS_PORTS, PORTS, ProbeConfig
from .discovery import discover, make_async_resolver
from .report import LookupProblem, Outcome, Phase, PortResult, ProbeReport, Refused
from .session import probe_port
from .targets import Target, parse_target

__all__ = ["TargetRefused", "prepare", "probe_ports", "probe_server", "vet_target"]

# Called with the report so far whenever a port finishes (for progress pages).
OnProgress = Callable[[ProbeReport], None]


class TargetRefused(Exception):
    def __init__(self, report: ProbeReport) -> None:
        super().__init__(report.refused)
        self.report = report


async def vet_target(target: Target, config: ProbeConfig) -> ProbeReport:
    """Resolve ``target`` once and refuse it if any address may not be probed.

    Raises ``TargetRefused`` (with the report explaining why) before any
    connection is made.
    """
    report = ProbeReport(
        target=target.text,
        kind=target.kind,
        started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    resolver = make_async_resolver(list(config.nameservers), config.dns_seconds)
    found = await discover(target, resolver)
    report.discovery = found.as_json()
    report.host = found.host
    if not found.addresses:
        report.refused = Refused.NOT_FOUND
        raise TargetRefused(report)
    for address in found.addresses:
        reason = refusal_for(address, allowed=config.allow_networks, only=config.only_networks)
        if reason is not None:
            report.refused, report.refusal_detail = Refused.FORBIDDEN_ADDRESS, reason
            raise TargetRefused(report)
    report.address = str(found.addresses[0])
    return report


async def probe_server(
    text: str,
    config: ProbeConfig,
    *,
    on_progress: OnProgress | None = None,
    ports: tuple[int, ...] = PORTS,
) -> ProbeReport:
    """Probe the server behind ``text`` (host, IP or e-mail address).

    Raises ``BadTarget`` for input that is not a target and ``TargetRefused``
    for a target we will not touch; otherwise returns the report, closed ports
    included.
    """
    report = await prepare(text, config)
    return await probe_ports(report, config, on_progress=on_progress, ports=ports)


async def prepare(text: str, config: ProbeConfig) -> ProbeReport:
    """Read, resolve and vet the target: everything before the first connection."""
    started = time.monotonic()
    target = parse_target(text)
    try:
        async with asyncio.timeout(config.deadline):
            report = await vet_target(target, config)
    except TimeoutError:
        report = ProbeReport(
            target=target.text,
            kind=target.kind,
            refused=Refused.NOT_FOUND,
            refusal_detail=LookupProblem.DNS_TIMEOUT,
        )
        raise TargetRefused(report) from None
    report.started_monotonic = started
    return report


def planned_ports(config: ProbeConfig, ports: tuple[int, ...]) -> list[PortResult]:
    """The ports a probe of ``ports`` checks, none of them checked yet."""
    return [
        PortResult(port=p, real_port=config.real_port(p), implicit_tls=p in IMPLICIT_TLS_PORTS)
        for p in ports
    ]


async def probe_ports(
    report: ProbeReport,
    config: ProbeConfig,
    *,
    on_progress: OnProgress | None = None,
    ports: tuple[int, ...] = PORTS,
) -> ProbeReport:
    """Probe a vetted report's address on ``ports`` at once, within what is left
    of the deadline that began when ``prepare`` started."""
    started = report.started_monotonic or time.monotonic()
    ports = tuple(p for p in PORTS if p in ports)
    if not ports:
        raise ValueError("only ports 587, 465 and 25 are ever probed")
    report.ports = planned_ports(config, ports)
    remaining = max(0.0, config.deadline - (time.monotonic() - started))

    def progressed(_: asyncio.Task[PortResult]) -> None:
        if on_progress is not None:
            on_progress(report)

    tasks = []
    # Nothing left of the deadline: no connection at all.
    for result in report.ports if remaining > 0 else ():
        task = asyncio.create_task(
            probe_port(result, address=report.address or "", server_name=report.host, config=config)
        )
        task.add_done_callback(progressed)
        tasks.append(task)
    pending: set[asyncio.Task[PortResult]] = set()
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=remaining)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=1.0)
    for result in report.ports:
        if result.outcome is None:
            # Still waiting for the first word when time ran out: a silent server.
            silent = result.phase is Phase.GREETING and not result.transcript
            result.outcome = Outcome.SILENT if silent else Outcome.TIMEOUT
            result.detail = result.detail or f"deadline reached during {result.phase}"
    report.elapsed_ms = round((time.monotonic() - started) * 1000)
    return report
