"""A finished probe in one word, for counting: what kind of answer it got.

Derived from the report alone, in the order a support agent asks: was the
target refused, did anything answer, does the submission port take a login
over encryption, and if not, what else there is.
"""

from __future__ import annotations

from enum import StrEnum

from .config import IMPLICIT_TLS_PORT, SUBMISSION_PORT
from .report import CLOSED_OUTCOMES, Outcome, ProbeReport, Refused


class ProbeSummary(StrEnum):
    REFUSED_NOT_FOUND = "refused-not-found"  # no such name: nothing was probed
    REFUSED_ADDRESS = "refused-address"  # a private or special address: not probed
    NOTHING_ANSWERED = "nothing-answered"  # every port closed, filtered or unreachable
    SUBMISSION_READY = "submission-ready"  # 587 answers with STARTTLS and AUTH
    SUBMISSION_LACKING = "submission-lacking"  # 587 answers, without encryption or AUTH
    IMPLICIT_ONLY = "implicit-only"  # 465 takes a login; 587 does not
    TURNED_AWAY = "turned-away"  # the server was busy, refused us or hung up
    OTHER = "other"  # only port 25, a timeout, a failed TLS handshake…


def summarise(report: ProbeReport) -> ProbeSummary:
    """The kind of answer a finished (or refused) probe got.

    >>> from wizard.probe.core.report import PortResult
    >>> from wizard.probe.core.targets import TargetKind
    >>> closed = [PortResult(p, p, outcome=Outcome.REFUSED) for p in (587, 465, 25)]
    >>> summarise(ProbeReport("mail.example.jp", TargetKind.HOST, ports=closed))
    <ProbeSummary.NOTHING_ANSWERED: 'nothing-answered'>
    """
    if report.refused is not None:
        if report.refused is Refused.NOT_FOUND:
            return ProbeSummary.REFUSED_NOT_FOUND
        return ProbeSummary.REFUSED_ADDRESS
    if all(port.outcome in CLOSED_OUTCOMES for port in report.ports):
        return ProbeSummary.NOTHING_ANSWERED
    submission = report.port(SUBMISSION_PORT)
    if submission is not None and submission.outcome is Outcome.ANSWERED:
        if submission.tls is not None and submission.auth_after_tls:
            return ProbeSummary.SUBMISSION_READY
        return ProbeSummary.SUBMISSION_LACKING
    implicit = report.port(IMPLICIT_TLS_PORT)
    if implicit is not None and implicit.outcome is Outcome.ANSWERED and implicit.auth_after_tls:
        return ProbeSummary.IMPLICIT_ONLY
    if any(port.check_refusal is not None for port in report.ports):
        return ProbeSummary.TURNED_AWAY
    return ProbeSummary.OTHER
