"""One TLS handshake per port, whatever the certificate, and the chain and the
name verified in-process (issue 11, points 2 and 4), against real aiosmtpd
servers on loopback that count the connections they accept and the QUITs."""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl

import pytest

from tests.conftest import LOOPBACK
from tests.servers.smtp_servers import (
    SERVER_NAME,
    Certificates,
    Seen,
    SelfSigned,
    free_port,
    start_server,
)
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome, ProbeReport
from wizard.probe.core.run import probe_server
from wizard.probe.core.tls import TrustProblem


def probe_lab(dns_lab, context: ssl.SSLContext, *, cafile: str | None, target: str = SERVER_NAME):
    """Probe ``target`` with 587 (STARTTLS) and 465 (implicit TLS) on servers of
    their own serving ``context``; what each server saw, by port."""
    seen = {587: Seen(), 465: Seen()}
    servers = {
        587: start_server(seen=seen[587], starttls=context, auth=True),
        465: start_server(seen=seen[465], implicit=context, auth=True),
    }
    config = ProbeConfig(
        port_map={587: servers[587].port, 465: servers[465].port, 25: free_port()},
        allow_networks=LOOPBACK,
        nameservers=(dns_lab.address,),
        cafile=cafile,
        deadline=5.0,
    )
    try:
        report = asyncio.run(probe_server(target, config))
    finally:
        for server in servers.values():
            server.stop()
    return report, seen


def assert_one_clean_conversation(report: ProbeReport, seen: dict[int, Seen]) -> None:
    """Per port: one TCP connection, EHLO again over TLS, a QUIT, nothing more."""
    for port in (587, 465):
        assert report.port(port).outcome is Outcome.ANSWERED, port
        assert seen[port].connections == 1, port
        assert seen[port].quits == 1, port
        assert seen[port].commands == [], port
    assert len(seen[587].ehlo) == 2  # before and after STARTTLS
    assert report.port(587).ehlo_tls


@pytest.mark.parametrize("tls_version", ["TLSv1_2", "TLSv1_3"])
def test_a_ca_signed_certificate_for_the_name_is_trusted_and_matches(
    dns_lab, tmp_path, tls_version
):
    certs = Certificates(tmp_path, SERVER_NAME, intermediate=True)
    context = certs.server_context()
    context.maximum_version = ssl.TLSVersion[tls_version]
    report, seen = probe_lab(dns_lab, context, cafile=certs.cafile)
    assert_one_clean_conversation(report, seen)
    for port in (587, 465):
        tls = report.port(port).tls
        assert (tls.trusted, tls.name_match) == (True, True)
        assert (tls.trust_code, tls.verify_code, tls.trust_error) == ("", "", "")
        assert tls.checked_name == SERVER_NAME
        # The leaf and the intermediate the server sent: the chain was read.
        assert tls.chain_sent == 2


def test_a_self_signed_certificate_costs_one_connection_and_says_why(dns_lab, tmp_path):
    lab_ca = Certificates(tmp_path, SERVER_NAME)
    certificate = SelfSigned(SERVER_NAME)
    report, seen = probe_lab(dns_lab, certificate.server_context(tmp_path), cafile=lab_ca.cafile)
    assert_one_clean_conversation(report, seen)
    for port in (587, 465):
        tls = report.port(port).tls
        assert tls.trusted is False
        assert tls.trust_code == tls.verify_code == TrustProblem.SELF_SIGNED == "self-signed"
        assert tls.trust_error == "self-signed certificate"
        # Untrusted, but still read: its names, and whether they fit.
        assert tls.names == [SERVER_NAME]
        assert tls.name_match is True


def test_a_certificate_from_an_unknown_ca_is_untrusted(dns_lab, tmp_path):
    (tmp_path / "server").mkdir()
    server_certs = Certificates(tmp_path / "server", SERVER_NAME)
    lab_ca = Certificates(tmp_path, SERVER_NAME)
    report, seen = probe_lab(dns_lab, server_certs.server_context(), cafile=lab_ca.cafile)
    assert_one_clean_conversation(report, seen)
    tls = report.port(587).tls
    assert (tls.trusted, tls.trust_code, tls.name_match) == (False, "unknown-issuer", True)
    assert "certificate" in tls.trust_error


def test_the_system_trust_store_is_used_without_a_lab_cafile(dns_lab, tmp_path):
    certs = Certificates(tmp_path, SERVER_NAME)
    report, seen = probe_lab(dns_lab, certs.server_context(), cafile=None)
    assert_one_clean_conversation(report, seen)
    assert (report.port(587).tls.trusted, report.port(587).tls.trust_code) == (
        False,
        "unknown-issuer",
    )


def test_a_ca_signed_certificate_for_another_name_is_trusted_but_does_not_match(dns_lab, tmp_path):
    certs = Certificates(tmp_path, "smtp.provider.test", intermediate=True)
    report, seen = probe_lab(dns_lab, certs.server_context(), cafile=certs.cafile)
    assert_one_clean_conversation(report, seen)
    for port in (587, 465):
        tls = report.port(port).tls
        assert (tls.trusted, tls.name_match) == (True, False)
        assert tls.trust_code == ""
        assert tls.verify_code == "name-mismatch"
        assert tls.names == ["smtp.provider.test"]


def test_an_expired_certificate_is_read_and_flagged(dns_lab, tmp_path):
    certs = Certificates(tmp_path, SERVER_NAME)
    now = dt.datetime.now(dt.UTC)
    certs.cert = certs.ca.issue_cert(
        SERVER_NAME, not_before=now - dt.timedelta(days=60), not_after=now - dt.timedelta(days=1)
    )
    report, seen = probe_lab(dns_lab, certs.server_context(), cafile=certs.cafile)
    assert_one_clean_conversation(report, seen)
    tls = report.port(587).tls
    assert (tls.trusted, tls.expired, tls.trust_code) == (False, True, "expired")


def test_an_ip_target_is_checked_against_the_address(dns_lab, tmp_path):
    certs = Certificates(tmp_path, SERVER_NAME)
    report, seen = probe_lab(
        dns_lab, certs.server_context(), cafile=certs.cafile, target="127.0.0.1"
    )
    assert report.host is None
    assert_one_clean_conversation(report, seen)
    for port in (587, 465):
        tls = report.port(port).tls
        # Checked, not skipped: a certificate without the IP does not match.
        assert tls.checked_name == "127.0.0.1"
        assert (tls.trusted, tls.name_match, tls.verify_code) == (True, False, "name-mismatch")


def test_an_ip_target_matches_a_certificate_issued_for_the_address(dns_lab, tmp_path):
    certs = Certificates(tmp_path, "127.0.0.1", SERVER_NAME)
    report, _ = probe_lab(dns_lab, certs.server_context(), cafile=certs.cafile, target="127.0.0.1")
    tls = report.port(587).tls
    assert (tls.trusted, tls.name_match, tls.verify_code) == (True, True, "")


def test_the_new_facts_survive_the_json_report(dns_lab, tmp_path):
    certificate = SelfSigned(SERVER_NAME)
    report, _ = probe_lab(dns_lab, certificate.server_context(tmp_path), cafile=None)
    stored = report.as_json()
    tls = stored["ports"][0]["tls"]
    assert {"trusted", "trust_error", "name_match", "names", "issuer", "not_after"} <= set(tls)
    assert tls["trust_code"] == "self-signed"
    assert ProbeReport.from_json(stored).port(587).tls == report.port(587).tls
