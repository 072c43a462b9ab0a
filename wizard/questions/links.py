"""The wizard's URLs: each step and result carries its answers in the query string."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from .core.answers import Answers, domain_part
from .core.questions import Question


def query(answers: Answers) -> str:
    return urlencode(answers.to_query())


def with_query(url: str, answers: Answers) -> str:
    return f"{url}?{query(answers)}" if answers.to_query() else url


def step_url(question: Question, answers: Answers) -> str:
    return with_query(reverse("questions:step", args=[question.value]), answers)


def result_url(answers: Answers) -> str:
    return with_query(reverse("questions:result"), answers)


def problem_url(question: Question, answers: Answers, unreadable: str) -> str:
    """Back to ``question`` with the value we could not read riding along (cut
    short), so the step can say what was wrong with it. Of an address typed for
    ``domain`` only the part after "@" rides along: we never repeat the rest."""
    if question is Question.DOMAIN:
        unreadable = domain_part(unreadable)
    bad = urlencode({question.value: unreadable[:64]})
    url = step_url(question, answers)
    return f"{url}{'&' if '?' in url else '?'}{bad}"


def answer_url(question: Question, value: str, answers: Answers) -> str:
    """Answer ``question`` with ``value`` and go on, keeping the other answers."""
    others = {k: v for k, v in answers.to_query().items() if k != question.value}
    params = {"from": question.value, question.value: value, **others}
    return f"{reverse('questions:next')}?{urlencode(params)}"


def skip_url(question: Question, answers: Answers) -> str:
    """Go on from an optional ``question`` without answering it ("I don't know")."""
    others = {k: v for k, v in answers.to_query().items() if k != question.value}
    return (
        f"{reverse('questions:next')}?{urlencode({'from': question.value, 'skip': '1', **others})}"
    )
