"""GET /api/v1/regions/<code>/deadlines/<rule>?from=YYYY-MM-DD.

The expected dates are counted by hand from the State Council's 2026 holiday notice:
Mid-Autumn Festival 2026-09-25 (Fri) off; National Day 2026-10-01 to 10-07 off, with
2026-09-20 (Sun) and 2026-10-10 (Sat) as make-up working days. The starting day is never
counted (民法典 art. 201). 2027's notice is not out yet, so deadlines reaching into 2027 are
provisional (statutory holidays only, e.g. 2027-01-01 off, no make-up days).
"""

import pytest
from flask.testing import FlaskClient


def _deadline(client: FlaskClient, region: str, rule: str, **query: str) -> dict[str, object]:
    response = client.get(f"/api/v1/regions/{region}/deadlines/{rule}", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.json
    assert isinstance(body, dict)
    return body


def test_ningxia_objection_counts_the_national_day_make_up_saturday(client: FlaskClient) -> None:
    # Conclusion delivered Wed 2026-09-30; 10 working days (000:15(5)):
    # 10-08 Thu 1, 10-09 Fri 2, 10-10 Sat (make-up) 3, 10-12 4, 10-13 5, 10-14 6, 10-15 7,
    # 10-16 8, 10-19 9, 10-20 10. Without the make-up day it would be 10-21.
    assert _deadline(client, "ningxia", "objection", **{"from": "2026-09-30"}) == {
        "region": "ningxia",
        "rule": "objection",
        "from": "2026-09-30",
        "due": "2026-10-20",
        "working_days": 10,
        "provisional": False,
        "moved_from": None,
        "source": "000:15(5)",
        # the internal code stays; the readable citation comes alongside
        "citation": {
            "zh": "《宁夏回族自治区长期护理保险经办规程》第十五条第（五）项",
            "ug": "\u2068《宁夏回族自治区长期护理保险经办规程》\u2069 15-ماددا، 5-تۈر",
        },
        "qualifier": None,
        "from_is_reading": False,
        "condition": None,
        "note": None,
    }


def test_xinjiang_objection_can_end_on_the_make_up_saturday(client: FlaskClient) -> None:
    # Publicity starts Mon 2026-09-28; 5 working days (001:8(1)5; 001:8(2)3):
    # 09-29 1, 09-30 2, (10-01…10-07 off) 10-08 3, 10-09 4, 10-10 Sat (make-up) 5.
    body = _deadline(client, "xinjiang", "objection", **{"from": "2026-09-28"})
    assert (body["due"], body["working_days"], body["provisional"]) == ("2026-10-10", 5, False)
    assert body["source"] == "001:8(1)5; 001:8(2)5; 001:8(2)3"
    # "不少于5个工作日", and only for way （2）: the answer says both
    assert body["qualifier"] == "at_least"
    assert "公示" in body["condition"]


@pytest.mark.parametrize("publicised", ["true", "1", ""])
def test_a_publicised_conclusion_in_xinjiang_has_its_objection_date(
    client: FlaskClient, publicised: str
) -> None:
    body = _deadline(
        client, "xinjiang", "objection", **{"from": "2026-09-28", "publicised": publicised}
    )
    assert body["due"] == "2026-10-10"


def test_an_unpublicised_conclusion_changes_nothing_where_the_window_runs_from_delivery(
    client: FlaskClient,
) -> None:
    # ningxia counts 10 working days from delivery (000:15(5)), publicised or not.
    body = _deadline(
        client, "ningxia", "objection", **{"from": "2026-09-30", "publicised": "false"}
    )
    assert body["due"] == "2026-10-20"


def test_xinjiang_conclusion_delivery_and_its_complex_case_extension(client: FlaskClient) -> None:
    # Accepted Tue 2026-09-01; 30 working days (001:8(1)3): September's 21 weekdays after
    # the 1st, minus Fri 09-25 (Mid-Autumn), plus Sun 09-20 (make-up) = 21 by 09-30; then
    # 10-08 22, 10-09 23, 10-10 Sat 24, 10-12…10-16 25–29, 10-19 30.
    plain = _deadline(client, "xinjiang", "conclusion_delivery", **{"from": "2026-09-01"})
    assert (plain["due"], plain["working_days"], plain["provisional"]) == ("2026-10-19", 30, False)
    # "可以适当延长30日": 30 calendar days more from the original due date: 10-19 + 30 = 11-18.
    extended = _deadline(
        client, "xinjiang", "conclusion_delivery", **{"from": "2026-09-01", "extended": "true"}
    )
    assert (extended["due"], extended["provisional"]) == ("2026-11-18", False)
    assert extended["source"] == "001:8(1)3; 001:8(2)3"
    not_extended = _deadline(
        client, "xinjiang", "conclusion_delivery", **{"from": "2026-09-01", "extended": "false"}
    )
    assert not_extended["due"] == "2026-10-19"


def test_a_working_day_deadline_reaching_into_2027_is_provisional(client: FlaskClient) -> None:
    # Heilongjiang objection, 15 working days (002:8(6)) from Mon 2026-12-21:
    # 12-22…12-25 1–4, 12-28…12-31 5–8, (2027-01-01 off) 01-04…01-08 9–13, 01-11 14, 01-12 15.
    body = _deadline(client, "heilongjiang", "objection", **{"from": "2026-12-21"})
    assert (body["due"], body["working_days"], body["provisional"], body["source"]) == (
        "2027-01-12",
        15,
        True,
        "002:8(6)",
    )
    # 002:8(6) names no start: counting from delivery is the portal's reading, and it says so
    assert body["from_is_reading"] is True
    assert "这是长护通的理解" in body["note"]


def test_a_rule_all_three_provincial_documents_share_cites_them_for_fuzhou(
    client: FlaskClient,
) -> None:
    # Fuzhou acceptance review: 5 working days as 000:14, 001:7 and 002:7 all state, from
    # Mon 2026-12-28: 12-29 1, 12-30 2, 12-31 3, (2027-01-01 off) 01-04 4, 01-05 5.
    body = _deadline(client, "fuzhou", "acceptance_review", **{"from": "2026-12-28"})
    assert (body["due"], body["provisional"], body["source"]) == (
        "2027-01-05",
        True,
        "000:14; 001:7; 002:7",
    )
    assert "national default" not in str(body)


def test_xinjiang_extension_ending_in_a_holiday_ends_the_day_after_civil_code_art_203(
    client: FlaskClient,
) -> None:
    # Accepted 2026-07-23: 30 working days end 09-03; 30 days more end Sat 10-03, inside
    # National Day, so the period ends on Thu 10-08 (民法典 第二百零三条).
    body = _deadline(
        client, "xinjiang", "conclusion_delivery", **{"from": "2026-07-23", "extended": "true"}
    )
    assert (body["due"], body["moved_from"]) == ("2026-10-08", "2026-10-03")


@pytest.mark.parametrize(
    ("region", "rule", "start", "due", "source"),
    [
        # 6 months after 2026-08-31 has no 31st: the month's last day (民法典 art. 202).
        ("ningxia", "reassessment_earliest", "2026-08-31", "2027-02-28", "000:15(6)"),
        ("ningxia", "validity_end", "2026-03-15", "2028-03-15", "000:15(2)"),
        # Month-start rules do not depend on any holiday schedule, so never provisional.
        ("tianjin", "service_mode_change", "2026-12-15", "2027-01-01", "004:(五)"),
        ("ningxia", "benefit_start", "2026-10-09", "2026-11-01", "000:16"),
    ],
)
def test_calendar_periods_have_no_working_day_count(
    client: FlaskClient, region: str, rule: str, start: str, due: str, source: str
) -> None:
    body = _deadline(client, region, rule, **{"from": start})
    assert body["due"] == due
    assert body["source"] == source
    assert body["working_days"] is None
    assert body["provisional"] is False


def test_deadlines_may_be_kept_briefly_by_the_client(client: FlaskClient) -> None:
    response = client.get("/api/v1/regions/ningxia/deadlines/objection?from=2026-09-30")
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert "no-store" not in response.headers["Cache-Control"]


ERRORS = {
    "missing_date": (
        400,
        "请给出起算日期，格式是 年-月-日，例如 2026-10-09。",
        "ھېسابلاش باشلىنىدىغان چېسلانى يىل-ئاي-كۈن شەكلىدە يېزىڭ، مەسىلەن: 2026-10-09.",
    ),
    "bad_date": (
        400,
        "起算日期不对。请写一个真实的日期，格式是 年-月-日，例如 2026-10-09。",
        "ھېسابلاش باشلىنىدىغان چېسلا توغرا ئەمەس. راستتىنلا بار بىر چېسلانى يىل-ئاي-كۈن"
        " شەكلىدە يېزىڭ، مەسىلەن: 2026-10-09.",
    ),
    "date_out_of_range": (
        400,
        "只能计算2000年到2100年之间的日期。",
        "پەقەت 2000-يىلدىن 2100-يىلغىچە بولغان چېسلالارنىلا ھېسابلىغىلى بولىدۇ.",
    ),
    "bad_extended": (
        400,
        "“extended”只能是 true 或 false。",
        "«extended» پەقەت true ياكى false بولالايدۇ.",
    ),
    "bad_publicised": (
        400,
        "“publicised”只能是 true 或 false。",
        "«publicised» پەقەت true ياكى false بولالايدۇ.",
    ),
    "unknown_region": (
        404,
        "没有找到“beijing”这个地区。",
        "«beijing» دېگەن رايون تېپىلمىدى.",
    ),
    "unknown_rule": (
        404,
        "没有“appeal”这种期限。",
        "«appeal» دېگەن مۇددەت يوق.",
    ),
    "not_stated": (
        422,
        "福州市的政策文件没有规定这个期限，所以算不出日期。"
        "经办机构会告诉您；也可以打热线 12393 问。",
        "فۇجۇ شەھىرى ئۆز سىياسەت ھۆججەتلىرىدە بۇ مۇددەتنى بەلگىلىمىگەن، شۇڭا چېسلانى ھېسابلاپ"
        " چىقارغىلى بولمايدۇ. بېجىرىش ئورگىنى سىزگە ئېيتىپ بېرىدۇ؛ \u206812393\u2069 نومۇرلۇق"
        " مۇلازىمەت تېلېفونىغا تېلېفون قىلىپ سورىسىڭىزمۇ بولىدۇ.",
    ),
    "benefit_start_not_stated": (
        422,
        "黑龙江省的政策文件没有规定这个期限，所以算不出日期。"
        "经办机构会告诉您；也可以打热线 12393 问。",
        "خېيلۇڭجياڭ ئۆلكىسى ئۆز سىياسەت ھۆججەتلىرىدە بۇ مۇددەتنى بەلگىلىمىگەن، شۇڭا چېسلانى"
        " ھېسابلاپ چىقارغىلى بولمايدۇ. بېجىرىش ئورگىنى سىزگە ئېيتىپ بېرىدۇ؛ \u206812393\u2069"
        " نومۇرلۇق مۇلازىمەت تېلېفونىغا تېلېفون قىلىپ سورىسىڭىزمۇ بولىدۇ.",
    ),
    "failed_conclusion_not_publicised": (
        422,
        "新疆维吾尔自治区的政策文件没有规定这个期限，所以算不出日期。"
        "经办机构会告诉您；也可以打热线 12393 问。",
        "شىنجاڭ ئۇيغۇر ئاپتونوم رايونى ئۆز سىياسەت ھۆججەتلىرىدە بۇ مۇددەتنى بەلگىلىمىگەن، شۇڭا"
        " چېسلانى ھېسابلاپ چىقارغىلى بولمايدۇ. بېجىرىش ئورگىنى سىزگە ئېيتىپ بېرىدۇ؛"
        " \u206812393\u2069 نومۇرلۇق مۇلازىمەت تېلېفونىغا تېلېفون قىلىپ سورىسىڭىزمۇ بولىدۇ.",
    ),
    "no_extension": (
        422,
        "宁夏回族自治区的政策文件没有规定这个期限可以延长。",
        "نىڭشيا خۇيزۇ ئاپتونوم رايونى ئۆز سىياسەت ھۆججەتلىرىدە بۇ مۇددەتنى ئۇزارتىشقا"
        " بولىدىغانلىقىنى بەلگىلىمىگەن.",
    ),
}

REQUESTS = {
    "missing_date": "/api/v1/regions/ningxia/deadlines/objection",
    "bad_date": "/api/v1/regions/ningxia/deadlines/objection?from=2026-02-30",
    "date_out_of_range": "/api/v1/regions/ningxia/deadlines/objection?from=9999-12-31",
    "bad_extended": "/api/v1/regions/xinjiang/deadlines/conclusion_delivery"
    "?from=2026-09-01&extended=yes",
    "bad_publicised": "/api/v1/regions/xinjiang/deadlines/objection?from=2026-09-28&publicised=no",
    "unknown_region": "/api/v1/regions/beijing/deadlines/objection?from=2026-09-30",
    "unknown_rule": "/api/v1/regions/ningxia/deadlines/appeal?from=2026-09-30",
    # Fuzhou's documents set no objection period, and there is no national default.
    "not_stated": "/api/v1/regions/fuzhou/deadlines/objection?from=2026-09-30",
    # 002 does not say when benefits start: not ningxia's 000:16 borrowed.
    "benefit_start_not_stated": "/api/v1/regions/heilongjiang/deadlines/benefit_start"
    "?from=2026-09-30",
    # xinjiang's objection window is the publicity period (001:8(1)5); a failed conclusion is
    # not publicised, and 001 states no window for it: not a 5-working-day date.
    "failed_conclusion_not_publicised": "/api/v1/regions/xinjiang/deadlines/objection"
    "?from=2026-09-28&publicised=false",
    "no_extension": "/api/v1/regions/ningxia/deadlines/conclusion_delivery"
    "?from=2026-09-01&extended=true",
}


@pytest.mark.parametrize("language", ["zh", "ug"])
@pytest.mark.parametrize("case", list(ERRORS))
def test_refusals_are_json_sentences_in_the_persons_language(
    client: FlaskClient, case: str, language: str
) -> None:
    status, chinese, uyghur = ERRORS[case]
    response = client.get(REQUESTS[case], headers={"Accept-Language": language})
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.json == {"error": chinese if language == "zh" else uyghur}
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    "start", ["2026/09/30", "20260930", "2026-9-30", "30.09.2026", "2026-09-30T00:00", "tomorrow"]
)
def test_only_year_month_day_dates_are_accepted(client: FlaskClient, start: str) -> None:
    response = client.get(
        "/api/v1/regions/ningxia/deadlines/objection", query_string={"from": start}
    )
    assert response.status_code == 400
    assert response.json == {"error": ERRORS["bad_date"][1]}


def test_the_date_range_is_inclusive(client: FlaskClient) -> None:
    for start in ("2000-01-03", "2100-06-01"):
        _deadline(client, "ningxia", "objection", **{"from": start})
    response = client.get("/api/v1/regions/ningxia/deadlines/objection?from=1999-12-31")
    assert response.status_code == 400
