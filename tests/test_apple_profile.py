"""``/setup/apple/?<answers>``: the Apple configuration profile of a result.

The profile is checked against Apple's own key list (apple/device-management,
derived into tests/fixtures/apple_profile_keys.json with its commit), and the
signed one with openssl, as a device would.
"""

from __future__ import annotations

import datetime as dt
import json
import plistlib
import subprocess
import uuid
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives.serialization import pkcs7
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wizard.questions import profile_signing, profile_words
from wizard.questions.core.apple_profile import (
    NoProfile,
    ProfileText,
    build_profile,
    profile_bytes,
)
from wizard.questions.core.isp import ACTIVE
from wizard.questions.core.mail_account import account_for_domain

KEYS = json.loads((Path(__file__).parent / "fixtures" / "apple_profile_keys.json").read_text())
PLIST_TYPES = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "array": list,
    "dictionary": dict,
    "data": bytes,
    "date": dt.datetime,
    "real": float,
}
PASSWORD_KEYS = {"IncomingPassword", "OutgoingPassword"}
SUBDOMAINS = sorted(ACTIVE.mail_subdomains.value)
PLALA_587 = "network=plala&service=plala&client=ios-mail&port=587&auth=yes&plan=set"


def answers_for(subdomain: str) -> str:
    return f"{PLALA_587}&domain={subdomain}.plala.or.jp"


def download(client, query: str, prefix: str = ""):
    return client.get(f"{prefix}/setup/apple/?{query}")


def profile_of(response) -> dict:
    assert response.status_code == 200, response.content.decode()[:500]
    return plistlib.loads(response.content)


def all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


def check_against_apple(payload: dict, *schemas: str) -> None:
    """Every key is one of Apple's for the payload, of its type (and in its
    range); every required key is there."""
    known = {key: spec for schema in schemas for key, spec in KEYS[schema].items()}
    for key, value in payload.items():
        assert key in known, f"{key} is not one of Apple's keys for {schemas}"
        spec = known[key]
        wanted = PLIST_TYPES[spec["type"]]
        assert isinstance(value, wanted), f"{key}: {type(value).__name__}, not {spec['type']}"
        if wanted is int:
            assert not isinstance(value, bool), key
        if "rangelist" in spec:
            assert value in spec["rangelist"], f"{key}: {value!r} not in {spec['rangelist']}"
    required = {key for key, spec in known.items() if spec["presence"] == "required"}
    assert required <= set(payload), f"missing {required - set(payload)}"


# The 95 subdomains ---------------------------------------------------------


def test_the_key_list_names_its_source():
    assert KEYS["source"]["repository"] == "https://github.com/apple/device-management"
    assert len(KEYS["source"]["commit"]) == 40
    assert KEYS["com.apple.mail.managed"]["EmailAccountType"]["presence"] == "required"


def test_there_are_95_subdomains():
    assert len(SUBDOMAINS) == 95


