"""The page shell: language, text size, contrast, caching headers."""

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


def test_language_switch_names_each_language_in_itself(client_request: ClientRequest) -> None:
    switch = client_request.get("home.index").select_one("nav.language-switch")
    assert switch.select_one("[lang=zh]").get_text(strip=True) == "中文"
    link = switch.select_one("a[lang=ug]")
    assert link.get_text(strip=True) == "ئۇيغۇرچە"
    assert link["href"] == "/language/ug?next=/"


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


def test_at_the_large_sizes_the_settings_fold_into_one_control(
    client_request: ClientRequest,
) -> None:
    assert not client_request.get("home.index").select_one("details.display-settings-toggle")
    client_request.post("preferences.text_size", {"size": "3", "next": "/"})
    folded = client_request.get("home.index").select_one("details.display-settings-toggle")
    assert folded.summary.get_text(strip=True) == "字号和对比度"
    assert folded.select_one("button[name=size][value='1']")
    assert not folded.has_attr("open")
