"""Real SMTP servers (aiosmtpd) on loopback for probe tests, each with a log of
what clients said to it, so tests can prove the probe never sends AUTH, MAIL,
RCPT or DATA."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

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


class RecordingHandler:
    def __init__(self, seen: Seen) -> None:
        self.seen = seen

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.seen.ehlo.append(hostname)
        session.host_name = hostname
        return responses

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
    """A private CA and a certificate for ``names``, written to files."""

    def __init__(self, tmp_path, *names: str) -> None:
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert(*(names or (SERVER_NAME,)))
        self.cafile = str(tmp_path / "ca.pem")
        self.ca.cert_pem.write_to_path(self.cafile)

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.cert.configure_cert(context)
        return context


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
    controller = Controller(
        RecordingHandler(seen),
        hostname="127.0.0.1",
        port=free_port(),
        ssl_context=implicit,
        server_hostname=SERVER_NAME if implicit else None,
        ready_timeout=5,
        **parameters,
    )
    controller.start()
    return controller


__all__ = ["Certificates", "LoginPassword", "Seen", "start_server"]
