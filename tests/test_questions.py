"""The question flow: which question comes next, and that it always ends."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.questions.core.answers import (
    Answers,
    Client,
    Network,
    Op25b,
    Plan,
    Port,
    Problem,
    Service,
    YesNo,
    client_choices,
    parse_answers,
)
from wizard.questions.core.cases import NOTICE_ROWS, IncompleteAnswers, Verdict, diagnose
from wizard.questions.core.questions import (
    Question,
    can_ask,
    missing,
    next_question,
    path,
    question_after,
    relevant,
)

NOTICE = {(row.case, row.example): row for row in NOTICE_ROWS}
VALUES = {
    Question.NETWORK: list(Network),
    Question.SERVICE: list(Service),
    Question.PORT: list(Port),
    Question.AUTH: list(YesNo),
    Question.OP25B: list(Op25b),
    Question.PLAN: list(Plan),
}


def values_for(question: Question, answers: Answers) -> list:
    if question is Question.CLIENT:
        return list(client_choices(answers.service))
    return VALUES[question]


def walk_every_path(answers: Answers | None = None):
    """Every complete answer set the wizard can produce, by answering each question in turn."""
    answers = answers or Answers()
    question = next_question(answers)
    if question is None:
        yield answers
        return
    for value in values_for(question, answers):
        yield from walk_every_path(Answers(**{**_fields(answers), question.value: value}))


def _fields(answers: Answers) -> dict:
    return {k: v for k, v in vars(answers).items()}


def test_every_path_through_the_wizard_ends_in_exactly_one_diagnosis():
    complete = list(walk_every_path())
    verdicts = {diagnose(answers).verdict for answers in complete}
    assert len(complete) == len({a for a in complete})
    assert verdicts == set(Verdict)
    # What the flow asks for each connection and mail server (SPEC section 3):
    # 10 mail programs or 4 server programs, 3 ports, 2 for authentication,
    # 3 Plala contracts; OP25B (3 answers) only off Plala's line on port 25,
    # and not for the new Outlook, which sends from Microsoft's cloud.
    plala_mail = 10 * 3 * 2 * 3
    other_mail = 10 * 3 * 2
    by_path = Counter((answers.network, answers.service) for answers in complete)
    assert by_path == {
        (Network.PLALA, Service.PLALA): plala_mail,
        (Network.OTHER, Service.PLALA): plala_mail - 9 * 1 * 2 * 3 + 9 * 1 * 2 * 3 * 3,
        (Network.PLALA, Service.OTHER_ISP): other_mail,
        (Network.OTHER, Service.OTHER_ISP): other_mail,
        (Network.PLALA, Service.HOSTING): other_mail,
        (Network.OTHER, Service.HOSTING): other_mail,
        (Network.PLALA, Service.OWN_DYNAMIC): 4,
        (Network.OTHER, Service.OWN_DYNAMIC): 4,
        (Network.PLALA, Service.OWN_STATIC): 1,
        (Network.OTHER, Service.OWN_STATIC): 1,
    }
    assert len(complete) == 718


answer_sets = st.builds(
    Answers,
    network=st.none() | st.sampled_from(Network),
    service=st.none() | st.sampled_from(Service),
    client=st.none() | st.sampled_from(Client),
    port=st.none() | st.sampled_from(Port),
    auth=st.none() | st.sampled_from(YesNo),
    op25b=st.none() | st.sampled_from(Op25b),
    plan=st.none() | st.sampled_from(Plan),
    domain=st.none() | st.sampled_from(["abc.plala.or.jp", "newname.plala.or.jp"]),
)


@given(answer_sets)
def test_any_answers_get_one_diagnosis_or_one_next_question(raw):
    if raw.client and raw.service and raw.client not in client_choices(raw.service):
        raw = raw.without("client")
    answers = relevant(raw)
    question = next_question(answers)
    if question is None:
        diagnosis = diagnose(answers)
        assert diagnosis.answers == answers
        # The picture shows where mail stops exactly when it may not get through,
        # and a result that cannot send always says what to do (SPEC section 5).
        if diagnosis.verdict is Verdict.SENDS:
            assert diagnosis.blocked_at is None
        if diagnosis.verdict is Verdict.FAILS:
            assert diagnosis.blocked_at is not None
            assert diagnosis.remedies
        if diagnosis.case is not None:
            # A case of the notice is quoted only for answers that match its row.
            assert diagnosis.in_notice
            row = NOTICE[(diagnosis.case, diagnosis.example)]
            assert answers.service is row.service
            # One's own server sits on Plala's line whichever line it is reached from.
            if not row.service.is_own_server:
                assert (answers.network, answers.port) == (row.network, row.port)
            if row.auth:
                assert answers.auth is YesNo.YES
            if row.case != 5:  # case 5 depends on the other network's OP25B
                assert diagnosis.verdict is row.verdict
        # The optional domain, once given, fills in every ISP server shown.
        for settings in (diagnosis.settings, diagnosis.alternative):
            if answers.domain and settings and settings.server_is_pattern:
                raise AssertionError(f"{answers.domain} left {settings.server}")
    else:
        assert getattr(answers, question.value) is None
        assert can_ask(question, answers)
        with pytest.raises(IncompleteAnswers) as incomplete:
            diagnose(answers)
        assert incomplete.value.questions[0] is question


@given(answer_sets)
def test_relevant_answers_are_stable_and_only_drop(raw):
    once = relevant(raw)
    assert relevant(once) == once
    for name, value in once.to_query().items():
        assert str(getattr(raw, name)) == value


def test_first_question_is_the_connection_then_the_mail_server():
    assert next_question(Answers()) is Question.NETWORK
    assert next_question(Answers(network=Network.PLALA)) is Question.SERVICE


def test_mail_program_comes_before_the_port_so_help_can_name_it():
    answers = Answers(network=Network.PLALA, service=Service.PLALA)
    assert missing(answers)[:2] == [Question.CLIENT, Question.PORT]


def test_op25b_is_asked_only_for_case_5():
    base = dict(network=Network.OTHER, service=Service.PLALA, client=Client.OUTLOOK, auth=YesNo.NO)
    assert Question.OP25B in path(Answers(**base, port=Port.SMTP))
    assert Question.OP25B not in path(Answers(**base, port=Port.SUBMISSION))
    assert Question.OP25B not in path(Answers(**{**base, "network": Network.PLALA}, port=Port.SMTP))
    new_outlook = {**base, "client": Client.OUTLOOK_NEW}
    assert Question.OP25B not in path(Answers(**new_outlook, port=Port.SMTP))


def test_own_servers_skip_port_and_authentication():
    static = path(Answers(network=Network.PLALA, service=Service.OWN_STATIC))
    dynamic = path(Answers(network=Network.PLALA, service=Service.OWN_DYNAMIC))
    assert static == [Question.NETWORK, Question.SERVICE]
    assert dynamic == [Question.NETWORK, Question.SERVICE, Question.CLIENT]


def test_plan_is_asked_only_for_plala_mail():
    assert Question.PLAN in path(Answers(network=Network.PLALA, service=Service.PLALA))
    assert Question.PLAN not in path(Answers(network=Network.PLALA, service=Service.HOSTING))


def test_answers_that_do_not_apply_are_dropped_not_refused():
    answers = relevant(parse_answers({"network": "plala", "op25b": "yes"}).answers)
    assert answers.op25b is None
    assert answers.to_query() == {"network": "plala"}


def test_going_forward_from_an_earlier_step_walks_through_the_answered_ones():
    answers = parse_answers(
        {"network": "plala", "service": "plala", "client": "outlook", "port": "25"}
    ).answers
    assert question_after(Question.NETWORK, answers) is Question.SERVICE
    assert question_after(Question.PORT, answers) is Question.AUTH


def test_a_later_step_never_skips_an_unanswered_earlier_one():
    answers = parse_answers({"network": "plala", "port": "25"}).answers
    assert question_after(Question.PORT, answers) is Question.SERVICE
    assert not can_ask(Question.PORT, answers)


def test_values_are_read_leniently_and_refused_clearly():
    parsed = parse_answers({"network": " PLALA ", "port": "26", "service": "", "junk": "1"})
    assert parsed.answers.network is Network.PLALA
    assert parsed.answers.service is None
    assert parsed.problems == {"port": Problem.NOT_A_CHOICE}


def test_a_server_program_is_not_a_mail_program():
    parsed = parse_answers({"service": "plala", "client": "postfix"})
    assert parsed.problems == {"client": Problem.NOT_A_MAIL_PROGRAM}
    parsed = parse_answers({"service": "own-dynamic", "client": "thunderbird"})
    assert parsed.problems == {"client": Problem.NOT_A_SERVER_PROGRAM}


def test_host_accepts_a_server_name_or_an_address_only():
    assert parse_answers({"host": "Taro@Example.JP"}).answers.host == "taro@example.jp"
    assert parse_answers({"host": "smtp.example.jp."}).answers.host == "smtp.example.jp"
    for bad in ("<script>", "a b.jp", "x" * 300, "-bad.jp", "@example.jp", "smtp..jp"):
        assert parse_answers({"host": bad}).problems == {"host": Problem.BAD_HOST}, bad


def test_a_client_for_a_server_that_asks_none_is_ignored():
    parsed = parse_answers({"network": "plala", "service": "own-static", "client": "postfix"})
    assert parsed.problems == {}
    assert relevant(parsed.answers).to_query() == {"network": "plala", "service": "own-static"}


def test_host_reads_what_the_probe_reads():
    assert parse_answers({"host": "メール.例.jp"}).answers.host == "xn--4dkua4c.xn--fsq.jp"
    assert (
        parse_answers({"host": "ｓｍｔｐ．ｅｘａｍｐｌｅ．ｊｐ"}).answers.host == "smtp.example.jp"
    )
    assert parse_answers({"host": "[2001:db8::25]"}).answers.host == "2001:db8::25"
