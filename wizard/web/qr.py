"""QR codes for a customer on a phone: SVG made here by segno (no image
service, no third-party host), drawn in the page's own ink."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    """``text`` as an inline SVG QR code (error correction M: a phone held at
    an angle to a screen still reads it)."""
    code = segno.make(text, error="m", micro=False)
    # segno writes only paths and sizes, never ``text`` itself, so it is safe.
    return mark_safe(code.svg_inline(scale=4, border=4, dark="#1d2433", light="#ffffff"))
