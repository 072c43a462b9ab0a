"""What each page shows, built from the domain core; no request handling here.

Views call these to turn answers and a diagnosis into template context, so the
same words appear on the full page, its htmx fragment and the API.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils.functional import Promise

from wizard.web.isp_text import isp_text
from wizard.web.qr import qr_svg
from wizard.web.service_notice import service_notice

from . import profile_signing, profile_words, wording
from .connection_hint import ConnectionHint, LineGuess
from .core.answers import (
    Answers,
    Client,
    Network,
    ParsedAnswers,
    Port,
    Problem,
    Service,
    YesNo,
    client_choices,
    domain_part,
)
from .core.case_codes import ALPHABET, LENGTH, CodeProblem, code_for, format_code, left_out
from .core.cases import (
    NOTICE_ROWS,
    Block,
    Diagnosis,
    NoticeRow,
    Reason,
    Remedy,
    TargetSettings,
    Verdict,
    for_reference,
    notice_row,
)
from .core.hostnames import MAX_LENGTH
from .core.isp import ACTIVE
from .core.mail_account import account_for
from .core.questions import ORDER, Question, can_ask, path, question_before
from .guides import Source, SourceKind, guide_for, render_guide
from .links import answer_url, query, result_url, skip_url, step_url, with_query
from .result_words import (
    ALTERNATIVE_BODY,
    NOTICE_WORDS,
    SYMBOLS,
    nothing_to_change,
    remedy_words,
    result_words,
    settings_heading,
    settings_rows,
)
from .wording import UNSURE_FALLBACK, UNSURE_HELP


def start_context() -> dict[str, object]:
    return {
        "page_title": str(wording.START_TITLE),
        "first_step_url": step_url(Question.NETWORK, Answers()),
        # Every question applies at once on one path (Plala mail, another line, port 25).
        "question_count": isp_text(wording.QUESTION_COUNT, count=len(ORDER)),
        # The lead names the ISP: not every provider blocks port 25.
        "isp_name": isp_text("%(isp)s"),
        "service_notice": service_notice(),
    }


def cases_context() -> dict[str, object]:
    own_static = Answers(network=Network.PLALA, service=Service.OWN_STATIC)
    return {
        "page_title": str(wording.CASES_TITLE),
        "notice_rows": notice_table(),
        "own_static_note": isp_text(wording.OWN_STATIC_NOTE),
        "own_static_url": result_url(own_static),
        "first_step_url": step_url(Question.NETWORK, Answers()),
    }


def problem_messages(parsed: ParsedAnswers) -> dict[str, str]:
    """What was wrong with each answer we could not read, for the API."""
    return {name: isp_text(wording.PROBLEMS[problem]) for name, problem in parsed.problems.items()}


def diagnosis_json(diagnosis: Diagnosis, *, result_url: str) -> dict[str, object]:
    """``GET /api/diagnose`` (SPEC section 8)."""
    return {
        "answers": diagnosis.answers.to_query(),
        "case": diagnosis.case,
        "verdict": diagnosis.verdict.value,
        "in_notice": diagnosis.in_notice,
        "remedies": [remedy.value for remedy in diagnosis.remedies],
        "settings": diagnosis.settings.as_json() if diagnosis.settings else None,
        # Case 3's fallback, the ISP's own server (its name filled in from ``domain``).
        "alternative": diagnosis.alternative.as_json() if diagnosis.alternative else None,
        "result_url": result_url,
    }


# Steps -----------------------------------------------------------------------


def progress(question: Question, answers: Answers) -> dict[str, object]:
    steps = path(answers)
    return {"number": steps.index(question) + 1, "total": len(steps)}


def choices_for(question: Question, answers: Answers) -> list[dict[str, object]]:
    """The radio choices of a step; none for a question answered by typing."""
    current = getattr(answers, question.value)
    if question is Question.DOMAIN:
        return []
    if question is Question.CLIENT:
        own_server = answers.service is Service.OWN_DYNAMIC
        options = [
            wording.Choice(c.value, client_name_for(c, own_server=own_server))
            for c in client_choices(answers.service)
        ]
    else:
        options = list(wording.CHOICES[question])
    return [
        {
            "value": option.value,
            "label": isp_text(option.label),
            "hint": isp_text(option.hint) if option.hint else "",
            "checked": current is not None and str(current) == option.value,
        }
        for option in options
    ]


def client_name_for(client: Client, *, own_server: bool = False) -> str:
    return isp_text(wording.client_name(client, server=own_server))


def step_context(
    question: Question,
    answers: Answers,
    *,
    problem: Problem | None = None,
    missing_answer: bool = False,
    typed: str = "",
) -> dict[str, object]:
    """A step. ``typed`` is what was typed for a text question and refused, to
    show it again for correcting."""
    text = wording.QUESTIONS[question]
    title, lead = text.title, text.lead
    if question is Question.CLIENT and answers.service is Service.OWN_DYNAMIC:
        title, lead = wording.CLIENT_SERVER_TITLE, wording.CLIENT_SERVER_LEAD
    fallback_domain = question is Question.DOMAIN and answers.service is not Service.PLALA
    if fallback_domain:
        lead = wording.DOMAIN_LEAD_FOR_FALLBACK
    previous = question_before(question, answers)
    error = ""
    if problem is not None:
        error = isp_text(wording.PROBLEMS[problem])
        if fallback_domain and problem is Problem.NOT_ISP_DOMAIN:
            error = isp_text(wording.NOT_ISP_DOMAIN_FOR_FALLBACK)
    elif missing_answer:
        error = isp_text(
            wording.DOMAIN_MISSING if question is Question.DOMAIN else wording.MISSING_ANSWER
        )
    guide = guide_for(answers)
    help_text = {
        Question.PORT: guide.lookup_port,
        Question.AUTH: guide.lookup_auth,
        Question.DOMAIN: wording.DOMAIN_HELP,
    }.get(question) or UNSURE_HELP.get(question)
    if question is Question.CLIENT and answers.service is Service.OWN_DYNAMIC:
        help_text = wording.CLIENT_SERVER_HELP
    fallback = UNSURE_FALLBACK.get(question)
    if question is Question.AUTH and answers.client is Client.OUTLOOK_NEW:
        fallback = None  # it always logs in: "choose No if unsure" would contradict
    return {
        "page_title": isp_text(title),
        "question": question.value,
        "title": isp_text(title),
        "lead": isp_text(lead),
        "choices": choices_for(question, answers),
        "hidden": [
            (name, value) for name, value in answers.to_query().items() if name != question.value
        ],
        "back_url": step_url(previous, answers) if previous else reverse("questions:start"),
        "progress": progress(question, answers),
        "unsure": isp_text(
            wording.CLIENT_SERVER_UNSURE
            if question is Question.CLIENT and answers.service is Service.OWN_DYNAMIC
            else text.unsure
        ),
        "help_text": isp_text(help_text) if help_text else "",
        "help_program": (
            isp_text(wording.HELP_PROGRAM, program=client_name_for(answers.client))
            if question in (Question.PORT, Question.AUTH) and answers.client
            else ""
        ),
        "fallback": isp_text(fallback) if fallback else "",
        "connection_url": (
            with_query(reverse("questions:connection"), answers)
            if question is Question.NETWORK
            else ""
        ),
        "error": error,
        "text_answer": text_answer(question, answers, typed) if question in TYPED else None,
        "skip_url": skip_url(question, answers) if question in TYPED else "",
        "skip_label": str(wording.DOMAIN_SKIP),
        "summary": answer_summary(answers, upto=question),
    }


# Questions answered by typing, not by a choice; each has an "I don't know" link.
TYPED = frozenset({Question.DOMAIN})


def text_answer(question: Question, answers: Answers, typed: str) -> dict[str, object]:
    """The text field of a typed question, holding the answer or what was refused
    (only its part after "@": we never show the rest of an address again)."""
    current = getattr(answers, question.value)
    return {
        "label": isp_text(wording.DOMAIN_LABEL),
        "hint": isp_text(wording.DOMAIN_HINT),
        "value": current or domain_part(typed)[:MAX_LENGTH],
        "max_length": MAX_LENGTH,
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
        short = wording.QUESTIONS[question].short
        if question is Question.CLIENT and answers.service is Service.OWN_DYNAMIC:
            short = wording.CLIENT_SERVER_SHORT
        rows.append(
            {
                "question": isp_text(short),
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
    return {
        "page_title": str(wording.CONNECTION_TITLE),
        "address": hint.address,
        "ptr_name": hint.name or "",
        "guess": hint.guess.value,
        "guess_text": isp_text(wording.CONNECTION_GUESSES[hint.guess]),
        "explanation": isp_text(UNSURE_HELP[Question.NETWORK]),
        "choices": [
            {
                "label": isp_text(choice.label),
                "url": answer_url(Question.NETWORK, choice.value, answers),
                "suggested": hint.guess is not LineGuess.UNKNOWN
                and (choice.value == Network.PLALA) == (hint.guess is LineGuess.ISP),
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


def result_context(
    diagnosis: Diagnosis,
    *,
    absolute_result_url: str,
    host_problem: bool = False,
    absolute: Callable[[str], str] = str,
) -> dict[str, object]:
    """The result page. ``absolute_result_url`` is this page's own address, for
    sharing and print; ``host_problem``: the link's server name was unreadable."""
    answers = diagnosis.answers
    words = result_words(diagnosis)
    settings = diagnosis.settings
    label = result_case_label(diagnosis)
    own_server = answers.service is Service.OWN_DYNAMIC
    alternative = diagnosis.alternative
    return {
        "page_title": isp_text(wording.RESULT_TITLE, headline=words.headline, case=label),
        "diagnosis": diagnosis,
        "verdict": {
            "slug": diagnosis.verdict.value,
            "symbol": words.verdict_symbol,
            "headline": words.headline,
        },
        "notice_says": words.notice_says,
        "case_label": label,
        "source_note": words.source_note,
        "reason": words.reason,
        "remedies": words.remedies,
        "follow_up": words.follow_up,
        "settings_heading": settings_heading(diagnosis, settings) if settings else "",
        "settings_rows": (
            settings_rows(settings, answers, fill_in_url=_fill_in_url(answers)) if settings else []
        ),
        "path": mail_path(diagnosis),
        "notice_rows": notice_table(marked=diagnosis),
        "summary": answer_summary(answers),
        "guide_heading": (
            isp_text(wording.guide_heading(answers.client, server=own_server))
            if answers.client
            else ""
        ),
        "lookup": lookup_for(answers),
        "guide": _guide_unless_contradicting(diagnosis),
        "alternative": (
            {
                "title": remedy_words(Remedy.USE_PLALA_SMTP_SERVER, diagnosis).title,
                "body": isp_text(ALTERNATIVE_BODY),
                "rows": settings_rows(alternative, answers, fill_in_url=_fill_in_url(answers)),
                "guide": guide_context(answers, alternative, new_server=True),
            }
            if alternative
            else None
        ),
        "other_programs": _other_programs(diagnosis),
        "service_notice": service_notice(),
        "host_problem": host_problem,
        "absolute_result_url": absolute_result_url,
        "case_code": case_code(answers),
        # The server to check: the one given, or the subscriber's own ISP server.
        "probe_target": answers.host
        or (
            settings.server
            if settings and answers.domain and not settings.server_is_pattern
            else ""
        )
        or "",
        "target_max_length": MAX_LENGTH,
        "probe_answers": query(answers),
        "setup_profile": setup_profile(diagnosis, absolute=absolute),
    }


