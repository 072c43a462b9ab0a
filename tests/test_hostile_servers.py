"""Hostile mail servers cost at most the deadline and a bounded number of bytes,
and whatever they send is shown escaped (SPEC section 9)."""

from __future__ import annotations

import asyncio

import pytest

from tests.servers import raw_server
from tests.servers.raw_server import RawServer
from tests.servers.smtp_servers import free_port
from wizard.probe.core.addresses import parse_networks
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome
from wizard.probe.core.run import probe_server
from wizard.probe.core.smtp import MAX_BYTES_PER_CONNECTION, MAX_LINE, TRANSPORT_READ

LOOPBACK = tuple(parse_networks(["127.0.0.0/8"]))


def probe_587(server: RawServer, deadline: float = 2.0):
    config = ProbeConfig(
        port_map={587: server.port, 465: free_port(), 25: free_port()},
        allow_networks=LOOPBACK,
        deadline=deadline,
        reply_seconds=min(5.0, deadline),
    )
    return asyncio.run(probe_server("127.0.0.1", config)).port(587)


@pytest.mark.parametrize(
    ("behaviour", "outcomes", "detail"),
    [
        pytest.param(raw_server.silent, {Outcome.SILENT}, "", id="silent"),
        pytest.param(raw_server.drip, {Outcome.SILENT, Outcome.TIMEOUT}, "", id="drip"),
        pytest.param(
            raw_server.endless_greeting, {Outcome.PROTOCOL}, "reply-too-long", id="endless-lines"
        ),
        pytest.param(raw_server.huge_line, {Outcome.PROTOCOL}, "line-too-long", id="huge-line"),
        pytest.param(raw_server.garbage, {Outcome.PROTOCOL}, "garbage", id="garbage"),
        pytest.param(
            raw_server.endless_ehlo, {Outcome.PROTOCOL}, "reply-too-long", id="endless-ehlo"
        ),
    ],
)
def test_hostile_server_costs_a_bounded_read(behaviour, outcomes, detail):
    with RawServer(behaviour) as server:
        result = probe_587(server)
    assert result.outcome in outcomes
    assert result.detail.startswith(detail)
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
