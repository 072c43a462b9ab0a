from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.servers.dns_server import DnsServer
from tests.servers.smtp_servers import SERVER_NAME, Certificates, Seen, start_server
from wizard.probe.core.addresses import parse_networks


def pytest_collection_modifyitems(items):
    """Tests under tests/browser drive Chromium: mark them, and run them last."""
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


class Form(HTMLParser):
    """The first GET form of a page: its action, hidden fields and radio choices."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.action: str | None = None
        self.hidden: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}
        self.checked: dict[str, str] = {}
        self._in_form = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "form" and self.action is None:
            self.action, self._in_form = attr.get("action"), True
        elif tag == "input" and self._in_form:
            if attr.get("type") == "hidden":
                self.hidden[attr["name"]] = attr.get("value", "")
            elif attr.get("type") == "radio":
                self.radios.setdefault(attr["name"], []).append(attr["value"])
                if "checked" in attr:
                    self.checked[attr["name"]] = attr["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


# Elements that never have an end tag, so never hold text.
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _Texts(HTMLParser):
    def __init__(self, selector: str) -> None:
        super().__init__()
        self.selector = selector
        self.found: list[str] = []
        self._depth = 0
        # (depth, index in ``found``, text so far) of each matching element still open.
        self._open: list[tuple[int, int, list[str]]] = []

    def _matches(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        attr = dict(attrs)
        if self.selector.startswith("#"):
            return attr.get("id") == self.selector[1:]
        if self.selector.startswith("."):
            return self.selector[1:] in (attr.get("class") or "").split()
        return tag == self.selector

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        self._depth += 1
        if self._matches(tag, attrs):
            self._open.append((self._depth, len(self.found), []))
            self.found.append("")

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if self._open and self._open[-1][0] == self._depth:
            _, index, parts = self._open.pop()
            self.found[index] = " ".join("".join(parts).split())
        self._depth -= 1

    def handle_data(self, data):
        for _, _, parts in self._open:
            parts.append(data)


def texts(html: str, selector: str) -> list[str]:
    """The text of every element matching ``#id``, ``.class`` or a tag name, in
    page order, with entities decoded and white space collapsed as a reader sees it."""
    parser = _Texts(selector)
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture
def answer_step():
    """Submit a step's form with one choice, the way a browser without JavaScript would."""

    def submit(client, response, value):
        form = Form(response.content.decode())
        (name,) = form.radios
        assert value in form.radios[name], (value, form.radios)
        return client.get(form.action, {**form.hidden, name: value})

    return submit


@pytest.fixture(autouse=True, scope="session")
def _no_counts_left_at_exit():
    """Counts a test left unstored would be written at exit, after the test
    database is gone: into the development one. Forget them instead."""
    yield
    from wizard.web.counting import COUNTER

    COUNTER.discard()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and per-target reuse live in the cache: each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# A probe lab: real SMTP and DNS servers on loopback ------------------------------

LOOPBACK = tuple(parse_networks(["127.0.0.0/8"]))
RECORDS = {
    (SERVER_NAME, "A"): ["127.0.0.1"],
    ("_submission._tcp.example.test", "SRV"): [f"0 1 587 {SERVER_NAME}."],
    ("example.test", "MX"): ["10 mx.example.test."],
    ("smtp.guess.test", "A"): ["127.0.0.1"],
    ("inward.test", "A"): ["127.0.0.1"],
    ("dual.test", "A"): ["127.0.0.1"],
    ("dual.test", "AAAA"): ["::1"],
}


@pytest.fixture
def certs(tmp_path):
    return Certificates(tmp_path, SERVER_NAME)


@pytest.fixture
def lab(certs):
    """Port 587 with STARTTLS and AUTH after TLS, 465 with implicit TLS, 25 with neither."""
    seen = Seen()
    servers = {
        587: start_server(seen=seen, starttls=certs.server_context(), auth=True),
        465: start_server(seen=seen, implicit=certs.server_context(), auth=True),
        25: start_server(seen=seen),
    }
    yield seen, {port: server.port for port, server in servers.items()}
    for server in servers.values():
        server.stop()


@pytest.fixture
def dns_lab():
    with DnsServer(RECORDS) as server:
        yield server


@pytest.fixture
def web_lab(lab, dns_lab, certs, settings):
    seen, ports = lab
    settings.WIZARD_PROBE_PORT_MAP = ",".join(f"{k}:{v}" for k, v in ports.items())
    settings.WIZARD_PROBE_ALLOW_NETWORKS = ["127.0.0.0/8"]
    settings.WIZARD_DNS_NAMESERVERS = [dns_lab.address]
    settings.WIZARD_PROBE_CA_FILE = certs.cafile
    settings.WIZARD_PROBE_TIMEOUT = 5
    return seen


STAFF_PASSWORD = "a long test passphrase 7"


@pytest.fixture
def staff_agent(db, settings):
    """A support agent's account (a quick hasher: these tests are about pages)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("agent", password=STAFF_PASSWORD, is_staff=True)


@pytest.fixture
def console(client, staff_agent):
    """The test client, logged in to the support console."""
    client.force_login(staff_agent)
    return client
