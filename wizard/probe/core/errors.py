"""What can go wrong reading a server's replies, as a small exception tree.

Each class is also the stdlib kind it is (as aiosmtplib's ``errors.py`` does),
and carries a ``ReplyProblem``: the stable name a report stores and the pages
word.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

__all__ = [
    "LineTooLong",
    "NotSmtp",
    "ReadLimitExceeded",
    "ReplyProblem",
    "ReplyTooLong",
    "ServerDisconnected",
    "SmtpProblem",
    "TooMuchData",
]


class ReplyProblem(StrEnum):
    """Why a server's reply could not be read; the values are stored in reports."""

    GARBAGE = "garbage"
    CLOSED = "closed"
    LINE_TOO_LONG = "line-too-long"
    TOO_MUCH_DATA = "too-much-data"
    REPLY_TOO_LONG = "reply-too-long"


class SmtpProblem(Exception):
    """The server said something we cannot read as SMTP, or too much of it.

    ``detail`` is what the server sent, shortened, for people to read.

    >>> str(NotSmtp("HTTP/1.1 400"))
    'garbage: HTTP/1.1 400'
    >>> isinstance(ServerDisconnected(), ConnectionError)
    True
    """

    problem: ClassVar[ReplyProblem]

    def __init__(self, detail: str = "") -> None:
        super().__init__(f"{self.problem}: {detail}" if detail else str(self.problem))
        self.detail = detail


class NotSmtp(SmtpProblem, ValueError):
    """A line that is not an SMTP reply line (an HTTP server, a banner of markup)."""

    problem = ReplyProblem.GARBAGE


class ServerDisconnected(SmtpProblem, ConnectionError):
    """The server closed the connection in the middle of a reply."""

    problem = ReplyProblem.CLOSED


class ReadLimitExceeded(SmtpProblem):
    """The server sent more than one of the client's bounds allows."""


class LineTooLong(ReadLimitExceeded):
    problem = ReplyProblem.LINE_TOO_LONG


class ReplyTooLong(ReadLimitExceeded):
    """More lines in one reply than any real server sends."""

    problem = ReplyProblem.REPLY_TOO_LONG


class TooMuchData(ReadLimitExceeded):
    """More bytes on one connection than the probe will read."""

    problem = ReplyProblem.TOO_MUCH_DATA
