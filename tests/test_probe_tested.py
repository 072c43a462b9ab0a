"""The report says exactly what was tested (issue 11, point 5): per port the name,
the IP address and the port really connected, STARTTLS or implicit TLS, the AUTH
mechanisms in the server's own order, and the certificate's subject, issuer with
its organisation, and expiry time; against real aiosmtpd servers on loopback."""

from __future__ import annotations

import datetime as dt
import json
import ssl

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import texts
from tests.servers.smtp_servers import SERVER_NAME, RecordingHandler, Seen, free_port

# Deliberately not alphabetical: the page must keep the server's order.
SERVER_AUTH = ["PLAIN", "LOGIN", "CRAM-MD5"]
EXPIRY = dt.datetime(2031, 3, 1, 12, 34, 56, tzinfo=dt.UTC)


class LabCa:
    """A CA named like a public one (O and CN), and a certificate it issues for
    ``SERVER_NAME`` that expires at ``EXPIRY``."""

    def __init__(self, tmp_path) -> None:
        now = dt.datetime.now(dt.UTC)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Lab Encrypt"),
                x509.NameAttribute(NameOID.COMMON_NAME, "R11"),
            ]
        )
        ca = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(EXPIRY + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        leaf = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SERVER_NAME)]))
            .issuer_name(ca_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(EXPIRY)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(SERVER_NAME)]), False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        pem = serialization.Encoding.PEM
        self.cafile = str(tmp_path / "lab-ca.pem")
        (tmp_path / "lab-ca.pem").write_bytes(ca.public_bytes(pem))
        self._cert = tmp_path / "lab-leaf.pem"
        self._cert.write_bytes(leaf.public_bytes(pem))
        self._key = tmp_path / "lab-leaf.key"
        self._key.write_bytes(
            key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self._cert, self._key)
        return context


