"""Case codes: read aloud on the phone, typed back, opening the same result.

The core is checked over every answer set it can carry (each choice answer
unanswered or any of its values, with and without a known domain), and over
every result a subscriber can reach; the pages as a subscriber and an agent use
them, in both languages.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Form, texts
from tests.test_copy import every_result
from wizard.questions.core.answers import (
    Answers,
    Client,
    Network,
    Op25b,
    Plan,
    Port,
    Service,
    YesNo,
)
from wizard.questions.core.case_codes import (
    ALPHABET,
    LENGTH,
    RADICES,
    TABLES,
    BadCode,
    CodeProblem,
    answers_for,
    code_for,
    format_code,
    left_out,
    normalise_code,
)
from wizard.questions.core.isp import ACTIVE

ENUMS = {
    "network": Network,
    "service": Service,
    "client": Client,
    "port": Port,
    "auth": YesNo,
    "op25b": Op25b,
    "plan": Plan,
}
DOMAINS = [f"{name}.plala.or.jp" for name in TABLES["domain"]]

# Codes given out must open the same answers for good: never change these.
GOLDEN = {
    "7MFTWX8": Answers(),
    "WM3XHJA": Answers(network=Network.PLALA),
    "T347RTF": Answers(
        network=Network.PLALA,
        service=Service.PLALA,
        client=Client.OUTLOOK,
        port=Port.SMTP,
        auth=YesNo.NO,
        plan=Plan.SET,
        domain="abc.plala.or.jp",
    ),
    "T99KXX2": Answers(
        network=Network.PLALA,
        service=Service.PLALA,
        client=Client.OUTLOOK,
        port=Port.SUBMISSION,
        auth=YesNo.YES,
        plan=Plan.SET,
        domain="abc.plala.or.jp",
    ),
    "AYXTKXF": Answers(
        network=Network.PLALA,
        service=Service.PLALA,
        client=Client.THUNDERBIRD,
        port=Port.SMTP,
        auth=YesNo.NO,
        plan=Plan.LIGHT_MULTI,
        domain="zpost.plala.or.jp",
    ),
    "AMT4FXH": Answers(
        network=Network.OTHER,
        service=Service.PLALA,
        client=Client.IOS_MAIL,
        port=Port.SMTP,
        auth=YesNo.NO,
        op25b=Op25b.UNKNOWN,
        plan=Plan.LIGHT,
    ),
    "2859WF3": Answers(network=Network.PLALA, service=Service.OWN_DYNAMIC, client=Client.POSTFIX),
    "A6RKX73": Answers(network=Network.PLALA, service=Service.OWN_STATIC),
}
CASE_1 = GOLDEN["T99KXX2"]


def every_choice_set():
    """Every combination of the choice answers, each unanswered or any value."""
    names = list(ENUMS)
    for values in itertools.product(*[(None, *ENUMS[name]) for name in names]):
        yield Answers(**dict(zip(names, values, strict=True)))


def check_symbol(data: str) -> str:
    """The check symbol, worked out again from the rule the module states."""
    for candidate in ALPHABET:
        symbols = data + candidate
        total = sum(i * ALPHABET.index(c) for i, c in enumerate(symbols, start=1))
        if total % len(ALPHABET) == 0:
            return candidate
    raise AssertionError(data)


def problem_of(text: str) -> CodeProblem:
    with pytest.raises(BadCode) as caught:
        answers_for(text)
    return caught.value.problem


# The core ---------------------------------------------------------------------


def test_every_choice_set_round_trips_with_and_without_a_domain_and_no_two_share_a_code():
    seen: dict[str, Answers] = {}
    for index, answers in enumerate(every_choice_set()):
        # Every known domain rides along with some of them; every set goes without.
        domain = DOMAINS[index % len(DOMAINS)]
        for variant in (answers, replace(answers, domain=domain)):
            code = code_for(variant)
            assert answers_for(code) == variant
            assert seen.setdefault(code, variant) == variant
    assert len(seen) == 2 * 3 * 6 * 14 * 4 * 3 * 4 * 4


def test_every_known_domain_round_trips_alone_and_with_full_answers():
    assert len(DOMAINS) == len(set(DOMAINS)) == 95
    codes = set()
    for domain in DOMAINS:
        for answers in (Answers(domain=domain), replace(CASE_1, domain=domain)):
            assert answers_for(code_for(answers)) == answers
            codes.add(code_for(answers))
    assert len(codes) == 2 * len(DOMAINS)


def test_every_reachable_result_has_its_own_code_that_opens_it():
    results = list(every_result())
    # The domain is asked, so some results have it: give those every known one.
    with_domains = [
        replace(answers, domain=DOMAINS[i % len(DOMAINS)]) if answers.domain else answers
        for i, answers in enumerate(results)
    ]
    codes = {code_for(answers): answers for answers in with_domains}
    assert len(codes) == len(with_domains)
    assert all(answers_for(code) == answers for code, answers in codes.items())


answer_sets = st.builds(
    Answers,
    **{name: st.none() | st.sampled_from(list(enum)) for name, enum in ENUMS.items()},
    domain=st.none() | st.sampled_from(DOMAINS),
)


# Each choice set is covered above; here any one with any domain.
@settings(max_examples=1500, deadline=None)
@given(answer_sets)
def test_any_answer_set_round_trips(answers):
    code = code_for(answers)
    assert len(code) == LENGTH
    assert set(code) <= set(ALPHABET)
    assert code == normalise_code(format_code(code).lower())
    assert answers_for(code) == answers


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=LENGTH - 1, max_size=LENGTH - 1))
def test_any_code_that_passes_the_check_is_one_answer_set_or_unknown(data):
    code = data + check_symbol(data)
    try:
        answers = answers_for(code)
    except BadCode as bad:
        problem = bad.problem
    else:
        problem = None
        assert code_for(answers) == code
    assert problem in (None, CodeProblem.UNKNOWN_VALUE)


@pytest.mark.parametrize(("code", "answers"), GOLDEN.items(), ids=list(GOLDEN))
def test_codes_given_out_keep_their_answers(code, answers):
    assert code_for(answers) == code
    assert answers_for(code) == answers


def test_the_tables_hold_every_value_of_every_answer_with_room_to_add_more():
    for name, enum in ENUMS.items():
        assert set(TABLES[name]) == set(enum), f"append new {name} values to TABLES"
        assert len(TABLES[name]) + 1 < RADICES[name] or name == "op25b"
    assert set(ACTIVE.mail_subdomains.value) <= set(TABLES["domain"]), (
        "append new subdomains to the end of TABLES['domain']"
    )
    assert len(TABLES["domain"]) + 1 < RADICES["domain"]
    # The first values keep their places (a table is only ever appended to).
    assert TABLES["client"][:3] == ("outlook", "outlook-new", "thunderbird")
    assert TABLES["domain"][:3] == ("abc", "agate", "amail")


def test_the_alphabet_has_nothing_easily_confused():
    assert not set(ALPHABET) & set("0O1IL")
    # Q sounds as 9 in Japanese (キュー, きゅう); S Z B G U look like 5 2 8 6 V.
    assert not set(ALPHABET) & set("QSZBGUV")
    assert len(set(ALPHABET)) == len(ALPHABET) == 19
    assert ALPHABET.upper() == ALPHABET


MISTYPE_SAMPLE = [*GOLDEN, *(code_for(a) for a in itertools.islice(every_result(), 0, None, 7))]


@pytest.mark.parametrize("code", MISTYPE_SAMPLE)
def test_one_wrong_symbol_or_two_swapped_neighbours_is_caught(code):
    for place, wrong in itertools.product(range(LENGTH), ALPHABET):
        if wrong != code[place]:
            typo = code[:place] + wrong + code[place + 1 :]
            assert problem_of(typo) is CodeProblem.MISTYPED, typo
    for place in range(LENGTH - 1):
        if code[place] != code[place + 1]:
            swapped = code[:place] + code[place + 1] + code[place] + code[place + 2 :]
            assert problem_of(swapped) is CodeProblem.MISTYPED, swapped


def test_codes_are_read_in_any_case_with_separators_and_in_full_width():
    answers = GOLDEN["T347RTF"]
    for typed in (
        "t347rtf",
        "T347-RTF",
        " t347 rtf ",
        "ｔ３４７－ｒｔｆ",
        "Ｔ３４７ーＲＴＦ",
        "T347‐RTF",
    ):
        assert normalise_code(typed) == "T347RTF"
        assert answers_for(typed) == answers


def test_what_is_not_a_code_says_why():
    assert problem_of("") is CodeProblem.EMPTY
    assert problem_of(" - ") is CodeProblem.EMPTY
    assert problem_of("T347RT0") is CodeProblem.BAD_CHARACTERS
    assert problem_of("T347-RTO") is CodeProblem.BAD_CHARACTERS
    assert problem_of("T347<b>") is CodeProblem.BAD_CHARACTERS
    assert problem_of("T347RT") is CodeProblem.WRONG_LENGTH
    assert problem_of("T347RTFF") is CodeProblem.WRONG_LENGTH
    assert problem_of("T347RTX") is CodeProblem.MISTYPED
    assert problem_of("6Y4A5T3") is CodeProblem.UNKNOWN_VALUE


def test_the_server_name_and_an_unlisted_domain_are_left_out_and_said_to_be():
    plain = code_for(CASE_1.without("domain"))
    assert code_for(replace(CASE_1, host="smtp.example.jp", domain=None)) == plain
    unlisted = replace(CASE_1, domain="newname.plala.or.jp")
    assert code_for(unlisted) == plain
    assert left_out(unlisted) == ("domain",)
    assert left_out(replace(CASE_1, host="taro@example.jp")) == ("host",)
    assert left_out(CASE_1) == ()


# The pages --------------------------------------------------------------------


def result_path(answers: Answers, prefix: str = "") -> str:
    return f"{prefix}/result/?{urlencode(answers.to_query())}"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_code_opens_its_result_in_the_same_language(client, prefix):
    response = client.get(f"{prefix}/c/T99KXX2/")
    assert response.status_code == 302
    assert response["Location"] == result_path(CASE_1, prefix)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["t99kxx2", "T99K-XX2", "ｔ９９ｋ－ｘｘ２"])
def test_a_code_typed_loosely_opens_the_same_result(client, typed):
    for url in (f"/en/c/{typed}/", f"/en/c/?{urlencode({'code': typed})}"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == result_path(CASE_1, "/en")


@pytest.mark.django_db
def test_a_code_of_answers_still_needed_opens_the_first_question_left(client):
    response = client.get("/en/c/WM3XHJA/")
    assert response.status_code == 302
    assert response["Location"] == "/en/step/service/?network=plala"
    assert client.get("/c/7MFTWX8/")["Location"] == "/step/network/"


@pytest.mark.django_db
def test_the_code_page_offers_a_form_that_works_without_javascript(client):
    response = client.get("/en/c/")
    assert response.status_code == 200
    html = response.content.decode()
    assert Form(html).action == "/en/c/"
    assert 'name="code"' in html
    assert texts(html, "h1") == ["Open a result by its case code"]


@pytest.mark.django_db
def test_a_mistyped_code_gets_a_friendly_page_to_try_again(client):
    response = client.get("/en/c/T99KXX3/")
    assert response.status_code == 404
    html = response.content.decode()
    assert texts(html, "h1") == ["We could not open this case code"]
    assert texts(html, ".error") == [
        "⚠ This code has a typing mistake: one character is wrong, or two are swapped. "
        "Please compare it with the code on the result page."
    ]
    assert Form(html).action == "/en/c/"
    assert 'value="T99KXX3"' in html
    assert 'href="/en/step/network/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("T99KXX0", "only the digits 2 to 9 and the letters A F H J K M R T W X Y"),
        ("T99KX", "A case code has 7 characters, such as 7MFT-WX8."),
        ("6Y4A5T3", "No result has this code."),
        ("", "Please type the case code shown on your result page."),
    ],
)
def test_each_kind_of_bad_code_is_explained(client, typed, words):
    response = client.get(f"/en/c/?{urlencode({'code': typed})}")
    assert response.status_code == 404
    assert words in " ".join(texts(response.content.decode(), ".error"))


@pytest.mark.django_db
def test_bad_codes_are_explained_in_japanese_and_never_echo_markup(client):
    response = client.get("/c/?code=%3Cscript%3E")
    assert response.status_code == 404
    html = response.content.decode()
    assert "使われている文字は、数字の2～9と英字のA・F・H・J・K・M・R・T・W・X・Yだけです" in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_result_page_shows_its_code_and_a_link_that_opens_it_again(client, prefix):
    page = client.get(result_path(CASE_1, prefix)).content.decode()
    assert texts(page, ".case-code") == ["T99K-XX2"]
    assert f'href="{prefix}/c/T99KXX2/"' in page
    again = client.get(f"{prefix}/c/T99KXX2/")
    assert again["Location"] == result_path(CASE_1, prefix)
    assert texts(client.get(again["Location"]).content.decode(), ".case-code") == ["T99K-XX2"]


@pytest.mark.django_db
def test_the_result_page_tells_the_customer_to_read_the_code_to_support(client):
    page = client.get(result_path(CASE_1)).content.decode()
    assert "サポート窓口にお問い合わせの際は、このコードをお伝えください。" in page
    assert "診断コード" in texts(page, ".case-code-label")
    # Its domain is a known one, so nothing is left out of the code.
    assert "含まれていません" not in page


@pytest.mark.django_db
def test_a_result_with_an_unlisted_domain_says_the_code_leaves_it_out(client):
    unlisted = replace(CASE_1, domain="newname.plala.or.jp")
    page = client.get(result_path(unlisted, "/en")).content.decode()
    assert texts(page, ".case-code") == [format_code(code_for(CASE_1.without("domain")))]
    assert (
        "The code does not include the part of your e-mail address after “@”. "
        "If support asks for it, please give it to them separately."
    ) in texts(page, ".note")


@pytest.mark.django_db
def test_an_empty_code_is_asked_for_not_called_wrong(client):
    response = client.get("/en/c/?code=")
    html = response.content.decode()
    assert texts(html, "h1") == ["Open a result by its case code"]
    assert texts(html, ".error") == ["⚠ Please type the case code shown on your result page."]
