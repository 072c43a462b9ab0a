"""The probe's pages and API: parse, ``refusals.start_probe``, render.

The probe's POSTs carry no CSRF token: they act for nobody (no session, no
account), so a forged one can do no more than a direct one, and the abuse
limits apply to both. Keeping tokens off the public pages keeps them cacheable.
"""

from __future__ import annotations

import asyncio
import json
from typing import TypeVar

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wizard.web.api import json_error, json_response, method_not_allowed
from wizard.web.htmx import HtmxHttpRequest, htmx_page, render_page

from . import page_context, records
from .refusals import ProbeRefusal, start_probe

Response = TypeVar("Response", bound=HttpResponse)


def _answers_of(request: HttpRequest) -> str:
    return request.POST.get("answers", "")[:512]


def _with_retry_after(response: Response, refusal: ProbeRefusal) -> Response:
    if refusal.retry_after is not None:
        response["Retry-After"] = str(refusal.retry_after)
    return response


@csrf_exempt
@require_POST
async def probe_start(request: HtmxHttpRequest) -> HttpResponse:
    """The result page's "check my server" form."""
    target = request.POST.get("target", "")
    started = await start_probe(request, target, answers=_answers_of(request))
    if isinstance(started, ProbeRefusal):
        context = page_context.form_error_context(
            started.message,
            target=target if started.keeps_target else "",
            answers=_answers_of(request),
        )
        # With htmx only the message goes below the form; without, the whole page.
        response = render_page(
            request,
            "probe/form_error.html",
            context,
            in_page="probe-message",
            status=started.status,
        )
        return _with_retry_after(response, started)
    record, running = started
    if request.htmx:
        context = page_context.probe_context(
            record,
            absolute_report_url=request.build_absolute_uri(page_context.report_url(record)),
            just_started=running is not None,
        )
        return render_page(request, "probe/report.html", context, in_page="probe-result")
    if running is not None:
        await asyncio.wrap_future(running)
    # 303: the browser fetches the stored report with GET; reload does not re-probe.
    return HttpResponseRedirect(page_context.report_url(record), status=303)


@htmx_page
def probe_report(request: HtmxHttpRequest, report_id: str) -> HttpResponse:
    record = records.get_record(report_id)
    if record is None:
        raise Http404
    context = page_context.probe_context(
        record, absolute_report_url=request.build_absolute_uri(page_context.report_url(record))
    )
    # Polling swaps the report itself; navigation, the page.
    response = render_page(request, "probe/report.html", context, in_page="probe-result")
    if context["running"]:
        response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
async def api_probe(request: HttpRequest) -> JsonResponse:
    """``POST /api/probe``: probe and answer with the whole report (SPEC section 8)."""
    if request.method != "POST":
        return method_not_allowed("POST")
    started = await start_probe(request, _target_from(request))
    if isinstance(started, ProbeRefusal):
        error = json_error(started.status, started.code, started.message)
        return _with_retry_after(error, started)
    record, running = started
    report = (
        await asyncio.wrap_future(running) if running is not None else records.report_of(record)
    )
    url = request.build_absolute_uri(page_context.report_url(record))
    data = page_context.report_json(report, record_id=record.pk, url=url)
    data["cached"] = running is None
    return json_response(data)


def _target_from(request: HttpRequest) -> str | None:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None
        target = body.get("target") if isinstance(body, dict) else None
        return target if isinstance(target, str) else None
    target = request.POST.get("target")
    return target if isinstance(target, str) else None
