"""While Redis or the database is out of reach: a friendly "not now", never a 500.

Redis here is a real address where nothing listens (a stopped server): every
cache call is refused by the kernel, as when Redis restarts.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.servers.smtp_servers import free_port


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }
    # As a browser would see it: the error page, not the exception.
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_the_probe_api_says_not_now_in_json(redis_down):
    response = redis_down.post(
        "/api/probe", json.dumps({"target": "smtp.example.jp"}), content_type="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert "もう一度お試しください" in error["message"]


@pytest.mark.django_db
def test_the_probe_form_says_not_now_on_a_page(redis_down):
    response = redis_down.post("/probe/", {"target": "smtp.example.jp"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "しばらくしてから、もう一度お試しください" in page
    assert 'href="/"' in page  # and a way on


@pytest.mark.django_db
def test_the_staff_login_says_not_now(redis_down, staff_agent):
    page = redis_down.get("/staff/login/")
    token = page.cookies["staff_csrftoken"].value
    response = redis_down.post(
        "/staff/login/",
        {"username": "agent", "password": "x", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 503


def test_the_wizard_pages_need_no_redis(redis_down):
    response = redis_down.get(
        "/result/?network=plala&service=other-isp&client=thunderbird&port=25&auth=no"
    )
    assert response.status_code == 200
