"""The EHLO probe against real servers on loopback (aiosmtpd, a dnspython DNS server)."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import LOOPBACK, texts
from tests.servers.raw_server import RawServer, greets, silent
from tests.servers.smtp_servers import SERVER_NAME, Certificates, Seen, free_port, start_server
from wizard.probe.core.advice import Advice, advise
from wizard.probe.core.config import ProbeConfig
from wizard.probe.core.report import Outcome, Refused
from wizard.probe.core.run import TargetRefused, probe_server


def config(dns_lab, port_map, certs=None, **changes) -> ProbeConfig:
    values = dict(
        port_map=port_map,
        allow_networks=LOOPBACK,
        nameservers=(dns_lab.address,),
        cafile=certs.cafile if certs else None,
        deadline=5.0,
    )
    values.update(changes)
    return ProbeConfig(**values)


def probe(text, cfg):
    return asyncio.run(probe_server(text, cfg))


def test_email_address_finds_the_submission_server_through_srv(lab, dns_lab, certs):
    seen, ports = lab
    report = probe("taro@example.test", config(dns_lab, ports, certs))
    assert report.host == SERVER_NAME
    assert report.discovery["chosen_by"] == "srv-submission"
    assert report.discovery["mx"] == ["mx.example.test"]

    submission, implicit, smtp = report.port(587), report.port(465), report.port(25)
    assert submission.outcome is Outcome.ANSWERED
    assert submission.starttls_offered
    assert submission.auth_before_tls == []
    assert submission.auth_after_tls == ["LOGIN", "PLAIN"]
    assert submission.tls.trusted is True
    assert submission.tls.name_match is True
    assert submission.tls.names == [SERVER_NAME]
    assert submission.tls.version.startswith("TLS")

    assert implicit.outcome is Outcome.ANSWERED
    assert implicit.implicit_tls
    assert implicit.auth_after_tls == ["LOGIN", "PLAIN"]
    assert implicit.tls.trusted is True

    assert smtp.outcome is Outcome.ANSWERED
    assert smtp.tls is None
    assert not smtp.starttls_offered
    assert "AUTH" not in smtp.ehlo
    assert {"SIZE", "8BITMIME", "SMTPUTF8"} <= set(submission.ehlo)

    # It only asked: never a login, never a message.
    assert seen.commands == []
    assert seen.ehlo
    assert set(seen.ehlo) == {"localhost"}
    codes = {item.code for item in advise(report)}
    assert {
        Advice.SUBMISSION_READY,
        Advice.AUTH_ONLY_AFTER_TLS,
        Advice.IMPLICIT_READY,
        Advice.PORT_25_OPEN_HERE,
    } <= codes


def test_without_srv_the_usual_names_are_tried(lab, dns_lab, certs):
    _, ports = lab
    report = probe("hanako@guess.test", config(dns_lab, ports, certs))
    assert report.host == "smtp.guess.test"
    assert report.discovery["chosen_by"] == "guess"
    assert report.discovery["tried"][0] == "smtp.guess.test"


def test_a_host_name_and_an_ip_literal_are_probed_directly(lab, dns_lab, certs):
    _, ports = lab
    by_name = probe(SERVER_NAME, config(dns_lab, ports, certs))
    by_address = probe("127.0.0.1", config(dns_lab, ports, certs))
    assert by_name.address == by_address.address == "127.0.0.1"
    assert by_address.host is None
    assert by_address.port(587).outcome is Outcome.ANSWERED


def test_each_closed_port_is_reported_as_closed(dns_lab, certs):
    closed = {port: free_port() for port in (587, 465, 25)}
    report = probe(SERVER_NAME, config(dns_lab, closed, certs))
    assert {p.outcome for p in report.ports} == {Outcome.REFUSED}
    assert Advice.NOTHING_ANSWERED in {item.code for item in advise(report)}
    assert Advice.SUBMISSION_CLOSED in {item.code for item in advise(report)}


def test_untrusted_certificate_is_still_read_and_flagged(lab, dns_lab):
    _, ports = lab
    report = probe(SERVER_NAME, config(dns_lab, ports, certs=None))
    submission = report.port(587)
    assert submission.outcome is Outcome.ANSWERED
    assert submission.tls.trusted is False
    assert "certificate" in submission.tls.trust_error
    assert submission.tls.names == [SERVER_NAME]
    assert Advice.CERT_UNTRUSTED in {item.code for item in advise(report)}


def test_certificate_for_another_name_says_which_name_to_enter(dns_lab, tmp_path):
    other = Certificates(tmp_path, "smtp.provider.test")
    seen = Seen()
    server = start_server(seen=seen, starttls=other.server_context(), auth=True)
    try:
        report = probe(
            SERVER_NAME,
            config(dns_lab, {587: server.port, 465: free_port(), 25: free_port()}, other),
        )
    finally:
        server.stop()
    assert report.port(587).tls.name_match is False
    (item,) = [i for i in advise(report) if i.code is Advice.CERT_NAME]
    assert item.values == {"name": "smtp.provider.test", "host": SERVER_NAME}


def test_a_busy_greeting_is_not_a_vague_error(dns_lab):
    with RawServer(greets(b"421 4.7.0 Too many connections, try later\r\n")) as busy:
        report = probe(
            "127.0.0.1", config(dns_lab, {587: busy.port, 465: free_port(), 25: free_port()})
        )
    submission = report.port(587)
    assert submission.outcome is Outcome.BUSY
    assert submission.greeting_code == 421
    assert "Too many connections" in submission.greeting


def test_a_silent_server_costs_at_most_the_deadline(dns_lab):
    import time

    deadline = 1.5
    with RawServer(silent) as quiet:
        cfg = config(dns_lab, {587: quiet.port, 465: quiet.port, 25: quiet.port}, deadline=deadline)
        started = time.monotonic()
        report = probe("127.0.0.1", cfg)
        elapsed = time.monotonic() - started
    # A bound on the wait, not a speed goal: the margin is generous so it cannot flake.
    assert elapsed <= deadline + 1.0, elapsed
    assert quiet.connections == 3, "every port was really waited on"
    assert {p.outcome for p in report.ports} <= {Outcome.SILENT, Outcome.TIMEOUT}


def test_an_unknown_domain_is_refused_as_not_found(dns_lab):
    with pytest.raises(TargetRefused) as refused:
        probe("nobody@nowhere.test", config(dns_lab, {}))
    assert refused.value.report.refused is Refused.NOT_FOUND


def test_a_name_resolving_inward_is_refused_before_any_connection(dns_lab):
    with RawServer(greets(b"220 hi\r\n")) as listener:
        cfg = config(
            dns_lab, {587: listener.port, 465: listener.port, 25: listener.port}, allow_networks=()
        )
        with pytest.raises(TargetRefused) as refused:
            probe("inward.test", cfg)
    assert refused.value.report.refused is Refused.FORBIDDEN_ADDRESS
    assert refused.value.report.refusal_detail == "loopback"
    assert listener.connections == 0


def test_every_address_of_a_name_is_vetted_ipv6_included(dns_lab):
    # 127.0.0.1 is allowed in this lab, but the name's AAAA record is not.
    with pytest.raises(TargetRefused) as refused:
        probe("dual.test", config(dns_lab, {}))
    assert refused.value.report.refusal_detail == "loopback"
    assert refused.value.report.discovery["addresses"] == ["127.0.0.1", "::1"]


# Through the web and the command line -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_form_without_javascript_redirects_to_the_stored_report(client, web_lab):
    answers = "network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
    response = client.post("/en/probe/", {"target": "taro@example.test", "answers": answers})
    assert response.status_code == 303
    assert response["Location"].startswith("/en/probe/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert f"Check of {SERVER_NAME}" in html
    assert "Checked from our server, not from your own connection." in html
    assert "Port 587: Answers" in html
    assert "After STARTTLS" in html
    assert f'href="/en/result/?{answers.replace("&", "&amp;")}"' in html
    assert web_lab.commands == []


@pytest.mark.django_db(transaction=True)
def test_form_with_htmx_shows_progress_then_the_report(client, web_lab):
    response = client.post("/probe/", {"target": SERVER_NAME}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="probe-result"' in html
    assert 'hx-trigger="every 700ms"' in html
    assert "<html" not in html
    url = html.split('hx-get="')[1].split('"')[0]
    for _ in range(100):
        poll = client.get(url, headers={"HX-Request": "true"}).content.decode()
        if "every 700ms" not in poll:
            break
        asyncio.run(asyncio.sleep(0.05))
    assert "ポート587" in poll
    assert "every 700ms" not in poll


@pytest.mark.django_db(transaction=True)
def test_report_link_is_unguessable_and_expires(client, web_lab, settings):
    response = client.post("/probe/", {"target": SERVER_NAME})
    report_id = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert len(report_id) >= 20
    assert client.get(f"/probe/{report_id[:-1]}x/").status_code == 404
    settings.WIZARD_PROBE_RETENTION_DAYS = 0
    from wizard.probe.models import ProbeRecord

    ProbeRecord.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert client.get(f"/probe/{report_id}/").status_code == 404
    call_command("purge_probe_reports")
    assert not ProbeRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_bad_input_on_the_page_is_answered_kindly(client, web_lab):
    response = client.post("/en/probe/", {"target": "not a host"})
    assert response.status_code == 400
    assert texts(response.content.decode(), "#probe-error") == [
        "⚠ Please enter only a server name or an e-mail address, without spaces."
    ]


@pytest.mark.django_db(transaction=True)
def test_api_probe_returns_the_report_with_its_link(client, web_lab):
    response = client.post(
        "/api/probe",
        data=json.dumps({"target": "taro@example.test"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == f"http://testserver/probe/{body['id']}/"
    assert body["host"] == SERVER_NAME
    assert [p["outcome"] for p in body["ports"]] == ["answered", "answered", "answered"]
    assert body["ports"][0]["auth_after_tls"] == ["LOGIN", "PLAIN"]
    assert "submission-ready" in [a["code"] for a in body["advice"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"target": ""}, 400, "empty"),
        ({"target": "a b"}, 400, "bad-characters"),
        ({"nothing": 1}, 400, "bad-request"),
        ({"target": "nobody@nowhere.test"}, 403, "not-found"),
    ],
)
def test_api_probe_errors(client, web_lab, payload, status, code):
    response = client.post("/api/probe", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


@pytest.mark.django_db(transaction=True)
def test_api_probe_refuses_an_inward_address(client, web_lab, settings):
    settings.WIZARD_PROBE_ALLOW_NETWORKS = []
    response = client.post("/api/probe", {"target": "127.0.0.1"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden-address"


@pytest.mark.django_db(transaction=True)
def test_command_line_probe_prints_json_and_exits_0(web_lab, capsys):
    call_command("probe", SERVER_NAME, "--json", "--port", "587")
    body = json.loads(capsys.readouterr().out)
    assert [p["port"] for p in body["ports"]] == [587]
    assert body["ports"][0]["outcome"] == "answered"


@pytest.mark.django_db(transaction=True)
def test_command_line_exits_2_for_a_refused_target(web_lab, settings):
    settings.WIZARD_PROBE_ALLOW_NETWORKS = []
    with pytest.raises(CommandError) as error:
        call_command("probe", "127.0.0.1")
    assert error.value.returncode == 2


def test_dns_and_ports_share_one_deadline(dns_lab):
    """Time spent before the ports (DNS) is taken from the ports' share."""
    from wizard.probe.core.run import prepare, probe_ports

    with RawServer(greets(b"220 hi\r\n")) as listener:
        cfg = config(dns_lab, {587: listener.port, 465: listener.port, 25: listener.port})

        async def late() -> object:
            report = await prepare(SERVER_NAME, cfg)
            report.started_monotonic -= cfg.deadline  # as if resolving had used it all up
            return await probe_ports(report, cfg)

        report = asyncio.run(late())
    assert {p.outcome for p in report.ports} == {Outcome.TIMEOUT}
    assert listener.connections == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stored_ports", "shown_ports"),
    [((587,), (587,)), ((), (587, 465, 25))],
    ids=["a port begun", "lost before any port was stored"],
)
def test_a_report_whose_probe_was_lost_is_settled_not_polled_forever(
    client, stored_ports, shown_ports
):
    import datetime as dt

    from wizard.probe.core.report import CheckProblem, PortResult, ProbeReport
    from wizard.probe.core.targets import TargetKind
    from wizard.probe.models import ProbeRecord

    report = ProbeReport(
        target=SERVER_NAME,
        kind=TargetKind.HOST,
        host=SERVER_NAME,
        ports=[PortResult(port=port, real_port=port) for port in stored_ports],
    )
    record = ProbeRecord.objects.create(
        target=SERVER_NAME,
        report=report.as_json(),
        expires_at="2100-01-01T00:00:00Z",
    )
    ProbeRecord.objects.filter(pk=record.pk).update(
        created_at=record.created_at - dt.timedelta(hours=1)
    )
    html = client.get(f"/en/probe/{record.pk}/").content.decode()
    assert "every 700ms" not in html
    for port in shown_ports:
        assert f"Port {port}: Check interrupted" in html
    assert "says nothing about your server or your settings: please check again" in html
    assert "Ran out of time" not in html
    # ... and one press checks the same server again.
    again = re.search(
        r'<form class="probe-again" method="post" action="([^"]+)".*?</form>', html, re.S
    )
    assert again is not None
    assert again.group(1) == "/en/probe/"
    assert f'name="target" value="{SERVER_NAME}"' in again.group(0)
    assert ">Check again</button>" in again.group(0)
    settled = ProbeRecord.objects.get(pk=record.pk)
    assert settled.status == ProbeRecord.Status.DONE
    ports = settled.report["ports"]
    assert [port["port"] for port in ports] == list(shown_ports)
    assert {(port["detail"], port["problem"]) for port in ports} == {
        ("the check was interrupted", "interrupted")
    }
    assert ProbeReport.from_json(settled.report).ports[0].problem is CheckProblem.INTERRUPTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {"HX-Request": "true"},
        # A POST is never navigation, even if a boosted form sent it.
        {"HX-Request": "true", "HX-Boosted": "true"},
        {"HX-Request": "true", "HX-History-Restore-Request": "true"},
    ],
    ids=["in-page", "boosted", "history-restore"],
)
def test_a_refused_check_answers_in_place_below_the_form(client, headers):
    response = client.post("/en/probe/", {"target": "not a host"}, headers=headers)
    assert response.status_code == 400
    assert "HX-Push-Url" not in response
    html = response.content.decode()
    assert html.strip().startswith('<div id="probe-result">')
    assert texts(html, ".error") == [
        "⚠ Please enter only a server name or an e-mail address, without spaces."
    ]
