"""The probe's pure parts, on literal inputs: replies, EHLO, targets, addresses."""

from __future__ import annotations

import ipaddress

import pytest

from wizard.probe.core.addresses import Refusal, refusal_for
from wizard.probe.core.advice import Advice, advise
from wizard.probe.core.config import parse_port_map
from wizard.probe.core.report import Outcome, PortResult, ProbeReport
from wizard.probe.core.smtp import Reply, SmtpProblem, parse_ehlo, parse_reply_line
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
    with pytest.raises(SmtpProblem) as problem:
        parse_reply_line(raw)
    assert problem.value.code == "garbage"


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
    assert facts.size == 35882577
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
        kind="host",
        ports=[
            PortResult(port=587, real_port=587, outcome=Outcome.REFUSED),
        ],
    )
    assert [a.code for a in advise(report)][-1] is Advice.SUBMISSION_CLOSED
    assert Advice.ISP_SUBMISSION_CLOSED in [a.code for a in advise(report, isp_mail=True)]
