"""The probe's pages and API: thin views over ``probing`` (run, store) and
``probe_pages`` (what to show).

The probe's POSTs carry no CSRF token: they act for nobody (no session, no
account), so a forged one can do no more than a direct one, and the abuse
limits apply to both. Keeping tokens off the public pages keeps them cacheable.
"""

from __future__ import annotations

import asyncio
import json

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import limits, probe_pages, probing
from . import probe_wording as text
from .probe.run import TargetRefused
from .probe.targets import BadTarget
from .views import not_found, render_page
from .wording import words

# A full probe lasts at most the deadline; by then a slot is free again.
BUSY_RETRY_SECONDS = 10


def _answers_of(request: HttpRequest) -> str:
    return request.POST.get("answers", "")[:512]


def _form_error(request: HttpRequest, message: str, *, status: int, target: str) -> HttpResponse:
    context = {
        "probe_error": message,
        "probe_target": target[:254],
        "probe_answers": probing.clean_answers(_answers_of(request)),
    }
    # With htmx only the message goes below the form; without, the whole page.
    template = (
        "wizard/probe_error.html#probe-message" if request.htmx else ("wizard/probe_error.html")
    )
    return render(request, template, context, status=status)


def _too_often(request: HttpRequest) -> int | None:
    """Seconds this client must wait before another probe, if over its rate."""
    client = limits.client_address(request, settings.WIZARD_TRUSTED_PROXIES)
    rate = limits.parse_rate(settings.WIZARD_PROBE_RATE_LIMIT)
    return limits.over_rate(limits.client_key(client), rate)


def _cross_site(request: HttpRequest) -> bool:
    """A browser says when another site's page sends this POST: refuse those,
    so no page elsewhere can make its visitors probe on its behalf."""
    return request.headers.get("Sec-Fetch-Site", "") == "cross-site"


@csrf_exempt
@require_POST
async def probe_start(request: HttpRequest) -> HttpResponse:
    """The result page's "check my server" form."""
    target = request.POST.get("target", "")
    if _cross_site(request):
        return _form_error(request, words(text.CROSS_SITE), status=403, target="")
    if wait := await sync_to_async(_too_often)(request):
        response = _form_error(
            request, words(text.TOO_OFTEN, seconds=wait), status=429, target=target
        )
        response["Retry-After"] = str(wait)
        return response
    try:
        record, running = await probing.launch(
            target, probing.probe_config(), answers=_answers_of(request)
        )
    except BadTarget as bad:
        return _form_error(
            request, words(text.TARGET_PROBLEMS[bad.problem]), status=400, target=target
        )
    except TargetRefused as refused:
        return _form_error(
            request, probe_pages.refusal_text(refused.report), status=403, target=target
        )
    except probing.Busy:
        response = _form_error(request, words(text.BUSY_NOW), status=503, target=target)
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
    if request.htmx:
        context = probe_pages.probe_context(record)
        if running is not None:
            context["ports"] = probe_pages.pending_ports()
        return render(request, "wizard/probe.html#probe-result", context)
    if running is not None:
        await asyncio.wrap_future(running)
    # 303: the browser fetches the stored report with GET; reload does not re-probe.
    return HttpResponseRedirect(probe_pages.report_url(record), status=303)


@require_GET
def probe_report(request: HttpRequest, report_id: str) -> HttpResponse:
    record = probing.load(report_id)
    if record is None:
        return not_found(request)
    context = probe_pages.probe_context(record)
    if request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request:
        response = render(request, "wizard/probe.html#probe-result", context)
    else:
        response = render_page(request, "wizard/probe.html", context)
    if context["running"]:
        response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
async def api_probe(request: HttpRequest) -> JsonResponse:
    """``POST /api/probe``: probe and answer with the whole report (SPEC section 8)."""
    if request.method != "POST":
        return method_not_allowed("POST")
    if _cross_site(request):
        return _api_error(403, "cross-site", words(text.CROSS_SITE))
    if wait := await sync_to_async(_too_often)(request):
        response = _api_error(429, "rate-limited", words(text.TOO_OFTEN, seconds=wait))
        response["Retry-After"] = str(wait)
        return response
    target = _target_from(request)
    if target is None:
        return _api_error(400, "bad-request", 'Send JSON {"target": "…"} or a form field target.')
    try:
        record, running = await probing.launch(target, probing.probe_config())
    except BadTarget as bad:
        return _api_error(400, str(bad.problem), words(text.TARGET_PROBLEMS[bad.problem]))
    except TargetRefused as refused:
        return _api_error(
            403, str(refused.report.refused), probe_pages.refusal_text(refused.report)
        )
    except probing.Busy:
        response = _api_error(503, "busy", words(text.BUSY_NOW))
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
    report = (
        await asyncio.wrap_future(running) if running is not None else probing.report_of(record)
    )
    url = request.build_absolute_uri(probe_pages.report_url(record))
    data = probe_pages.report_json(report, record_id=record.pk, url=url)
    data["cached"] = running is None
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


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


def method_not_allowed(allowed: str) -> JsonResponse:
    """APIs answer JSON even to the wrong method."""
    response = _api_error(405, "method-not-allowed", f"Use {allowed}.")
    response["Allow"] = allowed
    return response


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
