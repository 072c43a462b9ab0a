"""Probes for the web and the command line, and their stored reports.

A probe runs on the process's probe loop (``runner``); its report is stored
through the ORM under an unguessable id as each port finishes, and expires
after ``WIZARD_PROBE_RETENTION_DAYS``. A server probed in the last few minutes
under the same name, addresses and ports gives its facts to a new record
instead of a new probe, and visitors of one such key at once share one probe,
on one instance or several (a claim in the shared cache, see _probe_or_follow).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connections
from django.utils import timezone

from wizard.questions.core.answers import parse_answers
from wizard.questions.core.hostnames import MAX_LENGTH
from wizard.questions.core.questions import relevant
from wizard.web.counting import Dimension, record

from . import limits
from .core.config import PORTS, ProbeConfig, config_from
from .core.report import CheckProblem, Outcome, ProbeReport
from .core.run import planned_ports, prepare, probe_ports
from .core.summary import summarise
from .core.targets import parse_target
from .models import ProbeRecord
from .runner import RUNNER


def probe_config(*, deadline: float | None = None) -> ProbeConfig:
    return config_from(
        deadline=deadline or settings.WIZARD_PROBE_TIMEOUT,
        port_map=settings.WIZARD_PROBE_PORT_MAP,
        allow_networks=settings.WIZARD_PROBE_ALLOW_NETWORKS,
        nameservers=settings.WIZARD_DNS_NAMESERVERS,
        cafile=settings.WIZARD_PROBE_CA_FILE,
        ehlo_name=settings.WIZARD_PROBE_EHLO_NAME,
        only_networks=settings.WIZARD_PROBE_ONLY_NETWORKS,
    )


logger = logging.getLogger(__name__)
# How long past its deadline a running report is given before it is settled.
STALE_AFTER_SECONDS = 30


class Busy(Exception):
    """Too many probes in flight in this process."""


async def launch(
    text: str, config: ProbeConfig, *, answers: str = ""
) -> tuple[ProbeRecord, concurrent.futures.Future | None]:
    """Start probing ``text`` for a web request, within the abuse limits.

    A server probed in the last few minutes under the same key (``probe_key``)
    gets its stored facts back in a record of this visitor's own (and no
    future); a probe of that key already running takes this visitor in (its
    future settles with the same facts). Raises ``BadTarget``,
    ``TargetRefused`` or ``Busy``.
    """
    parse_target(text)  # BadTarget before a slot is taken
    if not limits.IN_FLIGHT.try_acquire(settings.WIZARD_PROBE_MAX_IN_FLIGHT):
        raise Busy
    # The slot is given back on the way out, unless a new probe takes it.
    handed_over = False
    try:
        own = await aprepare_report(text, config)
        key = probe_key(own, config, PORTS)
        if (reused := await _reuse(key, own, answers)) is not None:
            return reused, None
        record = await sync_to_async(create_record)(own, answers=answers)
        watcher = _Watcher(record.pk, own)
        probe, joined = _join_or_open(key, watcher)
        if joined:
            return record, watcher.future
        _start(probe, own, config, PORTS)
        handed_over = True
        return record, watcher.future
    finally:
        if not handed_over:
            limits.IN_FLIGHT.release()


def probe_key(report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...]) -> str:
    """What a vetted report's facts depend on, as one cache key: the name sent
    for SNI and matched against the certificate, every vetted address, and the
    ports really connected to (``WIZARD_PROBE_PORT_MAP``).

    Two names at one address are two keys: through SNI each may get another
    certificate. Spellings that lead to the same name (a mailbox at the domain
    whose SRV record names it, the name typed) share one.
    """
    addresses = report.discovery.get("addresses") or [report.address]
    parts = {
        "name": (report.host or "").lower(),
        "addresses": [str(a) for a in addresses],  # type: ignore[union-attr]
        "ports": [[p, config.real_port(p)] for p in ports],
        # What else decides the facts: whom we trust, how we greet.
        "cafile": config.cafile or "",
        "ehlo": config.ehlo_name,
    }
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return "probe-key:" + digest[:32]


def with_facts_of(own: ProbeReport, probed: ProbeReport) -> ProbeReport:
    """``own`` (a visitor's target, what DNS said for it) with the facts of the
    probe ``probed``: the ports, when and how long. Never the other visitor's
    target or discovery."""
    return dataclasses.replace(
        own,
        ports=probed.ports,
        started_at=probed.started_at,
        elapsed_ms=probed.elapsed_ms,
    )


async def _reuse(key: str, own: ProbeReport, answers: str) -> ProbeRecord | None:
    """A fresh record carrying the recent facts for ``key``, if there are any.

    The same facts, but a record of its own: this visitor's target, discovery,
    answers and link, never the previous visitor's (whose target may be an
    e-mail address).
    """
    recent = await arecent_report(key)
    kept = await sync_to_async(get_record)(recent) if recent else None
    if kept is None or kept.status != ProbeRecord.Status.DONE:
        return None
    report = with_facts_of(own, report_of(kept))
    return await sync_to_async(create_record)(
        report, answers=answers, status=ProbeRecord.Status.DONE
    )


# Probes in flight, shared by every visitor of one key ----------------------------


@dataclass
class _Watcher:
    """One visitor's record of a probe, and its report when the probe is done."""

    record_id: str
    own: ProbeReport
    future: concurrent.futures.Future[ProbeReport] = dataclasses.field(
        default_factory=concurrent.futures.Future
    )


