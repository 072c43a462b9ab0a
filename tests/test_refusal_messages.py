"""What the probe says when it will not check an address: one whole sentence
for each kind of address, word for word, in both languages."""

from __future__ import annotations

import pytest
from django.utils import translation

from wizard.probe.core.addresses import Refusal
from wizard.probe.core.report import ProbeReport, Refused
from wizard.probe.core.targets import TargetKind
from wizard.probe.page_context import refusal_text
from wizard.probe.wording import FORBIDDEN_ADDRESSES, FORBIDDEN_NAMES


def refused(target: str, kind: TargetKind, detail: Refusal | None) -> ProbeReport:
    return ProbeReport(
        target=target, kind=kind, refused=Refused.FORBIDDEN_ADDRESS, refusal_detail=detail
    )


@pytest.mark.parametrize(
    ("target", "detail", "japanese", "english"),
    [
        pytest.param(
            "127.0.0.1",
            Refusal.LOOPBACK,
            "127.0.0.1 はお使いのコンピューター自身を指す特別なアドレスのため、確認できません。"
            "インターネット上のサーバー名（例：smtp.example.jp）を入力してください。",
            "127.0.0.1 is a special address that points to your own computer, so it cannot "
            "be checked. Please enter a server name on the internet, such as smtp.example.jp.",
            id="loopback",
        ),
        pytest.param(
            "10.0.0.1",
            Refusal.PRIVATE,
            "10.0.0.1 はプライベートIPアドレスのため、当サイトのサーバーからは確認できません。"
            "インターネット上のサーバー名（例：smtp.example.jp）を入力してください。",
            "10.0.0.1 is a private IP address, so our server cannot check it. Please enter "
            "a server name on the internet, such as smtp.example.jp.",
            id="private",
        ),
        pytest.param(
            "169.254.169.254",
            Refusal.LINK_LOCAL,
            "169.254.169.254 は同じネットワークの中だけで使われるアドレスのため、"
            "当サイトのサーバーからは確認できません。"
            "インターネット上のサーバー名（例：smtp.example.jp）を入力してください。",
            "169.254.169.254 is an address that works only inside one local network, so our "
            "server cannot check it. Please enter a server name on the internet, such as "
            "smtp.example.jp.",
            id="link-local",
        ),
    ],
)
def test_an_address_typed_is_refused_in_one_sentence(target, detail, japanese, english):
    report = refused(target, TargetKind.ADDRESS, detail)
    with translation.override("ja"):
        assert refusal_text(report) == japanese
    with translation.override("en"):
        assert refusal_text(report) == english


def test_a_name_leading_to_such_an_address_says_where_it_leads():
    report = refused("intranet.example.jp", TargetKind.HOST, Refusal.PRIVATE)
    with translation.override("ja"):
        assert refusal_text(report) == (
            "intranet.example.jp の接続先はプライベートIPアドレスのため、当サイトのサーバーからは"
            "確認できません。インターネット上のサーバー名（例：smtp.example.jp）を入力してください。"
        )


def test_an_unknown_kind_of_address_still_reads_as_a_sentence():
    with translation.override("en"):
        assert refusal_text(refused("10.0.0.1", TargetKind.ADDRESS, None)) == (
            "10.0.0.1 leads to an address that our server does not check. Please enter a "
            "server name on the internet, such as smtp.example.jp."
        )


def bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("sentences", [FORBIDDEN_ADDRESSES, FORBIDDEN_NAMES])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_kind_of_address_has_its_sentence_without_nested_brackets(sentences, language):
    assert set(sentences) == set(Refusal)
    with translation.override(language):
        for text in map(str, sentences.values()):
            assert text.startswith("%(target)s ")
            assert bracket_depth(text.removeprefix("%(target)s")) <= 1
