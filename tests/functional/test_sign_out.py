"""Signing out ends the session on the server and leaves nothing personal in the browser."""

from tests.functional.conftest import ClientRequest


def test_a_cookie_saved_before_signing_out_no_longer_works(signed_in: ClientRequest) -> None:
    saved = signed_in.client.get_cookie("session")
    assert saved is not None
    signed_in.get("people.index")
    signed_in.post("auth.sign_out_view")
    signed_in.client.set_cookie("session", saved.value)
    response = signed_in.client.get("/people/")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/sign-in")


def test_signing_out_clears_the_browsers_cache_and_storage(signed_in: ClientRequest) -> None:
    response = signed_in.post("auth.sign_out_view")
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_personal_pages_stay_out_of_the_history_cache(signed_in: ClientRequest) -> None:
    response = signed_in.client.get("/people/")
    assert response.headers["Cache-Control"] == "no-store"
    assert signed_in.parse(response).select_one("[hx-history=false]") is not None
    signed_in.post("auth.sign_out_view")
    assert signed_in.get("home.index").select_one("[hx-history=false]") is None
