"""Setup guides for every mail program and mail server, filled in for one diagnosis."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from wizard.web.isp_text import isp_text

from ..core.answers import Answers, Client, Service
from ..core.cases import Change, TargetSettings, changes
from ..wording import (
    LOGIN_NAMES,
    QUOTED_VALUE,
    SERVER_PATTERN_IN_A_STEP,
    SERVER_PLACEHOLDER,
    USERNAMES,
)
from .mail_programs import MAIL_PROGRAM_GUIDES
from .mail_servers import MAIL_SERVER_GUIDES
from .model import Guide, Note, Source, SourceKind, Step

PROGRAMS: dict[Client, Guide] = {guide.client: guide for guide in MAIL_PROGRAM_GUIDES}
SERVERS: dict[Client, Guide] = {guide.client: guide for guide in MAIL_SERVER_GUIDES}


def guide_for(answers: Answers) -> Guide:
    """The guide for the answers' mail program (or, for one's own server, its software)."""
    client = answers.client or Client.OTHER
    if answers.service is Service.OWN_DYNAMIC:
        return SERVERS.get(client, SERVERS[Client.OTHER])
    return PROGRAMS.get(client, PROGRAMS[Client.OTHER])


@dataclass(frozen=True)
class RenderedStep:
    text: str
    code: str = ""


@dataclass(frozen=True)
class RenderedGuide:
    guide: Guide
    steps: tuple[RenderedStep, ...]
    needed: frozenset[Change]
    # The notes that fit these changes, filled in like the steps.
    notes: tuple[str, ...] = ()
    # What the page cites: the official sources in the page's language.
    sources: tuple[Source, ...] = ()

    @property
    def nothing_to_change(self) -> bool:
        return not self.needed


def render_guide(
    answers: Answers, settings: TargetSettings, *, new_server: bool = False
) -> RenderedGuide:
    """The guide's steps for moving ``answers``' program to ``settings``, filled in."""
    guide = guide_for(answers)
    needed = changes(answers, settings, new_server=new_server)
    values = {
        "server": _server_in_a_sentence(settings),
        "port": settings.port,
        "security": isp_text(guide.security[settings.security]),
        "password_method": isp_text(guide.password_method.get(settings.security, "")),
        "username": isp_text(USERNAMES[settings.username]),
        "login": isp_text(LOGIN_NAMES[settings.username]),
    }
    # A configuration file gets the bare name.
    code_values = {**values, "server": settings.server or ""}
    steps = tuple(
        RenderedStep(isp_text(step.text, **values), step.code % code_values if step.code else "")
        for step in guide.steps
        if step.wanted(needed)
    )
    notes = tuple(isp_text(note, **values) for note in guide.notes_for(needed))
    language = (get_language() or "ja").split("-")[0]
    return RenderedGuide(
        guide=guide,
        steps=steps if needed else (),
        needed=needed,
        notes=notes,
        sources=guide.sources_for(language),
    )


def _server_in_a_sentence(settings: TargetSettings) -> str:
    """The server name as a step quotes it: the literal name in quotes, the notice's
    pattern with a pointer to how to fill it in, or the provider's name in words."""
    if not settings.server:
        return isp_text(SERVER_PLACEHOLDER)
    if settings.relay:
        return settings.server  # the server guides quote it in their own way
    if settings.server_is_pattern:
        return isp_text(SERVER_PATTERN_IN_A_STEP, server=settings.server)
    return isp_text(QUOTED_VALUE, value=settings.server)


__all__ = [
    "PROGRAMS",
    "SERVERS",
    "Guide",
    "Note",
    "RenderedGuide",
    "Source",
    "SourceKind",
    "Step",
    "guide_for",
    "render_guide",
]
