"""What each page shows, built from the domain core; no request handling here.

Views call these to turn answers and a diagnosis into template context, so the
same words appear on the full page, its htmx fragment and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import wording
from .core.answers import Answers, Client, Network, Problem, Service, client_choices
from .core.cases import (
    NOTICE_ROWS,
    Diagnosis,
    NoticeRow,
    Remedy,
    Security,
    TargetSettings,
    Verdict,
)
from .core.questions import Question, path, question_before
from .guides import guide_for, render_guide
from .reverse_dns import ConnectionHint, LineGuess
from .where_to_look import FALLBACK, GENERAL
from .wording import ISP, words


def query(answers: Answers) -> str:
    return urlencode(answers.to_query())


def with_query(url: str, answers: Answers) -> str:
    return f"{url}?{query(answers)}" if answers.to_query() else url


def step_url(question: Question, answers: Answers) -> str:
    return with_query(reverse("wizard:step", args=[question.value]), answers)


def result_url(answers: Answers) -> str:
    return with_query(reverse("wizard:result"), answers)


# Steps -----------------------------------------------------------------------


def progress(question: Question, answers: Answers) -> dict[str, object]:
    steps = path(answers)
    return {"number": steps.index(question) + 1, "total": len(steps)}


def choices_for(question: Question, answers: Answers) -> list[dict[str, object]]:
    current = getattr(answers, question.value)
    if question is Question.CLIENT:
        own_server = answers.service is Service.OWN_DYNAMIC
        options = [
            wording.Choice(c.value, capfirst(client_name_for(c, own_server=own_server)))
            for c in client_choices(answers.service)
        ]
    else:
        options = list(wording.CHOICES[question])
    return [
        {
            "value": option.value,
            "label": words(option.label),
            "hint": words(option.hint) if option.hint else "",
            "checked": current is not None and str(current) == option.value,
        }
        for option in options
    ]


def client_name_for(client: Client, *, own_server: bool = False) -> str:
    return words(wording.client_name(client, server=own_server))


def step_context(
    question: Question,
    answers: Answers,
    *,
    problem: Problem | None = None,
    missing_answer: bool = False,
) -> dict[str, object]:
    text = wording.QUESTIONS[question]
    title, lead = text.title, text.lead
    if question is Question.CLIENT and answers.service is Service.OWN_DYNAMIC:
        title, lead = wording.CLIENT_SERVER_TITLE, wording.CLIENT_SERVER_LEAD
    previous = question_before(question, answers)
    error = ""
    if problem is not None:
        error = words(wording.PROBLEMS[problem])
    elif missing_answer:
        error = words(wording.MISSING_ANSWER)
    guide = guide_for(answers)
    help_text = {
        Question.PORT: guide.lookup_port,
        Question.AUTH: guide.lookup_auth,
    }.get(question) or GENERAL.get(question)
    fallback = FALLBACK.get(question)
    return {
        "question": question.value,
        "title": words(title),
        "lead": words(lead),
        "choices": choices_for(question, answers),
        "hidden": [
            (name, value) for name, value in answers.to_query().items() if name != question.value
        ],
        "back_url": step_url(previous, answers) if previous else reverse("wizard:start"),
        "progress": progress(question, answers),
        "unsure": words(text.unsure),
        "help_text": words(help_text) if help_text else "",
        "help_program": (
            client_name_for(answers.client)
            if question in (Question.PORT, Question.AUTH) and answers.client
            else ""
        ),
        "fallback": words(fallback) if fallback else "",
        "connection_url": (
            with_query(reverse("wizard:connection"), answers)
            if question is Question.NETWORK
            else ""
        ),
        "error": error,
        "summary": answer_summary(answers, upto=question),
    }


def answer_summary(answers: Answers, *, upto: Question | None = None) -> list[dict[str, str]]:
    """The answers given so far, each with a link back to its question."""
    rows = []
    for question in path(answers):
        if question is upto:
            break
        value = getattr(answers, question.value)
        if value is None:
            continue
        rows.append(
            {
                "question": words(wording.QUESTIONS[question].short),
                "answer": answer_label(question, answers),
                "edit_url": step_url(question, answers),
            }
        )
    return rows


def answer_label(question: Question, answers: Answers) -> str:
    value = str(getattr(answers, question.value))
    for choice in choices_for(question, answers):
        if choice["value"] == value:
            return str(choice["label"])
    return value


def connection_context(hint: ConnectionHint, answers: Answers) -> dict[str, object]:
    """The connection hint page: the guess, and a link to answer with each choice."""
    others = {k: v for k, v in answers.to_query().items() if k != Question.NETWORK.value}

    def choose(value: str) -> str:
        return (
            f"{reverse('wizard:next')}?{urlencode({'from': 'network', 'network': value, **others})}"
        )

    guess_text = {
        LineGuess.ISP: _("This looks like %(isp)s's connection."),
        LineGuess.OTHER: _("This looks like another provider's connection."),
        LineGuess.UNKNOWN: _("We cannot tell from your address."),
    }[hint.guess]
    return {
        "address": hint.address,
        "ptr_name": hint.name or "",
        "guess": hint.guess.value,
        "guess_text": words(guess_text),
        "explanation": words(GENERAL[Question.NETWORK]),
        "choices": [
            {
                "label": words(choice.label),
                "url": choose(choice.value),
                "suggested": hint.guess is not LineGuess.UNKNOWN
                and (choice.value == "plala") == (hint.guess is LineGuess.ISP),
            }
            for choice in wording.CHOICES[Question.NETWORK]
        ],
        "back_url": step_url(Question.NETWORK, answers),
    }


# Results ---------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    label: str
    detail: str = ""


def result_context(diagnosis: Diagnosis) -> dict[str, object]:
    answers = diagnosis.answers
    verdict = wording.VERDICTS[diagnosis.verdict]
    settings = diagnosis.settings
    return {
        "diagnosis": diagnosis,
        "verdict": {
            "slug": diagnosis.verdict.value,
            "symbol": verdict.symbol,
            "notice_words": words(verdict.notice_words),
            "headline": words(verdict.headline),
        },
        "case_label": (
            case_label(diagnosis.case, diagnosis.example)
            if diagnosis.case or not diagnosis.in_notice
            else _("The notice's note on own servers")
        ),
        "source_note": (
            words(wording.QUOTED, case=diagnosis.case)
            if diagnosis.in_notice and diagnosis.case
            else ""
            if diagnosis.in_notice
            else words(wording.DERIVED)
        ),
        "reason": words(wording.REASONS[diagnosis.reason]),
        "remedies": [_remedy_text(remedy, diagnosis) for remedy in diagnosis.remedies],
        "settings_rows": settings_rows(settings) if settings else [],
        "settings_relay": bool(settings and settings.relay),
        "hops": hops(diagnosis),
        "blocked_at": diagnosis.blocked_at.value if diagnosis.blocked_at else "",
        **dict(zip(("path_symbol", "path_caption"), path_caption(diagnosis), strict=True)),
        "port_label": port_label(answers),
        "notice_rows": notice_table(marked=diagnosis),
        "summary": answer_summary(answers),
        "client_name": (
            client_name_for(answers.client, own_server=answers.service is Service.OWN_DYNAMIC)
            if answers.client
            else ""
        ),
        "lookup": lookup_for(answers),
        "guide": _guide_unless_contradicting(diagnosis),
        "alternative": _remedy_text(Remedy.USE_PLALA_SMTP_SERVER, diagnosis),
        "alternative_rows": settings_rows(diagnosis.alternative) if diagnosis.alternative else [],
        "alternative_guide": (
            guide_context(answers, diagnosis.alternative, new_server=True)
            if diagnosis.alternative
            else None
        ),
        "result_path": result_url(answers),
        "probe_target": answers.host or "",
        "probe_answers": query(answers),
    }


def _guide_unless_contradicting(diagnosis: Diagnosis) -> dict[str, object] | None:
    """The program's steps, unless they would say "nothing to change" to someone
    whose mail cannot be sent (then the remedies above say what to do)."""
    if diagnosis.settings is None:
        return None
    guide = guide_context(diagnosis.answers, diagnosis.settings)
    if guide["nothing_to_change"] and diagnosis.verdict is Verdict.FAILS:
        return None
    return guide


def guide_context(
    answers: Answers, settings: TargetSettings, *, new_server: bool = False
) -> dict[str, object]:
    rendered = render_guide(answers, settings, new_server=new_server)
    guide = rendered.guide
    return {
        "steps": rendered.steps,
        "nothing_to_change": rendered.nothing_to_change,
        "notes": [words(note) for note in guide.notes],
        "sources": guide.sources,
        "server_software": guide.server_software,
    }


def case_label(case: int | None, example: int | None = None) -> str:
    if case is None:
        return _("Not in the notice")
    if example:
        return _("Case %(case)s, example %(example)s") % {"case": case, "example": example}
    return _("Case %(case)s") % {"case": case}


def _remedy_text(remedy: Remedy, diagnosis: Diagnosis) -> dict[str, str]:
    text = wording.REMEDIES[remedy]
    values = remedy_values(diagnosis)
    return {
        "slug": remedy.value,
        "title": words(text.title, **values),
        "body": words(text.body, **values),
    }


def remedy_values(diagnosis: Diagnosis) -> dict[str, object]:
    port = diagnosis.answers.port
    return {
        "port": port.value if port else "25",
        "server_pattern": ISP.smtp_server_pattern,
        "relay_host": ISP.relay_host,
    }


def settings_rows(settings: TargetSettings) -> list[dict[str, str]]:
    server = settings.server or words(wording.SERVER_PLACEHOLDER)
    rows = [
        {
            "label": _("Relay host (smarthost)")
            if settings.relay
            else _("Outgoing mail server (SMTP)"),
            "value": server,
            "literal": bool(settings.server),
            "note": (
                _("Replace *** with the name on your registration document.")
                if settings.server_is_pattern
                else ""
            ),
        },
        {"label": _("Port"), "value": str(settings.port), "literal": True, "note": ""},
        {
            "label": _("Connection security"),
            "value": words(wording.SECURITY[settings.security]),
            "note": (
                words(wording.UNENCRYPTED_LOGIN)
                if settings.auth and settings.security is Security.NONE
                else ""
            ),
        },
        {
            "label": _("SMTP authentication"),
            "value": _("On") if settings.auth else _("Off"),
            "note": "",
        },
    ]
    if settings.auth:
        rows.append(
            {
                "label": _("User name and password"),
                "value": words(wording.USERNAMES[settings.username]),
                "note": "",
            }
        )
    return rows


def port_label(answers: Answers) -> str:
    if answers.service is Service.OWN_DYNAMIC:
        return _("Port %(port)s") % {"port": 25}
    if answers.port is None:
        return ""
    label = _("Port %(port)s") % {"port": answers.port.value}
    if answers.auth and answers.auth.value == "yes":
        label += " + SMTP AUTH"
    return label


def hops(diagnosis: Diagnosis) -> list[Hop]:
    """The mail's path for the picture: sender → connection → server."""
    answers = diagnosis.answers
    network = (
        words(_("%(isp)s's connection"))
        if answers.network is Network.PLALA or answers.service is Service.OWN_DYNAMIC
        else _("Another provider's connection")
    )
    sender, sender_detail, network_detail = _("Your computer or phone"), "", ""
    server = {
        Service.PLALA: words(_("%(isp)s's mail server")),
        Service.OTHER_ISP: _("Another provider's mail server"),
        Service.HOSTING: _("The hosting service's mail server"),
        Service.OWN_STATIC: _("Your own mail server"),
        Service.OWN_DYNAMIC: _("Recipients' mail servers"),
    }[answers.service or Service.PLALA]
    if answers.service is Service.OWN_DYNAMIC:
        sender, sender_detail = _("Your own mail server"), words(_("%(isp)s dynamic IP"))
    if answers.client is Client.OUTLOOK_NEW:
        network, network_detail = _("Microsoft's servers"), _("the new Outlook")
    return [Hop(sender, sender_detail), Hop(network, network_detail), Hop(server)]


