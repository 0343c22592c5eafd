"""The page shell: language, text size, contrast, caching headers."""

import pytest
from flask.testing import FlaskClient

from tests.functional.conftest import ClientRequest


def test_home_page_is_chinese_by_default(client_request: ClientRequest) -> None:
    page = client_request.get("home.index")
    assert page.html["lang"] == "zh-Hans"
    assert page.html["dir"] == "ltr"
    assert page.h1.get_text(strip=True) == "长期护理保险"


def test_accept_language_uyghur_gives_right_to_left_uyghur(client_request: ClientRequest) -> None:
    page = client_request.get("home.index", _headers={"Accept-Language": "ug-CN,ug;q=0.9"})
    assert page.html["lang"] == "ug"
    assert page.html["dir"] == "rtl"
    assert page.h1.get_text(strip=True) == "ئۇزۇن مۇددەتلىك پەرۋىش سۇغۇرتىسى"


def test_unsupported_browser_language_falls_back_to_chinese(client_request: ClientRequest) -> None:
    page = client_request.get("home.index", _headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert page.html["lang"] == "zh-Hans"


def test_explicit_language_choice_beats_browser_and_is_remembered(
    client: FlaskClient, client_request: ClientRequest
) -> None:
    response = client.get("/language/ug?next=/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    page = client_request.get("home.index", _headers={"Accept-Language": "zh-CN"})
    assert page.html["lang"] == "ug"
    client.get("/language/zh?next=/")
    assert client_request.get("home.index").html["lang"] == "zh-Hans"


def test_language_switch_offers_the_other_language_named_in_itself(
    client_request: ClientRequest,
) -> None:
    switch = client_request.get("home.index").select_one("header nav.language-switch")
    (link,) = switch.select("a")
    assert (link["lang"], link.get_text(strip=True)) == ("ug", "ئۇيغۇرچە")
    assert link["href"] == "/language/ug?next=/"
    uyghur = client_request.get("home.index", _headers={"Accept-Language": "ug"})
    (link,) = uyghur.select_one("header nav.language-switch").select("a")
    assert (link["lang"], link.get_text(strip=True)) == ("zh", "中文")


def test_unknown_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/language/en").status_code == 404


def test_language_switch_does_not_redirect_off_site(client: FlaskClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/language/ug", query_string={"next": target})
        assert response.headers["Location"] == "/"


def test_text_size_choice_is_remembered(client_request: ClientRequest) -> None:
    response = client_request.post("preferences.text_size", {"size": "4", "next": "/"})
    assert "text_size=4" in response.headers["Set-Cookie"]
    assert "Max-Age=31536000" in response.headers["Set-Cookie"]
    page = client_request.get("home.index")
    assert "text-size-4" in page.html["class"]
    pressed = page.select_one(".text-size-choice[aria-pressed=true]")
    assert pressed["value"] == "4"


def test_text_size_out_of_range_is_ignored(client_request: ClientRequest) -> None:
    response = client_request.post("preferences.text_size", {"size": "9", "next": "/"})
    assert "Set-Cookie" not in response.headers or "text_size" not in response.headers["Set-Cookie"]
    assert "text-size-1" in client_request.get("home.index").html["class"]


def test_high_contrast_toggles_and_is_remembered(client_request: ClientRequest) -> None:
    client_request.post("preferences.theme", {"theme": "contrast", "next": "/"})
    page = client_request.get("home.index")
    assert "theme-contrast" in page.html["class"]
    toggle = page.select_one("button[name=theme]")
    assert toggle["aria-pressed"] == "true"
    assert toggle["value"] == "standard"


def test_a_post_without_csrf_token_changes_nothing_and_asks_again(
    client: FlaskClient, client_request: ClientRequest
) -> None:
    response = client.post("/preferences/text-size", data={"size": "2", "next": "/"})
    assert response.status_code == 303
    assert "text_size" not in response.headers.get("Set-Cookie", "")
    page = client_request.get("home.index")
    assert "text-size-1" in page.html["class"]
    assert "请再操作一次" in page.select_one(".notice").get_text()


def test_html_is_never_cached_and_varies_on_htmx(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]


def test_static_assets_are_cached_for_a_year(
    client_request: ClientRequest, client: FlaskClient
) -> None:
    page = client_request.get("home.index")
    stylesheet = page.select_one("link[rel=stylesheet]")["href"]
    script = page.select_one("script[src]")["src"]
    assert "?v=" in stylesheet
    assert "/htmx-" in script
    for url in (stylesheet, script):
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]
        response.close()


def test_every_page_offers_the_hotline(client_request: ClientRequest) -> None:
    footer = client_request.get("home.index").select_one("footer")
    assert footer.select_one("a[href^='tel:']").get_text(strip=True) == "12393"


@pytest.mark.parametrize("size", ["1", "4"])
def test_size_and_contrast_are_behind_one_control_in_the_header(
    client_request: ClientRequest, size: str
) -> None:
    client_request.post("preferences.text_size", {"size": size, "next": "/"})
    header = client_request.get("home.index").select_one("header")
    (settings,) = header.select("details.disclosure--display-settings")
    assert settings.summary.get_text(strip=True) == "字号"
    assert not settings.has_attr("open")
    sizes = settings.select("button[name=size]")
    assert [b.get_text(strip=True) for b in sizes] == ["标准", "大", "更大", "最大"]
    assert [b["value"] for b in sizes if b["aria-pressed"] == "true"] == [size]
    assert settings.select_one("button[name=theme]").get_text(strip=True) == "高对比度"
    assert len(header.select("button")) == 5, "nothing else in the header is a button"


def test_signing_out_is_inside_the_account_menu(signed_in: ClientRequest) -> None:
    header = signed_in.get("home.index").select_one("header")
    menu = header.select_one("details.disclosure--account")
    assert menu.summary.get_text(strip=True) == "我的"
    assert "138****8000" in menu.get_text()
    assert menu.select_one("form[action='/sign-out'] button").get_text(strip=True) == "退出登录"
    links = [a["href"] for a in menu.select("a")]
    assert links == ["/applications/", "/inbox/", "/complaints/", "/people/", "/privacy/my-data"]
    for link in links:
        signed_in.get_url(link)


def test_the_home_page_leads_to_every_public_service(client_request: ClientRequest) -> None:
    page = client_request.get("home.index")
    tasks = {
        a.select_one(".task-menu__title").get_text(strip=True): a["href"]
        for a in page.select(".task-menu__item")
    }
    assert tasks["定点护理机构"] == "/institutions/"
    assert tasks["问问小助手"] == "/assistant/"
    footer = [a["href"] for a in page.select("footer a")]
    assert "/complaints/" in footer
    for link in [*tasks.values(), *footer]:
        if link.startswith("/"):  # a page, or the sign-in before it
            assert client_request.client.get(link).status_code in (200, 303), link
