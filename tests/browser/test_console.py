"""The support console in a real Chromium: log in, build a link, open it, read a
code back, find a probe report; and axe on every console page."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from .conftest import DESKTOP, PHONE, shot
from .test_accessibility import SERIOUS, axe_violations
from .test_htmx import slow_lab  # noqa: F401  (a fixture: loopback SMTP servers)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long browser passphrase 9"
CASE_1 = "network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set"


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_superuser("agent", "agent@example.jp", PASSWORD)


def log_in(page: Page) -> None:
    page.goto(page.base + "/staff/")
    expect(page).to_have_url(page.base + "/staff/login/?next=/staff/")
    page.get_by_label("ユーザー名").fill("agent")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page).to_have_url(page.base + "/staff/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_agent_logs_in_builds_a_link_and_opens_it(open_page, agent, javascript):
    page = open_page(viewport=DESKTOP, javascript=javascript)
    log_in(page)
    page.get_by_role("link", name="リンク作成").first.click()
    for name, value in (
        ("インターネット接続", "plala"),
        ("ご利用メールサーバー", "plala"),
        ("メールソフト", "thunderbird"),
        ("送信ポート", "587"),
        ("SMTP認証", "yes"),
        ("ご契約", "set"),
    ):
        page.get_by_label(name, exact=True).select_option(value)
    if not javascript:
        page.get_by_role("button", name="リンクを作成").click()
    output = page.locator("#builder-output")
    expect(output.locator(".case-label")).to_have_text("ケース1")
    expect(output.locator("svg")).to_be_visible()
    url = page.locator("#built-url").input_value()
    assert url.endswith("/result/?" + CASE_1)
    # With htmx the address follows the choices, so the page can be kept too.
    assert "thunderbird" in page.url
    page.goto(url)
    expect(page.locator("h1")).to_contain_text("お知らせのとおり")
    expect(page.locator(".case-label").first).to_have_text("ケース1")


def test_anonymous_visitors_of_a_console_page_land_on_the_login_page(open_page):
    page = open_page()
    page.goto(page.base + "/staff/links/")
    expect(page.locator("h1")).to_have_text("サポートコンソールにログイン")


CONSOLE_PAGES = {
    "login": "/staff/login/",
    "home": "/staff/",
    "links-empty": "/staff/links/",
    "links-result": f"/staff/links/?{CASE_1}",
    "links-partial": "/staff/links/?network=other&service=plala",
    "links-error": f"/staff/links/?{CASE_1}&domain=gmail.com",
    "code-mistyped": "/staff/code/?code=T347-RTX",
    "links-from-code": "/staff/code/?code=T347RTF",
    "reports": "/staff/reports/",
    "reports-search": "/staff/reports/?target=nothing&date=2026-12-01",
    "sources": "/staff/sources/",
    "counts": "/staff/counts/",
}


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_console_page_has_no_serious_accessibility_violation(open_page, agent, name, language):
    for viewport, width in ((PHONE, "360"), (DESKTOP, "1280")):
        page = open_page(viewport=viewport, bypass_csp=True)
        if name != "login":
            log_in(page)
        if language == "en":
            page.goto(page.base + "/staff/login/")
            page.get_by_role("button", name="English").click()
        page.goto(page.base + CONSOLE_PAGES[name])
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        shot(page, f"staff-{name}-{language}-{width}")
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
        assert serious == [], serious
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_the_first_account_adds_an_agent_in_the_admin_who_can_then_log_in(open_page, agent):
    page = open_page(viewport=DESKTOP)
    log_in(page)
    page.get_by_role("link", name="アカウント").first.click()
    page.goto(page.base + "/staff/admin/auth/user/add/")
    page.locator("#id_username").fill("newagent")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("input[name=_continue]").click()
    page.locator("#id_is_staff").check()
    page.locator("input[name=_save]").click()
    assert get_user_model().objects.get(username="newagent").is_staff
    page.locator("#logout-form button, form[action$='logout/'] button").first.click()
    other = open_page(viewport=PHONE)
    other.goto(other.base + "/staff/login/")
    other.get_by_label("ユーザー名").fill("newagent")
    other.get_by_label("パスワード").fill(PASSWORD)
    other.get_by_role("button", name="ログイン").click()
    expect(other).to_have_url(other.base + "/staff/")


@pytest.mark.usefixtures("slow_lab")
def test_an_agent_checks_a_customers_server_then_finds_the_report(open_page, agent):
    page = open_page(viewport=PHONE)
    log_in(page)
    page.get_by_role("link", name="サーバー確認結果").first.click()
    page.locator("#probe-target").fill("127.0.0.1")
    page.get_by_role("button", name="このサーバーを確認する").click()
    page.wait_for_url("**/probe/**")
    expect(page.locator("#port-587-heading")).to_contain_text("ポート587：応答あり")
    report = page.url
    page.goto(page.base + "/staff/reports/")
    page.locator("#search-target").fill("127.0.0")
    page.get_by_role("button", name="検索", exact=True).click()
    link = page.locator("a.report-link, td a").filter(has_text="127.0.0.1").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(report)
    shot(page, "staff-found-report-ja-360")


def test_a_code_read_from_a_result_page_opens_it_on_the_console(open_page, agent):
    customer = open_page(viewport=PHONE)
    customer.goto(customer.base + "/result/?" + CASE_1)
    code = customer.locator(".case-code").first.inner_text()
    page = open_page(viewport=DESKTOP)
    log_in(page)
    page.get_by_role("textbox", name="診断コード").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="開く", exact=True).click()
    expect(page.locator("#builder-output .case-label")).to_have_text("ケース1")
    expect(page.locator("#builder-output .case-code")).to_have_text(code)
    with page.context.expect_page() as new_tab:
        page.locator("#builder-output").get_by_role("link", name="開く").click()
    opened = new_tab.value
    opened.wait_for_load_state()
    assert opened.url == customer.url
    # And a mistyped code is answered in words, with the form to try again.
    page.goto(page.base + "/staff/")
    mistyped = code[:-1] + ("2" if code[-1] != "2" else "3")
    page.get_by_role("textbox", name="診断コード").fill(mistyped)
    page.get_by_role("button", name="開く", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("誤り")