@pytest.mark.parametrize("subdomain", SUBDOMAINS)
def test_each_plala_address_gets_a_profile_for_its_own_server(client, subdomain):
    response = download(client, answers_for(subdomain))
    assert response["Content-Type"] == "application/x-apple-aspen-config"
    assert response["Content-Disposition"] == (
        f'attachment; filename="plala-mail-{subdomain}.mobileconfig"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    profile = profile_of(response)
    check_against_apple(profile, "TopLevel")
    [mail] = profile["PayloadContent"]
    check_against_apple(mail, "CommonPayloadKeys", "com.apple.mail.managed")
    server = f"{subdomain}.mail.plala.or.jp"
    assert mail["PayloadType"] == "com.apple.mail.managed"
    assert mail["EmailAccountType"] == "EmailTypePOP"
    assert mail["IncomingMailServerHostName"] == server
    assert mail["IncomingMailServerPortNumber"] == 110
    assert mail["OutgoingMailServerHostName"] == server
    assert mail["OutgoingMailServerPortNumber"] == 587
    assert mail["IncomingMailServerAuthentication"] == "EmailAuthPassword"
    assert mail["OutgoingMailServerAuthentication"] == "EmailAuthPassword"
    # The ISP's facts give no encryption for 587 and POP3 (the ISPDB's "plain").
    assert mail["OutgoingMailServerUseSSL"] is False
    assert mail["IncomingMailServerUseSSL"] is False
    assert not all_keys(profile) & PASSWORD_KEYS
    # We never know the local part: the device asks for the address and user names.
    assert not all_keys(profile) & {
        "EmailAddress",
        "IncomingMailServerUsername",
        "OutgoingMailServerUsername",
    }
    assert profile["PayloadRemovalDisallowed"] is False

    again = profile_of(download(client, answers_for(subdomain)))
    assert profile["PayloadIdentifier"] == again["PayloadIdentifier"]
    assert profile["PayloadIdentifier"] == f"jp.or.plala.mail-setup.{subdomain}"
    assert mail["PayloadIdentifier"] == again["PayloadContent"][0]["PayloadIdentifier"]
    assert mail["PayloadIdentifier"] == f"jp.or.plala.mail-setup.{subdomain}.mail"
    uuids = {profile["PayloadUUID"], mail["PayloadUUID"]}
    uuids_again = {again["PayloadUUID"], again["PayloadContent"][0]["PayloadUUID"]}
    assert len(uuids) == 2
    assert not uuids & uuids_again
    assert all(uuid.UUID(u) for u in uuids)


def test_the_names_are_in_japanese_by_default(client):
    profile = profile_of(download(client, answers_for("abc")))
    assert profile["PayloadDisplayName"] == "ぷららメール（abc.plala.or.jp）"
    assert profile["PayloadOrganization"] == "メール送信かんたん診断"
    [mail] = profile["PayloadContent"]
    assert mail["EmailAccountDescription"] == "ぷらら（abc.plala.or.jp）"
    assert "abc.mail.plala.or.jp" in profile["PayloadDescription"]
    assert "「@」より前" in profile["PayloadDescription"]


def test_and_in_english_under_en(client):
    profile = profile_of(download(client, answers_for("abc"), prefix="/en"))
    assert profile["PayloadDisplayName"] == "Plala Mail (abc.plala.or.jp)"
    assert profile["PayloadOrganization"] == "Mail sending check"
    assert profile["PayloadContent"][0]["EmailAccountDescription"] == "Plala (abc.plala.or.jp)"
    assert profile["PayloadDescription"] == (
        "Adds your Plala mail address at abc.plala.or.jp to Mail as a new account: "
        "receiving (POP3) from abc.mail.plala.or.jp, sending from abc.mail.plala.or.jp "
        "on port 587 with SMTP authentication. The profile holds no password.\n\n"
        "While installing, enter your e-mail address, then as the user name the part "
        "of your address before “@”, and your mail password."
    )


def test_the_url_has_a_name_in_both_languages():
    with translation.override("ja"):
        assert reverse("questions:setup-apple") == "/setup/apple/"
    with translation.override("en"):
        assert reverse("questions:setup-apple") == "/en/setup/apple/"


def test_the_generator_takes_its_uuids_from_the_factory():
    account = account_for_domain("abc.plala.or.jp")
    made = iter([uuid.UUID(int=1), uuid.UUID(int=2)])
    text = ProfileText(display_name="n", description="d", organization="o", account_description="a")
    profile = build_profile(account, text=text, new_uuid=lambda: next(made))
    assert profile["PayloadContent"][0]["PayloadUUID"] == str(uuid.UUID(int=1)).upper()
    assert profile["PayloadUUID"] == str(uuid.UUID(int=2)).upper()
    assert plistlib.loads(profile_bytes(profile)) == profile


# No profile: 400 with the reason --------------------------------------------


def refusal_text(response) -> str:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        pytest.param(
            "network=plala&service=other-isp&client=ios-mail&port=587&auth=yes",
            NoProfile.NOT_ISP_SERVER,
            id="another-isp",
        ),
        pytest.param(
            "network=plala&service=own-dynamic&client=postfix&port=25&auth=no",
            NoProfile.NOT_ISP_SERVER,
            id="own-dynamic",
        ),
        pytest.param(
            "network=plala&service=plala&client=ios-mail&port=25&auth=no&plan=light"
            "&domain=abc.plala.or.jp",
            NoProfile.NOT_ISP_SERVER,
            id="light-on-25-without-auth",
        ),
        pytest.param(PLALA_587, NoProfile.NO_DOMAIN, id="no-domain"),
        pytest.param(
            f"{PLALA_587}&domain=newname.plala.or.jp", NoProfile.UNKNOWN_DOMAIN, id="unknown"
        ),
    ],
)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_results_without_the_isps_own_account_get_400_saying_why(client, query, reason, prefix):
    html = refusal_text(download(client, query, prefix))
    language = "en" if prefix else "ja"
    with translation.override(language):
        message = str(profile_words.REFUSALS[reason]) % {
            **ACTIVE.names_in(language),
            "domain": "newname.plala.or.jp",
        }
        link_text = str(
            profile_words.TO_THE_DOMAIN_QUESTION
            if reason in (NoProfile.NO_DOMAIN, NoProfile.UNKNOWN_DOMAIN)
            else profile_words.BACK_TO_RESULT
        )
    assert escape(message) in html
    assert link_text in html
    if reason in (NoProfile.NO_DOMAIN, NoProfile.UNKNOWN_DOMAIN):
        assert f'href="{prefix}/step/domain/?' in html
    else:
        assert f'href="{prefix}/result/?' in html


def test_the_japanese_reason_reads_naturally(client):
    html = refusal_text(download(client, "network=plala&service=other-isp&port=587&auth=yes"))
    assert "この回答では構成プロファイルを作成できません" in html


@pytest.mark.parametrize(
    ("query", "link"),
    [
        pytest.param("network=plala&service=plala", "/step/", id="incomplete"),
        pytest.param("", "/step/", id="nothing"),
        pytest.param(f"{PLALA_587}&domain=gmail.com", "/step/domain/", id="not-a-plala-domain"),
        pytest.param("network=moon&service=plala", "/step/network/", id="unreadable"),
    ],
)
def test_incomplete_or_unreadable_answers_get_400_with_a_way_back(client, query, link):
    html = refusal_text(download(client, query))
    assert "この回答では構成プロファイルを作成できません" in html
    assert f'href="{link}' in html


