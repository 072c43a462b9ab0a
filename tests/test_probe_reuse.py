"""Reuse and sharing of probes (issue 11, point 1), against a shared-hosting lab on
loopback: two names at one address, each served its own certificate through SNI,
with every connection counted at the servers."""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
import time
from dataclasses import dataclass, field

import pytest
import trustme
from aiosmtpd.controller import Controller
from django.test import Client

from tests.conftest import texts
from tests.servers.dns_server import DnsServer
from tests.servers.raw_server import RawServer
from tests.servers.smtp_servers import RecordingHandler, Seen, free_port
from wizard.probe import records
from wizard.probe.core.config import PORTS, ProbeConfig
from wizard.probe.core.report import ProbeReport
from wizard.probe.core.targets import TargetKind
from wizard.probe.models import ProbeRecord

pytestmark = pytest.mark.django_db(transaction=True)

OTHER = "smtp.other.test"
CUSTOMER = "mail.customer.test"
RECORDS = {
    (OTHER, "A"): ["127.0.0.1"],
    (CUSTOMER, "A"): ["127.0.0.1"],
    ("_submission._tcp.customer.test", "SRV"): [f"0 1 587 {CUSTOMER}."],
}


@dataclass
class Counts:
    """What the shared-hosting servers saw: connections per port, SNI names."""

    connections: dict[int, int] = field(default_factory=lambda: dict.fromkeys(PORTS, 0))
    sni: list[str | None] = field(default_factory=list)

    def total(self) -> int:
        return sum(self.connections.values())


