"""Every page a visitor can reach, as text, for comparing two versions of the code.

    python scripts/snapshot_pages.py OUT.jsonl.gz
    python scripts/snapshot_pages.py --compare A.jsonl.gz B.jsonl.gz

It crawls the site the way a browser without JavaScript would: from the start
pages it follows every link and submits every step's form with each of its
choices (and with none), in both languages, full pages and their htmx
fragments. It adds the JSON API for every result reached, pages for
unreadable answers, probe reports of many shapes (stored through the SQL
table, whose name is a contract) and the probe's refusals of bad targets.

For each page it keeps the status, the headers a client relies on, the visible
text (with the links and form targets a user follows) and a hash of the HTML.
Only public URLs and the table are used, so the same script runs on any
version of the code. ``--compare`` prints what differs.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SHOWN_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "value",
    "href",
    "action",
    "hx-get",
    "hx-post",
    "lang",
    "hreflang",
    "data-copied",
    "data-copy-failed",
}
HEADERS_KEPT = ("Location", "Content-Type", "Allow", "Retry-After", "HX-Push-Url")


class Page(HTMLParser):
    """The visible text of a page, its links, and its GET forms with their choices."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._skip = 0
        # Inside the answers summary: its "Change" links reach every mix of
        # answers, far beyond the pages the questions lead to.
        self._in_summary = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        shown = [f"{k}={v}" for k, v in attrs if k in SHOWN_ATTRIBUTES]
        self.text.append(f"<{tag} {' '.join(shown)}>" if shown else f"<{tag}>")
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "dl" and "answers" in attr.get("class", "").split():
            self._in_summary = True
        # The language switch: both languages are crawled from their own start.
        if tag == "a" and attr.get("href") and not self._in_summary and "hreflang" not in attr:
            self.links.append(attr["href"])
        if tag == "form" and attr.get("method", "get").lower() == "get":
            self._form = {"action": attr.get("action", ""), "hidden": [], "radios": {}}
            self.forms.append(self._form)
        if tag == "input" and self._form is not None:
            kind = attr.get("type", "text")
            if kind == "hidden":
                self._form["hidden"].append((attr.get("name", ""), attr.get("value", "")))
            elif kind == "radio":
                self._form["radios"].setdefault(attr["name"], []).append(attr.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag == "form":
            self._form = None
        if tag == "dl":
            self._in_summary = False

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.text.append(" ".join(data.split()))


def internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/") and "/static/" not in url


def crawl(client, seeds: list[str]) -> dict[str, dict]:
    pages: dict[str, dict] = {}
    queue = deque(seeds)
    seen = set(seeds)

    def visit(url: str) -> None:
        if url not in seen:
            seen.add(url)
            queue.append(url)

    while queue:
        url = queue.popleft()
        response = client.get(url, REMOTE_ADDR="unknown")
        pages[f"GET {url}"] = record(response)
        location = response.headers.get("Location")
        if location and internal(location):
            visit(location)
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        fragment = client.get(
            url, REMOTE_ADDR="unknown", HTTP_HX_REQUEST="true", HTTP_HX_BOOSTED="true"
        )
        pages[f"HTMX {url}"] = record(fragment)
        page = Page(response.content.decode())
        for link in page.links:
            if internal(link):
                visit(link)
        for form in page.forms:
            if not internal(form["action"]):
                continue
            hidden = form["hidden"]
            visit(f"{form['action']}?{urlencode(hidden)}")
            for name, values in form["radios"].items():
                for value in values:
                    visit(f"{form['action']}?{urlencode([*hidden, (name, value)])}")
    return pages


def record(response) -> dict:
    body = response.content
    headers = {name: response.headers[name] for name in HEADERS_KEPT if name in response.headers}
    entry = {"status": response.status_code, "headers": headers}
    if response.headers.get("Content-Type", "").startswith("text/html"):
        entry["text"] = "\n".join(Page(body.decode()).text)
    else:
        entry["text"] = body.decode(errors="replace")
    entry["html_sha256"] = hashlib.sha256(body).hexdigest()
    return entry


def _port(port: int, outcome: str | None, **extra: object) -> dict:
    return {
        "port": port,
        "real_port": port,
        "implicit_tls": port == 465,
        "outcome": outcome,
        "phase": extra.pop("phase", "done" if outcome == "answered" else "connect"),
        "detail": "",
        "greeting_code": None,
        "greeting": "",
        "ehlo": {},
        "ehlo_tls": {},
        "starttls_offered": False,
        "tls": None,
        "elapsed_ms": 12,
        "bytes_read": 0,
        "transcript": [],
        **extra,
    }


TLS_GOOD = {
    "version": "TLSv1.3",
    "cipher": "TLS_AES_256_GCM_SHA384",
    "names": ["smtp.example.jp", "*.example.jp"],
    "issuer": "Example CA",
    "not_after": "2027-03-01",
    "expired": False,
    "trusted": True,
    "trust_error": "",
    "name_match": True,
}
TLS_BAD = {
    **TLS_GOOD,
    "names": ["wrong.example.org"],
    "issuer": "wrong.example.org",
    "not_after": "2020-01-01",
    "expired": True,
    "trusted": False,
    "trust_error": "self-signed certificate",
    "name_match": False,
}
ANSWERED_587 = _port(
    587,
    "answered",
    greeting_code=220,
    greeting="smtp.example.jp ESMTP <b>hi</b>",
    ehlo={"PIPELINING": "", "SIZE": "10240000", "STARTTLS": "", "8BITMIME": ""},
    ehlo_tls={"PIPELINING": "", "SIZE": "10240000", "AUTH": "LOGIN PLAIN", "X-ODD": "1"},
    starttls_offered=True,
    tls=TLS_GOOD,
    transcript=["S: 220 smtp.example.jp ESMTP <b>hi</b>", "C: EHLO localhost", "S: 250 ok"],
)
REPORTS = {
    "host-all-answer": (
        "done",
        "service=plala&network=other&client=thunderbird&port=587&auth=yes",
        {
            "target": "smtp.example.jp",
            "kind": "host",
            "host": "smtp.example.jp",
            "address": "192.0.2.10",
            "discovery": {"host": "smtp.example.jp", "chosen_by": "host", "mx": []},
            "ports": [
                ANSWERED_587,
                _port(
                    465,
                    "answered",
                    greeting_code=220,
                    greeting="hi",
                    ehlo={"AUTH": "PLAIN", "SIZE": "1"},
                    tls=TLS_GOOD,
                ),
                _port(25, "answered", greeting_code=220, greeting="hi", ehlo={"AUTH": "LOGIN"}),
            ],
        },
    ),
    "email-srv-mixed": (
        "done",
        "network=plala&service=other-isp&port=25&client=outlook",
        {
            "target": "someone@example.jp",
            "kind": "email",
            "host": "mail.example.jp",
            "address": "192.0.2.11",
            "discovery": {
                "host": "mail.example.jp",
                "chosen_by": "srv-submission",
                "mx": ["mx1.example.jp", "mx2.example.jp"],
            },
            "ports": [
                _port(587, "tls-failed", phase="starttls", detail="STARTTLS 454 not now"),
                _port(465, "protocol", phase="greeting", detail="garbage: HTTP/1.1 400"),
                _port(25, "busy", phase="greeting", greeting_code=421, greeting="busy"),
            ],
        },
    ),
    "guess-closed": (
        "done",
        "",
        {
            "target": "other@example.net",
            "kind": "email",
            "host": "smtp.example.net",
            "address": "192.0.2.12",
            "discovery": {"host": "smtp.example.net", "chosen_by": "guess", "mx": []},
            "ports": [
                _port(587, "refused"),
                _port(465, "no-answer", detail="TLS handshake timed out"),
                _port(25, "unreachable"),
            ],
        },
    ),
    "odd-outcomes": (
        "done",
        "network=plala&service=plala&port=25&auth=no&plan=set&client=becky",
        {
            "target": "192.0.2.13",
            "kind": "address",
            "host": None,
            "address": "192.0.2.13",
            "discovery": {"host": None, "chosen_by": "address", "mx": []},
            "ports": [
                _port(
                    587,
                    "answered",
                    greeting_code=220,
                    greeting="x",
                    ehlo={"AUTH": "PLAIN LOGIN", "STARTTLS": ""},
                    ehlo_tls={"AUTH": "PLAIN LOGIN"},
                    starttls_offered=True,
                    tls=TLS_BAD,
                ),
                _port(465, "timeout", phase="tls", detail="the check was interrupted"),
                _port(25, "rejected", phase="greeting", greeting_code=554, greeting="go away"),
            ],
        },
    ),
    "silent-closed-line": (
        "done",
        "network=plala&service=hosting&port=587&auth=yes&client=ios-mail",
        {
            "target": "mail.example.com",
            "kind": "host",
            "host": "mail.example.com",
            "address": "192.0.2.14",
            "discovery": {"host": "mail.example.com", "chosen_by": "host", "mx": []},
            "ports": [
                _port(587, "silent", phase="greeting"),
                _port(465, "protocol", phase="ehlo", detail="closed: 421 bye"),
                _port(25, "protocol", phase="ehlo", detail="line-too-long"),
            ],
        },
    ),
    "still-running": (
        "running",
        "network=other&service=plala&port=25&op25b=unknown&plan=set&client=android-gmail",
        {
            "target": "smtp.example.jp",
            "kind": "host",
            "host": "smtp.example.jp",
            "address": "192.0.2.10",
            "discovery": {"host": "smtp.example.jp", "chosen_by": "host", "mx": []},
            "ports": [ANSWERED_587, _port(465, None), _port(25, None)],
        },
    ),
}
BAD_TARGETS = [
    "",
    " ",
    "x" * 300,
    "has space.example.jp",
    "fe80::1%eth0",
    "not_a_name!",
    "@example.jp",
    "127.0.0.1",
    "10.0.0.1",
    "169.254.169.254",
    "[::ffff:127.0.0.1]",
    "2130706433",
    "<script>alert(1)</script>",
]
ODD_URLS = [
    "/result/?network=bogus",
    "/result/?network=plala&service=plala&port=99&auth=yes&plan=set",
    "/result/?network=plala&service=plala&port=587&auth=yes&plan=set&client=postfix",
    "/result/?network=plala&service=own-dynamic&client=thunderbird",
    "/result/?network=plala&service=plala&port=587&auth=yes&plan=set&client=becky&host=%25%25",
    "/result/?network=plala&service=plala&port=587&auth=yes&plan=set&client=becky&host=smtp.example.jp",
    "/result/?network=other&service=plala&port=587&auth=yes&op25b=yes&plan=set&client=outlook",
    "/step/port/?network=plala&service=plala&port=99",
    "/step/nonsense/",
    "/next/?from=network",
    "/next/?from=bogus&network=plala",
    "/probe/no-such-report/",
    "/no/such/page/",
    "/healthz",
]


def snapshot(out: Path) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="snapshot-"))
    os.environ["DJANGO_DB_PATH"] = str(workdir / "db.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["WIZARD_PROBE_RATE_LIMIT"] = ""
    os.environ["WIZARD_PROBE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    call_command("migrate", verbosity=0)
    now = timezone.now()
    with connection.cursor() as cursor:
        for report_id, (status, answers, report) in REPORTS.items():
            cursor.execute(
                "INSERT INTO wizard_proberecord"
                " (id, target, status, report, answers, created_at, expires_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    report_id,
                    report["target"],
                    status,
                    json.dumps(report),
                    answers,
                    now,
                    now + timezone.timedelta(days=30),
                ],
            )
    client = Client()
    seeds = ["/", "/cases/"]
    seeds += [f"/probe/{report_id}/" for report_id in REPORTS]
    seeds += ODD_URLS
    seeds += ["/en" + url for url in seeds if url != "/healthz"]
    pages = crawl(client, seeds)
    results = sorted({key.split(" ", 1)[1] for key in pages if "/result/?" in key})
    for url in results:
        query = url.split("?", 1)[1]
        pages[f"API /api/diagnose?{query}"] = record(client.get(f"/api/diagnose?{query}"))
    for url in ["/api/diagnose?network=plala", "/api/diagnose?network=x&port=1"]:
        pages[f"API {url}"] = record(client.get(url))
    pages["API POST /api/diagnose"] = record(client.post("/api/diagnose"))
    pages["API GET /api/probe"] = record(client.get("/api/probe"))
    for prefix in ("", "/en"):
        for target in BAD_TARGETS:
            form = {"target": target, "answers": "network=plala&service=plala&port=25"}
            key = f"{prefix}/probe/ target={target!r}"
            pages[f"POST {key}"] = record(client.post(f"{prefix}/probe/", form))
            pages[f"HTMX POST {key}"] = record(
                client.post(f"{prefix}/probe/", form, HTTP_HX_REQUEST="true")
            )
        pages[f"POST {prefix}/probe/ cross-site"] = record(
            client.post(
                f"{prefix}/probe/", {"target": "a.example"}, HTTP_SEC_FETCH_SITE="cross-site"
            )
        )
    for target in BAD_TARGETS:
        pages[f"API POST /api/probe target={target!r}"] = record(
            client.post(
                "/api/probe", json.dumps({"target": target}), content_type="application/json"
            )
        )
    pages["API POST /api/probe no target"] = record(
        client.post("/api/probe", "[1]", content_type="application/json")
    )
    with gzip.open(out, "wt", encoding="utf-8") as file:
        for key in sorted(pages):
            file.write(json.dumps({"key": key, **pages[key]}, ensure_ascii=False) + "\n")
    per_language = {
        language: sum(
            1
            for key in pages
            if key.startswith("GET ")
            and "/result/?" in key
            and key.startswith("GET /en/") == (language == "en")
        )
        for language in ("ja", "en")
    }
    print(f"{len(pages)} responses; result pages: {per_language}; written to {out}")
    return 0


def load(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as file:
        return {entry["key"]: entry for entry in map(json.loads, file)}


def _same_json(a: str, b: str) -> bool:
    """Two JSON bodies that say the same (escaping of non-ASCII aside)."""
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return False


def compare(before_path: Path, after_path: Path) -> int:
    before, after = load(before_path), load(after_path)
    problems = 0
    for key in sorted(before.keys() | after.keys()):
        if key not in after or key not in before:
            print(f"{'only before' if key in before else 'only after'}: {key}")
            problems += 1
            continue
        a, b = before[key], after[key]
        for field in ("status", "headers", "text"):
            if field == "text" and _same_json(a["text"], b["text"]):
                continue
            if a[field] != b[field]:
                problems += 1
                print(f"differs ({field}): {key}")
                if field == "text":
                    import difflib

                    diff = difflib.unified_diff(
                        a["text"].splitlines(), b["text"].splitlines(), lineterm="", n=1
                    )
                    print("\n".join(list(diff)[2:14]))
    same_html = sum(
        1 for k in before if k in after and before[k]["html_sha256"] == after[k]["html_sha256"]
    )
    print(
        f"{len(before)} responses before, {len(after)} after; {problems} differences in "
        f"status, headers or text; {same_html} byte-identical HTML bodies"
    )
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.paths)
    return snapshot(args.paths[0])


if __name__ == "__main__":
    sys.exit(main())
