"""Abuse limits: per-client rate (429), probes in flight (503), per-target reuse,
and the client address behind a trusted proxy."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from tests.servers.smtp_servers import SERVER_NAME
from wizard.probe.limits import over_rate, parse_rate
from wizard.web.client_address import client_address

pytestmark = pytest.mark.django_db(transaction=True)


def api(client, target, **headers):
    return client.post(
        "/api/probe", json.dumps({"target": target}), content_type="application/json", **headers
    )


def test_over_the_rate_the_api_says_429_with_retry_after(client, settings):
    settings.WIZARD_PROBE_RATE_LIMIT = "2/m"
    assert api(client, "not a host").status_code == 400
    assert api(client, "not a host").status_code == 400
    response = api(client, "not a host")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate-limited"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_over_the_rate_the_page_asks_to_wait(client, settings):
    settings.WIZARD_PROBE_RATE_LIMIT = "1/h"
    client.post("/en/probe/", {"target": "x"})
    response = client.post("/en/probe/", {"target": "x"})
    assert response.status_code == 429
    assert "Please wait" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(client, settings):
    settings.WIZARD_PROBE_RATE_LIMIT = "1/h"
    assert api(client, "x y", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 400
    # Another claimed client, same real peer: still the same client.
    assert api(client, "x y", HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429
    settings.WIZARD_TRUSTED_PROXIES = ["127.0.0.1/32"]
    assert api(client, "x y", HTTP_X_FORWARDED_FOR="203.0.113.3").status_code == 400
    assert api(client, "x y", HTTP_X_FORWARDED_FOR="203.0.113.4").status_code == 400


def test_too_many_in_flight_is_503(client, settings):
    settings.WIZARD_PROBE_MAX_IN_FLIGHT = 0
    response = api(client, SERVER_NAME)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "busy"
    assert response["Retry-After"] == "10"


def test_a_target_probed_recently_reuses_its_report(client, web_lab):
    first = api(client, "taro@example.test").json()
    connections = len(web_lab.ehlo)
    second = api(client, "TARO@example.test").json()
    assert (first["cached"], second["cached"]) == (False, True)
    assert second["started_at"] == first["started_at"]
    assert second["ports"] == first["ports"]
    assert len(web_lab.ehlo) == connections
    # A record of its own: its own link, nobody else's answers.
    assert second["id"] != first["id"]


def test_a_reused_report_never_shows_another_visitors_answers(client, web_lab):
    theirs = "network=plala&service=other-isp&client=outlook&port=25&auth=no&host=a@example.test"
    first = client.post("/en/probe/", {"target": "a@example.test", "answers": theirs})
    second = client.post("/en/probe/", {"target": "a@example.test"})
    assert first["Location"] != second["Location"]
    mine = client.get(second["Location"]).content.decode()
    assert "Back to your result" not in mine
    kept = client.get(first["Location"]).content.decode()
    # Kept with the first visitor's report, but without the e-mail address.
    assert "client=outlook" in kept
    assert "host=" not in kept


def test_a_cross_site_post_is_refused(client, web_lab):
    response = api(client, SERVER_NAME, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "cross-site"
    assert web_lab.ehlo == []
    assert api(client, SERVER_NAME, HTTP_SEC_FETCH_SITE="same-origin").status_code == 200


def test_ipv6_clients_share_a_limit_per_64():
    from wizard.web.client_address import client_key

    assert client_key("2001:db8::1") == client_key("2001:db8::ffff:1") == "2001:db8::/64"
    assert client_key("203.0.113.7") == "203.0.113.7"


def test_reuse_can_be_switched_off(client, web_lab, settings):
    settings.WIZARD_PROBE_CACHE_SECONDS = 0
    first = api(client, SERVER_NAME).json()
    second = api(client, SERVER_NAME).json()
    assert first["id"] != second["id"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "client"),
    [
        ("198.51.100.7", "203.0.113.1", [], "198.51.100.7"),
        ("10.0.0.2", "203.0.113.1", ["10.0.0.0/8"], "203.0.113.1"),
        ("10.0.0.2", "203.0.113.9, 203.0.113.1, 10.0.0.3", ["10.0.0.0/8"], "203.0.113.1"),
        ("10.0.0.2", "garbage", ["10.0.0.0/8"], "10.0.0.2"),
        ("10.0.0.2", "", ["10.0.0.0/8"], "10.0.0.2"),
    ],
)
def test_client_address(remote, forwarded, trusted, client):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request, trusted) == client


def test_rates_are_read_and_windows_reset():
    rate = parse_rate("2/m")
    assert over_rate("k", rate, now=0) is None
    assert over_rate("k", rate, now=1) is None
    assert over_rate("k", rate, now=2) == 58
    assert over_rate("k", rate, now=60) is None
    assert parse_rate("") is None
    assert parse_rate("30/5m").seconds == 300
    with pytest.raises(ValueError, match="bad rate"):
        parse_rate("often")


def test_a_flood_of_page_addresses_cannot_reset_a_rate_limit(client, settings):
    settings.WIZARD_PROBE_RATE_LIMIT = "1/h"
    assert api(client, "x y").status_code == 400
    for n in range(1200):
        client.get(f"/cases/?n={n}")
    assert api(client, "x y").status_code == 429


def test_another_spelling_of_the_same_server_reuses_its_report(client, web_lab):
    first = api(client, "taro@example.test").json()
    connections = len(web_lab.ehlo)
    second = api(client, SERVER_NAME).json()
    third = api(client, "hanako@example.test").json()
    assert (second["cached"], third["cached"]) == (True, True)
    assert second["ports"] == third["ports"] == first["ports"]
    # Each sees what they typed, not the first visitor's address.
    assert (second["target"], third["target"]) == (SERVER_NAME, "hanako@example.test")
    assert len(web_lab.ehlo) == connections
