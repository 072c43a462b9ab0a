"""Real SMTP servers (aiosmtpd) on loopback for probe tests, each with a log of
what clients said to it, so tests can prove the probe never sends AUTH, MAIL,
RCPT or DATA."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from dataclasses import dataclass, field

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SERVER_NAME = "mail.example.test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Seen:
    """Commands a server received that the probe must never send."""

    commands: list[str] = field(default_factory=list)
    ehlo: list[str] = field(default_factory=list)
    # TCP connections accepted, and QUITs received (a clean goodbye each time).
    connections: int = 0
    quits: int = 0


class RecordingHandler:
    def __init__(self, seen: Seen) -> None:
        self.seen = seen

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.seen.ehlo.append(hostname)
        session.host_name = hostname
        return responses

    async def handle_QUIT(self, server, session, envelope):
        self.seen.quits += 1
        return "221 Bye"

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.seen.commands.append("MAIL")
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        self.seen.commands.append("RCPT")
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen.commands.append("DATA")
        return "250 OK"


class Certificates:
    """A private CA and a certificate for ``names``, written to files; with
    ``intermediate``, issued by an intermediate CA the server sends along."""

    def __init__(self, tmp_path, *names: str, intermediate: bool = False) -> None:
        self.ca = trustme.CA()
        issuer = self.ca.create_child_ca() if intermediate else self.ca
        self.cert = issuer.issue_cert(*(names or (SERVER_NAME,)))
        self.cafile = str(tmp_path / "ca.pem")
        self.ca.cert_pem.write_to_path(self.cafile)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.cert.configure_cert(context)
        return context


class SelfSigned:
    """A self-signed certificate for ``names`` (its own issuer, no CA behind it)."""

    def __init__(self, *names: str) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
        now = dt.datetime.now(dt.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
            .sign(key, hashes.SHA256())
        )
        self.key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def server_context(self, tmp_path) -> ssl.SSLContext:
        cert_file, key_file = tmp_path / "self-signed.pem", tmp_path / "self-signed.key"
        cert_file.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(self.key_pem)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert_file, key_file)
        return context


class _CountingController(Controller):
    """Counts every TCP connection the server accepts (one SMTP session each)."""

    def __init__(self, *args, seen: Seen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.seen = seen

    def factory(self):
        self.seen.connections += 1
        return super().factory()


def start_server(
    *,
    seen: Seen,
    starttls: ssl.SSLContext | None = None,
    implicit: ssl.SSLContext | None = None,
    auth: bool = False,
) -> Controller:
    """An aiosmtpd server on 127.0.0.1; the caller stops it."""

    def authenticator(server, session, envelope, mechanism, auth_data):
        seen.commands.append("AUTH")
        return AuthResult(success=False, handled=False)

    parameters: dict[str, object] = {}
    if starttls is not None:
        parameters["tls_context"] = starttls
        parameters["require_starttls"] = False
    if auth:
        parameters["authenticator"] = authenticator
    # aiosmtpd offers AUTH unless it requires TLS first; it does not count implicit
    # TLS as TLS, and a server without TLS then never offers AUTH at all.
    parameters["auth_require_tls"] = not (auth and implicit is not None) and (
        auth or starttls is None
    )
    controller = _CountingController(
        RecordingHandler(seen),
        seen=seen,
        hostname="127.0.0.1",
        port=free_port(),
        ssl_context=implicit,
        server_hostname=SERVER_NAME if implicit else None,
        ready_timeout=5,
        **parameters,
    )
    controller.start()
    # start() connects once itself to see the server is up: that one is not the probe's.
    seen.connections = seen.quits = 0
    return controller


__all__ = ["Certificates", "LoginPassword", "Seen", "SelfSigned", "start_server"]
