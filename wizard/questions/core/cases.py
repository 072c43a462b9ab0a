"""The decision: from complete answers to the case of the notice and what to do.

Cases 1-5 and the three examples of case 3 are the notice's own table. Every
other combination still gets an honest answer, marked ``in_notice=False`` so
the page can say it is derived rather than quoted (SPEC section 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .answers import Answers, Client, Network, Op25b, Plan, Port, Service, YesNo
from .isp import ACTIVE, IspProfile, LoginName, Provenance, Security
from .questions import Question, missing, relevant


class Verdict(StrEnum):
    """The notice's 送信可否 column: 対応してる / 対応してない / 一部対応してる."""

    SENDS = "sends"
    FAILS = "fails"
    DEPENDS = "depends"


class Remedy(StrEnum):
    SWITCH_TO_SUBMISSION_PORT = "switch-to-submission-port"
    ENABLE_SMTP_AUTH = "enable-smtp-auth"
    USE_PROVIDER_SUBMISSION_PORT = "use-provider-submission-port"
    USE_PLALA_SMTP_SERVER = "use-plala-smtp-server"
    RELAY_VIA_MMR = "relay-via-mmr"
    NOT_ELIGIBLE = "not-eligible"
    CONTACT_PROVIDER = "contact-provider"


class Reason(StrEnum):
    """Why the verdict is what it is; one plain-words explanation each."""

    STANDARD = "standard"
    LEGACY_PORT_ALLOWED = "legacy-port-allowed"
    LEGACY_PORT_CLOSED = "legacy-port-closed"
    BLOCKED_OTHER_SERVER = "blocked-other-server"
    BLOCKED_OWN_SERVER = "blocked-own-server"
    OTHER_NETWORK_SUBMISSION = "other-network-submission"
    OTHER_NETWORK_BLOCKED = "other-network-blocked"
    OTHER_NETWORK_OPEN = "other-network-open"
    OTHER_NETWORK_UNKNOWN = "other-network-unknown"
    SUBMISSION_NEEDS_AUTH = "submission-needs-auth"
    # Another company's 587 or 465 with authentication off.
    SUBMISSION_WITHOUT_AUTH = "submission-without-auth"
    IMPLICIT_TLS = "implicit-tls"
    # ぷららライト: the notice gives this plan port 25 from the ISP's network only.
    LIGHT_LEGACY_PORT = "light-legacy-port"
    LIGHT_NOT_ELIGIBLE_AT_HOME = "light-not-eligible-at-home"
    LIGHT_NOT_ELIGIBLE_AWAY = "light-not-eligible-away"
    LIGHT_OTHER_NETWORK_BLOCKED = "light-other-network-blocked"
    LIGHT_OTHER_NETWORK_OPEN = "light-other-network-open"
    LIGHT_OTHER_NETWORK_UNKNOWN = "light-other-network-unknown"
    PROVIDER_SUBMISSION_OPEN = "provider-submission-open"
    OUTSIDE_NOTICE_PORT_25 = "outside-notice-port-25"
    OUTSIDE_NOTICE_SUBMISSION = "outside-notice-submission"
    BLOCKED_OWN_SERVER_AWAY = "blocked-own-server-away"
    OWN_STATIC = "own-static"
    OWN_STATIC_AWAY = "own-static-away"
    CLOUD_SENDING = "cloud-sending"
    CLOUD_SENDING_ISP_MAIL = "cloud-sending-isp-mail"
    CLOUD_NOT_ELIGIBLE = "cloud-not-eligible"


class Block(StrEnum):
    """Where on the path the mail stops, for the picture."""

    GATEWAY = "gateway"
    MAYBE_GATEWAY = "maybe-gateway"
    SERVER = "server"


class Username(StrEnum):
    """Which user name goes into the outgoing-server login."""

    ISP_MAIL_ACCOUNT = "isp-mail-account"
    PROVIDER_ACCOUNT = "provider-account"
    NONE = "none"


