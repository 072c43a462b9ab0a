"""From a target to one host and its addresses, through DNS (dnspython).

For an e-mail address: RFC 6186 SRV records first (``_submission._tcp``, then
``_submissions._tcp``), then the usual names (``smtp.``, ``mail.``, the domain
itself). The MX records are looked up for information only: they receive mail,
they are not where a subscriber submits it.
"""

from __future__ import annotations

import asyncio
import ipaddress
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.resolver

from wizard.questions.core.hostnames import host_name

from .addresses import IPAddress
from .targets import Target, TargetKind

__all__ = [
    "CANDIDATE_PREFIXES",
    "SRV_SERVICES",
    "ChosenBy",
    "Discovery",
    "addresses_of",
    "discover",
    "make_async_resolver",
    "split_host_port",
]

CANDIDATE_PREFIXES = ("smtp.", "mail.", "")


class ChosenBy(StrEnum):
    """How the host to probe was chosen."""

    ADDRESS = "address"  # the subscriber typed an IP address
    HOST = "host"  # the subscriber typed a host name
    SRV_SUBMISSION = "srv-submission"  # the domain's _submission._tcp SRV record
    SRV_SUBMISSIONS = "srv-submissions"  # the domain's _submissions._tcp SRV record
    GUESS = "guess"  # the usual names: smtp., mail., the domain itself


# RFC 6186 services, in the order they are tried.
SRV_SERVICES = {"submission": ChosenBy.SRV_SUBMISSION, "submissions": ChosenBy.SRV_SUBMISSIONS}


@dataclass
class Discovery:
    host: str | None = None
    addresses: list[IPAddress] = field(default_factory=list)
    # None: no name had an address.
    chosen_by: ChosenBy | None = None
    srv: list[dict[str, object]] = field(default_factory=list)
    mx: list[str] = field(default_factory=list)
    tried: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "host": self.host,
            "addresses": [str(a) for a in self.addresses],
            "chosen_by": str(self.chosen_by or ""),
            "srv": self.srv,
            "mx": self.mx,
            "tried": self.tried,
        }


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


def make_async_resolver(nameservers: list[str], seconds: float) -> dns.asyncresolver.Resolver:
    if nameservers:
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.nameservers = [
            dns.nameserver.Do53Nameserver(*split_host_port(entry)) for entry in nameservers
        ]
    else:
        resolver = dns.asyncresolver.Resolver()
    resolver.timeout = seconds
    resolver.lifetime = seconds
    return resolver


async def _records(resolver: dns.asyncresolver.Resolver, name: str, rdtype: str) -> list[Any]:
    """The records of one type, or none: a missing name, no answer, a timeout or a
    network error all mean "nothing here" to the probe."""
    try:
        answer = await resolver.resolve(name, rdtype)
    except (dns.exception.DNSException, OSError):
        return []
    return list(answer)


async def addresses_of(resolver: dns.asyncresolver.Resolver, name: str) -> list[IPAddress]:
    """A and AAAA records of ``name``, IPv4 first (most reliable for a probe)."""
    v4, v6 = await asyncio.gather(_records(resolver, name, "A"), _records(resolver, name, "AAAA"))
    found: list[IPAddress] = []
    for record in [*v4, *v6]:
        try:
            found.append(ipaddress.ip_address(record.address))
        except ValueError:
            continue
    return found


async def discover(target: Target, resolver: dns.asyncresolver.Resolver) -> Discovery:
    """Choose the host to probe for ``target`` and resolve it, once."""
    if target.kind is TargetKind.ADDRESS:
        assert target.address is not None
        return Discovery(host=None, addresses=[target.address], chosen_by=ChosenBy.ADDRESS)
    assert target.name is not None
    if target.kind is TargetKind.HOST:
        return Discovery(
            host=target.name,
            addresses=await addresses_of(resolver, target.name),
            chosen_by=ChosenBy.HOST,
            tried=[target.name],
        )
    domain = target.name
    submission, submissions, mx = await asyncio.gather(
        _records(resolver, f"_submission._tcp.{domain}", "SRV"),
        _records(resolver, f"_submissions._tcp.{domain}", "SRV"),
        _records(resolver, domain, "MX"),
    )
    found = Discovery(
        srv=[
            {
                "service": service,
                "target": str(r.target).rstrip("."),
                "port": r.port,
                "priority": r.priority,
            }
            for service, records in zip(SRV_SERVICES, (submission, submissions), strict=True)
            for r in sorted(records, key=lambda r: (r.priority, -r.weight))
        ],
        mx=[str(r.exchange).rstrip(".") for r in sorted(mx, key=lambda r: r.preference)],
    )
    candidates: list[tuple[str, ChosenBy]] = [
        (str(entry["target"]), SRV_SERVICES[str(entry["service"])])
        for entry in found.srv
        if str(entry["target"]) not in ("", ".")  # "." means: service not offered
    ]
    candidates += [(f"{prefix}{domain}", ChosenBy.GUESS) for prefix in CANDIDATE_PREFIXES]
    for candidate, how in candidates:
        name = host_name(candidate)
        if name is None or name in found.tried:
            continue
        found.tried.append(name)
        addresses = await addresses_of(resolver, name)
        if addresses:
            found.host, found.addresses, found.chosen_by = name, addresses, how
            return found
    return found
