"""The link builder: an agent's choices become the customer's link, its QR code
and a preview of what it opens."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.conftest import texts
from wizard.questions.core.cases import NOTICE_ROWS
from wizard.web.qr import qr_svg

pytestmark = pytest.mark.django_db


def built_url(response) -> str:
    return unescape(re.search(r'id="built-url"[^>]*value="([^"]+)"', response.content.decode())[1])


def test_anonymous_agents_go_to_the_login_page(client):
    response = client.get("/staff/links/?network=plala")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("row", NOTICE_ROWS, ids=lambda r: f"case{r.case}-{r.example or 0}")
def test_every_case_of_the_notice_gets_a_link_that_opens_it(console, row):
    start = console.get("/staff/links/")
    starts = re.findall(r'href="(/staff/links/\?[^"]+)"', start.content.decode())
    builder = console.get(unescape(starts[NOTICE_ROWS.index(row)]))
    case = texts(builder.content.decode(), ".case-label")[0]
    url = built_url(builder)
    assert dict(parse_qsl(urlsplit(url).query)) == row.sample.to_query()
    opened = console.get(url.removeprefix("http://testserver"))
    assert opened.status_code == 200
    # The preview names the same case as the page the customer opens.
    assert case in texts(opened.content.decode(), ".case-label")


def test_a_partial_answer_set_links_to_the_first_step_still_needed(console):
    page = console.get(
        "/staff/links/?network=other&service=plala&language=en", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = page.content.decode()
    assert "not complete yet" in html
    url = built_url(page)
    assert urlsplit(url).path == "/en/step/client/"
    step = console.get(url.removeprefix("http://testserver"))
    assert step.status_code == 200
    assert "Which mail program" in step.content.decode()


def test_answers_the_path_does_not_ask_are_left_out_and_marked(console):
    page = console.get(
        "/staff/links/?network=plala&service=plala&client=outlook&port=587&auth=yes"
        "&plan=set&op25b=yes&language=en"
    )
    url = built_url(page)
    assert "op25b" not in url
    assert 'aria-describedby="n-op25b"' in page.content.decode()


def test_an_unreadable_answer_gives_no_link_and_says_which(console):
    page = console.get("/staff/links/?network=plala&service=plala&domain=gmail.com")
    html = page.content.decode()
    assert 'id="built-url"' not in html
    assert 'id="f-domain"' in html
    assert 'aria-invalid="true"' in html.split('id="f-domain"')[1].split(">")[0]
    assert texts(html, ".field-error")


def test_the_link_is_in_the_customers_language_whatever_the_consoles(console):
    query = "network=plala&service=plala&client=ios-mail&port=25&auth=no&plan=set"
    japanese = built_url(console.get(f"/staff/links/?{query}&language=ja"))
    english = built_url(console.get(f"/staff/links/?{query}&language=en"))
    assert urlsplit(japanese).path == "/result/"
    assert urlsplit(english).path == "/en/result/"


def test_the_domain_fills_in_the_customers_server_on_the_page_it_opens(console):
    query = "network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set"
    url = built_url(console.get(f"/staff/links/?{query}&domain=ABC.plala.or.jp"))
    assert "domain=abc.plala.or.jp" in url
    opened = console.get(url.removeprefix("http://testserver"))
    assert "abc.mail.plala.or.jp" in opened.content.decode()


def test_the_qr_code_is_drawn_here_and_encodes_the_link_shown(console):
    page = console.get(
        "/staff/links/?network=plala&service=plala&client=outlook&port=25&auth=no&plan=set"
    )
    html = page.content.decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S)[0]
    assert svg == str(qr_svg(built_url(page)))
    assert "http" not in svg  # an image made here, not fetched from anywhere


def test_htmx_changes_swap_only_the_preview(console):
    page = console.get("/staff/links/?network=plala&service=plala", HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert html.lstrip().startswith('<section id="builder-output"')
    assert "<form" not in html
