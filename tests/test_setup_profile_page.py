"""The result page's "download the settings" block for iPhone, iPad and Mac:
offered exactly where the profile endpoint serves one, worded in the system's
own words, and agreeing with the settings table above it."""

from __future__ import annotations

import plistlib
from html import unescape
from urllib.parse import urlencode

import pytest

from tests.test_pages import section, settings_table

pytestmark = pytest.mark.django_db

IPHONE = {
    "network": "plala",
    "service": "plala",
    "client": "ios-mail",
    "port": "587",
    "auth": "yes",
    "plan": "set",
    "domain": "abc.plala.or.jp",
}


def result(client, answers, prefix=""):
    return client.get(f"{prefix}/result/?{urlencode(answers)}").content.decode()


def profile_block(html: str) -> str:
    return section(html, 'id="setup-profile"')


def download_href(html: str) -> str:
    block = profile_block(html)
    start = block.index('href="', block.index("profile-download")) + len('href="')
    return unescape(block[start : block.index('"', start)])


def test_an_iphone_result_offers_the_profile_with_its_steps_and_warning(client):
    html = result(client, IPHONE)
    block = profile_block(html)
    assert "新しいメールアカウントを追加します" in block
    assert "「プロファイルがダウンロードされました」" in block
    assert "「設定」→「一般」→「VPNとデバイス管理」" in block
    assert "「インストール」" in block
    assert "メールパスワードを入力" in block
    assert "「プロファイルを削除」" in block
    assert "「未署名」" in block
    # A QR code for a computer's screen, hidden on a phone by the style sheet.
    assert 'class="qr desktop-only"' in block
    assert "<svg" in block
    # The manual steps stay below it.
    assert html.index('id="setup-profile"') < html.index('id="program-steps"')


def test_the_download_is_the_profile_of_the_settings_shown(client):
    html = result(client, IPHONE)
    table = settings_table(html)
    response = client.get(download_href(html))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-apple-aspen-config"
    (mail,) = plistlib.loads(response.content)["PayloadContent"]
    assert mail["OutgoingMailServerHostName"] in table.values()
    assert str(mail["OutgoingMailServerPortNumber"]) in table.values()


def test_a_mac_result_has_the_macs_steps_and_no_qr_code(client):
    block = profile_block(result(client, {**IPHONE, "client": "apple-mail"}))
    assert "「システム設定」→「一般」→「デバイス管理」" in block
    assert "VPNとデバイス管理" not in block
    assert "desktop-only" not in block


def test_english_pages_use_the_systems_english_words(client):
    block = profile_block(result(client, IPHONE, "/en"))
    assert "adds a new mail account" in block
    assert "“Profile Downloaded”" in block
    assert "“Settings” → “General” → “VPN & Device Management”" in unescape(block)
    assert "「" not in block


@pytest.mark.parametrize(
    "answers",
    [
        {**IPHONE, "domain": ""},  # no domain: no server name to put in it
        {**IPHONE, "domain": "newname.plala.or.jp"},  # not a domain we know
        {**IPHONE, "client": "thunderbird"},
        {**IPHONE, "service": "other-isp", "port": "25", "auth": "no"},
        {**IPHONE, "plan": "light", "port": "25", "auth": "no"},  # no login on port 25
    ],
    ids=["no-domain", "unknown-domain", "thunderbird", "other-isp", "light-port-25"],
)
def test_no_block_where_no_profile_is_served(client, answers):
    html = result(client, {k: v for k, v in answers.items() if v})
    assert 'id="setup-profile"' not in html
