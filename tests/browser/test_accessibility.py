"""axe-core on every page (no serious or critical violation), the wizard by
keyboard alone, and a screenshot of every page at both widths in both languages
(written to artifacts/screenshots/)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from tests.servers.dns_server import DnsServer
from wizard.questions.core.answers import Service
from wizard.questions.core.cases import NOTICE_ROWS

from .conftest import AXE, DESKTOP, PHONE, shot

pytestmark = pytest.mark.django_db(transaction=True)

MAIL = "network=plala&service=plala&client=outlook"


def result_url(row) -> str:
    """The row's result in Thunderbird, or in Postfix for one's own server."""
    client = "postfix" if row.service is Service.OWN_DYNAMIC else "thunderbird"
    return "/result/?" + urlencode({**row.sample.to_query(), "client": client})


PAGES = {
    "start": "/",
    "step-network": "/step/network/",
    "step-service": "/step/service/?network=plala",
    "step-client": "/step/client/?network=plala&service=plala",
    "step-port": f"/step/port/?{MAIL}",
    "step-auth": f"/step/auth/?{MAIL}&port=25",
    "step-op25b": "/step/op25b/?network=other&service=plala&client=outlook&port=25&auth=no",
    "step-plan": f"/step/plan/?{MAIL}&port=25&auth=no",
    "step-error": f"/step/port/?{MAIL}&port=26",
    "step-domain": f"/step/domain/?{MAIL}&port=25&auth=no&plan=set",
    "step-domain-error": f"/step/domain/?{MAIL}&port=25&auth=no&plan=set&domain=gmail.com",
    "connection-hint": "/help/connection/?network=plala",
    "cases": "/cases/",
    "not-found": "/no/such/page/",
    **{f"result-case{row.case}{row.example or ''}": result_url(row) for row in NOTICE_ROWS},
    "result-derived-new-outlook-light": (
        "/result/?network=plala&service=plala&client=outlook-new&port=587&auth=yes&plan=light"
    ),
    "result-derived-587-no-auth": f"/result/?{MAIL}&port=587&auth=no&plan=set",
    "result-own-static": "/result/?network=plala&service=own-static",
    "result-iphone-profile": f"/result/?{MAIL.replace('outlook', 'ios-mail')}&port=587&auth=yes"
    "&plan=set&domain=abc.plala.or.jp",
}
SERIOUS = ("serious", "critical")
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
  });
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


@pytest.fixture
def quiet_dns(settings):
    with DnsServer({}) as server:
        settings.WIZARD_DNS_NAMESERVERS = [server.address]
        yield


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(open_page, quiet_dns, name, language):
    prefix = "" if language == "ja" else "/en"
    for viewport, width in ((PHONE, "360"), (DESKTOP, "1280")):
        # axe is injected as a script, so this context lets it past our CSP.
        page = open_page(viewport=viewport, bypass_csp=True)
        page.expected_statuses = {404} if name == "not-found" else set()
        response = page.goto(page.base + prefix + PAGES[name])
        assert response.status < 500
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        shot(page, f"{name}-{language}-{width}")
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
        assert serious == [], serious
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def tab_to(page: Page, test: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"Tab never reached {test}")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_wizard_can_be_done_with_the_keyboard_alone(open_page, javascript):
    page = open_page(viewport=DESKTOP, javascript=javascript)
    page.goto(page.base + "/en/")
    tab_to(page, "e.textContent.trim() === 'Start'")
    page.keyboard.press("Enter")
    answers = {
        "network": "plala",
        "service": "other-isp",
        "client": "thunderbird",
        "port": "25",
        "auth": "no",
    }
    for _ in range(7):
        page.wait_for_selector("#main form.question")
        question = page.locator('input[name="from"]').get_attribute("value")
        if question == "domain":
            # Typed, and Enter in the field is "Next", not "I don't know".
            tab_to(page, "e.type === 'text' && e.name === 'domain'")
            page.keyboard.type("taro@abc.plala.or.jp")
            before = page.url
            page.keyboard.press("Enter")
            page.wait_for_url(lambda url, before=before: url != before)
            assert "domain=abc.plala.or.jp" in page.url
            assert "taro" not in page.url
            break
        # Into the group of radios, then arrows to the answer, as a keyboard user does.
        tab_to(page, f"e.type === 'radio' && e.name === '{question}'")
        for _ in range(8):
            if page.evaluate("document.activeElement.value") == answers[question]:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        tab_to(page, "e.type === 'submit'")
        before = page.url
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, before=before: url != before)
        if "/result/" in page.url:
            break
    expect(page.locator("#main .case-label")).to_have_text("Case 3, example 1")
