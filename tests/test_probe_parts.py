"""The probe's pure parts, on literal inputs: replies, EHLO, targets, addresses,
the report's JSON."""

from __future__ import annotations

import ipaddress

import pytest

from wizard.probe.core.addresses import Refusal, refusal_for
from wizard.probe.core.advice import Advice, advise
from wizard.probe.core.config import parse_port_map
from wizard.probe.core.discovery import ChosenBy, Discovery
from wizard.probe.core.errors import (
    LineTooLong,
    NotSmtp,
    ReadLimitExceeded,
    ReplyProblem,
    ReplyTooLong,
    ServerDisconnected,
    SmtpProblem,
    TooMuchData,
)
from wizard.probe.core.report import (
    CheckProblem,
    LookupProblem,
    Outcome,
    PortResult,
    ProbeReport,
    Refused,
)
from wizard.probe.core.smtp import Reply, parse_ehlo, parse_reply_line
from wizard.probe.core.status import ReplyClass, SmtpStatus
from wizard.probe.core.targets import BadTarget, TargetKind, TargetProblem, parse_target
from wizard.probe.core.tls import name_matches


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        (b"220 mail.example.jp ESMTP\r\n", (220, True, "mail.example.jp ESMTP")),
        (b"250-PIPELINING\r\n", (250, False, "PIPELINING")),
        (b"250 OK\n", (250, True, "OK")),
        (b"421\r\n", (421, True, "")),
    ],
)
def test_reply_lines(raw, parsed):
    assert parse_reply_line(raw) == parsed


@pytest.mark.parametrize("raw", [b"HTTP/1.1 400 Bad\r\n", b"<script>\r\n", b"2500 x\r\n", b"\r\n"])
def test_garbage_is_not_a_reply(raw):
    with pytest.raises(NotSmtp) as problem:
        parse_reply_line(raw)
    assert problem.value.problem is ReplyProblem.GARBAGE
    assert problem.value.detail == raw.decode().rstrip("\r\n")


@pytest.mark.parametrize(
    ("error", "problem", "kinds", "text"),
    [
        (NotSmtp("HTTP/1.1 400"), "garbage", (ValueError,), "garbage: HTTP/1.1 400"),
        (ServerDisconnected("421 bye"), "closed", (ConnectionError,), "closed: 421 bye"),
        (ServerDisconnected(), "closed", (OSError,), "closed"),
        (LineTooLong(), "line-too-long", (ReadLimitExceeded,), "line-too-long"),
        (ReplyTooLong(), "reply-too-long", (ReadLimitExceeded,), "reply-too-long"),
        (TooMuchData(), "too-much-data", (ReadLimitExceeded,), "too-much-data"),
    ],
)
def test_each_reply_problem_is_its_own_kind(error, problem, kinds, text):
    assert isinstance(error, SmtpProblem)
    assert all(isinstance(error, kind) for kind in kinds)
    assert error.problem == problem
    assert str(error) == text


def test_the_reply_problems_are_exactly_the_stored_names():
    assert {str(p) for p in ReplyProblem} == {
        "garbage",
        "closed",
        "line-too-long",
        "too-much-data",
        "reply-too-long",
    }


@pytest.mark.parametrize(
    ("code", "reply_class", "ok", "transient"),
    [
        (220, ReplyClass.POSITIVE_COMPLETION, True, False),
        (250, ReplyClass.POSITIVE_COMPLETION, True, False),
        (354, ReplyClass.POSITIVE_INTERMEDIATE, True, False),
        (421, ReplyClass.TRANSIENT_NEGATIVE, False, True),
        (454, ReplyClass.TRANSIENT_NEGATIVE, False, True),
        (554, ReplyClass.PERMANENT_NEGATIVE, False, False),
        (199, ReplyClass.POSITIVE_PRELIMINARY, False, False),
    ],
)
def test_reply_classes(code, reply_class, ok, transient):
    reply = Reply(code, ("x",))
    assert (reply.reply_class, reply.ok, reply.transient) == (reply_class, ok, transient)


def test_status_codes_are_the_numbers_servers_send():
    assert parse_reply_line(b"220 ready\r\n")[0] == SmtpStatus.READY
    assert SmtpStatus.DOMAIN_UNAVAILABLE == 421
    with pytest.raises(ValueError, match="not an SMTP reply code"):
        ReplyClass.of(600)


