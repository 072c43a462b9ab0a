"""The ISP's proper names filled into translated text, for both apps' wording."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import get_language

from wizard.questions.core.isp import ACTIVE


def isp_text(text: Promise | str, **extra: object) -> str:
    """Translate ``text`` and fill in the active ISP's proper names and ``extra``.

    The names come from the profile (``%(isp)s``, ``%(light_plan)s`` …) in the
    page's language, so no wording module spells them.
    """
    values = {**ACTIVE.names_in(get_language() or "ja"), **extra}
    return str(text) % values if "%(" in str(text) else str(text)
