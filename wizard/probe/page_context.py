"""What a probe report page shows, built from a stored record; no request handling."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl

from django.urls import reverse
from django.utils.functional import Promise

from wizard.questions.core.answers import Service, parse_answers
from wizard.questions.core.hostnames import MAX_LENGTH
from wizard.questions.core.isp import Security
from wizard.web.isp_text import isp_text

from . import records, wording
from .core.addresses import Refusal
from .core.advice import advise, certificate_sound
from .core.config import PORTS
from .core.discovery import ChosenBy
from .core.report import CheckProblem, Outcome, PortResult, ProbeReport, TlsMode
from .core.targets import TargetKind
from .core.tls import TlsFacts
from .models import ProbeRecord

KEYWORDS_SHOWN = (
    "STARTTLS",
    "AUTH",
    "SIZE",
    "PIPELINING",
    "8BITMIME",
    "SMTPUTF8",
    "CHUNKING",
    "DSN",
    "ENHANCEDSTATUSCODES",
)


def report_url(record: ProbeRecord) -> str:
    return reverse("probe:report", args=[record.pk])


def result_url_for(answers: str) -> str:
    """The result page a probe was started from (``answers`` is canonical already)."""
    return f"{reverse('questions:result')}?{answers}" if answers else ""


def probe_context(
    record: ProbeRecord, *, absolute_report_url: str, just_started: bool = False
) -> dict[str, object]:
    """A report page. ``just_started``: no port has finished yet, show them all
    as being checked; ``absolute_report_url``: the link to show once done."""
    report = records.report_of(record)
    running = record.status == ProbeRecord.Status.RUNNING
    return {
        "page_title": isp_text(wording.REPORT_TITLE, host=report.host or report.target),
        "report": report,
        "running": running,
        "report_url": report_url(record),
        "absolute_report_url": absolute_report_url,
        "result_url": result_url_for(record.answers),
        "checking_ports": checking_ports(),
        "ports": pending_ports()
        if just_started
        else [port_context(p, report) for p in report.ports],
        "advice": [] if running else advice_context(report, isp_mail=_isp_mail(record)),
        "mx": report.discovery.get("mx") or [],
        "chosen_by": chosen_by(report),
        # A check lost on our side is no answer: the same check again, one press.
        "check_again": not running
        and any(port.problem is CheckProblem.INTERRUPTED for port in report.ports),
        "probe_answers": record.answers,
    }


def checking_ports() -> str:
    first, second, third = PORTS
    return isp_text(wording.CHECKING_PORTS, first=first, second=second, third=third)


def form_error_context(message: str, *, target: str, answers: str) -> dict[str, object]:
    """The probe form again, with why the check did not start."""
    probe_answers = records.clean_answers(answers)
    return {
        "page_title": str(wording.FORM_ERROR_TITLE),
        "probe_error": message,
        "probe_target": target[:MAX_LENGTH],
        "target_max_length": MAX_LENGTH,
        "probe_answers": probe_answers,
        "result_url": result_url_for(probe_answers),
    }


def chosen_by(report: ProbeReport) -> str:
    try:
        how = ChosenBy(str(report.discovery.get("chosen_by") or ""))
    except ValueError:  # no host was found
        return ""
    return str(wording.CHOSEN_BY.get(how, ""))


def _detail(port: PortResult) -> str:
    """The problem in words, with what the server said in brackets."""
    if port.problem is None:
        return port.detail
    return isp_text(wording.DETAILS[port.problem]) + (f" ({port.detail})" if port.detail else "")


def _outcome_text(port: PortResult, report: ProbeReport | None) -> wording.OutcomeText | None:
    """How the port's result reads: a server that turned us away is never shown
    as our failure, and an answering port as good only with a sound certificate."""
    if port.outcome is None:
        return None
    if port.problem is CheckProblem.INTERRUPTED:
        return wording.INTERRUPTED
    refusal = port.check_refusal
    if port.outcome is Outcome.PROTOCOL and refusal is not None:
        return wording.ENDED_BY_SERVER
    if (
        port.outcome is Outcome.ANSWERED
        and report is not None
        and not certificate_sound(port, report)
    ):
        return wording.ANSWERED_CERT_PROBLEM
    return wording.OUTCOMES.get(port.outcome)


def port_context(port: PortResult, report: ProbeReport | None = None) -> dict[str, object]:
    """One port on the page; ``report`` (absent while pending) judges its certificate."""
    outcome = _outcome_text(port, report)
    refusal = port.check_refusal
    values = {
        "code": (refusal.code if refusal else port.greeting_code) or "",
        "words": refusal.reply if refusal else "",
        "detail": _detail(port),
        "phase": isp_text(wording.PHASES[port.phase]),
    }
    # Encrypted from the start, or in clear with STARTTLS offered (then a column
    # for what it offers after it), or in clear without.
    security = Security.NONE
    if port.implicit_tls:
        security = Security.SSL
    elif port.starttls_offered:
        security = Security.STARTTLS
    keys = [k for k in KEYWORDS_SHOWN if k in port.ehlo or k in port.ehlo_tls]
    keys += sorted(k for k in {*port.ehlo, *port.ehlo_tls} if k not in keys)
    return {
        "port": port.port,
        "outcome": str(port.outcome or ""),
        "symbol": outcome.symbol if outcome else "…",
        "tone": str(outcome.tone) if outcome else "checking",
        "label": isp_text(outcome.label) if outcome else str(wording.CHECKING),
        "explanation": isp_text(outcome.explanation, **values) if outcome else "",
        "greeting": f"{port.greeting_code or ''} {port.greeting}".strip(),
        "keywords_caption": str(wording.KEYWORDS_CAPTIONS[security]),
        "first_column": str(wording.KEYWORDS_FIRST_COLUMN[port.implicit_tls]),
        "after_column": security is Security.STARTTLS,
        "keywords": [
            {
                "name": key,
                "before": _keyword(port.ehlo, key),
                "after": _keyword(port.ehlo_tls, key),
            }
            for key in keys
        ],
        "tested": checked_rows(port, report) if port.outcome is not None else [],
        "tls": port.tls,
        "certificate": certificate_rows(port.tls) if port.tls else [],
        "expires_at": expires_at(port.tls) if port.tls else "",
        "trust_reason": trust_reason(port.tls) if port.tls else "",
        "transcript": port.transcript,
    }


def checked_rows(port: PortResult, report: ProbeReport | None = None) -> list[dict[str, str]]:
    """What the check of this port tested, as label and value rows: the name,
    the IP address, the port really connected, how it was encrypted, and the
    login methods in the server's order. A report stored before these facts
    were recorded shows what it can: the report's host and address."""
    name = port.server_name or (port.tls.checked_name if port.tls else "")
    address = port.address
    if report is not None:
        name = name or report.host or report.address or ""
        address = address or report.address or ""
    port_shown = str(port.port)
    if port.real_port != port.port:
        port_shown = isp_text(wording.PORT_MAPPED, port=port.port, real_port=port.real_port)
    rows: list[tuple[Promise, str]] = [
        (wording.TESTED_NAME, name),
        (wording.TESTED_ADDRESS, address),
    ]
    rows.append((wording.TESTED_PORT, port_shown))
    if port.ehlo:  # known only once the server has spoken (a refused port has no mode)
        rows.append((wording.TESTED_TLS_MODE, isp_text(wording.TLS_MODES[port.tls_mode])))
    if port.ehlo:
        rows += _auth_rows(port)
    return [{"label": isp_text(label), "value": value} for label, value in rows if value]


