"""The console's thin views: check access, ask the core, render."""

from __future__ import annotations

from asgiref.sync import async_to_sync
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wizard.probe.page_context import report_url
from wizard.probe.refusals import ProbeRefusal
from wizard.questions.core.hostnames import MAX_LENGTH
from wizard.questions.page_context import case_code_context, notice_source
from wizard.web.counting import today as counting_day

from . import guide_sources, language, report_list, report_words
from .access import staff_only
from .core.report_search import read_search
from .counts_page import counts_context
from .forms import CountsDayForm, LimitedAuthenticationForm
from .probe_start import start_and_wait

login = auth_views.LoginView.as_view(
    template_name="staff/login.html",
    authentication_form=LimitedAuthenticationForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()


@staff_only
def home(request: HttpRequest) -> HttpResponse:
    # The code form's example and hints; the page keeps the console's own title.
    context = {**case_code_context(), "page_title": "", "section": "home"}
    return render(request, "staff/home.html", context)


@staff_only
@require_GET
def counts(request: HttpRequest) -> HttpResponse:
    """Result pages and probes counted per day, for the week up to a chosen day."""
    today = counting_day()
    form = CountsDayForm(request.GET, today=today)
    day = form.cleaned_data["day"] if form.is_valid() else today
    context = counts_context(day=day, today=today)
    return render(request, "staff/counts.html", {**context, "form": form})


@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """The console's language switch (also on the login page)."""
    language.choose(request, request.POST.get("language", ""))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}) or not back.startswith(
        "/staff/"
    ):
        back = reverse("staff:home")
    return HttpResponseRedirect(back)


@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    """Recent probe reports, searchable; a POST checks a customer's server."""
    target, refusal = "", None
    if request.method == "POST":
        target = request.POST.get("target", "")
        started = async_to_sync(start_and_wait)(request, target)
        if not isinstance(started, ProbeRefusal):
            # 303: the browser fetches the report with GET; reload does not re-probe.
            return HttpResponseRedirect(report_url(started), status=303)
        refusal = started
    search = read_search(request.GET)
    listing = report_list.report_page(search)
    context = {
        "section": "reports",
        "page_title": report_words.PAGE_TITLE,
        "search": search,
        "listing": listing,
        "notices": report_words.notices(search, listing),
        "empty_state": report_words.empty_state(search),
        "probe_target": target if refusal is None or refusal.keeps_target else "",
        "probe_error": refusal.message if refusal else "",
        "target_max_length": MAX_LENGTH,
    }
    response = render(
        request, "staff/reports.html", context, status=refusal.status if refusal else 200
    )
    if refusal is not None and refusal.retry_after is not None:
        response["Retry-After"] = str(refusal.retry_after)
    return response


@staff_only
def sources(request: HttpRequest) -> HttpResponse:
    """Every guide's sources, and the menu labels to double-check with a customer."""
    context = {
        "section": "sources",
        "page_title": guide_sources.PAGE_TITLE,
        "groups": guide_sources.source_groups(),
        "notice": notice_source(),
    }
    return render(request, "staff/sources.html", context)
