"""The link builder's page: the agent's choices as a form, and the link it makes.

The form is in the console's language; the link, its preview and its QR code
are in the language the customer reads.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from wizard.questions import links, wording
from wizard.questions.core.answers import MAIL_PROGRAMS, SERVER_PROGRAMS, Client
from wizard.questions.core.case_codes import code_for, format_code, left_out, normalise_code
from wizard.questions.core.cases import NOTICE_ROWS
from wizard.questions.core.isp import ACTIVE
from wizard.questions.core.questions import ORDER, Question, applies
from wizard.questions.page_context import client_name_for, notice_table, result_case_label
from wizard.questions.result_words import result_words
from wizard.web.isp_text import isp_text
from wizard.web.qr import qr_svg

from .core.link_builder import BuiltLink
from .wording import ANSWER_PROBLEMS, CODE_LEFT_OUT

# Questions answered by choosing; ``domain`` and ``host`` are typed.
CHOSEN = tuple(q for q in ORDER if q is not Question.DOMAIN)


def _options(question: Question) -> list[dict[str, object]]:
    if question is Question.CLIENT:
        return [
            {
                "label": _("Mail programs"),
                "options": [(c.value, client_name_for(c)) for c in MAIL_PROGRAMS],
            },
            {
                "label": _("Mail server software (own server on a dynamic address)"),
                "options": [
                    (c.value, client_name_for(c, own_server=True))
                    for c in SERVER_PROGRAMS
                    if c is not Client.OTHER
                ],
            },
        ]
    return [
        {
            "label": "",
            "options": [(c.value, isp_text(c.label)) for c in wording.CHOICES[question]],
        }
    ]


def _problem_messages(built: BuiltLink) -> dict[str, str]:
    return {name: isp_text(ANSWER_PROBLEMS[p]) for name, p in built.problems.items()}


def form_fields(built: BuiltLink, query: dict[str, str]) -> list[dict[str, object]]:
    """One select per chosen question, with what the agent picked and whether
    the path asks it at all."""
    messages = _problem_messages(built)
    return [
        {
            "name": question.value,
            "label": isp_text(wording.QUESTIONS[question].short),
            "groups": _options(question),
            "value": query.get(question.value, "").strip().lower(),
            "not_asked": applies(question, built.answers) is False,
            "error": messages.get(question.value, ""),
        }
        for question in CHOSEN
    ]


def typed_fields(built: BuiltLink, query: dict[str, str]) -> list[dict[str, object]]:
    messages = _problem_messages(built)
    return [
        {
            "name": "domain",
            "label": isp_text(wording.QUESTIONS[Question.DOMAIN].short),
            "hint": _("Optional. Fills in the customer's own server name, e.g. abc.plala.or.jp."),
            "value": query.get("domain", ""),
            "not_asked": applies(Question.DOMAIN, built.answers) is False,
            "error": messages.get("domain", ""),
            "list": "known-domains",
        },
        {
            "name": "host",
            "label": _("Server to check"),
            "hint": _("Optional. The result page's server check starts with this name filled in."),
            "value": query.get("host", ""),
            "not_asked": False,
            "error": messages.get("host", ""),
            "list": "",
        },
    ]


def known_domains() -> list[str]:
    return sorted(f"{sub}.{ACTIVE.mail_domain.value}" for sub in ACTIVE.mail_subdomains.value)


def preview(request: HttpRequest, built: BuiltLink, language: str) -> dict[str, object] | None:
    """The link in ``language``, what it opens, and its QR code; ``None`` while
    an answer cannot be read."""
    if built.problems:
        return None
    with translation.override(language):
        if built.diagnosis is not None:
            words = result_words(built.diagnosis)
            url = links.result_url(built.diagnosis.answers)
            opens = {
                "kind": "result",
                "symbol": words.verdict_symbol,
                "verdict": built.diagnosis.verdict.value,
                "headline": words.headline,
                "case": result_case_label(built.diagnosis),
            }
        else:
            question = built.next_question or Question.NETWORK
            url = links.step_url(question, built.answers)
            opens = {
                "kind": "step",
                "question": isp_text(wording.QUESTIONS[question].title),
            }
    absolute = request.build_absolute_uri(url)
    code = code_for(built.answers)
    return {
        **opens,
        "code": format_code(code),
        "code_left_out": [CODE_LEFT_OUT[name] for name in left_out(built.answers)],
        "url": absolute,
        "path": url,
        "language": language,
        "qr": qr_svg(absolute),
    }


def opened_code(typed: str, built: BuiltLink) -> str:
    """The code these answers were opened from, split for reading, if any."""
    return format_code(normalise_code(typed)) if typed and not built.problems else ""


def ignored_labels(built: BuiltLink) -> list[str]:
    labels = {q.value: isp_text(wording.QUESTIONS[q].short) for q in ORDER}
    labels["host"] = _("Server to check")
    return [labels[name] for name in built.ignored]


def case_starts(language: str) -> list[dict[str, object]]:
    """Each row of the notice's table as a starting point for the form."""
    return [
        {**shown, "query": urlencode({**row.sample.to_query(), "language": language})}
        for row, shown in zip(NOTICE_ROWS, notice_table(), strict=True)
    ]
