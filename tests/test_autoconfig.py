"""Thunderbird autoconfig for the ISP's domains (SPEC section 8, issue 13).

Every file is checked against the autoconfig spec's own RELAX NG schema
(benbucksch/autoconfig-spec ``autoconfig.rnc`` at cea2aac, written out in
``tests/autoconfig_schema.py``), and that checker is shown to accept the real
ISPDB files in ``tests/fixtures/ispdb/`` (sources in its ``SOURCES.md``): the
Plala file Mozilla removed in 2022 and OCN's of today. What Thunderbird reads
of a file (readFromXML.sys.mjs in comm-central: the provider's domains, for each
server its type, hostname, port 1-65535, socketType plain/SSL/STARTTLS, a
username, an authentication it knows) is checked on the parsed XML.

Checked once by hand beyond these tests (neither tool is a test requirement):
jing validated the 190 served files, both fixtures and the refused samples
below against the spec's ``autoconfig.rng`` with the same verdicts as the
checker, and Thunderbird's own readFromXML.sys.mjs, run under Node.js with
stand-ins for its string bundles, read every served file into a complete
account (POP3 ``<sub>.mail.plala.or.jp:110`` and SMTP ``…:587``, plain,
cleartext password, the local part as user name).
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.autoconfig_schema import problems
from wizard.questions.autoconfig_views import NOT_FOUND
from wizard.questions.core.autoconfig import Documentation, autoconfig_for_domain, autoconfig_xml
from wizard.questions.core.isp import ACTIVE, LoginName, Security
from wizard.questions.core.mail_account import Server, account_for_domain

FIXTURES = Path(__file__).parent / "fixtures" / "ispdb"
PATHS = ["/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml"]
SUBDOMAINS = sorted(ACTIVE.mail_subdomains.value)
# A local part that could not turn up in a file by chance.
LOCAL_PART = "hanako.yamada-77"
USERNAME = {LoginName.LOCAL_PART: "%EMAILLOCALPART%", LoginName.ADDRESS: "%EMAILADDRESS%"}
# What Thunderbird's readFromXML translates; anything else it refuses.
THUNDERBIRD_SOCKET_TYPES = {"plain", "SSL", "STARTTLS"}
THUNDERBIRD_AUTH = {"password-cleartext", "plain", "password-encrypted", "secure", "GSSAPI", "NTLM"}


def server(root: ET.Element, tag: str) -> dict[str, str]:
    (element,) = root.iter(tag)
    return {"type": element.get("type", ""), **{child.tag: child.text or "" for child in element}}


def read_like_thunderbird(xml: bytes) -> ET.Element:
    """The parsed file, after the checks Thunderbird's reader makes."""
    root = ET.fromstring(xml)
    provider = root.find("emailProvider")
    assert provider is not None
    assert provider.get("id")
    assert [d.text for d in provider.findall("domain")]
    for tag, kinds in (("incomingServer", {"pop3", "imap"}), ("outgoingServer", {"smtp"})):
        values = server(root, tag)
        assert values["type"] in kinds
        assert values["hostname"]
        assert 1 <= int(values["port"]) <= 65535
        assert values["socketType"] in THUNDERBIRD_SOCKET_TYPES
        assert values["authentication"] in THUNDERBIRD_AUTH
        assert values["username"]
    return root


# The checker, on real files ----------------------------------------------------


def test_the_checker_accepts_a_real_ispdb_file_of_today():
    xml = (FIXTURES / "ocn.ne.jp.xml").read_bytes()
    assert problems(xml) == []
    read_like_thunderbird(xml)


