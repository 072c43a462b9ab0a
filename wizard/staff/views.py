"""The console's thin views: check access, ask the core, render."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from wizard.web.counting import today as counting_day

from . import language
from .access import staff_only
from .counts_page import counts_context
from .forms import CountsDayForm, LimitedAuthenticationForm

login = auth_views.LoginView.as_view(
    template_name="staff/login.html",
    authentication_form=LimitedAuthenticationForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()


@staff_only
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/home.html", {"section": "home"})


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