@dataclass(frozen=True, kw_only=True)
class TargetSettings:
    """What to enter in the mail program (or, for ``relay``, the mail server)."""

    # None: the provider's own name, which only the subscriber's papers know.
    server: str | None
    # True when ``server`` is the ISP's pattern with a part to fill in.
    server_is_pattern: bool = False
    port: int
    security: Security
    auth: bool
    username: Username
    # For the ISP's own login: which part of the address is the user name.
    login_name: LoginName | None = None
    relay: bool = False
    # ``server`` comes from a ``domain`` answer the profile does not list: a new
    # name or a typing mistake, so the page asks to check the registration document.
    server_unlisted: bool = False
    # Where each of the ISP's values comes from ("server", "port", "security",
    # "auth", "username"), so a page can say which the ISP itself does not
    # state. Empty for another company's server: those are general advice.
    sources: Mapping[str, Provenance] = field(default_factory=dict)

    def unstated(self) -> list[str]:
        """The settings the ISP's notice or pages do not state, in table order."""
        return [
            name
            for name in ("server", "port", "security", "auth", "username")
            if name in self.sources and not self.sources[name].is_the_isps_word
        ]

    def as_json(self) -> dict[str, object]:
        return {
            "server": self.server,
            "server_is_pattern": self.server_is_pattern,
            "server_unlisted": self.server_unlisted,
            "port": self.port,
            "security": str(self.security),
            "auth": self.auth,
            "username": str(self.username),
            "login_name": str(self.login_name) if self.login_name else None,
            "relay": self.relay,
        }


@dataclass(frozen=True, kw_only=True)
class Diagnosis:
    answers: Answers
    case: int | None
    # 具体例 1-3 of case 3.
    example: int | None = None
    verdict: Verdict
    in_notice: bool
    reason: Reason
    remedies: tuple[Remedy, ...] = ()
    settings: TargetSettings | None
    # Case 3's fallback: the ISP's own server, if the provider has no port 587.
    alternative: TargetSettings | None = None
    blocked_at: Block | None = None


class IncompleteAnswers(ValueError):
    def __init__(self, questions: list[Question]) -> None:
        super().__init__(", ".join(questions))
        self.questions = questions


def diagnose(answers: Answers, *, isp: IspProfile = ACTIVE) -> Diagnosis:
    """Decide the case for a complete set of answers.

    Raises ``IncompleteAnswers`` listing the questions still needed.
    """
    answers = relevant(answers)
    if todo := missing(answers):
        raise IncompleteAnswers(todo)
    match answers.service:
        case Service.OWN_STATIC:
            return _own_static(answers)
        case Service.OWN_DYNAMIC:
            return _own_dynamic(answers, isp)
    if answers.client is Client.OUTLOOK_NEW:
        return _cloud_sending(answers, isp)
    if answers.service is Service.PLALA:
        return _isp_mail(answers, isp)
    return _other_mail(answers, isp)


class Change(StrEnum):
    """What the subscriber changes in the mail program; guides show these steps."""

    SERVER = "server"
    PORT = "port"
    AUTH_ON = "auth-on"
    AUTH_OFF = "auth-off"
    # Moving to another company's server: its own account replaces the old one.
    LOGIN = "login"
    RELAY = "relay"


def changes(
    answers: Answers, settings: TargetSettings | None, *, new_server: bool = False
) -> frozenset[Change]:
    """The edits that take a mail program from ``answers`` to ``settings``.

    ``new_server`` is for moving to another company's server (case 3's
    fallback); otherwise the server name stays what it is.
    """
    if settings is None:
        return frozenset()
    if settings.relay:
        return frozenset({Change.RELAY})
    found = set()
    if answers.port is None or answers.port.number != settings.port:
        found.add(Change.PORT)
    if settings.auth and answers.auth is not YesNo.YES:
        found.add(Change.AUTH_ON)
    if not settings.auth and answers.auth is YesNo.YES:
        found.add(Change.AUTH_OFF)
    if new_server:
        found.add(Change.SERVER)
        if settings.auth:
            found.add(Change.LOGIN)
    return frozenset(found)


# Target settings ---------------------------------------------------------------