def _other_programs(diagnosis: Diagnosis) -> list[dict[str, str]]:
    """Where the new Outlook cannot send, the same answers with a program that can."""
    if diagnosis.reason is not Reason.CLOUD_NOT_ELIGIBLE:
        return []
    answers = diagnosis.answers
    return [
        {
            "label": isp_text(wording.guide_heading(client)),
            "url": result_url(replace(answers, client=client, port=Port.SMTP, auth=YesNo.NO)),
        }
        for client in (Client.OUTLOOK, Client.THUNDERBIRD)
    ]


def _fill_in_url(answers: Answers) -> str:
    """The domain step, where a result shows the ISP's server as its pattern."""
    if can_ask(Question.DOMAIN, answers):
        return step_url(Question.DOMAIN, answers)
    return ""


def result_case_label(diagnosis: Diagnosis) -> str:
    if diagnosis.case or not diagnosis.in_notice:
        return case_label(diagnosis.case, diagnosis.example)
    return str(wording.OWN_SERVERS_NOTE)


def _guide_unless_contradicting(diagnosis: Diagnosis) -> dict[str, object] | None:
    """The program's steps, unless they would say "nothing to change" to someone
    whose mail cannot be sent (then the remedies above say what to do)."""
    if diagnosis.settings is None:
        return None
    guide = guide_context(diagnosis.answers, diagnosis.settings)
    if guide["nothing_to_change"] and diagnosis.verdict is Verdict.FAILS:
        return None
    guide["nothing_to_change_text"] = nothing_to_change(diagnosis)
    return guide


