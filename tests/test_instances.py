"""Two instances of the app on one PostgreSQL and one Redis behave as one.

Two real uvicorn processes serve config.asgi exactly as operators run it, with
one database and one Redis (scripts/services.py starts them; ``make test`` runs
this group), and probe real SMTP servers on loopback: what a visitor or an
agent starts on one instance, the other serves.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from scripts.services import stop_process
from tests.servers import raw_server
from tests.servers.dns_server import DnsServer
from tests.servers.raw_server import RawServer
from tests.servers.smtp_servers import SERVER_NAME, Certificates, Seen, free_port, start_server

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long test passphrase 7"
RATE = 4  # probes per minute per client, shared by both instances
PROBE_SECONDS = 5
# A name whose mail ports (at 127.0.0.2) accept and never answer.
SILENT_NAME = "silent.example.test"
# Names whose mail ports (at 127.0.0.3) greet only after a second.
SLOW_NAMES = ("slow1.example.test", "slow2.example.test")


@dataclass
class Instance:
    port: int
    process: subprocess.Popen[bytes]

    def request(
        self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            text = response.read().decode()
            # Set-Cookie may come more than once: keep them all.
            found = {k.lower(): v for k, v in response.getheaders() if k.lower() != "set-cookie"}
            found["set-cookie"] = "\n".join(response.headers.get_all("Set-Cookie") or [])
            return response.status, found, text
        finally:
            connection.close()


@dataclass
class Cookies:
    """An agent's browser, as far as the console's cookies go."""

    values: dict[str, str] = field(default_factory=dict)

    def take(self, headers: dict[str, str]) -> None:
        for line in headers["set-cookie"].splitlines():
            name, _, rest = line.partition("=")
            self.values[name.strip()] = rest.split(";")[0]

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.values.items())}


def _services_env() -> dict[str, str]:
    database, redis = os.environ.get("DATABASE_URL"), os.environ.get("DJANGO_REDIS_URL")
    if not (database and database.startswith("postgres") and redis):
        pytest.fail(
            "these tests need PostgreSQL and Redis: run them with "
            "`python scripts/services.py run -- python -m pytest -m services` (make test does)"
        )
    # The instances' own database and Redis number, apart from the test run's.
    return {
        "DATABASE_URL": database.rsplit("/", 1)[0] + "/wizard",
        "DJANGO_REDIS_URL": redis.rsplit("/", 1)[0] + "/1",
    }


def _wait_until_serving(instance: Instance) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert instance.process.poll() is None, "an instance exited at start"
        try:
            if instance.request("GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("an instance did not answer /healthz within 30 s")


@dataclass
class Lab:
    env: dict[str, str]
    slow: list[RawServer]

    def connections_to_slow(self) -> int:
        return sum(server.connections for server in self.slow)


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    """Real SMTP servers (587 STARTTLS + AUTH, 465 TLS, 25 plain) at 127.0.0.1,
    silent ones on the same ports at 127.0.0.2, slow ones at 127.0.0.3, and a
    DNS server naming them."""
    certs = Certificates(tmp_path_factory.mktemp("certs"), SERVER_NAME)
    seen = Seen()
    servers = {
        587: start_server(seen=seen, starttls=certs.server_context(), auth=True),
        465: start_server(seen=seen, implicit=certs.server_context(), auth=True),
        25: start_server(seen=seen),
    }
    silent = [RawServer(raw_server.silent, "127.0.0.2", s.port) for s in servers.values()]
    slow = [RawServer(raw_server.slow_smtp(1.0), "127.0.0.3", s.port) for s in servers.values()]
    records = {(SERVER_NAME, "A"): ["127.0.0.1"], (SILENT_NAME, "A"): ["127.0.0.2"]}
    records.update({(name, "A"): ["127.0.0.3"] for name in SLOW_NAMES})
    with DnsServer(records) as dns:
        for server in silent + slow:
            server.__enter__()
        try:
            env = {
                "WIZARD_PROBE_PORT_MAP": ",".join(f"{k}:{s.port}" for k, s in servers.items()),
                "WIZARD_PROBE_ALLOW_NETWORKS": "127.0.0.0/8",
                "WIZARD_PROBE_ONLY_NETWORKS": "127.0.0.0/8",
                "WIZARD_DNS_NAMESERVERS": dns.address,
                "WIZARD_PROBE_CA_FILE": certs.cafile,
            }
            yield Lab(env, slow)
        finally:
            for server in silent + slow:
                server.__exit__(None, None, None)
            for server in servers.values():
                server.stop()


@pytest.fixture(scope="module")
def instances(lab, tmp_path_factory) -> Iterator[tuple[Instance, Instance]]:
    """Two app processes as operators run them: one database, one Redis, one key."""
    static = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        **_services_env(),
        **lab.env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_HTTPS": "0",
        "DJANGO_STATIC_ROOT": str(static),
        "DJANGO_LOG_LEVEL": "WARNING",
        "WIZARD_PROBE_TIMEOUT": str(PROBE_SECONDS),
        "WIZARD_PROBE_RATE_LIMIT": f"{RATE}/m",
        # As behind a load balancer: each test is a visitor of its own.
        "WIZARD_TRUSTED_PROXIES": "127.0.0.0/8",
    }
    manage = [sys.executable, "manage.py"]
    # Migrations once, for both; then one staff account.
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["createsuperuser", "--noinput", "--username", "agent", "--email", "agent@example.jp"],
    ):
        subprocess.run(
            [*manage, *command],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            check=True,
            timeout=120,
        )
    started = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "config.asgi:application",
                "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                "--http", "httptools", "--loop", "uvloop", "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        started.append(Instance(port, process))
    try:
        for instance in started:
            _wait_until_serving(instance)
        yield started[0], started[1]
    finally:
        for instance in started:
            stop_process(instance.process, 20)


def _probe_api(instance: Instance, target: str, client: str) -> tuple[int, dict]:
    status, _, text = instance.request(
        "POST",
        "/api/probe",
        body=json.dumps({"target": target}).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": client},
    )
    return status, json.loads(text)


def _start_in_page(instance: Instance, target: str, client: str) -> str:
    """The result page's form sent by htmx: the running report's address."""
    status, _, page = instance.request(
        "POST",
        "/probe/",
        body=urlencode({"target": target}).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
            "X-Forwarded-For": client,
        },
    )
    assert status == 200, page
    found = re.search(r'hx-get="(/(?:en/)?probe/[A-Za-z0-9_-]+/)"', page)
    assert found, "a running report polls its own address"
    return found.group(1)


def _poll_until_settled(instance: Instance, report: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, _, page = instance.request("GET", report)
        assert status == 200
        if 'aria-busy="true"' not in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{report} was still running after {seconds} s")


def test_a_probe_started_on_one_is_followed_to_the_end_on_the_other(instances):
    first, second = instances
    report = _start_in_page(first, SERVER_NAME, "198.51.100.1")
    status, _, page = second.request("GET", report)
    assert status == 200
    page = _poll_until_settled(second, report, PROBE_SECONDS + 10)
    assert "587" in page
    # ... and the other serves the same settled report.
    assert first.request("GET", report)[0] == 200


def test_a_report_made_on_one_is_served_by_the_other(instances):
    first, second = instances
    status, report = _probe_api(first, SERVER_NAME, "198.51.100.2")
    assert status == 200, report
    path = report["url"].split(str(first.port), 1)[1]
    status, _, page = second.request("GET", path)
    assert status == 200
    assert SERVER_NAME in page


def test_the_rate_limit_counts_requests_to_both(instances):
    first, second = instances
    answers = [
        _probe_api((first, second)[n % 2], SERVER_NAME, "198.51.100.3")[0] for n in range(RATE + 2)
    ]
    assert answers == [200] * RATE + [429, 429]
    # Another visitor is not held up by it.
    assert _probe_api(second, SERVER_NAME, "198.51.100.4")[0] == 200


def _port_lines(page: str) -> list[str]:
    return re.findall(r"Port \d+: [^<]+", page)


def test_visitors_on_both_at_once_get_one_probe_of_their_server(instances, lab):
    """The second instance follows the first's probe instead of probing the
    same server again at the same moment."""
    first, second = instances
    before = lab.connections_to_slow()
    alone = _start_in_page(first, SLOW_NAMES[0], "198.51.100.6")
    _poll_until_settled(first, alone, PROBE_SECONDS + 10)
    one_probe = lab.connections_to_slow() - before
    assert one_probe >= 3, "a probe connects to each of the three ports"

    one = _start_in_page(first, SLOW_NAMES[1], "198.51.100.7")
    other = _start_in_page(second, SLOW_NAMES[1], "198.51.100.8")
    pages = [
        _poll_until_settled(instance, "/en" + report, PROBE_SECONDS + 10)
        for instance, report in ((first, one), (second, other))
    ]
    assert lab.connections_to_slow() - before == 2 * one_probe
    assert _port_lines(pages[0]) == _port_lines(pages[1])
    assert len(_port_lines(pages[0])) == 3


def test_a_staff_login_on_one_is_valid_on_the_other(instances):
    first, second = instances
    cookies = Cookies()
    status, headers, page = first.request("GET", "/staff/login/")
    cookies.take(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert status == 200
    assert token
    status, headers, _ = first.request(
        "POST",
        "/staff/login/",
        body=urlencode(
            {"username": "agent", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
        ).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **cookies.header()},
    )
    assert status == 302, "logged in"
    cookies.take(headers)
    status, _, page = second.request("GET", "/staff/", headers=cookies.header())
    assert status == 200
    assert "agent" in page
    # Without the cookie, the other instance sends an anonymous visitor to log in.
    assert second.request("GET", "/staff/")[0] == 302


def test_stopping_one_mid_probe_leaves_the_report_settled(instances):
    """A graceful stop (SIGTERM, as a deploy or a scale-down sends) settles the
    probes the instance was running at once, long before their deadline."""
    first, second = instances
    started = time.monotonic()
    report = _start_in_page(second, SILENT_NAME, "198.51.100.5")
    time.sleep(0.5)  # its ports are held open by the silent servers now
    assert 'aria-busy="true"' in first.request("GET", report)[2]
    second.process.send_signal(signal.SIGTERM)
    second.process.wait(30)
    status, _, page = first.request("GET", "/en" + report)
    assert time.monotonic() - started < PROBE_SECONDS, "settled by the stop, not the deadline"
    assert status == 200
    assert 'aria-busy="true"' not in page
    assert "interrupted" in page