def test_the_old_plala_file_breaks_the_schema_only_by_its_missing_version():
    """The 2019-2022 ISPDB file predates the required ``version`` attribute;
    Thunderbird reads it all the same (its reader never looks at the version)."""
    xml = (FIXTURES / "abc.plala.or.jp").read_bytes()
    assert problems(xml) == ["/clientConfig: no version attribute"]
    versioned = xml.replace(b"<clientConfig>", b'<clientConfig version="1.1">')
    assert problems(versioned) == []
    read_like_thunderbird(xml)


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        (b'<clientConfig version="1.1"><port>587</port></clientConfig>', "<port> not allowed"),
        (b'<clientConfig version="1.1"><emailProvider/></clientConfig>', "no id attribute"),
        (
            b'<clientConfig version="1.1"><emailProvider id="x"><incomingServer type="pop3">'
            b"<port>one</port></incomingServer></emailProvider></clientConfig>",
            "not a positive integer",
        ),
        (
            b'<clientConfig version="1.1"><emailProvider id="x"><domain><b/>x</domain>'
            b"</emailProvider></clientConfig>",
            "inside a text-only element",
        ),
    ],
    ids=["misplaced", "no-id", "bad-port", "element-in-text"],
)
def test_the_checker_refuses_what_the_schema_refuses(xml, problem):
    assert any(problem in found for found in problems(xml))


# The file itself ---------------------------------------------------------------


def test_our_file_matches_the_former_ispdb_file_in_every_server_setting():
    """Only the spec's words changed since: ``plain`` became ``password-cleartext``."""
    old = ET.fromstring((FIXTURES / "abc.plala.or.jp").read_bytes())
    ours = ET.fromstring(autoconfig_for_domain("abc.plala.or.jp"))
    for tag in ("incomingServer", "outgoingServer"):
        before = server(old, tag)
        before.pop("addThisServer", None), before.pop("useGlobalPreferredServer", None)
        assert before.pop("authentication") == "plain"
        after = server(ours, tag)
        assert after.pop("authentication") == "password-cleartext"
        assert after == before
        # The same elements in the same order, so a diff shows only the words.
        names = [child.tag for child in next(ours.iter(tag))]
        assert names == [n for n in (c.tag for c in next(old.iter(tag))) if n in names]
    for tag in ("domain", "displayName", "displayShortName"):
        assert ours.find(f"emailProvider/{tag}").text == old.find(f"emailProvider/{tag}").text


def test_the_file_points_to_the_isps_notice():
    root = ET.fromstring(autoconfig_for_domain("abc.plala.or.jp"))
    page = root.find("emailProvider/documentation")
    assert page.get("url") == ACTIVE.notice_url
    assert page.find("descr").get("lang") == "ja"
    assert page.find("descr").text == ACTIVE.names_in("ja")["notice_title"]


def test_names_are_escaped_and_every_security_and_login_has_its_word():
    account = dataclasses.replace(
        account_for_domain("abc.plala.or.jp"),
        incoming=Server(host="pop.example.jp", port=995, security=Security.SSL),
        outgoing=Server(host="smtp.example.jp", port=587, security=Security.STARTTLS),
        login_name=LoginName.ADDRESS,
    )
    xml = autoconfig_xml(
        account,
        display_name='A & B <"mail">',
        short_name="A&B",
        documentation=Documentation("https://example.jp/?a=1&b=2", {"en": "<help>"}),
    )
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">')
    assert problems(xml) == []
    root = read_like_thunderbird(xml)
    assert root.find("emailProvider/displayName").text == 'A & B <"mail">'
    assert root.find("emailProvider/documentation").get("url") == "https://example.jp/?a=1&b=2"
    assert root.find("emailProvider/documentation/descr").text == "<help>"
    assert server(root, "incomingServer")["socketType"] == "SSL"
    assert server(root, "outgoingServer")["socketType"] == "STARTTLS"
    assert {server(root, tag)["username"] for tag in ("incomingServer", "outgoingServer")} == {
        "%EMAILADDRESS%"
    }


