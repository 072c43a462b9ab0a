"""From a probe's facts to advice, tied to what the subscriber is trying to do.

The advice knows where the probe ran from: our server, not the subscriber's
line. So "port 25 answers here" means the server is fine and the subscriber's
own connection is what blocks port 25.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from wizard.questions.core.hostnames import host_name

from .config import IMPLICIT_TLS_PORT, SMTP_PORT, SUBMISSION_PORT
from .report import CLOSED_OUTCOMES, Outcome, PortResult, ProbeReport
from .targets import TargetKind
from .tls import TlsFacts, name_matches

__all__ = [
    "Advice",
    "AdviceItem",
    "Level",
    "advise",
    "certificate_sound",
    "greeting_name",
    "suggested_name",
]


class Level(StrEnum):
    GOOD = "good"
    INFO = "info"
    WARN = "warn"
    BAD = "bad"


class Advice(StrEnum):
    SUBMISSION_READY = "submission-ready"
    # Everything needed is offered, but the certificate is not one to rely on.
    SUBMISSION_CERT_PROBLEM = "submission-cert-problem"
    SUBMISSION_NO_TLS = "submission-no-tls"
    SUBMISSION_NO_AUTH = "submission-no-auth"
    SUBMISSION_CLOSED = "submission-closed"
    ISP_SUBMISSION_CLOSED = "isp-submission-closed"
    # The ISP's own 587, against the profile's security fact (not the notice's).
    ISP_STARTTLS_OFFERED = "isp-starttls-offered"
    ISP_STARTTLS_NOT_OFFERED = "isp-starttls-not-offered"
    IMPLICIT_READY = "implicit-ready"
    IMPLICIT_CERT_PROBLEM = "implicit-cert-problem"
    AUTH_ONLY_AFTER_TLS = "auth-only-after-tls"
    AUTH_IN_CLEAR = "auth-in-clear"
    CERT_NAME = "cert-name"  # a concrete name from a trusted certificate
    CERT_NAME_UNVERIFIED = "cert-name-unverified"  # not ours to suggest: unverified
    CERT_NAME_WILDCARD = "cert-name-wildcard"  # only "*.domain": say what to fill in
    CERT_NAME_OTHER = "cert-name-other"  # trusted, but no name a person can type
    CERT_NOT_FOR_ADDRESS = "cert-not-for-address"
    CERT_ADDRESS_USE_NAME = "cert-address-use-name"
    CERT_UNTRUSTED = "cert-untrusted"
    CERT_EXPIRED = "cert-expired"
    BUSY = "busy"
    REJECTED_US = "rejected-us"
    DROPPED_US = "dropped-us"  # the server ended our check without a reply
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
        sound = certificate_sound(implicit, report)
        items.append(
            AdviceItem(
                Advice.IMPLICIT_READY if sound else Advice.IMPLICIT_CERT_PROBLEM,
                Level.GOOD if sound else Level.WARN,
                IMPLICIT_TLS_PORT,
                {"mechanisms": " ".join(implicit.auth_after_tls)},
            )
        )
    smtp = report.port(SMTP_PORT)
    if smtp is not None and smtp.outcome is Outcome.ANSWERED:
        items.append(AdviceItem(Advice.PORT_25_OPEN_HERE, Level.INFO, SMTP_PORT))
    for port in report.ports:
        items.extend(_per_port(port, report))
    # The same certificate on two ports needs saying once; anything else is per port.
    unique: dict[tuple[Advice, int | None, tuple[tuple[str, str], ...]], AdviceItem] = {}
    for item in items:
        on_port = None if item.code in _CERTIFICATE_ADVICE else item.port
        unique.setdefault((item.code, on_port, tuple(sorted(item.values.items()))), item)
    return list(unique.values())


_CERTIFICATE_ADVICE = frozenset(
    {
        Advice.CERT_NAME,
        Advice.CERT_NAME_UNVERIFIED,
        Advice.CERT_NAME_WILDCARD,
        Advice.CERT_NAME_OTHER,
        Advice.CERT_NOT_FOR_ADDRESS,
        Advice.CERT_ADDRESS_USE_NAME,
        Advice.CERT_UNTRUSTED,
        Advice.CERT_EXPIRED,
    }
)


def certificate_sound(port: PortResult, report: ProbeReport) -> bool:
    """Whether a port's certificate is one a mail program accepts for what was
    typed: verified, not expired, issued for the name (or the address).

    A port is only ever called ready, or shown as good, when this holds, so no
    "ready" sits beside a warning about its certificate. No TLS: nothing to judge.
    """
    tls = port.tls
    if tls is None or not tls.names:
        return tls is None
    return tls.trusted is True and not tls.expired and _matches_target(tls, report) is not False


def _matches_target(tls: TlsFacts, report: ProbeReport) -> bool | None:
    """Whether the certificate is for what the subscriber typed; for an IP
    address (no name to send or match) whether it lists that address."""
    if tls.name_match is not None:
        return tls.name_match
    if report.kind is TargetKind.ADDRESS and report.address:
        return name_matches(report.address, tls.names)
    return None


def greeting_name(port: PortResult) -> str | None:
    """The host name the server gives in its greeting, if it gives a valid one.

    >>> greeting_name(PortResult(587, 587, greeting_code=220, greeting="smtp7.Hosting.test ESMTP"))
    'smtp7.hosting.test'
    """
    if port.greeting_code != 220 or not port.greeting.strip():
        return None
    return host_name(port.greeting.split()[0].lower())


def suggested_name(port: PortResult) -> str | None:
    """A server name to type, taken only from a certificate that verified.

    Whoever presents an unverified certificate chooses the names in it, so it
    never suggests one; a wildcard cannot be typed, so only a concrete name it
    covers: the greeting's when covered, else the first plain name listed.
    """
    tls = port.tls
    if tls is None or tls.trusted is not True or tls.expired:
        return None
    greeted = greeting_name(port)
    if greeted is not None and name_matches(greeted, tls.names):
        return greeted
    return next((n for n in tls.names if not n.startswith("*") and host_name(n) == n), None)


def _wildcard_domain(tls: TlsFacts) -> str | None:
    """``hosting.test`` for a certificate issued for ``*.hosting.test``."""
    return next((n[2:] for n in tls.names if n.startswith("*.") and host_name(n[2:])), None)


def _submission(port: PortResult, report: ProbeReport, *, isp_mail: bool) -> list[AdviceItem]:
    if port.outcome in CLOSED_OUTCOMES:
        closed = Advice.ISP_SUBMISSION_CLOSED if isp_mail else Advice.SUBMISSION_CLOSED
        return [AdviceItem(closed, Level.BAD, SUBMISSION_PORT)]
    if port.outcome is not Outcome.ANSWERED:
        return []
    mechanisms = port.auth_after_tls if port.tls else port.auth_before_tls
    # The subscriber's own case: the result page gives Plala's 587 the security
    # of a fact the notice does not state; here is what the server itself offers.
    security = []
    if isp_mail:
        offered = (
            Advice.ISP_STARTTLS_OFFERED
            if port.starttls_offered
            else Advice.ISP_STARTTLS_NOT_OFFERED
        )
        security = [AdviceItem(offered, Level.INFO, SUBMISSION_PORT)]
    return security + _submission_ready(port, report, mechanisms)


def _submission_ready(
    port: PortResult, report: ProbeReport, mechanisms: list[str]
) -> list[AdviceItem]:
    if port.tls and mechanisms:
        sound = certificate_sound(port, report)
        return [
            AdviceItem(
                Advice.SUBMISSION_READY if sound else Advice.SUBMISSION_CERT_PROBLEM,
                Level.GOOD if sound else Level.WARN,
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
    refusal = port.check_refusal
    if refusal is not None:
        # The server turned our checker away: a fact about it, not a verdict on
        # the subscriber's settings, and the page says so.
        if refusal.code is None:
            items.append(AdviceItem(Advice.DROPPED_US, Level.INFO, number))
        else:
            items.append(
                AdviceItem(
                    Advice.BUSY if refusal.transient else Advice.REJECTED_US,
                    Level.INFO,
                    number,
                    {"code": str(refusal.code), "words": refusal.reply},
                )
            )
    if port.starttls_offered and port.auth_before_tls:
        items.append(AdviceItem(Advice.AUTH_IN_CLEAR, Level.WARN, number))
    elif (
        port.starttls_offered
        and port.auth_after_tls
        and number == SUBMISSION_PORT
        and certificate_sound(port, report)
    ):
        items.append(AdviceItem(Advice.AUTH_ONLY_AFTER_TLS, Level.GOOD, number))
    tls = port.tls
    if tls is not None and tls.names:
        if tls.expired:
            items.append(
                AdviceItem(Advice.CERT_EXPIRED, Level.BAD, number, {"date": tls.not_after})
            )
        elif tls.trusted is False:
            items.append(
                AdviceItem(
                    Advice.CERT_UNTRUSTED,
                    Level.WARN,
                    number,
                    # A stable code the page words in its language; the old
                    # English text only for reports stored before the code.
                    {"reason_code": tls.trust_code, "reason": tls.trust_error},
                )
            )
        if _matches_target(tls, report) is False:
            items.append(_name_advice(port, tls, report))
    return items


def _name_advice(port: PortResult, tls: TlsFacts, report: ProbeReport) -> AdviceItem:
    """The certificate is not for what was typed: which name to type instead,
    only when a verified certificate can say."""
    number = port.port
    suggestion = suggested_name(port)
    if report.kind is TargetKind.ADDRESS:
        address = report.address or report.target
        greeted = greeting_name(port)
        # A name for an address needs two witnesses: the verified certificate and
        # the server's own greeting, naming the same host.
        if suggestion is not None and suggestion == greeted:
            return AdviceItem(
                Advice.CERT_ADDRESS_USE_NAME,
                Level.WARN,
                number,
                {"address": address, "name": suggestion},
            )
        return AdviceItem(Advice.CERT_NOT_FOR_ADDRESS, Level.WARN, number, {"address": address})
    host = report.host or report.target
    if tls.trusted is not True or tls.expired:
        return AdviceItem(Advice.CERT_NAME_UNVERIFIED, Level.WARN, number, {"host": host})
    if suggestion is not None:
        return AdviceItem(Advice.CERT_NAME, Level.WARN, number, {"name": suggestion, "host": host})
    domain = _wildcard_domain(tls)
    if domain is not None:
        return AdviceItem(
            Advice.CERT_NAME_WILDCARD, Level.WARN, number, {"domain": domain, "host": host}
        )
    return AdviceItem(Advice.CERT_NAME_OTHER, Level.WARN, number, {"host": host})
