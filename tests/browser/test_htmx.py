"""What htmx adds, and that it is only an addition: swaps in place, history,
focus, the probe's progress."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.servers.raw_server import RawServer, slow_smtp
from tests.servers.smtp_servers import free_port

from .conftest import DESKTOP, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_steps_swap_in_place_and_history_works(open_page):
    page = open_page()
    page.goto(f"{page.base}/en/step/network/")
    page.evaluate("window.loadedOnce = true")
    page.locator('input[name="network"][value="plala"]').check()
    page.locator("#main button[type=submit]").click()
    page.wait_for_url("**/en/step/service/?network=plala")
    page.locator('input[name="service"][value="plala"]').check()
    page.locator("#main button[type=submit]").click()
    page.wait_for_url("**/en/step/client/?network=plala&service=plala")
    # No full page load happened: the marker set on the first page survives.
    assert page.evaluate("window.loadedOnce") is True
    # Focus moved to the new question for keyboard and screen-reader users.
    page.wait_for_function("document.activeElement === document.querySelector('#main h1')")
    expect(page.locator("#main h1")).to_have_text("Which mail program do you use?")
    expect(page).to_have_title(
        "Which mail program do you use? | Mail sending check for port 25 blocking"
    )

    page.go_back()
    page.wait_for_url("**/en/step/service/?network=plala")
    expect(page.locator("#main h1")).to_have_text("Whose outgoing mail server do you send through?")
    page.go_back()
    page.wait_for_url("**/en/step/network/")
    expect(page.locator("#main h1")).to_have_text(
        "Which internet connection are you using right now?"
    )
    page.go_forward()
    page.wait_for_url("**/en/step/service/?network=plala")
    expect(page.locator("#main h1")).to_have_text("Whose outgoing mail server do you send through?")


def test_the_back_link_keeps_every_answer(open_page):
    page = open_page()
    page.goto(f"{page.base}/en/step/port/?network=plala&service=plala&client=outlook")
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/en/step/client/?network=plala&service=plala&client=outlook")
    expect(page.locator('input[name="client"][value="outlook"]')).to_be_checked()


def test_changing_the_language_keeps_the_answers(open_page):
    page = open_page()
    page.goto(f"{page.base}/step/port/?network=plala&service=plala&client=outlook")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/step/port/?network=plala&service=plala&client=outlook")
    expect(page.locator("#main h1")).to_have_text(
        "Which outgoing (SMTP) port is set in your mail program?"
    )


def test_copy_link_and_print_appear_only_with_javascript(open_page):
    url = "/en/result/?network=plala&service=plala&client=outlook&port=25&auth=no&plan=set"
    page = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + url)
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.base + url
    no_js = open_page(javascript=False)
    no_js.goto(no_js.base + url)
    expect(no_js.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(no_js.locator("#share-url")).to_have_value(no_js.base + url)


@pytest.fixture
def slow_lab(settings):
    """Port 587 answers at once; port 25 waits 1.5 s before its greeting."""
    with RawServer(slow_smtp(0.0)) as fast, RawServer(slow_smtp(1.5)) as slow:
        settings.WIZARD_PROBE_PORT_MAP = f"587:{fast.port},465:{free_port()},25:{slow.port}"
        settings.WIZARD_PROBE_ALLOW_NETWORKS = ["127.0.0.0/8"]
        settings.WIZARD_PROBE_TIMEOUT = 5
        yield


def test_the_probe_shows_progress_then_its_report(open_page, slow_lab):
    page = open_page(viewport=DESKTOP)
    page.goto(
        f"{page.base}/en/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
    )
    page.evaluate("window.loadedOnce = true")
    page.fill("#probe-target", "127.0.0.1")
    page.get_by_role("button", name="Check my server").click()
    # While port 25 is still waiting, 587 is already reported.
    expect(page.locator("#probe-result[aria-busy=true]")).to_be_visible()
    expect(page.locator("#port-587-heading")).to_contain_text("Port 587: Answers")
    expect(page.locator("#port-25-heading")).to_contain_text("Checking")
    # Then the report completes in place, with its own link.
    expect(page.locator("#probe-result[aria-busy]")).to_have_count(0, timeout=10_000)
    expect(page.locator("#port-25-heading")).to_contain_text("Port 25: Answers")
    expect(page.locator("#port-465-heading")).to_contain_text("Port 465: Closed")
    expect(page.locator(".share-line a")).to_contain_text("/en/probe/")
    assert page.evaluate("window.loadedOnce") is True
    page.wait_for_function("document.activeElement.className === 'probe-heading'")
    shot(page, "probe-progress-done-en-desktop")


def test_the_probe_works_without_javascript(open_page, slow_lab):
    page = open_page(javascript=False)
    page.goto(
        f"{page.base}/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
    )
    page.fill("#probe-target", "127.0.0.1")
    page.locator(".probe-form button[type=submit]").click()
    page.wait_for_url("**/probe/**")
    expect(page.locator("#port-587-heading")).to_contain_text("ポート587：応答あり")
    expect(page.locator("#port-25-heading")).to_contain_text("ポート25：応答あり")
    shot(page, "probe-report-ja-phone-nojs")


def test_a_bad_target_is_answered_in_place(open_page):
    page = open_page()
    page.expected_statuses = {400}
    page.goto(
        f"{page.base}/en/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
    )
    page.evaluate("window.loadedOnce = true")
    page.fill("#probe-target", "not a server")
    page.get_by_role("button", name="Check my server").click()
    alert = page.locator("#probe-area [role=alert]")
    expect(alert).to_have_text(
        "⚠ Please enter only a server name or an e-mail address, without spaces."
    )
    expect(page.locator("#probe-target")).to_have_count(1)
    assert page.evaluate("window.loadedOnce") is True
    page.wait_for_function("document.activeElement.getAttribute('role') === 'alert'")
