"""What the subscriber typed: a host name, an IP address or an e-mail address.

Normalise first (full-width digits, ideographic full stops, brackets, a
trailing dot), then validate strictly: DNS libraries and ``getaddrinfo`` accept
far more than a host name (``<script>.example``, ``127.1``, ``0x7f.1``), and
every odd spelling of an address must be recognised as that address so the
vetting in ``addresses.py`` sees it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from enum import StrEnum

from wizard.questions.core.hostnames import LOCAL_PART, MAX_LENGTH, fold, host_name

from .addresses import IPAddress

__all__ = ["BadTarget", "Target", "TargetKind", "TargetProblem", "ip_literal", "parse_target"]

# Spellings of IPv4 that inet_aton understands: decimal, octal, hex, short forms.
_LOOSE_IPV4 = re.compile(r"(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}")


class TargetKind(StrEnum):
    HOST = "host"
    ADDRESS = "address"
    EMAIL = "email"


class TargetProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too-long"
    BAD_CHARACTERS = "bad-characters"
    BAD_NAME = "bad-name"
    BAD_EMAIL = "bad-email"
    SCOPED = "scoped"


class BadTarget(ValueError):
    def __init__(self, problem: TargetProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Target:
    text: str
    kind: TargetKind
    # The host name to resolve (HOST), or the e-mail domain (EMAIL).
    name: str | None = None
    address: IPAddress | None = None


def parse_target(raw: str) -> Target:
    """Read a probe target, or raise ``BadTarget``.

    >>> parse_target("Taro@Example.JP").name
    'example.jp'
    >>> str(parse_target("2130706433").address)
    '127.0.0.1'
    >>> str(parse_target("[::ffff:127.0.0.1]").address)
    '::ffff:7f00:1'
    """
    text = fold(raw)
    if not text:
        raise BadTarget(TargetProblem.EMPTY)
    if len(text) > MAX_LENGTH:
        raise BadTarget(TargetProblem.TOO_LONG)
    if any(ch.isspace() or ord(ch) < 0x20 or ch == "\x7f" for ch in text):
        raise BadTarget(TargetProblem.BAD_CHARACTERS)
    if "@" in text:
        local, _, domain = text.rpartition("@")
        if not LOCAL_PART.fullmatch(local):
            raise BadTarget(TargetProblem.BAD_EMAIL)
        name = host_name(domain)
        if name is None:
            raise BadTarget(TargetProblem.BAD_EMAIL)
        return Target(text=f"{local}@{name}", kind=TargetKind.EMAIL, name=name)
    address = ip_literal(text)
    if address is not None:
        return Target(text=str(address), kind=TargetKind.ADDRESS, address=address)
    name = host_name(text)
    if name is None:
        raise BadTarget(TargetProblem.BAD_NAME)
    return Target(text=name, kind=TargetKind.HOST, name=name)


def ip_literal(text: str) -> IPAddress | None:
    """An IP address in any spelling a resolver would accept, else ``None``."""
    inner = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    if "%" in inner:
        raise BadTarget(TargetProblem.SCOPED)
    try:
        return ipaddress.ip_address(inner)
    except ValueError:
        pass
    candidate = inner.rstrip(".")
    if _LOOSE_IPV4.fullmatch(candidate):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(candidate))
        except OSError:
            raise BadTarget(TargetProblem.BAD_NAME) from None
    return None