def path_caption(diagnosis: Diagnosis) -> tuple[str, str]:
    """The picture's one-line summary, with a symbol so it is not colour alone."""
    symbol, caption = {
        "gateway": ("×", _("Blocked at the connection's gateway.")),
        "maybe-gateway": ("?", _("May be blocked at the connection's gateway.")),
        "server": ("×", _("Refused by the mail server.")),
    }.get(diagnosis.blocked_at.value if diagnosis.blocked_at else "", ("○", ""))
    return symbol, caption or _("Not blocked on the way.")


def lookup_for(answers: Answers) -> dict[str, str]:
    guide = guide_for(answers)
    return {"port": words(guide.lookup_port), "auth": words(guide.lookup_auth)}


def notice_table(*, marked: Diagnosis | None = None) -> list[dict[str, object]]:
    """The notice's table, with the subscriber's row marked."""
    return [
        {
            "case_label": case_label(row.case, row.example),
            "case": row.case,
            "example": row.example,
            "network": words(wording.CHOICES[Question.NETWORK][_network_index(row)].label),
            "service": answer_label(Question.SERVICE, row.sample),
            "function": _row_function(row),
            "verdict": row.verdict.value,
            "verdict_symbol": wording.VERDICTS[row.verdict].symbol,
            "verdict_words": words(wording.VERDICTS[row.verdict].notice_words),
            "url": result_url(row.sample),
            "marked": bool(
                marked and marked.case == row.case and (marked.example or None) == row.example
            ),
        }
        for row in NOTICE_ROWS
    ]


def _network_index(row: NoticeRow) -> int:
    return 0 if row.network is Network.PLALA else 1


def _row_function(row: NoticeRow) -> str:
    if row.service is Service.OWN_DYNAMIC:
        return _("25 (server to server)")
    return f"{row.port.value} + SMTP AUTH" if row.auth else row.port.value
