"""Which questions a subscriber is asked, given the answers so far.

Only questions that change the answer are asked (SPEC section 3): the mail
program before the port, so that "I don't know" can say where to look in *that*
program; no port for one's own server; the other network's OP25B only where it
decides case 5; the Plala contract only where the answer leans on Plala's
submission port.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .answers import Answers, Client, Network, ParsedAnswers, Port, Service, parse_answers


class Question(StrEnum):
    NETWORK = "network"
    SERVICE = "service"
    CLIENT = "client"
    PORT = "port"
    AUTH = "auth"
    OP25B = "op25b"
    PLAN = "plan"


ORDER: tuple[Question, ...] = tuple(Question)


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
    first missing question is always one that decides them.
    """
    return [q for q in ORDER if applies(q, answers) is True and getattr(answers, q.value) is None]


def next_question(answers: Answers) -> Question | None:
    """The first question still needed, or ``None`` when the answers are complete."""
    todo = missing(answers)
    return todo[0] if todo else None


def question_after(question: Question, answers: Answers) -> Question | None:
    """The step that follows ``question`` on this path; ``None`` means the result.

    Walking forward through answered steps lets a subscriber who went back to
    change one answer review the rest instead of jumping to the result. An
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
    """Whether ``question`` is on the path and every question before it is answered."""
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
    """``question`` applies to these answers and has no answer yet."""
    return applies(question, answers) is True and getattr(answers, question.value) is None
