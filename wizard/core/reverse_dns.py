"""A hint for "which connection am I on?": the visitor's reverse DNS name.

Access lines of most Japanese ISPs have PTR names under the ISP's domain
(``…plala.or.jp``), so the name behind the visitor's address is a good guess,
never a certainty: the page offers it as a suggestion.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum

import dns.exception
import dns.nameserver
import dns.resolver
import dns.reversename

from .isp import IspProfile

LOOKUP_SECONDS = 1.5


class LineGuess(StrEnum):
    ISP = "isp"
    OTHER = "other"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ConnectionHint:
    address: str
    name: str | None
    guess: LineGuess


def make_resolver(nameservers: list[str]) -> dns.resolver.Resolver:
    """A resolver for ``["127.0.0.1:5353", …]``, or the system's when empty.

    >>> make_resolver(["127.0.0.1:5353"]).nameservers[0].port
    5353
    """
    if not nameservers:
        resolver = dns.resolver.Resolver()
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [
            dns.nameserver.Do53Nameserver(*split_host_port(entry)) for entry in nameservers
        ]
    resolver.lifetime = LOOKUP_SECONDS
    resolver.timeout = LOOKUP_SECONDS
    return resolver


def split_host_port(entry: str, default_port: int = 53) -> tuple[str, int]:
    """``"127.0.0.1:5353"``, ``"[::1]:53"``, ``"::1"`` → address and port.

    >>> split_host_port("[::1]:5353")
    ('::1', 5353)
    """
    entry = entry.strip()
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        return host, int(rest.lstrip(":") or default_port)
    if entry.count(":") == 1:
        host, _, port = entry.partition(":")
        return host, int(port or default_port)
    return entry, default_port


def connection_hint(
    address: str, *, isp: IspProfile, resolver: dns.resolver.Resolver
) -> ConnectionHint:
    """Guess whether ``address`` is on the ISP's lines from its PTR name."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ConnectionHint(address, None, LineGuess.UNKNOWN)
    try:
        answer = resolver.resolve(dns.reversename.from_address(str(ip)), "PTR")
    except (dns.exception.DNSException, OSError):
        return ConnectionHint(str(ip), None, LineGuess.UNKNOWN)
    name = str(answer[0].target).rstrip(".").lower()
    suffix = isp.reverse_dns_suffix.lstrip(".")
    on_isp = name == suffix or name.endswith("." + suffix)
    return ConnectionHint(str(ip), name, LineGuess.ISP if on_isp else LineGuess.OTHER)