class ReorderedAuth(RecordingHandler):
    """Lists AUTH as ``SERVER_AUTH``, in that order, wherever aiosmtpd offers it."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        responses = await super().handle_EHLO(server, session, envelope, hostname, responses)
        return [
            f"250-AUTH {' '.join(SERVER_AUTH)}" if line.startswith("250-AUTH") else line
            for line in responses
        ]


def start(seen: Seen, context: ssl.SSLContext, *, implicit: bool) -> Controller:
    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.commands.append("AUTH")
        return AuthResult(success=False, handled=False)

    tls = {"ssl_context": context, "server_hostname": SERVER_NAME} if implicit else {}
    controller = Controller(
        ReorderedAuth(seen),
        hostname="127.0.0.1",
        port=free_port(),
        ready_timeout=5,
        authenticator=authenticator,
        # On 587, AUTH only after STARTTLS; aiosmtpd does not count implicit TLS as TLS.
        auth_require_tls=not implicit,
        **({} if implicit else {"tls_context": context, "require_starttls": False}),
        **tls,
    )
    controller.start()
    return controller


@pytest.fixture
def tested_lab(tmp_path, dns_lab, settings):
    """587 with STARTTLS and 465 with implicit TLS on mapped ports, 25 closed."""
    certs = LabCa(tmp_path)
    seen = Seen()
    servers = {
        587: start(seen, certs.server_context(), implicit=False),
        465: start(seen, certs.server_context(), implicit=True),
    }
    ports = {587: servers[587].port, 465: servers[465].port, 25: free_port()}
    settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{k}:{v}" for k, v in ports.items())
    settings.WIZARD_PROBE_ALLOW_NETWORKS = ["127.0.0.0/8"]
    settings.WIZARD_DNS_NAMESERVERS = [dns_lab.address]
    settings.WIZARD_PROBE_CA_FILE = certs.cafile
    settings.WIZARD_PROBE_TIMEOUT = 5
    yield seen, ports
    for server in servers.values():
        server.stop()


def api(client, target: str) -> dict:
    response = client.post(
        "/api/probe", data=json.dumps({"target": target}), content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()


def rows(html: str) -> list[str]:
    """Every label and value row on the page, as "label: value"."""
    labels, values = texts(html, "dt"), texts(html, "dd")
    return [f"{label}: {value}" for label, value in zip(labels, values, strict=True)]


@pytest.mark.django_db(transaction=True)
def test_the_json_says_what_each_port_tested(client, tested_lab):
    seen, ports = tested_lab
    body = api(client, SERVER_NAME)
    by_port = {p["port"]: p for p in body["ports"]}
    submission, implicit, smtp = by_port[587], by_port[465], by_port[25]

    for port in (submission, implicit, smtp):
        assert port["server_name"] == SERVER_NAME
        assert port["address"] == "127.0.0.1"
        assert port["real_port"] == ports[port["port"]]
    assert (submission["tls_mode"], implicit["tls_mode"], smtp["tls_mode"]) == (
        "starttls",
        "implicit",
        "none",
    )
    # The server's own order; the old keys keep their sorted reading.
    assert submission["auth_after_tls_in_order"] == SERVER_AUTH
    assert submission["ehlo_tls_auth"] == SERVER_AUTH
    assert submission["auth_before_tls_in_order"] == []
    assert implicit["auth_after_tls_in_order"] == SERVER_AUTH
    assert submission["auth_after_tls"] == sorted(SERVER_AUTH)
    assert submission["ehlo_tls"]["AUTH"] == " ".join(sorted(SERVER_AUTH))

    for port in (submission, implicit):
        tls = port["tls"]
        assert (tls["trusted"], tls["name_match"]) == (True, True)
        assert tls["subject"] == SERVER_NAME
        assert (tls["issuer"], tls["issuer_org"]) == ("R11", "Lab Encrypt")
        assert tls["not_after"] == "2031-03-01"
        assert tls["not_after_time"] == "2031-03-01T12:34:56Z"
    # It asked and listened; it never logged in.
    assert seen.commands == []


@pytest.mark.django_db(transaction=True)
def test_an_ip_target_says_the_address_was_the_name_checked(client, tested_lab):
    body = api(client, "127.0.0.1")
    for port in body["ports"]:
        assert (port["server_name"], port["address"]) == ("127.0.0.1", "127.0.0.1")


@pytest.mark.django_db(transaction=True)
def test_the_english_page_says_what_was_tested(client, tested_lab):
    _, ports = tested_lab
    record_id = api(client, SERVER_NAME)["id"]
    html = client.get(f"/en/probe/{record_id}/").content.decode()
    shown = rows(html)
    assert f"Server name used: {SERVER_NAME}" in shown
    assert "IP address connected: 127.0.0.1" in shown
    assert f"Port checked: 587 (connected on {ports[587]})" in shown
    assert f"Port checked: 465 (connected on {ports[465]})" in shown
    assert "How it was encrypted: STARTTLS (connected unencrypted, then encrypted)" in shown
    assert "How it was encrypted: SSL/TLS from the start (implicit TLS)" in shown
    assert "Login methods before STARTTLS, in the server's order: None offered" in shown
    assert "Login methods after STARTTLS, in the server's order: PLAIN, LOGIN, CRAM-MD5" in shown
    assert "Login methods (AUTH), in the server's order: PLAIN, LOGIN, CRAM-MD5" in shown
    assert f"Certificate subject (CN): {SERVER_NAME}" in shown
    assert "Issued by: Lab Encrypt (R11)" in shown
    assert "Valid until: 2031-03-01 12:34:56 UTC" in shown


@pytest.mark.django_db(transaction=True)
def test_the_japanese_page_says_what_was_tested(client, tested_lab):
    _, ports = tested_lab
    record_id = api(client, SERVER_NAME)["id"]
    html = client.get(f"/probe/{record_id}/").content.decode()
    shown = rows(html)
    assert f"確認に使ったサーバー名: {SERVER_NAME}" in shown
    assert "接続したIPアドレス: 127.0.0.1" in shown
    assert f"確認したポート: 587（実際の接続先は{ports[587]}）" in shown
    assert "暗号化のしかた: STARTTLS（暗号化なしで接続したあと、暗号化）" in shown
    assert "暗号化のしかた: 接続の最初からSSL/TLS（暗黙のTLS）" in shown
    assert "STARTTLS後のログイン方式（サーバーが示した順）: PLAIN, LOGIN, CRAM-MD5" in shown
    assert "ログイン方式（AUTH、サーバーが示した順）: PLAIN, LOGIN, CRAM-MD5" in shown
    assert "発行者: Lab Encrypt（R11）" in shown
    assert "有効期限: 2031-03-01 12:34:56（UTC）" in shown
    # Yes and no are the page's own words, not the notice's 対応してる.
    assert "信頼できる証明書: ○ はい" in shown


def test_an_unmapped_port_shows_the_port_alone():
    from django.utils import translation

    from wizard.probe.core.report import Outcome, PortResult
    from wizard.probe.page_context import checked_rows

    port = PortResult(port=587, real_port=587, outcome=Outcome.REFUSED, address="127.0.0.1")
    with translation.override("en"):
        assert {"label": "Port checked", "value": "587"} in checked_rows(port, None)


# A port of a report stored before these facts were recorded: no server_name,
# address, tls_mode, ehlo_auth, subject, issuer_org or not_after_time.
LEGACY_PORT = {
    "port": 587,
    "real_port": 587,
    "implicit_tls": False,
    "outcome": "answered",
    "phase": "done",
    "detail": "",
    "greeting_code": 220,
    "greeting": f"{SERVER_NAME} ESMTP",
    "ehlo": {"STARTTLS": "", "SIZE": "1000"},
    "ehlo_tls": {"AUTH": "LOGIN PLAIN", "SIZE": "1000"},
    "starttls_offered": True,
    "auth_before_tls": [],
    "auth_after_tls": ["LOGIN", "PLAIN"],
    "tls": {
        "version": "TLSv1.3",
        "cipher": "TLS_AES_256_GCM_SHA384",
        "names": [SERVER_NAME],
        "issuer": "R11",
        "not_after": "2030-01-31",
        "expired": False,
        "trusted": True,
        "trust_error": "",
        "name_match": True,
    },
    "elapsed_ms": 40,
    "transcript": [],
}


@pytest.mark.django_db
def test_a_report_stored_before_these_facts_still_renders(client):
    from wizard.probe.models import ProbeRecord

    record = ProbeRecord.objects.create(
        target=SERVER_NAME,
        status=ProbeRecord.Status.DONE,
        report={
            "target": SERVER_NAME,
            "kind": "host",
            "host": SERVER_NAME,
            "address": "192.0.2.7",
            "ports": [LEGACY_PORT],
        },
        expires_at="2100-01-01T00:00:00Z",
    )
    response = client.get(f"/en/probe/{record.pk}/")
    assert response.status_code == 200
    shown = rows(response.content.decode())
    # What the report knows: its host and address; the port; the stored order.
    assert f"Server name used: {SERVER_NAME}" in shown
    assert "IP address connected: 192.0.2.7" in shown
    assert "Port checked: 587" in shown
    assert "Login methods after STARTTLS, in the server's order: LOGIN, PLAIN" in shown
    assert "Issued by: R11" in shown
    assert "Valid until: 2030-01-31" in shown
    assert not any(row.startswith("Certificate subject") for row in shown)


def test_a_stored_report_keeps_its_old_keys_and_meanings():
    from wizard.probe.core.report import PortResult

    port = PortResult.from_json(LEGACY_PORT)
    again = port.as_json()
    for key in ("auth_after_tls", "ehlo_tls", "real_port", "implicit_tls"):
        assert again[key] == LEGACY_PORT[key]
    assert again["tls"]["not_after"] == "2030-01-31"
    # Unknown then, unknown now: the sorted list stands in for the order.
    assert (again["ehlo_tls_auth"], again["auth_after_tls_in_order"]) == (None, ["LOGIN", "PLAIN"])
    assert (again["server_name"], again["address"], again["tls_mode"]) == ("", "", "starttls")
