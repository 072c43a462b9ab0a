"""SMTP reply codes the probe looks at, by name (RFC 5321 section 4.2)."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ReplyClass", "SmtpStatus"]


class SmtpStatus(IntEnum):
    """The codes the probe tells apart; any other code is judged by its class."""

    READY = 220  # the greeting, and "go ahead" after STARTTLS
    DOMAIN_UNAVAILABLE = 421  # busy, or shutting down


class ReplyClass(IntEnum):
    """A reply code's first digit: how the server feels about the command.

    >>> ReplyClass.of(421)
    <ReplyClass.TRANSIENT_NEGATIVE: 4>
    >>> ReplyClass.of(354).positive
    True
    """

    POSITIVE_PRELIMINARY = 1
    POSITIVE_COMPLETION = 2
    POSITIVE_INTERMEDIATE = 3
    TRANSIENT_NEGATIVE = 4
    PERMANENT_NEGATIVE = 5

    @classmethod
    def of(cls, code: int) -> ReplyClass:
        """The class of ``code``; ``ValueError`` for a code outside 100-599."""
        if not 100 <= code <= 599:
            raise ValueError(f"{code} is not an SMTP reply code")
        return cls(code // 100)

    @property
    def positive(self) -> bool:
        """Completion or intermediate: the command was accepted (2xx and 3xx)."""
        return self in (ReplyClass.POSITIVE_COMPLETION, ReplyClass.POSITIVE_INTERMEDIATE)