def guide_context(
    answers: Answers, settings: TargetSettings, *, new_server: bool = False
) -> dict[str, object]:
    rendered = render_guide(answers, settings, new_server=new_server)
    guide = rendered.guide
    return {
        "steps": rendered.steps,
        "nothing_to_change": rendered.nothing_to_change,
        "notes": rendered.notes,
        # The notice first: every setting on the page rests on it.
        "sources": (notice_source(), *rendered.sources),
        "server_software": guide.server_software,
    }


def notice_source() -> Source:
    """The ISP's notice, as the first source of every guide on a result page."""
    return Source(ACTIVE.notice_url, isp_text("%(notice_title)s"), "ja", SourceKind.OFFICIAL)


def case_label(case: int | None, example: int | None = None) -> str:
    if case is None:
        return str(wording.NOT_IN_NOTICE)
    if for_reference(case):
        return str(wording.CASE_FOR_REFERENCE % {"case": case})
    if example:
        return wording.CASE_EXAMPLE % {"case": case, "example": example}
    return wording.CASE % {"case": case}


def port_label(answers: Answers) -> str:
    if answers.service is Service.OWN_DYNAMIC:
        return wording.PORT_LABEL % {"port": Port.SMTP}
    if answers.port is None:
        return ""
    label = wording.PORT_AUTH_LABEL if answers.auth is YesNo.YES else wording.PORT_LABEL
    return label % {"port": answers.port}


