"""The operator's dated service notice: shown on the start page when the ISP
profile sets one, in the page's language, and nothing at all when it does not."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.cache import caches

from tests.conftest import texts
from wizard.questions.core import isp
from wizard.questions.core.isp import Fact, NoticeLink, Provenance, ServiceNotice

END_OF_MAIL = ServiceNotice(
    text={
        "ja": "ぷららメールは提供を終了する予定です。",
        "en": "Plala's mail service is due to end.",
    },
    date=Fact(dt.date(2028, 3, 31), Provenance.OFFICIAL, "a test's own notice"),
    link=NoticeLink(
        "https://www.example.jp/notice", {"ja": "提供終了のお知らせ", "en": "End of service"}
    ),
)


@pytest.fixture(autouse=True)
def _fresh_pages():
    """The start page is kept in the page cache: render it afresh for each profile."""
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def with_notice(monkeypatch, notice: ServiceNotice | None) -> None:
    monkeypatch.setattr(isp, "ACTIVE", dataclasses.replace(isp.PLALA, service_notice=notice))


def test_the_start_page_shows_the_notice_with_its_date_in_japanese(client, monkeypatch):
    with_notice(monkeypatch, END_OF_MAIL)
    html = client.get("/").content.decode()
    assert texts(html, "#service-notice-heading") == ["! ご注意：ぷららのサービスについて"]
    assert '<time datetime="2028-03-31">2028年3月31日</time>' in html
    assert "ぷららメールは提供を終了する予定です。" in html
    assert '<a href="https://www.example.jp/notice" hx-boost="false">提供終了のお知らせ</a>' in html
    assert "報道などで伝えられている" not in html


def test_the_start_page_shows_the_notice_with_its_date_in_english(client, monkeypatch):
    with_notice(monkeypatch, END_OF_MAIL)
    html = client.get("/en/").content.decode()
    assert texts(html, "#service-notice-heading") == ["! Important: about Plala's service"]
    assert '<time datetime="2028-03-31">31 March 2028</time>' in html
    assert "Plala's mail service is due to end." in texts(html, "p")
    assert ">End of service</a>" in html


def test_a_date_others_report_is_marked_as_not_the_isps_word(client, monkeypatch):
    reported = dataclasses.replace(
        END_OF_MAIL, date=Fact(dt.date(2028, 3, 31), Provenance.THIRD_PARTY, "a blog"), link=None
    )
    with_notice(monkeypatch, reported)
    html = client.get("/").content.decode()
    assert "この日付は報道などで伝えられているもので、ぷららからの発表は" in html
    assert '<a href="https://www.example.jp' not in html
    english = client.get("/en/").content.decode()
    assert "we have not found it in an announcement by Plala" in english


def test_without_a_notice_the_start_page_shows_none(client, monkeypatch):
    with_notice(monkeypatch, None)
    html = client.get("/").content.decode()
    assert "service-notice" not in html
    assert "ご注意" not in html


def test_plala_sets_no_notice_until_an_official_page_is_found():
    # The end of Plala (2028-03-31) is reported only by third parties so far.
    assert isp.PLALA.service_notice is None
