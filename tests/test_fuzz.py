"""Random query strings and form bodies to every page and API: never a 5xx."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.servers.dns_server import DnsServer
from wizard.questions.core.answers import PARAMS

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

GET_PAGES = [
    "/",
    "/en/",
    "/step/network/",
    "/step/plan/",
    "/step/domain/",
    "/en/step/port/",
    "/next/",
    "/en/next/",
    "/result/",
    "/en/result/",
    "/cases/",
    "/help/connection/",
    "/api/diagnose",
    "/healthz",
    "/probe/abcdefghijklmnopqrstuv/",
]
POST_PAGES = ["/probe/", "/en/probe/", "/api/probe"]

names = st.sampled_from([*PARAMS, "from", "target", "answers", "x", "", "network[]"])
values = st.one_of(
    st.sampled_from(
        [
            "plala",
            "other",
            "25",
            "587",
            "465",
            "yes",
            "no",
            "unknown",
            "set",
            "light",
            "light-multi",
            "outlook",
            "postfix",
            "own-dynamic",
            "hosting",
            "abc.plala.or.jp",
            "taro@newname.plala.or.jp",
            "gmail.com",
        ]
    ),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.from_regex(r"[0-9.x:\[\]%]{1,40}", fullmatch=True),
)
answer_sets = st.dictionaries(names, values, max_size=10)
raw_queries = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=200)


@pytest.fixture
def quiet_dns(settings):
    """Every lookup answered at once with 'no such name', from loopback."""
    with DnsServer({}) as server:
        settings.WIZARD_DNS_NAMESERVERS = [server.address]
        settings.WIZARD_PROBE_RATE_LIMIT = ""
        yield server


def clean(value: str) -> str:
    # The test client refuses strings a browser could not send (lone surrogates).
    return value.encode("utf-8", "replace").decode("utf-8")


@EXAMPLES
@given(page=st.sampled_from(GET_PAGES), answers=answer_sets)
def test_any_answers_to_any_page(client, quiet_dns, page, answers):
    data = {clean(k): clean(v) for k, v in answers.items()}
    response = client.get(page, data, headers={"HX-Request": "true"} if len(data) % 2 else {})
    assert response.status_code < 500, (page, data)


@EXAMPLES
@given(page=st.sampled_from(GET_PAGES), raw=raw_queries)
def test_any_raw_query_string(client, quiet_dns, page, raw):
    response = client.get(f"{page}?{quote(raw, safe='&=%+[];/?:@,$')}")
    assert response.status_code < 500, (page, raw)


@EXAMPLES
@given(page=st.sampled_from(POST_PAGES), body=answer_sets, as_json=st.booleans())
def test_any_form_body_to_the_probe(client, quiet_dns, page, body, as_json):
    data = {clean(k): clean(v) for k, v in body.items()}
    if as_json:
        response = client.post(page, json.dumps(data), content_type="application/json")
    else:
        response = client.post(
            page, urlencode(data), content_type="application/x-www-form-urlencoded"
        )
    assert response.status_code < 500, (page, data)


@EXAMPLES
@given(body=st.binary(max_size=300))
def test_any_bytes_to_the_api(client, quiet_dns, body):
    response = client.post("/api/probe", body, content_type="application/json")
    assert response.status_code < 500
