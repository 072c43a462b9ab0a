"""What the sources page shows: each guide's sources and its unconfirmed labels.

Which sources subscribers see is decided by the guide itself
(``Guide.sources_for``, per page language); everything else is for staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wizard.questions.guides import PROGRAMS, SERVERS, Guide, Source
from wizard.questions.wording import client_name

PAGE_TITLE = _("Sources and menu labels")
LANGUAGE_NAMES: dict[str, Promise] = {"ja": _("Japanese"), "en": _("English")}

# Where a source is shown, by the page languages that cite it: whole sentences.
SHOWN_ON: dict[tuple[str, ...], Promise] = {
    ("ja", "en"): _("Subscribers see it on Japanese and English result pages."),
    ("ja",): _("Subscribers see it on Japanese result pages."),
    ("en",): _("Subscribers see it on English result pages."),
    (): _("Staff only: not shown on result pages."),
}


@dataclass(frozen=True)
class SourceRow:
    title: str
    url: str
    language: str
    language_name: str
    official: bool
    shown_to_subscribers: bool
    shown_on: str


@dataclass(frozen=True)
class GuideSection:
    anchor: str
    name: str
    sources: tuple[SourceRow, ...]
    unconfirmed_labels: tuple[str, ...]


@dataclass(frozen=True)
class SourceGroups:
    programs: tuple[GuideSection, ...]
    servers: tuple[GuideSection, ...]


def source_groups() -> SourceGroups:
    """Every mail program's guide, then every mail server's, in the wizard's order."""
    return SourceGroups(
        programs=tuple(guide_section(g, prefix="program") for g in PROGRAMS.values()),
        servers=tuple(guide_section(g, prefix="server") for g in SERVERS.values()),
    )


def guide_section(guide: Guide, *, prefix: str) -> GuideSection:
    return GuideSection(
        anchor=f"{prefix}-{guide.client}",
        name=str(client_name(guide.client, server=guide.server_software)),
        sources=tuple(source_row(guide, source) for source in guide.all_sources),
        unconfirmed_labels=tuple(str(label) for label in guide.unconfirmed_labels),
    )


def source_row(guide: Guide, source: Source) -> SourceRow:
    shown_in = tuple(
        code for code, _name in settings.LANGUAGES if source in guide.sources_for(code)
    )
    return SourceRow(
        title=source.title,
        url=source.url,
        language=source.language,
        language_name=str(LANGUAGE_NAMES.get(source.language, source.language)),
        official=source.official,
        shown_to_subscribers=bool(shown_in),
        shown_on=str(SHOWN_ON.get(shown_in, SHOWN_ON[("ja", "en")])),
    )
