"""The small part of SMTP the probe speaks: read a reply, parse EHLO.

Only EHLO, STARTTLS and QUIT are ever sent (no AUTH, MAIL, RCPT or DATA: the
client below has no way to say them). Every read is bounded: a line length, a
number of lines per reply, a byte budget per connection and a deadline per
reply, so a silent, dripping or endless server costs at most that.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from .errors import LineTooLong, NotSmtp, ReplyTooLong, ServerDisconnected, TooMuchData
from .status import ReplyClass

__all__ = [
    "ALLOWED_VERBS",
    "MAX_BYTES_PER_CONNECTION",
    "MAX_LINE",
    "MAX_REPLY_LINES",
    "SHOWN_LINE",
    "TRANSPORT_READ",
    "Connection",
    "EhloFacts",
    "Reply",
    "parse_ehlo",
    "parse_reply_line",
]

# RFC 5321 4.5.3.1.5 allows 512 octets per reply line; real servers stay well
# inside 1000, the limit for a text line.
MAX_LINE = 1000
MAX_REPLY_LINES = 64
MAX_BYTES_PER_CONNECTION = 32 * 1024
# asyncio reads up to this much from a socket at once, before our line limit
# can look at it; one such read is the most an overlong line can cost.
TRANSPORT_READ = 256 * 1024
# How much of each line the report keeps for people to read.
SHOWN_LINE = 200


@dataclass(frozen=True)
class Reply:
    code: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def reply_class(self) -> ReplyClass:
        return ReplyClass.of(self.code)

    @property
    def ok(self) -> bool:
        """Accepted: a 2xx or 3xx reply."""
        return self.reply_class.positive

    @property
    def transient(self) -> bool:
        """A 4xx reply: refused for now (busy, too many connections)."""
        return self.reply_class is ReplyClass.TRANSIENT_NEGATIVE


def parse_reply_line(raw: bytes) -> tuple[int, bool, str]:
    """One reply line → (code, is_last, text).

    >>> parse_reply_line(b"250-PIPELINING\\r\\n")
    (250, False, 'PIPELINING')
    >>> parse_reply_line(b"220 mail.example.jp ESMTP\\r\\n")
    (220, True, 'mail.example.jp ESMTP')
    """
    line = raw.rstrip(b"\r\n").decode("utf-8", errors="replace")
    code, sep, text = line[:3], line[3:4], line[4:]
    if len(code) != 3 or not code.isdigit() or code[0] not in "12345" or sep not in ("", " ", "-"):
        raise NotSmtp(line[:SHOWN_LINE])
    return int(code), sep != "-", text[:SHOWN_LINE]


@dataclass(frozen=True)
class EhloFacts:
    """What an EHLO reply offers."""

    keywords: dict[str, str] = field(default_factory=dict)

    @property
    def auth(self) -> tuple[str, ...]:
        return tuple(self.keywords.get("AUTH", "").split())

    @property
    def starttls(self) -> bool:
        return "STARTTLS" in self.keywords

    def as_json(self) -> dict[str, str]:
        return dict(self.keywords)


def parse_ehlo(reply: Reply) -> EhloFacts:
    """Keywords of an EHLO reply; the first line is the server's greeting name.

    >>> facts = parse_ehlo(Reply(250, ("mx", "SIZE 1000", "AUTH PLAIN LOGIN", "AUTH=LOGIN")))
    >>> facts.auth, facts.keywords["SIZE"]
    (('LOGIN', 'PLAIN'), '1000')
    """
    keywords: dict[str, str] = {}
    for line in reply.lines[1:]:
        word, _, params = line.strip().partition(" ")
        word = word.upper()
        if word.startswith("AUTH="):  # the pre-standard form some servers still send
            word, params = "AUTH", f"{word[5:]} {params}"
        if not word or not all(c.isalnum() or c == "-" for c in word):
            continue
        if word == "AUTH":
            mechanisms = set(keywords.get("AUTH", "").split()) | {m.upper() for m in params.split()}
            params = " ".join(sorted(mechanisms))
        keywords[word] = params.strip()
    return EhloFacts(keywords)


class Connection:
    """One SMTP conversation over asyncio streams, with every read bounded."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.budget = MAX_BYTES_PER_CONNECTION
        self.bytes_read = 0
        self.transcript: list[str] = []

    async def read_reply(self, seconds: float) -> Reply:
        """Read one whole reply within ``seconds`` (a drip cannot stretch it)."""
        async with asyncio.timeout(seconds):
            lines: list[str] = []
            while True:
                try:
                    raw = await self.reader.readuntil(b"\n")
                except asyncio.LimitOverrunError as overrun:
                    self.bytes_read += overrun.consumed
                    raise LineTooLong() from overrun
                except asyncio.IncompleteReadError as closed:
                    partial = closed.partial[:SHOWN_LINE].decode("utf-8", errors="replace")
                    raise ServerDisconnected(partial) from closed
                self.budget -= len(raw)
                self.bytes_read += len(raw)
                if self.budget < 0:
                    raise TooMuchData()
                code, last, text = parse_reply_line(raw)
                self.transcript.append(f"S: {code}{' ' if last else '-'}{text}")
                lines.append(text)
                if last:
                    return Reply(code, tuple(lines))
                if len(lines) >= MAX_REPLY_LINES:
                    raise ReplyTooLong()

    async def command(self, verb: str, seconds: float) -> Reply:
        self.send(verb)
        return await self.read_reply(seconds)

    def discard_buffered(self) -> None:
        """Drop whatever the server sent that we have not read yet.

        After "220" to STARTTLS, anything already received in plain text must
        not be read as if it had come over TLS (a man in the middle could have
        injected it: the STARTTLS injection of CVE-2011-0411). asyncio's
        ``StreamReader`` has no public way to empty its buffer, so this reaches
        into the private one, as aiosmtplib's own protocol clears its buffer.
        """
        self.reader._buffer.clear()  # type: ignore[attr-defined]

    def send(self, verb: str) -> None:
        if verb.split(" ")[0] not in ALLOWED_VERBS or "\r" in verb or "\n" in verb:
            raise ValueError(f"the probe never sends {verb!r}")
        self.transcript.append(f"C: {verb}")
        self.writer.write(verb.encode("ascii") + b"\r\n")


ALLOWED_VERBS = frozenset({"EHLO", "STARTTLS", "QUIT"})
