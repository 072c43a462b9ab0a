"""The subscriber's answers, as they travel in the URL.

Parameter names and values are a public contract (SPEC section 3): links that
support staff sent years ago must keep opening the same page.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum

from .hostnames import LOCAL_PART, MAX_LENGTH, fold, host_name
from .isp import ACTIVE, IspProfile


class Network(StrEnum):
    PLALA = "plala"
    OTHER = "other"


class Service(StrEnum):
    PLALA = "plala"
    OTHER_ISP = "other-isp"
    HOSTING = "hosting"
    OWN_DYNAMIC = "own-dynamic"
    OWN_STATIC = "own-static"

    @property
    def is_own_server(self) -> bool:
        return self in (Service.OWN_DYNAMIC, Service.OWN_STATIC)


class Port(StrEnum):
    SMTP = "25"
    SUBMISSION = "587"
    SUBMISSIONS = "465"

    @property
    def number(self) -> int:
        return int(self.value)


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class Op25b(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Plan(StrEnum):
    SET = "set"
    LIGHT = "light"
    LIGHT_MULTI = "light-multi"


class Client(StrEnum):
    """Mail programs, and for ``service=own-dynamic`` mail server software."""

    OUTLOOK = "outlook"
    OUTLOOK_NEW = "outlook-new"
    THUNDERBIRD = "thunderbird"
    APPLE_MAIL = "apple-mail"
    IOS_MAIL = "ios-mail"
    ANDROID_GMAIL = "android-gmail"
    BECKY = "becky"
    WINDOWS_LIVE_MAIL = "windows-live-mail"
    OUTLOOK_EXPRESS = "outlook-express"
    POSTFIX = "postfix"
    EXIM = "exim"
    SENDMAIL = "sendmail"
    OTHER = "other"


MAIL_PROGRAMS: tuple[Client, ...] = (
    Client.OUTLOOK,
    Client.OUTLOOK_NEW,
    Client.THUNDERBIRD,
    Client.APPLE_MAIL,
    Client.IOS_MAIL,
    Client.ANDROID_GMAIL,
    Client.BECKY,
    Client.WINDOWS_LIVE_MAIL,
    Client.OUTLOOK_EXPRESS,
    Client.OTHER,
)
SERVER_PROGRAMS: tuple[Client, ...] = (
    Client.POSTFIX,
    Client.EXIM,
    Client.SENDMAIL,
    Client.OTHER,
)


def client_choices(service: Service | None) -> tuple[Client, ...]:
    """The ``client`` values that make sense for a mail service."""
    return SERVER_PROGRAMS if service is Service.OWN_DYNAMIC else MAIL_PROGRAMS


class Problem(StrEnum):
    """Why a value was refused; the web layer words each one."""

    NOT_A_CHOICE = "not-a-choice"
    NOT_A_MAIL_PROGRAM = "not-a-mail-program"
    NOT_A_SERVER_PROGRAM = "not-a-server-program"
    BAD_HOST = "bad-host"
    # Not a mail domain at all (nothing after "@", spaces, far too long).
    BAD_DOMAIN = "bad-domain"
    # A domain, but not one of the ISP's: gmail.com, or plala.or.jp alone.
    NOT_ISP_DOMAIN = "not-isp-domain"


@dataclass(frozen=True, kw_only=True)
class Answers:
    """One subscriber's answers; ``None`` means not answered (yet)."""

    network: Network | None = None
    service: Service | None = None
    client: Client | None = None
    port: Port | None = None
    auth: YesNo | None = None
    op25b: Op25b | None = None
    plan: Plan | None = None
    # The part of the subscriber's ISP address after "@", never the part before.
    domain: str | None = None
    host: str | None = None

    def to_query(self) -> dict[str, str]:
        """The answers as URL parameters, in question order, unanswered left out."""
        return {
            field.name: str(value)
            for field in fields(self)
            if (value := getattr(self, field.name)) is not None
        }

    def without(self, *names: str) -> Answers:
        return replace(self, **dict.fromkeys(names))


PARAMS: tuple[str, ...] = tuple(field.name for field in fields(Answers))

_CHOICES: dict[str, type[StrEnum]] = {
    "network": Network,
    "service": Service,
    "client": Client,
    "port": Port,
    "auth": YesNo,
    "op25b": Op25b,
    "plan": Plan,
}


