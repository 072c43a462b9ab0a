"""The production settings an operator runs (README): deploy checks and headers.

Each check runs in a fresh interpreter with only the documented environment,
so nothing the test settings change can hide a problem.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "mail-check.example.jp"


def production(
    *args: str,
    code: str | None = None,
    static_root: Path | None = None,
    extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_DB_PATH": ":memory:",
        **(extra or {}),
    }
    if static_root is not None:
        env["DJANGO_STATIC_ROOT"] = str(static_root)
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_without_a_key_a_private_one_is_made_and_kept(tmp_path):
    key_file = tmp_path / "var" / "secret-key"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY_FILE": str(key_file),
        "DJANGO_DB_PATH": ":memory:",
    }
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text()) >= 50


def test_check_deploy_has_no_warnings():
    result = production("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


@pytest.mark.services
def test_check_deploy_has_no_warnings_with_postgresql_and_redis():
    """As the README's several-instance set-up: DATABASE_URL and DJANGO_REDIS_URL."""
    services = {name: os.environ.get(name, "") for name in ("DATABASE_URL", "DJANGO_REDIS_URL")}
    assert all(services.values()), "run with scripts/services.py (make test does)"
    result = production(
        "check", "--deploy", "--database", "default", "--fail-level", "WARNING", extra=services
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


HEADERS_SCRIPT = f"""
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
secure = client.get("/", secure=True, HTTP_HOST="{HOST}")
plain = client.get("/result/?network=plala", HTTP_HOST="{HOST}")
health = client.get("/healthz", HTTP_HOST="{HOST}")
print(json.dumps({{
    "headers": dict(secure.headers),
    "plain": [plain.status_code, plain.headers.get("Location")],
    "health": health.status_code,
}}))
"""


@pytest.fixture(scope="module")
def answered(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    collected = production("collectstatic", "--noinput", "-v0", static_root=static_root)
    assert collected.returncode == 0, collected.stderr
    result = production(code=HEADERS_SCRIPT, static_root=static_root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_security_middleware_left_out_is_reported(settings):
    """Django's own checks cannot see our inline subclasses; ours must."""
    from wizard.web.middleware import check_middleware

    assert check_middleware() == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("CsrfViewMiddleware")]
    assert [message.id for message in check_middleware()] == ["wizard.W003"]


def test_content_security_policy_without_unsafe_inline(answered):
    policy = answered["headers"]["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy


def test_security_headers(answered):
    headers = answered["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in headers


def test_plain_http_is_redirected_but_health_checks_are_not(answered):
    assert answered["plain"] == [301, f"https://{HOST}/result/?network=plala"]
    assert answered["health"] == 200


def test_pages_carry_no_inline_script_or_style(client):
    for url in (
        "/",
        "/step/network/",
        "/cases/",
        "/result/?network=plala&service=plala&client=outlook&port=25&auth=no&plan=set",
    ):
        html = client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert re.findall(r"\sstyle\s*=", html) == []
        assert re.findall(r"\son[a-z]+\s*=", html) == []
        assert "<style" not in html
