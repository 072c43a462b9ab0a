"""Which addresses the probe may connect to: global unicast only.

Python's ``ipaddress.is_global`` is not enough (it calls multicast, NAT64 and
6to4 global; see shared/research/security.md), so the table is explicit, and
IPv6 forms that carry an IPv4 address are judged by that address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from enum import StrEnum

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class Refusal(StrEnum):
    """Why an address is not probed; the pages word each one."""

    LOOPBACK = "loopback"
    PRIVATE = "private"
    LINK_LOCAL = "link-local"
    SHARED = "shared"
    MULTICAST = "multicast"
    RESERVED = "reserved"
    DOCUMENTATION = "documentation"
    UNSPECIFIED = "unspecified"
    SPECIAL = "special"
    SCOPED = "scoped"
    OUT_OF_SCOPE = "out-of-scope"


def _nets(kind: Refusal, *cidrs: str) -> list[tuple[IPNetwork, Refusal]]:
    return [(ipaddress.ip_network(cidr), kind) for cidr in cidrs]


DENIED: list[tuple[IPNetwork, Refusal]] = [
    *_nets(Refusal.UNSPECIFIED, "0.0.0.0/8", "::/128"),
    *_nets(Refusal.LOOPBACK, "127.0.0.0/8", "::1/128"),
    *_nets(Refusal.PRIVATE, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
    *_nets(Refusal.SHARED, "100.64.0.0/10"),
    *_nets(Refusal.LINK_LOCAL, "169.254.0.0/16", "fe80::/10", "fec0::/10"),
    *_nets(
        Refusal.DOCUMENTATION,
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "2001:db8::/32",
        "3fff::/20",
    ),
    *_nets(Refusal.MULTICAST, "224.0.0.0/4", "ff00::/8"),
    *_nets(Refusal.RESERVED, "240.0.0.0/4"),
    *_nets(
        Refusal.SPECIAL,
        "192.0.0.0/24",  # IETF protocol assignments (Oracle cloud metadata 192.0.0.192)
        "192.31.196.0/24",
        "192.52.193.0/24",
        "192.175.48.0/24",  # AS112, AMT
        "192.88.99.0/24",  # 6to4 relay anycast
        "198.18.0.0/15",  # benchmarking
        "2001::/23",  # IETF: Teredo, benchmarking, ORCHID
        "2002::/16",  # 6to4
        "2620:4f:8000::/48",  # AS112
        "64:ff9b::/96",
        "64:ff9b:1::/48",  # NAT64
        "100::/64",  # discard
        "5f00::/16",  # SRv6
    ),
]
GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    packed = address.packed
    compatible = packed[:12] == bytes(12) and packed[12:] not in (bytes(4), bytes(3) + b"\x01")
    if compatible:
        return ipaddress.IPv4Address(packed[12:])  # IPv4-compatible ::a.b.c.d
    if address in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(packed[12:])
    return None


def refusal_for(
    address: IPAddress, *, allowed: Iterable[IPNetwork] = (), only: Iterable[IPNetwork] = ()
) -> Refusal | None:
    """Why ``address`` must not be probed, or ``None`` if it may be.

    >>> refusal_for(ipaddress.ip_address("169.254.169.254"))
    <Refusal.LINK_LOCAL: 'link-local'>
    >>> refusal_for(ipaddress.ip_address("::ffff:127.0.0.1"))
    <Refusal.LOOPBACK: 'loopback'>
    """
    allowed, only = list(allowed), list(only)
    reason = None if within(address, allowed) else _denied(address)
    # A deployment may narrow the probe further (staging, tests): say so last,
    # so the more telling reason wins.
    if reason is None and only and not within(address, only):
        return Refusal.OUT_OF_SCOPE
    return reason


def within(address: IPAddress, networks: Iterable[IPNetwork]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _denied(address: IPAddress) -> Refusal | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return Refusal.SCOPED
        inner = embedded_ipv4(address)
        if inner is not None:
            # Never through an IPv6 disguise, whatever it carries.
            return _denied(inner) or _listed(address) or Refusal.SPECIAL
        if address not in GLOBAL_UNICAST_V6:
            return _listed(address) or Refusal.RESERVED
    return _listed(address)


def _listed(address: IPAddress) -> Refusal | None:
    for network, kind in DENIED:
        if address.version == network.version and address in network:
            return kind
    return None


def parse_networks(entries: Iterable[str]) -> list[IPNetwork]:
    """CIDRs from configuration, e.g. ``["127.0.0.0/8", "::1/128"]``."""
    return [ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip()]
