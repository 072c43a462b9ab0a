"""The wizard's pages as a subscriber and a support agent use them."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.conftest import Form, texts
from wizard.questions.core.cases import NOTICE_ROWS

pytestmark = pytest.mark.django_db

CASE_3_ANSWERS = "network=plala&service=other-isp&client=thunderbird&port=25&auth=no"


def text(response) -> str:
    return response.content.decode()


def section(html: str, start: str) -> str:
    """The ``<section …>`` that begins with ``start``, up to its ``</section>``."""
    begin = html.index(start)
    return html[begin : html.index("</section>", begin)]


def settings_table(html: str, heading_id: str = "settings-heading") -> dict[str, str]:
    """The rows of the settings table under ``heading_id``: label → value."""
    part = section(html, f'id="{heading_id}"')
    return dict(zip(texts(part, "th"), texts(part, ".setting-value"), strict=True))


def test_start_page_explains_and_starts_in_japanese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="ja">' in text(response)
    assert 'href="/step/network/"' in text(response)


def test_english_lives_under_en(client):
    response = client.get("/en/")
    assert '<html lang="en">' in text(response)
    assert "Start" in text(response)
    assert 'href="/en/step/network/"' in text(response)


def test_language_switch_keeps_the_answers(client):
    response = client.get(f"/result/?{CASE_3_ANSWERS}")
    assert f'href="/en/result/?{CASE_3_ANSWERS.replace("&", "&amp;")}"' in text(response)
    response = client.get(f"/en/result/?{CASE_3_ANSWERS}")
    assert f'href="/result/?{CASE_3_ANSWERS.replace("&", "&amp;")}"' in text(response)


def test_a_step_is_one_question_in_a_fieldset_with_labelled_choices(client):
    response = client.get("/en/step/service/?network=plala")
    html = text(response)
    assert "<fieldset" in html
    assert "<legend><h1" in html
    assert "Whose outgoing mail server do you send through?" in html
    assert Form(html).radios == {
        "service": ["plala", "other-isp", "hosting", "own-dynamic", "own-static"]
    }
    assert Form(html).hidden == {"from": "service", "network": "plala"}
    assert "Question 2" in html


def test_a_step_shows_the_answer_already_given(client):
    html = text(client.get("/en/step/network/?network=other&service=plala"))
    assert Form(html).checked == {"network": "other"}
    assert Form(html).hidden == {"from": "network", "service": "plala"}


@pytest.mark.parametrize("row", NOTICE_ROWS, ids=lambda r: f"case{r.case}-{r.example or 0}")
def test_every_case_is_reachable_by_answering_each_step(client, answer_step, row):
    response = client.get("/en/step/network/")
    wanted = row.sample.to_query()
    for _ in range(10):
        form = Form(text(response))
        if not form.radios:
            # A typed answer (the address's domain) has an "I don't know" link instead.
            skip = re.search(r'<a class="button secondary skip" href="([^"]+)"', text(response))
            if skip is None:
                break
            response = client.get(unescape(skip.group(1)))
            assert response.status_code == 302
            response = client.get(response["Location"])
            continue
        (name,) = form.radios
        response = answer_step(client, response, wanted[name])
        assert response.status_code == 302
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/en/result/"
    query = dict(parse_qsl(response.request["QUERY_STRING"]))
    assert query == wanted
    label = (
        f"Case {row.case}, example {row.example}"
        if row.example
        else f"Case {row.case} (for reference)"
        if row.for_reference
        else f"Case {row.case}"
    )
    assert texts(text(response), ".case-label") == [label]


def test_next_without_a_choice_asks_again(client):
    response = client.get("/en/next/", {"from": "network"})
    assert response.status_code == 200
    assert texts(text(response), "#step-error") == ["⚠ Please choose one of the answers."]


def test_back_link_goes_to_the_previous_step_with_all_answers(client):
    html = text(client.get("/en/step/port/?network=plala&service=plala&client=outlook"))
    assert 'href="/en/step/client/?network=plala&amp;service=plala&amp;client=outlook"' in html


def test_a_step_that_does_not_apply_redirects_to_the_next_needed_one(client):
    response = client.get("/step/op25b/?network=plala&service=plala")
    assert response.status_code == 302
    assert response["Location"] == "/step/client/?network=plala&service=plala"


def test_a_later_step_with_earlier_answers_missing_redirects_back(client):
    response = client.get("/step/plan/?network=plala")
    assert response["Location"] == "/step/service/?network=plala"


def test_result_with_answers_missing_redirects_keeping_the_answers(client):
    response = client.get("/result/?network=other&service=plala&client=outlook&port=25&auth=no")
    assert response.status_code == 302
    assert response["Location"] == (
        "/step/op25b/?network=other&service=plala&client=outlook&port=25&auth=no"
    )


def test_a_value_we_cannot_read_sends_you_to_that_question_with_a_note(client):
    response = client.get(
        "/en/result/?network=plala&service=plala&client=outlook&port=26", follow=True
    )
    assert response.request["PATH_INFO"] == "/en/step/port/"
    assert texts(text(response), "#step-error") == [
        "⚠ We did not understand this answer. Please choose again."
    ]
    assert Form(text(response)).checked == {}


def test_the_note_about_an_unreadable_answer_is_in_japanese_by_default(client):
    response = client.get(
        "/result/?network=plala&service=plala&client=outlook&port=26", follow=True
    )
    assert response.request["PATH_INFO"] == "/step/port/"
    assert texts(text(response), "#step-error") == [
        "⚠ この回答を読み取れませんでした。もう一度お選びください。"
    ]


def test_an_unreadable_later_answer_waits_for_the_questions_before_it(client):
    response = client.get("/result/?network=plala&port=26")
    assert response["Location"] == "/step/service/?network=plala"


def test_result_page_shows_verdict_case_why_what_to_do_and_settings(client):
    html = text(client.get(f"/en/result/?{CASE_3_ANSWERS}&host=smtp.example.jp"))
    # Every result page also shows the notice's whole table (× and "Not supported"
    # included), so the verdict is read from its own section only.
    verdict = section(html, '<section class="verdict ')
    assert verdict.startswith('<section class="verdict verdict-fails"')
    assert texts(verdict, ".verdict-symbol") == ["×"]
    assert texts(verdict, "#verdict-heading") == ["Your mail cannot be sent"]
    assert texts(verdict, ".case-label") == ["Case 3, example 1"]
    assert texts(verdict, ".notice-words") == ["The notice's answer to “Can I send?”: × “No”"]
    assert texts(verdict, ".source-note") == ["This is case 3 in Plala's notice."]
    # The notice is linked to Plala's own page of it.
    assert 'href="https://www.plala.or.jp/support/manual/mail/plala_mail/submission/"' in verdict
    why = section(html, 'aria-labelledby="why-heading"')
    assert "blocks port 25 to mail servers outside Plala" in why
    assert "<svg" in why
    assert "Blocked at the connection&#x27;s gateway." in why
    todo = section(html, 'aria-labelledby="todo-heading"')
    assert texts(todo, "strong") == [
        "Use your mail provider's submission port 587",
        "Turn on SMTP authentication",
        "If they offer no submission port: send through Plala's server",
    ]
    assert settings_table(html) == {
        "Outgoing mail server (SMTP)": "smtp.example.jp",
        "Port": "587",
        "Connection security": "STARTTLS",
        "SMTP authentication": "On",
        "User name and password": "The account name and password your mail provider gave you",
    }
    # Notes sit under the table, each naming its row.
    assert texts(section(html, 'id="settings-heading"'), "dd") == [
        "Follow your provider's guide: on port 587 most use STARTTLS."
    ]
    # The notice's table marks this row, and only this one, as the visitor's.
    assert texts(html, ".marked") == [
        "Case 3, example 1Your case Plala's connection Another provider's mail 25 × No"
    ]
    assert texts(html, "#program-heading") == ["Steps in Thunderbird"]


def test_result_says_when_an_answer_is_derived(client):
    html = text(
        client.get(
            "/en/result/?network=plala&service=plala&client=outlook&port=587&auth=no&plan=set"
        )
    )
    assert "Not in the notice" in html
    assert texts(html, ".source-note") == [
        "Plala's notice does not list this combination. This answer follows from the "
        "rules the notice states."
    ]
    assert "Turn on SMTP authentication" in html


def test_new_outlook_result_says_it_sends_from_the_cloud(client):
    html = text(
        client.get(
            "/en/result/?network=plala&service=plala&client=outlook-new&port=587&auth=yes&plan=set"
        )
    )
    assert "Microsoft&#x27;s servers connect to Plala&#x27;s mail server for you" in html
    # Plala's overseas restriction is documented for So-net mailboxes only.
    assert "So-net mailboxes of plala (S course) members" in html


def test_result_has_a_copyable_link_to_itself(client):
    html = text(client.get(f"/result/?{CASE_3_ANSWERS}"))
    assert f'value="http://testserver/result/?{CASE_3_ANSWERS.replace("&", "&amp;")}"' in html
    assert "data-copy-button hidden" in html


def test_cases_page_lists_every_row_with_a_link_that_opens_it(client):
    html = text(client.get("/en/cases/"))
    links = [
        link.split('"')[0].replace("&amp;", "&")
        for link in html.split('href="')
        if link.startswith("/en/result/?")
    ]
    rows = [f"/en/result/?{urlencode(row.sample.to_query())}" for row in NOTICE_ROWS]
    own_static = "/en/result/?network=plala&service=own-static"
    assert links == [*rows, own_static]
    for row, link in zip(NOTICE_ROWS, links[:-1], strict=True):
        label = (
            f"Case {row.case}, example {row.example}"
            if row.example
            else f"Case {row.case} (for reference)"
            if row.for_reference
            else f"Case {row.case}"
        )
        response = client.get(link)
        assert response.status_code == 200
        assert texts(text(response), ".case-label") == [label]


def test_htmx_gets_the_fragment_and_the_url_to_show(client):
    response = client.get(
        "/step/service/?network=plala", headers={"HX-Request": "true", "HX-Boosted": "true"}
    )
    html = text(response)
    assert "<html" not in html
    assert '<main id="main"' in html
    assert "<title>" in html
    assert response["HX-Push-Url"] == "/step/service/?network=plala"
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client):
    response = client.get(
        "/step/service/?network=plala",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in text(response)


def test_repeat_views_of_a_result_are_answered_304(client):
    first = client.get(f"/result/?{CASE_3_ANSWERS}")
    again = client.get(f"/result/?{CASE_3_ANSWERS}", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_healthz(client):
    response = client.get("/healthz")
    assert (response.status_code, text(response)) == (200, "ok\n")


def test_unknown_step_is_a_friendly_404(client):
    response = client.get("/en/step/colour/")
    assert response.status_code == 404
    assert "Page not found" in text(response)


@pytest.mark.parametrize(
    "query",
    [
        "network=%ff%fe",
        "network=plala&network=other",
        "network[]=plala",
        "host=%00%0d%0aX-Injected:1",
        "port=" + "9" * 5000,
        "%%%",
        "client=postfix&service=plala&network=plala",
        "from=nowhere&network=plala",
    ],
)
@pytest.mark.parametrize("page", ["/step/network/", "/next/", "/result/", "/api/diagnose"])
def test_malformed_query_strings_never_break_a_page(client, page, query):
    response = client.get(f"{page}?{query}", follow=True)
    assert response.status_code in (200, 400)


def test_steps_and_results_work_without_javascript(client):
    # No hx- attribute is needed to move on: every step is a plain GET form.
    html = text(client.get("/step/network/"))
    assert '<form class="question" method="get" action="/next/">' in html
    assert urlsplit(Form(html).action).path == "/next/"


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [("post", "/api/diagnose", "GET"), ("get", "/api/probe", "POST")],
)
def test_apis_answer_the_wrong_method_in_json(client, method, url, allowed):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method-not-allowed"
    assert response["Allow"] == allowed


def test_a_failing_result_never_says_nothing_to_change(client):
    html = text(
        client.get(
            "/en/result/?network=other&service=plala&client=outlook&port=25&auth=no"
            "&op25b=yes&plan=light"
        )
    )
    assert "Your mail cannot be sent" in html
    assert "Nothing to change" not in html
    assert "Send at home over Plala's connection" in texts(html, "strong")


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "⚠ Please enter only a server name or an e-mail address, without spaces."),
        ("", "⚠ サーバー名またはメールアドレスだけを、スペースを入れずに入力してください。"),
    ],
)
def test_a_server_name_with_spaces_is_refused_word_for_word(client, prefix, message):
    response = client.post(f"{prefix}/probe/", {"target": "not a host"})
    assert response.status_code == 400
    assert texts(text(response), ".error") == [message]


def test_a_page_from_the_page_cache_is_the_same_page_with_the_same_headers(client):
    from django.core.cache import caches

    caches["pages"].clear()
    first = client.get(f"/result/?{CASE_3_ANSWERS}")
    repeat = client.get(f"/result/?{CASE_3_ANSWERS}")
    assert first.templates
    assert not repeat.templates, "served from the page cache, not rendered"
    assert repeat.content == first.content
    assert dict(repeat.items()) == dict(first.items())
    assert "Content-Security-Policy" in repeat
    assert repeat["Content-Language"] == "ja"


def test_the_page_cache_keeps_languages_and_htmx_fragments_apart(client):
    from django.core.cache import caches

    caches["pages"].clear()
    japanese = client.get(f"/result/?{CASE_3_ANSWERS}")
    english = client.get(f"/en/result/?{CASE_3_ANSWERS}")
    fragment = client.get(f"/result/?{CASE_3_ANSWERS}", headers={"HX-Request": "true"})
    assert english["Content-Language"] == "en"
    assert english.content != japanese.content
    assert b"<html" not in fragment.content
    assert client.get(f"/result/?{CASE_3_ANSWERS}").content == japanese.content