def isp_submission_settings(answers: Answers, isp: IspProfile) -> TargetSettings:
    server = _isp_server_name(answers, isp)
    return TargetSettings(
        server=server or isp.smtp_server_pattern.value,
        server_is_pattern=server is None,
        server_unlisted=_unlisted_domain(answers, isp),
        port=isp.submission_port.value,
        security=isp.submission_security.value,
        auth=True,
        username=Username.ISP_MAIL_ACCOUNT,
        login_name=isp.smtp_login_name.value,
        sources={
            "server": _server_source(answers, isp),
            "port": isp.submission_port.source,
            "security": isp.submission_security.source,
            # The notice's 利用機能 is "587 + SMTP AUTH".
            "auth": isp.submission_port.source,
            "username": isp.smtp_login_name.source,
        },
    )


def _isp_legacy_settings(answers: Answers, isp: IspProfile) -> TargetSettings:
    """Port 25 to the ISP's server without SMTP AUTH, as the notice's case 2 has it."""
    server = _isp_server_name(answers, isp)
    return TargetSettings(
        server=server or isp.smtp_server_pattern.value,
        server_is_pattern=server is None,
        server_unlisted=_unlisted_domain(answers, isp),
        port=isp.legacy_port.value,
        security=Security.NONE,
        auth=False,
        username=Username.NONE,
        sources={
            "server": _server_source(answers, isp),
            "port": isp.legacy_port.source,
            "security": Provenance.ASSUMPTION,
            "auth": isp.legacy_port.source,
        },
    )


def _provider_settings(answers: Answers) -> TargetSettings:
    # Keep 465 if they already use it: it is as good as 587 and not blocked.
    implicit = answers.port is Port.SUBMISSIONS
    host = answers.host
    return TargetSettings(
        server=host if host and "@" not in host else None,
        port=Port.SUBMISSIONS.number if implicit else Port.SUBMISSION.number,
        security=Security.SSL if implicit else Security.STARTTLS,
        auth=True,
        username=Username.PROVIDER_ACCOUNT,
    )


def _relay_settings(isp: IspProfile) -> TargetSettings:
    return TargetSettings(
        server=isp.relay_host.value,
        port=isp.relay_port.value,
        security=Security.NONE,
        auth=False,
        username=Username.NONE,
        relay=True,
        sources={
            "server": isp.relay_host.source,
            "port": isp.relay_port.source,
            # The notice names the relay and nothing else about it.
            "security": Provenance.ASSUMPTION,
            "auth": Provenance.ASSUMPTION,
        },
    )


def _isp_server_name(answers: Answers, isp: IspProfile) -> str | None:
    """The subscriber's own ISP server name: from the ``domain`` answer (the
    address's subdomain fills the pattern), else the ``host`` answer if it is one."""
    if answers.domain and (server := isp.smtp_server_for(answers.domain)):
        return server
    host = answers.host
    if host and "@" not in host and host.endswith(isp.smtp_server_suffix):
        return host
    return None


def _server_source(answers: Answers, isp: IspProfile) -> Provenance:
    """The notice gives the pattern; filling it in from the address is the ISPDB's."""
    if answers.domain and isp.smtp_server_for(answers.domain):
        return isp.mail_subdomains.source
    return isp.smtp_server_pattern.source


def _unlisted_domain(answers: Answers, isp: IspProfile) -> bool:
    return bool(answers.domain) and not isp.is_known_mail_domain(answers.domain or "")


# The branches ------------------------------------------------------------------


def _own_static(answers: Answers) -> Diagnosis:
    on_isp_network = answers.network is Network.PLALA
    return Diagnosis(
        answers=answers,
        case=None,
        verdict=Verdict.SENDS,
        # The notice's note covers a fixed address of the ISP's own connection.
        in_notice=on_isp_network,
        reason=Reason.OWN_STATIC if on_isp_network else Reason.OWN_STATIC_AWAY,
        settings=None,
    )


def _own_dynamic(answers: Answers, isp: IspProfile) -> Diagnosis:
    # The server itself sits on the ISP's dynamic line, whichever line the
    # subscriber reaches it from, so its deliveries on port 25 are blocked.
    return Diagnosis(
        answers=answers,
        case=3,
        example=3,
        verdict=Verdict.FAILS,
        in_notice=True,
        reason=(
            Reason.BLOCKED_OWN_SERVER
            if answers.network is Network.PLALA
            else Reason.BLOCKED_OWN_SERVER_AWAY
        ),
        remedies=(Remedy.RELAY_VIA_MMR,),
        settings=_relay_settings(isp),
        blocked_at=Block.GATEWAY,
    )


