"""Advice that cannot mislead (issue 11, points 2, 3 and 6), against real servers on
loopback where it is end to end: no name from an unverified certificate, never a
wildcard to type, no "ready" beside a certificate warning, and a server that turns
our checker away is never a verdict on the subscriber's settings."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import struct

import pytest
from aiosmtpd.controller import Controller
from django.utils import translation

from tests.conftest import LOOPBACK
from tests.servers.raw_server import RawServer, greets
from tests.servers.smtp_servers import (
    SERVER_NAME,
    Certificates,
    RecordingHandler,
    Seen,
    free_port,
    start_server,
)
from wizard.probe.core.advice import Advice, Level, advise
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome, PortResult, ProbeReport
from wizard.probe.core.run import probe_server
from wizard.probe.core.targets import TargetKind
from wizard.probe.core.tls import TlsFacts
from wizard.probe.page_context import advice_context, port_context

READY = {Advice.SUBMISSION_READY, Advice.IMPLICIT_READY, Advice.AUTH_ONLY_AFTER_TLS}
CERTIFICATE_WARNINGS = {
    Advice.CERT_NAME,
    Advice.CERT_NAME_UNVERIFIED,
    Advice.CERT_NAME_WILDCARD,
    Advice.CERT_NAME_OTHER,
    Advice.CERT_NOT_FOR_ADDRESS,
    Advice.CERT_ADDRESS_USE_NAME,
    Advice.CERT_UNTRUSTED,
    Advice.CERT_EXPIRED,
}


def submission_server(certs: Certificates, *, greeting_name: str = SERVER_NAME) -> Controller:
    """Port 587 with STARTTLS, AUTH after it, and ``greeting_name`` in its greeting."""
    controller = Controller(
        RecordingHandler(Seen()),
        hostname="127.0.0.1",
        port=free_port(),
        server_hostname=greeting_name,
        ready_timeout=5,
        tls_context=certs.server_context(),
        require_starttls=False,
        authenticator=lambda *args: None,
        auth_require_tls=True,
    )
    controller.start()
    return controller


def probe_587(text: str, port: int, dns_lab, cafile: str | None) -> ProbeReport:
    config = ProbeConfig(
        port_map={587: port, 465: free_port(), 25: free_port()},
        allow_networks=LOOPBACK,
        nameservers=(dns_lab.address,),
        cafile=cafile,
        deadline=5.0,
    )
    return asyncio.run(probe_server(text, config))


def page_texts(report: ProbeReport) -> list[str]:
    """Every advice sentence and port explanation, in both languages."""
    texts = []
    for language in ("en", "ja"):
        with translation.override(language):
            texts += [item["text"] for item in advice_context(report)]
            texts += [str(port_context(p, report)["explanation"]) for p in report.ports]
    return texts


def english_advice(report: ProbeReport) -> str:
    with translation.override("en"):
        return " ".join(item["text"] for item in advice_context(report))


# Point 3: a certificate that failed verification names no server ------------------


def test_a_self_signed_certificate_for_another_name_suggests_no_name(dns_lab, tmp_path):
    wrong = Certificates(tmp_path, "wrong.example.org")
    server = submission_server(wrong)
    try:
        # Its CA is not given to the probe: to us it is self-signed, unverifiable.
        report = probe_587(SERVER_NAME, server.port, dns_lab, cafile=None)
    finally:
        server.stop()
    tls = report.port(587).tls
    assert (tls.trusted, tls.name_match, tls.names) == (False, False, ["wrong.example.org"])
    codes = {item.code for item in advise(report)}
    assert Advice.CERT_NAME_UNVERIFIED in codes
    assert Advice.CERT_NAME not in codes
    assert not codes & READY
    assert all("wrong.example.org" not in text for text in page_texts(report))
    assert "Do not take a server name from it" in english_advice(report)
    # The port itself is not shown as good beside that warning.
    assert port_context(report.port(587), report)["tone"] == "warn"


def test_a_trusted_wildcard_suggests_the_greetings_name_it_covers(dns_lab, tmp_path):
    hosting = Certificates(tmp_path, "*.hosting.test")
    server = submission_server(hosting, greeting_name="smtp7.hosting.test")
    try:
        report = probe_587(SERVER_NAME, server.port, dns_lab, hosting.cafile)
    finally:
        server.stop()
    assert report.port(587).tls.trusted is True
    (item,) = [i for i in advise(report) if i.code is Advice.CERT_NAME]
    assert item.values == {"name": "smtp7.hosting.test", "host": SERVER_NAME}
    assert all("*." not in text for text in page_texts(report))
    assert "enter smtp7.hosting.test as the server name" in english_advice(report)


def test_a_trusted_wildcard_not_covering_the_greeting_says_what_to_fill_in(dns_lab, tmp_path):
    hosting = Certificates(tmp_path, "*.hosting.test")
    server = submission_server(hosting, greeting_name="relay.elsewhere.test")
    try:
        report = probe_587(SERVER_NAME, server.port, dns_lab, hosting.cafile)
    finally:
        server.stop()
    codes = {item.code for item in advise(report)}
    assert Advice.CERT_NAME_WILDCARD in codes
    assert Advice.CERT_NAME not in codes
    assert all("*." not in text for text in page_texts(report))
    assert "relay.elsewhere.test" not in english_advice(report)
    assert "only the part before “.hosting.test” is yours to fill in" in english_advice(report)


# Point 2: an IP-address target ----------------------------------------------------


def test_an_address_target_hears_the_certificate_does_not_list_it(dns_lab, certs):
    server = submission_server(certs, greeting_name=SERVER_NAME)
    try:
        report = probe_587("127.0.0.1", server.port, dns_lab, certs.cafile)
    finally:
        server.stop()
    (item,) = [i for i in advise(report) if i.code is Advice.CERT_ADDRESS_USE_NAME]
    # The verified certificate and the greeting agree: that name, and only then.
    assert item.values == {"address": "127.0.0.1", "name": SERVER_NAME}
    assert not {i.code for i in advise(report)} & READY
    assert "does not include the address 127.0.0.1" in english_advice(report)


def test_an_address_target_gets_no_name_when_the_greeting_disagrees(dns_lab, certs):
    server = submission_server(certs, greeting_name="other.example.test")
    try:
        report = probe_587("127.0.0.1", server.port, dns_lab, certs.cafile)
    finally:
        server.stop()
    codes = {item.code for item in advise(report)}
    assert Advice.CERT_NOT_FOR_ADDRESS in codes
    assert Advice.CERT_ADDRESS_USE_NAME not in codes
    assert all(SERVER_NAME not in text for text in page_texts(report))


def test_an_address_target_gets_no_name_from_an_unverified_certificate(dns_lab, certs):
    server = submission_server(certs, greeting_name=SERVER_NAME)
    try:
        report = probe_587("127.0.0.1", server.port, dns_lab, cafile=None)
    finally:
        server.stop()
    codes = {item.code for item in advise(report)}
    assert Advice.CERT_NOT_FOR_ADDRESS in codes
    assert Advice.CERT_ADDRESS_USE_NAME not in codes


# Point 6: the server's refusal is not our failure, nor a verdict -------------------


async def _resets_after_ehlo(reader, writer) -> None:
    writer.write(b"220 fine\r\n")
    await writer.drain()
    await reader.readline()
    # SO_LINGER 0: closing sends a reset, as a server that drops unknown checkers does.
    writer.get_extra_info("socket").setsockopt(
        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
    )
    writer.transport.abort()


async def _rate_limits_ehlo(reader, writer) -> None:
    writer.write(b"220 fine\r\n")
    await writer.drain()
    await reader.readline()
    writer.write(b"421 4.7.0 Rate limit exceeded, slow down\r\n")
    await writer.drain()
    await reader.readline()


@pytest.mark.parametrize(
    ("behaviour", "code", "words"),
    [
        pytest.param(
            greets(b"421 4.7.0 Too many connections, try later\r\n"),
            Advice.BUSY,
            "421 4.7.0 Too many connections, try later",
            id="421-greeting",
        ),
        pytest.param(
            greets(b"554 5.7.1 Not accepting connections from you\r\n"),
            Advice.REJECTED_US,
            "554 5.7.1 Not accepting connections from you",
            id="554-greeting",
        ),
        pytest.param(
            _rate_limits_ehlo,
            Advice.BUSY,
            "421 4.7.0 Rate limit exceeded, slow down",
            id="rate-limit-on-ehlo",
        ),
        pytest.param(_resets_after_ehlo, Advice.DROPPED_US, None, id="reset-after-ehlo"),
    ],
)
def test_a_server_that_turns_us_away_did_not_let_us_check(dns_lab, behaviour, code, words):
    with RawServer(behaviour) as server:
        report = probe_587("127.0.0.1", server.port, dns_lab, cafile=None)
    port = report.port(587)
    assert port.check_refusal is not None
    (item,) = [i for i in advise(report) if i.port == 587]
    assert item.code is code
    assert item.level is Level.INFO, "a fact about the server, not a verdict"
    if words is not None:
        assert item.values["words"] == words
    text = english_advice(report)
    assert "the server did not let us check" in text
    assert "This says nothing about your settings" in text
    if words is not None:
        assert f"(its words: “{words}”)" in text
    with translation.override("en"):
        shown = port_context(port, report)
    assert "did not let us check" in str(shown["explanation"])
    assert "says nothing about your settings" in str(shown["explanation"])
    with translation.override("ja"):
        assert "お客さまの設定に問題があるという意味ではありません" in "".join(page_texts(report))


def test_closed_ports_say_what_they_do_not_mean(dns_lab):
    report = probe_587("127.0.0.1", free_port(), dns_lab, cafile=None)
    assert {p.outcome for p in report.ports} == {Outcome.REFUSED}
    text = english_advice(report)
    assert "This does not mean your settings are wrong" in text
    assert "This does not by itself mean your settings are wrong" in text


# "Ready" and the certificate's warnings come from one judgement ---------------------


def _report(tls: TlsFacts, *, kind: TargetKind = TargetKind.HOST) -> ProbeReport:
    if kind is TargetKind.ADDRESS:
        # No name is sent or matched for an address: the advice checks the list.
        tls = dataclasses.replace(tls, name_match=None)
    ehlo = {"STARTTLS": "", "SIZE": "1000"}
    ports = [
        PortResult(
            port=587,
            real_port=587,
            outcome=Outcome.ANSWERED,
            greeting_code=220,
            greeting="smtp7.hosting.test ESMTP",
            ehlo=ehlo,
            ehlo_tls={"AUTH": "PLAIN LOGIN"},
            starttls_offered=True,
            tls=tls,
        ),
        PortResult(
            port=465,
            real_port=465,
            implicit_tls=True,
            outcome=Outcome.ANSWERED,
            greeting_code=220,
            greeting="smtp7.hosting.test ESMTP",
            ehlo={"AUTH": "PLAIN LOGIN"},
            tls=tls,
        ),
    ]
    host = None if kind is TargetKind.ADDRESS else "mail.customer.test"
    return ProbeReport(
        target=host or "192.0.2.25", kind=kind, host=host, address="192.0.2.25", ports=ports
    )


CERTIFICATES = {
    "sound": TlsFacts(names=["mail.customer.test"], trusted=True, expired=False, name_match=True),
    "untrusted": TlsFacts(
        names=["mail.customer.test"], trusted=False, expired=False, name_match=True
    ),
    "expired": TlsFacts(names=["mail.customer.test"], trusted=False, expired=True, name_match=True),
    "other-name": TlsFacts(
        names=["smtp.other.test"], trusted=True, expired=False, name_match=False
    ),
    "wildcard": TlsFacts(names=["*.hosting.test"], trusted=True, expired=False, name_match=False),
    "self-signed-other": TlsFacts(
        names=["wrong.example.org"], trusted=False, expired=False, name_match=False
    ),
}


@pytest.mark.parametrize("kind", [TargetKind.HOST, TargetKind.ADDRESS])
@pytest.mark.parametrize("certificate", CERTIFICATES)
def test_a_ready_port_never_sits_beside_a_warning_that_it_is_not(certificate, kind):
    report = _report(CERTIFICATES[certificate], kind=kind)
    items = advise(report)
    codes = {item.code for item in items}
    for number in (587, 465):
        on_port = {i.code for i in items if i.port == number}
        good = {i.code for i in items if i.port == number and i.level is Level.GOOD}
        tone = port_context(report.port(number), report)["tone"]
        # Certificate warnings are said once for both ports that share it.
        if codes & CERTIFICATE_WARNINGS:
            assert not good, (number, good)
            assert tone == "warn"
        else:
            assert on_port & READY
            assert tone == "good"
    sound_host = certificate == "sound" and kind is TargetKind.HOST
    assert (Advice.SUBMISSION_READY in codes) is sound_host
    assert (Advice.SUBMISSION_CERT_PROBLEM in codes) is not sound_host


@pytest.mark.parametrize("certificate", CERTIFICATES)
def test_no_advice_ever_names_an_unverified_certificates_names_or_a_wildcard(certificate):
    tls = CERTIFICATES[certificate]
    for kind in (TargetKind.HOST, TargetKind.ADDRESS):
        report = _report(tls, kind=kind)
        values = [v for item in advise(report) for v in item.values.values()]
        assert not any(v.startswith("*") for v in values)
        if tls.trusted is not True:
            assert not set(values) & set(tls.names)


def test_a_wildcards_covered_greeting_name_is_the_suggestion_for_an_address_too():
    report = _report(CERTIFICATES["wildcard"], kind=TargetKind.ADDRESS)
    (item,) = [i for i in advise(report) if i.code is Advice.CERT_ADDRESS_USE_NAME]
    assert item.values == {"address": "192.0.2.25", "name": "smtp7.hosting.test"}


def test_why_a_certificate_is_not_trusted_is_said_in_the_pages_language(dns_lab, tmp_path):
    # Point 5: the reason is worded from a stable code, never OpenSSL's English
    # inside a Japanese sentence.
    unknown = Certificates(tmp_path, SERVER_NAME)
    server = submission_server(unknown)
    try:
        report = probe_587(SERVER_NAME, server.port, dns_lab, cafile=None)
    finally:
        server.stop()
    tls = report.port(587).tls
    assert tls.trusted is False
    assert tls.trust_code
    with translation.override("ja"):
        japanese = " ".join(item["text"] for item in advice_context(report))
        shown = str(port_context(report.port(587), report)["trust_reason"])
    assert tls.trust_error not in japanese
    assert shown
    assert not any(letter.isascii() and letter.isalpha() for letter in shown)
    assert shown in japanese


@pytest.mark.parametrize("starttls", [True, False])
def test_plalas_own_587_is_told_against_the_profiles_security_fact(dns_lab, certs, starttls):
    # Point 7: for a subscriber on Plala's server, what 587 offers is set against
    # the result page's "None" (an ISPDB fact, not the notice's).
    server = start_server(
        seen=Seen(), starttls=certs.server_context() if starttls else None, auth=True
    )
    try:
        report = probe_587(SERVER_NAME, server.port, dns_lab, cafile=certs.cafile)
    finally:
        server.stop()
    codes = [item.code for item in advise(report, isp_mail=True)]
    wanted = Advice.ISP_STARTTLS_OFFERED if starttls else Advice.ISP_STARTTLS_NOT_OFFERED
    assert wanted in codes
    assert Advice.ISP_STARTTLS_OFFERED not in [item.code for item in advise(report)]
    with translation.override("ja"):
        texts = [item["text"] for item in advice_context(report, isp_mail=True)]
    assert any("STARTTLS" in text and "ぷらら" in text for text in texts)
