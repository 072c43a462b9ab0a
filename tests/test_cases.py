"""The case table of the notice and the answers it implies (SPEC sections 4-5)."""

from __future__ import annotations

import pytest

from wizard.questions.core.answers import Answers, parse_answers
from wizard.questions.core.cases import (
    NOTICE_ROWS,
    Block,
    Change,
    IncompleteAnswers,
    Remedy,
    Security,
    Verdict,
    changes,
    diagnose,
)
from wizard.questions.core.isp import PLALA, Fact, Provenance
from wizard.questions.core.questions import Question

R = Remedy


def answers(query: str) -> Answers:
    parsed = parse_answers(dict(part.split("=") for part in query.split("&")))
    assert not parsed.problems
    return parsed.answers


# (answers, case, example, verdict, remedies) straight from the notice's table.
NOTICE = [
    pytest.param(
        "network=plala&service=plala&client=outlook&port=587&auth=yes&plan=set",
        1,
        None,
        Verdict.SENDS,
        (),
        id="case1-plala-net-plala-mail-587-auth",
    ),
    pytest.param(
        "network=plala&service=plala&client=outlook&port=25&auth=no&plan=set",
        2,
        None,
        Verdict.SENDS,
        (R.SWITCH_TO_SUBMISSION_PORT, R.ENABLE_SMTP_AUTH),
        id="case2-plala-net-plala-mail-25",
    ),
    pytest.param(
        "network=plala&service=other-isp&client=thunderbird&port=25&auth=no",
        3,
        1,
        Verdict.FAILS,
        (R.USE_PROVIDER_SUBMISSION_PORT, R.ENABLE_SMTP_AUTH, R.USE_PLALA_SMTP_SERVER),
        id="case3-example1-other-isp-mail",
    ),
    pytest.param(
        "network=plala&service=hosting&client=thunderbird&port=25&auth=yes",
        3,
        2,
        Verdict.FAILS,
        (R.USE_PROVIDER_SUBMISSION_PORT, R.USE_PLALA_SMTP_SERVER),
        id="case3-example2-hosting-mail",
    ),
    pytest.param(
        "network=plala&service=own-dynamic&client=postfix",
        3,
        3,
        Verdict.FAILS,
        (R.RELAY_VIA_MMR,),
        id="case3-example3-own-server-dynamic-ip",
    ),
    pytest.param(
        "network=other&service=plala&client=ios-mail&port=587&auth=yes&plan=set",
        4,
        None,
        Verdict.SENDS,
        (),
        id="case4-other-net-plala-mail-587-auth",
    ),
    pytest.param(
        "network=other&service=plala&client=outlook&port=25&auth=no&op25b=yes&plan=set",
        5,
        None,
        Verdict.FAILS,
        (R.SWITCH_TO_SUBMISSION_PORT, R.ENABLE_SMTP_AUTH),
        id="case5-other-net-applies-op25b",
    ),
    pytest.param(
        "network=other&service=plala&client=outlook&port=25&auth=yes&op25b=no&plan=set",
        5,
        None,
        Verdict.SENDS,
        (R.SWITCH_TO_SUBMISSION_PORT,),
        id="case5-other-net-without-op25b",
    ),
    pytest.param(
        "network=other&service=plala&client=outlook&port=25&auth=no&op25b=unknown&plan=set",
        5,
        None,
        Verdict.DEPENDS,
        (R.SWITCH_TO_SUBMISSION_PORT, R.ENABLE_SMTP_AUTH),
        id="case5-other-net-op25b-unknown",
    ),
]


@pytest.mark.parametrize(("query", "case", "example", "verdict", "remedies"), NOTICE)
def test_every_row_of_the_notice(query, case, example, verdict, remedies):
    diagnosis = diagnose(answers(query))
    assert (diagnosis.case, diagnosis.example) == (case, example)
    assert diagnosis.verdict is verdict
    assert diagnosis.in_notice is True
    assert diagnosis.remedies == remedies


@pytest.mark.parametrize("row", NOTICE_ROWS, ids=lambda r: f"case{r.case}-{r.example or ''}")
def test_notice_rows_link_to_their_own_case(row):
    diagnosis = diagnose(row.sample)
    assert (diagnosis.case, diagnosis.example) == (row.case, row.example)
    assert diagnosis.verdict is row.verdict


def test_case_1_settings_are_plalas_submission_port_with_auth():
    settings = diagnose(answers(NOTICE[0].values[0])).settings
    assert settings.server == "***.mail.plala.or.jp"
    assert settings.server_is_pattern
    assert (settings.port, settings.auth) == (587, True)


def test_own_server_on_dynamic_ip_relays_via_mmr():
    diagnosis = diagnose(answers("network=plala&service=own-dynamic&client=exim"))
    assert diagnosis.settings.server == "mmr.plala.or.jp"
    assert diagnosis.settings.relay
    assert diagnosis.blocked_at is Block.GATEWAY