# The two URLs ------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=["autoconfig-host", "well-known"])
@pytest.mark.parametrize("sub", SUBDOMAINS)
def test_every_plala_domain_gets_its_own_servers(client, path, sub):
    domain = f"{sub}.plala.or.jp"
    response = client.get(path, {"emailaddress": f"{LOCAL_PART}@{domain}"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    xml = response.content
    assert problems(xml) == []
    root = read_like_thunderbird(xml)
    assert root.get("version") == "1.1"
    assert root.find("emailProvider").get("id") == domain
    assert [d.text for d in root.iter("domain")] == [domain]
    incoming, outgoing = server(root, "incomingServer"), server(root, "outgoingServer")
    assert (incoming["type"], outgoing["type"]) == ("pop3", "smtp")
    assert incoming["hostname"] == outgoing["hostname"] == f"{sub}.mail.plala.or.jp"
    assert (incoming["port"], outgoing["port"]) == ("110", "587")
    assert incoming["socketType"] == outgoing["socketType"] == "plain"
    username = USERNAME[ACTIVE.smtp_login_name.value]
    assert incoming["username"] == outgoing["username"] == username
    assert LOCAL_PART.encode() not in xml
    assert all(LOCAL_PART not in value for value in response.headers.values())


@pytest.mark.parametrize(
    "raw",
    ["abc.plala.or.jp", "ABC.PLALA.OR.JP", "@abc.plala.or.jp", "abc.mail.plala.or.jp"],
)
def test_a_domain_alone_is_read_as_the_address(client, raw):
    response = client.get(PATHS[0], {"emailaddress": raw})
    assert response.status_code == 200
    assert server(ET.fromstring(response.content), "outgoingServer")["hostname"] == (
        "abc.mail.plala.or.jp"
    )


@pytest.mark.parametrize(
    ("path", "host"),
    [(PATHS[0], "autoconfig.abc.plala.or.jp"), (PATHS[1], "abc.plala.or.jp")],
    ids=["autoconfig-host", "well-known"],
)
def test_without_an_address_the_host_names_the_domain(client, settings, path, host):
    """The spec makes ``emailaddress`` optional; the name asked is the domain."""
    settings.ALLOWED_HOSTS = [host, "autoconfig.gmail.com"]
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    assert ET.fromstring(response.content).find("emailProvider").get("id") == "abc.plala.or.jp"
    assert client.get(path, HTTP_HOST="autoconfig.gmail.com").status_code == 404


NOT_PLALA = {
    "missing": None,
    "empty": "",
    "no-domain": f"{LOCAL_PART}@",
    "gmail": f"{LOCAL_PART}@gmail.com",
    "gmail-domain": "gmail.com",
    "unknown-plala": f"{LOCAL_PART}@newname.plala.or.jp",
    "plala-alone": f"{LOCAL_PART}@plala.or.jp",
    "deeper": f"{LOCAL_PART}@x.abc.plala.or.jp",
    "lookalike": f"{LOCAL_PART}@abc.plala.or.jp.example.com",
    "markup": '<b>"x"</b>@abc.plala.or.jp>',
    "spaces": f"{LOCAL_PART}@abc plala.or.jp",
    "too-long": f"{LOCAL_PART}@{'a' * 250}.plala.or.jp",
}


@pytest.mark.parametrize("path", PATHS, ids=["autoconfig-host", "well-known"])
@pytest.mark.parametrize("raw", NOT_PLALA.values(), ids=NOT_PLALA.keys())
def test_anything_but_a_known_plala_address_is_not_found(client, path, raw):
    response = client.get(path, {} if raw is None else {"emailaddress": raw})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == NOT_FOUND
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]


@pytest.mark.parametrize("path", PATHS, ids=["autoconfig-host", "well-known"])
def test_head_answers_like_get_without_a_body_and_post_is_refused(client, path):
    query = {"emailaddress": "abc.plala.or.jp"}
    head = client.head(path, query)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == "text/xml; charset=utf-8"
    post = client.post(f"{path}?emailaddress=abc.plala.or.jp")
    assert post.status_code == 405
    assert post["Allow"] == "GET, HEAD"


def test_the_file_is_cacheable_and_a_repeat_gets_304(client):
    query = {"emailaddress": "abc.plala.or.jp"}
    response = client.get(PATHS[0], query)
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=86400"}
    assert "Set-Cookie" not in response
    repeat = client.get(PATHS[0], query, HTTP_IF_NONE_MATCH=response["ETag"])
    assert repeat.status_code == 304


@pytest.mark.parametrize("path", PATHS, ids=["autoconfig-host", "well-known"])
def test_the_download_for_the_ispdb_is_named_after_the_domain(client, path):
    query = {"emailaddress": f"{LOCAL_PART}@rose.plala.or.jp"}
    served = client.get(path, query)
    download = client.get(path, {**query, "download": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="rose.plala.or.jp"'
    assert "Content-Disposition" not in served
    assert download.content == served.content
    assert LOCAL_PART not in download["Content-Disposition"]
