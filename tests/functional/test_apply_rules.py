"""The portal warns and never refuses (POLICY.md opening): every reason the agency may refuse
an application for is shown early with its article in words, and the person can still submit
after a plain confirmation. The questions and hints come from the person's own region."""

import re

from flask import Flask

from portal import id_numbers
from portal.extensions import db
from portal.models import Application, ApplicationStatus
from tests.functional.conftest import MA_XIULAN, ClientRequest
from tests.functional.journey import (
    ANSWERS,
    AYGUL,
    application_id_for,
    person_adds,
    person_answers_everything,
    person_completes_application,
    person_consents,
    person_self_assesses,
    person_starts_application,
    person_uploads_missing_materials,
)

WANG_SHUZHEN = {  # heilongjiang, on the demo roster
    "name": "王淑珍",
    "id_number": id_numbers.with_check_character("23010319470530202"),
}
INTERNAL_CODE = re.compile(r"\d{3}:(\d|附件|\()")


def answer(
    client_request: ClientRequest, application_id: int, key: str, data: dict[str, str]
) -> None:
    client_request.post("apply.question_page", data, application_id=application_id, key=key)


def ningxia_application_answering(
    app: Flask, client_request: ClientRequest, **answers: dict[str, str]
) -> int:
    """A complete ningxia application, its answers changed as given."""
    person_consents(client_request)
    person_adds(client_request)
    person_self_assesses(app, client_request, MA_XIULAN["name"])
    saved = {key: ANSWERS[key] for key in answers}
    ANSWERS.update(answers)
    try:
        return person_completes_application(app, client_request, MA_XIULAN["name"])
    finally:
        ANSWERS.update(saved)


def status_of(app: Flask, application_id: int) -> Application:
    with app.app_context():
        application = db.session.get(Application, application_id)
        db.session.expunge(application)
        return application


# ------------------------------------------------------------------ warn, never refuse