def hops(diagnosis: Diagnosis) -> list[Hop]:
    """The mail's path for the picture: sender → connection → server."""
    answers = diagnosis.answers
    network = (
        isp_text(wording.HOP_ISP_NETWORK)
        if answers.network is Network.PLALA or answers.service is Service.OWN_DYNAMIC
        else str(wording.HOP_OTHER_NETWORK)
    )
    sender, sender_detail, network_detail = str(wording.HOP_SENDER), "", ""
    server = isp_text(wording.HOP_SERVERS[answers.service or Service.PLALA])
    server_detail = ""
    if answers.service is Service.OWN_STATIC and answers.network is Network.PLALA:
        # The notice's note: a fixed address on the ISP's own connection.
        server_detail = isp_text(wording.HOP_OWN_STATIC_DETAIL)
    if answers.service is Service.OWN_DYNAMIC:
        sender = str(wording.HOP_OWN_SERVER)
        sender_detail = isp_text(wording.HOP_OWN_SERVER_DETAIL)
    if answers.client is Client.OUTLOOK_NEW:
        network, network_detail = str(wording.HOP_CLOUD), str(wording.HOP_CLOUD_DETAIL)
    return [Hop(sender, sender_detail), Hop(network, network_detail), Hop(server, server_detail)]


@dataclass(frozen=True)
class MailPath:
    """The picture of the mail's path, decided here so the SVG only draws it."""

    hops: list[Hop]
    port_label: str
    # Its one-line summary, with a symbol so it is not colour alone.
    symbol: str
    caption: str
    # The whole picture in one sentence, for screen readers.
    description: str
    # The connection's wire ("wire-blocked", "wire-maybe" or "") and the mark on it.
    wire_class: str
    gateway_mark: str
    gateway_mark_class: str
    server_refused: bool


# Refused because the notice leaves the plan out, not because a server said so.
NOT_OFFERED = {
    Reason.LIGHT_NOT_ELIGIBLE_AT_HOME: wording.NOT_OFFERED_CAPTION,
    Reason.LIGHT_NOT_ELIGIBLE_AWAY: wording.NOT_OFFERED_CAPTION,
    Reason.CLOUD_NOT_ELIGIBLE: wording.NOT_FROM_ISP_NETWORK_CAPTION,
}


def mail_path(diagnosis: Diagnosis) -> MailPath:
    block = diagnosis.blocked_at
    symbol = {Block.GATEWAY: "×", Block.MAYBE_GATEWAY: "?", Block.SERVER: "×"}.get(block, "○")
    route, port = hops(diagnosis), port_label(diagnosis.answers)
    caption = str(wording.PATH_CAPTIONS[block])
    if diagnosis.reason in NOT_OFFERED:
        caption = isp_text(NOT_OFFERED[diagnosis.reason])
        if (
            diagnosis.answers.port is Port.SUBMISSIONS
            and diagnosis.reason is not Reason.CLOUD_NOT_ELIGIBLE
        ):
            caption = isp_text(wording.PORT_465_NOT_IN_NOTICE_CAPTION)
    stops = wording.PATH_HOPS_SEPARATOR.join(
        str(wording.HOP_WITH_DETAIL % {"label": hop.label, "detail": hop.detail})
        if hop.detail
        else hop.label
        for hop in route
    )
    description = wording.PATH_DESCRIPTION_PORT if port else wording.PATH_DESCRIPTION
    return MailPath(
        hops=route,
        port_label=port,
        symbol=symbol,
        caption=caption,
        description=description % {"hops": stops, "port": port, "caption": caption},
        wire_class={Block.GATEWAY: "wire-blocked", Block.MAYBE_GATEWAY: "wire-maybe"}.get(
            block, ""
        ),
        gateway_mark=symbol if block in (Block.GATEWAY, Block.MAYBE_GATEWAY) else "",
        gateway_mark_class="block-mark maybe" if block is Block.MAYBE_GATEWAY else "block-mark",
        server_refused=block is Block.SERVER,
    )


