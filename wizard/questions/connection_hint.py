"""A hint for "which connection am I on?": the visitor's reverse DNS name.

Access lines of most Japanese ISPs have PTR names under the ISP's domain
(``…plala.or.jp``), so the name behind the visitor's address is a good guess,
never a certainty: the page offers it as a suggestion.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum

import dns.asyncresolver
import dns.exception
import dns.reversename

from .core.isp import IspProfile

# A hint is not worth a long wait: the page must come back quickly.
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


async def connection_hint(
    address: str, *, isp: IspProfile, resolver: dns.asyncresolver.Resolver
) -> ConnectionHint:
    """Guess whether ``address`` is on the ISP's lines from its PTR name."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ConnectionHint(address, None, LineGuess.UNKNOWN)
    try:
        answer = await resolver.resolve(dns.reversename.from_address(str(ip)), "PTR")
    except (dns.exception.DNSException, OSError):
        return ConnectionHint(str(ip), None, LineGuess.UNKNOWN)
    name = str(answer[0].target).rstrip(".").lower()
    suffix = isp.reverse_dns_suffix.value.lstrip(".")
    on_isp = name == suffix or name.endswith("." + suffix)
    return ConnectionHint(str(ip), name, LineGuess.ISP if on_isp else LineGuess.OTHER)