def _auth_fix(answers: Answers) -> tuple[Remedy, ...]:
    # The new Outlook always logs in: there is nothing to turn on.
    if answers.auth is YesNo.YES or answers.client is Client.OUTLOOK_NEW:
        return ()
    return (Remedy.ENABLE_SMTP_AUTH,)


def _isp_mail(answers: Answers, isp: IspProfile) -> Diagnosis:
    """Cases 1, 2, 4 and 5, and what the notice implies around them."""
    if answers.plan is Plan.LIGHT:
        return _light_mail(answers, isp)
    on_isp_network = answers.network is Network.PLALA
    submission = isp_submission_settings(answers, isp)
    move = (Remedy.SWITCH_TO_SUBMISSION_PORT, *_auth_fix(answers))

    if answers.port is Port.SUBMISSION:
        if answers.auth is YesNo.NO:
            return Diagnosis(
                answers=answers,
                case=None,
                verdict=Verdict.FAILS,
                in_notice=False,
                reason=Reason.SUBMISSION_NEEDS_AUTH,
                remedies=(Remedy.ENABLE_SMTP_AUTH,),
                settings=submission,
                blocked_at=Block.SERVER,
            )
        return Diagnosis(
            answers=answers,
            case=1 if on_isp_network else 4,
            verdict=Verdict.SENDS,
            in_notice=True,
            reason=Reason.STANDARD if on_isp_network else Reason.OTHER_NETWORK_SUBMISSION,
            settings=submission,
        )

    if answers.port is Port.SUBMISSIONS:
        return Diagnosis(
            answers=answers,
            case=None,
            verdict=Verdict.DEPENDS,
            in_notice=False,
            reason=Reason.IMPLICIT_TLS,
            remedies=move,
            settings=submission,
        )

    if on_isp_network:
        open_ = isp.legacy_port_transition_open.value
        return Diagnosis(
            answers=answers,
            case=2,
            verdict=Verdict.SENDS if open_ else Verdict.FAILS,
            in_notice=True,
            reason=Reason.LEGACY_PORT_ALLOWED if open_ else Reason.LEGACY_PORT_CLOSED,
            remedies=move,
            settings=submission,
            blocked_at=None if open_ else Block.SERVER,
        )

    verdict, reason, block = _case_5[answers.op25b or Op25b.UNKNOWN]
    return Diagnosis(
        answers=answers,
        case=5,
        verdict=verdict,
        in_notice=True,
        reason=reason,
        remedies=move,
        settings=submission,
        blocked_at=block,
    )


# Case 5 by the other connection's OP25B: for set members, then ぷららライト.
_case_5 = {
    Op25b.YES: (Verdict.FAILS, Reason.OTHER_NETWORK_BLOCKED, Block.GATEWAY),
    Op25b.NO: (Verdict.SENDS, Reason.OTHER_NETWORK_OPEN, None),
    Op25b.UNKNOWN: (Verdict.DEPENDS, Reason.OTHER_NETWORK_UNKNOWN, Block.MAYBE_GATEWAY),
}
_light_case_5 = {
    Op25b.YES: (Verdict.FAILS, Reason.LIGHT_OTHER_NETWORK_BLOCKED, Block.GATEWAY),
    Op25b.NO: (Verdict.SENDS, Reason.LIGHT_OTHER_NETWORK_OPEN, None),
    Op25b.UNKNOWN: (Verdict.DEPENDS, Reason.LIGHT_OTHER_NETWORK_UNKNOWN, Block.MAYBE_GATEWAY),
}


