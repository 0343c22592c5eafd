"""The public directory of designated care institutions (/institutions/, the bot's link): no
sign-in; name, address, tap-to-call phone, service types, district and a map link; filtered by
district and service type, as a page and as an htmx fragment; in both languages."""

from flask import Flask

from tests.functional.conftest import ClientRequest


def text_of(page: object) -> str:
    return " ".join(page.get_text().split())  # type: ignore[attr-defined]


def test_anyone_finds_an_institution_by_district_and_service_type(
    client_request: ClientRequest, roster: None
) -> None:
    page = client_request.get("institutions.directory", region="ningxia")
    cards = page.select(".institution")
    assert len(cards) == 2
    first = next(card for card in cards if "康宁护理院" in text_of(card))
    assert first.select_one("a[href^='tel:']")["href"] == "tel:09515012345"
    assert "uri.amap.com/search?keyword=" in first.select_one("a[href*='amap']")["href"]
    assert "机构护理" in text_of(first) and "居家护理" in text_of(first)
    assert "还没有人评价" in text_of(first)
    home_in_xingqing = client_request.get(
        "institutions.directory", region="ningxia", district="兴庆区", type="community"
    )
    names = [text_of(c.select_one("h3")) for c in home_in_xingqing.select(".institution")]
    assert names == ["银川市兴庆区社区居家护理服务中心"]
    none = client_request.get(
        "institutions.directory", region="ningxia", district="兴庆区", type="institution"
    )
    assert not none.select(".institution") and "没有符合条件的机构" in text_of(none)


def test_the_filter_answers_htmx_with_the_results_alone(
    client_request: ClientRequest, roster: None
) -> None:
    fragment = client_request.client.get(
        "/institutions/?region=xinjiang&type=home",
        headers={"HX-Request": "true", "HX-Target": "institution-results"},
    )
    assert fragment.status_code == 200
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="institution-results"') and "<html" not in body


def test_the_directory_in_uyghur_gives_published_uyghur_names(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    client_request.client.get("/language/ug?next=/")
    page = client_request.get("institutions.directory", region="xinjiang")
    assert page.find("html")["dir"] == "rtl"
    first = page.select_one(".institution h3")
    assert first is not None and first.get("lang") is None  # the agency's Uyghur name
    assert "تېلېفون" in text_of(page.select_one(".institution"))


def test_an_unknown_region_is_404_and_the_bare_address_asks_for_one(
    client_request: ClientRequest, roster: None
) -> None:
    client_request.get("institutions.directory", _expected_status=404, region="atlantis")
    page = client_request.get("institutions.directory")
    assert not page.select(".institution") and page.select(".region-choice a")


def test_an_imported_list_may_carry_the_uyghur_names(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    from portal.institutions.importer import import_institutions

    csv = (
        "region,name,district,address,phone,service_types,name_ug,district_ug,address_ug\n"
        "xinjiang,乌鲁木齐市水磨沟区康乐护理院,水磨沟区,乌鲁木齐市水磨沟区南湖路1号,0991-1234567,"
        "home;institution,ئۈرۈمچى سۇمۇگۇ كاڭلې پەرۋىش ئورنى,سۇمۇگۇ رايونى,"
        "ئۈرۈمچى سۇمۇگۇ نەنخۇ يولى 1-نومۇر\n"
    )
    with app.app_context():
        assert import_institutions(csv).added == 1
    client_request.client.get("/language/ug?next=/")
    page = client_request.get("institutions.directory", region="xinjiang", district="水磨沟区")
    assert [text_of(h) for h in page.select(".institution h3")] == [
        "ئۈرۈمچى سۇمۇگۇ كاڭلې پەرۋىش ئورنى"
    ]
    assert "سۇمۇگۇ رايونى" in text_of(page.select_one("#district"))
