"""Thin views: parse the answers, ask the core, render.

Every page is a GET whose URL carries the answers, so it can be bookmarked and
sent by support staff. With htmx the same view returns the page's ``main``
fragment and tells htmx which URL to show.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from . import limits, pages
from .core.answers import Parsed, parse_answers
from .core.cases import IncompleteAnswers, diagnose
from .core.questions import Question, applies, can_ask, next_question, question_after, relevant
from .page_cache import cached_page
from .pages import words
from .probe.discovery import make_async_resolver
from .reverse_dns import LOOKUP_SECONDS, connection_hint


def render_page(
    request: HttpRequest, template: str, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    """The full page, or for htmx its ``main`` fragment with the URL to push."""
    is_swap = bool(getattr(request, "htmx", False)) and not request.htmx.history_restore_request
    response = render(request, f"{template}#main" if is_swap else template, context, status=status)
    # Only navigation (boosted links and forms) changes the address bar.
    if is_swap and request.htmx.boosted:
        response = push_url(response, request.get_full_path())
    return response


def read_answers(request: HttpRequest) -> Parsed:
    parsed = parse_answers(request.GET)
    return Parsed(answers=relevant(parsed.answers), problems=parsed.problems)


def first_problem(parsed: Parsed) -> Question | None:
    """The first question (in wizard order) whose answer was not understood."""
    for question in Question:
        if question.value in parsed.problems:
            return question
    return None


def redirect_to(question: Question | None, parsed: Parsed) -> HttpResponseRedirect:
    answers = parsed.answers
    if question is None:
        return HttpResponseRedirect(pages.result_url(answers))
    return HttpResponseRedirect(pages.step_url(question, answers))


def redirect_to_problem(
    request: HttpRequest, question: Question, parsed: Parsed
) -> HttpResponseRedirect:
    """Back to the question whose answer we could not read, so it can say so.

    The unreadable value rides along (cut short) for the step to explain; if
    that question cannot be asked yet, the first one still needed comes first.
    """
    if not can_ask(question, parsed.answers):
        return redirect_to(next_question(parsed.answers), parsed)
    url = pages.step_url(question, parsed.answers)
    bad = urlencode({question.value: request.GET.get(question.value, "")[:64]})
    return HttpResponseRedirect(f"{url}{'&' if '?' in url else '?'}{bad}")


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
@cached_page
async def start(request: HttpRequest) -> HttpResponse:
    return render_page(
        request,
        "wizard/start.html",
        {"first_step_url": pages.step_url(Question.NETWORK, parse_answers({}).answers)},
    )


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
@cached_page
async def step(request: HttpRequest, question: str) -> HttpResponse:
    try:
        asked = Question(question)
    except ValueError:
        return not_found(request)
    parsed = read_answers(request)
    answers = parsed.answers
    problem = first_problem(parsed)
    if problem is not None and problem is not asked:
        return redirect_to_problem(request, problem, parsed)
    if not can_ask(asked, answers):
        return redirect_to(next_question(answers), parsed)
    context = pages.step_context(asked, answers, problem=parsed.problems.get(asked.value))
    return render_page(request, "wizard/step.html", context)


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
def next_step(request: HttpRequest) -> HttpResponse:
    """Where a step's form goes: on to the following step, or back with a note."""
    parsed = read_answers(request)
    problem = first_problem(parsed)
    if problem is not None:
        return redirect_to_problem(request, problem, parsed)
    try:
        current = Question(request.GET.get("from", ""))
    except ValueError:
        return redirect_to(next_question(parsed.answers), parsed)
    answers = parsed.answers
    if applies(current, answers) is True and getattr(answers, current.value) is None:
        context = pages.step_context(current, answers, missing_answer=True)
        return render_page(request, "wizard/step.html", context, status=200)
    return redirect_to(question_after(current, answers), parsed)


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
@cached_page
async def result(request: HttpRequest) -> HttpResponse:
    parsed = read_answers(request)
    problem = first_problem(parsed)
    if problem is not None:
        return redirect_to_problem(request, problem, parsed)
    try:
        diagnosis = diagnose(parsed.answers, isp=pages.ISP)
    except IncompleteAnswers as incomplete:
        return redirect_to(incomplete.questions[0], parsed)
    context = pages.result_context(diagnosis)
    context["host_problem"] = "host" in parsed.problems
    return render_page(request, "wizard/result.html", context)


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
async def connection(request: HttpRequest) -> HttpResponse:
    """ "Which connection am I on?": a guess from the visitor's reverse DNS name."""
    parsed = read_answers(request)
    hint = await connection_hint(
        limits.client_address(request, settings.WIZARD_TRUSTED_PROXIES),
        isp=pages.ISP,
        resolver=make_async_resolver(settings.WIZARD_DNS_NAMESERVERS, LOOKUP_SECONDS),
    )
    response = render_page(
        request, "wizard/connection.html", pages.connection_context(hint, parsed.answers)
    )
    # The answer depends on who asks: never serve it from a shared cache.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
@vary_on_headers("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
@cached_page
async def cases(request: HttpRequest) -> HttpResponse:
    return render_page(request, "wizard/cases.html", {"notice_rows": pages.notice_table()})


def api_diagnose(request: HttpRequest) -> JsonResponse:
    """``GET /api/diagnose?<answers>``: the diagnosis as JSON (SPEC section 8)."""
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse(
            {"error": {"code": "method-not-allowed", "message": "Use GET."}}, status=405
        )
        response["Allow"] = "GET"
        return response
    parsed = read_answers(request)
    if parsed.problems:
        return JsonResponse(
            {
                "errors": {
                    name: words(pages.wording.PROBLEMS[problem])
                    for name, problem in parsed.problems.items()
                }
            },
            status=400,
        )
    try:
        diagnosis = diagnose(parsed.answers, isp=pages.ISP)
    except IncompleteAnswers as incomplete:
        return JsonResponse({"missing": [q.value for q in incomplete.questions]}, status=400)
    return JsonResponse(
        {
            "answers": diagnosis.answers.to_query(),
            "case": diagnosis.case,
            "verdict": diagnosis.verdict.value,
            "in_notice": diagnosis.in_notice,
            "remedies": [remedy.value for remedy in diagnosis.remedies],
            "settings": diagnosis.settings.as_json() if diagnosis.settings else None,
            "result_url": request.build_absolute_uri(pages.result_url(diagnosis.answers)),
        },
        json_dumps_params={"ensure_ascii": False},
    )


async def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
