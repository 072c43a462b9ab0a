"""Which result pages were shown: by case, mail program and language.

Wrapped around the whole result view; what it counts for a page goes with the
page into the page cache (wizard.web.page_cache), so a page served from there
counts like one rendered. Only a page a person navigated to
counts: a GET answered 200 (the ETag's 304 for a reload is made later, from
this 200, so a reload counts as a view too), loaded whole or by a boosted link;
not a redirect to a question, not an in-page htmx request, not htmx restoring
history (a page already counted when it was first shown).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache, wraps

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language

from wizard.web.counting import Dimension, record
from wizard.web.page_cache import counted_on_repeat

from .core.cases import Diagnosis, IncompleteAnswers, diagnose
from .core.isp import ACTIVE
from .core.questions import read_answers

AsyncView = Callable[..., Awaitable[HttpResponse]]


def result_kind(diagnosis: Diagnosis) -> str:
    """The notice's case ("1".."5"), or for an answer outside its table the
    reason it was derived from (``Reason``), which says what kind of answer it was.

    >>> from wizard.questions.core.answers import parse_answers
    >>> answers = parse_answers({"network": "plala", "service": "plala",
    ...     "client": "thunderbird", "port": "465", "auth": "yes", "plan": "set"}).answers
    >>> result_kind(diagnose(answers))
    'implicit-tls'
    """
    return str(diagnosis.case) if diagnosis.case is not None else str(diagnosis.reason)


# A repeat view of a page seen lately costs a dict lookup, not a diagnosis.
@lru_cache(maxsize=4096)
def _counted_values(query: str) -> tuple[str, str] | None:
    try:
        diagnosis = diagnose(read_answers(QueryDict(query)).answers, isp=ACTIVE)
    except IncompleteAnswers:
        return None
    client = diagnosis.answers.client
    return result_kind(diagnosis), str(client) if client is not None else ""


def _navigated(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return True
    return bool(htmx.boosted) and not htmx.history_restore_request


def counted_result(view: AsyncView) -> AsyncView:
    """Count the result pages ``view`` shows (see the module's docstring)."""

    @wraps(view)
    async def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = await view(request, *args, **kwargs)
        if response.status_code == 200 and request.method == "GET" and _navigated(request):
            values = _counted_values(request.META.get("QUERY_STRING", ""))
            if values is not None:
                kind, client = values
                pairs = (
                    (Dimension.CASE, kind),
                    (Dimension.CLIENT, client),
                    (Dimension.LANGUAGE, get_language() or ""),
                )
                record(*pairs)
                counted_on_repeat(response, pairs)
        return response

    return wrapper
