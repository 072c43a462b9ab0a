"""Counts for the console (issue 12, point 5): result pages by case or derived
answer, mail program and language, probes by outcome, per day and per week;
aggregates only, stored in batches, added up across instances."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from tests.conftest import texts
from tests.servers.smtp_servers import SERVER_NAME
from wizard.probe.core.summary import ProbeSummary
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
from wizard.questions.core.cases import IncompleteAnswers, diagnose
from wizard.staff.count_store import add_counts
from wizard.staff.count_words import DERIVED, LANGUAGES, PROBE_OUTCOMES
from wizard.staff.models import DailyCount
from wizard.web.counting import COUNTER, Counter, today

CASE_1 = "/result/?network=plala&service=plala&client=thunderbird&port=587&auth=yes&plan=set"
CASE_3 = "/result/?network=plala&service=other-isp&client=outlook&port=25&auth=no"
PORT_465 = "/result/?network=plala&service=plala&client=ios-mail&port=465&auth=yes&plan=set"
CASE_5_EN = (
    "/en/result/?network=other&service=plala&client=becky&port=25&auth=no&op25b=unknown&plan=set"
)


@pytest.fixture(autouse=True)
def _nothing_counted_yet():
    """Other tests' result pages are counted too: start from nothing."""
    caches["pages"].clear()
    COUNTER.discard()
    yield
    COUNTER.discard()


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user(
        "agent", password="a long passphrase 7", is_staff=True
    )


def stored(day: dt.date | None = None) -> dict[tuple[str, str], int]:
    day = day or today()
    return {(row.dimension, row.value): row.count for row in DailyCount.objects.filter(day=day)}


def by(dimension: str, counts: dict[tuple[str, str], int]) -> dict[str, int]:
    return {value: n for (dim, value), n in counts.items() if dim == dimension}


