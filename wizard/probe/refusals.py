"""The probe's refusal policy, written once for the page and the API.

In order: a POST sent by another site's page, a client over its rate, input
that is not a target (or no input at all), a target we will not touch, and
no free slot in this process. Each becomes one ``ProbeRefusal`` that the page
shows below its form and the API returns as its JSON error.
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest

from wizard.web.client_address import client_address, client_key
from wizard.web.counting import Dimension, record
from wizard.web.isp_text import isp_text

from . import limits, records, wording
from .core.report import ProbeReport
from .core.run import TargetRefused
from .core.summary import summarise
from .core.targets import BadTarget
from .models import ProbeRecord
from .page_context import refusal_text

# A full probe lasts at most the deadline; by then a slot is free again.
BUSY_RETRY_SECONDS = 10
NO_TARGET = 'Send JSON {"target": "…"} or a form field target.'

Started = tuple[ProbeRecord, "concurrent.futures.Future[ProbeReport] | None"]


@dataclass(frozen=True)
class ProbeRefusal:
    status: int
    # The API's error code (SPEC section 8).
    code: str
    message: str
    retry_after: int | None = None
    # Whether the form shows what was typed again (not for another site's POST).
    keeps_target: bool = True


async def start_probe(
    request: HttpRequest, target: str | None, *, answers: str = ""
) -> Started | ProbeRefusal:
    """Start probing ``target`` for this request, or say why not.

    Returns the record and the running probe (``None`` when a recent report
    was reused); ``target`` is ``None`` when the request carried none.
    """
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        # A browser says when another site's page sends this POST: refuse those,
        # so no page elsewhere can make its visitors probe on its behalf.
        return ProbeRefusal(403, "cross-site", isp_text(wording.CROSS_SITE), keeps_target=False)
    if wait := await sync_to_async(_seconds_to_wait)(request):
        return ProbeRefusal(
            429, "rate-limited", isp_text(wording.TOO_OFTEN, seconds=wait), retry_after=wait
        )
    if target is None:
        return ProbeRefusal(400, "bad-request", NO_TARGET)
    try:
        return await records.launch(target, records.probe_config(), answers=answers)
    except BadTarget as bad:
        return ProbeRefusal(400, str(bad.problem), isp_text(wording.TARGET_PROBLEMS[bad.problem]))
    except TargetRefused as refused:
        # A visitor's target we would not touch counts as a probe asked for.
        record((Dimension.PROBE, summarise(refused.report)))
        return ProbeRefusal(403, str(refused.report.refused), refusal_text(refused.report))
    except records.Busy:
        return ProbeRefusal(503, "busy", isp_text(wording.BUSY_NOW), retry_after=BUSY_RETRY_SECONDS)


def _seconds_to_wait(request: HttpRequest) -> int | None:
    """Seconds this client must wait before another probe, if over its rate."""
    client = client_address(request, settings.WIZARD_TRUSTED_PROXIES)
    rate = limits.parse_rate(settings.WIZARD_PROBE_RATE_LIMIT)
    return limits.over_rate(client_key(client), rate)
