"""The "which connection am I on?" hint, against a real DNS server on loopback."""

from __future__ import annotations

import asyncio

import pytest

from tests.servers.dns_server import DnsServer
from wizard.probe.core.discovery import make_async_resolver
from wizard.questions.connection_hint import LineGuess, connection_hint
from wizard.questions.core.isp import PLALA

PTR_127_0_0_1 = "1.0.0.127.in-addr.arpa"


def hint_for(address, server):
    resolver = make_async_resolver([server.address], 1.5)
    return asyncio.run(connection_hint(address, isp=PLALA, resolver=resolver))


@pytest.mark.parametrize(
    ("name", "guess"),
    [
        ("p1234-ipngn100.tokyo.plala.or.jp.", LineGuess.ISP),
        ("softbank126000000001.bbtec.net.", LineGuess.OTHER),
        ("notplala.or.jp.", LineGuess.OTHER),
    ],
)
def test_the_ptr_name_decides_the_guess(name, guess):
    with DnsServer({(PTR_127_0_0_1, "PTR"): [name]}) as server:
        hint = hint_for("127.0.0.1", server)
    assert hint.guess is guess
    assert hint.name == name.rstrip(".")
    assert server.queries == [(PTR_127_0_0_1 + ".", "PTR")]


def test_no_ptr_name_means_we_cannot_tell():
    with DnsServer({}) as server:
        hint = hint_for("127.0.0.1", server)
    assert (hint.guess, hint.name) == (LineGuess.UNKNOWN, None)


def test_a_silent_dns_server_costs_a_bounded_wait():
    # The call returning at all is the point: the resolver's lifetime ends it.
    with DnsServer(silent=True) as server:
        hint = hint_for("127.0.0.1", server)
    assert hint.guess is LineGuess.UNKNOWN
    assert server.queries


def test_garbage_address_is_unknown_without_a_query():
    with DnsServer({}) as server:
        hint = hint_for("not-an-ip", server)
    assert hint.guess is LineGuess.UNKNOWN
    assert server.queries == []


@pytest.mark.django_db
def test_the_hint_page_suggests_plalas_connection(client, settings):
    with DnsServer({(PTR_127_0_0_1, "PTR"): ["p1-ipngn.tokyo.plala.or.jp."]}) as server:
        settings.WIZARD_DNS_NAMESERVERS = [server.address]
        response = client.get("/help/connection/?service=plala")
    html = response.content.decode().replace("<wbr>", "")
    assert "p1-ipngn.tokyo.plala.or.jp" in html
    assert "ぷらら網のようです。" in html
    assert 'href="/next/?from=network&amp;network=plala&amp;service=plala"' in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_network_step_links_to_the_hint(client):
    html = client.get("/step/network/").content.decode()
    assert 'href="/help/connection/"' in html


@pytest.mark.django_db
def test_the_hint_looks_past_a_trusted_proxy(client, settings):
    with DnsServer({("7.113.0.203.in-addr.arpa", "PTR"): ["p7-ipngn.osaka.plala.or.jp."]}) as dns:
        settings.WIZARD_DNS_NAMESERVERS = [dns.address]
        settings.WIZARD_TRUSTED_PROXIES = ["127.0.0.1/32"]
        response = client.get("/help/connection/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    html = response.content.decode().replace("<wbr>", "")
    assert "203.0.113.7" in html
    assert "p7-ipngn.osaka.plala.or.jp" in html
