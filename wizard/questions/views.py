"""Thin views: parse the answers, ask the core, render.

Every page is a GET whose URL carries the answers, so it can be bookmarked and
sent by support staff. With htmx the same view returns the page's ``main``
fragment and tells htmx which URL to show (``wizard.web.htmx``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.cache import patch_cache_control

from wizard.probe.core.discovery import make_async_resolver
from wizard.web.api import json_response, method_not_allowed
from wizard.web.client_address import client_address
from wizard.web.htmx import HtmxHttpRequest, htmx_page, render_page
from wizard.web.page_cache import cached_page

from . import links, page_context
from .connection_hint import LOOKUP_SECONDS, connection_hint
from .core.answers import ParsedAnswers
from .core.case_codes import BadCode, answers_for
from .core.cases import Diagnosis, IncompleteAnswers, diagnose
from .core.isp import ACTIVE
from .core.questions import (
    OPTIONAL,
    Question,
    can_ask,
    first_problem,
    next_question,
    question_after,
    read_answers,
    relevant,
    still_unanswered,
)
from .result_counts import counted_result


def redirect_to(question: Question | None, parsed: ParsedAnswers) -> HttpResponseRedirect:
    """To ``question``, or to the result when nothing is left to ask."""
    if question is None:
        return HttpResponseRedirect(links.result_url(parsed.answers))
    return HttpResponseRedirect(links.step_url(question, parsed.answers))


def redirect_to_problem(
    request: HtmxHttpRequest, parsed: ParsedAnswers, *, unless: Question | None = None
) -> HttpResponseRedirect | None:
    """Back to the first question whose answer we could not read, so it can say so
    (unless that is ``unless``, the page being shown); if that question cannot be
    asked yet, on to the first one still needed."""
    problem = first_problem(parsed)
    if problem is None or problem is unless:
        return None
    if not can_ask(problem, parsed.answers):
        return redirect_to(next_question(parsed.answers), parsed)
    unreadable = request.GET.get(problem.value, "")
    return HttpResponseRedirect(links.problem_url(problem, parsed.answers, unreadable))


def diagnosis_or_redirect(
    request: HtmxHttpRequest, parsed: ParsedAnswers
) -> Diagnosis | HttpResponseRedirect:
    """The diagnosis of complete, readable answers; else where to go instead."""
    if (redirect := redirect_to_problem(request, parsed)) is not None:
        return redirect
    try:
        return diagnose(parsed.answers, isp=ACTIVE)
    except IncompleteAnswers as incomplete:
        return redirect_to(incomplete.questions[0], parsed)


@htmx_page
@cached_page
async def start(request: HtmxHttpRequest) -> HttpResponse:
    return render_page(request, "questions/start.html", page_context.start_context())


@htmx_page
@cached_page
async def step(request: HtmxHttpRequest, question: str) -> HttpResponse:
    try:
        asked = Question(question)
    except ValueError:
        raise Http404 from None
    parsed = read_answers(request.GET)
    if (redirect := redirect_to_problem(request, parsed, unless=asked)) is not None:
        return redirect
    if not can_ask(asked, parsed.answers):
        return redirect_to(next_question(parsed.answers), parsed)
    problem = parsed.problems.get(asked.value)
    typed = request.GET.get(asked.value, "") if problem else ""
    context = page_context.step_context(asked, parsed.answers, problem=problem, typed=typed)
    return render_page(request, "questions/step.html", context)


@htmx_page
def next_step(request: HtmxHttpRequest) -> HttpResponse:
    """Where a step's form goes: on to the following step, or back with a note.

    ``skip`` is an optional question's "I don't know": its answer, even one we
    could not read, is dropped and the subscriber goes on without it.
    """
    try:
        current: Question | None = Question(request.GET.get("from", ""))
    except ValueError:
        current = None
    skipped = current in OPTIONAL and bool(request.GET.get("skip"))
    query = request.GET.copy()
    if skipped and current is not None:
        query.pop(current.value, None)
    parsed = read_answers(query)
    if (redirect := redirect_to_problem(request, parsed)) is not None:
        return redirect
    if current is None:
        return redirect_to(next_question(parsed.answers), parsed)
    if skipped:
        return redirect_to(question_after(current, parsed.answers), parsed)
    if still_unanswered(current, parsed.answers):
        context = page_context.step_context(current, parsed.answers, missing_answer=True)
        return render_page(request, "questions/step.html", context)
    return redirect_to(question_after(current, parsed.answers), parsed)


# Counted outermost, so that pages served from the page cache count too.
@counted_result
@htmx_page
@cached_page
async def result(request: HtmxHttpRequest) -> HttpResponse:
    parsed = read_answers(request.GET)
    diagnosis = diagnosis_or_redirect(request, parsed)
    if isinstance(diagnosis, HttpResponseRedirect):
        return diagnosis
    context = page_context.result_context(
        diagnosis,
        host_problem="host" in parsed.problems,
        absolute_result_url=request.build_absolute_uri(links.result_url(diagnosis.answers)),
        absolute=request.build_absolute_uri,
    )
    return render_page(request, "questions/result.html", context)


@htmx_page
async def case_code(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """``/c/<code>/``: the result (or the next step) of a case code read on the phone."""
    return open_case_code(request, code)


@htmx_page
async def case_code_form(request: HtmxHttpRequest) -> HttpResponse:
    """``/c/``: a form to type a code; ``/c/?code=…``, what it sends, opens it."""
    if "code" not in request.GET:
        return render_page(request, "questions/case_code.html", page_context.case_code_context())
    return open_case_code(request, request.GET["code"])


def open_case_code(request: HtmxHttpRequest, text: str) -> HttpResponse:
    try:
        answers = relevant(answers_for(text))
    except BadCode as bad:
        context = page_context.case_code_context(problem=bad.problem, typed=text)
        return render_page(request, "questions/case_code.html", context, status=404)
    return redirect_to(next_question(answers), ParsedAnswers(answers=answers, problems={}))


@htmx_page
async def connection(request: HtmxHttpRequest) -> HttpResponse:
    """ "Which connection am I on?": a guess from the visitor's reverse DNS name."""
    parsed = read_answers(request.GET)
    hint = await connection_hint(
        client_address(request, settings.WIZARD_TRUSTED_PROXIES),
        isp=ACTIVE,
        resolver=make_async_resolver(settings.WIZARD_DNS_NAMESERVERS, LOOKUP_SECONDS),
    )
    context = page_context.connection_context(hint, parsed.answers)
    response = render_page(request, "questions/connection.html", context)
    # The answer depends on who asks: never serve it from a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


@htmx_page
@cached_page
async def cases(request: HtmxHttpRequest) -> HttpResponse:
    return render_page(request, "questions/cases.html", page_context.cases_context())


def api_diagnose(request: HttpRequest) -> JsonResponse:
    """``GET /api/diagnose?<answers>``: the diagnosis as JSON (SPEC section 8)."""
    if request.method not in ("GET", "HEAD"):
        return method_not_allowed("GET")
    parsed = read_answers(request.GET)
    if parsed.problems:
        return json_response({"errors": page_context.problem_messages(parsed)}, status=400)
    try:
        diagnosis = diagnose(parsed.answers, isp=ACTIVE)
    except IncompleteAnswers as incomplete:
        return json_response({"missing": [q.value for q in incomplete.questions]}, status=400)
    result_url = request.build_absolute_uri(links.result_url(diagnosis.answers))
    return json_response(page_context.diagnosis_json(diagnosis, result_url=result_url))
