"""Django's own middleware, with their hooks run on the event loop.

Under ASGI a ``MiddlewareMixin`` runs each of its hooks through
``sync_to_async``: a hop onto a thread and back, twice per middleware and
request (Django ticket #37177). These hooks only read headers and settings and
set headers, never touch the database or block, so they run inline here: the
chain in MIDDLEWARE crosses from async to sync nowhere before the view, and the
wizard's views are async themselves. Under WSGI (the test client) each class
behaves exactly as Django's.
"""

from __future__ import annotations

from typing import Any, ClassVar

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponseBase
from django.middleware import clickjacking, common, csrf, http, locale, security
from django.utils.module_loading import import_string


class InlineHooks:
    """``process_request`` and ``process_response`` called directly under ASGI."""

    get_response: Any

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        response = None
        if hasattr(self, "process_request"):
            response = self.process_request(request)
        response = response or await self.get_response(request)
        if hasattr(self, "process_response"):
            response = self.process_response(request, response)
        return response


class SecurityMiddleware(InlineHooks, security.SecurityMiddleware):
    pass


class ConditionalGetMiddleware(InlineHooks, http.ConditionalGetMiddleware):
    pass


class LocaleMiddleware(InlineHooks, locale.LocaleMiddleware):
    pass


class CommonMiddleware(InlineHooks, common.CommonMiddleware):
    pass


class CsrfViewMiddleware(InlineHooks, csrf.CsrfViewMiddleware):
    async def process_view(  # type: ignore[override]
        self, request: HttpRequest, callback: Any, callback_args: Any, callback_kwargs: Any
    ) -> HttpResponseBase | None:
        # A coroutine, so Django awaits it instead of sending it to a thread.
        # It reads a POST body the ASGI handler has already received.
        return super().process_view(request, callback, callback_args, callback_kwargs)


class XFrameOptionsMiddleware(InlineHooks, clickjacking.XFrameOptionsMiddleware):
    pass


class CSPMiddleware(InlineHooks, _CSPMiddleware):
    """django-csp builds both policies from the settings for every response
    (a deep copy and a join each); without a nonce or a view's own changes
    they are the same every time, so those are built once per settings."""

    _PER_RESPONSE = (
        "_csp_config", "_csp_update", "_csp_replace",
        "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro",
    )  # fmt: skip
    _built: ClassVar[dict[tuple[int, int], tuple[str, str]]] = {}

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            settings.DEBUG  # Django's debug pages are exempt: the parent knows how
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self._PER_RESPONSE)
        ):
            return super().process_response(request, response)
        enforced = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        key = (id(enforced), id(report_only))
        if key not in self._built:
            self._built[key] = (build_policy(), build_policy(report_only=True))
        for header, policy, config, exempt in (
            (HEADER, self._built[key][0], enforced, "_csp_exempt"),
            (HEADER_REPORT_ONLY, self._built[key][1], report_only, "_csp_exempt_ro"),
        ):
            prefixes = tuple((config or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        # As the parent does: a nonce asked for after this point is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response


# Django's own checks look for these by dotted path, so they cannot see the
# subclasses above (SILENCED_SYSTEM_CHECKS); this one looks by class instead.
_REQUIRED = {
    "security.W001": security.SecurityMiddleware,
    "security.W002": clickjacking.XFrameOptionsMiddleware,
    "security.W003": csrf.CsrfViewMiddleware,
}


def check_middleware(**_: object) -> list[checks.CheckMessage]:
    present = [import_string(path) for path in settings.MIDDLEWARE]
    return [
        checks.Warning(
            f"No subclass of {required.__module__}.{required.__name__} in MIDDLEWARE:"
            " its security headers or checks are missing.",
            id=f"wizard.{check_id.replace('security.', '')}",
        )
        for check_id, required in _REQUIRED.items()
        if not any(isinstance(cls, type) and issubclass(cls, required) for cls in present)
    ]