@dataclass
class _SharedProbe:
    key: str | None
    watchers: list[_Watcher]


# This process's probes by key. Request threads join them; the probe loop closes
# them. Only list and dict operations happen under the lock, never I/O.
_IN_FLIGHT: dict[str, _SharedProbe] = {}
_IN_FLIGHT_LOCK = threading.Lock()


def _join_or_open(key: str, watcher: _Watcher) -> tuple[_SharedProbe, bool]:
    """The running probe of ``key`` with ``watcher`` added (and ``True``), or a
    new one for the caller to start."""
    with _IN_FLIGHT_LOCK:
        probe = _IN_FLIGHT.get(key)
        if probe is not None:
            probe.watchers.append(watcher)
            return probe, True
        probe = _IN_FLIGHT[key] = _SharedProbe(key, [watcher])
        return probe, False


def _close(probe: _SharedProbe, written: int) -> list[_Watcher]:
    """Take ``probe`` out of the map; the watchers that joined after the first
    ``written`` were given the final report."""
    with _IN_FLIGHT_LOCK:
        if probe.key is not None and _IN_FLIGHT.get(probe.key) is probe:
            del _IN_FLIGHT[probe.key]
        return probe.watchers[written:]


def in_flight_keys() -> list[str]:
    """The keys being probed now in this process (for tests and diagnostics)."""
    with _IN_FLIGHT_LOCK:
        return list(_IN_FLIGHT)


def _start(
    probe: _SharedProbe, report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...]
) -> None:
    """Probe on the process's loop; its in-flight slot is given back at the end."""
    running = RUNNER.submit(_probe_or_follow(probe, report, config, ports))
    running.add_done_callback(lambda _: limits.IN_FLIGHT.release())


def prepare_report(target: str, config: ProbeConfig) -> ProbeReport:
    """Read and vet ``target`` (raises ``BadTarget`` / ``TargetRefused``)."""
    return RUNNER.submit(prepare(target, config)).result()


async def aprepare_report(target: str, config: ProbeConfig) -> ProbeReport:
    return await asyncio.wrap_future(RUNNER.submit(prepare(target, config)))


def create_record(
    report: ProbeReport, *, answers: str = "", status: str = ProbeRecord.Status.RUNNING
) -> ProbeRecord:
    now = timezone.now()
    return ProbeRecord.objects.create(
        target=report.target[:MAX_LENGTH],
        report=report.as_json(),
        answers=clean_answers(answers),
        status=status,
        expires_at=now + dt.timedelta(days=settings.WIZARD_PROBE_RETENTION_DAYS),
    )


def clean_answers(query: str) -> str:
    """The wizard answers worth keeping with a report: the ones that apply, read
    back in canonical form, without ``host`` (it may be an e-mail address)."""
    parsed = parse_answers(dict(parse_qsl(query[:2048])))
    return urlencode(relevant(parsed.answers).without("host").to_query())


def start_background_probe(
    record: ProbeRecord, report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...] = PORTS
) -> concurrent.futures.Future[ProbeReport]:
    """Probe in the background, shared with nobody (the command line); the
    record is updated as each port finishes."""
    watcher = _Watcher(record.pk, report)
    RUNNER.submit(_probe_and_store(_SharedProbe(None, [watcher]), report, config, ports))
    return watcher.future


