"""GET /api/v1/regions and /api/v1/regions/<code>: the bot's view of each region's rules."""

import pytest
from flask.testing import FlaskClient

REGION_NAMES = {
    "fuzhou": ("福州市", "فۇجۇ شەھىرى"),
    "heilongjiang": ("黑龙江省", "خېيلۇڭجياڭ ئۆلكىسى"),
    "ningxia": ("宁夏回族自治区", "نىڭشيا خۇيزۇ ئاپتونوم رايونى"),
    "tianjin": ("天津市", "تيەنجىن شەھىرى"),
    "xinjiang": ("新疆维吾尔自治区", "شىنجاڭ ئۇيغۇر ئاپتونوم رايونى"),
}


def _names(language: int) -> list[dict[str, str]]:
    return [{"code": code, "name": names[language]} for code, names in REGION_NAMES.items()]


def test_every_region_but_national_is_listed_in_chinese_by_default(client: FlaskClient) -> None:
    response = client.get("/api/v1/regions")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == _names(0)


@pytest.mark.parametrize(
    ("lang", "accept_language", "language"),
    [
        (None, "ug", 1),
        (None, "ug-CN,ug;q=0.9,zh;q=0.5", 1),
        (None, "zh-CN", 0),
        ("ug", None, 1),
        ("zh", "ug", 0),
        ("fr", "ug", 1),  # an unsupported ?lang= is ignored
    ],
)
def test_region_names_follow_the_request_language(
    client: FlaskClient, lang: str | None, accept_language: str | None, language: int
) -> None:
    response = client.get(
        "/api/v1/regions",
        query_string={"lang": lang} if lang else {},
        headers={"Accept-Language": accept_language} if accept_language else {},
    )
    assert response.json == _names(language)


def test_the_language_cookie_chooses_the_names_too(client: FlaskClient) -> None:
    client.set_cookie("lang", "ug")
    assert client.get("/api/v1/regions", headers={"Accept-Language": "zh"}).json == _names(1)


def test_a_profile_is_the_whole_region_with_a_source_for_every_rule(client: FlaskClient) -> None:
    profile = client.get("/api/v1/regions/ningxia").json
    assert profile["code"] == "ningxia"
    assert profile["name"] == {"zh": "宁夏回族自治区", "ug": "نىڭشيا خۇيزۇ ئاپتونوم رايونى"}
    objection = profile["periods"]["objection"]
    assert (objection["stated"], objection["count"], objection["unit"], objection["from"]) == (
        True,
        10,
        "working_days",
        "delivery",
    )
    assert (objection["written"], objection["late_not_accepted"]) == (True, True)
    assert objection["source"] == "000:15(5)"
    assert objection["citation"]["zh"] == "《宁夏回族自治区长期护理保险经办规程》第十五条第（五）项"
    assert profile["self_assessment"]["source"] == "000:12.1"
    assert profile["reference_prefix"] == "NX"
    sourced = [
        *[p for p in profile["periods"].values() if p["stated"]],
        *profile["refusals"],
        *profile["materials"],
        *profile["service_types"],
        profile["pledge"],
    ]
    assert all(entry["source"] and entry["citation"]["zh"] for entry in sourced)


def test_a_profile_shows_xinjiangs_extension_and_what_is_not_stated(
    client: FlaskClient,
) -> None:
    xinjiang = client.get("/api/v1/regions/xinjiang").json
    extension = xinjiang["periods"]["conclusion_delivery"]["extension"]
    assert (extension["count"], extension["unit"], extension["source"]) == (
        30,
        "days",
        "001:8(1)3; 001:8(2)3",
    )
    fuzhou = client.get("/api/v1/regions/fuzhou").json
    assert fuzhou["periods"]["objection"]["stated"] is False
    assert fuzhou["periods"]["objection"]["source"] is None
    heilongjiang = client.get("/api/v1/regions/heilongjiang").json
    assert heilongjiang["periods"]["benefit_start"]["stated"] is False
    assert heilongjiang["pledge"] is None
    objection = heilongjiang["periods"]["objection"]
    assert (objection["written"], objection["late_not_accepted"], objection["from_is_reading"]) == (
        None,
        False,
        True,
    )
    assert "national default" not in str(fuzhou) + str(heilongjiang)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh", "没有找到“shanghai”这个地区。"),
        ("ug", "«shanghai» دېگەن رايون تېپىلمىدى."),
    ],
)
def test_an_unknown_region_is_a_404_in_the_persons_language(
    client: FlaskClient, language: str, message: str
) -> None:
    response = client.get("/api/v1/regions/shanghai", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert response.json == {"error": message}


def test_national_is_the_fallback_not_a_region(client: FlaskClient) -> None:
    response = client.get("/api/v1/regions/national")
    assert response.status_code == 404
    assert response.json == {"error": "没有找到“national”这个地区。"}


@pytest.mark.parametrize(
    ("language", "message"), [("zh", "没有找到这个地址。"), ("ug", "بۇ ئادرېس تېپىلمىدى.")]
)
def test_an_unknown_api_path_answers_json_not_an_html_page(
    client: FlaskClient, language: str, message: str
) -> None:
    response = client.get("/api/v1/regionz", query_string={"lang": language})
    assert response.status_code == 404
    assert response.json == {"error": message}


def test_region_data_may_be_kept_briefly_by_the_client_but_not_by_shared_caches(
    client: FlaskClient,
) -> None:
    response = client.get("/api/v1/regions")
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    again = client.get("/api/v1/regions", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_errors_are_not_cached(client: FlaskClient) -> None:
    response = client.get("/api/v1/regions/shanghai")
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Accept-Language" in response.vary
