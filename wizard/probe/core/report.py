"""What a probe found, as plain data that round-trips through JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .addresses import Refusal
from .errors import ReplyProblem
from .status import ReplyClass
from .targets import TargetKind
from .tls import TlsFacts

__all__ = [
    "CLOSED_OUTCOMES",
    "CheckProblem",
    "CheckRefusal",
    "LookupProblem",
    "Outcome",
    "Phase",
    "PortProblem",
    "PortResult",
    "ProbeReport",
    "RefusalDetail",
    "Refused",
    "TlsMode",
]


class Outcome(StrEnum):
    """One port's result, never a vague "error" (SPEC section 7)."""

    ANSWERED = "answered"
    REFUSED = "refused"  # nothing listens: the server said no at once
    NO_ANSWER = "no-answer"  # no reply to the connection: filtered or down
    UNREACHABLE = "unreachable"
    SILENT = "silent"  # connected, but no greeting in time
    BUSY = "busy"  # greeting 4xx, e.g. 421 too many connections
    REJECTED = "rejected"  # greeting 5xx, e.g. 554 not accepting from you
    TLS_FAILED = "tls-failed"
    PROTOCOL = "protocol"  # not SMTP, or too much of it
    TIMEOUT = "timeout"  # the overall deadline ended the conversation


# Nothing to talk to on the port: nobody listens, or nothing gets through.
CLOSED_OUTCOMES = frozenset({Outcome.REFUSED, Outcome.NO_ANSWER, Outcome.UNREACHABLE})


class TlsMode(StrEnum):
    """How the conversation on a port was encrypted."""

    IMPLICIT = "implicit"  # TLS from the first byte (465)
    STARTTLS = "starttls"  # in clear, then STARTTLS
    NONE = "none"  # no encryption was set up


class Phase(StrEnum):
    CONNECT = "connect"
    TLS = "tls"
    GREETING = "greeting"
    EHLO = "ehlo"
    STARTTLS = "starttls"
    EHLO_TLS = "ehlo-tls"
    DONE = "done"


class CheckProblem(StrEnum):
    """What went wrong on our side rather than the server's."""

    INTERRUPTED = "interrupted"  # the probe was lost (a restart) before it finished


PortProblem = ReplyProblem | CheckProblem

# How each problem has always read in a report's "detail" (the JSON keeps it so).
_DETAIL_HEADS: dict[PortProblem, str] = {
    **{problem: str(problem) for problem in ReplyProblem},
    CheckProblem.INTERRUPTED: "the check was interrupted",
}


def _port_problem(value: str) -> PortProblem | None:
    """A stored problem; one this version does not know reads as none (its text
    stays in the detail), so an unknown value never breaks a report page."""
    for kind in (ReplyProblem, CheckProblem):
        try:
            return kind(value)
        except ValueError:
            continue
    return None


# What the server said is cut here on the page: enough to recognise it.
SHOWN_WORDS = 200
# Where a conversation dropped by the server means it turned us away: after it
# accepted the connection, before it let us see what it offers.
_REFUSING_PHASES = frozenset({Phase.GREETING, Phase.EHLO, Phase.STARTTLS})
_EHLO_REFUSAL = re.compile(r"EHLO (?P<code>[1-5][0-9][0-9]) ?(?P<words>.*)", re.DOTALL)


@dataclass(frozen=True)
class CheckRefusal:
    """The server would not let us check: a 4xx/5xx greeting or answer to EHLO
    (busy, a rate limit, "not from you"), or the connection ended without one.

    ``code`` is ``None`` when the server hung up or reset the connection;
    ``words`` is what it said, if anything. It says nothing about the
    subscriber's settings, only that this server turned our checker away.
    """

    code: int | None
    words: str

    @property
    def reply(self) -> str:
        """The reply as the server sent it: ``"421 4.7.0 Too many connections"``."""
        return f"{self.code or ''} {self.words}".strip()

    @property
    def transient(self) -> bool:
        """A 4xx: "not now" (busy, too many connections, slow down)."""
        return self.code is not None and ReplyClass.of(self.code) is ReplyClass.TRANSIENT_NEGATIVE


