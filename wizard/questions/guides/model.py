"""What a guide is: numbered steps in a program's own menu words, as data.

A guide's steps are English msgids whose Japanese translations carry the
Japanese menu labels; each step says for which changes it is shown, and its
text is filled in from the diagnosis's target settings (``%(server)s`` …).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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

    def wanted(self, needed: frozenset[Change]) -> bool:
        return not self.when or bool(self.when & needed)


@dataclass(frozen=True)
class Source:
    url: str
    title: str
    language: str


@dataclass(frozen=True)
class Guide:
    client: Client
    steps: tuple[Step, ...]
    # How this program names each kind of connection security, as an action.
    security: Mapping[Security, Promise]
    # Where to read the current port and authentication setting.
    lookup_port: Promise
    lookup_auth: Promise
    sources: tuple[Source, ...]
    notes: tuple[Promise, ...] = ()
    # Per-security wording of the password option, where a program has one.
    password_method: Mapping[Security, Promise] = field(default_factory=dict)
    # Mail server software: the guide edits a configuration file, not a menu.
    server_software: bool = False


def when(*changes: Change) -> frozenset[Change]:
    return frozenset(changes)


CHANGES_IN_A_PROGRAM = when(Change.SERVER, Change.PORT, Change.AUTH_ON, Change.AUTH_OFF)
