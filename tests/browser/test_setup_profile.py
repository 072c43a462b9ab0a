"""The setup profile's block on an iPhone result, in a real Chromium at both
widths and in both languages: the download works, the QR code is for screens."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, shot

pytestmark = pytest.mark.django_db(transaction=True)

IPHONE = (
    "network=plala&service=plala&client=ios-mail&port=587&auth=yes&plan=set&domain=abc.plala.or.jp"
)
WORDS = {
    "ja": ("構成プロファイルをダウンロード", "新しいメールアカウントを追加します"),
    "en": ("Download the configuration profile", "adds a new mail account"),
}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_profile_downloads_on_a_phone_and_the_qr_code_shows_on_a_computer(
    open_page, language, tmp_path
):
    prefix = "" if language == "ja" else "/en"
    button, warning = WORDS[language]
    phone = open_page(viewport=PHONE)
    phone.goto(f"{phone.base}{prefix}/result/?{IPHONE}")
    block = phone.locator("#setup-profile")
    expect(block).to_contain_text(warning)
    expect(block.locator(".qr")).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    block.scroll_into_view_if_needed()
    shot(phone, f"setup-profile-{language}-360")
    with phone.expect_download() as download:
        block.get_by_role("link", name=button).click()
    saved = Path(tmp_path) / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "plala-mail-abc.mobileconfig"
    (mail,) = plistlib.loads(saved.read_bytes())["PayloadContent"]
    assert mail["OutgoingMailServerHostName"] == "abc.mail.plala.or.jp"

    desktop = open_page(viewport=DESKTOP)
    desktop.goto(f"{desktop.base}{prefix}/result/?{IPHONE}")
    expect(desktop.locator("#setup-profile .qr svg")).to_be_visible()
    shot(desktop, f"setup-profile-{language}-1280")
