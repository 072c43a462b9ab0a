"""Who is asking: the visitor's address, read safely behind trusted proxies."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest

from wizard.probe.core.addresses import IPAddress, IPNetwork, parse_networks, within


def client_key(address: str) -> str:
    """What one client is for the rate limit: an IPv4 address, or an IPv6 /64
    (anyone with one has 2**64 addresses to rotate through).

    >>> client_key("2001:db8:1:2:3:4:5:6")
    '2001:db8:1:2::/64'
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_address(request: HttpRequest, trusted_proxies: list[str]) -> str:
    """The visitor's address: REMOTE_ADDR, unless that is a trusted proxy.

    Then X-Forwarded-For is read from the right, skipping trusted proxies; the
    first address that is not one is the client (anything left of it could be
    forged by the client).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = parse_networks(trusted_proxies)
    if not proxies or not _is_within(remote, proxies):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if not _is_within(hop, proxies):
            return hop if _address(hop) is not None else remote
    return remote


def _address(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_within(text: str, networks: list[IPNetwork]) -> bool:
    address = _address(text)
    return address is not None and within(address, networks)
