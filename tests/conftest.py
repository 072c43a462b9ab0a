from __future__ import annotations

from html.parser import HTMLParser

import pytest


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


@pytest.fixture
def answer_step():
    """Submit a step's form with one choice, the way a browser without JavaScript would."""

    def submit(client, response, value):
        form = Form(response.content.decode())
        (name,) = form.radios
        assert value in form.radios[name], (value, form.radios)
        return client.get(form.action, {**form.hidden, name: value})

    return submit


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and per-target reuse live in the cache: each test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