def _auth_rows(port: PortResult) -> list[tuple[Promise, str]]:
    if port.tls_mode is not TlsMode.STARTTLS:
        mechanisms = port.auth_after_tls_in_order or port.auth_before_tls_in_order
        return [(wording.AUTH_IN_ORDER, _mechanisms(mechanisms))]
    rows: list[tuple[Promise, str]] = [
        (wording.AUTH_BEFORE_STARTTLS_IN_ORDER, _mechanisms(port.auth_before_tls_in_order))
    ]
    if port.ehlo_tls:
        rows.append(
            (wording.AUTH_AFTER_STARTTLS_IN_ORDER, _mechanisms(port.auth_after_tls_in_order))
        )
    return rows


def _mechanisms(names: list[str]) -> str:
    return ", ".join(names) if names else str(wording.AUTH_NONE_OFFERED)


def certificate_rows(tls: TlsFacts) -> list[dict[str, str]]:
    """The certificate's subject and issuer (with its organisation), as rows;
    a report stored before they were recorded shows the issuer it has."""
    issuer = tls.issuer
    if tls.issuer_org and tls.issuer and tls.issuer != tls.issuer_org:
        issuer = isp_text(
            wording.ISSUER_WITH_ORGANISATION, organisation=tls.issuer_org, name=tls.issuer
        )
    elif tls.issuer_org:
        issuer = tls.issuer_org
    rows: list[tuple[Promise, str]] = [
        (wording.CERT_SUBJECT, tls.subject),
        (wording.CERT_ISSUER, issuer),
    ]
    return [{"label": isp_text(label), "value": value} for label, value in rows if value]