class CountingController(Controller):
    """aiosmtpd makes one SMTP instance per connection: count them."""

    def __init__(self, *args, counts: Counts, logical_port: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counts, self.logical_port = counts, logical_port

    def factory(self):
        self.counts.connections[self.logical_port] += 1
        return super().factory()


def sni_context(ca: trustme.CA, counts: Counts) -> ssl.SSLContext:
    """A server context that serves each name's own certificate, as shared hosting does."""

    def context_for(name: str) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert(name).configure_cert(context)
        return context

    by_name = {name: context_for(name) for name in (OTHER, CUSTOMER)}
    default = context_for("default.hosting.test")

    def pick(sock: ssl.SSLObject, name: str | None, _: ssl.SSLContext) -> None:
        counts.sni.append(name)
        if name in by_name:
            sock.context = by_name[name]

    default.sni_callback = pick  # type: ignore[assignment]
    return default


@pytest.fixture
def hosting(tmp_path, settings):
    """587 (STARTTLS), 465 (implicit TLS) and 25 at 127.0.0.1 for both names."""
    ca = trustme.CA()
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    counts = Counts()
    seen = Seen()
    tls = {"starttls": sni_context(ca, counts), "implicit": sni_context(ca, counts)}
    servers = {
        587: dict(tls_context=tls["starttls"], require_starttls=False, auth_require_tls=True),
        465: dict(ssl_context=tls["implicit"], server_hostname="shared.hosting.test"),
        25: dict(),
    }
    controllers = {}
    for port, parameters in servers.items():
        controller = CountingController(
            RecordingHandler(seen),
            hostname="127.0.0.1",
            port=free_port(),
            ready_timeout=5,
            counts=counts,
            logical_port=port,
            **parameters,
        )
        controller.start()
        controllers[port] = controller
    with DnsServer(RECORDS) as dns:
        settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{p}:{c.port}" for p, c in controllers.items())
        settings.WIZARD_PROBE_ALLOW_NETWORKS = ["127.0.0.0/8"]
        settings.WIZARD_DNS_NAMESERVERS = [dns.address]
        settings.WIZARD_PROBE_CA_FILE = str(cafile)
        settings.WIZARD_PROBE_TIMEOUT = 5
        # aiosmtpd's start connects once to itself: count from here.
        counts.connections = dict.fromkeys(PORTS, 0)
        counts.sni.clear()
        yield counts
    for controller in controllers.values():
        controller.stop()
    assert seen.commands == [], "the probe only ever asks"


def api(client, target):
    response = client.post(
        "/api/probe", json.dumps({"target": target}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def said_entered(html: str) -> str:
    """What a report page says was entered and checked, from "You entered" on."""
    (line,) = [t for t in texts(html, "p") if "You entered" in t]
    return line[line.index("You entered") :]


def entered(client, body) -> str:
    return said_entered(client.get(f"/en/probe/{body['id']}/").content.decode())


def test_the_same_name_twice_is_probed_once_each_visitor_with_their_own_target(client, hosting):
    first = api(client, CUSTOMER)
    assert hosting.connections == {587: 1, 465: 1, 25: 1}
    # Another spelling of the same server: the mailbox's SRV record names it.
    second = api(client, "hanako@customer.test")
    assert hosting.connections == {587: 1, 465: 1, 25: 1}, "no new connection"
    assert (first["cached"], second["cached"]) == (False, True)
    assert second["ports"] == first["ports"]
    assert first["id"] != second["id"]
    assert (first["target"], second["target"]) == (CUSTOMER, "hanako@customer.test")
    # Each record keeps its own target and its own discovery.
    kept = {r.pk: r for r in ProbeRecord.objects.all()}
    assert (kept[first["id"]].target, kept[second["id"]].target) == (
        CUSTOMER,
        "hanako@customer.test",
    )
    assert kept[first["id"]].report["discovery"]["chosen_by"] == "host"
    assert kept[second["id"]].report["discovery"]["chosen_by"] == "srv-submission"
    assert entered(client, first) == f"You entered {CUSTOMER}. We checked {CUSTOMER} (127.0.0.1)."
    assert entered(client, second).startswith("You entered hanako@customer.test.")


def test_two_names_at_one_address_are_probed_separately(client, hosting):
    theirs = api(client, OTHER)
    mine = api(client, CUSTOMER)
    assert hosting.connections == {587: 2, 465: 2, 25: 2}
    assert (theirs["cached"], mine["cached"]) == (False, False)
    # Each name was sent through SNI and got its own certificate.
    assert sorted(n for n in hosting.sni if n) == sorted([OTHER, OTHER, CUSTOMER, CUSTOMER])
    assert theirs["ports"][0]["tls"]["names"] == [OTHER]
    assert mine["ports"][0]["tls"]["names"] == [CUSTOMER]
    assert mine["ports"][1]["tls"]["names"] == [CUSTOMER]
    assert (mine["host"], mine["target"]) == (CUSTOMER, CUSTOMER)
    html = client.get(f"/en/probe/{mine['id']}/").content.decode()
    assert OTHER not in html
    # And each name's report is reused for that name only.
    again = api(client, OTHER)
    assert again["cached"] is True
    assert again["ports"][0]["tls"]["names"] == [OTHER]
    assert hosting.total() == 6


def test_another_port_map_is_another_probe(client, hosting, settings):
    api(client, CUSTOMER)
    mapping = dict(item.split(":") for item in settings.WIZARD_PROBE_PORT_MAP.split(","))
    mapping["25"] = str(free_port())  # nothing listens there now
    settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{k}:{v}" for k, v in mapping.items())
    second = api(client, CUSTOMER)
    assert second["cached"] is False
    assert hosting.connections == {587: 2, 465: 2, 25: 1}
    assert second["ports"][2]["outcome"] == "refused"


def gated(gate: threading.Event):
    """Port 25 that greets only once ``gate`` is set, so a probe stays in flight."""

    async def behaviour(reader, writer):
        while not gate.is_set():
            await asyncio.sleep(0.02)
        writer.write(b"220 shared.hosting.test ESMTP\r\n")
        await writer.drain()
        while line := await asyncio.wait_for(reader.readline(), 5):
            if line.upper().startswith(b"EHLO"):
                writer.write(b"250-shared.hosting.test\r\n250 SIZE 1000\r\n")
            elif line.upper().startswith(b"QUIT"):
                writer.write(b"221 bye\r\n")
                await writer.drain()
                return
            else:
                writer.write(b"502 5.5.2 no\r\n")
            await writer.drain()

    return behaviour


def wait_for(condition, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_two_visitors_at_once_share_one_probe_and_both_records_finish(hosting, settings):
    gate = threading.Event()
    with RawServer(gated(gate)) as slow:
        mapping = dict(item.split(":") for item in settings.WIZARD_PROBE_PORT_MAP.split(","))
        mapping["25"] = str(slow.port)
        settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{k}:{v}" for k, v in mapping.items())
        answers: dict[str, dict] = {}

        def visit(name: str, target: str) -> None:
            answers[name] = api(Client(), target)

        first = threading.Thread(target=visit, args=("first", CUSTOMER))
        first.start()
        wait_for(lambda: slow.connections == 1)
        second = threading.Thread(target=visit, args=("second", "taro@customer.test"))
        second.start()
        wait_for(lambda: ProbeRecord.objects.count() == 2)
        time.sleep(0.2)  # the second visitor joins right after its record is made
        assert ProbeRecord.objects.filter(status=ProbeRecord.Status.DONE).count() == 0
        gate.set()
        first.join(10)
        second.join(10)
    assert slow.connections == 1
    assert hosting.connections == {587: 1, 465: 1, 25: 0}
    mine, theirs = answers["first"], answers["second"]
    assert (mine["cached"], theirs["cached"]) == (False, False)
    assert mine["id"] != theirs["id"]
    assert (mine["target"], theirs["target"]) == (CUSTOMER, "taro@customer.test")
    assert mine["ports"] == theirs["ports"]
    assert [p["outcome"] for p in mine["ports"]] == ["answered"] * 3
    done = ProbeRecord.objects.filter(status=ProbeRecord.Status.DONE)
    assert sorted(r.target for r in done) == sorted([CUSTOMER, "taro@customer.test"])
    assert records.in_flight_keys() == []
    client = Client()
    assert entered(client, theirs).startswith("You entered taro@customer.test.")
    assert CUSTOMER + "." not in entered(client, theirs).split(" We checked")[0]
    # Both settled, the shared facts now reused for a third visitor.
    third = api(client, CUSTOMER)
    assert third["cached"] is True
    assert slow.connections == 1


def test_page_visitors_at_once_each_see_their_own_target_while_it_runs(client, hosting, settings):
    gate = threading.Event()
    with RawServer(gated(gate)) as slow:
        mapping = dict(item.split(":") for item in settings.WIZARD_PROBE_PORT_MAP.split(","))
        mapping["25"] = str(slow.port)
        settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{k}:{v}" for k, v in mapping.items())
        htmx = {"HX-Request": "true"}
        client.post("/en/probe/", {"target": CUSTOMER}, headers=htmx)
        Client().post("/en/probe/", {"target": "jiro@customer.test"}, headers=htmx)
        ids = {r.target: r.pk for r in ProbeRecord.objects.all()}
        running = client.get(f"/en/probe/{ids['jiro@customer.test']}/").content.decode()
        assert "every 700ms" in running
        assert said_entered(running).startswith("You entered jiro@customer.test.")
        gate.set()
        wait_for(lambda: ProbeRecord.objects.filter(status=ProbeRecord.Status.DONE).count() == 2)
    assert slow.connections == 1
    assert hosting.connections == {587: 1, 465: 1, 25: 0}
    for target, pk in ids.items():
        page = client.get(f"/en/probe/{pk}/").content.decode()
        assert "every 700ms" not in page
        assert said_entered(page).startswith(f"You entered {target}.")


# The key itself --------------------------------------------------------------------


def vetted(host: str | None, addresses: list[str], target: str = "x") -> ProbeReport:
    return ProbeReport(
        target=target,
        kind=TargetKind.HOST,
        host=host,
        address=addresses[0],
        discovery={"host": host, "addresses": addresses},
    )


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize(
    ("other", "port_map", "same"),
    [
        (vetted(CUSTOMER, ["192.0.2.1"], target="taro@customer.test"), {}, True),
        (vetted(CUSTOMER.upper(), ["192.0.2.1"]), {}, True),
        (vetted(OTHER, ["192.0.2.1"]), {}, False),
        (vetted(None, ["192.0.2.1"]), {}, False),
        (vetted(CUSTOMER, ["192.0.2.2"]), {}, False),
        (vetted(CUSTOMER, ["192.0.2.1", "2001:db8::1"]), {}, False),
        (vetted(CUSTOMER, ["192.0.2.1"]), {25: 2525}, False),
    ],
    ids=["other-spelling", "case", "other-name", "ip-target", "other-ip", "more-ips", "port-map"],
)
def test_the_reuse_key_is_name_addresses_and_ports(other, port_map, same):
    mine = vetted(CUSTOMER, ["192.0.2.1"])
    key = records.probe_key(mine, ProbeConfig(), PORTS)
    assert (records.probe_key(other, ProbeConfig(port_map=port_map), PORTS) == key) is same
