"""The console's probe reports page: the list, its search, and checking a
customer's server through the public probe's own limits."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import unquote

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from tests.conftest import texts
from tests.servers.smtp_servers import SERVER_NAME
from wizard.probe.core.report import Outcome, PortResult, ProbeReport
from wizard.probe.core.targets import TargetKind
from wizard.probe.models import ProbeRecord

PASSWORD = "a long test passphrase 7"


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # These tests are about the pages, not the hashing: a quick hasher saves a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


UTC = dt.UTC


@pytest.fixture
def english(console):
    console.post("/staff/language/", {"language": "en"})
    return console


def stored(
    target: str,
    *,
    at: dt.datetime,
    expires_at: dt.datetime | None = None,
    status: str = ProbeRecord.Status.DONE,
    ports: tuple[tuple[int, Outcome], ...] = ((587, Outcome.REFUSED), (25, Outcome.NO_ANSWER)),
) -> ProbeRecord:
    """A stored report made at ``at`` (created_at is set on insert: updated after)."""
    report = ProbeReport(
        target=target,
        kind=TargetKind.HOST,
        host=target,
        ports=[PortResult(port=p, real_port=p, outcome=o) for p, o in ports],
    )
    record = ProbeRecord.objects.create(
        target=target,
        report=report.as_json(),
        status=status,
        expires_at=expires_at or timezone.now() + dt.timedelta(days=30),
    )
    ProbeRecord.objects.filter(pk=record.pk).update(created_at=at)
    return record


def listed(response) -> list[str]:
    return texts(response.content.decode(), ".report-target")


def said(response) -> str:
    """The page's text, as a reader sees it."""
    return " ".join(texts(response.content.decode(), "main"))


def page_links(response) -> dict[str, str]:
    html = response.content.decode()
    return {
        rel: unescape(href)
        for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)"', html)
    }


# Who gets in ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/reports/", "/staff/sources/"])
def test_anonymous_visitors_go_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"/staff/login/?next={path}"


@pytest.mark.django_db
def test_an_anonymous_post_starts_no_probe(client):
    response = client.post("/staff/reports/", {"target": SERVER_NAME})
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
    assert not ProbeRecord.objects.exists()


def test_a_user_without_staff_status_is_kept_out(client, db):
    customer = get_user_model().objects.create_user("customer", password=PASSWORD)
    client.force_login(customer)
    assert client.get("/staff/reports/").status_code == 302


def test_the_page_is_in_the_console_nav_and_on_its_home(english):
    html = english.get("/staff/reports/").content.decode()
    assert '<a href="/staff/reports/" aria-current="page">Probe reports</a>' in html
    home = english.get("/staff/").content.decode()
    assert '<a href="/staff/reports/">Probe reports</a><p>' in home


# The list and its search -----------------------------------------------------------


def test_reports_are_listed_newest_first_with_their_outcomes(english):
    now = timezone.now()
    old = stored("old.example.jp", at=now - dt.timedelta(days=2))
    new = stored("new.example.jp", at=now - dt.timedelta(minutes=5))
    stored(
        "running.example.jp",
        at=now - dt.timedelta(seconds=1),
        status=ProbeRecord.Status.RUNNING,
        ports=(),
    )
    response = english.get("/staff/reports/")
    assert response.status_code == 200
    assert listed(response) == ["running.example.jp", "new.example.jp", "old.example.jp"]
    html = response.content.decode()
    assert f'<a href="/en/probe/{new.pk}/">new.example.jp</a>' in html
    assert f'<a href="/en/probe/{old.pk}/">old.example.jp</a>' in html
    rows = texts(html, "tr")[1:]
    assert rows[0].endswith("Running Checking…")
    # The report page's own words for each port.
    assert rows[1].endswith("Done × Port 587: Closed × Port 25: No answer")
    assert "3 reports found, newest first." in said(response)


def test_the_list_is_in_japanese_by_default(console):
    record = stored("jp.example.jp", at=timezone.now())
    response = console.get("/staff/reports/")
    html = response.content.decode()
    assert f'<a href="/probe/{record.pk}/">jp.example.jp</a>' in html
    assert "ポート587：閉じています" in said(response)
    assert "完了" in said(response)


def test_expired_reports_are_never_listed_even_before_the_purge(english):
    now = timezone.now()
    stored("kept.example.jp", at=now - dt.timedelta(days=1))
    stored(
        "expired.example.jp",
        at=now - dt.timedelta(days=40),
        expires_at=now - dt.timedelta(seconds=1),
    )
    stored("just-expired.example.jp", at=now - dt.timedelta(days=30), expires_at=now)
    assert listed(english.get("/staff/reports/")) == ["kept.example.jp"]
    assert listed(english.get("/staff/reports/?target=expired")) == []


