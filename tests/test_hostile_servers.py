"""Hostile mail servers cost at most the deadline and a bounded number of bytes,
and whatever they send is shown escaped (SPEC section 9)."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import LOOPBACK
from tests.servers import raw_server
from tests.servers.raw_server import RawServer
from tests.servers.smtp_servers import free_port
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.errors import ReplyProblem
from wizard.probe.core.report import Outcome, Phase
from wizard.probe.core.run import probe_server
from wizard.probe.core.smtp import MAX_BYTES_PER_CONNECTION, MAX_LINE, TRANSPORT_READ


def probe_587(server: RawServer, deadline: float = 2.0):
    config = ProbeConfig(
        port_map={587: server.port, 465: free_port(), 25: free_port()},
        allow_networks=LOOPBACK,
        deadline=deadline,
        reply_seconds=min(5.0, deadline),
    )
    return asyncio.run(probe_server("127.0.0.1", config)).port(587)


@pytest.mark.parametrize(
    ("behaviour", "outcomes", "phase", "problem"),
    [
        # Nothing readable arrives: no problem with a reply, only the clock.
        pytest.param(raw_server.silent, {Outcome.SILENT}, Phase.GREETING, None, id="silent"),
        pytest.param(
            raw_server.drip, {Outcome.SILENT, Outcome.TIMEOUT}, Phase.GREETING, None, id="drip"
        ),
        pytest.param(
            raw_server.endless_greeting,
            {Outcome.PROTOCOL},
            Phase.GREETING,
            ReplyProblem.REPLY_TOO_LONG,
            id="endless-lines",
        ),
        pytest.param(
            raw_server.huge_line,
            {Outcome.PROTOCOL},
            Phase.GREETING,
            ReplyProblem.LINE_TOO_LONG,
            id="huge-line",
        ),
        pytest.param(
            raw_server.too_much,
            {Outcome.PROTOCOL},
            Phase.GREETING,
            ReplyProblem.TOO_MUCH_DATA,
            id="too-much-data",
        ),
        pytest.param(
            raw_server.garbage,
            {Outcome.PROTOCOL},
            Phase.GREETING,
            ReplyProblem.GARBAGE,
            id="garbage",
        ),
        pytest.param(
            raw_server.endless_ehlo,
            {Outcome.PROTOCOL},
            Phase.EHLO,
            ReplyProblem.REPLY_TOO_LONG,
            id="endless-ehlo",
        ),
    ],
)
def test_hostile_server_costs_a_bounded_read(behaviour, outcomes, phase, problem):
    with RawServer(behaviour) as server:
        result = probe_587(server)
    assert result.outcome in outcomes
    assert (result.phase, result.problem) == (phase, problem)
    if problem is None:
        assert result.greeting_code is None
        assert result.detail in ("", "deadline reached during greeting")
    assert result.bytes_read <= MAX_BYTES_PER_CONNECTION + TRANSPORT_READ
    assert all(len(line) <= MAX_LINE for line in result.transcript)
    assert server.connections == 1


BANNER = b"<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture
def html_server(settings):
    with RawServer(raw_server.html_banner(BANNER)) as server:
        settings.WIZARD_PROBE_PORT_MAP = f"587:{server.port},465:{free_port()},25:{free_port()}"
        settings.WIZARD_PROBE_ALLOW_NETWORKS = ["127.0.0.0/8"]
        settings.WIZARD_PROBE_TIMEOUT = 3
        yield server


@pytest.mark.django_db(transaction=True)
def test_markup_in_a_banner_is_shown_as_text(client, html_server):
    response = client.post("/en/probe/", {"target": "127.0.0.1"}, follow=True)
    html = response.content.decode()
    assert "Port 587: Answers" in html
    assert "<script>alert" not in html
    assert "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


@pytest.mark.django_db(transaction=True)
def test_markup_in_a_banner_stays_text_in_the_api(client, html_server):
    body = client.post("/api/probe", {"target": "127.0.0.1"}).json()
    assert body["ports"][0]["greeting"] == BANNER.decode()
    assert body["ports"][0]["outcome"] == "answered"


def test_what_the_server_said_stays_in_the_json_detail():
    with RawServer(raw_server.garbage) as server:
        garbage = probe_587(server)
    with RawServer(raw_server.hangs_up_mid_reply) as server:
        closed = probe_587(server)
    with RawServer(raw_server.huge_line) as server:
        huge = probe_587(server)
    assert (garbage.problem, garbage.detail) == (ReplyProblem.GARBAGE, "HTTP/1.1 400 Bad Request")
    assert garbage.as_json()["detail"] == "garbage: HTTP/1.1 400 Bad Request"
    assert (closed.outcome, closed.problem) == (Outcome.PROTOCOL, ReplyProblem.CLOSED)
    assert closed.as_json()["detail"] == "closed: 421 bye"
    assert huge.as_json()["detail"] == "line-too-long"
    assert huge.as_json()["problem"] == "line-too-long"


def test_a_refused_starttls_is_said_in_plain_words():
    with RawServer(raw_server.refuses_starttls) as server:
        result = probe_587(server)
    assert (result.outcome, result.phase, result.problem) == (
        Outcome.TLS_FAILED,
        Phase.STARTTLS,
        None,
    )
    assert result.as_json()["detail"] == "STARTTLS 454 not now"
