"""Who gets into the support console, and what it leaves on public pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from wizard.staff import login_limits

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long test passphrase 7"


@pytest.fixture
def agent(db):
    return get_user_model().objects.create_user(
        "agent", "agent@example.jp", PASSWORD, is_staff=True
    )


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def log_in(client, username="agent", password=PASSWORD, **extra):
    return client.post("/staff/login/", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/staff/", "/staff/admin/"])
def test_anonymous_requests_go_to_the_login_page(client, path):
    response = client.get(path, follow=True)
    assert unquote(response.redirect_chain[-1][0]) == f"/staff/login/?next={path}"
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_admins_own_login_sends_people_to_the_console_login(client):
    response = client.get("/staff/admin/login/?next=/staff/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/login/?next=/staff/admin/"


def test_a_staff_account_logs_in_and_out(client, agent):
    response = log_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    client.post("/staff/logout/")
    assert client.get("/staff/").status_code == 302


def test_an_account_without_staff_status_is_told_so_and_kept_out(client, db):
    get_user_model().objects.create_user("customer", password=PASSWORD)
    response = log_in(client, "customer")
    assert response.status_code == 200
    assert "may not use the support console" in response.content.decode() or (
        "サポートコンソール" in response.content.decode()
    )
    assert client.get("/staff/").status_code == 302


def test_a_switched_off_account_cannot_log_in(client, agent):
    agent.is_active = False
    agent.save()
    log_in(client)
    assert client.get("/staff/").status_code == 302


def test_a_wrong_password_says_so_without_saying_which_part(client, agent):
    page = log_in(client, password="wrong", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "do not match an active staff account" in page


def test_failed_logins_are_limited_per_user_name_with_a_clear_message(client, agent):
    for number in range(login_limits.PER_NAME):
        log_in(client, password=f"wrong {number}", REMOTE_ADDR=f"192.0.2.{number + 1}")
    # Even the right password waits now, from any address ...
    page = log_in(client, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Too many failed logins for this user name" in page
    assert client.get("/staff/").status_code == 302
    # ... but nobody else is locked out.
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    assert log_in(client, "other", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_failed_logins_are_limited_per_address(client, agent):
    for number in range(login_limits.PER_ADDRESS):
        log_in(client, f"guess{number}", "wrong", REMOTE_ADDR="203.0.113.9")
    page = log_in(client, REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Too many failed logins from this network" in page
    assert log_in(client, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_the_limit_ends_with_its_window(rf, agent):
    request = rf.post("/staff/login/", REMOTE_ADDR="192.0.2.1")
    start = 1_000_000 * login_limits.WINDOW_SECONDS
    for _ in range(login_limits.PER_NAME):
        login_limits.count_failure(request, "agent", now=start)
    hold = login_limits.held(request, "agent", now=start + 60)
    assert hold is not None
    assert hold.by_name
    assert hold.minutes == 14
    assert login_limits.held(request, "agent", now=start + login_limits.WINDOW_SECONDS) is None


def test_staff_cookies_exist_only_on_staff_paths(client, agent):
    page = client.get("/staff/login/")
    response = log_in(client)
    cookies = {**page.cookies, **response.cookies}
    assert {"staff_session", "staff_csrftoken"} <= set(cookies)
    assert all(cookies[name]["path"] == "/staff/" for name in cookies)
    assert all(cookies[name]["samesite"] == "Strict" for name in cookies)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/",
        "/step/service/?network=plala",
        "/result/?network=plala&service=plala&client=outlook&port=25&auth=no&plan=set",
        "/cases/",
        "/healthz",
    ],
)
def test_public_pages_set_no_cookie_and_keep_their_304s(client, agent, path):
    log_in(client)  # even for a logged-in agent
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    if path != "/healthz":
        again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_createsuperuser_noinput_makes_an_account_that_logs_in(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DJANGO_DB_PATH": str(database),
        "DJANGO_SUPERUSER_USERNAME": "first",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "DJANGO_SUPERUSER_EMAIL": "first@example.jp",
    }
    for command in (["migrate", "-v0"], ["createsuperuser", "--noinput"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    login = (
        "import django; django.setup();"
        "from django.test import Client; c = Client();"
        f"r = c.post('/staff/login/', {{'username': 'first', 'password': {PASSWORD!r}}});"
        "print(r.status_code, r.get('Location'), c.get('/staff/').status_code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", login],
        cwd=ROOT,
        env={**env, "DJANGO_ALLOWED_HOSTS": "testserver"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.split() == ["302", "/staff/", "200"], done.stderr


def test_the_console_speaks_the_language_the_agent_chooses(client, agent):
    log_in(client)
    assert "サポートコンソール" in client.get("/staff/").content.decode()
    response = client.post("/staff/language/", {"language": "en", "next": "/staff/links/"})
    assert response["Location"] == "/staff/links/"
    page = client.get("/staff/")
    assert page["Content-Language"] == "en"
    assert "Support console" in page.content.decode()
    # The public pages keep their own language: the address decides there.
    assert client.get("/")["Content-Language"] == "ja"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/result/"])
def test_the_language_switch_only_returns_into_the_console(client, agent, next_url):
    log_in(client)
    response = client.post("/staff/language/", {"language": "en", "next": next_url})
    assert response["Location"] == "/staff/"
