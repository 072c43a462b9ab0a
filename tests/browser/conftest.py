"""Real Chromium (Debian's) driven by Playwright against the live test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Browser:
    """One Chromium per module: Playwright runs an event loop in this thread
    while it lives, which must be gone before tests that start their own."""
    # Meanwhile the database calls pytest-django makes are still plain sync ones.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(browser, live_server):
    """A page in a fresh context; CSP errors and failed requests fail the test."""
    contexts = []
    pages: list[Page] = []

    def opener(*, viewport=PHONE, javascript=True, bypass_csp=False, locale="ja-JP") -> Page:
        context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            locale=locale,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.problems = []
        # HTTP statuses a test provokes on purpose; their console lines are expected.
        page.expected_statuses = set()
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.base = live_server.url
        pages.append(page)
        return page

    yield opener
    problems = [
        problem
        for page in pages
        for problem in page.problems
        if not any(f"status of {code}" in problem for code in page.expected_statuses)
    ]
    for context in contexts:
        context.close()
    assert problems == [], problems


def shot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
