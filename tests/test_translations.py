"""Japanese is the default language: every string users see must have it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    """A fresh extraction of every translatable string, from a copy of the sources."""
    copy = tmp_path_factory.mktemp("extract")
    for name in ("manage.py", "config", "wizard", "templates", "locale"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ja", "--no-location", "-v0"],
        cwd=copy,
        check=True,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    return polib.pofile(str(copy / "locale" / "ja" / "LC_MESSAGES" / "django.po"))


def test_every_string_users_see_has_a_japanese_translation(extracted):
    missing = [
        entry.msgid
        for entry in extracted
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert missing == [], "run `make messages`, then translate these in locale/ja"


def test_the_committed_catalog_is_the_one_the_sources_need(extracted):
    wanted = {(e.msgctxt, e.msgid) for e in extracted if not e.obsolete}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    assert wanted - committed == set()


def test_compiled_catalog_matches_the_po_file():
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo")))}
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(PO))
        if e.translated() and not e.obsolete
    }
    assert compiled == source, "run `python scripts/compile_messages.py`"


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(PO)):
        if "python-format" in entry.flags:
            names = {part.split(")")[0] for part in entry.msgid.split("%(")[1:]}
            # A plural entry's translations are its msgstr[n] (Japanese has one form).
            for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
                got = {part.split(")")[0] for part in text.split("%(")[1:]}
                assert got == names, entry.msgid