# Signing ---------------------------------------------------------------------


@pytest.fixture
def signing_files(tmp_path, settings):
    """A test CA, an intermediate and a leaf; the leaf's chain and key as PEM files."""
    root = trustme.CA()
    intermediate = root.create_child_ca()
    leaf = intermediate.issue_cert("profiles.example.jp")
    cert = tmp_path / "chain.pem"
    cert.write_bytes(b"".join(blob.bytes() for blob in leaf.cert_chain_pems))
    key = tmp_path / "key.pem"
    leaf.private_key_pem.write_to_path(str(key))
    ca = tmp_path / "ca.pem"
    root.cert_pem.write_to_path(str(ca))
    settings.WIZARD_PROFILE_SIGNING_CERT = str(cert)
    settings.WIZARD_PROFILE_SIGNING_KEY = str(key)
    return {"ca": ca, "cert": cert, "key": key, "leaf": leaf, "intermediate": intermediate}


def test_without_the_settings_profiles_are_unsigned(client, settings):
    settings.WIZARD_PROFILE_SIGNING_CERT = ""
    settings.WIZARD_PROFILE_SIGNING_KEY = ""
    assert profile_signing.is_signed() is False
    assert download(client, answers_for("abc")).content.startswith(b"<?xml")


def test_a_signed_profile_verifies_with_openssl_and_holds_the_plist(
    client, signing_files, tmp_path
):
    assert profile_signing.is_signed() is True
    response = download(client, answers_for("abc"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-apple-aspen-config"
    signed = tmp_path / "profile.mobileconfig"
    signed.write_bytes(response.content)
    content = tmp_path / "content.plist"
    # Only the root is trusted: the intermediate must travel in the signature.
    verified = subprocess.run(
        [
            "openssl",
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            str(signed),
            "-CAfile",
            str(signing_files["ca"]),
            "-purpose",
            "any",
            "-out",
            str(content),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert "Verification successful" in verified.stderr
    profile = plistlib.loads(content.read_bytes())
    assert profile["PayloadIdentifier"] == "jp.or.plala.mail-setup.abc"
    assert profile["PayloadContent"][0]["OutgoingMailServerPortNumber"] == 587
    check_against_apple(profile, "TopLevel")

    # The same structure as the unsigned profile, but for the fresh UUIDs.
    assert without_uuids(profile) == without_uuids(profile_of_unsigned(client))


def profile_of_unsigned(client):
    from django.conf import settings

    cert, key = settings.WIZARD_PROFILE_SIGNING_CERT, settings.WIZARD_PROFILE_SIGNING_KEY
    settings.WIZARD_PROFILE_SIGNING_CERT = settings.WIZARD_PROFILE_SIGNING_KEY = ""
    try:
        return profile_of(download(client, answers_for("abc")))
    finally:
        settings.WIZARD_PROFILE_SIGNING_CERT, settings.WIZARD_PROFILE_SIGNING_KEY = cert, key


def without_uuids(profile: dict) -> dict:
    return {
        **{k: v for k, v in profile.items() if k != "PayloadUUID"},
        "PayloadContent": [
            {k: v for k, v in payload.items() if k != "PayloadUUID"}
            for payload in profile["PayloadContent"]
        ],
    }


def test_the_signature_carries_the_leaf_and_its_intermediate(client, signing_files):
    response = download(client, answers_for("abc"))
    carried = pkcs7.load_der_pkcs7_certificates(response.content)
    subjects = {c.subject.rfc4514_string() for c in carried}
    leaf = profile_signing.signer().certificate
    assert leaf.subject.rfc4514_string() in subjects
    assert len(carried) == 2


def test_a_key_that_is_not_the_certificates_fails_clearly(tmp_path, settings, signing_files):
    other = trustme.CA().issue_cert("other.example.jp")
    wrong_key = tmp_path / "other-key.pem"
    other.private_key_pem.write_to_path(str(wrong_key))
    settings.WIZARD_PROFILE_SIGNING_KEY = str(wrong_key)
    with pytest.raises(ImproperlyConfigured, match="is not the key of the first certificate"):
        profile_signing.is_signed()
    with pytest.raises(SystemCheckError, match=r"questions\.E001"):
        call_command("check")


def test_an_unreadable_file_fails_clearly(tmp_path, settings):
    settings.WIZARD_PROFILE_SIGNING_CERT = str(tmp_path / "missing.pem")
    settings.WIZARD_PROFILE_SIGNING_KEY = str(tmp_path / "missing-key.pem")
    with pytest.raises(ImproperlyConfigured, match="WIZARD_PROFILE_SIGNING_CERT"):
        profile_signing.signer()


def test_one_setting_without_the_other_fails_clearly(settings, signing_files):
    settings.WIZARD_PROFILE_SIGNING_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="both"):
        profile_signing.signer()


def test_the_files_are_read_once(signing_files):
    assert profile_signing.signer() is profile_signing.signer()
