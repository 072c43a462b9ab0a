"""The console's sources page: every guide's sources, who sees each one, and
the menu labels no source confirmed, in both languages."""

from __future__ import annotations

from html import unescape
from urllib.parse import unquote

import pytest
from django.utils import translation

from tests.conftest import texts
from wizard.questions.guides import PROGRAMS, SERVERS

PASSWORD = "a long test passphrase 7"


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # These tests are about the pages, not the hashing: a quick hasher saves a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


GUIDES = [("program", g) for g in PROGRAMS.values()] + [("server", g) for g in SERVERS.values()]
GUIDE_IDS = [f"{kind}-{guide.client}" for kind, guide in GUIDES]

WORDS = {
    "en": {
        "official": "Official",
        "reference": "Reference",
        "not confirmed": "Not confirmed",
        "all confirmed": (
            "✓ Confirmed: every menu label in this guide's steps is confirmed by the sources above."
        ),
        "others confirmed": (
            "Every other menu label in this guide's steps is confirmed by the sources above."
        ),
        ("ja", "en"): "Subscribers see it on Japanese and English result pages.",
        ("ja",): "Subscribers see it on Japanese result pages.",
        ("en",): "Subscribers see it on English result pages.",
        (): "Staff only: not shown on result pages.",
        "title": "Sources and menu labels",
    },
    "ja": {
        "official": "公式",
        "reference": "参考",
        "not confirmed": "未確認",
        "all confirmed": (
            "✓ 確認済み：この手順のメニュー名はすべて、上記の情報源で確認できています。"
        ),
        "others confirmed": "この手順のほかのメニュー名は、上記の情報源で確認できています。",
        ("ja", "en"): "日本語と英語の結果ページでお客さまに表示されます。",
        ("ja",): "日本語の結果ページでお客さまに表示されます。",
        ("en",): "英語の結果ページでお客さまに表示されます。",
        (): "担当者専用：結果ページには表示されません。",
        "title": "情報源とメニュー名",
    },
}


def sources_page(client, language: str) -> str:
    if language == "en":
        client.post("/staff/language/", {"language": "en"})
    response = client.get("/staff/sources/")
    assert response.status_code == 200
    return response.content.decode()


def section_of(html: str, anchor: str) -> str:
    start = html.index(f'<section class="guide-sources" id="{anchor}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get("/staff/sources/")
    assert unquote(response["Location"]) == "/staff/login/?next=/staff/sources/"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_there_is_one_section_per_guide_with_its_name_as_heading(console, language):
    html = sources_page(console, language)
    assert texts(html, "h1") == [WORDS[language]["title"]]
    headings = texts(html, "h3")
    assert len(headings) == len(GUIDES)
    assert len(set(headings)) == len(GUIDES)
    for kind, guide in GUIDES:
        assert f'id="{kind}-{guide.client}"' in html
        assert f'href="#{kind}-{guide.client}"' in html  # the page's contents


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(("kind", "guide"), GUIDES, ids=GUIDE_IDS)
def test_every_source_is_listed_with_its_kind_and_who_sees_it(console, language, kind, guide):
    section = section_of(sources_page(console, language), f"{kind}-{guide.client}")
    rows = texts(section, ".source")
    assert len(rows) == len(guide.all_sources)
    for row, source in zip(rows, guide.all_sources, strict=True):
        assert f'href="{source.url}"' in unescape(section)
        shown_in = tuple(code for code in ("ja", "en") if source in guide.sources_for(code))
        words = WORDS[language]
        name = {"ja": {"ja": "日本語", "en": "英語"}, "en": {"ja": "Japanese", "en": "English"}}
        kind_word = words["official"] if source.official else words["reference"]
        assert (
            row == f"{source.title} {name[language][source.language]} {kind_word} {words[shown_in]}"
        )


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(("kind", "guide"), GUIDES, ids=GUIDE_IDS)
def test_unconfirmed_labels_are_marked_in_words(console, language, kind, guide):
    section = section_of(sources_page(console, language), f"{kind}-{guide.client}")
    words = WORDS[language]
    items = texts(section, ".unconfirmed-label")
    with translation.override(language):
        labels = [str(label) for label in guide.unconfirmed_labels]
    assert items == [f"{words['not confirmed']} {label}" for label in labels]
    paragraphs = texts(section, "p")
    if guide.unconfirmed_labels:
        assert words["others confirmed"] in paragraphs
    else:
        assert paragraphs == [words["all confirmed"]]


def test_the_reference_only_sources_are_marked_staff_only(console):
    html = sources_page(console, "en")
    staff_only = sum(
        1
        for _, guide in GUIDES
        for source in guide.all_sources
        if not any(source in guide.sources_for(code) for code in ("ja", "en"))
    )
    assert staff_only > 0
    assert html.count("<strong>Staff only: not shown on result pages.</strong>") == staff_only


def test_the_counts_of_unconfirmed_labels_read_as_sentences(console):
    html = sources_page(console, "en")
    outlook = section_of(html, "program-outlook")
    assert (
        "Not confirmed by any source: 3 menu labels. Check them with the customer on their screen."
        in texts(outlook, "p")
    )
    assert "Classic Outlook (Microsoft 365, 2021, 2024) (3 labels not confirmed)" in texts(
        html, "li"
    )


def test_the_page_is_in_the_console_nav_and_on_its_home(console):
    sources_page(console, "en")
    html = console.get("/staff/sources/").content.decode()
    assert '<a href="/staff/sources/" aria-current="page">Sources</a>' in html
    home = console.get("/staff/").content.decode()
    assert '<a href="/staff/sources/">Sources</a><p>' in home
