"""A case code read out by a customer on the phone, typed on the console: the
link builder opens with that exact answer set, its result previewed and its
page one click away."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from wizard.questions.core.case_codes import BadCode, answers_for, code_for
from wizard.questions.core.questions import relevant
from wizard.questions.page_context import case_code_context

from .access import staff_only
from .wording import CODE_PROBLEMS


@staff_only
def open_code(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("code", "")
    try:
        answers = relevant(answers_for(typed))
    except BadCode as bad:
        context = {
            **case_code_context(problem=bad.problem, typed=typed, words=CODE_PROBLEMS),
            "page_title": gettext("Open a customer's case code"),
            "section": "home",
        }
        return render(request, "staff/code.html", context)
    query = {**answers.to_query(), "code": code_for(answers)}
    return HttpResponseRedirect(f"{reverse('staff:links')}?{urlencode(query)}")
