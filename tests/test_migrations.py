"""The models and the committed migrations agree, and a database made before the
probe became an app of its own keeps its reports."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
# Made by `manage.py migrate` at commit c177c3c (app label "wizard"), with one report.
OLD_DATABASE = Path(__file__).parent / "fixtures" / "db_at_c177c3c.sql"


@pytest.mark.django_db
def test_no_migration_is_missing():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def manage(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # These are SQLite files, whatever database the rest of the run uses.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_DB_PATH": str(database),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


SHOW_REPORT = (
    "from django.test import Client\n"
    "page = Client().get('/en/probe/kept-from-c177c3c/', HTTP_HOST='localhost')\n"
    "print(page.status_code)\n"
    "print('Check of smtp.example.jp' in page.content.decode())\n"
)


def test_a_database_from_before_the_split_keeps_its_reports(tmp_path):
    database = tmp_path / "old.sqlite3"
    with sqlite3.connect(database) as old:
        old.executescript(OLD_DATABASE.read_text())
    manage(database, "migrate", "--noinput")
    assert manage(database, "shell", "--no-imports", "-c", SHOW_REPORT).stdout.split() == [
        "200",
        "True",
    ]
    with sqlite3.connect(database) as migrated:
        (count,) = migrated.execute("SELECT count(*) FROM wizard_proberecord").fetchone()
    assert count == 1


def test_a_fresh_database_gets_the_same_table(tmp_path):
    database = tmp_path / "new.sqlite3"
    manage(database, "migrate", "--noinput")
    with sqlite3.connect(database) as fresh:
        tables = {row[0] for row in fresh.execute("SELECT name FROM sqlite_master")}
    assert "wizard_proberecord" in tables
    assert "wizard_proberecord_created_at_b7700d90" in tables  # the same index as before