@pytest.mark.django_db
def test_result_pages_are_counted_by_case_derived_answer_mail_program_and_language(client):
    first = client.get(CASE_3)
    repeat = client.get(CASE_3)
    assert first.status_code == repeat.status_code == 200
    assert first.templates
    assert not repeat.templates, "the repeat view came from the page cache"
    assert client.get(CASE_1).status_code == 200
    assert client.get(PORT_465).status_code == 200
    assert client.get(CASE_5_EN).status_code == 200
    # A boosted link (htmx navigation) is a page view too.
    boosted = client.get(CASE_1, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert boosted.status_code == 200

    COUNTER.flush()
    counts = stored()
    assert by("case", counts) == {"3": 2, "1": 2, "implicit-tls": 1, "5": 1}
    assert by("client", counts) == {"outlook": 2, "thunderbird": 2, "ios-mail": 1, "becky": 1}
    assert by("language", counts) == {"ja": 5, "en": 1}
    assert by("probe", counts) == {}


@pytest.mark.django_db
def test_redirects_steps_in_page_requests_and_other_methods_are_not_counted(client):
    assert client.get("/result/?network=plala").status_code == 302
    assert client.get("/result/?network=plala&port=banana").status_code == 302
    assert client.get("/step/port/?network=plala&service=plala&client=outlook").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/cases/").status_code == 200
    assert client.post(CASE_1).status_code == 405
    # An in-page htmx request and htmx restoring history are not a new view.
    assert client.get(CASE_1, headers={"HX-Request": "true"}).status_code == 200
    restore = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert client.get(CASE_1, headers=restore).status_code == 200
    assert COUNTER.pending() == {}
    COUNTER.flush()
    assert DailyCount.objects.count() == 0


@pytest.mark.django_db
def test_only_the_day_a_dimension_a_value_and_a_number_are_stored(client):
    assert {field.name for field in DailyCount._meta.get_fields()} == {
        "id",
        "day",
        "dimension",
        "value",
        "count",
    }
    with_address = CASE_1 + "&domain=abc.plala.or.jp"
    assert client.get(with_address).status_code == 200
    other = CASE_3 + "&host=hanako%40example.jp"
    assert client.get(other).status_code == 200
    COUNTER.flush()
    rows = list(DailyCount.objects.values_list("day", "dimension", "value", "count"))
    assert sorted(rows) == sorted(
        [
            (today(), "case", "1", 1),
            (today(), "case", "3", 1),
            (today(), "client", "outlook", 1),
            (today(), "client", "thunderbird", 1),
            (today(), "language", "ja", 2),
        ]
    )
    for _, _, value, _ in rows:
        assert "plala.or.jp" not in value
        assert "@" not in value


@pytest.mark.django_db
def test_counting_switched_off_records_nothing(client, settings):
    settings.WIZARD_COUNTS = False
    assert client.get(CASE_1).status_code == 200
    assert client.get(CASE_1).status_code == 200
    assert COUNTER.pending() == {}
    COUNTER.flush()
    assert DailyCount.objects.count() == 0


def test_the_day_is_the_calendar_day_in_tokyo(settings):
    assert settings.TIME_ZONE == "Asia/Tokyo"
    from django.utils import timezone

    assert today() == timezone.localdate()


@pytest.mark.django_db(transaction=True)
def test_two_instances_flushing_at_once_add_their_numbers_up():
    day = today()
    DailyCount.objects.create(day=day, dimension="case", value="1", count=10)
    instances = [Counter(), Counter()]
    for counter in instances:
        counter.sink = add_counts

    def view_pages(counter: Counter) -> None:
        for _ in range(200):
            counter.record(("case", "1"), ("case", "2"))
        counter.flush()
        for _ in range(50):
            counter.record(("case", "1"))
        counter.flush()

    threads = [threading.Thread(target=view_pages, args=(c,)) for c in instances * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for counter in instances:  # a batch that met a locked table waits in memory
        counter.flush()
        assert counter.pending() == {}
    assert stored(day) == {("case", "1"): 10 + 4 * 250, ("case", "2"): 4 * 200}


@pytest.mark.django_db(transaction=True)
def test_the_background_thread_stores_a_batch_once_the_interval_is_over(settings):
    settings.WIZARD_COUNTS_FLUSH_SECONDS = 0
    counter = Counter()
    counter.sink = add_counts
    counter.record(("language", "en"))
    counter.wait()
    assert stored() == {("language", "en"): 1}
    settings.WIZARD_COUNTS_FLUSH_SECONDS = 3600
    counter.record(("language", "en"))
    counter.wait()
    assert stored() == {("language", "en"): 1}, "not before the interval is over"
    assert counter.pending() == {(today(), "language", "en"): 1}
    counter.flush()
    assert stored() == {("language", "en"): 2}


@pytest.mark.django_db(transaction=True)
def test_a_finished_probe_is_counted_by_outcome_once_and_a_refused_target_too(
    client, web_lab, settings
):
    first = client.post("/api/probe", {"target": SERVER_NAME})
    assert first.status_code == 200
    # A recent report given again ran no probe: not counted again.
    again = client.post("/api/probe", {"target": SERVER_NAME})
    assert again.status_code == 200
    assert again.json()["cached"] is True
    assert client.post("/api/probe", {"target": "nobody@nowhere.test"}).status_code == 403
    settings.WIZARD_PROBE_ALLOW_NETWORKS = []
    assert client.post("/api/probe", {"target": "127.0.0.1"}).status_code == 403
    COUNTER.flush()
    assert by("probe", stored()) == {
        "submission-ready": 1,
        "refused-not-found": 1,
        "refused-address": 1,
    }


@pytest.mark.django_db(transaction=True)
def test_a_probe_where_nothing_answers_is_counted_as_such(client, web_lab, settings):
    from tests.servers.smtp_servers import free_port

    settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{p}:{free_port()}" for p in (587, 465, 25))
    assert client.post("/api/probe", {"target": SERVER_NAME}).status_code == 200
    COUNTER.flush()
    assert by("probe", stored()) == {"nothing-answered": 1}


def test_every_answer_outside_the_notice_has_words_for_staff():
    derived = set()
    for values in itertools.product(
        Network, Service, Client, Port, YesNo, [*Op25b, None], [*Plan, None]
    ):
        network, service, client, port, auth, op25b, plan = values
        answers = Answers(
            network=network,
            service=service,
            client=client,
            port=port,
            auth=auth,
            op25b=op25b,
            plan=plan,
        )
        try:
            diagnosis = diagnose(answers)
        except IncompleteAnswers:
            continue
        if diagnosis.case is None:
            derived.add(str(diagnosis.reason))
    assert derived == set(DERIVED)


def test_every_probe_outcome_and_language_has_words_for_staff(settings):
    assert set(PROBE_OUTCOMES) == set(ProbeSummary)
    assert set(LANGUAGES) == {code for code, _ in settings.LANGUAGES}


# The counts page ---------------------------------------------------------------


def test_the_counts_page_is_for_staff_only(client, db):
    response = client.get("/staff/counts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/?next=/staff/counts/")


def in_english(client):
    client.post("/staff/language/", {"language": "en", "next": "/staff/"})


def test_the_counts_page_shows_today_and_the_week(client, agent):
    day = today()
    DailyCount.objects.create(day=day, dimension="case", value="3", count=4)
    DailyCount.objects.create(day=day - dt.timedelta(days=3), dimension="case", value="3", count=2)
    DailyCount.objects.create(day=day - dt.timedelta(days=7), dimension="case", value="3", count=99)
    DailyCount.objects.create(day=day, dimension="probe", value="nothing-answered", count=1)
    client.force_login(agent)
    in_english(client)
    # Counted a moment ago on this instance, not stored yet: the page stores it first.
    assert client.get(PORT_465).status_code == 200

    page = client.get("/staff/counts/")
    assert page.status_code == 200
    html = page.content.decode()
    rows = texts(html, "tr")
    assert "Case 3 4 6 0 0 2 0 0 0" in rows
    assert "Plala mail on port 465: not blocked, port 587 recommended 1 1 0 0 0 0 0 0" in rows
    assert "Mail on iPhone or iPad 1 1 0 0 0 0 0 0" in rows
    assert "English 0 0 0 0 0 0 0 0" not in rows
    assert "Japanese 1 1 0 0 0 0 0 0" in rows
    assert "No port answered 1 1 0 0 0 0 0 0" in rows
    assert "All 5 7 0 0 2 0 0 0" in rows
    assert texts(html, "h2")[0].startswith("Today (")
    assert 'aria-current="page">Counts</a>' in html
    assert 'type="date"' in html


def test_the_counts_page_in_japanese(client, agent):
    DailyCount.objects.create(day=today(), dimension="case", value="implicit-tls", count=2)
    DailyCount.objects.create(day=today(), dimension="language", value="en", count=2)
    client.force_login(agent)
    client.post("/staff/language/", {"language": "ja", "next": "/staff/"})
    html = client.get("/staff/counts/").content.decode()
    rows = texts(html, "tr")
    assert any(row.startswith("ぷららのメールで465番ポート") for row in rows), rows
    assert "英語 2 2 0 0 0 0 0 0" in rows
    assert "集計" in texts(html, "h1")[0]


def test_another_week_is_chosen_with_a_plain_get_form(client, agent):
    day = today() - dt.timedelta(days=10)
    DailyCount.objects.create(day=day, dimension="client", value="becky", count=3)
    client.force_login(agent)
    in_english(client)
    html = client.get("/staff/counts/", {"day": day.isoformat()}).content.decode()
    assert "Becky! Internet Mail 3 3 0 0 0 0 0 0" in texts(html, "tr")
    assert texts(html, "h2")[0].endswith("and the six days before")
    assert f'value="{day.isoformat()}"' in html
    assert f'href="?day={(day + dt.timedelta(days=7)).isoformat()}"' in html


def test_an_empty_week_says_so(client, agent):
    client.force_login(agent)
    in_english(client)
    html = client.get("/staff/counts/").content.decode()
    assert "Nothing was counted in these seven days" in html
    assert "<table" not in html


@pytest.mark.parametrize(
    "typed", ["banana", "2026-02-30", "0001-01-01", "9999-12-31", "2026-13-01", "x" * 500]
)
def test_a_bad_date_gets_a_friendly_answer(client, agent, typed):
    client.force_login(agent)
    in_english(client)
    page = client.get("/staff/counts/", {"day": typed})
    assert page.status_code == 200
    (error,) = texts(page.content.decode(), ".error")
    assert error.startswith("Please ")
    assert texts(page.content.decode(), "h2")[0].startswith("Today (")


def test_the_console_start_page_links_the_counts(client, agent):
    client.force_login(agent)
    in_english(client)
    html = client.get("/staff/").content.decode()
    assert 'href="/staff/counts/"' in html
    assert "Counts" in texts(html, "a")
    assert any("Result pages and server checks per day" in t for t in texts(html, "li"))