def test_ehlo_keywords_and_auth_forms():
    facts = parse_ehlo(
        Reply(
            250,
            (
                "mx.example.jp",
                "SIZE 35882577",
                "8BITMIME",
                "AUTH LOGIN PLAIN",
                "AUTH=CRAM-MD5",
                "STARTTLS",
                "ENHANCEDSTATUSCODES",
                "bad keyword!",
            ),
        )
    )
    assert facts.auth == ("CRAM-MD5", "LOGIN", "PLAIN")
    assert facts.keywords["SIZE"] == "35882577"
    assert facts.starttls
    assert not any("<" in keyword for keyword in facts.keywords)


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("Taro@Example.JP", TargetKind.EMAIL, "taro@example.jp"),
        ("smtp.example.jp.", TargetKind.HOST, "smtp.example.jp"),
        ("ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ", TargetKind.HOST, "smtp.example.jp"),
        ("メール.example.jp", TargetKind.HOST, "xn--4dkua4c.example.jp"),
        ("2130706433", TargetKind.ADDRESS, "127.0.0.1"),
        ("0177.0.0.1", TargetKind.ADDRESS, "127.0.0.1"),
        ("127.1", TargetKind.ADDRESS, "127.0.0.1"),
        ("0x7f.1", TargetKind.ADDRESS, "127.0.0.1"),
        ("１２７。０。０。１", TargetKind.ADDRESS, "127.0.0.1"),
        ("[::ffff:127.0.0.1]", TargetKind.ADDRESS, "::ffff:7f00:1"),
        ("203.0.113.5", TargetKind.ADDRESS, "203.0.113.5"),
    ],
)
def test_targets_are_read_in_every_spelling(text, kind, shown):
    target = parse_target(text)
    assert (target.kind, target.text) == (kind, shown)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", TargetProblem.EMPTY),
        ("   ", TargetProblem.EMPTY),
        ("a" * 300, TargetProblem.TOO_LONG),
        ("smtp.example.jp\r\nRCPT TO:<x>", TargetProblem.BAD_CHARACTERS),
        ("smtp.example.jp\x00.evil", TargetProblem.BAD_CHARACTERS),
        ("<script>.example", TargetProblem.BAD_NAME),
        ("localhost", TargetProblem.BAD_NAME),
        ("fe80::1%eth0", TargetProblem.SCOPED),
        ("@example.jp", TargetProblem.BAD_EMAIL),
        ("taro@", TargetProblem.BAD_EMAIL),
        ("999.1.1.1", TargetProblem.BAD_NAME),
    ],
)
def test_bad_targets_say_why(text, problem):
    with pytest.raises(BadTarget) as bad:
        parse_target(text)
    assert bad.value.problem is problem


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
        ("127.0.0.1", Refusal.LOOPBACK),
        ("10.1.2.3", Refusal.PRIVATE),
        ("169.254.169.254", Refusal.LINK_LOCAL),
        ("100.100.100.200", Refusal.SHARED),
        ("224.0.0.1", Refusal.MULTICAST),
        ("255.255.255.255", Refusal.RESERVED),
        ("0.0.0.0", Refusal.UNSPECIFIED),
        ("192.0.0.192", Refusal.SPECIAL),
        ("198.18.0.1", Refusal.SPECIAL),
        ("203.0.113.5", Refusal.DOCUMENTATION),
        ("::1", Refusal.LOOPBACK),
        ("::ffff:10.0.0.1", Refusal.PRIVATE),
        ("64:ff9b::7f00:1", Refusal.LOOPBACK),
        ("2002:7f00:1::1", Refusal.LOOPBACK),
        ("fd00:ec2::254", Refusal.PRIVATE),
        ("ff02::1", Refusal.MULTICAST),
        ("3fff::1", Refusal.DOCUMENTATION),
    ],
)
def test_only_global_unicast_addresses_may_be_probed(address, refusal):
    assert refusal_for(ipaddress.ip_address(address)) == refusal


def test_allowed_lab_networks_are_the_only_way_around():
    loopback = ipaddress.ip_network("127.0.0.0/8")
    assert refusal_for(ipaddress.ip_address("127.0.0.1"), allowed=[loopback]) is None
    assert refusal_for(ipaddress.ip_address("10.0.0.1"), allowed=[loopback]) is Refusal.PRIVATE