def lookup_for(answers: Answers) -> dict[str, str]:
    guide = guide_for(answers)
    return {"port": isp_text(guide.lookup_port), "auth": isp_text(guide.lookup_auth)}


def notice_table(*, marked: Diagnosis | None = None) -> list[dict[str, object]]:
    """The notice's table, with the subscriber's row marked."""
    return [
        {
            "case_label": case_label(row.case, row.example),
            "case": row.case,
            "example": row.example,
            "network": isp_text(wording.CHOICES[Question.NETWORK][_network_index(row)].label),
            "service": answer_label(Question.SERVICE, row.sample),
            "function": _row_function(row),
            "verdict": row.verdict.value,
            "verdict_symbol": SYMBOLS[row.verdict],
            "verdict_words": isp_text(NOTICE_WORDS[row.verdict]),
            "url": result_url(row.sample),
            "marked": bool(marked and notice_row(marked.case, marked.example) is row),
        }
        for row in NOTICE_ROWS
    ]


def _network_index(row: NoticeRow) -> int:
    return 0 if row.network is Network.PLALA else 1


def _row_function(row: NoticeRow) -> str:
    if row.service is Service.OWN_DYNAMIC:
        return str(wording.SERVER_TO_SERVER)
    return f"{row.port.value} + SMTP AUTH" if row.auth else row.port.value


# Case codes ------------------------------------------------------------------


def case_code(answers: Answers) -> dict[str, object]:
    """A result's case code, split for reading aloud, its own ``/c/`` link, and
    what it leaves out (said, so the page does not pretend it carries it)."""
    code = code_for(answers)
    return {
        "code": code,
        "display": format_code(code),
        "url": reverse("questions:case-code", args=[code]),
        "left_out": [isp_text(wording.CASE_CODE_LEFT_OUT[name]) for name in left_out(answers)],
    }


def case_code_context(
    *,
    problem: CodeProblem | None = None,
    typed: str = "",
    words: Mapping[CodeProblem, Promise] = wording.CASE_CODE_PROBLEMS,
) -> dict[str, object]:
    """The page that opens a code typed in, saying what was wrong with one that
    did not; ``words`` lets the console, which hears codes read out, say it its way."""
    example = format_code(code_for(Answers()))
    message = (
        isp_text(
            words.get(problem, wording.CASE_CODE_PROBLEMS[problem]),
            letters=str(wording.CODE_LETTER_SEPARATOR).join(c for c in ALPHABET if c.isalpha()),
            length=LENGTH,
            example=example,
        )
        if problem
        else ""
    )
    return {
        # Nothing typed is not a code we could not open: the form just asks.
        "page_title": str(
            wording.CASE_CODE_PROBLEM_TITLE
            if problem and problem is not CodeProblem.EMPTY
            else wording.CASE_CODE_TITLE
        ),
        "problem": message,
        # What was typed, shown again in the field to correct (cut short).
        "typed": typed.strip()[:32],
        "example": example,
        "first_step_url": step_url(Question.NETWORK, Answers()),
    }


# Programs that install a configuration profile (Apple's).
PROFILE_PROGRAMS = (Client.IOS_MAIL, Client.APPLE_MAIL)


def setup_profile(
    diagnosis: Diagnosis, *, absolute: Callable[[str], str] = str
) -> dict[str, object] | None:
    """The "download the settings" block of an iPhone/iPad or Mac result whose
    settings are the ISP's own account; ``absolute`` makes the QR code's URL."""
    account = account_for(diagnosis)
    if account is None or diagnosis.answers.client not in PROFILE_PROGRAMS:
        return None
    url = with_query(reverse("questions:setup-apple"), diagnosis.answers)
    for_iphone = diagnosis.answers.client is Client.IOS_MAIL
    signer = profile_signing.signer_name()
    return {
        "url": url,
        "server": account.outgoing.host,
        "port": account.outgoing.port,
        "for_iphone": for_iphone,
        "incoming_port": account.incoming.port,
        "incoming_note": isp_text(wording.PROFILE_INCOMING_NOTE, port=account.incoming.port),
        # The name the added account shows in Mail, to tell it from the old one.
        "account_name": isp_text(profile_words.ACCOUNT_DESCRIPTION, domain=account.domain),
        # For a result that changes nothing, the profile is only for a new start.
        "nothing_to_change": not diagnosis.remedies,
        "signed": signer is not None,
        "signer": signer or "",
        "qr": qr_svg(absolute(url)) if for_iphone else "",
    }
