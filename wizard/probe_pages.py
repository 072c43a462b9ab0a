"""What a probe report page shows, built from a stored record; no request handling."""

from __future__ import annotations

from urllib.parse import parse_qsl

from django.urls import reverse
from django.utils.translation import gettext as _

from . import probe_wording as text
from .core.answers import Service, parse_answers
from .models import ProbeRecord
from .probe.addresses import Refusal
from .probe.advice import advise
from .probe.config import PORTS
from .probe.report import PortResult, ProbeReport
from .probing import report_of
from .wording import words

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
    return reverse("wizard:probe-report", args=[record.pk])


def probe_context(record: ProbeRecord) -> dict[str, object]:
    report = report_of(record)
    running = record.status == ProbeRecord.Status.RUNNING
    return {
        "report": report,
        "running": running,
        "report_url": report_url(record),
        "result_url": f"{reverse('wizard:result')}?{record.answers}" if record.answers else "",
        "ports": [port_context(port) for port in report.ports],
        "advice": [] if running else advice_context(report, isp_mail=_isp_mail(record)),
        "mx": report.discovery.get("mx") or [],
        "chosen_by": chosen_by(report),
    }


def chosen_by(report: ProbeReport) -> str:
    how = str(report.discovery.get("chosen_by") or "")
    return {
        "srv-submission": _("The domain's SRV record names it for submission (port 587)."),
        "srv-submissions": _("The domain's SRV record names it for SSL/TLS submission (465)."),
        "guess": _("It is the usual name of the domain's outgoing server."),
    }.get(how, "")


def port_context(port: PortResult) -> dict[str, object]:
    outcome = text.OUTCOMES.get(port.outcome) if port.outcome else None
    code, _colon, rest = port.detail.partition(": ")
    detail = (
        words(text.DETAILS[code]) + (f" ({rest})" if rest else "")
        if (code in text.DETAILS)
        else port.detail
    )
    values = {
        "code": port.greeting_code or "",
        "detail": detail,
        "phase": words(text.PHASES[port.phase]),
    }
    keys = [k for k in KEYWORDS_SHOWN if k in port.ehlo or k in port.ehlo_tls]
    keys += sorted(k for k in {*port.ehlo, *port.ehlo_tls} if k not in keys)
    return {
        "port": port.port,
        "outcome": str(port.outcome or ""),
        "symbol": outcome.symbol if outcome else "…",
        "label": words(outcome.label) if outcome else _("Checking…"),
        "explanation": words(outcome.explanation, **values) if outcome else "",
        "greeting": f"{port.greeting_code or ''} {port.greeting}".strip(),
        "implicit_tls": port.implicit_tls,
        "starttls_offered": port.starttls_offered,
        "keywords": [
            {
                "name": key,
                "before": _keyword(port.ehlo, key),
                "after": _keyword(port.ehlo_tls, key),
            }
            for key in keys
        ],
        "tls": port.tls,
        "transcript": port.transcript,
    }


def _keyword(keywords: dict[str, str], key: str) -> str:
    if key not in keywords:
        return ""
    return keywords[key] or "✓"


def _isp_mail(record: ProbeRecord) -> bool:
    """Whether the result page it came from was about the ISP's own mail."""
    answers = parse_answers(dict(parse_qsl(record.answers))).answers
    return answers.service is Service.PLALA


def advice_context(report: ProbeReport, *, isp_mail: bool = False) -> list[dict[str, str]]:
    items = []
    for item in advise(report, isp_mail=isp_mail):
        items.append(
            {
                "level": str(item.level),
                "symbol": text.LEVEL_SYMBOLS[item.level],
                "text": words(text.ADVICE[item.code], port=item.port or "", **item.values),
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
    try:
        kind = words(text.ADDRESS_KINDS[Refusal(report.refusal_detail)])
    except ValueError:
        kind = report.refusal_detail
    return words(text.REFUSALS[report.refused], target=report.target, detail=kind)


def pending_ports() -> list[dict[str, object]]:
    """The progress list before any port has finished (shown at once)."""
    return [port_context(PortResult(port=p, real_port=p)) for p in PORTS]
