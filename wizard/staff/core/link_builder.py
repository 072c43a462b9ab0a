"""The link builder: any answer set an agent picks, as the link a customer opens.

The same rules as the wizard's own pages (SPEC section 3): answers that do not
apply to the path are left out of the link, a set that is not complete yet
links to the first step still needed, and an unreadable value is reported, not
guessed at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wizard.questions.core.answers import PARAMS, Answers, Problem, parse_answers
from wizard.questions.core.cases import Diagnosis, IncompleteAnswers, diagnose
from wizard.questions.core.isp import ACTIVE, IspProfile
from wizard.questions.core.questions import Question, relevant


@dataclass(frozen=True)
class BuiltLink:
    # What the link carries: the answers that apply to their own path.
    answers: Answers
    # Parameters given that this path never asks, so left out of the link.
    ignored: tuple[str, ...]
    # Parameters whose value could not be read (no link is built then).
    problems: Mapping[str, Problem]
    # The result, when the answers are complete.
    diagnosis: Diagnosis | None
    # Else the first step still needed (``None`` with problems).
    next_question: Question | None

    @property
    def complete(self) -> bool:
        return self.diagnosis is not None


def build_link(query: Mapping[str, str], *, isp: IspProfile = ACTIVE) -> BuiltLink:
    """Read an agent's choices (URL parameters, empty = not answered).

    >>> built = build_link({"network": "plala", "service": "plala", "op25b": "yes"})
    >>> built.ignored, built.next_question
    (('op25b',), <Question.CLIENT: 'client'>)
    """
    parsed = parse_answers(query, isp=isp)
    answers = relevant(parsed.answers)
    ignored = tuple(
        name
        for name in PARAMS
        if getattr(parsed.answers, name) is not None and getattr(answers, name) is None
    )
    if parsed.problems:
        return BuiltLink(answers, ignored, parsed.problems, None, None)
    try:
        diagnosis = diagnose(answers, isp=isp)
    except IncompleteAnswers as incomplete:
        return BuiltLink(answers, ignored, {}, None, incomplete.questions[0])
    return BuiltLink(diagnosis.answers, ignored, {}, diagnosis, None)
