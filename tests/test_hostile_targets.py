"""Targets the probe must refuse before any connection (SPEC section 9).

A listener on 127.0.0.1 takes every port the probe could use; for each target
the probe must raise, and the listener must see no connection. 127.0.0.2 plays
a public server (the only allowed network), for the DNS rebinding case.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.servers.dns_server import DnsServer
from tests.servers.raw_server import RawServer, greets
from wizard.probe.core.addresses import parse_networks
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome
from wizard.probe.core.run import TargetRefused, probe_server
from wizard.probe.core.targets import BadTarget

INWARD = {
    ("inward.test", "A"): ["127.0.0.1"],
    ("private.test", "A"): ["10.0.0.1"],
    ("meta.test", "A"): ["169.254.169.254"],
    ("cgnat.test", "A"): ["100.100.100.200"],
    ("v6loop.test", "AAAA"): ["::1"],
    ("mapped.test", "AAAA"): ["::ffff:127.0.0.1"],
    ("nat64.test", "AAAA"): ["64:ff9b::a00:1"],
    ("sixtofour.test", "AAAA"): ["2002:a00:1::1"],
    ("mixed.test", "A"): ["127.0.0.2", "127.0.0.1"],
    ("_submission._tcp.srv-inward.test", "SRV"): ["0 1 587 inward.test."],
    ("smtp.guess-inward.test", "A"): ["127.0.0.1"],
    ("smtp.meta-mail.test", "A"): ["169.254.169.254"],
    ("fine.test", "A"): ["127.0.0.2"],
}

HOSTILE = [
    # Odd spellings of loopback and other inward addresses.
    "127.0.0.1",
    "2130706433",
    "0177.0.0.1",
    "127.1",
    "0x7f.1",
    "0x7f000001",
    "017700000001",
    "127.0.0.1.",
    "[127.0.0.1]",
    "１２７．０．０．１",
    "127。0。0。1",
    "::1",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "::ffff:7f00:1",
    "::127.0.0.1",
    "64:ff9b::7f00:1",
    "2002:7f00:1::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "0.0.0.0",
    "0",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.100.100.200",
    "192.0.0.192",
    "224.0.0.1",
    "255.255.255.255",
    "198.18.0.1",
    "192.0.2.1",
    "fe80::1",
    "fe80::1%eth0",
    "fd00:ec2::254",
    "ff02::1",
    # Names that resolve inward.
    "inward.test",
    "private.test",
    "meta.test",
    "cgnat.test",
    "v6loop.test",
    "mapped.test",
    "nat64.test",
    "sixtofour.test",
    "mixed.test",
    "localhost",
    # E-mail addresses whose servers are inward.
    "taro@srv-inward.test",
    "taro@guess-inward.test",
    "taro@meta-mail.test",
    "taro@127.0.0.1",
    "taro@[127.0.0.1]",
    # Not a target at all: injection, markup, length.
    "fine.test\r\nRCPT TO:<victim@example.jp>",
    "fine.test\nQUIT",
    "fine.test\x00.evil",
    "<script>alert(1)</script>.test",
    "a" * 64 + ".test",
    "x." * 130 + "test",
    "fine.test:25",
    "http://fine.test/",
    "",
]


@pytest.fixture(scope="module")
def listener():
    with RawServer(greets(b"220 should never be reached\r\n")) as server:
        yield server


@pytest.fixture(scope="module")
def dns_lab():
    with DnsServer(INWARD) as server:
        yield server


def lab_config(dns_lab, listener) -> ProbeConfig:
    return ProbeConfig(
        port_map={p: listener.port for p in (587, 465, 25)},
        allow_networks=tuple(parse_networks(["127.0.0.2/32"])),
        only_networks=tuple(parse_networks(["127.0.0.0/8", "::1/128"])),
        nameservers=(dns_lab.address,),
        deadline=3.0,
    )


def test_the_battery_is_large_enough():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("target", HOSTILE, ids=lambda t: repr(t)[:40])
def test_hostile_target_is_refused_without_a_connection(target, dns_lab, listener):
    before = listener.connections
    with pytest.raises((BadTarget, TargetRefused)):
        asyncio.run(probe_server(target, lab_config(dns_lab, listener)))
    assert listener.connections == before


def test_dns_rebinding_cannot_move_the_probe(dns_lab):
    """The name is vetted on its first answer and never asked again."""
    with (
        RawServer(greets(b"220 public\r\n"), host="127.0.0.2") as public,
        RawServer(greets(b"220 private\r\n")) as private,
    ):
        dns_lab.sequences[("rebind.test.", "A")] = [["127.0.0.2"], ["127.0.0.1"]]
        config = ProbeConfig(
            port_map={587: public.port, 465: public.port, 25: public.port},
            allow_networks=tuple(parse_networks(["127.0.0.2/32"])),
            only_networks=tuple(parse_networks(["127.0.0.0/8"])),
            nameservers=(dns_lab.address,),
            deadline=3.0,
        )
        report = asyncio.run(probe_server("rebind.test", config))
    assert report.address == "127.0.0.2"
    assert report.port(587).greeting == "public"
    assert private.connections == 0
    assert dns_lab.queries.count(("rebind.test.", "A")) == 1


def test_only_the_three_ports_are_ever_probed(dns_lab):
    with RawServer(greets(b"220 ok\r\n"), host="127.0.0.2") as public:
        config = ProbeConfig(
            port_map={587: public.port, 465: public.port, 25: public.port},
            allow_networks=tuple(parse_networks(["127.0.0.2/32"])),
            nameservers=(dns_lab.address,),
            deadline=3.0,
        )
        report = asyncio.run(probe_server("fine.test", config, ports=(22, 587, 8080)))
        with pytest.raises(ValueError, match="only ports"):
            asyncio.run(probe_server("fine.test", config, ports=(22,)))
    assert [p.port for p in report.ports] == [587]
    assert report.port(587).outcome is Outcome.ANSWERED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["2130706433", "meta.test", "taro@srv-inward.test"])
def test_the_api_says_403_with_a_reason(client, settings, dns_lab, listener, target):
    settings.WIZARD_DNS_NAMESERVERS = [dns_lab.address]
    settings.WIZARD_PROBE_PORT_MAP = f"587:{listener.port},465:{listener.port},25:{listener.port}"
    before = listener.connections
    response = client.post(
        "/api/probe", json.dumps({"target": target}), content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden-address"
    # No Accept-Language: the API answers in the default language, Japanese.
    assert "確認できません。" in response.json()["error"]["message"]
    assert listener.connections == before


@pytest.mark.django_db(transaction=True)
def test_the_page_says_so_in_japanese(client, settings, dns_lab, listener):
    settings.WIZARD_DNS_NAMESERVERS = [dns_lab.address]
    response = client.post("/probe/", {"target": "169.254.169.254"})
    assert response.status_code == 403
    assert (
        "169.254.169.254 は同じネットワークの中だけで使われるアドレスのため"
        in response.content.decode()
    )