def test_case_3_is_blocked_at_the_gateway_and_keeps_the_server_name_given():
    diagnosis = diagnose(
        answers(
            "network=plala&service=other-isp&client=outlook&port=25&auth=no&host=smtp.example.jp"
        )
    )
    assert diagnosis.blocked_at is Block.GATEWAY
    assert diagnosis.settings.server == "smtp.example.jp"
    assert (diagnosis.settings.port, diagnosis.settings.security) == (587, Security.STARTTLS)


# Answers the notice does not list (SPEC section 5) -----------------------------

DERIVED = [
    pytest.param(
        "network=plala&service=plala&client=outlook&port=587&auth=no&plan=set",
        Verdict.FAILS,
        (R.ENABLE_SMTP_AUTH,),
        id="plala-mail-587-without-auth",
    ),
    pytest.param(
        "network=other&service=plala&client=outlook&port=587&auth=no&plan=set",
        Verdict.FAILS,
        (R.ENABLE_SMTP_AUTH,),
        id="plala-mail-587-without-auth-elsewhere",
    ),
    pytest.param(
        "network=plala&service=plala&client=outlook&port=587&auth=yes&plan=light",
        Verdict.FAILS,
        (R.NOT_ELIGIBLE,),
        id="light-member-on-587",
    ),
    pytest.param(
        "network=other&service=plala&client=outlook&port=587&auth=yes&plan=light",
        Verdict.FAILS,
        (R.NOT_ELIGIBLE,),
        id="light-member-on-587-elsewhere",
    ),
    pytest.param(
        "network=plala&service=other-isp&client=outlook&port=587&auth=yes",
        Verdict.SENDS,
        (R.CONTACT_PROVIDER,),
        id="other-isp-587-from-plala",
    ),
    pytest.param(
        "network=plala&service=hosting&client=outlook&port=465&auth=no",
        Verdict.DEPENDS,
        (R.ENABLE_SMTP_AUTH, R.CONTACT_PROVIDER),
        id="hosting-465-no-auth",
    ),
    pytest.param(
        "network=plala&service=plala&client=outlook&port=465&auth=yes&plan=set",
        Verdict.DEPENDS,
        (R.SWITCH_TO_SUBMISSION_PORT,),
        id="plala-mail-465",
    ),
    pytest.param(
        "network=other&service=other-isp&client=outlook&port=25&auth=no",
        Verdict.DEPENDS,
        (R.USE_PROVIDER_SUBMISSION_PORT, R.ENABLE_SMTP_AUTH),
        id="outside-notice-port-25",
    ),
    pytest.param(
        "network=other&service=hosting&client=outlook&port=587&auth=yes",
        Verdict.SENDS,
        (R.CONTACT_PROVIDER,),
        id="outside-notice-587",
    ),
    pytest.param(
        "network=other&service=own-static",
        Verdict.SENDS,
        (),
        id="own-static-elsewhere",
    ),
    pytest.param(
        "network=plala&service=plala&client=outlook-new&port=25&auth=no&plan=set",
        Verdict.DEPENDS,
        # The new Outlook always logs in: there is no authentication to turn on.
        (R.SWITCH_TO_SUBMISSION_PORT, R.CONTACT_PROVIDER),
        id="new-outlook-sends-from-the-cloud",
    ),
    pytest.param(
        "network=other&service=other-isp&client=outlook-new&port=587&auth=yes",
        Verdict.DEPENDS,
        (R.CONTACT_PROVIDER,),
        id="new-outlook-other-mail",
    ),
]


@pytest.mark.parametrize(("query", "verdict", "remedies"), DERIVED)
def test_derived_answers_are_marked_as_not_in_the_notice(query, verdict, remedies):
    diagnosis = diagnose(answers(query))
    assert diagnosis.case is None
    assert diagnosis.in_notice is False
    assert diagnosis.verdict is verdict
    assert diagnosis.remedies == remedies


def test_own_static_on_plala_is_quoted_from_the_notice_and_not_affected():
    diagnosis = diagnose(answers("network=plala&service=own-static"))
    assert (diagnosis.verdict, diagnosis.in_notice, diagnosis.settings) == (
        Verdict.SENDS,
        True,
        None,
    )


@pytest.mark.parametrize("auth", ["no", "yes"])
def test_light_member_on_25_keeps_it_on_plalas_network(auth):
    # Case 2 (port 25, no SMTP AUTH) is what ぷららライト offers: a login is turned off.
    diagnosis = diagnose(
        answers(f"network=plala&service=plala&client=ios-mail&port=25&auth={auth}&plan=light")
    )
    remedies = (R.NOT_ELIGIBLE,) if auth == "yes" else ()
    assert (diagnosis.case, diagnosis.verdict, diagnosis.remedies) == (2, Verdict.SENDS, remedies)
    assert (diagnosis.settings.port, diagnosis.settings.auth) == (25, False)
    expected = {Change.AUTH_OFF} if auth == "yes" else set()
    assert changes(diagnosis.answers, diagnosis.settings) == expected


