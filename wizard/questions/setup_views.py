"""``/setup/apple/?<answers>``: the Apple configuration profile of a result.

Thin: read the answers like the result page, ask the core for the account,
build and (when configured) sign the profile; otherwise a 400 page saying why.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise

from wizard.web.htmx import HtmxHttpRequest
from wizard.web.isp_text import isp_text

from . import links, profile_signing, profile_words
from .core.answers import Answers
from .core.apple_profile import (
    CONTENT_TYPE,
    NoProfile,
    ProfileText,
    build_profile,
    profile_bytes,
    profile_filename,
    why_no_profile,
)
from .core.cases import IncompleteAnswers, diagnose
from .core.isp import ACTIVE
from .core.mail_account import MailAccount, account_for
from .core.questions import Question, can_ask, read_answers
from .page_context import problem_messages
from .views import redirect_to_problem


def setup_apple(request: HtmxHttpRequest) -> HttpResponse:
    parsed = read_answers(request.GET)
    if (redirect := redirect_to_problem(request, parsed)) is not None:
        return refused(
            request,
            profile_words.REFUSED_UNREADABLE,
            details=list(problem_messages(parsed).values()),
            link=(redirect.url, profile_words.TO_THE_QUESTIONS),
        )
    try:
        diagnosis = diagnose(parsed.answers, isp=ACTIVE)
    except IncompleteAnswers as incomplete:
        step = links.step_url(incomplete.questions[0], parsed.answers)
        return refused(
            request, profile_words.REFUSED_INCOMPLETE, link=(step, profile_words.TO_THE_QUESTIONS)
        )
    account = account_for(diagnosis, isp=ACTIVE)
    if account is None:
        return refused_for(request, why_no_profile(diagnosis, isp=ACTIVE), diagnosis.answers)
    profile = build_profile(account, text=profile_text(account))
    response = HttpResponse(
        profile_signing.signed(profile_bytes(profile)), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{profile_filename(account)}"'
    # Fresh UUIDs on every download, and nothing a shared cache may keep.
    patch_cache_control(response, private=True, no_store=True)
    return response


def profile_text(account: MailAccount) -> ProfileText:
    """The profile's words in the page's language."""
    names = {"domain": account.domain}
    description = isp_text(
        profile_words.PROFILE_DESCRIPTION,
        **names,
        incoming=account.incoming.host,
        outgoing=account.outgoing.host,
        port=account.outgoing.port,
    )
    help_text = isp_text(profile_words.PROFILE_USERNAME_HELP[account.login_name])
    return ProfileText(
        display_name=isp_text(profile_words.PROFILE_NAME, **names),
        description=f"{description}\n\n{help_text}",
        organization=isp_text(profile_words.PROFILE_ORGANIZATION),
        account_description=isp_text(profile_words.ACCOUNT_DESCRIPTION, **names),
    )


def refused_for(request: HttpRequest, reason: NoProfile, answers: Answers) -> HttpResponse:
    link = (links.result_url(answers), profile_words.BACK_TO_RESULT)
    # A missing or misspelt domain is mended on its own step.
    if reason in (NoProfile.NO_DOMAIN, NoProfile.UNKNOWN_DOMAIN) and can_ask(
        Question.DOMAIN, answers
    ):
        link = (links.step_url(Question.DOMAIN, answers), profile_words.TO_THE_DOMAIN_QUESTION)
    message = profile_words.REFUSALS[reason]
    return refused(request, message, domain=answers.domain or "", link=link)


def refused(
    request: HttpRequest,
    message: Promise,
    *,
    link: tuple[str, Promise],
    details: list[str] | None = None,
    domain: str = "",
) -> HttpResponse:
    context = {
        "page_title": str(profile_words.REFUSED_TITLE),
        "message": isp_text(message, domain=domain),
        "details": details or [],
        "link_url": link[0],
        "link_text": str(link[1]),
    }
    return render(request, "questions/setup_refused.html", context, status=400)
