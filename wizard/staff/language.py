"""The console's own language: chosen by the agent, kept in their session.

Public pages take their language from the URL (/en/…); the console lives at
/staff/ only, so its language switch stores the choice instead. Before any
choice, the browser's Accept-Language decides.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

SESSION_KEY = "console_language"


def languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def activate_console_language(request: HttpRequest) -> None:
    chosen = request.session.get(SESSION_KEY)
    if chosen not in languages():
        chosen = translation.get_language_from_request(request)
    translation.activate(chosen)
    request.LANGUAGE_CODE = chosen  # type: ignore[attr-defined]


def choose(request: HttpRequest, language: str) -> None:
    if language in languages():
        request.session[SESSION_KEY] = language
        translation.activate(language)


def language_names() -> list[tuple[str, str]]:
    """Each language by its own name (日本語, English)."""
    return list(settings.LANGUAGES)
