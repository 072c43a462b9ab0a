"""Which questions a subscriber is asked, given the answers so far.

Only questions that change the answer are asked (SPEC section 3): the mail
program before the port, so that "I don't know" can say where to look in *that*
program; no port for one's own server; the other network's OP25B only where it
decides case 5; the Plala contract only where the answer leans on Plala's
submission port; the address's domain, last, only where the answer shows
Plala's server, whose name it fills in.

That last one is optional: the wizard asks it once, on the way to the result,
but a result link without it is complete, as links sent before it existed are.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .answers import (
    Answers,
    Client,
    Network,
    Op25b,
    ParsedAnswers,
    Plan,
    Port,
    Service,
    parse_answers,
)


class Question(StrEnum):
    NETWORK = "network"
    SERVICE = "service"
    CLIENT = "client"
    PORT = "port"
    AUTH = "auth"
    OP25B = "op25b"
    PLAN = "plan"
    DOMAIN = "domain"


ORDER: tuple[Question, ...] = tuple(Question)
# Asked on the way, never needed for the result: "I don't know" leaves them out.
OPTIONAL: frozenset[Question] = frozenset({Question.DOMAIN})


def applies(question: Question, answers: Answers) -> bool | None:
    """Whether ``question`` is asked; ``None`` while earlier answers are missing."""
    service = answers.service
    match question:
        case Question.NETWORK | Question.SERVICE:
            return True
        case Question.CLIENT:
            return None if service is None else service is not Service.OWN_STATIC
        case Question.PORT | Question.AUTH:
            return None if service is None else not service.is_own_server
        case Question.OP25B:
            network = answers.network
            if network is Network.PLALA or service not in (None, Service.PLALA):
                return False
            if None in (network, service, answers.client, answers.port):
                return None
            # The new Outlook sends from Microsoft's cloud, not from this line.
            return answers.port is Port.SMTP and answers.client is not Client.OUTLOOK_NEW
        case Question.PLAN:
            return None if service is None else service is Service.PLALA
        case Question.DOMAIN:
            return _shows_isp_server(answers)


def _shows_isp_server(answers: Answers) -> bool | None:
    """Whether the result gives the ISP's server (whose name ``domain`` fills in)."""
    network, service, client = answers.network, answers.service, answers.client
    if service is None or service.is_own_server:
        return None if service is None else False
    if service is not Service.PLALA:
        # Case 3's fallback: the ISP's server instead of the provider's blocked 25.
        if network is Network.OTHER or answers.port not in (None, Port.SMTP):
            return False
        if None in (network, client, answers.port):
            return None
        return client is not Client.OUTLOOK_NEW
    if answers.plan is not Plan.LIGHT:
        return None if answers.plan is None else True
    # Plala Light: its port 25 settings are shown (for home, when away), except
    # where case 5 is blocked as it is and for the new Outlook's cloud.
    if None in (network, client, answers.port):
        return None
    if client is Client.OUTLOOK_NEW:
        return False
    if network is Network.OTHER and answers.port is Port.SMTP:
        return None if answers.op25b is None else answers.op25b is not Op25b.YES
    return True


def path(answers: Answers) -> list[Question]:
    """The questions asked for these answers, in order, as far as they are known.

    A question whose relevance still depends on a missing answer is listed, so
    the list can only shrink as answers arrive.
    """
    return [q for q in ORDER if applies(q, answers) is not False]


def relevant(answers: Answers) -> Answers:
    """Drop answers that do not apply to this path (SPEC section 8).

    A lone ``op25b=yes`` on Plala's network is ignored rather than refused,
    so a link that carries an extra answer still opens the right page.
    """
    # Dropping one answer can make another irrelevant (client decides op25b).
    while True:
        stale = [
            q.value
            for q in ORDER
            if getattr(answers, q.value) is not None and applies(q, answers) is False
        ]
        if not stale:
            return answers
        answers = answers.without(*stale)


def missing(answers: Answers) -> list[Question]:
    """Questions certainly needed and still unanswered, in order.

    Questions whose relevance waits on a missing answer are left out: the
    first missing question is always one that decides them. ``OPTIONAL`` ones
    are never needed, so answers without them are complete:

    >>> missing(Answers(network=Network.PLALA, service=Service.HOSTING))
    [<Question.CLIENT: 'client'>, <Question.PORT: 'port'>, <Question.AUTH: 'auth'>]
    """
    return [
        q
        for q in ORDER
        if q not in OPTIONAL and applies(q, answers) is True and getattr(answers, q.value) is None
    ]


def next_question(answers: Answers) -> Question | None:
    """The first question still needed, or ``None`` when the answers are complete."""
    todo = missing(answers)
    return todo[0] if todo else None


def question_after(question: Question, answers: Answers) -> Question | None:
    """The step that follows ``question`` on this path; ``None`` means the result.

    Walking forward through answered steps lets a subscriber who went back to
    change one answer review the rest instead of jumping to the result; so too
    an ``OPTIONAL`` question is asked once on the way, answered or not. An
    earlier question still unanswered comes first.
    """
    needed = next_question(answers)
    steps = path(answers)
    if question not in steps:
        return needed
    later = steps[steps.index(question) + 1 :]
    following = later[0] if later else None
    if needed is not None and (following is None or ORDER.index(needed) < ORDER.index(following)):
        return needed
    return following


def can_ask(question: Question, answers: Answers) -> bool:
    """Whether ``question`` is on the path and every needed question before it is
    answered (an ``OPTIONAL`` one only when the rest are complete)."""
    if applies(question, answers) is not True:
        return False
    needed = next_question(answers)
    return needed is None or ORDER.index(needed) >= ORDER.index(question)


def question_before(question: Question, answers: Answers) -> Question | None:
    steps = path(answers)
    if question not in steps:
        return None
    index = steps.index(question)
    return steps[index - 1] if index else None


def read_answers(query: Mapping[str, str]) -> ParsedAnswers:
    """The answers of a query string that apply to its path, and what was not understood."""
    parsed = parse_answers(query)
    return ParsedAnswers(answers=relevant(parsed.answers), problems=parsed.problems)


def first_problem(parsed: ParsedAnswers) -> Question | None:
    """The first question (in wizard order) whose answer was not understood."""
    return next((q for q in ORDER if q.value in parsed.problems), None)


def still_unanswered(question: Question, answers: Answers) -> bool:
    """``question`` applies to these answers and has no answer yet (an ``OPTIONAL``
    one too: it has its own "I don't know" way to go on without an answer)."""
    return applies(question, answers) is True and getattr(answers, question.value) is None