def test_submission_is_allowed_after_a_warning_with_its_article_ningxia_000_12_2_3(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ningxia_application_answering(
        app, signed_in, work_injury_allowance={"choice": "yes"}
    )
    check = signed_in.get("apply.check", application_id=application_id)
    panel = check.select_one(".warning-panel").get_text()
    assert "参保人正在领取工伤保险生活护理费。" in panel
    assert "《宁夏回族自治区长期护理保险经办规程》第十二条第二款第三项" in panel
    assert "继续领取工伤保险生活护理费" in panel  # what the person can do
    assert check.select_one("a[href$='/submit-anyway']")

    # A direct submit first shows why the agency may refuse.
    response = signed_in.post("apply.submit", application_id=application_id)
    assert response.headers["Location"].endswith("/submit-anyway")
    assert status_of(app, application_id).status is ApplicationStatus.DRAFT

    confirm = signed_in.get("apply.submit_anyway", application_id=application_id)
    assert confirm.h1.get_text(strip=True) == "经办机构可能不予受理这份申请"
    assert "第十二条第二款第三项" in confirm.get_text()
    assert "您仍然可以提交" in confirm.get_text()
    warnings = confirm.select_one("input[name=warnings]")["value"]
    assert warnings == "work_injury_care_allowance"
    signed_in.post("apply.submit_anyway", {"warnings": warnings}, application_id=application_id)
    submitted = status_of(app, application_id)
    assert submitted.status is ApplicationStatus.SUBMITTED
    assert submitted.reference.startswith("NX-")
    assert submitted.warnings_acknowledged == ["work_injury_care_allowance"]
    page = signed_in.get("apply.confirmation", application_id=application_id)
    assert "申请已提交" in page.get_text()


def test_reasons_that_changed_since_the_page_was_shown_are_confirmed_again(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ningxia_application_answering(
        app, signed_in, work_injury_allowance={"choice": "yes"}, months_disabled={"months": "2"}
    )
    response = signed_in.post(
        "apply.submit_anyway",
        {"warnings": "work_injury_care_allowance"},
        _expected_status=200,
        application_id=application_id,
    )
    page = signed_in.parse(response)
    assert status_of(app, application_id).status is ApplicationStatus.DRAFT
    assert page.select_one("input[name=warnings]")["value"] == (
        "disabled_under_6_months,work_injury_care_allowance"
    )
    assert "还没有持续满6个月" in page.get_text()


def test_missing_materials_warn_and_do_not_block_000_12_2_5(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    person_answers_everything(signed_in, application_id)
    signed_in.post("apply.pledge", {"accept": "y"}, application_id=application_id)
    # Still filling in: nothing uploaded is no warning yet on the task list.
    assert not signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    check = signed_in.get("apply.check", application_id=application_id)
    panel = check.select_one(".warning-panel").get_text()
    assert "申请材料还不全。" in panel
    assert "住院病历复印件" in panel and "《长期护理失能等级自评表》" in panel
    assert "第十二条第二款第五项" in panel
    confirm = signed_in.get("apply.submit_anyway", application_id=application_id)
    signed_in.post(
        "apply.submit_anyway",
        {"warnings": confirm.select_one("input[name=warnings]")["value"]},
        application_id=application_id,
    )
    submitted = status_of(app, application_id)
    assert submitted.status is ApplicationStatus.SUBMITTED
    assert submitted.warnings_acknowledged == ["incomplete_materials"]


def test_an_application_without_warnings_submits_at_once(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ningxia_application_answering(app, signed_in)
    check = signed_in.get("apply.check", application_id=application_id)
    assert not check.select_one(".warning-panel")
    signed_in.post("apply.submit", application_id=application_id)
    submitted = status_of(app, application_id)
    assert submitted.status is ApplicationStatus.SUBMITTED
    assert submitted.warnings_acknowledged is None
    text = (
        signed_in.get("apply.confirmation", application_id=application_id)
        .select_one("main")
        .get_text()
    )
    # How to object and when benefits start, as 000:15(5) and 000:16 say them
    assert "结论书送达之日起 10 个工作日内申请复评" in text
    assert "要书面提出" in text and "不再受理" in text
    assert "从认定通过的次月起享受待遇" in text and "第十六条" in text


def test_heilongjiang_confirmation_adds_nothing_its_document_does_not_say(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    """002:8(6): 15 working days, no start, no "written", no "late refused"; 002 does not
    say when benefits start. Said plainly, with the hotline; never ningxia's 000:16."""
    application_id = person_starts_application(app, signed_in, WANG_SHUZHEN)
    person_answers_everything(signed_in, application_id)
    person_uploads_missing_materials(signed_in, application_id)
    signed_in.post("apply.submit", application_id=application_id)
    assert status_of(app, application_id).reference.startswith("HL-")
    text = (
        signed_in.get("apply.confirmation", application_id=application_id)
        .select_one("main")
        .get_text()
    )
    assert "15 个工作日内申请复评" in text and "送达之日起 15" not in text
    assert "这是长护通的理解" in text
    assert "书面" not in text and "不再受理" not in text
    assert "黑龙江省的文件没有规定这一点。经办机构会告诉您；也可以打热线 12393 问。" in text
    assert "次月" not in text
    record = signed_in.get("apply.record", application_id=application_id).get_text()
    assert "承诺书" not in record and "中风后卧床两年" in record


# ------------------------------------------------------------------ xinjiang 001:6.2(6)


def xinjiang_draft(app: Flask, client_request: ClientRequest) -> int:
    person_consents(client_request)
    person_adds(client_request, AYGUL)
    client_request.post("apply.start", {"person": str(_person_id(app, AYGUL["name"]))})
    return application_id_for(app, AYGUL["name"])


def _person_id(app: Flask, name: str) -> int:
    from tests.functional.journey import insured_person_id

    return insured_person_id(app, name)


def test_xinjiang_asks_whether_the_last_conclusion_failed_and_a_passed_one_never_counts(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = xinjiang_draft(app, signed_in)
    answer(signed_in, application_id, "first_application", {"choice": "no"})
    page = signed_in.get(
        "apply.question_page", application_id=application_id, key="last_conclusion"
    )
    assert "没有通过" in page.get_text()
    rule = page.select_one(".rule-note").get_text()
    assert "或者" in rule and "《新疆维吾尔自治区长期护理保险经办规程》第六条第二款第六项" in rule
    answer(signed_in, application_id, "last_conclusion", {"choice": "passed"})
    for key in ("last_conclusion_date", "condition_changed"):
        signed_in.get(
            "apply.question_page", application_id=application_id, key=key, _expected_status=404
        )
    assert not signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )


def test_xinjiang_either_ground_of_001_6_2_6_warns_on_its_own(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = xinjiang_draft(app, signed_in)
    answer(signed_in, application_id, "first_application", {"choice": "no"})
    answer(signed_in, application_id, "last_conclusion", {"choice": "failed"})
    answer(signed_in, application_id, "last_conclusion_date", {"date": "2020-01-10"})
    answer(signed_in, application_id, "condition_changed", {"choice": "no"})
    panel = signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    assert "没有明显变化" in panel.get_text()
    assert "不满6个月" not in panel.get_text() and "还不满6个月" not in panel.get_text()
    answer(signed_in, application_id, "condition_changed", {"choice": "yes"})
    assert not signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    recent = f"{date_months_ago(2)}"
    answer(signed_in, application_id, "last_conclusion_date", {"date": recent})
    panel = signed_in.get("apply.task_list", application_id=application_id).select_one(
        ".warning-panel"
    )
    assert "上次评估未通过的结论作出还不满6个月。" in panel.get_text()
    assert "这一条就不再适用" in panel.get_text()


def test_a_conclusion_date_that_does_not_exist_is_explained(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = xinjiang_draft(app, signed_in)
    answer(signed_in, application_id, "first_application", {"choice": "no"})
    answer(signed_in, application_id, "last_conclusion", {"choice": "failed"})
    for given, message in [("2026-02-30", "这个日期不存在"), ("2999-01-01", "不能晚于今天")]:
        response = signed_in.post(
            "apply.question_page",
            {"date": given},
            _expected_status=200,
            application_id=application_id,
            key="last_conclusion_date",
        )
        assert message in signed_in.parse(response).select_one("#date-error").get_text()
    signed_in.get("apply.task_list", application_id=application_id)


def date_months_ago(months: int) -> str:
    from portal.clock import china_today
    from portal.policy import add_months

    return add_months(china_today(), -months).isoformat()


def test_the_failed_conclusion_questions_are_xinjiangs_only(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in)
    answer(signed_in, application_id, "first_application", {"choice": "no"})
    signed_in.get(
        "apply.question_page",
        application_id=application_id,
        key="last_conclusion",
        _expected_status=404,
    )


# ------------------------------------------------------------------ region data only


def test_a_question_shows_only_the_persons_own_regions_rule(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    """A ningxia applicant never sees "新疆规定…": hints come from the region's profile."""
    application_id = person_starts_application(app, signed_in)
    for key in ("months_disabled", "first_application", "work_injury_allowance"):
        page = signed_in.get("apply.question_page", application_id=application_id, key=key)
        text = page.select_one("main").get_text()
        assert "新疆" not in text and "黑龙江" not in text, key
        assert not INTERNAL_CODE.search(text), key
    page = signed_in.get(
        "apply.question_page", application_id=application_id, key="work_injury_allowance"
    )
    rule = page.select_one(".rule-note").get_text()
    assert "领取工伤保险生活护理费的，不予受理评估申请。" in rule
    assert "《宁夏回族自治区长期护理保险经办规程》第十二条第二款第三项" in rule


def test_heilongjiang_asks_about_treatment_with_its_own_rule_002_6_2_2(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, WANG_SHUZHEN)
    page = signed_in.get("apply.question_page", application_id=application_id, key="months_treated")
    rule = page.select_one(".rule-note").get_text()
    assert "参保未满6个月，并且治疗未满6个月的" in rule
    assert "《黑龙江省长期护理保险经办规程》第六条第二款第二项" in rule
    assert "宁夏" not in page.select_one("main").get_text()


def test_heilongjiang_asks_for_no_pledge_because_002_states_none(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(app, signed_in, WANG_SHUZHEN)
    page = signed_in.get("apply.task_list", application_id=application_id)
    titles = [a.get_text(strip=True) for a in page.select(".task-list__link")]
    assert "承诺书" not in titles and "失能自评" not in titles
    signed_in.get("apply.pledge", application_id=application_id, _expected_status=404)


def test_a_guardian_applies_without_a_power_of_attorney(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = person_starts_application(
        app, signed_in, AYGUL, relation="child", acting_as="guardian"
    )
    page = signed_in.get("apply.materials", application_id=application_id)
    codes = [li["id"].removeprefix("material-") for li in page.select(".material")]
    assert "power_of_attorney" not in codes and "agent_id_and_bank_card" not in codes
    assert "id_document" in codes


def test_annex_1_options_are_complete(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    """001 annex 1: nine living arrangements, eight carers, four education levels."""
    application_id = person_starts_application(app, signed_in)
    counts = {}
    for key in ("living", "carer", "education"):
        page = signed_in.get("apply.question_page", application_id=application_id, key=key)
        counts[key] = len(page.select("input[type=radio]"))
    assert counts == {"living": 9, "carer": 8, "education": 4}


# ------------------------------------------------------------------ citations in words


def test_no_page_of_the_application_shows_an_internal_code_in_either_language(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = ningxia_application_answering(
        app, signed_in, work_injury_allowance={"choice": "yes"}
    )
    pages = [
        ("apply.task_list", {}),
        ("apply.materials", {}),
        ("apply.pledge", {}),
        ("apply.check", {}),
        ("apply.submit_anyway", {}),
        ("apply.question_page", {"key": "work_injury_allowance"}),
    ]
    for language in ("zh", "ug"):
        signed_in.client.get(f"/language/{language}")
        for endpoint, extra in pages:
            page = signed_in.get(endpoint, application_id=application_id, **extra)
            text = page.select_one("main").get_text()
            assert not INTERNAL_CODE.search(text), (language, endpoint)
            assert "national default" not in text
            if language == "ug":
                for title in page.select(".citation bdi"):
                    assert title["lang"] == "zh-Hans" and title.get_text().startswith("《")
    signed_in.client.get("/language/zh")
    warnings = signed_in.get("apply.submit_anyway", application_id=application_id)
    signed_in.post(
        "apply.submit_anyway",
        {"warnings": warnings.select_one("input[name=warnings]")["value"]},
        application_id=application_id,
    )
    page = signed_in.get("apply.confirmation", application_id=application_id)
    assert not INTERNAL_CODE.search(page.select_one("main").get_text())
    assert "原则上" in page.get_text()
