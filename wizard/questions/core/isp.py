"""Everything the product knows about one ISP, in one place.

The logic in ``cases.py`` asks the profile; it never spells a Plala fact itself,
so an operator can correct a fact here (or describe another ISP) without touching
the decision table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Security(StrEnum):
    """How a connection to a mail server is protected."""

    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


@dataclass(frozen=True, kw_only=True)
class IspProfile:
    """Facts about the ISP whose notice the wizard follows."""

    # Proper names, per language code: the ISP, its plans and services.
    names: Mapping[str, Mapping[str, str]]
    # Outgoing server name as the notice writes it; the first label is the one on
    # the subscriber's registration document, so we cannot fill it in ourselves.
    smtp_server_pattern: str
    smtp_server_suffix: str
    submission_port: int
    # How the submission port is protected.
    submission_security: Security
    legacy_port: int
    # The notice allows port 25 to the ISP's own server "during the transition".
    legacy_port_transition_open: bool
    # Relay for subscribers who run their own server on a dynamic address.
    relay_host: str
    relay_port: int
    # Reverse DNS of the ISP's access lines ends with this.
    reverse_dns_suffix: str

    def names_in(self, language: str) -> Mapping[str, str]:
        """Proper names for ``language``, falling back to the first listed."""
        return self.names.get(language) or next(iter(self.names.values()))


PLALA = IspProfile(
    names={
        "ja": {
            "isp": "ぷらら",
            "set_plan": "セット契約",
            "light_plan": "ぷららライト",
            "multi_address": "複数メールアドレスサービス",
            "overseas_restriction": "海外でのメール利用制限",
            "relay_service": "Rate Base Spam Control",
        },
        "en": {
            "isp": "Plala",
            "set_plan": "set contract",
            "light_plan": "Plala Light",
            "multi_address": "Multiple Mail Address Service",
            "overseas_restriction": "overseas mail restriction",
            "relay_service": "Rate Base Spam Control",
        },
    },
    smtp_server_pattern="***.mail.plala.or.jp",
    smtp_server_suffix=".mail.plala.or.jp",
    submission_port=587,
    submission_security=Security.NONE,
    legacy_port=25,
    legacy_port_transition_open=True,
    relay_host="mmr.plala.or.jp",
    relay_port=25,
    reverse_dns_suffix=".plala.or.jp",
)

# The ISP whose notice the product follows: the one place that chooses it.
ACTIVE: IspProfile = PLALA
