"""A subscriber's whole ISP mail account, for the one-click setup files.

A configuration profile (Apple) or an autoconfig file (Thunderbird) does not
change one setting: it describes a whole account, incoming server included.
This module says what that account is for an address's domain, from the
profile's facts, and whether a result's settings are that account's, so the
files and the result pages agree with the settings table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Diagnosis
from .isp import ACTIVE, IspProfile, LoginName, Security


@dataclass(frozen=True, kw_only=True)
class Server:
    host: str
    port: int
    security: Security


@dataclass(frozen=True, kw_only=True)
class MailAccount:
    # The part of the address after "@", e.g. abc.plala.or.jp.
    domain: str
    # POP3, the only incoming protocol the profile's facts give.
    incoming: Server
    outgoing: Server
    # Which part of the address is the user name, for both servers.
    login_name: LoginName

    @property
    def subdomain(self) -> str:
        return self.domain.split(".", 1)[0]


def account_for_domain(domain: str, *, isp: IspProfile = ACTIVE) -> MailAccount | None:
    """The account of an address at ``domain`` when it is one of the ISP's known
    mail domains, sending through the submission port; else ``None``.

    >>> account = account_for_domain("abc.plala.or.jp")
    >>> account.outgoing
    Server(host='abc.mail.plala.or.jp', port=587, security=<Security.NONE: 'none'>)
    >>> account_for_domain("gmail.com"), account_for_domain("newname.plala.or.jp")
    (None, None)
    """
    domain = domain.strip().lower().rstrip(".")
    server = isp.smtp_server_for(domain)
    if server is None or not isp.is_known_mail_domain(domain):
        return None
    return MailAccount(
        domain=domain,
        incoming=Server(host=server, port=isp.pop3_port.value, security=isp.pop3_security.value),
        outgoing=Server(
            host=server, port=isp.submission_port.value, security=isp.submission_security.value
        ),
        login_name=isp.smtp_login_name.value,
    )


def account_for(diagnosis: Diagnosis, *, isp: IspProfile = ACTIVE) -> MailAccount | None:
    """The account a result's settings describe, with their port and security,
    when they are the ISP's own server with its login and the subscriber gave a
    known domain; ``None`` for any other result (another company's server, the
    relay, a login switched off, or no domain to name the server by)."""
    settings = diagnosis.settings
    domain = diagnosis.answers.domain
    if settings is None or domain is None or settings.relay or not settings.auth:
        return None
    account = account_for_domain(domain, isp=isp)
    if account is None or settings.login_name is None or settings.server != account.outgoing.host:
        return None
    outgoing = Server(host=account.outgoing.host, port=settings.port, security=settings.security)
    return MailAccount(
        domain=account.domain,
        incoming=account.incoming,
        outgoing=outgoing,
        login_name=settings.login_name,
    )
