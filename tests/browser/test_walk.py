"""Every case of the notice, walked by clicking, as a subscriber would: with and
without JavaScript, on a phone and a desktop, in Japanese and English."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from wizard.questions import page_context as pages
from wizard.questions.core.answers import Client, parse_answers
from wizard.questions.core.cases import NOTICE_ROWS, diagnose

from .conftest import DESKTOP, PHONE, shot

# A different mail program for each row, so every walk also checks its steps.
PROGRAMS = {
    (1, None): Client.OUTLOOK,
    (2, None): Client.THUNDERBIRD,
    (3, 1): Client.APPLE_MAIL,
    (3, 2): Client.IOS_MAIL,
    (3, 3): Client.POSTFIX,
    (4, None): Client.ANDROID_GMAIL,
    (5, None): Client.BECKY,
}


def expected_texts(row, language: str) -> dict[str, str]:
    client = PROGRAMS[(row.case, row.example)]
    answers = {**row.sample.to_query(), "client": client.value}
    diagnosis = diagnose(parse_answers(answers).answers)
    with translation.override(language):
        context = pages.result_context(diagnosis, absolute_result_url="")
        return {
            "case": context["case_label"],
            "verdict": context["verdict"]["headline"],
            "program": str(context["client_name"]),
            "steps": len(context["guide"]["steps"]),
            "answers": answers,
        }


def answer_every_step(page: Page, answers: dict[str, str]) -> None:
    for _ in range(10):
        if "/result/" in page.url:
            return
        question = page.locator('#main form.question input[name="from"]').get_attribute("value")
        page.locator(f'input[name="{question}"][value="{answers[question]}"]').check()
        before = page.url
        page.locator("#main form.question button[type=submit]").click()
        page.wait_for_url(lambda url, before=before: url != before)
    raise AssertionError(f"never reached the result: {page.url}")


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("row", NOTICE_ROWS, ids=lambda r: f"case{r.case}{r.example or ''}")
def test_every_case_by_clicking(open_page, row, javascript, viewport, language):
    expected = expected_texts(row, language)
    page = open_page(viewport=viewport, javascript=javascript)
    prefix = "" if language == "ja" else "/en"
    page.goto(f"{page.base}{prefix}/")
    page.locator("#main a.button.primary").click()
    answer_every_step(page, expected["answers"])

    expect(page).to_have_url(re.compile(r"/result/\?"))
    main = page.locator("#main")
    expect(main.locator("h1")).to_have_text(expected["verdict"])
    expect(main.locator(".case-label")).to_have_text(expected["case"])
    expect(main.locator("#program-heading")).to_contain_text(expected["program"])
    if expected["steps"]:
        expect(main.locator("#program-steps ol.steps li")).to_have_count(expected["steps"])
    else:
        expect(main.locator("#program-steps .nothing-to-change")).to_be_visible()

    # The address bar, opened afresh, shows the same page.
    again = open_page(viewport=viewport, javascript=javascript)
    again.goto(page.url)
    expect(again.locator("#main h1")).to_have_text(expected["verdict"])
    expect(again.locator("#main .case-label")).to_have_text(expected["case"])
    if javascript and viewport is PHONE:
        shot(page, f"walk-case{row.case}{row.example or ''}-{language}-phone")
