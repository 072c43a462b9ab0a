"""The operator's dated service notice (``IspProfile.service_notice``), as the
start and result pages show it: ``templates/questions/_service_notice.html``."""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wizard.questions.core import isp
from wizard.questions.core.isp import IspProfile

from .isp_text import isp_text

HEADING = _("Important: about %(isp)s's service")
DATE_LABEL = _("Date:")
# Under a notice whose date is not the ISP's own word (``Provenance``).
REPORTED = _(
    "This date has been reported by others; we have not found it in an announcement "
    "by %(isp)s. Please check %(isp)s's own pages."
)

# How a day is written in each language: 2028年3月31日, 31 March 2028.
DATE_FORMATS = {"ja": "Y年n月j日", "en": "j F Y"}


def date_in_words(day: dt.date, language: str) -> str:
    """``day`` as the page's language writes it.

    >>> date_in_words(dt.date(2028, 3, 31), "ja")
    '2028年3月31日'
    """
    return dateformat.format(day, DATE_FORMATS.get(language, DATE_FORMATS["en"]))


def service_notice(profile: IspProfile | None = None) -> dict[str, object] | None:
    """What the notice box shows in the current language; ``None`` when the
    profile (the active one unless given) sets no notice."""
    notice = (profile or isp.ACTIVE).service_notice
    if notice is None:
        return None
    language = get_language() or "ja"
    link = notice.link
    return {
        "heading": isp_text(HEADING),
        "date_label": str(DATE_LABEL),
        "date_iso": notice.date.value.isoformat(),
        "date_text": date_in_words(notice.date.value, language),
        "text": notice.text_in(language),
        "reported": "" if notice.date.source.is_the_isps_word else isp_text(REPORTED),
        "link_url": link.url if link else "",
        "link_title": link.title_in(language) if link else "",
    }
