"""One port of one server: connect, greeting, EHLO, STARTTLS, EHLO again, QUIT.

The facts go into a ``PortResult`` as they arrive, so that when the overall
deadline cancels the conversation, the report still says how far it got.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import ssl
import time

from .addresses import refusal_for
from .config import ProbeConfig
from .report import Outcome, Phase, PortResult
from .smtp import MAX_LINE, Connection, SmtpProblem, parse_ehlo
from .tls import facts_from, reading_context, verifying_context


async def probe_port(
    result: PortResult, *, address: str, server_name: str | None, config: ProbeConfig
) -> PortResult:
    """Fill ``result`` for one port; never raises for anything the server does."""
    started = time.monotonic()
    try:
        try:
            await _conversation(result, address, server_name, config, verify=True)
        except ssl.SSLCertVerificationError as error:
            # Untrusted certificate: talk again without verifying, only to read it.
            trust_error = error.verify_message or str(error)
            fresh = PortResult(
                port=result.port, real_port=result.real_port, implicit_tls=result.implicit_tls
            )
            await _conversation(fresh, address, server_name, config, verify=False)
            _copy(fresh, into=result)
            if result.tls is not None:
                result.tls.trusted, result.tls.trust_error = False, trust_error
    except Exception as error:
        result.outcome = result.outcome or _outcome_for(error, result.phase)
        result.detail = result.detail or _describe(error)
    finally:
        result.elapsed_ms = round((time.monotonic() - started) * 1000)
    return result


async def _conversation(
    result: PortResult,
    address: str,
    server_name: str | None,
    config: ProbeConfig,
    *,
    verify: bool,
) -> None:
    # Vetted already; checked again here so no code path can connect elsewhere.
    vetted = refusal_for(
        ipaddress.ip_address(address), allowed=config.allow_networks, only=config.only_networks
    )
    if vetted is not None:
        raise PermissionError(f"refusing to connect to {address}: {vetted}")
    context = verifying_context(config.cafile) if verify else reading_context()
    result.phase = Phase.TLS if result.implicit_tls else Phase.CONNECT
    try:
        async with asyncio.timeout(
            config.connect_seconds + (config.tls_seconds if result.implicit_tls else 0)
        ):
            reader, writer = await asyncio.open_connection(
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
        return
    connection = Connection(reader, writer)
    result.transcript = connection.transcript
    read_before = result.bytes_read
    try:
        if result.implicit_tls:
            result.tls = facts_from(
                writer.get_extra_info("ssl_object"), server_name=server_name, trusted=verify
            )
        result.phase = Phase.GREETING
        try:
            greeting = await connection.read_reply(config.reply_seconds)
        except TimeoutError:
            result.outcome = Outcome.SILENT
            return
        result.greeting_code, result.greeting = greeting.code, greeting.text
        if greeting.code != 220:
            result.outcome = Outcome.BUSY if 400 <= greeting.code < 500 else Outcome.REJECTED
            await _quit(connection, config)
            return
        result.phase = Phase.EHLO
        ehlo = await connection.command(f"EHLO {config.ehlo_name}", config.reply_seconds)
        if not ehlo.ok:
            result.outcome, result.detail = Outcome.REJECTED, f"EHLO {ehlo.code} {ehlo.text}"
            await _quit(connection, config)
            return
        facts = parse_ehlo(ehlo)
        result.ehlo = facts.as_json()
        result.starttls_offered = facts.starttls
        if not result.implicit_tls and facts.starttls:
            result.phase = Phase.STARTTLS
            reply = await connection.command("STARTTLS", config.reply_seconds)
            if reply.code != 220:
                result.outcome = Outcome.TLS_FAILED
                result.detail = f"STARTTLS {reply.code} {reply.text}"
                await _quit(connection, config)
                return
            # Anything the server sent after "220" in plain text is dropped with
            # the buffer: only what arrives over TLS counts.
            reader._buffer.clear()
            try:
                await writer.start_tls(
                    context,
                    server_hostname=server_name or None,
                    ssl_handshake_timeout=config.tls_seconds,
                )
            except ssl.SSLCertVerificationError:
                raise
            except (ssl.SSLError, OSError, TimeoutError) as error:
                result.outcome, result.detail = Outcome.TLS_FAILED, _describe(error)
                return
            result.tls = facts_from(
                writer.get_extra_info("ssl_object"), server_name=server_name, trusted=verify
            )
            result.phase = Phase.EHLO_TLS
            again = await connection.command(f"EHLO {config.ehlo_name}", config.reply_seconds)
            if again.ok:
                result.ehlo_tls = parse_ehlo(again).as_json()
        result.outcome = Outcome.ANSWERED
        await _quit(connection, config)
        result.phase = Phase.DONE
    finally:
        result.bytes_read = read_before + connection.bytes_read
        writer.close()


async def _quit(connection: Connection, config: ProbeConfig) -> None:
    """Say goodbye politely, but never wait long for the answer."""
    with contextlib.suppress(SmtpProblem, TimeoutError, OSError, ssl.SSLError):
        await connection.command("QUIT", min(2.0, config.reply_seconds))


def _copy(source: PortResult, *, into: PortResult) -> None:
    into.bytes_read += source.bytes_read
    for name in (
        "outcome",
        "phase",
        "detail",
        "greeting_code",
        "greeting",
        "ehlo",
        "ehlo_tls",
        "starttls_offered",
        "tls",
        "transcript",
    ):
        setattr(into, name, getattr(source, name))


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


def _describe(error: BaseException) -> str:
    if isinstance(error, SmtpProblem):
        return error.code + (f": {error.detail}" if error.detail else "")
    if isinstance(error, ssl.SSLError):
        return error.reason or str(error)
    return (str(error) or type(error).__name__)[:200]