async def _probe_and_store(
    probe: _SharedProbe, report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...]
) -> ProbeReport:
    """Probe once and write every watcher's record as ports finish; at the end,
    remember the facts under the probe's key, then settle each watcher."""
    lock = asyncio.Lock()
    finished = False
    save = _saver(report)

    async def progress() -> None:
        async with lock:
            if not finished:
                with _IN_FLIGHT_LOCK:
                    watchers = list(probe.watchers)
                await save(watchers, ProbeRecord.Status.RUNNING)

    saving: set[asyncio.Task] = set()

    def progressed(_: ProbeReport) -> None:
        task = asyncio.get_running_loop().create_task(progress())
        saving.add(task)  # keep a reference until it is done
        task.add_done_callback(saving.discard)

    failure: BaseException | None = None
    try:
        await probe_ports(report, config, on_progress=progressed, ports=ports)
        # Once per probe run, however many visitors share it; a reused report
        # ran no probe and is not counted again.
        record((Dimension.PROBE, summarise(report)))
    except BaseException as error:
        failure = error
        raise
    finally:
        async with lock:
            finished = True
            await _finish(probe, report, failure, save)
    return report


Save = Callable[[list[_Watcher], str], Awaitable[None]]


def _saver(report: ProbeReport) -> Save:
    """Writes each watcher's record with the facts of ``report``."""

    async def save(watchers: list[_Watcher], status: str) -> None:
        rows = [(w.record_id, with_facts_of(w.own, report).as_json()) for w in watchers]
        await sync_to_async(_write_all, thread_sensitive=False)(rows, status)

    return save


# One probe of a server at a time across instances ---------------------------------
# Visitors of one key on one instance share its probe (_IN_FLIGHT); on several
# instances, the first to claim the key in the shared cache probes, and the
# others wait for the report it remembers, so a server is never probed by
# every instance at once. The claim lapses by itself should its holder stop.

FOLLOW_POLL_SECONDS = 0.2
CLAIM_GRACE_SECONDS = 15


def _claim_key(key: str) -> str:
    return "probe-claim:" + key


async def _probe_or_follow(
    probe: _SharedProbe, report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...]
) -> ProbeReport:
    """Probe ``probe``'s key here, or give its visitors the facts another
    instance is probing now; probe here after all if those never come."""
    assert probe.key is not None
    claim = _claim_key(probe.key)
    seconds = int(config.deadline) + CLAIM_GRACE_SECONDS
    claimed = await sync_to_async(cache.add, thread_sensitive=False)(claim, 1, seconds)
    if not claimed and (facts := await _followed(probe.key, config)) is not None:
        await _finish(probe, facts, None, _saver(facts), remember=False)
        return facts
    try:
        return await _probe_and_store(probe, report, config, ports)
    finally:
        if claimed:
            await sync_to_async(cache.delete, thread_sensitive=False)(claim)


async def _followed(key: str, config: ProbeConfig) -> ProbeReport | None:
    """The facts another instance stores for ``key``: polled until they come,
    its claim ends without them, or the probe's deadline has long passed."""
    loop = asyncio.get_running_loop()
    until = loop.time() + config.deadline + CLAIM_GRACE_SECONDS
    while loop.time() < until:
        await asyncio.sleep(FOLLOW_POLL_SECONDS)
        facts, claimed = await sync_to_async(_stored_facts, thread_sensitive=False)(key)
        if facts is not None or not claimed:
            return facts
    return None


def _stored_facts(key: str) -> tuple[ProbeReport | None, bool]:
    """(the remembered report of ``key`` if done, whether it is still claimed)."""
    try:
        values = cache.get_many([key, _claim_key(key)])
        kept = get_record(values[key]) if key in values else None
        if kept is not None and kept.status == ProbeRecord.Status.DONE:
            return report_of(kept), True
        return None, _claim_key(key) in values
    finally:
        connections.close_all()  # a probe-loop worker thread, as in _write_all