@pytest.mark.parametrize("network", ["plala", "other"])
@pytest.mark.parametrize("port", ["587", "465"])
def test_light_member_on_a_submission_port_is_given_port_25_never_587(network, port):
    diagnosis = diagnose(
        answers(f"network={network}&service=plala&client=ios-mail&port={port}&auth=yes&plan=light")
    )
    assert diagnosis.remedies == (R.NOT_ELIGIBLE,)
    assert (diagnosis.settings.port, diagnosis.settings.auth) == (25, False)
    assert changes(diagnosis.answers, diagnosis.settings) == {Change.PORT, Change.AUTH_OFF}


@pytest.mark.parametrize(
    ("op25b", "verdict"),
    [("yes", Verdict.FAILS), ("no", Verdict.SENDS), ("unknown", Verdict.DEPENDS)],
)
def test_light_member_elsewhere_on_25_is_case_5_without_587(op25b, verdict):
    diagnosis = diagnose(
        answers(
            f"network=other&service=plala&client=outlook&port=25&auth=no&op25b={op25b}&plan=light"
        )
    )
    assert (diagnosis.case, diagnosis.verdict) == (5, verdict)
    assert diagnosis.remedies == (R.NOT_ELIGIBLE,)
    assert diagnosis.settings is None or diagnosis.settings.port == 25


def test_light_multi_address_may_use_587():
    diagnosis = diagnose(
        answers("network=other&service=plala&client=outlook&port=587&auth=yes&plan=light-multi")
    )
    assert (diagnosis.case, diagnosis.verdict) == (4, Verdict.SENDS)


def test_new_outlook_cannot_send_for_a_light_member():
    # Microsoft's servers reach Plala from outside, where only 587 + AUTH works.
    diagnosis = diagnose(
        answers("network=plala&service=plala&client=outlook-new&port=25&auth=no&plan=light")
    )
    assert diagnosis.verdict is Verdict.FAILS
    assert diagnosis.remedies == (R.NOT_ELIGIBLE,)
    assert diagnosis.settings is None


def test_closing_the_transition_period_makes_case_2_fail():
    from dataclasses import replace

    closed = replace(
        PLALA, legacy_port_transition_open=Fact(False, Provenance.OFFICIAL, "an operator's update")
    )
    diagnosis = diagnose(
        answers("network=plala&service=plala&client=outlook&port=25&auth=no&plan=set"),
        isp=closed,
    )
    assert (diagnosis.case, diagnosis.verdict) == (2, Verdict.FAILS)


def test_another_isp_profile_changes_names_not_logic():
    from dataclasses import replace

    other = replace(
        PLALA,
        relay_host=Fact("relay.example.net", Provenance.OFFICIAL, "another ISP's page"),
        smtp_server_pattern=Fact("smtp.example.net", Provenance.OFFICIAL, "another ISP's page"),
    )
    relay = diagnose(answers("network=plala&service=own-dynamic&client=postfix"), isp=other)
    submit = diagnose(answers(NOTICE[0].values[0]), isp=other)
    assert relay.settings.server == "relay.example.net"
    assert submit.settings.server == "smtp.example.net"


def test_incomplete_answers_name_the_questions_still_needed():
    with pytest.raises(IncompleteAnswers) as raised:
        diagnose(answers("network=plala&service=plala"))
    assert raised.value.questions == [Question.CLIENT, Question.PORT, Question.AUTH, Question.PLAN]


def test_light_member_elsewhere_gets_no_settings_that_cannot_work():
    # Off Plala's network, port 25 to Plala's server is what OP25B blocks.
    diagnosis = diagnose(
        answers("network=other&service=plala&client=outlook&port=25&auth=no&op25b=yes&plan=light")
    )
    assert (diagnosis.verdict, diagnosis.remedies) == (Verdict.FAILS, (R.NOT_ELIGIBLE,))
    assert diagnosis.settings is None


def test_a_provider_on_465_keeps_it():
    # Implicit TLS on 465 is as good as 587 and not blocked: no port change is advised.
    diagnosis = diagnose(answers("network=plala&service=hosting&client=outlook&port=465&auth=yes"))
    assert (diagnosis.settings.port, diagnosis.settings.security) == (465, Security.SSL)


def test_every_fact_of_the_profile_says_where_it_comes_from():
    facts = PLALA.facts()
    assert set(facts) == {
        "smtp_server_pattern",
        "mail_domain",
        "mail_subdomains",
        "smtp_login_name",
        "submission_port",
        "submission_security",
        "legacy_port",
        "pop3_port",
        "pop3_security",
        "legacy_port_transition_open",
        "relay_host",
        "relay_port",
        "reverse_dns_suffix",
    }
    assert all(fact.cited.strip() for fact in facts.values())
    # What the notice itself says, quoted from it.
    said_by_plala = {name for name, fact in facts.items() if fact.source.is_the_isps_word}
    assert said_by_plala == {
        "smtp_server_pattern",
        "submission_port",
        "legacy_port",
        "legacy_port_transition_open",
        "relay_host",
    }
    assert all("「" in facts[name].cited for name in said_by_plala)


def test_the_server_suffix_is_the_pattern_after_the_part_to_fill_in():
    assert PLALA.smtp_server_suffix == ".mail.plala.or.jp"
