"""GET /api/v1/institutions: the published institution list (000:31(5), 002:20(4))."""

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.demo_data import load_demo_data
from portal.extensions import db
from portal.models import Institution


@pytest.fixture
def demo(app: Flask) -> None:
    with app.app_context():
        load_demo_data()


def _names(client: FlaskClient, **query: str) -> list[str]:
    response = client.get("/api/v1/institutions", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [institution["name"] for institution in response.json["institutions"]]


@pytest.mark.usefixtures("demo")
def test_without_filters_every_published_institution_is_listed(client: FlaskClient) -> None:
    assert len(_names(client)) == 10


@pytest.mark.usefixtures("demo")
def test_an_institution_has_what_a_person_needs_to_get_in_touch(client: FlaskClient) -> None:
    response = client.get("/api/v1/institutions", query_string={"region": "ningxia"})
    assert response.json == {
        "institutions": [
            {
                "name": "银川市金凤区康宁护理院",
                "address": "银川市金凤区正源北街88号",
                "phone": "0951-5012345",
                "district": "金凤区",
                "service_types": ["institution", "home"],
            },
            {
                "name": "银川市兴庆区社区居家护理服务中心",
                "address": "银川市兴庆区解放东街12号",
                "phone": "0951-6023456",
                "district": "兴庆区",
                "service_types": ["home", "community"],
            },
        ]
    }


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"region": "xinjiang"},
            ["乌鲁木齐市天山区颐和护理院", "乌鲁木齐市沙依巴克区安康居家护理站"],
        ),
        ({"region": "xinjiang", "district": "沙依巴克"}, ["乌鲁木齐市沙依巴克区安康居家护理站"]),
        ({"district": "金凤区"}, ["银川市金凤区康宁护理院"]),
        ({"district": "天山"}, ["乌鲁木齐市天山区颐和护理院"]),
        ({"region": "ningxia", "district": "天山"}, []),
        ({"service_type": "community", "region": "heilongjiang"}, ["哈尔滨市道里区社区护理服务站"]),
        ({"service_type": "institution", "region": "tianjin"}, ["天津市和平区颐养护理院"]),
        (
            {"service_type": "home", "region": "tianjin"},
            ["天津市和平区颐养护理院", "天津市南开区社区护理服务中心"],
        ),
        ({"service_type": "home", "district": "南岗"}, ["哈尔滨市南岗区福寿护理院"]),
        ({"service_type": "community", "district": "南岗"}, []),
        # An empty value is no filter, as a client building its query string may send it.
        ({"region": "", "district": "", "service_type": ""}, None),
    ],
)
def test_filters_narrow_the_list(
    client: FlaskClient, query: dict[str, str], expected: list[str] | None
) -> None:
    names = _names(client, **query)
    if expected is None:
        assert len(names) == 10
    else:
        assert names == expected


def test_district_matches_literally_not_as_a_pattern(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        load_demo_data()
        db.session.add(
            Institution(
                region_code="ningxia",
                name="测试_护理站",
                district="100%区",
                address="银川市",
                phone="0951-0000000",
                service_types=["home"],
            )
        )
        db.session.commit()
    assert _names(client, district="%") == ["测试_护理站"]
    assert _names(client, district="_") == []


def test_a_known_region_without_institutions_has_an_empty_list(client: FlaskClient) -> None:
    assert _names(client, region="fuzhou") == []


def test_the_list_is_revalidated_on_every_use(client: FlaskClient) -> None:
    response = client.get("/api/v1/institutions")
    assert response.headers["Cache-Control"] == "no-cache"
    assert "no-store" not in response.headers["Cache-Control"]
    again = client.get("/api/v1/institutions", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("query", "status", "chinese", "uyghur"),
    [
        (
            {"region": "shanghai"},
            404,
            "没有找到“shanghai”这个地区。",
            "«shanghai» دېگەن رايون تېپىلمىدى.",
        ),
        (
            {"region": "national"},
            404,
            "没有找到“national”这个地区。",
            "«national» دېگەن رايون تېپىلمىدى.",
        ),
        (
            {"service_type": "hospital"},
            400,
            "没有这种护理方式。可以选：home（居家护理）、community（社区护理）、institution（机构护理）。",
            "بۇنداق پەرۋىش شەكلى يوق. تاللىغىلى بولىدىغانلار: home (ئۆيدە پەرۋىش قىلىش)، community"
            " (مەھەللىدە پەرۋىش قىلىش)، institution (پەرۋىش ئورنىدا پەرۋىش قىلىش).",
        ),
    ],
)
@pytest.mark.parametrize("language", ["zh", "ug"])
def test_refusals_are_json_sentences_in_the_persons_language(
    client: FlaskClient,
    query: dict[str, str],
    status: int,
    chinese: str,
    uyghur: str,
    language: str,
) -> None:
    response = client.get(
        "/api/v1/institutions", query_string=query, headers={"Accept-Language": language}
    )
    assert response.status_code == status
    assert response.json == {"error": chinese if language == "zh" else uyghur}
