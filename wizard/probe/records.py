"""Probes for the web and the command line, and their stored reports.

A probe runs on the process's probe loop (``runner``); its report is stored
through the ORM under an unguessable id as each port finishes, and expires
after ``WIZARD_PROBE_RETENTION_DAYS``. A target probed in the last few minutes
gets a copy of its recent report instead of a new probe.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import logging
from urllib.parse import parse_qsl, urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from wizard.questions.core.answers import parse_answers
from wizard.questions.core.hostnames import MAX_LENGTH
from wizard.questions.core.questions import relevant

from . import limits
from .core.config import PORTS, ProbeConfig, config_from
from .core.report import CheckProblem, Outcome, ProbeReport
from .core.run import prepare, probe_ports
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

    A target probed in the last few minutes gets its stored report back (and
    no future). Raises ``BadTarget``, ``TargetRefused`` or ``Busy``.
    """
    target = parse_target(text)
    if (reused := await _reuse(target.text, target.text, answers)) is not None:
        return reused, None
    if not limits.IN_FLIGHT.try_acquire(settings.WIZARD_PROBE_MAX_IN_FLIGHT):
        raise Busy
    # The slot is given back on the way out, unless a running probe takes it.
    handed_over = False
    try:
        report = await aprepare_report(target.text, config)
        # Other spellings of the same server (an address, another mailbox at the
        # same domain) lead to the same vetted address: reuse that too.
        address_key = f"address:{report.address}"
        if (reused := await _reuse(address_key, target.text, answers)) is not None:
            return reused, None
        record = await sync_to_async(create_record)(report, answers=answers)
        future = start_background_probe(record, report, config)
        keep = settings.WIZARD_PROBE_CACHE_SECONDS

        def finished(done: concurrent.futures.Future[ProbeReport]) -> None:
            limits.IN_FLIGHT.release()
            if not done.cancelled() and done.exception() is None:
                remember_report(target.text, record.pk, keep)
                remember_report(address_key, record.pk, keep)

        future.add_done_callback(finished)
        handed_over = True
        return record, future
    finally:
        if not handed_over:
            limits.IN_FLIGHT.release()


async def _reuse(key: str, target: str, answers: str) -> ProbeRecord | None:
    """A fresh record carrying a recent report for ``key``, if there is one.

    The same facts, but a record of its own: this visitor's target, answers and
    link, never the previous visitor's (whose target may be an e-mail address).
    """
    recent = await arecent_report(key)
    kept = await sync_to_async(get_record)(recent) if recent else None
    if kept is None or kept.status != ProbeRecord.Status.DONE:
        return None
    report = report_of(kept)
    report.target = target
    return await sync_to_async(create_record)(
        report, answers=answers, status=ProbeRecord.Status.DONE
    )


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
) -> concurrent.futures.Future:
    """Probe in the background; the record is updated as each port finishes."""
    return RUNNER.submit(_probe_and_store(record.pk, report, config, ports))


async def _probe_and_store(
    record_id: str, report: ProbeReport, config: ProbeConfig, ports: tuple[int, ...]
) -> ProbeReport:
    lock = asyncio.Lock()
    finished = False

    async def save(*, final: bool) -> None:
        nonlocal finished
        async with lock:
            if finished:
                return
            finished = final
            status = ProbeRecord.Status.DONE if final else ProbeRecord.Status.RUNNING
            await sync_to_async(_write, thread_sensitive=False)(record_id, status, report.as_json())

    saving: set[asyncio.Task] = set()

    def progressed(_: ProbeReport) -> None:
        task = asyncio.get_running_loop().create_task(save(final=False))
        saving.add(task)  # keep a reference until it is done
        task.add_done_callback(saving.discard)

    try:
        await probe_ports(report, config, on_progress=progressed, ports=ports)
    finally:
        try:
            await save(final=True)
        except Exception:  # the page then settles it as stale, see get_record()
            logger.exception("could not store probe report %s", record_id)
    return report


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
    report = report_of(record)
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


async def arecent_report(target: str) -> str | None:
    """The id of this target's report from the last few minutes, if any."""
    return await cache.aget(_target_key(target))


def remember_report(target: str, record_id: str, seconds: int) -> None:
    if seconds > 0:
        cache.set(_target_key(target), record_id, timeout=seconds)


def _target_key(target: str) -> str:
    # Cache keys must be short and plain; targets are normalised already.
    return "probe-target:" + hashlib.sha256(target.encode()).hexdigest()[:32]
