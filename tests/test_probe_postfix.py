"""Against a real MTA (Debian's Postfix 3.7, a private instance on loopback,
self-signed certificate): the probe makes ONE connection per port and ends each
with QUIT, so Postfix logs no "lost connection after …" — the line common
fail2ban rules count, which would get our probe banned (issue 11, point 4)."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.conftest import LOOPBACK
from tests.servers.postfix_lab import (
    SERVICES,
    PostfixLab,
    PostfixMissing,
    start_postfix_lab,
    stop_postfix_lab,
)
from tests.servers.smtp_servers import SERVER_NAME
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome
from wizard.probe.core.run import probe_server
from wizard.probe.core.tls import TrustProblem

pytestmark = pytest.mark.postfix


@pytest.fixture
def postfix_lab(tmp_path):
    try:
        lab = start_postfix_lab(tmp_path / "postfix", SERVER_NAME)
    except PostfixMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    yield lab
    stop_postfix_lab(lab)


def service_lines(lines: list[str], service: str, event: str) -> list[str]:
    pattern = re.compile(rf" {re.escape(service)}/smtpd\[\d+\]: {event}")
    return [line for line in lines if pattern.search(line)]


def test_one_clean_conversation_per_port_with_a_self_signed_certificate(
    postfix_lab: PostfixLab, dns_lab
):
    config = ProbeConfig(
        port_map=postfix_lab.ports,
        allow_networks=LOOPBACK,
        nameservers=(dns_lab.address,),
        deadline=10.0,
    )
    report = asyncio.run(probe_server(SERVER_NAME, config))

    # Postfix logs "disconnect from" when the session is over, QUIT or not.
    lines = postfix_lab.wait_for_log(
        lambda lines: all(service_lines(lines, s, "disconnect from") for s in SERVICES.values())
    )
    log = "\n".join(lines)
    assert "lost connection after" not in log, log
    for port, service in SERVICES.items():
        assert len(service_lines(lines, service, "connect from")) == 1, (port, log)
        (disconnect,) = service_lines(lines, service, "disconnect from")
        # Postfix counts the commands it got: EHLO, STARTTLS where it applies, QUIT.
        assert " quit=1 " in disconnect, disconnect
        assert re.search(r" (mail|rcpt|data|auth)=", disconnect) is None, disconnect
    (starttls_done,) = service_lines(lines, SERVICES[587], "disconnect from")
    assert " ehlo=2 starttls=1 quit=1 " in starttls_done, starttls_done
    for service in (SERVICES[587], SERVICES[465], SERVICES[25]):
        assert service_lines(lines, service, "Anonymous TLS connection established"), (
            service,
            log,
        )

    for port in (587, 465, 25):
        result = report.port(port)
        assert result.outcome is Outcome.ANSWERED, (port, result)
        assert result.real_port == postfix_lab.ports[port]
        tls = result.tls
        assert tls is not None, port
        assert tls.trusted is False
        assert tls.trust_code == TrustProblem.SELF_SIGNED
        assert tls.names == [SERVER_NAME]
        assert tls.name_match is True
        assert tls.version.startswith("TLSv1.")
        assert tls.cipher
        assert tls.subject == SERVER_NAME
    assert report.port(587).starttls_offered
    assert report.port(587).ehlo_tls
