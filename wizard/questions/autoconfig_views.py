"""Thunderbird's autoconfig lookups for the ISP's domains (SPEC section 8).

A client asks ``https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=…``
and ``https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml``; both
paths answer the same file. The address says which domain is meant; the spec
makes ``emailaddress`` optional, so without one the domain is the one the
request was sent to (``autoconfig.`` taken off). Only the domain is ever read:
the local part is left to the client's ``%EMAILLOCALPART%``.

``&download=1`` gives the same file as an attachment named after the domain,
as Mozilla's ISPDB names its files, for an operator to submit there.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .core.answers import normalise_domain
from .core.autoconfig import autoconfig_for_domain
from .core.isp import ACTIVE

# The spec's media type ("The MIME type is `text/xml`"); Thunderbird reads
# text/xml and application/xml alike.
CONTENT_TYPE = "text/xml; charset=utf-8"
# The facts change with a new release of the profile, not by the hour.
MAX_AGE = 24 * 60 * 60
# No sentence for a person: a mail client only looks at the status.
NOT_FOUND = "Not Found\n"
HOST_PREFIX = "autoconfig."


def asked_domain(request: HttpRequest) -> str | None:
    """The ISP mail domain a lookup is for: the address's, else the host's."""
    raw = request.GET.get("emailaddress", "").strip()
    if not raw:
        host, _port = split_domain_port(request.get_host())
        raw = host.removeprefix(HOST_PREFIX)
    domain = normalise_domain(raw)
    return domain if isinstance(domain, str) else None


@require_safe
async def autoconfig(request: HttpRequest) -> HttpResponse:
    domain = asked_domain(request)
    content = autoconfig_for_domain(domain, isp=ACTIVE) if domain else None
    if domain is None or content is None:
        return HttpResponse(NOT_FOUND, status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    if request.GET.get("download") == "1":
        response["Content-Disposition"] = f'attachment; filename="{domain}"'
    return response