def test_search_by_target_is_a_case_insensitive_substring(english):
    now = timezone.now()
    stored("smtp.Example.JP", at=now - dt.timedelta(minutes=2))
    stored("taro@example.jp", at=now - dt.timedelta(minutes=1))
    stored("mail.other.test", at=now)
    response = english.get("/staff/reports/", {"target": "EXAMPLE.jp"})
    assert listed(response) == ["taro@example.jp", "smtp.Example.JP"]
    assert 'value="EXAMPLE.jp"' in response.content.decode()
    assert listed(english.get("/staff/reports/", {"target": "  other  "})) == ["mail.other.test"]


def test_search_by_date_is_a_day_in_japan(english):
    # 2026-12-01 23:30 and 2026-12-02 00:30 in Tokyo, an hour apart in UTC.
    stored("late.example.jp", at=dt.datetime(2026, 12, 1, 14, 30, tzinfo=UTC))
    stored("early.example.jp", at=dt.datetime(2026, 12, 1, 15, 30, tzinfo=UTC))
    stored("next.example.jp", at=dt.datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    response = english.get("/staff/reports/", {"date": "2026-12-02"})
    assert listed(response) == ["early.example.jp"]
    assert "2026-12-02 00:30" in said(response)
    assert 'value="2026-12-02"' in response.content.decode()
    assert listed(english.get("/staff/reports/", {"date": "2026-12-01"})) == ["late.example.jp"]
    both = english.get("/staff/reports/", {"date": "2026-12-01", "target": "early"})
    assert listed(both) == []


@pytest.mark.parametrize(
    ("query", "empty"),
    [
        ({"target": "nobody.test"}, "No report contains “nobody.test”."),
        ({"date": "2020-01-01"}, "No report was made on Jan. 1, 2020."),
        (
            {"target": "nobody.test", "date": "2020-01-01"},
            "No report made on Jan. 1, 2020 contains “nobody.test”.",
        ),
        ({}, "No probe reports are stored yet. Reports appear here once someone checks a server."),
    ],
    ids=["target", "date", "both", "nothing-stored"],
)
def test_an_empty_list_says_why(english, query, empty):
    response = english.get("/staff/reports/", query)
    assert texts(response.content.decode(), ".empty-state") == [empty]


def test_pages_keep_the_search(english):
    start = timezone.now() - dt.timedelta(hours=1)
    for n in range(30):
        stored(f"host{n:02}.page.test", at=start + dt.timedelta(minutes=n))
    stored("elsewhere.test", at=timezone.now())
    first = english.get("/staff/reports/", {"target": "page.test"})
    assert listed(first) == [f"host{n:02}.page.test" for n in range(29, 4, -1)]
    assert "Page 1 of 2" in said(first)
    assert page_links(first) == {"next": "/staff/reports/?target=page.test&page=2"}
    second = english.get(page_links(first)["next"])
    assert listed(second) == [f"host{n:02}.page.test" for n in range(4, -1, -1)]
    assert page_links(second) == {"prev": "/staff/reports/?target=page.test"}


@pytest.mark.parametrize(
    ("page", "notice"),
    [
        ("abc", "That page number could not be read, so here is the first page."),
        ("0", "That page number could not be read, so here is the first page."),
        ("-1", "That page number could not be read, so here is the first page."),
        ("１", "That page number could not be read, so here is the first page."),
        ("9" * 40, "That page number could not be read, so here is the first page."),
        ("99999", "There is no page 99999 for this search, so here is the last one, page 1."),
    ],
)
def test_a_bad_page_number_gets_a_friendly_page(english, page, notice):
    stored("one.example.jp", at=timezone.now())
    response = english.get("/staff/reports/", {"page": page})
    assert response.status_code == 200
    assert texts(response.content.decode(), ".console-messages") == [notice]
    assert listed(response) == ["one.example.jp"]


@pytest.mark.parametrize("date", ["2026-13-45", "yesterday", "0001-01-01", "9999-12-31", "x" * 500])
def test_a_bad_date_is_named_and_left_out_of_the_search(english, date):
    stored("one.example.jp", at=timezone.now())
    response = english.get("/staff/reports/", {"date": date, "target": "one"})
    assert response.status_code == 200
    (notice,) = texts(response.content.decode(), ".console-messages")
    assert notice.startswith(f"“{date[:32]}” is not a date")
    assert notice.endswith("Please enter a date as year-month-day, for example 2026-04-01.")
    assert listed(response) == ["one.example.jp"]


def test_odd_search_values_never_break_the_page(english):
    stored("one.example.jp", at=timezone.now())
    for query in (
        {"target": "x" * 5000},
        {"target": "%_'\"<script>"},
        {"target": "\x00"},
        {"page": "2", "date": "2026-12-02"},
    ):
        response = english.get("/staff/reports/", query)
        assert response.status_code == 200, query
    assert "<script>" not in english.get("/staff/reports/", {"target": "<script>"}).content.decode()


def test_a_lost_probe_is_listed_as_finished(english, settings):
    stored(
        "lost.example.jp",
        at=timezone.now() - dt.timedelta(seconds=settings.WIZARD_PROBE_TIMEOUT + 120),
        status=ProbeRecord.Status.RUNNING,
        ports=((587, Outcome.REFUSED),),
    )
    response = english.get("/staff/reports/")
    assert "Running" not in texts(response.content.decode(), "tbody")[0]
    assert ProbeRecord.objects.get().status == ProbeRecord.Status.DONE


# Checking a customer's server from the console -----------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_console_check_lands_on_its_finished_report(client, web_lab):
    agent = get_user_model().objects.create_user("agent", password=PASSWORD, is_staff=True)
    client.force_login(agent)
    response = client.post("/staff/reports/", {"target": SERVER_NAME})
    assert response.status_code == 303
    location = response["Location"]
    assert re.fullmatch(r"/probe/[\w-]{20,}/", location)
    page = client.get(location).content.decode()
    assert "ポート587：応答あり" in page
    assert 'hx-trigger="every 700ms"' not in page  # finished before the redirect
    assert web_lab.connections >= 3
    assert web_lab.commands == []  # never AUTH, MAIL, RCPT or DATA
    listing = client.get("/staff/reports/").content.decode()
    assert f'<a href="{location}">{SERVER_NAME}</a>' in listing


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["10.0.0.1", "169.254.169.254", "127.0.0.1", "0x7f.1"])
def test_a_refused_target_says_why_below_the_form_and_is_never_contacted(
    client, web_lab, settings, target
):
    settings.WIZARD_PROBE_ALLOW_NETWORKS = []
    agent = get_user_model().objects.create_user("agent", password=PASSWORD, is_staff=True)
    client.force_login(agent)
    response = client.post("/staff/reports/", {"target": target})
    assert response.status_code == 403
    html = response.content.decode()
    (shown,) = texts(html, "#probe-error")
    # Word for word what the public probe says (both in Japanese here).
    public = client.post("/api/probe", {"target": target}).json()["error"]["message"]
    assert shown == f"⚠ {public}"
    assert f'value="{target}"' in html
    assert 'aria-describedby="probe-error"' in html
    assert web_lab.connections == 0
    assert not ProbeRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_bad_input_is_answered_with_the_public_wording(client, web_lab):
    agent = get_user_model().objects.create_user("agent", password=PASSWORD, is_staff=True)
    client.force_login(agent)
    client.post("/staff/language/", {"language": "en"})
    response = client.post("/staff/reports/", {"target": "not a host"})
    assert response.status_code == 400
    assert texts(response.content.decode(), "#probe-error") == [
        "⚠ Please enter only a server name or an e-mail address, without spaces."
    ]


