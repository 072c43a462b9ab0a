"""The small part of SMTP the probe speaks: read a reply, parse EHLO.

Only EHLO, STARTTLS and QUIT are ever sent (no AUTH, MAIL, RCPT or DATA: the
client below has no way to say them). Every read is bounded: a line length, a
number of lines per reply, a byte budget per connection and a deadline per
reply, so a silent, dripping or endless server costs at most that.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

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


class SmtpProblem(Exception):
    """The server said something we cannot read as SMTP, or too much of it."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Reply:
    code: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 400


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
        raise SmtpProblem("garbage", line[:SHOWN_LINE])
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

    @property
    def size(self) -> int | None:
        value = self.keywords.get("SIZE", "")
        return int(value) if value.isdigit() else None

    def as_json(self) -> dict[str, str]:
        return dict(self.keywords)


def parse_ehlo(reply: Reply) -> EhloFacts:
    """Keywords of an EHLO reply; the first line is the server's greeting name.

    >>> facts = parse_ehlo(Reply(250, ("mx", "SIZE 1000", "AUTH PLAIN LOGIN", "AUTH=LOGIN")))
    >>> facts.auth, facts.size
    (('LOGIN', 'PLAIN'), 1000)
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
                    raise SmtpProblem("line-too-long") from overrun
                except asyncio.IncompleteReadError as closed:
                    partial = closed.partial[:SHOWN_LINE].decode("utf-8", errors="replace")
                    raise SmtpProblem("closed", partial) from closed
                self.budget -= len(raw)
                self.bytes_read += len(raw)
                if self.budget < 0:
                    raise SmtpProblem("too-much-data")
                code, last, text = parse_reply_line(raw)
                self.transcript.append(f"S: {code}{' ' if last else '-'}{text}")
                lines.append(text)
                if last:
                    return Reply(code, tuple(lines))
                if len(lines) >= MAX_REPLY_LINES:
                    raise SmtpProblem("reply-too-long")

    async def command(self, verb: str, seconds: float) -> Reply:
        self.send(verb)
        return await self.read_reply(seconds)

    def send(self, verb: str) -> None:
        if verb.split(" ")[0] not in ALLOWED_VERBS or "\r" in verb or "\n" in verb:
            raise ValueError(f"the probe never sends {verb!r}")
        self.transcript.append(f"C: {verb}")
        self.writer.write(verb.encode("ascii") + b"\r\n")


ALLOWED_VERBS = frozenset({"EHLO", "STARTTLS", "QUIT"})