def test_port_map_accepts_only_the_three_ports():
    assert parse_port_map("25:2525,465:2465,587:2587") == {25: 2525, 465: 2465, 587: 2587}
    for bad in ("22:2222", "25:0", "25:70000", "x:1"):
        with pytest.raises(ValueError):  # noqa: PT011 - each is a different bad value
            parse_port_map(bad)


def test_wildcard_certificate_names():
    assert name_matches("smtp.example.jp", ["*.example.jp"])
    assert not name_matches("example.jp", ["*.example.jp"])
    assert name_matches("SMTP.Example.JP.", ["smtp.example.jp"])


def test_closed_submission_port_advice_depends_on_whose_mail_it_is():
    report = ProbeReport(
        target="x",
        kind=TargetKind.HOST,
        ports=[
            PortResult(port=587, real_port=587, outcome=Outcome.REFUSED),
        ],
    )
    others = {a.code for a in advise(report)}
    own = {a.code for a in advise(report, isp_mail=True)}
    # Someone else's server: ask them, or send through the ISP's server instead.
    assert Advice.SUBMISSION_CLOSED in others
    assert Advice.ISP_SUBMISSION_CLOSED not in others
    # The ISP's own server: check the server name (the ISP's server is no way out).
    assert Advice.ISP_SUBMISSION_CLOSED in own
    assert Advice.SUBMISSION_CLOSED not in own


@pytest.mark.parametrize(
    ("problem", "detail", "line"),
    [
        (ReplyProblem.GARBAGE, "HTTP/1.1 400", "garbage: HTTP/1.1 400"),
        (ReplyProblem.LINE_TOO_LONG, "", "line-too-long"),
        (ReplyProblem.CLOSED, "421 bye", "closed: 421 bye"),
        (ReplyProblem.CLOSED, "a: b", "closed: a: b"),
        (CheckProblem.INTERRUPTED, "", "the check was interrupted"),
        (None, "TLS handshake timed out", "TLS handshake timed out"),
        (None, "STARTTLS 454 not now", "STARTTLS 454 not now"),
        (None, "", ""),
    ],
)
def test_a_port_keeps_its_json_detail_and_adds_the_problem(problem, detail, line):
    port = PortResult(port=587, real_port=587, problem=problem, detail=detail)
    data = port.as_json()
    assert data["detail"] == line
    assert data["problem"] == (str(problem) if problem else None)
    again = PortResult.from_json(data)
    assert (again.problem, again.detail) == (problem, detail)
    # Stored before the "problem" key existed: read from "detail" alone.
    del data["problem"]
    legacy = PortResult.from_json(data)
    assert (legacy.problem, legacy.detail) == (problem, detail)
    assert legacy.as_json()["detail"] == line


def test_a_report_keeps_its_json_values():
    report = ProbeReport(
        target="taro@example.jp",
        kind=TargetKind.EMAIL,
        refused=Refused.NOT_FOUND,
        refusal_detail=LookupProblem.DNS_TIMEOUT,
        discovery=Discovery(chosen_by=ChosenBy.SRV_SUBMISSIONS).as_json(),
    )
    data = report.as_json()
    assert (data["kind"], data["refusal_detail"]) == ("email", "dns-timeout")
    assert data["discovery"]["chosen_by"] == "srv-submissions"
    assert ProbeReport.from_json(data) == report
    forbidden = ProbeReport(
        target="x",
        kind=TargetKind.HOST,
        refused=Refused.FORBIDDEN_ADDRESS,
        refusal_detail=Refusal.LOOPBACK,
    )
    assert ProbeReport.from_json(forbidden.as_json()).refusal_detail is Refusal.LOOPBACK
    assert Discovery().as_json()["chosen_by"] == ""
    assert ProbeReport(target="x", kind=TargetKind.HOST).as_json()["refusal_detail"] == ""


def test_a_value_this_version_does_not_know_never_breaks_a_stored_report():
    port = PortResult.from_json(
        {"port": 587, "outcome": "protocol", "problem": "from-a-later-version", "detail": "x"}
    )
    assert (port.problem, port.detail) == (None, "x")
    report = ProbeReport.from_json(
        {"target": "x", "kind": "host", "refused": "not-found", "refusal_detail": "later"}
    )
    assert report.refusal_detail is None
