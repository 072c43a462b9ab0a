"""The subscriber's own server name: the part of the address after "@" fills in
the notice's ***.mail.plala.or.jp (SPEC section 3, research/plala-today.md)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.conftest import Form, texts
from wizard.questions.core.answers import Problem, parse_answers
from wizard.questions.core.cases import Username, diagnose
from wizard.questions.core.isp import PLALA, LoginName, Provenance
from wizard.questions.core.questions import (
    Question,
    can_ask,
    missing,
    next_question,
    path,
    question_after,
)

pytestmark = pytest.mark.django_db

CASE_1 = "network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set"
CASE_3 = "network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
NOT_ISP = (
    "This is not a Plala mail address. Plala addresses end in a name followed by "
    ".plala.or.jp, such as abc.plala.or.jp. If you send from another address, change "
    'your "Mail server" answer in "Your answers so far" below.'
)
UNREADABLE = (
    'We could not read this as the part of an e-mail address after "@". Please enter '
    'it like abc.plala.or.jp, or choose "I don\'t know".'
)


def text(response) -> str:
    return response.content.decode()


def query_of(response) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(response["Location"]).query))


def settings_table(html: str, heading_id: str = "settings-heading") -> dict[str, str]:
    begin = html.index(f'id="{heading_id}"')
    part = html[begin : html.index("</section>", begin)]
    # The value only, without the note under it.
    return dict(zip(texts(part, "th"), texts(part, ".setting-value"), strict=True))


def answers(query: str):
    return parse_answers(dict(parse_qsl(query))).answers


# Reading what a subscriber types ----------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "abc.plala.or.jp",
        "ABC.PLALA.OR.JP ",
        "taro@abc.plala.or.jp",
        "@abc.plala.or.jp",
        "ｔａｒｏ＠ａｂｃ．ｐｌａｌａ．ｏｒ．ｊｐ",
        "abc.plala.or.jp.",
        "abc.mail.plala.or.jp",
    ],
)
def test_what_a_subscriber_types_is_read_as_their_domain(typed):
    parsed = parse_answers({"domain": typed})
    assert parsed.problems == {}
    assert parsed.answers.domain == "abc.plala.or.jp"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("gmail.com", Problem.NOT_ISP_DOMAIN),
        ("taro@gmail.com", Problem.NOT_ISP_DOMAIN),
        ("plala.or.jp", Problem.NOT_ISP_DOMAIN),
        ("a.b.plala.or.jp", Problem.NOT_ISP_DOMAIN),
        ("plala.or.jp.evil.example", Problem.NOT_ISP_DOMAIN),
        ("taro@", Problem.BAD_DOMAIN),
        ("abc plala.or.jp", Problem.BAD_DOMAIN),
        ("<script>", Problem.BAD_DOMAIN),
        ("x" * 300 + ".plala.or.jp", Problem.BAD_DOMAIN),
        ("abc", Problem.BAD_DOMAIN),
    ],
)
def test_anything_else_is_refused_with_a_reason(typed, problem):
    parsed = parse_answers({"domain": typed})
    assert parsed.problems == {"domain": problem}
    assert parsed.answers.domain is None


def test_an_empty_domain_is_unanswered_not_wrong():
    assert parse_answers({"domain": "  "}) == parse_answers({})


def test_the_profile_knows_the_95_subdomains_from_the_ispdb():
    facts = PLALA.facts()
    assert len(PLALA.mail_subdomains.value) == 95
    assert {"abc", "zpost", "gmail", "symphony"} <= PLALA.mail_subdomains.value
    assert facts["mail_subdomains"].source is Provenance.ISPDB
    assert facts["smtp_login_name"].value is LoginName.LOCAL_PART
    assert facts["smtp_login_name"].source is Provenance.ISPDB
    assert "%EMAILLOCALPART%" in facts["smtp_login_name"].cited


# The flow: asked once, never needed -------------------------------------------------


def test_the_domain_is_the_last_step_of_plala_mail_but_never_missing():
    plala = answers(CASE_1)
    assert path(plala)[-2:] == [Question.PLAN, Question.DOMAIN]
    assert missing(plala) == []
    assert next_question(plala) is None
    assert question_after(Question.PLAN, plala) is Question.DOMAIN
    assert question_after(Question.DOMAIN, plala) is None
    assert can_ask(Question.DOMAIN, plala)
    diagnose(plala)  # complete without it


def test_case_3_asks_it_after_the_port_for_its_fallback_only():
    case_3 = answers(CASE_3)
    assert path(case_3)[-1] is Question.DOMAIN
    assert question_after(Question.AUTH, case_3) is Question.DOMAIN
    assert Question.DOMAIN not in path(answers(CASE_3.replace("port=25", "port=587")))
    assert Question.DOMAIN not in path(answers(CASE_3.replace("network=plala", "network=other")))


@pytest.mark.parametrize(
    "query",
    [
        "network=plala&service=own-dynamic&client=postfix",
        "network=plala&service=own-static",
        "network=other&service=hosting&client=outlook&port=25&auth=no",
        # Plala Light blocked where it is (case 5), or from the new Outlook's cloud:
        # no server is shown.
        "network=other&service=plala&client=outlook&port=25&auth=no&op25b=yes&plan=light",
        "network=plala&service=plala&client=outlook-new&port=587&auth=yes&plan=light",
    ],
)
def test_it_is_not_asked_where_no_plala_server_is_shown(query):
    assert Question.DOMAIN not in path(answers(query))
    assert not can_ask(Question.DOMAIN, answers(query))


def test_it_waits_until_every_needed_answer_is_in():
    early = answers("network=plala&service=plala&client=outlook")
    assert Question.DOMAIN in path(early)  # counted in the progress already
    assert not can_ask(Question.DOMAIN, early)


def test_the_wizard_goes_from_the_plan_to_the_domain_to_the_result(client):
    response = client.get(f"/en/next/?from=plan&{CASE_1}")
    assert response["Location"] == f"/en/step/domain/?{CASE_1}"
    html = text(client.get(response["Location"]))
    assert texts(html, "h1") == ['What comes after "@" in your Plala e-mail address?']
    form = Form(html)
    assert form.hidden == {"from": "domain", **dict(parse_qsl(CASE_1))}
    assert form.radios == {}
    response = client.get(form.action, {**form.hidden, "domain": "Taro@ABC.plala.or.jp"})
    assert response["Location"] == f"/en/result/?{CASE_1}&domain=abc.plala.or.jp"


def test_the_progress_counts_the_domain_step(client):
    html = text(client.get(f"/en/step/domain/?{CASE_1}"))
    assert '<progress value="7" max="7"' in html
    html = text(client.get(f"/en/step/plan/?{CASE_1}"))
    assert '<progress value="6" max="7"' in html


def test_the_step_is_a_text_field_for_phones_with_its_label_and_example(client):
    html = text(client.get(f"/en/step/domain/?{CASE_1}"))
    field = re.search(r'<input id="answer-domain"[^>]*>', html, re.S).group(0)
    for attribute in (
        'name="domain"',
        'type="text"',
        'inputmode="email"',
        'autocomplete="off"',
        'autocapitalize="none"',
        'aria-describedby="answer-hint"',
    ):
        assert attribute in field
    assert texts(html, "label") == ['The part of your address after "@"']
    assert texts(html, "#answer-hint") == [
        "For example abc.plala.or.jp, if your address is taro@abc.plala.or.jp."
    ]
    assert "for taro@abc.plala.or.jp it is abc.plala.or.jp" in texts(html, ".unsure-body")[0]


def test_i_dont_know_goes_on_to_the_result_without_it(client):
    html = text(client.get(f"/en/step/domain/?{CASE_1}"))
    (skip,) = re.findall(
        r'<a class="button secondary skip" href="([^"]+)">I don&#x27;t know</a>', html
    )
    response = client.get(unescape(skip))
    assert response["Location"] == f"/en/result/?{CASE_1}"
    # Even over something typed that we could not read.
    response = client.get(f"/en/next/?from=domain&skip=1&domain=gmail.com&{CASE_1}")
    assert response["Location"] == f"/en/result/?{CASE_1}"


def test_case_3_goes_to_the_domain_step_then_its_result(client):
    response = client.get(f"/en/next/?from=auth&{CASE_3}")
    assert response["Location"] == f"/en/step/domain/?{CASE_3}"


@pytest.mark.parametrize(
    "query",
    [
        "network=plala&service=own-dynamic&client=postfix",
        "network=plala&service=own-static",
    ],
)
def test_own_servers_are_never_asked(client, query):
    last = "client" if "client" in query else "service"
    response = client.get(f"/en/next/?from={last}&{query}")
    assert response["Location"] == f"/en/result/?{query}"
    response = client.get(f"/en/step/domain/?{query}")
    assert response["Location"] == f"/en/result/?{query}"


def test_an_empty_next_asks_for_the_domain_again(client):
    response = client.get(f"/en/next/?from=domain&domain=&{CASE_1}")
    assert response.status_code == 200
    assert texts(text(response), "#step-error") == [
        '⚠ Please enter the part of your address after "@", or choose "I don\'t know".'
    ]


@pytest.mark.parametrize(
    ("typed", "shown", "message"),
    [
        ("yamada@gmail.com", "@gmail.com", NOT_ISP),
        ("plala.or.jp", "plala.or.jp", NOT_ISP),
        ("yamada@", "@", UNREADABLE),
        ("abc plala", "abc plala", UNREADABLE),
    ],
)
def test_a_refused_domain_is_asked_again_with_the_reason(client, typed, shown, message):
    response = client.get(
        "/en/next/", {"from": "domain", "domain": typed, **dict(parse_qsl(CASE_1))}
    )
    assert urlsplit(response["Location"]).path == "/en/step/domain/"
    # What was typed before "@" never rides along, nor is shown again.
    assert "yamada" not in response["Location"]
    response = client.get(response["Location"])
    html = text(response)
    assert response.status_code == 200
    assert texts(html, "#step-error") == [f"⚠ {message}"]
    field = re.search(r'<input id="answer-domain"[^>]*>', html, re.S).group(0)
    assert f'value="{shown}"' in field
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="answer-hint step-error"' in field
    assert "yamada" not in html


def test_the_refusal_is_in_japanese_by_default(client):
    response = client.get(f"/step/domain/?{CASE_1}&domain=gmail.com")
    assert texts(text(response), "#step-error") == [
        "⚠ ぷららのメールアドレスではありません。ぷららのメールアドレスは、abc.plala.or.jp "
        "のように「名前.plala.or.jp」で終わります。ほかのメールアドレスから送信されている"
        "場合は、下の「これまでの回答」で「ご利用メールサーバー」の回答を変更してください。"
    ]


def test_a_result_link_with_a_bad_domain_goes_to_the_step_with_the_reason(client):
    response = client.get(f"/en/result/?{CASE_1}&domain=gmail.com", follow=True)
    assert response.request["PATH_INFO"] == "/en/step/domain/"
    assert texts(text(response), "#step-error") == [f"⚠ {NOT_ISP}"]


# The result ---------------------------------------------------------------------------


def test_a_result_with_the_domain_shows_the_server_filled_in(client):
    html = text(client.get(f"/en/result/?{CASE_1}&domain=abc.plala.or.jp"))
    table = settings_table(html)
    assert table["Outgoing mail server (SMTP)"] == "abc.mail.plala.or.jp"
    # The table says where the name comes from; the steps never ask to type ***.
    steps = html[html.index('id="program-steps"') :].split("</section>")[0]
    assert "***" not in steps


def test_the_domain_fills_every_plala_answer():
    for query in (
        "network=plala&service=plala&client=outlook&port=25&auth=no&plan=set",  # case 2
        "network=other&service=plala&client=outlook&port=25&auth=no&op25b=yes&plan=set",  # 5
        "network=plala&service=plala&client=outlook&port=25&auth=no&plan=light",  # port 25
        "network=plala&service=plala&client=outlook-new&port=25&auth=no&plan=set",  # cloud
    ):
        settings = diagnose(answers(f"{query}&domain=abc.plala.or.jp")).settings
        assert (settings.server, settings.server_is_pattern) == ("abc.mail.plala.or.jp", False)
        assert not settings.server_unlisted


def test_case_3_fills_its_fallback_not_the_providers_server(client):
    diagnosis = diagnose(answers(f"{CASE_3}&domain=abc.plala.or.jp"))
    assert diagnosis.settings.server is None
    alternative = diagnosis.alternative
    assert (alternative.server, alternative.server_is_pattern) == ("abc.mail.plala.or.jp", False)
    html = text(client.get(f"/en/result/?{CASE_3}&domain=abc.plala.or.jp"))
    table = settings_table(html, "alternative-heading")
    assert table["Outgoing mail server (SMTP)"] == "abc.mail.plala.or.jp"


def test_the_login_is_the_part_before_the_at():
    settings = diagnose(answers(f"{CASE_1}&domain=abc.plala.or.jp")).settings
    assert (settings.username, settings.login_name) == (
        Username.ISP_MAIL_ACCOUNT,
        LoginName.LOCAL_PART,
    )
    # Without it too: the user name does not depend on knowing the domain.
    assert diagnose(answers(CASE_1)).settings.login_name is LoginName.LOCAL_PART
    assert diagnose(answers(CASE_3)).settings.login_name is None


def test_an_unlisted_plala_subdomain_is_accepted_and_flagged():
    settings = diagnose(answers(f"{CASE_1}&domain=newname.plala.or.jp")).settings
    assert settings.server == "newname.mail.plala.or.jp"
    assert settings.server_unlisted


def test_an_unlisted_plala_subdomain_shows_the_note_on_the_result(client):
    html = text(client.get(f"/en/result/?{CASE_1}&domain=newname.plala.or.jp"))
    assert "newname.plala.or.jp is not among the Plala mail domains we know" in html


def test_the_domain_wins_over_a_plala_host_answer_and_the_host_still_works():
    both = answers(f"{CASE_1}&domain=abc.plala.or.jp&host=xyz.mail.plala.or.jp")
    assert diagnose(both).settings.server == "abc.mail.plala.or.jp"
    host_only = answers(f"{CASE_1}&host=xyz.mail.plala.or.jp")
    assert diagnose(host_only).settings.server == "xyz.mail.plala.or.jp"


def test_old_links_without_the_domain_are_unchanged(client):
    response = client.get(f"/en/result/?{CASE_1}")
    assert response.status_code == 200
    html = text(response)
    assert settings_table(html)["Outgoing mail server (SMTP)"] == "***.mail.plala.or.jp"
    assert (
        "The notice gives only ***.mail.plala.or.jp and does not say what *** stands for." in html
    )


def test_a_domain_that_does_not_apply_is_dropped_not_refused(client):
    query = "network=plala&service=own-static&domain=abc.plala.or.jp"
    assert client.get(f"/en/result/?{query}").status_code == 200
    data = client.get(f"/api/diagnose?{query}").json()
    assert data["answers"] == {"network": "plala", "service": "own-static"}


# The API ----------------------------------------------------------------------------------


def test_the_api_carries_the_domain_and_the_filled_server(client):
    data = client.get(f"/api/diagnose?{CASE_1}&domain=ABC.plala.or.jp").json()
    assert data["answers"]["domain"] == "abc.plala.or.jp"
    assert data["settings"]["server"] == "abc.mail.plala.or.jp"
    assert data["settings"]["server_is_pattern"] is False
    assert data["settings"]["server_unlisted"] is False
    assert data["settings"]["login_name"] == "local-part"
    assert data["result_url"].endswith(f"/result/?{CASE_1}&domain=abc.plala.or.jp")


def test_the_api_gives_case_3s_fallback_filled_in(client):
    data = client.get(f"/api/diagnose?{CASE_3}&domain=abc.plala.or.jp").json()
    assert data["settings"]["server"] is None
    assert data["alternative"]["server"] == "abc.mail.plala.or.jp"


def test_the_api_refuses_a_bad_domain_word_for_word(client):
    response = client.get(f"/en/api/diagnose?{CASE_1}&domain=gmail.com")
    if response.status_code == 404:  # the API lives outside the language prefix
        with_english = {"HTTP_ACCEPT_LANGUAGE": "en"}
        response = client.get(f"/api/diagnose?{CASE_1}&domain=gmail.com", **with_english)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"domain"}


def test_the_api_without_the_domain_is_as_before(client):
    data = client.get(f"/api/diagnose?{CASE_1}").json()
    assert "domain" not in data["answers"]
    assert data["settings"]["server"] == "***.mail.plala.or.jp"
    assert data["settings"]["server_is_pattern"] is True
    assert data["result_url"].endswith(f"/result/?{urlencode(dict(parse_qsl(CASE_1)))}")


def test_the_check_form_is_filled_in_with_the_subscribers_own_server(client):
    html = text(client.get(f"/en/result/?{CASE_1}&domain=abc.plala.or.jp"))
    assert 'value="abc.mail.plala.or.jp"' in html.split('id="check-server"', 1)[1]