async def _finish(
    probe: _SharedProbe,
    report: ProbeReport,
    failure: BaseException | None,
    save: Save,
    *,
    remember: bool = True,
) -> None:
    """Final writes in an order that loses no watcher: those known now, then the
    key remembered (a new visitor finds the stored report), then the probe out
    of the map, then whoever joined in between."""
    with _IN_FLIGHT_LOCK:
        first = list(probe.watchers)
    try:
        await save(first, ProbeRecord.Status.DONE)
        if remember and failure is None and probe.key is not None:
            keep = settings.WIZARD_PROBE_CACHE_SECONDS
            await sync_to_async(remember_report, thread_sensitive=False)(
                probe.key, first[0].record_id, keep
            )
        if late := _close(probe, len(first)):
            await save(late, ProbeRecord.Status.DONE)
    except Exception:  # the page then settles it as stale, see get_record()
        logger.exception("could not store probe report %s", first[0].record_id)
    finally:
        # Whatever failed, nobody may join this probe any more or wait for it.
        for watcher in first + _close(probe, len(first)):
            if watcher.future.done():
                continue
            if failure is not None:
                watcher.future.set_exception(failure)
            else:
                watcher.future.set_result(with_facts_of(watcher.own, report))


# A database busy for a moment (SQLite's table lock) must not leave a record
# running until it is settled as stale: try again a few times, briefly.
WRITE_ATTEMPTS = 5
WRITE_RETRY_SECONDS = 0.05


def _write_all(rows: list[tuple[str, dict]], status: str) -> None:
    try:
        for record_id, data in rows:
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    _write(record_id, status, data)
                    break
                except OperationalError:
                    if attempt == WRITE_ATTEMPTS:
                        raise
                    time.sleep(WRITE_RETRY_SECONDS * attempt)
    finally:
        # A worker thread of the probe loop, not a request: nobody else would
        # give its connection back (to PostgreSQL's pool) while it idles.
        connections.close_all()


def _write(record_id: str, status: str, data: dict) -> None:
    ProbeRecord.objects.filter(pk=record_id).update(status=status, report=data)


def get_record(record_id: str) -> ProbeRecord | None:
    """A stored report, unless it does not exist or has expired."""
    if not record_id or len(record_id) > 32:
        return None
    record = ProbeRecord.objects.filter(pk=record_id, expires_at__gt=timezone.now()).first()
    if record is not None:
        settle_if_stale(record)
    return record


def settle_if_stale(record: ProbeRecord) -> None:
    """A report still "running" long after its deadline lost its probe (a restart,
    a failed write): finish it as timed out, so no page polls forever."""
    limit = dt.timedelta(seconds=settings.WIZARD_PROBE_TIMEOUT + STALE_AFTER_SECONDS)
    if record.status != ProbeRecord.Status.RUNNING or timezone.now() - record.created_at < limit:
        return
    _settle_as_interrupted(record)


def interrupt_running() -> int:
    """At this process's shutdown: every report it is still probing for the web
    is finished as interrupted at once, so the page (served by another
    instance, or by this one restarted) stops waiting. How many were."""
    with _IN_FLIGHT_LOCK:
        ids = [watcher.record_id for probe in _IN_FLIGHT.values() for watcher in probe.watchers]
    running = list(ProbeRecord.objects.filter(pk__in=ids, status=ProbeRecord.Status.RUNNING))
    for unfinished in running:
        _settle_as_interrupted(unfinished)
    return len(running)


def _settle_as_interrupted(record: ProbeRecord) -> None:
    report = report_of(record)
    if not report.ports:  # lost before any port finished: none was stored yet
        report.ports = planned_ports(probe_config(), PORTS)
    for port in report.ports:
        if port.outcome is None:
            port.outcome, port.problem = Outcome.TIMEOUT, CheckProblem.INTERRUPTED
            port.detail = ""
    record.status, record.report = ProbeRecord.Status.DONE, report.as_json()
    record.save(update_fields=["status", "report"])


def purge_expired() -> int:
    deleted, _ = ProbeRecord.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def report_of(record: ProbeRecord) -> ProbeReport:
    return ProbeReport.from_json(record.report)


# Recent reports, for reuse -------------------------------------------------------


async def arecent_report(key: str) -> str | None:
    """The id of the report stored under ``key`` (``probe_key``) in the last few
    minutes, if any."""
    return await cache.aget(key)


def remember_report(key: str, record_id: str, seconds: int) -> None:
    if seconds > 0:
        cache.set(key, record_id, timeout=seconds)
