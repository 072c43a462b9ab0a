"""How a probe behaves: ports, deadlines, whom to trust. Built from settings by
the web layer, or by tests directly."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wizard.questions.core.answers import Port
from wizard.questions.core.hostnames import host_name

from .addresses import IPNetwork, parse_networks

__all__ = [
    "IMPLICIT_TLS_PORT",
    "IMPLICIT_TLS_PORTS",
    "PORTS",
    "SMTP_PORT",
    "SUBMISSION_PORT",
    "ProbeConfig",
    "config_from",
    "parse_port_map",
]

# The three ports the probe knows (the wizard's port answers); no other is ever probed.
SUBMISSION_PORT = Port.SUBMISSION.number  # submission with STARTTLS (RFC 6409)
IMPLICIT_TLS_PORT = Port.SUBMISSIONS.number  # submission over TLS from the start (RFC 8314)
SMTP_PORT = Port.SMTP.number  # server to server; what Outbound Port 25 Blocking closes
PORTS: tuple[int, ...] = (SUBMISSION_PORT, IMPLICIT_TLS_PORT, SMTP_PORT)
IMPLICIT_TLS_PORTS = frozenset({IMPLICIT_TLS_PORT})


@dataclass(frozen=True, kw_only=True)
class ProbeConfig:
    # Overall deadline for one probe, DNS included (WIZARD_PROBE_TIMEOUT).
    deadline: float = 10.0
    dns_seconds: float = 3.0
    connect_seconds: float = 4.0
    reply_seconds: float = 5.0
    tls_seconds: float = 5.0
    # Logical port → the port really connected to (WIZARD_PROBE_PORT_MAP, for labs).
    port_map: Mapping[int, int] = field(default_factory=dict)
    allow_networks: tuple[IPNetwork, ...] = ()
    # When set, nothing outside these networks is ever connected to (staging, tests).
    only_networks: tuple[IPNetwork, ...] = ()
    nameservers: tuple[str, ...] = ()
    cafile: str | None = None
    # The name we greet with: ours, never the subscriber's.
    ehlo_name: str = "localhost"

    def real_port(self, port: int) -> int:
        return self.port_map.get(port, port)


def parse_port_map(text: str) -> dict[int, int]:
    """``"25:2525,465:2465"`` → ``{25: 2525, 465: 2465}``; only the three ports map.

    >>> parse_port_map("25:2525, 587:2587")
    {25: 2525, 587: 2587}
    """
    mapping: dict[int, int] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        logical, _, real = item.partition(":")
        port, target = int(logical), int(real)
        if port not in PORTS or not 0 < target < 65536:
            raise ValueError(f"bad port mapping {item.strip()!r}")
        mapping[port] = target
    return mapping


def config_from(
    *,
    deadline: float,
    port_map: str,
    allow_networks: list[str],
    nameservers: list[str],
    cafile: str | None = None,
    ehlo_name: str = "localhost",
    only_networks: list[str] | None = None,
) -> ProbeConfig:
    if host_name(ehlo_name) is None and ehlo_name != "localhost":
        raise ValueError(f"WIZARD_PROBE_EHLO_NAME is not a host name: {ehlo_name!r}")
    return ProbeConfig(
        deadline=deadline,
        ehlo_name=ehlo_name,
        port_map=parse_port_map(port_map),
        allow_networks=tuple(parse_networks(allow_networks)),
        only_networks=tuple(parse_networks(only_networks or [])),
        nameservers=tuple(nameservers),
        cafile=cafile or None,
        # Short deadlines (labs, tests) shrink every phase with them.
        connect_seconds=min(4.0, deadline),
        reply_seconds=min(5.0, deadline),
        tls_seconds=min(5.0, deadline),
        dns_seconds=min(3.0, deadline / 2),
    )
