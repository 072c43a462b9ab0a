from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, get_script_prefix, resolve, translate_url
from django.utils.translation import get_language, get_language_from_path


def language_switch(request: HttpRequest) -> dict[str, object]:
    """The language switch: the same page, with the same answers, in the other language."""
    current = get_language() or "ja"
    other = "en" if current == "ja" else "ja"
    return {
        "other_language": other,
        "other_language_url": same_page_in(request, other),
    }


def same_page_in(request: HttpRequest, language: str) -> str:
    """This request's address in ``language``: under /en/ for English, without
    a prefix for the default language. ``translate_url`` returns an address it
    cannot resolve unchanged, which made the 404 page's switch link to itself,
    so such an address has its prefix swapped here instead.

    On a 404 at ``/en/nowhere/?a=1``, Japanese is ``/nowhere/?a=1``.
    """
    full_path = request.get_full_path()
    try:
        resolve(request.path_info)
    except Resolver404:
        pass
    else:
        return translate_url(full_path, language)
    path = request.path_info
    if prefix := get_language_from_path(path):
        path = path.removeprefix(f"/{prefix}") or "/"
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    query = request.META.get("QUERY_STRING", "")
    return get_script_prefix().rstrip("/") + path + (f"?{query}" if query else "")
