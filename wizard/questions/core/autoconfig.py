"""Thunderbird's autoconfig file for one of the ISP's mail domains.

The format is "Autoconfig version 1.1" (benbucksch/autoconfig-spec,
``draft-ietf-mailmaint-autoconfig.md`` and its RELAX NG schema
``autoconfig.rnc``): a ``<clientConfig>`` with one ``<emailProvider>``, its
``<domain>``, names, one incoming and one outgoing server. The schema accepts
any order; ours is that of the ISPDB files Mozilla Japan contributed for Plala
until 2022 (thunderbird/autoconfig, ``ispdb/<sub>.plala.or.jp`` before commit
fee9d933) and of the ISPDB today, so a contribution differs from the old file
only where the words changed: ``version="1.1"``, and ``password-cleartext``
for 1.0's ``<authentication>plain``; the 1.0-era ``addThisServer`` and
``useGlobalPreferredServer`` are left out (Thunderbird reads no
``addThisServer`` now, and ``false`` is its default for the other).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field

from .isp import ACTIVE, IspProfile, LoginName, Security
from .mail_account import MailAccount, Server, account_for_domain

VERSION = "1.1"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# The spec's words for a connection's protection ("socketType").
SOCKET_TYPES: Mapping[Security, str] = {
    Security.NONE: "plain",
    Security.STARTTLS: "STARTTLS",
    Security.SSL: "SSL",
}

# The client fills these in from the address the user typed, so the file
# names no one's mailbox.
USERNAMES: Mapping[LoginName, str] = {
    LoginName.LOCAL_PART: "%EMAILLOCALPART%",
    LoginName.ADDRESS: "%EMAILADDRESS%",
}

# A password sent as typed (SASL PLAIN or LOGIN, or POP3's USER/PASS): the
# spec's word whatever the socket, since "TLS by itself does not qualify as
# password-encrypted".
AUTHENTICATION = "password-cleartext"


@dataclass(frozen=True)
class Documentation:
    """The ISP's page that the settings come from: ``<documentation url>``."""

    url: str
    # What the page is, per two-letter language code (``<descr lang>``).
    descr: Mapping[str, str] = field(default_factory=dict)


def autoconfig_xml(
    account: MailAccount,
    *,
    display_name: str,
    short_name: str,
    documentation: Documentation | None = None,
) -> bytes:
    """The autoconfig file of ``account``, as UTF-8 with an XML declaration.

    >>> account = account_for_domain("abc.plala.or.jp")
    >>> text = autoconfig_xml(account, display_name="ぷらら", short_name="ぷらら").decode()
    >>> print(text[: text.index("<incomingServer")].rstrip())
    <?xml version="1.0" encoding="UTF-8"?>
    <clientConfig version="1.1">
      <emailProvider id="abc.plala.or.jp">
        <domain>abc.plala.or.jp</domain>
        <displayName>ぷらら</displayName>
        <displayShortName>ぷらら</displayShortName>
    """
    root = ET.Element("clientConfig", version=VERSION)
    provider = ET.SubElement(root, "emailProvider", id=account.domain)
    ET.SubElement(provider, "domain").text = account.domain
    ET.SubElement(provider, "displayName").text = display_name
    ET.SubElement(provider, "displayShortName").text = short_name
    _server(provider, "incomingServer", "pop3", account.incoming, account.login_name)
    _server(provider, "outgoingServer", "smtp", account.outgoing, account.login_name)
    if documentation is not None:
        page = ET.SubElement(provider, "documentation", url=documentation.url)
        for language, text in documentation.descr.items():
            ET.SubElement(page, "descr", lang=language).text = text
    ET.indent(root)
    # The declaration as the ISPDB files write it (ElementTree's uses single quotes).
    return (DECLARATION + ET.tostring(root, encoding="unicode") + "\n").encode()


def _server(parent: ET.Element, tag: str, kind: str, server: Server, login: LoginName) -> None:
    element = ET.SubElement(parent, tag, type=kind)
    ET.SubElement(element, "hostname").text = server.host
    ET.SubElement(element, "port").text = str(server.port)
    ET.SubElement(element, "socketType").text = SOCKET_TYPES[server.security]
    ET.SubElement(element, "username").text = USERNAMES[login]
    ET.SubElement(element, "authentication").text = AUTHENTICATION


def autoconfig_for_domain(domain: str, *, isp: IspProfile = ACTIVE) -> bytes | None:
    """The file for an address at ``domain``, named as the ISP names itself
    (in Japanese, as its ISPDB files did), pointing to its notice; ``None``
    when ``domain`` is not one of the ISP's known mail domains.

    >>> autoconfig_for_domain("gmail.com") is None
    True
    >>> b"<hostname>abc.mail.plala.or.jp</hostname>" in autoconfig_for_domain("abc.plala.or.jp")
    True
    """
    account = account_for_domain(domain, isp=isp)
    if account is None:
        return None
    names = isp.names_in("ja")
    return autoconfig_xml(
        account,
        display_name=names["isp"],
        short_name=names["isp"],
        documentation=Documentation(isp.notice_url, {"ja": names["notice_title"]}),
    )
