"""One port of one server: connect, greeting, EHLO, STARTTLS, EHLO again, QUIT.

The facts go into a ``PortResult`` as they arrive, so that when the overall
deadline cancels the conversation, the report still says how far it got.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import ipaddress
import ssl
import time

from .addresses import refusal_for
from .config import ProbeConfig
from .errors import SmtpProblem
from .report import Outcome, Phase, PortProblem, PortResult
from .smtp import MAX_LINE, Connection, EhloFacts, Reply, parse_ehlo
from .status import SmtpStatus
from .tls import ChainRecorder, TlsFacts, facts_from, load_roots, probing_context

__all__ = ["auth_in_server_order", "probe_port"]


async def probe_port(
    result: PortResult, *, address: str, server_name: str | None, config: ProbeConfig
) -> PortResult:
    """Fill ``result`` for one port; never raises for anything the server does."""
    started = time.monotonic()
    try:
        await _conversation(result, address, server_name, config)
    except Exception as error:
        result.outcome = result.outcome or _outcome_for(error, result.phase)
        if not result.detail_line:
            result.problem, result.detail = _describe(error)
    finally:
        result.elapsed_ms = round((time.monotonic() - started) * 1000)
    return result


async def _conversation(
    result: PortResult,
    address: str,
    server_name: str | None,
    config: ProbeConfig,
) -> None:
    """Connect, greet, EHLO and STARTTLS as far as the server lets us, then QUIT:
    one connection and one handshake, whatever the certificate."""
    # Vetted already; checked again here so no code path can connect elsewhere.
    vetted = refusal_for(
        ipaddress.ip_address(address), allowed=config.allow_networks, only=config.only_networks
    )
    if vetted is not None:
        raise PermissionError(f"refusing to connect to {address}: {vetted}")
    context, recorder = probing_context()
    # An IP target has no name: its certificate must then be for the address.
    tls_check = _TlsCheck(recorder, name=server_name or address, cafile=config.cafile)
    # What is tested, recorded before connecting so a closed port says it too.
    result.server_name, result.address = tls_check.name, address
    streams = await _connect(result, address, server_name, config, context)
    if streams is None:
        return
    reader, writer = streams
    peer = writer.get_extra_info("peername")
    if peer:
        result.address = str(peer[0])
    connection = Connection(reader, writer)
    result.transcript = connection.transcript
    read_before = result.bytes_read
    try:
        if result.implicit_tls:
            result.tls = tls_check.facts(writer.get_extra_info("ssl_object"))
        if not await _greet(result, connection, config):
            return
        facts = await _ehlo(result, connection, config)
        if facts is None:
            return
        if not result.implicit_tls and facts.starttls:
            secured = await _starttls(result, connection, server_name, config, context, tls_check)
            if not secured:
                return
        result.outcome = Outcome.ANSWERED
        await _quit(connection, config)
        result.phase = Phase.DONE
    finally:
        result.bytes_read = read_before + connection.bytes_read
        writer.close()


async def _connect(
    result: PortResult,
    address: str,
    server_name: str | None,
    config: ProbeConfig,
    context: ssl.SSLContext,
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | None:
    """Open the connection (with the TLS handshake on an implicit-TLS port), or
    ``None`` with the outcome set when nothing answered in time."""
    result.phase = Phase.TLS if result.implicit_tls else Phase.CONNECT
    try:
        async with asyncio.timeout(
            config.connect_seconds + (config.tls_seconds if result.implicit_tls else 0)
        ):
            return await asyncio.open_connection(
                address,
                result.real_port,
                limit=MAX_LINE,
                ssl=context if result.implicit_tls else None,
                server_hostname=(server_name or "") if result.implicit_tls else None,
                ssl_handshake_timeout=config.tls_seconds if result.implicit_tls else None,
            )
    except TimeoutError:
        result.outcome = Outcome.NO_ANSWER
        if result.implicit_tls:
            result.detail = "TLS handshake timed out"
        return None


async def _greet(result: PortResult, connection: Connection, config: ProbeConfig) -> bool:
    """Read the greeting; whether the server is ready to talk."""
    result.phase = Phase.GREETING
    try:
        greeting = await connection.read_reply(config.reply_seconds)
    except TimeoutError:
        result.outcome = Outcome.SILENT
        return False
    result.greeting_code, result.greeting = greeting.code, greeting.text
    if greeting.code != SmtpStatus.READY:
        result.outcome = Outcome.BUSY if greeting.transient else Outcome.REJECTED
        await _quit(connection, config)
        return False
    return True


async def _ehlo(
    result: PortResult, connection: Connection, config: ProbeConfig
) -> EhloFacts | None:
    """Say EHLO and note what the server offers, or ``None`` if it refused."""
    result.phase = Phase.EHLO
    ehlo = await connection.command(f"EHLO {config.ehlo_name}", config.reply_seconds)
    if not ehlo.ok:
        result.outcome, result.detail = Outcome.REJECTED, f"EHLO {ehlo.code} {ehlo.text}"
        await _quit(connection, config)
        return None
    facts = parse_ehlo(ehlo)
    result.ehlo = facts.as_json()
    result.ehlo_auth = auth_in_server_order(ehlo)
    result.starttls_offered = facts.starttls
    return facts


async def _starttls(
    result: PortResult,
    connection: Connection,
    server_name: str | None,
    config: ProbeConfig,
    context: ssl.SSLContext,
    tls_check: _TlsCheck,
) -> bool:
    """STARTTLS, the handshake and EHLO again; whether encryption was set up.

    The handshake accepts any certificate, so an untrusted one still gets EHLO
    and QUIT; its trust is judged in ``tls_check``."""
    result.phase = Phase.STARTTLS
    reply = await connection.command("STARTTLS", config.reply_seconds)
    if reply.code != SmtpStatus.READY:
        result.outcome = Outcome.TLS_FAILED
        result.detail = f"STARTTLS {reply.code} {reply.text}"
        await _quit(connection, config)
        return False
    # Only what arrives over TLS counts: drop anything sent after "220" in plain text.
    connection.discard_buffered()
    try:
        await connection.writer.start_tls(
            context,
            server_hostname=server_name or None,
            ssl_handshake_timeout=config.tls_seconds,
        )
    except (ssl.SSLError, OSError, TimeoutError) as error:
        result.outcome = Outcome.TLS_FAILED
        result.problem, result.detail = _describe(error)
        return False
    result.tls = tls_check.facts(connection.writer.get_extra_info("ssl_object"))
    result.phase = Phase.EHLO_TLS
    again = await connection.command(f"EHLO {config.ehlo_name}", config.reply_seconds)
    if again.ok:
        result.ehlo_tls = parse_ehlo(again).as_json()
        result.ehlo_tls_auth = auth_in_server_order(again)
    return True


def auth_in_server_order(reply: Reply) -> list[str]:
    """The AUTH mechanisms of an EHLO reply in the order the server lists them
    (``parse_ehlo`` sorts them), each once, the old "AUTH=" form included.

    >>> auth_in_server_order(Reply(250, ("mx", "AUTH PLAIN LOGIN cram-md5 PLAIN", "AUTH=LOGIN")))
    ['PLAIN', 'LOGIN', 'CRAM-MD5']
    """
    mechanisms: list[str] = []
    for line in reply.lines[1:]:
        word, _, params = line.strip().partition(" ")
        word = word.upper()
        if word.startswith("AUTH="):
            word, params = "AUTH", f"{word[5:]} {params}"
        if word == "AUTH":
            for mechanism in params.upper().split():
                if mechanism not in mechanisms:
                    mechanisms.append(mechanism)
    return mechanisms


async def _quit(connection: Connection, config: ProbeConfig) -> None:
    """Say goodbye politely, but never wait long for the answer."""
    with contextlib.suppress(SmtpProblem, TimeoutError, OSError, ssl.SSLError):
        await connection.command("QUIT", min(2.0, config.reply_seconds))


@dataclasses.dataclass(frozen=True)
class _TlsCheck:
    """How to judge the certificate of this conversation's handshake."""

    recorder: ChainRecorder
    name: str
    cafile: str | None

    def facts(self, ssl_object: ssl.SSLObject | None) -> TlsFacts:
        roots = load_roots(self.cafile)
        return facts_from(ssl_object, self.recorder, name=self.name, roots=roots)


def _outcome_for(error: BaseException, phase: Phase) -> Outcome:
    if isinstance(error, ConnectionRefusedError):
        return Outcome.REFUSED
    if isinstance(error, ssl.SSLError) or phase is Phase.TLS:
        return Outcome.TLS_FAILED
    if isinstance(error, SmtpProblem):
        return Outcome.PROTOCOL
    if isinstance(error, TimeoutError):
        return Outcome.SILENT if phase is Phase.GREETING else Outcome.TIMEOUT
    if isinstance(error, OSError):
        return Outcome.UNREACHABLE if phase is Phase.CONNECT else Outcome.PROTOCOL
    return Outcome.PROTOCOL


def _describe(error: BaseException) -> tuple[PortProblem | None, str]:
    """The problem by name, if it has one, and the words that go with it."""
    if isinstance(error, SmtpProblem):
        return error.problem, error.detail
    if isinstance(error, ssl.SSLError):
        return None, error.reason or str(error)
    return None, (str(error) or type(error).__name__)[:200]
