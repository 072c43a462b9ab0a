"""Starting a probe from the console: the public probe's own door, nothing else.

``refusals.start_probe`` applies every limit (the client's rate, the
deny-lists, the cap on probes in flight) to agents exactly as to subscribers.
"""

from __future__ import annotations

import asyncio
import logging

from django.http import HttpRequest

from wizard.probe.models import ProbeRecord
from wizard.probe.refusals import ProbeRefusal, start_probe

logger = logging.getLogger(__name__)


async def start_and_wait(request: HttpRequest, target: str) -> ProbeRecord | ProbeRefusal:
    """The record of a finished probe of ``target``, or why none was started.

    Waits for the probe (at most its deadline), so the report page it leads to
    is complete even without JavaScript.
    """
    started = await start_probe(request, target)
    if isinstance(started, ProbeRefusal):
        return started
    record, running = started
    if running is not None:
        try:
            await asyncio.wrap_future(running)
        except Exception:  # the report page shows what was stored, or settles it
            logger.exception("console probe %s failed", record.pk)
    return record