def expires_at(tls: TlsFacts) -> str:
    """The expiry to the second in UTC, or the date alone in an older report."""
    date, _, time = tls.not_after_time.partition("T")
    if not time:
        return tls.not_after
    return isp_text(wording.EXPIRES_AT, date=date, time=time.removesuffix("Z"))


def _keyword(keywords: dict[str, str], key: str) -> str:
    if key not in keywords:
        return ""
    return keywords[key] or "✓"


def _isp_mail(record: ProbeRecord) -> bool:
    """Whether the result page it came from was about the ISP's own mail."""
    answers = parse_answers(dict(parse_qsl(record.answers))).answers
    return answers.service is Service.PLALA


def _worded(values: Mapping[str, object]) -> dict[str, object]:
    """Advice values as the page shows them: a trust problem's code in its words."""
    shown = dict(values)
    code = str(shown.pop("reason_code", "") or "")
    shown["reason"] = trust_words(code, str(shown.get("reason", "")))
    return shown


def trust_reason(tls: TlsFacts) -> str:
    """Why a certificate did not verify, in the page's language."""
    return trust_words(tls.trust_code, tls.trust_error)


def trust_words(code: str, stored: str) -> str:
    """A trust problem's code in the page's words; a report stored before the
    codes keeps its recorded text."""
    if code in wording.TRUST_PROBLEMS:
        return isp_text(wording.TRUST_PROBLEMS[code])
    return stored


def advice_context(report: ProbeReport, *, isp_mail: bool = False) -> list[dict[str, str]]:
    items = []
    for item in advise(report, isp_mail=isp_mail):
        items.append(
            {
                "level": str(item.level),
                "symbol": wording.LEVEL_SYMBOLS[item.level],
                "text": isp_text(
                    wording.ADVICE[item.code], port=item.port or "", **_worded(item.values)
                ),
            }
        )
    return items


def report_json(report: ProbeReport, *, record_id: str, url: str) -> dict[str, object]:
    return {
        "id": record_id,
        "url": url,
        **report.as_json(),
        "advice": [item.as_json() for item in advise(report)],
    }


def refusal_text(report: ProbeReport) -> str:
    assert report.refused is not None
    detail = report.refusal_detail
    if isinstance(detail, Refusal):
        typed_an_address = report.kind is TargetKind.ADDRESS
        sentences = wording.FORBIDDEN_ADDRESSES if typed_an_address else wording.FORBIDDEN_NAMES
        return isp_text(sentences[detail], target=report.target)
    return isp_text(wording.REFUSALS[report.refused], target=report.target)


def pending_ports() -> list[dict[str, object]]:
    """The progress list before any port has finished (shown at once)."""
    return [port_context(PortResult(port=p, real_port=p)) for p in PORTS]
