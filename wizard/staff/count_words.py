"""The counts page's words: each dimension's title and each value in words an
agent reads at a glance (the derived answers and probe outcomes for staff,
not the subscriber's headlines)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wizard.probe.core.summary import ProbeSummary
from wizard.questions.core.answers import Client
from wizard.questions.core.cases import Reason
from wizard.questions.wording import client_name
from wizard.web.counting import Dimension
from wizard.web.isp_text import isp_text

TITLES: Mapping[str, Promise] = {
    Dimension.CASE: _("Result pages by case"),
    Dimension.CLIENT: _("Result pages by mail program"),
    Dimension.LANGUAGE: _("Result pages by language"),
    Dimension.PROBE: _("Server checks by outcome"),
}

CASES = ("1", "2", "3", "4", "5")
_CASE = _("Case %(case)s")

# The answers outside the notice's table, by the reason they were derived from:
# the situation, then what the result page tells the subscriber.
DERIVED: Mapping[str, Promise] = {
    Reason.SUBMISSION_NEEDS_AUTH: _(
        "%(isp)s mail on port 587 with authentication off: turn SMTP authentication on"
    ),
    Reason.IMPLICIT_TLS: _("%(isp)s mail on port 465: not blocked, port 587 recommended"),
    Reason.LIGHT_NOT_ELIGIBLE_AT_HOME: _(
        "%(light_plan)s on port 587 or 465 from %(isp)s's line: not offered on this plan"
    ),
    Reason.LIGHT_NOT_ELIGIBLE_AWAY: _(
        "%(light_plan)s on port 587 or 465 from another connection: not offered on this plan"
    ),
    Reason.CLOUD_NOT_ELIGIBLE: _("The new Outlook with %(light_plan)s: not offered on this plan"),
    Reason.CLOUD_SENDING_ISP_MAIL: _(
        "The new Outlook with %(isp)s mail: Microsoft's servers send, on port 587"
    ),
    Reason.CLOUD_SENDING: _(
        "The new Outlook with another company's mail: Microsoft's servers send"
    ),
    Reason.OUTSIDE_NOTICE_PORT_25: _(
        "Another company's server on port 25 from another connection: may be blocked there"
    ),
    Reason.SUBMISSION_WITHOUT_AUTH: _(
        "Another company's server on port 587 or 465 with authentication off"
    ),
    Reason.PROVIDER_SUBMISSION_OPEN: _(
        "Another company's server on port 587 or 465 with authentication, "
        "from %(isp)s's line: not affected"
    ),
    Reason.OUTSIDE_NOTICE_SUBMISSION: _(
        "Another company's server on port 587 or 465 with authentication, "
        "from another connection: not affected"
    ),
    Reason.OWN_STATIC: _(
        "Own mail server with a fixed IP address on %(isp)s's line: not affected "
        "(the notice's note)"
    ),
    Reason.OWN_STATIC_AWAY: _(
        "Own mail server with a fixed IP address on another connection: "
        "%(isp)s's blocking does not apply"
    ),
}

LANGUAGES: Mapping[str, Promise] = {"ja": _("Japanese"), "en": _("English")}

PROBE_OUTCOMES: Mapping[str, Promise] = {
    ProbeSummary.SUBMISSION_READY: _(
        "Port 587 answers with encryption (STARTTLS) and SMTP authentication"
    ),
    ProbeSummary.SUBMISSION_LACKING: _(
        "Port 587 answers, but without encryption or without SMTP authentication"
    ),
    ProbeSummary.IMPLICIT_ONLY: _("SMTP authentication on port 465 only, not on port 587"),
    ProbeSummary.NOTHING_ANSWERED: _("No port answered"),
    ProbeSummary.TURNED_AWAY: _("The server turned our check away (busy, refused, or hung up)"),
    ProbeSummary.OTHER: _("Other: only port 25 answered, a timeout, or encryption that failed"),
    ProbeSummary.REFUSED_NOT_FOUND: _("Not checked: the name was not found"),
    ProbeSummary.REFUSED_ADDRESS: _("Not checked: a private or special address"),
}

NOT_ASKED = _("Not asked")


def value_order(dimension: str) -> tuple[str, ...]:
    """The values of ``dimension`` in the order the page lists them."""
    match dimension:
        case Dimension.CASE:
            return (*CASES, *DERIVED)
        case Dimension.CLIENT:
            return tuple(Client)
        case Dimension.LANGUAGE:
            return tuple(LANGUAGES)
        case Dimension.PROBE:
            return tuple(PROBE_OUTCOMES)
    return ()


def value_words(dimension: str, value: str) -> str:
    """``value`` of ``dimension`` in the console's language; one this version
    does not know (counted by a newer one) reads as itself."""
    if dimension == Dimension.CASE and value in CASES:
        return str(_CASE) % {"case": value}
    if dimension == Dimension.CLIENT:
        if not value:
            return str(NOT_ASKED)
        try:
            return str(client_name(Client(value)))
        except ValueError:
            return value
    text = _WORDS.get(dimension, {}).get(value)
    return isp_text(text) if text is not None else value


_WORDS: Mapping[str, Mapping[str, Promise]] = {
    Dimension.CASE: DERIVED,
    Dimension.LANGUAGE: LANGUAGES,
    Dimension.PROBE: PROBE_OUTCOMES,
}