def _light_mail(answers: Answers, isp: IspProfile) -> Diagnosis:
    """ぷららライト: the notice excludes it from 587 + SMTP AUTH, so what it can use
    is port 25 from the ISP's own network (case 2), or case 5's port 25 elsewhere.
    Never recommend 587 here, and never undo a working setting."""
    on_isp_network = answers.network is Network.PLALA
    if answers.port is Port.SMTP:
        if on_isp_network:
            open_ = isp.legacy_port_transition_open.value
            return Diagnosis(
                answers=answers,
                case=2,
                verdict=Verdict.SENDS if open_ else Verdict.FAILS,
                in_notice=True,
                reason=Reason.LIGHT_LEGACY_PORT if open_ else Reason.LEGACY_PORT_CLOSED,
                # Case 2 is port 25 without SMTP AUTH, which the notice leaves out
                # of this plan: a login left on is turned off.
                remedies=(Remedy.NOT_ELIGIBLE,) if answers.auth is YesNo.YES or not open_ else (),
                settings=_isp_legacy_settings(answers, isp),
                blocked_at=None if open_ else Block.SERVER,
            )
        verdict, reason, block = _light_case_5[answers.op25b or Op25b.UNKNOWN]
        return Diagnosis(
            answers=answers,
            case=5,
            verdict=verdict,
            in_notice=True,
            reason=reason,
            remedies=(Remedy.NOT_ELIGIBLE,),
            # What they have is the only setting the plan offers; where it is
            # blocked, the remedy says where it works instead.
            settings=None if verdict is Verdict.FAILS else _isp_legacy_settings(answers, isp),
            blocked_at=block,
        )
    # 587 or 465: not part of this plan. The settings are those for sending
    # from the ISP's network (at home, for someone who is away).
    return Diagnosis(
        answers=answers,
        case=None,
        verdict=Verdict.FAILS,
        in_notice=False,
        reason=(
            Reason.LIGHT_NOT_ELIGIBLE_AT_HOME if on_isp_network else Reason.LIGHT_NOT_ELIGIBLE_AWAY
        ),
        remedies=(Remedy.NOT_ELIGIBLE,),
        settings=_isp_legacy_settings(answers, isp),
        blocked_at=Block.SERVER,
    )


def _other_mail(answers: Answers, isp: IspProfile) -> Diagnosis:
    """Another provider's or a hosting service's outgoing server."""
    provider = _provider_settings(answers)
    on_isp_network = answers.network is Network.PLALA
    if answers.port is Port.SMTP:
        if on_isp_network:
            return Diagnosis(
                answers=answers,
                case=3,
                example=1 if answers.service is Service.OTHER_ISP else 2,
                verdict=Verdict.FAILS,
                in_notice=True,
                reason=Reason.BLOCKED_OTHER_SERVER,
                remedies=(
                    Remedy.USE_PROVIDER_SUBMISSION_PORT,
                    *_auth_fix(answers),
                    Remedy.USE_PLALA_SMTP_SERVER,
                ),
                settings=provider,
                alternative=isp_submission_settings(answers, isp),
                blocked_at=Block.GATEWAY,
            )
        return Diagnosis(
            answers=answers,
            case=None,
            verdict=Verdict.DEPENDS,
            in_notice=False,
            reason=Reason.OUTSIDE_NOTICE_PORT_25,
            remedies=(Remedy.USE_PROVIDER_SUBMISSION_PORT, *_auth_fix(answers)),
            settings=provider,
            blocked_at=Block.MAYBE_GATEWAY,
        )
    authenticated = answers.auth is YesNo.YES
    return Diagnosis(
        answers=answers,
        case=None,
        verdict=Verdict.SENDS if authenticated else Verdict.DEPENDS,
        in_notice=False,
        reason=(
            Reason.SUBMISSION_WITHOUT_AUTH
            if not authenticated
            else Reason.PROVIDER_SUBMISSION_OPEN
            if on_isp_network
            else Reason.OUTSIDE_NOTICE_SUBMISSION
        ),
        remedies=(*_auth_fix(answers), Remedy.CONTACT_PROVIDER),
        settings=provider,
        blocked_at=None if authenticated else Block.SERVER,
    )


