"""The 404 page: what it says, and a language switch that leads somewhere else."""

from __future__ import annotations

from tests.conftest import texts


def language_link(html: str) -> str:
    return html.split('hreflang="', 1)[0].rsplit('<a href="', 1)[1].split('"', 1)[0]


def test_the_japanese_404_links_to_the_same_address_in_english(client):
    response = client.get("/nowhere/?a=1")
    assert response.status_code == 404
    assert language_link(response.content.decode()) == "/en/nowhere/?a=1"


def test_the_english_404_links_to_the_same_address_in_japanese(client):
    response = client.get("/en/nowhere/")
    assert response.status_code == 404
    assert language_link(response.content.decode()) == "/nowhere/"


def test_the_404_of_a_known_page_with_a_bad_part_still_switches(client):
    response = client.get("/en/step/nothing/")
    assert response.status_code == 404
    assert language_link(response.content.decode()) == "/step/nothing/"


def test_the_404_says_what_happened_and_where_to_start(client):
    html = client.get("/nowhere/").content.decode()
    assert texts(html, "p")[0] == (
        "お探しのページは見つかりませんでした。アドレスに誤りがないかご確認ください。"
        "診断は次のボタンから始められます。"
    )
    english = client.get("/en/nowhere/").content.decode()
    assert texts(english, "p")[0] == (
        "We could not find the page you were looking for. Please check that the address "
        "is correct. You can start the check with the button below."
    )