@dataclass
class PortResult:
    port: int
    real_port: int
    implicit_tls: bool = False
    outcome: Outcome | None = None
    phase: Phase = Phase.CONNECT
    # What went wrong, by name (the pages word it), and what the server or the
    # system said about it, for people to read.
    problem: PortProblem | None = None
    detail: str = ""
    greeting_code: int | None = None
    greeting: str = ""
    ehlo: dict[str, str] = field(default_factory=dict)
    ehlo_tls: dict[str, str] = field(default_factory=dict)
    starttls_offered: bool = False
    tls: TlsFacts | None = None
    elapsed_ms: int = 0
    # What the server made us read, all conversations on this port together.
    bytes_read: int = 0
    transcript: list[str] = field(default_factory=list)
    # Additive: what was tested. The name used for SNI and the certificate check
    # (the address for an IP target), and the IP address really connected ("" in
    # reports stored before these keys, or when no connection was made).
    server_name: str = ""
    address: str = ""
    # Additive: the AUTH mechanisms of each EHLO reply in the server's own order
    # (``ehlo`` keeps them sorted, as reports always had them).
    ehlo_auth: list[str] | None = None
    ehlo_tls_auth: list[str] | None = None

    @property
    def tls_mode(self) -> TlsMode:
        """How encryption was tried: from the start, or by STARTTLS where the
        server offered it (whether it then worked is in ``outcome`` and ``tls``)."""
        if self.implicit_tls:
            return TlsMode.IMPLICIT
        return TlsMode.STARTTLS if self.starttls_offered else TlsMode.NONE

    @property
    def auth_before_tls_in_order(self) -> list[str]:
        """``auth_before_tls`` as the server listed them (sorted if not recorded)."""
        if self.implicit_tls:
            return []
        return list(self.ehlo_auth) if self.ehlo_auth is not None else self.auth_before_tls

    @property
    def auth_after_tls_in_order(self) -> list[str]:
        """``auth_after_tls`` as the server listed them (sorted if not recorded)."""
        recorded = self.ehlo_auth if self.implicit_tls else self.ehlo_tls_auth
        return list(recorded) if recorded is not None else self.auth_after_tls

    @property
    def detail_line(self) -> str:
        """Problem and detail in one line, as a report's "detail" has always read:
        ``"garbage: HTTP/1.1 400"``, ``"line-too-long"``, ``"TLS handshake timed out"``."""
        if self.problem is None:
            return self.detail
        head = _DETAIL_HEADS[self.problem]
        return f"{head}: {self.detail}" if self.detail else head

    @property
    def check_refusal(self) -> CheckRefusal | None:
        """Whether the server turned our check away, and in what words.

        >>> PortResult(587, 587, outcome=Outcome.BUSY, greeting_code=421,
        ...            greeting="4.7.0 Too many connections").check_refusal
        CheckRefusal(code=421, words='4.7.0 Too many connections')
        """
        if self.outcome in (Outcome.BUSY, Outcome.REJECTED):
            ehlo = _EHLO_REFUSAL.fullmatch(self.detail)
            if ehlo is not None:  # a 220 greeting, then EHLO refused
                return CheckRefusal(int(ehlo["code"]), ehlo["words"][:SHOWN_WORDS])
            return CheckRefusal(self.greeting_code, self.greeting[:SHOWN_WORDS])
        if self.outcome is Outcome.PROTOCOL and self.phase in _REFUSING_PHASES:
            # Closed mid-reply (the half line is its words), or reset: no problem
            # of its own, only the system's error in the detail, not the server's.
            if self.problem is ReplyProblem.CLOSED:
                return CheckRefusal(None, self.detail[:SHOWN_WORDS])
            if self.problem is None:
                return CheckRefusal(None, "")
        return None

    @property
    def auth_before_tls(self) -> list[str]:
        return self.ehlo.get("AUTH", "").split() if not self.implicit_tls else []

    @property
    def auth_after_tls(self) -> list[str]:
        keywords = self.ehlo if self.implicit_tls else self.ehlo_tls
        return keywords.get("AUTH", "").split()

    def as_json(self) -> dict[str, object]:
        return {
            "port": self.port,
            "real_port": self.real_port,
            "implicit_tls": self.implicit_tls,
            "outcome": str(self.outcome) if self.outcome else None,
            "phase": str(self.phase),
            "detail": self.detail_line,
            "problem": str(self.problem) if self.problem else None,
            "greeting_code": self.greeting_code,
            "greeting": self.greeting,
            "ehlo": self.ehlo,
            "ehlo_tls": self.ehlo_tls,
            "starttls_offered": self.starttls_offered,
            "auth_before_tls": self.auth_before_tls,
            "auth_after_tls": self.auth_after_tls,
            "tls": self.tls.as_json() if self.tls else None,
            "elapsed_ms": self.elapsed_ms,
            "bytes_read": self.bytes_read,
            "transcript": self.transcript,
            "server_name": self.server_name,
            "address": self.address,
            "tls_mode": str(self.tls_mode),
            "ehlo_auth": self.ehlo_auth,
            "ehlo_tls_auth": self.ehlo_tls_auth,
            "auth_before_tls_in_order": self.auth_before_tls_in_order,
            "auth_after_tls_in_order": self.auth_after_tls_in_order,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PortResult:
        tls = data.get("tls")
        problem, detail = _problem_and_detail(data)
        return cls(
            port=data["port"],
            real_port=data.get("real_port", data["port"]),
            implicit_tls=data.get("implicit_tls", False),
            outcome=Outcome(data["outcome"]) if data.get("outcome") else None,
            phase=Phase(data.get("phase", "connect")),
            problem=problem,
            detail=detail,
            greeting_code=data.get("greeting_code"),
            greeting=data.get("greeting", ""),
            ehlo=dict(data.get("ehlo") or {}),
            ehlo_tls=dict(data.get("ehlo_tls") or {}),
            starttls_offered=data.get("starttls_offered", False),
            tls=TlsFacts(**tls) if tls else None,
            elapsed_ms=data.get("elapsed_ms", 0),
            bytes_read=data.get("bytes_read", 0),
            transcript=list(data.get("transcript") or []),
            server_name=data.get("server_name") or "",
            address=data.get("address") or "",
            ehlo_auth=_listed(data.get("ehlo_auth")),
            ehlo_tls_auth=_listed(data.get("ehlo_tls_auth")),
        )


def _listed(value: object) -> list[str] | None:
    """A stored list of words; absent (an older report) reads as ``None``."""
    return [str(item) for item in value] if isinstance(value, list) else None


def _problem_and_detail(data: dict[str, Any]) -> tuple[PortProblem | None, str]:
    """A stored port's problem and its free-text detail."""
    line = str(data.get("detail") or "")
    if "problem" in data:
        problem = _port_problem(data["problem"]) if data["problem"] else None
    else:
        # Legacy: reports stored before the "problem" key carry the problem only
        # at the head of "detail" ("closed: 421 bye"); read it there, once.
        problem = next(
            (
                p
                for p, head in _DETAIL_HEADS.items()
                if line == head or line.startswith(f"{head}: ")
            ),
            None,
        )
    if problem is None:
        return None, line
    return problem, line.removeprefix(_DETAIL_HEADS[problem]).removeprefix(": ")


class Refused(StrEnum):
    """Why a whole target was not probed."""

    NOT_FOUND = "not-found"
    FORBIDDEN_ADDRESS = "forbidden-address"


class LookupProblem(StrEnum):
    """Why DNS found nothing, when it is not simply that nothing exists."""

    DNS_TIMEOUT = "dns-timeout"


# More about a refusal: the kind of a forbidden address, or why nothing was found.
RefusalDetail = Refusal | LookupProblem


def _refusal_detail(value: str) -> RefusalDetail | None:
    """A stored refusal detail; an unknown one reads as none."""
    for kind in (Refusal, LookupProblem):
        try:
            return kind(value)
        except ValueError:
            continue
    return None


@dataclass
class ProbeReport:
    target: str
    kind: TargetKind
    host: str | None = None
    address: str | None = None
    discovery: dict[str, object] = field(default_factory=dict)
    ports: list[PortResult] = field(default_factory=list)
    refused: Refused | None = None
    refusal_detail: RefusalDetail | None = None
    started_at: str = ""
    elapsed_ms: int = 0
    # When the probe began (time.monotonic()), so that DNS and the ports share
    # one deadline even when they run in separate calls. Not stored.
    started_monotonic: float = field(default=0.0, repr=False, compare=False)

    def port(self, number: int) -> PortResult | None:
        return next((p for p in self.ports if p.port == number), None)

    def as_json(self) -> dict[str, object]:
        return {
            "target": self.target,
            "kind": str(self.kind),
            "host": self.host,
            "address": self.address,
            "discovery": self.discovery,
            "refused": str(self.refused) if self.refused else None,
            "refusal_detail": str(self.refusal_detail or ""),
            "started_at": self.started_at,
            "elapsed_ms": self.elapsed_ms,
            "ports": [p.as_json() for p in self.ports],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProbeReport:
        return cls(
            target=data["target"],
            kind=TargetKind(data["kind"]),
            host=data.get("host"),
            address=data.get("address"),
            discovery=dict(data.get("discovery") or {}),
            ports=[PortResult.from_json(p) for p in data.get("ports") or []],
            refused=Refused(data["refused"]) if data.get("refused") else None,
            refusal_detail=_refusal_detail(data.get("refusal_detail") or ""),
            started_at=data.get("started_at", ""),
            elapsed_ms=data.get("elapsed_ms", 0),
        )