def test_the_rate_limit_applies_to_the_console_too(english, settings):
    settings.WIZARD_PROBE_RATE_LIMIT = "2/h"
    # One from the public page, one from the console: the same client, the same count.
    assert english.post("/en/probe/", {"target": "x y"}).status_code == 400
    assert english.post("/staff/reports/", {"target": "x y"}).status_code == 400
    response = english.post("/staff/reports/", {"target": "x y"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    (shown,) = texts(response.content.decode(), "#probe-error")
    assert shown.startswith("⚠ You have started many checks in a short time. Please wait")


def test_the_in_flight_cap_applies_to_the_console_too(english, settings):
    settings.WIZARD_PROBE_MAX_IN_FLIGHT = 0
    response = english.post("/staff/reports/", {"target": SERVER_NAME})
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert not ProbeRecord.objects.exists()


def test_the_check_form_needs_the_consoles_csrf_token(staff_agent):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_agent)
    page = strict.get("/staff/reports/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert strict.post("/staff/reports/", {"target": SERVER_NAME}).status_code == 403
    assert not ProbeRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_console_check_works_under_asgi_too(async_client, web_lab):
    """Served by uvicorn, the sync view waits on the probe loop through
    async_to_sync; the async test client takes the same road."""
    agent = get_user_model().objects.create_user("agent", password=PASSWORD, is_staff=True)
    async_client.force_login(agent)
    response = async_to_sync(async_client.post)("/staff/reports/", {"target": SERVER_NAME})
    assert response.status_code == 303
    page = async_to_sync(async_client.get)(response["Location"])
    assert "ポート587：応答あり" in page.content.decode()
