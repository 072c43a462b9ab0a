"""A case code read out on the phone, typed on the console, opens that exact result."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.conftest import texts
from tests.test_staff_links import built_url
from wizard.questions.core.cases import NOTICE_ROWS

pytestmark = pytest.mark.django_db


def code_on(page) -> str:
    return texts(page.content.decode(), ".case-code")[0]


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get("/staff/code/?code=T347-RTF")
    assert response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("row", NOTICE_ROWS, ids=lambda r: f"case{r.case}-{r.example or 0}")
def test_the_code_on_a_result_page_opens_that_result_on_the_console(console, row):
    result = console.get(f"/result/?{urlencode(row.sample.to_query())}")
    spoken = code_on(result).lower()  # read out and typed as it comes
    opened = console.get(f"/staff/code/?code={spoken}", follow=True)
    html = opened.content.decode()
    assert opened.redirect_chain[-1][0].startswith("/staff/links/?")
    assert spoken.upper() in html
    assert texts(html, ".case-label")[0] == texts(result.content.decode(), ".case-label")[0]
    url = built_url(opened)
    assert dict(parse_qsl(urlsplit(url).query)) == row.sample.to_query()
    # The builder's own code for those answers is the one read out.
    assert code_on(opened) == code_on(result)


def test_a_mistyped_code_gets_a_clear_message_and_the_form_again(console):
    page = console.get("/staff/code/?code=T347-RTX", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "read it out again" in texts(html, ".error")[0]
    assert 'value="T347-RTX"' in html
    assert 'aria-invalid="true"' in html


def test_the_console_home_asks_for_a_code(console):
    html = console.get("/staff/").content.decode()
    assert 'action="/staff/code/"' in html
    assert 'name="code"' in html
