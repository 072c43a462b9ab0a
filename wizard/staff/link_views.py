"""The link builder (SPEC section 8): a GET form, so it works without
JavaScript and every built link has an address an agent can keep; with htmx
the preview follows each choice."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from wizard.web.htmx import HtmxHttpRequest

from . import language as console_language
from . import link_page
from .access import staff_only
from .core.link_builder import build_link


@staff_only
def link_builder(request: HtmxHttpRequest) -> HttpResponse:
    query = {name: value for name, value in request.GET.items() if name not in ("language", "code")}
    chosen = request.GET.get("language", "")
    # Most customers read Japanese, whatever language the console is in.
    link_language = chosen if chosen in console_language.languages() else settings.LANGUAGE_CODE
    built = build_link(query)
    context = {
        "section": "links",
        "page_title": gettext("Link builder"),
        "fields": link_page.form_fields(built, query),
        "typed": link_page.typed_fields(built, query),
        "known_domains": link_page.known_domains(),
        "link_language": link_language,
        "languages": console_language.language_names(),
        "started": any(value.strip() for value in query.values()),
        "built": built,
        "preview": link_page.preview(request, built, link_language),
        "ignored": link_page.ignored_labels(built),
        "case_starts": link_page.case_starts(link_language),
        # Opened from a case code the customer read out (``staff:code``).
        "from_code": link_page.opened_code(request.GET.get("code", ""), built),
    }
    # htmx (a choice changed) swaps only the preview; it keeps the form and its focus.
    in_page = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    template = "staff/links.html#output" if in_page else "staff/links.html"
    return render(request, template, context)
