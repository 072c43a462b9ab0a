"""What a guide is: numbered steps in a program's own menu words, as data.

A guide's steps are English msgids whose Japanese translations carry the
Japanese menu labels; each step and each note says for which changes it is
shown, and its text is filled in from the diagnosis's target settings
(``%(server)s`` …). Sources say how we know: only the vendor's own help is
shown to subscribers; the rest is kept for staff.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise

from ..core.answers import Client
from ..core.cases import Change
from ..core.isp import Security


@dataclass(frozen=True)
class Step:
    text: Promise
    # Shown when any of these changes is needed; empty means always.
    when: frozenset[Change] = frozenset()
    # A configuration snippet (mail servers), filled in like the text.
    code: str = ""
    # Left out when any of these is needed (a step another path replaces).
    unless: frozenset[Change] = frozenset()

    def wanted(self, needed: frozenset[Change]) -> bool:
        shown = not self.when or bool(self.when & needed)
        return shown and not self.unless & needed


@dataclass(frozen=True)
class Note:
    text: Promise
    # Shown when any of these changes is needed (empty: always) …
    when: frozenset[Change] = frozenset()
    # … but never next to one of these, which it would contradict.
    unless: frozenset[Change] = frozenset()

    def wanted(self, needed: frozenset[Change]) -> bool:
        return (not self.when or bool(self.when & needed)) and not (self.unless & needed)


class SourceKind(StrEnum):
    # The vendor's own help (or the software's own documentation): shown to subscribers.
    OFFICIAL = "official"
    # Third parties, developer docs, archives, translation files: how we know, for staff.
    REFERENCE = "reference"


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    language: str
    kind: SourceKind = SourceKind.REFERENCE

    @property
    def official(self) -> bool:
        return self.kind is SourceKind.OFFICIAL


def official(url: str, title: str, language: str) -> Source:
    return Source(url, title, language, SourceKind.OFFICIAL)


@dataclass(frozen=True)
class Guide:
    client: Client
    steps: tuple[Step, ...]
    # How this program names each kind of connection security, as an action.
    security: Mapping[Security, Promise]
    # Where to read the current port and authentication setting.
    lookup_port: Promise
    lookup_auth: Promise
    # Every source, official and reference; see sources_for().
    all_sources: tuple[Source, ...]
    all_notes: tuple[Note, ...] = ()
    # Menu labels quoted in the steps that no source confirmed, each with why.
    unconfirmed_labels: tuple[Promise | str, ...] = ()
    # Per-security wording of the password option, where a program has one.
    password_method: Mapping[Security, Promise] = field(default_factory=dict)
    # Mail server software: the guide edits a configuration file, not a menu.
    server_software: bool = False

    def sources_for(self, language: str) -> tuple[Source, ...]:
        """The official sources in ``language``, or in another language if it has none."""
        shown = tuple(s for s in self.all_sources if s.official)
        same = tuple(s for s in shown if s.language == language)
        return same or shown

    def notes_for(self, needed: frozenset[Change]) -> tuple[Promise, ...]:
        return tuple(note.text for note in self.all_notes if note.wanted(needed))


def when(*changes: Change) -> frozenset[Change]:
    return frozenset(changes)


CHANGES_IN_A_PROGRAM = when(Change.SERVER, Change.PORT, Change.AUTH_ON, Change.AUTH_OFF)
