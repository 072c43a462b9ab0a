"""Every case of the notice, walked by clicking, as a subscriber would: with and
without JavaScript, on a phone and a desktop, in Japanese and English."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from wizard.questions.core.cases import NOTICE_ROWS

from .conftest import DESKTOP, PHONE, shot

AS_THE_NOTICE = {
    "ja": "お知らせのとおりの設定です",
    "en": "Your settings are as the notice gives them",
}
CANNOT = {"ja": "メールを送信できません", "en": "Your mail cannot be sent"}
DEPENDS = {"ja": "ご利用の回線によって異なります", "en": "It depends on the connection"}

# What each walk must show, written out from the notice (not computed by the code
# under test): the case label and headline per language, a different mail program
# for each row (so every walk also checks its steps), and how many steps it takes.
EXPECTED = {
    (1, None): {
        "answers": "network=plala&service=plala&client=outlook&port=587&auth=yes&plan=set",
        "case": {"ja": "ケース1", "en": "Case 1"},
        "verdict": AS_THE_NOTICE,
        "program": {
            "ja": "従来の Outlook での設定手順",
            "en": "Steps in the classic Outlook",
        },
        "steps": 0,
    },
    (2, None): {
        "answers": "network=plala&service=plala&client=thunderbird&port=25&auth=no&plan=set",
        "case": {"ja": "ケース2", "en": "Case 2"},
        # The notice's "対応してる" of 2006, worded as advice for today.
        "verdict": {
            "ja": "ポート587への変更をおすすめします",
            "en": "We recommend changing to port 587",
        },
        "program": {"ja": "Thunderbird", "en": "Thunderbird"},
        "steps": 6,
    },
    (3, 1): {
        "answers": "network=plala&service=other-isp&client=apple-mail&port=25&auth=no",
        "case": {"ja": "ケース3・具体例1", "en": "Case 3, example 1"},
        "verdict": CANNOT,
        "program": {"ja": "Mac の「メール」", "en": "Apple Mail on a Mac"},
        "steps": 4,
    },
    (3, 2): {
        "answers": "network=plala&service=hosting&client=ios-mail&port=25&auth=no",
        "case": {"ja": "ケース3・具体例2", "en": "Case 3, example 2"},
        "verdict": CANNOT,
        "program": {"ja": "iPhone・iPad の「メール」", "en": "Mail on iPhone or iPad"},
        "steps": 5,
    },
    (3, 3): {
        "answers": "network=plala&service=own-dynamic&client=postfix",
        "case": {"ja": "ケース3・具体例3", "en": "Case 3, example 3"},
        "verdict": CANNOT,
        "program": {"ja": "Postfix", "en": "Postfix"},
        "steps": 3,
    },
    (4, None): {
        "answers": (
            "network=other&service=plala&client=android-gmail&port=587&auth=yes&plan=set"
            "&domain=abc.plala.or.jp"
        ),
        "case": {"ja": "ケース4", "en": "Case 4"},
        "verdict": AS_THE_NOTICE,
        "program": {"ja": "Android の Gmail アプリ", "en": "the Gmail app on Android"},
        "steps": 0,
    },
    (5, None): {
        "answers": (
            "network=other&service=plala&client=becky&port=25&auth=no&op25b=unknown&plan=set"
        ),
        "case": {"ja": "（参考）ケース5", "en": "Case 5 (for reference)"},
        "verdict": DEPENDS,
        "program": {"ja": "Becky! Internet Mail", "en": "Becky! Internet Mail"},
        "steps": 4,
    },
}


def test_every_row_of_the_notice_has_its_expected_texts():
    assert set(EXPECTED) == {(row.case, row.example) for row in NOTICE_ROWS}


def expected_texts(row, language: str) -> dict[str, object]:
    expected = EXPECTED[(row.case, row.example)]
    return {
        "case": expected["case"][language],
        "verdict": expected["verdict"][language],
        "program": expected["program"][language],
        "steps": expected["steps"],
        "answers": dict(part.split("=") for part in expected["answers"].split("&")),
    }


def answer_every_step(page: Page, answers: dict[str, str]) -> None:
    for _ in range(10):
        if "/result/" in page.url:
            return
        question = page.locator('#main form.question input[name="from"]').get_attribute("value")
        before = page.url
        if question == "domain" and question not in answers:
            page.locator("#main a.skip").click()  # "I don't know"
            page.wait_for_url(lambda url, before=before: url != before)
            continue
        if question == "domain":
            page.locator('input[name="domain"]').fill(answers[question])
        else:
            page.locator(f'input[name="{question}"][value="{answers[question]}"]').check()
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
    if "domain" in expected["answers"]:
        expect(page.locator("#main table.settings").first).to_contain_text("abc.mail.plala.or.jp")
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
