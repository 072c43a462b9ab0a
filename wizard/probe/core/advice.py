"""From a probe's facts to advice, tied to what the subscriber is trying to do.

The advice knows where the probe ran from: our server, not the subscriber's
line. So "port 25 answers here" means the server is fine and the subscriber's
own connection is what blocks port 25.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .config import IMPLICIT_TLS_PORT, SMTP_PORT, SUBMISSION_PORT
from .report import CLOSED_OUTCOMES, Outcome, PortResult, ProbeReport

__all__ = ["Advice", "AdviceItem", "Level", "advise"]


class Level(StrEnum):
    GOOD = "good"
    INFO = "info"
    WARN = "warn"
    BAD = "bad"


class Advice(StrEnum):
    SUBMISSION_READY = "submission-ready"
    SUBMISSION_NO_TLS = "submission-no-tls"
    SUBMISSION_NO_AUTH = "submission-no-auth"
    SUBMISSION_CLOSED = "submission-closed"
    ISP_SUBMISSION_CLOSED = "isp-submission-closed"
    IMPLICIT_READY = "implicit-ready"
    AUTH_ONLY_AFTER_TLS = "auth-only-after-tls"
    AUTH_IN_CLEAR = "auth-in-clear"
    CERT_NAME = "cert-name"
    CERT_UNTRUSTED = "cert-untrusted"
    CERT_EXPIRED = "cert-expired"
    BUSY = "busy"
    REJECTED_US = "rejected-us"
    PORT_25_OPEN_HERE = "port-25-open-here"
    NOTHING_ANSWERED = "nothing-answered"


@dataclass(frozen=True)
class AdviceItem:
    code: Advice
    level: Level
    port: int | None = None
    values: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "code": str(self.code),
            "level": str(self.level),
            "port": self.port,
            "values": self.values,
        }


def advise(report: ProbeReport, *, isp_mail: bool = False) -> list[AdviceItem]:
    """Advice for a finished report, most useful first.

    ``isp_mail``: the subscriber sends through the ISP's own server (from the
    wizard's answers), so "use the ISP's server instead" is no way out.
    """
    if report.refused or not report.ports:
        return []
    items: list[AdviceItem] = []
    answered = [p for p in report.ports if p.outcome is Outcome.ANSWERED]
    if not answered and all(p.outcome in CLOSED_OUTCOMES for p in report.ports):
        items.append(AdviceItem(Advice.NOTHING_ANSWERED, Level.BAD))
    submission = report.port(SUBMISSION_PORT)
    if submission is not None:
        items.extend(_submission(submission, report, isp_mail=isp_mail))
    implicit = report.port(IMPLICIT_TLS_PORT)
    if implicit is not None and implicit.outcome is Outcome.ANSWERED and implicit.auth_after_tls:
        items.append(
            AdviceItem(
                Advice.IMPLICIT_READY,
                Level.GOOD,
                IMPLICIT_TLS_PORT,
                {"mechanisms": " ".join(implicit.auth_after_tls)},
            )
        )
    smtp = report.port(SMTP_PORT)
    if smtp is not None and smtp.outcome is Outcome.ANSWERED:
        items.append(AdviceItem(Advice.PORT_25_OPEN_HERE, Level.INFO, SMTP_PORT))
    for port in report.ports:
        items.extend(_per_port(port, report))
    # The same certificate on two ports needs saying once.
    unique: dict[tuple[Advice, tuple[tuple[str, str], ...]], AdviceItem] = {}
    for item in items:
        unique.setdefault((item.code, tuple(sorted(item.values.items()))), item)
    return list(unique.values())


def _submission(port: PortResult, report: ProbeReport, *, isp_mail: bool) -> list[AdviceItem]:
    if port.outcome in CLOSED_OUTCOMES:
        closed = Advice.ISP_SUBMISSION_CLOSED if isp_mail else Advice.SUBMISSION_CLOSED
        return [AdviceItem(closed, Level.BAD, SUBMISSION_PORT)]
    if port.outcome is not Outcome.ANSWERED:
        return []
    mechanisms = port.auth_after_tls if port.tls else port.auth_before_tls
    if port.tls and mechanisms:
        return [
            AdviceItem(
                Advice.SUBMISSION_READY,
                Level.GOOD,
                SUBMISSION_PORT,
                {"mechanisms": " ".join(mechanisms)},
            )
        ]
    if not port.starttls_offered and port.auth_before_tls:
        return [
            AdviceItem(
                Advice.SUBMISSION_NO_TLS,
                Level.WARN,
                SUBMISSION_PORT,
                {"mechanisms": " ".join(port.auth_before_tls)},
            )
        ]
    return [AdviceItem(Advice.SUBMISSION_NO_AUTH, Level.WARN, SUBMISSION_PORT)]


def _per_port(port: PortResult, report: ProbeReport) -> list[AdviceItem]:
    items: list[AdviceItem] = []
    number = port.port
    if port.outcome is Outcome.BUSY:
        items.append(
            AdviceItem(Advice.BUSY, Level.WARN, number, {"code": str(port.greeting_code or "")})
        )
    elif port.outcome is Outcome.REJECTED:
        items.append(
            AdviceItem(
                Advice.REJECTED_US, Level.WARN, number, {"code": str(port.greeting_code or "")}
            )
        )
    if port.starttls_offered and port.auth_before_tls:
        items.append(AdviceItem(Advice.AUTH_IN_CLEAR, Level.WARN, number))
    elif port.starttls_offered and port.auth_after_tls and number == SUBMISSION_PORT:
        items.append(AdviceItem(Advice.AUTH_ONLY_AFTER_TLS, Level.GOOD, number))
    tls = port.tls
    if tls is not None and tls.names:
        if tls.expired:
            items.append(
                AdviceItem(Advice.CERT_EXPIRED, Level.BAD, number, {"date": tls.not_after})
            )
        elif tls.trusted is False:
            items.append(
                AdviceItem(Advice.CERT_UNTRUSTED, Level.WARN, number, {"reason": tls.trust_error})
            )
        if tls.name_match is False and report.host:
            items.append(
                AdviceItem(
                    Advice.CERT_NAME,
                    Level.WARN,
                    number,
                    {"name": tls.names[0], "host": report.host},
                )
            )
    return items
