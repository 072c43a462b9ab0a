"""An Apple configuration profile (``.mobileconfig``) for the ISP's mail account.

The keys follow apple/device-management (``mdm/profiles/TopLevel.yaml``,
``CommonPayloadKeys.yaml`` and ``com.apple.mail.managed.yaml``); the tests
check every key against the list derived from them. The profile creates a new
account on the device: it never edits the one the subscriber already has.

What the profile leaves out, on purpose:

- No password (``IncomingPassword``, ``OutgoingPassword``): Apple says to use
  them only in encrypted profiles, and we never take one. The device asks.
- No ``EmailAddress`` and no user names: we never take the subscriber's local
  part, so we cannot fill in either. Apple's keys say that without them the
  device asks for each while the profile is installed, which is what we want;
  the profile's description says what to type as the user name.
- No ``EmailAccountName`` (the sender's name), for the same reason; Mail asks.
"""

from __future__ import annotations

import plistlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .cases import Diagnosis
from .isp import ACTIVE, IspProfile, Security
from .mail_account import MailAccount

MAIL_PAYLOAD_TYPE = "com.apple.mail.managed"
CONTENT_TYPE = "application/x-apple-aspen-config"


@dataclass(frozen=True, kw_only=True)
class ProfileText:
    """The words a person sees, in their language (the web layer translates them)."""

    # The profile's name on the install screen (PayloadDisplayName).
    display_name: str
    # What installing it does, on the same screen (PayloadDescription).
    description: str
    # Who made the profile (PayloadOrganization).
    organization: str
    # The account's name in Mail and Settings (EmailAccountDescription).
    account_description: str


class NoProfile(StrEnum):
    """Why a result has no profile."""

    # The settings are the ISP's server, but we do not know which one: no domain.
    NO_DOMAIN = "no-domain"
    # A domain the ISP's profile does not list (a new name or a typing mistake).
    UNKNOWN_DOMAIN = "unknown-domain"
    # Another company's server, the relay, or sending without the ISP's login.
    NOT_ISP_SERVER = "not-isp-server"


def why_no_profile(diagnosis: Diagnosis, *, isp: IspProfile = ACTIVE) -> NoProfile:
    """Why ``account_for(diagnosis)`` gave no account, for a result that has none."""
    settings = diagnosis.settings
    if settings is None or settings.relay or not settings.auth or settings.login_name is None:
        return NoProfile.NOT_ISP_SERVER
    if settings.server_unlisted:
        return NoProfile.UNKNOWN_DOMAIN
    isp_server = settings.server_is_pattern or (
        settings.server is not None and isp.mail_subdomain(settings.server) is not None
    )
    if isp_server and diagnosis.answers.domain is None:
        return NoProfile.NO_DOMAIN
    return NoProfile.NOT_ISP_SERVER


def profile_identifier(account: MailAccount) -> str:
    """The profile's PayloadIdentifier: one per mail domain, the same on every
    download, so installing it again replaces the profile instead of adding one.

    >>> from .mail_account import account_for_domain
    >>> profile_identifier(account_for_domain("abc.plala.or.jp"))
    'jp.or.plala.mail-setup.abc'
    """
    parent = account.domain.split(".", 1)[1]
    return ".".join([*reversed(parent.split(".")), "mail-setup", account.subdomain])


def profile_filename(account: MailAccount) -> str:
    """The download's file name, e.g. ``plala-mail-abc.mobileconfig``.

    >>> from .mail_account import account_for_domain
    >>> profile_filename(account_for_domain("abc.plala.or.jp"))
    'plala-mail-abc.mobileconfig'
    """
    isp_label = account.domain.split(".")[1]
    return f"{isp_label}-mail-{account.subdomain}.mobileconfig"


def uses_ssl(security: Security) -> bool:
    """``…UseSSL`` for a connection's security.

    Apple documents ``UseSSL`` only as "enables SSL", not whether it means
    STARTTLS or TLS from the first byte; Mail is known to do STARTTLS on 587
    and implicit TLS on 465, so both map to true. ``Security.NONE`` (what the
    ISP's facts give for 587 and POP3 today) maps to false: the settings table
    says no encryption, and true against a server without TLS would not connect.
    """
    return security is not Security.NONE


def build_profile(
    account: MailAccount,
    *,
    text: ProfileText,
    new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
) -> dict[str, object]:
    """The profile as a plist dictionary: one mail payload for ``account``.

    The UUIDs are fresh on each call (``new_uuid`` makes them); the identifiers
    are stable (``profile_identifier``).
    """
    identifier = profile_identifier(account)
    mail: dict[str, object] = {
        "PayloadType": MAIL_PAYLOAD_TYPE,
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{identifier}.mail",
        "PayloadUUID": str(new_uuid()).upper(),
        "PayloadDisplayName": text.account_description,
        "EmailAccountType": "EmailTypePOP",
        "EmailAccountDescription": text.account_description,
        "IncomingMailServerHostName": account.incoming.host,
        "IncomingMailServerPortNumber": account.incoming.port,
        "IncomingMailServerUseSSL": uses_ssl(account.incoming.security),
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "OutgoingMailServerHostName": account.outgoing.host,
        # Always given: left out, the device would try 25, 587 and 465 in turn.
        "OutgoingMailServerPortNumber": account.outgoing.port,
        "OutgoingMailServerUseSSL": uses_ssl(account.outgoing.security),
        # account_for() only gives accounts that log in (SMTP AUTH).
        "OutgoingMailServerAuthentication": "EmailAuthPassword",
    }
    return {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": identifier,
        "PayloadUUID": str(new_uuid()).upper(),
        "PayloadDisplayName": text.display_name,
        "PayloadDescription": text.description,
        "PayloadOrganization": text.organization,
        "PayloadRemovalDisallowed": False,
        "PayloadContent": [mail],
    }


def profile_bytes(profile: dict[str, object]) -> bytes:
    """The profile as an XML property list, the form the device reads."""
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=False)
