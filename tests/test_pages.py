"""The wizard's pages as a subscriber and a support agent use them."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.conftest import Form
from wizard.questions.core.cases import NOTICE_ROWS

pytestmark = pytest.mark.django_db

CASE_3_ANSWERS = "network=plala&service=other-isp&client=thunderbird&port=25&auth=no"


def text(response) -> str:
    return response.content.decode()


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
            break
        (name,) = form.radios
        response = answer_step(client, response, wanted[name])
        assert response.status_code == 302
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/en/result/"
    query = dict(parse_qsl(response.request["QUERY_STRING"]))
    assert query == wanted
    label = f"Case {row.case}, example {row.example}" if row.example else f"Case {row.case}"
    assert label in text(response)


def test_next_without_a_choice_asks_again(client):
    response = client.get("/en/next/", {"from": "network"})
    assert response.status_code == 200
    assert "Please choose one of the answers." in text(response)


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
    assert "We did not understand this answer" in text(response)
    assert Form(text(response)).checked == {}


def test_an_unreadable_later_answer_waits_for_the_questions_before_it(client):
    response = client.get("/result/?network=plala&port=26")
    assert response["Location"] == "/step/service/?network=plala"


def test_result_page_shows_verdict_case_why_what_to_do_and_settings(client):
    html = text(client.get(f"/en/result/?{CASE_3_ANSWERS}&host=smtp.example.jp"))
    assert "Your mail cannot be sent" in html
    assert "×" in html
    assert "Not supported" in html
    assert "Case 3, example 1" in html
    assert "blocks port 25 to mail servers outside Plala" in html
    assert "Use your mail provider&#x27;s submission port 587" in html
    assert "smtp.example.jp" in html
    assert ">587<" in html
    assert "<svg" in html
    assert "Blocked at the connection&#x27;s gateway." in html
    assert 'aria-current="true"' in html
    assert "Steps in Thunderbird" in html


def test_result_says_when_an_answer_is_derived(client):
    html = text(
        client.get(
            "/en/result/?network=plala&service=plala&client=outlook&port=587&auth=no&plan=set"
        )
    )
    assert "Not in the notice" in html
    assert "notice does not list this combination" in html
    assert "Turn on SMTP authentication" in html


def test_new_outlook_result_says_it_sends_from_the_cloud(client):
    html = text(
        client.get(
            "/en/result/?network=plala&service=plala&client=outlook-new&port=587&auth=yes&plan=set"
        )
    )
    assert "Microsoft&#x27;s servers connect to your mail server for you" in html


def test_result_has_a_copyable_link_to_itself(client):
    html = text(client.get(f"/result/?{CASE_3_ANSWERS}"))
    assert f'value="http://testserver/result/?{CASE_3_ANSWERS.replace("&", "&amp;")}"' in html
    assert "data-copy-button hidden" in html


def test_cases_page_lists_every_row_with_a_link_that_opens_it(client):
    html = text(client.get("/en/cases/"))
    for row in NOTICE_ROWS:
        assert row.sample.to_query()["network"] in html
    links = [line for line in html.split('href="') if line.startswith("/en/result/?")]
    assert len(links) == len(NOTICE_ROWS)
    for link in links:
        url = link.split('"')[0].replace("&amp;", "&")
        assert client.get(url).status_code == 200


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


@pytest.mark.parametrize(("method", "url"), [("post", "/api/diagnose"), ("get", "/api/probe")])
def test_apis_answer_the_wrong_method_in_json(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method-not-allowed"
    assert response["Allow"] in ("GET", "POST")


def test_a_failing_result_never_says_nothing_to_change(client):
    html = text(
        client.get(
            "/en/result/?network=other&service=plala&client=outlook&port=25&auth=no"
            "&op25b=yes&plan=light"
        )
    )
    assert "Your mail cannot be sent" in html
    assert "Nothing to change" not in html
    assert "Port 587 is not available on Plala Light" in html