def normalise_host(raw: str) -> str | None:
    """Return the host answer in canonical form, or ``None`` if it is not one.

    >>> normalise_host(" Taro@Example.JP ")
    'taro@example.jp'
    >>> normalise_host("smtp.example.jp.")
    'smtp.example.jp'
    """
    value = fold(raw)
    if not value or len(value) > MAX_LENGTH:
        return None
    local, at, domain = value.rpartition("@")
    if at and not LOCAL_PART.fullmatch(local):
        return None
    if not at:
        try:  # a server given by its address
            return str(ipaddress.ip_address(domain.strip("[]")))
        except ValueError:
            pass
    name = host_name(domain)
    if name is None:
        return None
    return f"{local}@{name}" if at else name


def domain_part(raw: str) -> str:
    """What was typed for ``domain`` without any local part, so it is never kept
    or shown again (the start page promises no personal information); the "@"
    stays, so what is left still reads as refused.

    >>> domain_part(" Taro@ABC.plala.or.jp "), domain_part("taro@"), domain_part("abc")
    ('@ABC.plala.or.jp', '@', 'abc')
    """
    _, at, rest = unicodedata.normalize("NFKC", raw).strip().rpartition("@")
    return at + rest


def normalise_domain(raw: str, *, isp: IspProfile = ACTIVE) -> str | Problem:
    """The ISP mail domain of what a subscriber typed, or why it is not one.

    The part after "@" of an address, the address itself, or the mail server
    name the subscriber already has are all read as the same domain:

    >>> [normalise_domain(text) for text in ("ABC.PLALA.OR.JP ", "taro@abc.plala.or.jp")]
    ['abc.plala.or.jp', 'abc.plala.or.jp']
    >>> normalise_domain("abc.mail.plala.or.jp"), normalise_domain("@newname.plala.or.jp")
    ('abc.plala.or.jp', 'newname.plala.or.jp')
    >>> normalise_domain("gmail.com"), normalise_domain("taro@")
    (<Problem.NOT_ISP_DOMAIN: 'not-isp-domain'>, <Problem.BAD_DOMAIN: 'bad-domain'>)
    """
    value = fold(raw)
    if len(value) > MAX_LENGTH:
        return Problem.BAD_DOMAIN
    name = host_name(value.rpartition("@")[2])
    if name is None:
        return Problem.BAD_DOMAIN
    subdomain = isp.mail_subdomain(name)
    if subdomain is None:
        return Problem.NOT_ISP_DOMAIN
    return f"{subdomain}.{isp.mail_domain.value}"


@dataclass(frozen=True)
class ParsedAnswers:
    """The outcome of reading a query string: what was understood, what was not."""

    answers: Answers
    problems: Mapping[str, Problem]


def parse_answers(query: Mapping[str, str], *, isp: IspProfile = ACTIVE) -> ParsedAnswers:
    """Read answers from URL parameters; unknown parameters are ignored.

    Empty values count as unanswered, so a half-filled link still works. A
    ``client`` that belongs to the other kind of service (``postfix`` for a
    mail program) is reported, since the question would show other choices.
    """
    values: dict[str, object] = {}
    problems: dict[str, Problem] = {}
    for name, enum in _CHOICES.items():
        raw = (query.get(name) or "").strip()
        if not raw:
            continue
        try:
            values[name] = enum(raw.lower())
        except ValueError:
            problems[name] = Problem.NOT_A_CHOICE
    raw_host = query.get("host") or ""
    if raw_host.strip():
        host = normalise_host(raw_host)
        if host is None:
            problems["host"] = Problem.BAD_HOST
        else:
            values["host"] = host
    raw_domain = query.get("domain") or ""
    if raw_domain.strip():
        domain = normalise_domain(raw_domain, isp=isp)
        if isinstance(domain, Problem):
            problems["domain"] = domain
        else:
            values["domain"] = domain
    client, service = values.get("client"), values.get("service")
    # Own servers on a fixed address ask no client: any value is just ignored.
    wrong_kind = (
        isinstance(service, Service)
        and service is not Service.OWN_STATIC
        and client not in client_choices(service)
    )
    if isinstance(client, Client) and wrong_kind:
        del values["client"]
        problems["client"] = (
            Problem.NOT_A_SERVER_PROGRAM
            if service is Service.OWN_DYNAMIC
            else Problem.NOT_A_MAIL_PROGRAM
        )
    return ParsedAnswers(answers=Answers(**values), problems=problems)  # type: ignore[arg-type]
