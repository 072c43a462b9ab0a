from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def language_switch(request: HttpRequest) -> dict[str, object]:
    """The language switch: the same page, with the same answers, in the other language."""
    current = get_language() or "ja"
    other = "en" if current == "ja" else "ja"
    return {
        "other_language": other,
        "other_language_url": translate_url(request.get_full_path(), other),
    }