def _cloud_sending(answers: Answers, isp: IspProfile) -> Diagnosis:
    """The new Outlook: Microsoft's servers send for the subscriber."""
    if answers.service is not Service.PLALA:
        settings = _provider_settings(answers)
        switch = answers.port is Port.SMTP
        remedies = (Remedy.USE_PROVIDER_SUBMISSION_PORT,) * switch + _auth_fix(answers)
        reason = Reason.CLOUD_SENDING
    elif answers.plan is Plan.LIGHT:
        # Microsoft's servers are outside the ISP's network, and the new Outlook
        # always logs in (SMTP AUTH), which the notice leaves out of this plan.
        return Diagnosis(
            answers=answers,
            case=None,
            verdict=Verdict.FAILS,
            in_notice=False,
            reason=Reason.CLOUD_NOT_ELIGIBLE,
            remedies=(Remedy.NOT_ELIGIBLE,),
            settings=None,
            blocked_at=Block.SERVER,
        )
    else:
        settings = isp_submission_settings(answers, isp)
        switch = answers.port is not Port.SUBMISSION
        remedies = (Remedy.SWITCH_TO_SUBMISSION_PORT,) * switch
        reason = Reason.CLOUD_SENDING_ISP_MAIL
    return Diagnosis(
        answers=answers,
        case=None,
        verdict=Verdict.DEPENDS,
        in_notice=False,
        reason=reason,
        remedies=(*remedies, Remedy.CONTACT_PROVIDER),
        settings=settings,
    )


# The notice's table --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NoticeRow:
    """One row (or one example of case 3) of the notice's table."""

    case: int
    example: int | None = None
    network: Network
    service: Service
    # The notice's 利用機能 column: the port, and whether SMTP AUTH goes with it.
    port: Port
    auth: bool
    verdict: Verdict
    # The notice heads case 5 with （参考）: it is about other providers' lines.
    for_reference: bool = False

    @property
    def sample(self) -> Answers:
        """A complete answer set that lands on this row, for links to its result:
        the row's own answers, any mail program, a set contract, and "I don't
        know" for the other connection's OP25B (only case 5 asks it)."""
        return relevant(
            Answers(
                network=self.network,
                service=self.service,
                client=Client.OTHER,
                port=self.port,
                auth=YesNo.YES if self.auth else YesNo.NO,
                op25b=Op25b.UNKNOWN,
                plan=Plan.SET,
            )
        )


NOTICE_ROWS: tuple[NoticeRow, ...] = (
    NoticeRow(
        case=1,
        network=Network.PLALA,
        service=Service.PLALA,
        port=Port.SUBMISSION,
        auth=True,
        verdict=Verdict.SENDS,
    ),
    NoticeRow(
        case=2,
        network=Network.PLALA,
        service=Service.PLALA,
        port=Port.SMTP,
        auth=False,
        verdict=Verdict.SENDS,
    ),
    NoticeRow(
        case=3,
        example=1,
        network=Network.PLALA,
        service=Service.OTHER_ISP,
        port=Port.SMTP,
        auth=False,
        verdict=Verdict.FAILS,
    ),
    NoticeRow(
        case=3,
        example=2,
        network=Network.PLALA,
        service=Service.HOSTING,
        port=Port.SMTP,
        auth=False,
        verdict=Verdict.FAILS,
    ),
    NoticeRow(
        case=3,
        example=3,
        network=Network.PLALA,
        service=Service.OWN_DYNAMIC,
        port=Port.SMTP,
        auth=False,
        verdict=Verdict.FAILS,
    ),
    NoticeRow(
        case=4,
        network=Network.OTHER,
        service=Service.PLALA,
        port=Port.SUBMISSION,
        auth=True,
        verdict=Verdict.SENDS,
    ),
    NoticeRow(
        case=5,
        network=Network.OTHER,
        service=Service.PLALA,
        port=Port.SMTP,
        auth=False,
        verdict=Verdict.DEPENDS,
        for_reference=True,
    ),
)


def notice_row(case: int | None, example: int | None = None) -> NoticeRow | None:
    """The notice's row for a case (and example of case 3); ``None`` off the table."""
    return next(
        (row for row in NOTICE_ROWS if row.case == case and row.example == (example or None)),
        None,
    )


def for_reference(case: int) -> bool:
    """Whether the notice heads this case with （参考） (case 5)."""
    return any(row.for_reference for row in NOTICE_ROWS if row.case == case)
